"""Map explorer for planners: filter, drill down by clicking, read and export the table.

The whole view lives in the URL (views/state.py), so a copied link reproduces it.
Only a click on an area reruns the app; panning and zooming stay in the browser.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import streamlit as st

from dates import BE_OFFSET, format_be
from escaping import markdown_line
from geo import area_at
from geo.levels import CODE_LENGTH
from geo.maps import ATTRIBUTION
from ui.data import area_names, boundaries, display_layer, registry_data
from ui.entry import run_through_dashboard
from ui.lang import current_language
from ui.maps import map_painted, show_map
from ui.tables import notes
from views import explorer as ex
from views import filters as F
from views.classes import MAX_CLASSES, SCHEMES, distinct_values
from views.coverage import area_figures, filter_coverage, select_programmes
from views.exports import csv_bytes, xlsx_bytes
from views.filters import Filters
from views.maps import coverage_layer
from views.programme import fit_to
from views.state import (
    LEVELS,
    MIN_CLASSES,
    View,
    consistent,
    decode,
    drawn_level,
    encode,
    url_keys,
)
from views.text import t, term

# This page in the dashboard's menu (ui.navigation reads it from this file).
NAVIGATION = {"title": "page_explorer", "icon": ":material/travel_explore:", "order": 20}
run_through_dashboard()

FILTERS = F.on_page("explorer")

lang = current_language()
data = registry_data()
provinces = boundaries().layer("province")
names = area_names().set_index("code", drop=False)
regions = ex.province_regions(provinces)
options = F.options(data.programmes, data.partners, data.coverage, provinces, lang)
year_range = ex.year_bounds(data.coverage)


def put_in_widgets(view: View) -> None:
    """Shows `view` in the sidebar widgets (before they are drawn in this run)."""
    state = st.session_state
    for entry in FILTERS:
        state[f"ex_{entry.key}"] = list(view.filters.of(entry))
    if year_range:
        years = view.filters.years or year_range
        state["ex_years"] = (years[0] + BE_OFFSET, years[1] + BE_OFFSET)
    state["ex_synthetic"] = view.filters.include_synthetic
    state["ex_level"] = view.level
    state["ex_scheme"] = view.scheme
    state["ex_k"] = view.k
    state["ex_area"] = view.area
    state["ex_selected"] = view.selected


def remember(view: View) -> None:
    """Keeps `view` for this session and writes it to the URL (leaving `lang` alone)."""
    st.session_state["ex_view"] = view
    wanted = encode(view)
    st.session_state["ex_written"] = wanted
    for key in url_keys():
        if key in wanted:
            if st.query_params.get(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


def clear_filters() -> None:
    """Every filter back to 'all'; the level, drilled area and legend stay."""
    current = st.session_state.get("ex_view", View())
    put_in_widgets(replace(current, filters=Filters()))


def go_to(area: str | None) -> None:
    st.session_state["ex_area"] = area
    st.session_state["ex_selected"] = None


# --- the view: from the URL when it changed outside this page, else from the widgets ---
# Streamlit forgets a page's widget values when another page runs; the view is remembered.
WIDGET_KEYS = [f"ex_{key}" for key in (*(entry.key for entry in FILTERS), "synthetic", "level",
                                        "scheme", "k")]
in_url = {key: value for key, value in st.query_params.to_dict().items() if key in url_keys()}
if (in_url != st.session_state.get("ex_written")
        or any(key not in st.session_state for key in WIDGET_KEYS)):
    remembered = st.session_state.get("ex_view")
    linked = remembered if not in_url and remembered else decode(in_url)
    put_in_widgets(ex.known_only(linked, options, year_range, names.index))


def years_chosen(years_in_slider: tuple[int, int] | None) -> tuple[int, int] | None:
    """The CE years a slider position (BE) filters on; None when it spans every year."""
    if not years_in_slider or not year_range or year_range[0] >= year_range[1]:
        return None
    low, high = years_in_slider
    chosen_years = (low - BE_OFFSET, high - BE_OFFSET)
    return None if chosen_years == year_range else chosen_years


def widget_view(values: dict) -> View:
    """The view the sidebar widgets hold (their values by key)."""
    filters = Filters(**{entry.field: tuple(values[f"ex_{entry.key}"]) for entry in FILTERS},
                      years=years_chosen(values.get("ex_years")),
                      include_synthetic=values["ex_synthetic"])
    return consistent(View(filters=filters, level=values["ex_level"],
                           scheme=values["ex_scheme"], k=values["ex_k"],
                           area=st.session_state.get("ex_area"),
                           selected=st.session_state.get("ex_selected")))


def draw_sidebar() -> dict:
    """Draws the filters (showing what session state holds); returns their values by key."""
    values = {}
    with st.sidebar:
        st.header(t("ex_filters", lang))
        for widget in F.widgets(options, lang):
            values[f"ex_{widget.key}"] = st.multiselect(
                widget.label, widget.values, format_func=widget.labels.get,
                key=f"ex_{widget.key}", placeholder=t("ex_any", lang))
        if year_range and year_range[0] < year_range[1]:
            values["ex_years"] = st.slider(t("ex_years", lang), year_range[0] + BE_OFFSET,
                                           year_range[1] + BE_OFFSET, key="ex_years")
            if years_chosen(values["ex_years"]) is None:
                st.caption(t("ex_all_years", lang))
        values["ex_synthetic"] = st.checkbox(t("ex_synthetic", lang), key="ex_synthetic")
        st.button(t("ex_reset", lang), on_click=clear_filters, icon=":material/filter_alt_off:")
        st.divider()
        values["ex_level"] = st.radio(t("ex_level", lang), LEVELS, key="ex_level",
                                      horizontal=True, format_func=lambda level: t(level, lang))
        with st.expander(t("ex_legend", lang)):
            values["ex_scheme"] = st.selectbox(
                t("ex_scheme", lang), SCHEMES, key="ex_scheme",
                format_func=lambda s: term("scheme", s, lang))
            values["ex_k"] = st.slider(t("ex_k", lang), MIN_CLASSES, MAX_CLASSES, key="ex_k")
            distinct = distinct_values(figures["programmes"])
            if 0 < distinct <= st.session_state["ex_k"]:
                st.caption(t("ex_classes_not_needed", lang, n=distinct))
    return values


# A filter's choices may depend on another's (the province list offers only the chosen
# regions' provinces); a value outside them is let go (both filters must hold, so it could
# only have emptied the map).
options = F.narrowed(options, provinces, {entry.key: tuple(st.session_state[f"ex_{entry.key}"])
                                          for entry in FILTERS})
for entry in FILTERS:
    if entry.narrow is not None:
        st.session_state[f"ex_{entry.key}"] = [value for value in
                                               st.session_state[f"ex_{entry.key}"]
                                               if value in options[entry.key]]

# The map is drawn before the sidebar, from the values the widgets hold in session state
# (set above for a new session or a changed URL, else by the widgets themselves), so the
# browser starts loading it first. draw_sidebar() checks that the widgets agree.
view = widget_view(st.session_state)
filters = view.filters

# A click on the map (st_folium copies it into session state before this run) drills
# down. It is handled here, before drawing, so one rerun shows the new view; st_folium
# keeps returning its last click, so each click is handled once.
clicked = (st.session_state.get("explorer_map") or {}).get("last_object_clicked")
if clicked and clicked != st.session_state.get("ex_last_click"):
    st.session_state["ex_last_click"] = clicked
    hit = area_at(boundaries().layer(drawn_level(view)), clicked["lat"], clicked["lng"])
    view = ex.after_click(view, hit)
    st.session_state["ex_area"] = view.area
    st.session_state["ex_selected"] = view.selected
remember(view)

# --- figures -----------------------------------------------------------------------------
level = drawn_level(view)
chosen_programmes = select_programmes(data.programmes, data.partners, filters)
programme_ids = chosen_programmes["programme_id"]
coverage = filter_coverage(data.coverage, programme_ids, filters, regions)
allowed = F.allowed_provinces(filters, regions)
extent = ex.map_extent(names, level, view.area, allowed)
codes = extent.codes
figures = area_figures(coverage, level, within=view.area)
if allowed is not None:
    figures = figures[figures["code"].str[:CODE_LENGTH["province"]].isin(allowed)]

st.title(t("ex_title", lang))
crumbs = ex.breadcrumb(view.area, names, lang)
trail = st.container(horizontal=True, vertical_alignment="center", gap="small")
for code, name in crumbs:
    here = code == view.area
    label = markdown_line(name)
    trail.button(f"› {label}" if code else label, key=f"ex_crumb_{code or 'TH'}",
                 on_click=go_to, args=(code,), disabled=here,
                 type="tertiary" if here else "secondary",
                 icon=None if code else ":material/public:")
st.caption(t("ex_click_hint", lang))

if coverage.empty:
    st.info(t("filters_match_nothing", lang), icon=":material/search_off:")

shapes = display_layer(level, whole_country=extent.whole_country)
if not extent.whole_country:
    shapes = shapes.subset(codes)
if extent.focus:
    shapes = fit_to(shapes, tuple(extent.focus))
wider = ex.wider_lines(coverage, level, codes, names, lang)
layer = coverage_layer(
    shapes, figures, names[names["level"] == level], lang, scheme=view.scheme, k=view.k,
    selected=[view.selected] if view.selected else [], fit_key=extent.fit_key,
    extra_lines=wider, parent_covered=wider,
)
covered = int((figures["programmes"] > 0).sum()) if not figures.empty else 0
map_summary = t("ex_summary", lang,
                programmes=ex.count_programmes(coverage["programme_id"].nunique(), lang),
                areas=f"{covered:,}", shown=f"{len(codes):,}", level=t(level, lang).lower())
show_map(layer, lang=lang, key="explorer_map", title=t("ex_map_title", lang),
         summary=map_summary)
if not map_painted("explorer_map"):
    # First visit in this session: the filters and the table follow once the map is painted.
    st.sidebar.header(t("ex_filters", lang))
    st.sidebar.caption(t("ex_filters_loading", lang))
    st.stop()
shown = widget_view(draw_sidebar())
if shown != view and st.session_state.get("ex_redrawn_for") != shown:
    # A widget dropped its value (its options changed): draw again from what it shows,
    # once (a widget that kept disagreeing must not rerun the page forever).
    st.session_state["ex_redrawn_for"] = shown
    st.rerun()
shown_codes, table_size = ex.most_covered_codes(coverage, level, view.area)
rows = ex.area_rows(coverage, data.programmes, names, level, view.area, lang,
                    only=[*shown_codes, *([view.selected] if view.selected else [])])

if view.selected:
    with st.container(border=True):
        st.markdown(f"**{t('ex_selected', lang)}**")
        st.text(ex.selected_lines(view.selected, rows, coverage, level, names, lang))

# --- what the map shows, in words ---------------------------------------------------------
st.caption(map_summary)
for sentence in ex.wider_summary(coverage, level, view.area, data.programmes, names, lang):
    st.info(markdown_line(sentence), icon=":material/select_all:")
if not coverage.empty and covered == 0 and not wider:
    st.caption(t("ex_no_rows_at_level", lang, level=t(level, lang).lower()))

titles = ex.programme_titles(data.programmes, lang)
claims = ex.relevant_claims(data.claims, programme_ids, view.area, allowed)
mentions = ex.unresolved_mentions(data.place_mentions, programme_ids, view.area, allowed)
if len(claims) or len(mentions):
    left, right = st.columns(2) if len(claims) and len(mentions) else (st.container(),) * 2
    if len(claims):
        left.subheader(t("ex_claims", lang))
        left.caption(t("ex_claims_note", lang))
        notes(left, claims.to_dict("records"),
              lambda claim: ex.claim_text(claim, lang, titles[claim["programme_id"]]), lang,
              file_name="explorer-counted-figures.csv", key="ex_claims")
    if len(mentions):
        right.subheader(t("ex_unresolved", lang))
        right.caption(t("ex_unresolved_note", lang))
        notes(right, mentions.to_dict("records"),
              lambda mention: ex.mention_text(mention, names, lang,
                                              titles[mention["programme_id"]]), lang,
              file_name="explorer-unresolved-places.csv", key="ex_unresolved")

# --- the table and its exports ------------------------------------------------------------
table = ex.localised(rows[rows["code"].isin(shown_codes)], lang)


def whole_table():
    """Every row of the table, in code order: built only when a download is asked for."""
    return ex.localised(ex.area_rows(coverage, data.programmes, names, level, view.area, lang),
                        lang, exported=True)


st.subheader(t("ex_table", lang))
if table.empty:
    st.info(t("ex_empty_area", lang), icon=":material/table_rows:")
else:
    count_column = t("programme_count", lang)
    partial = table_size > len(table)
    st.dataframe(ex.most_covered(table, count_column) if partial else table, hide_index=True,
                 width="stretch",
                 column_config={count_column: st.column_config.NumberColumn(format="%d")})
    if partial:
        st.caption(t("ex_table_most_covered", lang, shown=len(table),
                     total=f"{table_size:,}"))
stem = f"explorer-{level}-{view.area or 'TH'}"
about = {
    **ex.view_in_words(view, options, names, lang),
    t("ex_exported", lang): format_be(dt.date.today(), lang),
    "COD-AB": ATTRIBUTION[lang],
}
downloads = st.container(horizontal=True)
downloads.download_button(
    t("ex_download_csv", lang), lambda: csv_bytes(whole_table()), file_name=f"{stem}.csv",
    mime="text/csv", on_click="ignore", icon=":material/download:")
downloads.download_button(
    t("ex_download_xlsx", lang),
    lambda: xlsx_bytes(whole_table(), sheet=t("ex_export_sheet", lang), about=about,
                       about_sheet=t("ex_export_about", lang)),
    file_name=f"{stem}.xlsx", on_click="ignore", icon=":material/download:",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
