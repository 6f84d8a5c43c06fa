"""Enter and edit programmes (editors): a form that saves a draft, and the drafts to publish.

Thin wiring only: what the form builds, matches and stores lives in views/editing.py
and registry/ (drafts, organisations). Everything typed is shown through widgets
and dataframes, never as HTML.
"""

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from escaping import markdown_literal as plain
from geo import area_at
from geo.gazetteer import areas
from geo.levels import LEVELS
from loaders.matching import Gazetteer
from registry import models
from registry.drafts import DraftError
from registry.measures import measure_codes
from registry.organisations import OrganisationError
from ui.auth import require_role
from ui.data import area_names, boundaries, display_layer, engine, registry_changed
from ui.entry import run_through_dashboard
from ui.lang import current_language
from ui.maps import show_map
from views import editing
from views.maps import coverage_layer
from views.text import t, term

# This page in the dashboard's menu (ui.navigation reads it from this file).
NAVIGATION = {"title": "page_edit", "icon": ":material/edit_note:", "order": 60,
              "role": "editor"}
run_through_dashboard()

ENTRY = "edit_entry"



@st.cache_resource(show_spinner=False)
def gazetteer() -> Gazetteer:
    return Gazetteer(areas())


@st.cache_data(show_spinner=False)
def options(level: str) -> dict[str, str]:
    return editing.area_options(areas(), level)


lang = current_language()
st.title(t("edit_title", lang))
user = require_role("editor")
st.caption(t("edit_intro", lang))
registry = engine()
index = editing.organisations(registry)

stored = editing.programmes(registry)
titles = dict(stored)
choice = st.selectbox(t("programme", lang), [None, *titles], key="edit_which",
                      format_func=lambda s: t("edit_new", lang) if s is None
                      else f"{titles[s]} ({s})")
if ENTRY not in st.session_state or st.session_state.get("edit_loaded") != choice:
    st.session_state[ENTRY] = editing.entry_for(registry, choice) if choice else editing.Entry()
    st.session_state["edit_loaded"] = choice
entry: editing.Entry = st.session_state[ENTRY]

left, right = st.columns(2)
for column, name in ((left, "title_th"), (right, "title_en"), (left, "slug")):
    entry.fields[name] = column.text_input(t(f"edit_{name}", lang), entry.fields.get(name, ""),
                                           key=f"edit_{name}_{choice}", max_chars=500,
                                           disabled=name == "slug" and choice is not None)
entry.fields["theme"] = right.selectbox(
    t("ex_theme", lang), models.THEMES, key=f"edit_theme_{choice}",
    index=models.THEMES.index(entry.fields.get("theme") or "other"),
    format_func=lambda v: term("theme", v, lang))
statuses = [None, *models.PROGRAMME_STATUSES]
entry.fields["status"] = left.selectbox(
    t("status", lang), statuses, key=f"edit_status_{choice}",
    index=statuses.index(entry.fields.get("status") or None),
    format_func=lambda v: "—" if v is None else term("status", v, lang)) or ""
for column, name in zip(st.columns(4), (*editing.DATE_FIELDS, "period_limit"), strict=True):
    limit = name == "period_limit"
    entry.fields[name] = column.text_input(
        t("edit_period_limit", lang) if limit else t(f"edit_{name}", lang),
        entry.fields.get(name, ""),
        help=t("edit_period_limit_help", lang) if limit else t("edit_date_help", lang),
        key=f"edit_{name}_{choice}")
for name in ("description_th", "description_en"):
    entry.fields[name] = st.text_area(t(f"edit_{name}", lang), entry.fields.get(name, ""),
                                      key=f"edit_{name}_{choice}", height=80)

st.subheader(t("page_partners", lang))
for number, partner in enumerate(list(entry.partners)):
    shown, role_column, remove = st.columns([6, 3, 1])
    shown.text(partner.label or partner.slug)
    role_column.text(term("role", partner.role, lang))
    if remove.button(t("edit_remove", lang), key=f"edit_remove_partner_{number}"):
        entry.partners.pop(number)
        st.rerun()
query = st.text_input(t("edit_find", lang), key="edit_find")
found = editing.search_organisations(index, query) if query.strip() else []
picked_column, role_column, add_column = st.columns([5, 3, 2], vertical_alignment="bottom")
# Keyed by the query: a new search starts from its best match.
picked = picked_column.selectbox(t("edit_found", lang), found, key=f"edit_found_{query.strip()}",
                                 format_func=lambda known: known.label())
role = role_column.selectbox(t("prog_role", lang), models.ROLES, key="edit_role",
                             format_func=lambda v: term("role", v, lang))
if add_column.button(t("edit_add", lang), key="edit_add_partner", disabled=picked is None):
    entry.partners.append(editing.Partner(role, slug=picked.slug, label=picked.label()))
    st.rerun()
with st.expander(t("edit_add_new", lang)):
    new = {name: st.text_input(t(words, lang), key=f"edit_new_{name}", max_chars=300)
           for name, words in (("name_th", "edit_name_th"), ("name_en", "edit_name_en"),
                               ("abbreviation", "partners_abbreviation"),
                               ("aliases", "edit_aliases"))}
    org_type = st.selectbox(t("edit_org_type", lang), models.ORG_TYPES, key="edit_new_type",
                            index=models.ORG_TYPES.index("other"))
    new_role = st.selectbox(t("prog_role", lang), models.ROLES, key="edit_new_role",
                            format_func=lambda v: term("role", v, lang))
    if st.button(t("edit_add_new_button", lang), key="edit_add_new",
                 disabled=not new["name_th"].strip()):
        spellings = [new["name_th"], new["name_en"], new["abbreviation"],
                     *new["aliases"].split(";")]
        known = next((index.resolve(s).organisation for s in spellings
                       if s.strip() and index.resolve(s).matched), None)
        if known is not None:
            st.warning(t("edit_known_as", lang, name=plain(known.label())))
        else:
            entry.partners.append(editing.Partner(new_role, new={
                "name_th": new["name_th"].strip(), "name_en": new["name_en"].strip(),
                "abbreviation": new["abbreviation"].strip(), "org_type": org_type,
                "aliases": [a.strip() for a in new["aliases"].split(";") if a.strip()]},
                label=f"{new['name_th'].strip()} (ใหม่ / new)"))
            st.rerun()

def removable(items: list, line: Callable[[Any], str], key: str) -> None:
    """Each item as a line with its Remove button (a removal reruns the page)."""
    for number, item in enumerate(list(items)):
        shown, remove = st.columns([9, 1])
        shown.text(line(item))
        if remove.button(t("edit_remove", lang), key=f"{key}_{number}"):
            items.pop(number)
            st.rerun()


def stored_area_line(row: dict) -> str:
    name = options("subdistrict" if row["level"] == "village" else row["level"]).get(
        row["area_code"], row["area_code"])
    village = f"หมู่ {row['village_no']} " if row.get("village_no") else ""
    return f"{t(row['level'], lang)} · {village}{name}"


st.subheader(t("edit_areas", lang))
stored_areas = (entry.base or {}).get("coverage") or []
removable(stored_areas, stored_area_line, "edit_remove_stored")
removable(entry.places, lambda place: f"{t(place.level, lang)} · {place.label}",
          "edit_remove_place")
level = st.segmented_control(t("level", lang), LEVELS, default="province",
                             key="edit_level",
                             format_func=lambda level: t(level, lang)) or "province"
choices = options(level)
chosen = st.multiselect(t("edit_pick_areas", lang), list(choices), key=f"edit_areas_{level}",
                        format_func=choices.get)
villages = st.text_input(t("edit_villages", lang), key="edit_villages") \
    if level == "subdistrict" else ""
if st.button(t("edit_add_areas", lang), key="edit_add_areas", disabled=not chosen):
    try:
        entry.places.extend(editing.places_of(level, chosen, choices, villages))
    except editing.FormError as error:
        st.error(t("edit_not_saved", lang, error=plain(error)), icon="✋")
    else:
        st.rerun()
if st.toggle(t("edit_map_toggle", lang), key="edit_map_on"):
    # Provinces and districts are drawn for the whole country; subdistricts one province at
    # a time (the whole country's are too heavy to draw for a click).
    within = None
    if level == "subdistrict":
        provinces = options("province")
        within = st.selectbox(t("edit_map_province", lang), list(provinces), index=None,
                              key="edit_map_province", format_func=provinces.get)
    if level != "subdistrict" or within:
        map_key = f"edit_map_{level}" + (f"_{within}" if within else "")
        # A click adds the clicked area; st_folium keeps returning its last click, so each
        # click is handled once.
        clicked = (st.session_state.get(map_key) or {}).get("last_object_clicked")
        if clicked and clicked != st.session_state.get("edit_last_click"):
            st.session_state["edit_last_click"] = clicked
            hit = area_at(boundaries().layer(level), clicked["lat"], clicked["lng"])
            if hit and hit in choices and hit not in {p.code for p in entry.places}:
                entry.places.append(editing.Place(level, hit, choices[hit]))
                st.rerun()  # the list of areas above shows it
        chosen_here = [p.code for p in entry.places if p.level == level]
        marked = pd.DataFrame({"code": chosen_here, "programmes": [1] * len(chosen_here)})
        layer = display_layer(level, whole_country=within is None)
        if within:
            layer = layer.subset(code for code in choices if code.startswith(within))
        show_map(coverage_layer(layer, marked, area_names(), lang,
                                value_label=t("edit_chosen", lang),
                                fit_key=map_key),
                 lang=lang, key=map_key, title=t("edit_map_toggle", lang))
pasted = st.text_area(t("edit_paste", lang), key="edit_paste", height=80)
if st.button(t("edit_match", lang), key="edit_match", disabled=not pasted.strip()):
    places, problems = editing.match_pasted(gazetteer(), pasted)
    entry.places.extend(places)
    for problem in problems:
        st.warning(plain(problem))
status_column, year_column = st.columns(2)
entry.coverage_status = status_column.selectbox(
    t("edit_coverage_status", lang), models.COVERAGE_STATUSES, index=1, key="edit_coverage_status",
    format_func=lambda v: term("coverage_status", v, lang))
entry.coverage_year = year_column.text_input(t("edit_year", lang), entry.coverage_year,
                                             key="edit_year")

st.subheader(t("edit_indicators", lang))
removable((entry.base or {}).get("claims") or [],
          lambda row: f"{term('measure', row['measure'], lang)} · "
                      f"{editing.claim_line(row, lang)}", "edit_remove_claim")
removable(entry.indicators, lambda indicator: "\n".join(editing.indicator_lines(indicator,
                                                                                 lang)),
          "edit_remove_indicator")
figures: list[editing.Figure] = st.session_state.setdefault("edit_figures", [])
with st.expander(t("edit_add_indicator", lang), expanded=bool(figures)):
    measure_column, title_column, within_column = st.columns(3)
    measure = measure_column.selectbox(t("edit_measure", lang), measure_codes(),
                                       key="edit_measure",
                                       format_func=lambda v: term("measure", v, lang))
    indicator_title = title_column.text_input(t("edit_indicator_title", lang),
                                              key="edit_indicator_title")
    within_choices = {"": t("edit_whole_programme", lang),
                      **{p.code: p.label for p in entry.places},
                      **{row["area_code"]: options("subdistrict" if row["level"] == "village"
                                                   else row["level"]).get(row["area_code"],
                                                                          row["area_code"])
                         for row in stored_areas if not row.get("village_no")}}
    within = within_column.selectbox(t("within", lang), list(within_choices),
                                     key="edit_within", format_func=within_choices.get)
    value_column, date_column, quote_column = st.columns([2, 2, 5])
    baseline_value = value_column.text_input(t("edit_baseline", lang), key="edit_baseline")
    baseline_as_of = date_column.text_input(t("edit_baseline_date", lang),
                                            key="edit_baseline_as_of",
                                            help=t("edit_date_help", lang))
    baseline_quote = quote_column.text_input(t("edit_figure_quote", lang),
                                             key="edit_baseline_quote")
    for line in figures:
        st.text(t("edit_figure_line", lang, kind=term("kind", line.kind, lang),
                  value=line.value, period=line.period or t("edit_whole_programme", lang),
                  as_of=line.as_of or "—"))
    kind_column, value_column, period_column, as_of_column = st.columns(4)
    kind = kind_column.selectbox(t("edit_figure_kind", lang), editing.FIGURE_KINDS,
                                 key="edit_figure_kind", format_func=lambda v: term("kind", v,
                                                                                    lang))
    value = value_column.text_input(t("edit_figure_value", lang), key="edit_figure_value")
    period = period_column.text_input(t("edit_figure_period", lang), key="edit_figure_period",
                                      help=t("edit_period_help", lang))
    as_of = as_of_column.text_input(t("as_of", lang), key="edit_figure_as_of",
                                    help=t("edit_date_help", lang))
    quote_column, url_column = st.columns(2)
    figure_quote = quote_column.text_input(t("edit_figure_quote", lang), key="edit_figure_quote")
    figure_url = url_column.text_input(t("edit_figure_url", lang), key="edit_figure_url")
    add_figure, add_indicator = st.columns(2)
    if add_figure.button(t("edit_add_figure", lang), key="edit_add_figure",
                         disabled=not value.strip()):
        figures.append(editing.Figure(kind, value, period, as_of, figure_quote, figure_url))
        st.rerun()
    if add_indicator.button(t("edit_add_indicator_button", lang), key="edit_add_indicator",
                            disabled=not (figures or baseline_value.strip())):
        indicator = editing.IndicatorEntry(
            measure, within, within_choices[within] if within else "", indicator_title,
            baseline_value, baseline_as_of, baseline_quote, list(figures))
        try:
            editing.check_indicator(indicator)
        except editing.FormError as error:
            st.error(t("edit_not_saved", lang, error=plain(error)), icon="✋")
        else:
            entry.indicators.append(indicator)
            figures.clear()
            st.rerun()

st.subheader(t("edit_source", lang))
source = entry.source
source["url"] = st.text_input(t("edit_url", lang), source.get("url", ""), key="edit_url",
                              max_chars=255)
upload = st.file_uploader(t("edit_upload", lang), type=["txt", "html", "htm", "pdf"],
                          key="edit_upload")
left, middle, right = st.columns(3)
source["title"] = left.text_input(t("edit_doc_title", lang), source.get("title", ""),
                                  key="edit_doc_title")
source["publisher"] = middle.text_input(t("edit_publisher", lang), source.get("publisher", ""),
                                        key="edit_publisher")
source["published_on"] = right.text_input(t("edit_published_on", lang),
                                          source.get("published_on", ""),
                                          help=t("edit_date_help", lang), key="edit_published_on")
source["quote"] = st.text_area(t("edit_quote", lang), source.get("quote", ""), key="edit_quote",
                               height=80)

if st.button(t("edit_save", lang), type="primary", key="edit_save"):
    try:
        if upload is not None:
            source["file_name"] = upload.name
            source["content_sha256"] = editing.keep_document(registry, upload.name,
                                                             upload.getvalue(), user.username)
        draft_id = editing.save(registry, entry, user.username)
    except (editing.FormError, DraftError, SQLAlchemyError) as error:
        st.error(t("edit_not_saved", lang, error=plain(error)), icon="✋")
    else:
        st.success(t("edit_saved", lang, id=draft_id))

st.divider()
st.subheader(t("edit_drafts", lang))
if flash := st.session_state.pop("edit_flash", None):
    st.success(flash)  # built from t() with names passed through plain()
waiting = editing.listing(registry)
if not waiting:
    st.caption(t("edit_no_drafts", lang))
for row in waiting:
    with st.container(border=True):
        st.badge(t("edit_draft_word", lang), color="orange", icon=":material/edit_note:")
        st.text(t("edit_draft_badge", lang, title=f"{row.title} ({row.programme})",
                  by=row.created_by))
        tables = editing.preview(registry, row.id, index)
        for name in ("programme", "partners", "coverage", "figures", "sources"):
            st.dataframe(tables[name], hide_index=True, key=f"edit_preview_{name}_{row.id}")
        own = row.created_by == user.username and user.role != "admin"
        publish, withdraw = st.columns(2)
        if publish.button(t("edit_publish", lang), key=f"edit_publish_{row.id}", disabled=own,
                          help=t("edit_own_draft", lang) if own else None, type="primary"):
            try:
                editing.publish(registry, row.id, user.username, user.role)
            except (DraftError, OrganisationError, SQLAlchemyError) as error:
                st.error(t("edit_not_saved", lang, error=plain(error)), icon="✋")
            else:
                registry_changed()
                st.session_state["edit_flash"] = t("edit_published", lang, id=row.id)
                st.rerun()
        if withdraw.button(t("edit_withdraw", lang), key=f"edit_withdraw_{row.id}",
                           disabled=row.created_by != user.username and user.role != "admin"):
            editing.withdraw(registry, row.id, user.username)
            st.rerun()

recent = editing.listing(registry, ("published",))[:10]
if recent:
    st.subheader(t("edit_recent", lang))
    for row in recent:
        shown, button = st.columns([8, 2])
        shown.text(f"#{row.id} {row.title} ({row.programme}) · {row.published_by}")
        if button.button(t("edit_undo", lang), key=f"edit_undo_{row.id}"):
            try:
                editing.undo(registry, row.id, user.username)
            except (DraftError, SQLAlchemyError) as error:
                st.error(t("edit_not_saved", lang, error=plain(error)), icon="✋")
            else:
                registry_changed()
                st.session_state["edit_flash"] = t("edit_undone", lang, id=row.id)
                st.rerun()

if user.role == "admin":
    st.divider()
    st.subheader(t("edit_merge", lang))
    st.caption(t("edit_merge_help", lang))
    everyone = sorted(index.organisations.values(), key=lambda known: known.name_th)
    keep_column, drop_column = st.columns(2)
    keep = keep_column.selectbox(t("edit_keep", lang), everyone, index=None, key="merge_keep",
                                 format_func=lambda known: known.label())
    drop = drop_column.selectbox(t("edit_drop", lang), everyone, index=None, key="merge_drop",
                                 format_func=lambda known: known.label())
    if st.button(t("edit_merge_button", lang), key="merge_button",
                 disabled=keep is None or drop is None or keep == drop):
        try:
            entry_id = editing.merge(registry, keep.slug, drop.slug, user.username)
        except (OrganisationError, SQLAlchemyError) as error:
            st.error(t("edit_not_saved", lang, error=plain(error)), icon="✋")
        else:
            registry_changed()
            st.session_state["edit_flash"] = t("edit_merged", lang, drop=plain(drop.label()),
                                                 keep=plain(keep.label()), id=entry_id)
            st.rerun()
    merges = editing.merges(registry)
    if merges:
        chosen = st.selectbox(t("edit_merge_undo_which", lang), merges, key="merge_undo_choice",
                              format_func=lambda row: f"#{row[0]} {row[1]} → {row[2]}")
        if st.button(t("edit_merge_undo", lang), key="merge_undo"):
            try:
                editing.undo_merge(registry, chosen[0], user.username)
            except (OrganisationError, SQLAlchemyError) as error:
                st.error(t("edit_not_saved", lang, error=plain(error)), icon="✋")
            else:
                registry_changed()
                st.session_state["edit_flash"] = t("edit_merge_undone", lang, id=chosen[0])
                st.rerun()
