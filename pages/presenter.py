"""Presenter mode for signing events: one programme or the nation, big and plain, offline.

`?programme=<slug>` or `?programme=national` (the default) picks what is shown. The page
hides the sidebar and Streamlit's header itself, so it works however it is opened.
"""

from urllib.parse import urlencode

import streamlit as st

from dates import format_be
from geo.maps import ATTRIBUTION
from ui.data import area_names, boundaries, display_layer, registry_data
from ui.entry import run_through_dashboard
from ui.lang import current_language
from ui.maps import map_painted, show_map
from views import programme as P
from views.maps import coverage_layer
from views.onepager import OnePager, ThaiFontMissing, one_pager, render, thai_font_family
from views.text import t

run_through_dashboard()

# Constant CSS only (no data): no sidebar, no header or toolbar, full width, large type.
PRESENTER_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stStatusWidget"], footer {display: none !important;}
[data-testid="stAppViewContainer"], [data-testid="stMain"] {background: #ffffff; color: #000000;}
[data-testid="stMainBlockContainer"], .block-container {
  max-width: 100% !important; padding: 1.2rem 2.5rem 1rem !important;}
[data-testid="stMain"] h1 {font-size: 2.5rem !important; line-height: 1.25; color: #000000;
  padding-top: 0.4rem !important;}
[data-testid="stMain"] p, [data-testid="stMain"] li {font-size: 1.35rem;}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
  font-size: 3.2rem !important; line-height: 1.15 !important; font-weight: 700;
  color: #000000;}
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  font-size: 1.3rem !important; color: #000000;}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {
  font-size: 1.1rem !important; color: #222222;}
</style>"""
MAP_HEIGHT = 600
PALETTE = "contrast"

st.html(PRESENTER_CSS)  # style only: no space taken, no Markdown-with-HTML code to load
lang = current_language()
data = registry_data()
real = data.programmes[~data.programmes["is_synthetic"].astype(bool)]
slugs = data.programmes["slug"].tolist()
by_slug = data.programmes.set_index("slug", drop=False)

requested = P.chosen_slug(st.query_params.get("programme"), slugs, allow_national=True)
if (st.session_state.get("presenter_url") != requested
        or st.session_state.get("presenter_choice") not in [P.NATIONAL, *slugs]):
    st.session_state["presenter_choice"] = requested


def _option(option: str) -> str:
    if option == P.NATIONAL:
        return t("prog_national", lang)
    row = by_slug.loc[option]
    badge = f" · {t('prog_synthetic', lang)}" if row["is_synthetic"] else ""
    return P.title(row, lang) + badge


# The selectbox below shows and sets this; it is read first so the map can go out first.
choice = st.session_state["presenter_choice"]
st.query_params["programme"] = st.session_state["presenter_url"] = choice
names = area_names()
# The one mention of when the registry was read; every figure carries its own date.
as_of = t("prog_registry_read", lang, date=format_be(data.loaded_at.date(), lang))

if choice == P.NATIONAL:
    coverage = data.coverage[data.coverage["programme_id"].isin(real["programme_id"])]
    plan = P.national_plan(coverage, names)
    heading, subheading = t("prog_national", lang), t("app_title", lang)
    kpis = P.national_kpis(real, data.partners[data.partners["programme_id"].isin(
        real["programme_id"])], coverage, lang)
    date_line = as_of
    synthetic = False
else:
    programme = by_slug.loc[choice]
    pid = programme["programme_id"]
    coverage = data.coverage[data.coverage["programme_id"] == pid]
    plan = P.map_plan(coverage, names)
    heading, subheading = P.title(programme, lang), P.other_title(programme, lang) or ""
    kpis = P.programme_kpis(data.partners[data.partners["programme_id"] == pid], coverage,
                            data.claims[data.claims["programme_id"] == pid], lang)
    date_line = " · ".join([*(f"{label}: {value}" for label, value in
                              P.date_facts(programme, lang)), as_of])
    synthetic = bool(programme["is_synthetic"])

classes = P.plan_classes(plan, lang, PALETTE)
notes = []
if plan.national and not plan.coloured:
    notes.append(t("prog_map_national_note", lang))
if synthetic:
    notes.append(t("prog_synthetic", lang))
page = one_pager(heading, subheading, kpis, plan, classes, date_line, ATTRIBUTION[lang],
                 tuple(notes))


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs={OnePager: hash})
def _export(page: OnePager, fmt: str, _geometry) -> bytes:
    return render(page, _geometry, fmt)


# Layout first, then the map: the browser starts loading the map's frame and Leaflet while
# the rest of the page is still being drawn (first paint is what a venue's screen shows).
controls = st.columns([4, 1.3, 1.3, 1.3], vertical_alignment="center")
headings = st.container()
map_column, kpi_column = st.columns([2, 1], gap="large")
shapes = P.fit_to(display_layer(plan.level).subset(plan.draw), plan.focus)
layer = coverage_layer(shapes, plan.figure_frame(), names[names["level"] == plan.level], lang,
                       palette=PALETTE, selected=plan.selected,
                       fit_key=f"presenter:{choice}:{plan.fit_key}")
with map_column:
    show_map(layer, lang=lang, key="presenter_map", height=MAP_HEIGHT)
headings.title(P.md(heading))
if subheading:
    headings.caption(P.md(subheading))
if synthetic:
    headings.badge(t("prog_synthetic", lang), icon=":material/warning:", color="orange")
if not map_painted("presenter_map"):
    st.stop()  # first visit in this session: the controls and figures follow the map
controls[0].selectbox(t("prog_choose", lang), [P.NATIONAL, *slugs], key="presenter_choice",
                      format_func=_option, label_visibility="collapsed")

geometry = boundaries().layer(plan.level)
file_stem = "one-pager-" + ("national" if choice == P.NATIONAL else str(pid))
try:
    thai_font_family()
except ThaiFontMissing as error:
    controls[1].error(f"{t('prog_font_missing', lang)}: {error}", icon="🔤")
else:
    controls[1].download_button(
        t("prog_export_png", lang), data=lambda: _export(page, "png", geometry),
        file_name=f"{file_stem}.png", mime="image/png", on_click="ignore",
        key="export_png", icon=":material/image:", width="stretch")
    controls[2].download_button(
        t("prog_export_pdf", lang), data=lambda: _export(page, "pdf", geometry),
        file_name=f"{file_stem}.pdf", mime="application/pdf", on_click="ignore",
        key="export_pdf", icon=":material/picture_as_pdf:", width="stretch")
back = {"programme": choice} if choice != P.NATIONAL else {}
back_query = urlencode({**back, **({"lang": lang} if lang != "th" else {})})
controls[3].markdown(f"[{P.md(t('prog_exit_presenter', lang))}](programme?{back_query})")

for kpi in kpis[:6]:
    kpi_column.metric(P.md(kpi.label), kpi.value)
    if kpi.note:
        kpi_column.caption(P.md(kpi.note))

for note in notes:
    kpi_column.info(note)
st.caption(P.md(date_line))
