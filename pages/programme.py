"""Programme pages: one programme's facts, map and sources; `?programme=<slug>` links it."""

import streamlit as st

from geo.gazetteer import areas as gazetteer_areas
from ui.data import area_names, display_layer, registry_data
from ui.entry import run_through_dashboard
from ui.lang import current_language
from ui.maps import show_map
from views import programme as P
from views import sources as D
from views.maps import coverage_layer
from views.presenter import map_summary, requested_unknown
from views.text import t

# This page in the dashboard's menu (ui.navigation reads it from this file).
NAVIGATION = {"title": "plural.programmes", "icon": ":material/description:", "order": 40}
run_through_dashboard()

lang = current_language()
data = registry_data()
programmes = data.programmes
if programmes.empty:
    st.info(t("prog_none", lang))
    st.stop()

slugs = programmes["slug"].tolist()
by_slug = programmes.set_index("slug", drop=False)


def _option(option: str) -> str:
    row = by_slug.loc[option]
    badge = f" · {t('prog_synthetic', lang)}" if row["is_synthetic"] else ""
    return P.title(row, lang) + badge


asked = st.query_params.get("programme")
if requested_unknown(asked, slugs):
    # A mistyped or removed programme: say so instead of showing another one.
    st.error(t("programme_not_found", lang, slug=asked), icon=":material/search_off:")
    picked = st.selectbox(t("prog_choose", lang), slugs, index=None, format_func=_option,
                          key="programme_missing_choice", placeholder=t("prog_choose", lang))
    if picked is None:
        st.stop()
    st.query_params["programme"] = picked
    st.session_state.pop("programme_missing_choice", None)
    st.rerun()
# The URL wins when it changed since this session last wrote it (a followed link);
# otherwise the selector does, and the URL follows it.
requested = P.chosen_slug(asked, slugs)
if (st.session_state.get("programme_url") != requested
        or st.session_state.get("programme_choice") not in slugs):
    st.session_state["programme_choice"] = requested


slug = st.selectbox(t("prog_choose", lang), slugs, key="programme_choice", format_func=_option)
st.query_params["programme"] = st.session_state["programme_url"] = slug
programme = by_slug.loc[slug]
pid = programme["programme_id"]
partners = data.partners[data.partners["programme_id"] == pid]
coverage = data.coverage[data.coverage["programme_id"] == pid]
claims = data.claims[data.claims["programme_id"] == pid]
mentions = data.place_mentions[data.place_mentions["programme_id"] == pid]
events = data.events[data.events["programme_id"] == pid]

st.title(P.md(P.title(programme, lang)))
other = P.other_title(programme, lang)
if other:
    st.caption(P.md(other))
if programme["is_synthetic"]:
    st.badge(t("prog_synthetic", lang), icon=":material/warning:", color="orange")

facts = [(t("status", lang), P.stated("status", programme["status"], lang)),
         *P.date_facts(programme, lang)]
for column, (label, value) in zip(st.columns(len(facts)), facts, strict=True):
    column.markdown(f"**{P.md(label)}**  \n{P.md(value)}")
for line in P.event_lines(events, lang):
    st.caption(P.md(line))
description = programme[f"description_{lang}"] or programme["description_th"]
if description:
    st.markdown(P.md(description))
if st.button(t("prog_presenter_link", lang), icon=":material/slideshow:"):
    st.switch_page("pages/presenter.py", query_params={
        "programme": slug, "from": "programme", **({"lang": lang} if lang != "th" else {})})

st.subheader(t("prog_coverage", lang))
names = area_names()
plan = P.map_plan(coverage, names)
shapes = P.fit_to(display_layer(plan.level).subset(plan.draw), plan.focus)
layer = coverage_layer(shapes, plan.figure_frame(), names[names["level"] == plan.level], lang,
                       selected=plan.selected, fit_key=f"programme:{slug}:{plan.fit_key}")
if plan.national and not plan.coloured:
    st.info(t("prog_map_national_note", lang))
else:
    st.caption(t("prog_map_level", lang, level=t(plan.level, lang)))
show_map(layer, lang=lang, key="programme_map",
         title=t("slide_map_title", lang, title=P.title(programme, lang)),
         summary=map_summary(plan, names, lang))
if not coverage.empty:  # no coverage: the note above the map already says so
    st.dataframe(P.coverage_table(coverage, lang), hide_index=True, width="stretch")

st.subheader(t("prog_targets", lang))
if claims.empty:
    st.caption(t("prog_no_claims", lang))
else:
    st.dataframe(P.claim_table(claims, lang), hide_index=True, width="stretch")
    baselines = P.baseline_table(claims, lang)
    if not baselines.empty:
        st.dataframe(baselines, hide_index=True, width="stretch")

if not mentions.empty:
    st.subheader(t("prog_places", lang))
    st.caption(t("prog_places_note", lang))
    st.dataframe(P.place_table(mentions, gazetteer_areas(), lang), hide_index=True,
                 width="stretch")

st.subheader(t("prog_partners", lang))
st.dataframe(P.partner_table(partners, lang), hide_index=True, width="stretch")

with st.expander(t("prog_sources", lang)):
    quotes = P.citations(lang, partners=partners, coverage=coverage, claims=claims,
                         place_mentions=mentions, events=events)
    for file_name in sorted(set(programme["source_files"].splitlines()) | set(quotes["file"])):
        of_file = quotes[quotes["file"] == file_name]
        if of_file.empty:
            st.markdown(f"**{P.md(D.programme_documents(file_name, data.sources, lang)[0])}**")
            st.caption(P.md(t("src_file", lang, file=file_name)))
            continue
        first = of_file.iloc[0]
        st.markdown(f"**{P.md(first['document'])}**")
        st.caption(P.md(t("src_file", lang, file=file_name)))
        if first["note"]:
            st.caption(P.md(first["note"]))
        st.dataframe(of_file[["fact", "quote"]].rename(columns={
            "fact": t("prog_fact", lang), "quote": t("prog_quote", lang)}),
            hide_index=True, width="stretch")
