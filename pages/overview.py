"""Overview for executives: what is known about coverage, targets and progress per
programme, the national coverage map, signings by year, partners, counted figures and
unresolved place names."""

import streamlit as st

from dates import format_be
from geo import gazetteer
from ui.data import area_names, display_layer, per_read, registry_data
from ui.entry import run_through_dashboard
from ui.lang import current_language
from ui.maps import map_painted, show_map
from ui.tables import long_table, organisations_table, titled_table
from views.coverage import Filters, area_figures
from views.exports import SHOWN_ROWS
from views.filters import programme_titles
from views.maps import chart_summary, coverage_layer, programmes_by_area
from views.overview import (
    card_as_of,
    card_counted,
    card_share,
    card_statuses,
    claims_table,
    coverage_cards,
    partners_chart,
    province_statuses,
    signings_by_year,
    signings_chart,
    status_layer,
    unresolved_places,
)
from views.partners import (
    chart_more,
    chart_rows,
    organisation_table,
    programmes_in_view,
    real_rows,
)
from views.results import progress_table
from views.text import abbreviation_in, t

# This page in the dashboard's menu (ui.navigation reads it from this file).
NAVIGATION = {"title": "page_overview", "icon": ":material/public:", "order": 10,
              "default": True}
run_through_dashboard()

# Constant CSS only: on a phone the KPI cards share rows (not one card per screen), so
# the map starts within the first screen and a half.
OVERVIEW_CSS = """<style>
@media (max-width: 640px) {
  [data-testid="stMain"] h1 {font-size: 1.7rem !important; line-height: 1.25 !important;}
  .st-key-overview_kpis [data-testid="stHorizontalBlock"] {display: grid !important;
    grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0.4rem !important;}
  .st-key-overview_kpis [data-testid="stColumn"] {min-width: 0 !important;
    width: auto !important;}
  .st-key-overview_kpis [data-testid="stVerticalBlockBorderWrapper"],
  .st-key-overview_kpis [data-testid="stVerticalBlock"] {padding: 0.3rem !important;
    gap: 0.15rem !important;}
  .st-key-overview_kpis [data-testid="stMetricValue"] {font-size: 1.5rem !important;}
  .st-key-overview_kpis [data-testid="stMetricLabel"] p,
  .st-key-overview_kpis [data-testid="stCaptionContainer"],
  .st-key-overview_kpis [data-testid="stCaptionContainer"] p,
  .st-key-overview_kpis [data-testid="stProgress"] p {font-size: 0.72rem !important;
    line-height: 1.25 !important;}
}
</style>"""

st.html(OVERVIEW_CSS)
lang = current_language()
data = registry_data()
names = area_names()
provinces = names[names["level"] == "province"]

st.title(t("app_title", lang))
st.caption(t("overview_subtitle", lang,
             date=format_be(data.loaded_at.date(), lang), time=f"{data.loaded_at:%H:%M}"))

synthetic_records = int(data.programmes["is_synthetic"].sum() + data.coverage["is_synthetic"].sum()
                        + data.claims["is_synthetic"].sum())
include_synthetic = st.sidebar.toggle(
    t("synthetic_toggle", lang), value=False, key="overview_synthetic",
    disabled=synthetic_records == 0, help=t("synthetic_toggle_help", lang),
)
colour_words = {"programmes": "overview_colour_programmes", "status": "status"}
colour_by = st.sidebar.radio(
    t("overview_colour_by", lang), list(colour_words), key="overview_colour_by",
    format_func=lambda option: t(colour_words[option], lang),
)



def in_view() -> tuple:
    ids, coverage = programmes_in_view(data.programmes, data.partners, data.coverage,
                                       Filters(include_synthetic=include_synthetic))
    programmes = data.programmes[data.programmes["programme_id"].isin(ids)]
    return (ids, coverage, programmes, data.partners[data.partners["programme_id"].isin(ids)],
            real_rows(data.claims[data.claims["programme_id"].isin(ids)], include_synthetic),
            data.place_mentions[data.place_mentions["programme_id"].isin(ids)],
            set(programmes.loc[programmes["is_synthetic"], "programme_id"]))


# Everything below is computed once per registry read and choice (per_read): a rerun or
# another visitor's session redraws it.
ids, coverage, programmes, partners, claims, mentions, synthetic_ids = per_read(
    data, ("overview", include_synthetic), in_view)
if include_synthetic and synthetic_records:
    st.badge(t("synthetic_included_n", lang, n=synthetic_records), icon=":material/science:",
             color="orange")

if not ids:
    st.info(t("filters_match_nothing", lang))
    st.stop()

# --- coverage cards: what is known, no targets ----------------------------------------------
cards = per_read(data, ("overview cards", include_synthetic, gazetteer.version()),
                 lambda: coverage_cards(ids, partners, coverage, claims, gazetteer.country()))
kpi_row = st.container(key="overview_kpis")  # a grid on a phone (OVERVIEW_CSS)
for column, card in zip(kpi_row.columns(len(cards)), cards, strict=True):
    with column.container(border=True):
        st.metric(t(f"plural.{card.key}", lang), f"{card.named:,}", help=t("kpi_help", lang))
        for line in (card_share(card, lang), card_statuses(card, lang),
                     *card_counted(card, lang), card_as_of(card, lang)):
            if line:
                st.caption(line)
st.caption(t("overview_rule", lang))

# --- map and charts -----------------------------------------------------------------------
map_column, chart_column = st.columns([3, 2], gap="large")
with map_column:
    st.subheader(t("overview_map_title", lang))
    shapes = display_layer("province")
    if colour_by == "status":
        statuses = per_read(data, ("overview statuses", include_synthetic),
                            lambda: province_statuses(coverage))
        layer = status_layer(shapes, statuses, names, lang, fit_key="national")
    else:
        figures, lines = per_read(
            data, ("overview programmes map", include_synthetic, lang),
            lambda: (area_figures(coverage, "province"), programmes_by_area(
                coverage, programme_titles(programmes, lang), "province", lang)))
        layer = coverage_layer(shapes, figures, names, lang, fit_key="national",
                               extra_lines=lines)
    show_map(layer, lang=lang, key="overview_map", title=t("overview_map_title", lang),
             summary=t("overview_map_summary", lang,
                       provinces=coverage["province_code"].dropna().nunique(),
                       programmes=coverage["programme_id"].nunique()))
if not map_painted("overview_map"):
    st.stop()  # first visit in this session: the charts and tables follow the map
with map_column:
    if coverage.empty:
        st.info(t("overview_no_listed_areas", lang))
    st.caption(t("overview_map_note", lang, counted=int((claims["kind"] == "actual").sum()),
                 unresolved=len(mentions)))

with chart_column:
    st.subheader(t("overview_signings_title", lang))
    signings, undated = per_read(data, ("overview signings", include_synthetic, lang),
                                 lambda: signings_by_year(programmes, lang))
    if signings.empty:
        st.info(t("overview_no_signings", lang))
    else:
        st.altair_chart(signings_chart(signings, lang).properties(
            description=chart_summary(t("overview_signings_title", lang), signings)),
            width="stretch")
    if undated:
        st.caption(t("overview_undated", lang, n=undated))

    st.subheader(t("overview_partners_title", lang))

    def partner_tables() -> tuple:
        table = organisation_table(partners, coverage, ids, provinces, lang, synthetic_ids)
        # The sources write abbreviations in Thai (พอช.): English shows only Latin ones.
        table = table.assign(abbreviation=[abbreviation_in(value, lang)
                                           for value in table["abbreviation"]])
        return table, chart_rows(table, lang), chart_more(table, lang)

    organisations, bars, more = per_read(data, ("overview partners", include_synthetic, lang),
                                         partner_tables)
    summary = chart_summary(t("overview_partners_title", lang), bars[["label", "programmes"]],
                            most=len(bars))
    st.altair_chart(partners_chart(bars, lang).properties(
        description=f"{summary}; {more}" if more else summary),
        width="stretch", height="content")
    if more:
        st.caption(more)

# --- tables -------------------------------------------------------------------------------
# Targets and progress: one row per programme target, never one programme's figure against
# another's target.
st.subheader(t("results_title", lang))
st.caption(t("results_note", lang))
progress = per_read(data, ("overview progress", include_synthetic, lang),
                    lambda: progress_table(claims, lang))
if progress.empty:
    st.info(t("results_none", lang))
else:
    long_table(progress, progress.head(SHOWN_ROWS), len(progress), lang,
               "targets-and-progress.csv", "overview_progress")

st.subheader(t("overview_partners_table", lang))
partner_columns = ["organisation", "abbreviation", "programmes", "roles", "provinces"]
if not organisations["abbreviation"].astype(bool).any():
    partner_columns.remove("abbreviation")  # English, with only the sources' Thai ones
organisations_table(organisations, partner_columns, lang,
                    file_name="partner-organisations.csv", key="overview_partners")

for name, empty, build, file_name in (
        ("claims", claims.empty, lambda: claims_table(claims, lang, synthetic_ids),
         "counted-figures.csv"),
        ("places", mentions.empty, lambda: unresolved_places(mentions, names, lang),
         "unresolved-places.csv")):
    titled_table(t(f"overview_{name}_title", lang), t(f"overview_{name}_note", lang),
                 t(f"overview_no_{name}", lang) if empty else None,
                 lambda build=build, name=name: per_read(
                     data, (f"overview {name}", include_synthetic, lang), build),
                 lang, file_name, f"overview_{name}")

if data.stale:
    st.caption(t("overview_stale", lang))
