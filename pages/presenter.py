"""Presenter mode for signing events: one programme or the nation, big and plain, offline.

`?programme=<slug>` or `?programme=national` (the default) picks what is shown, `?from=`
the page "Leave" (or Esc) goes back to. The page is a slide: it hides the sidebar and
Streamlit's header itself and sizes the map to the screen, so nothing falls below it.
"""

import streamlit as st
from streamlit.components.v2 import component

from dates import format_be
from geo.maps import ATTRIBUTION, label_points, locator_svg
from ui.data import area_names, boundaries, country_outline, display_layer, registry_data
from ui.entry import run_through_dashboard
from ui.lang import current_language
from ui.maps import map_painted, show_map
from ui.scripts import script
from views import presenter as S
from views import programme as P
from views import sources as D
from views.maps import coverage_layer
from views.onepager import OnePager, ThaiFontMissing, one_pager, render, thai_font_family
from views.text import t

# This page in the dashboard's menu (ui.navigation reads it from this file).
NAVIGATION = {"title": "page_presenter", "icon": ":material/slideshow:", "order": 50}
run_through_dashboard()

# Constant CSS only (no data): no sidebar, no header or toolbar, full width, large type,
# and a map whose frame takes the height the screen leaves (1280×720 to 1920×1080).
PRESENTER_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stStatusWidget"], footer {display: none !important;}
[data-testid="stAppViewContainer"], [data-testid="stMain"] {background: #ffffff; color: #000000;}
[data-testid="stMainBlockContainer"], .block-container {
  max-width: 100% !important; padding: 0.6rem 2rem 0.4rem !important;}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {gap: 0.45rem;}
[data-testid="stMain"] h1 {font-size: clamp(1.45rem, 1.1rem + 1.3vw, 2.6rem) !important;
  line-height: 1.22 !important; color: #000000; padding: 0 !important; text-wrap: balance;
  max-height: 2.5em; overflow: hidden;}
[data-testid="stMain"] p, [data-testid="stMain"] li {
  font-size: clamp(1rem, 0.7rem + 0.6vw, 1.35rem);}
.st-key-slide_subtitle p {white-space: nowrap; overflow: hidden; text-overflow: ellipsis;}
[data-testid="stMain"] iframe[src*="streamlit_folium"] {
  height: max(16rem, calc(100vh - 14.5rem)) !important;}
.st-key-slide_side {max-height: max(16rem, calc(100vh - 14.5rem)); overflow-y: auto;}
.st-key-slide_figures {display: grid !important;
  grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.2rem 1rem;}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
  font-size: clamp(1.6rem, 0.9rem + 2.4vh, 3rem) !important; line-height: 1.1 !important;
  font-weight: 700; color: #000000;}
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  font-size: clamp(0.95rem, 0.7rem + 0.7vh, 1.25rem) !important; color: #000000;}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {
  font-size: clamp(0.9rem, 0.6rem + 0.6vh, 1.1rem) !important; color: #222222;}
.slide-partners p {margin: 0 0 0.2rem;}
.slide-partners ul {list-style: none; margin: 0; padding: 0;}
.slide-partners li {margin: 0 0 0.25rem; display: flex; align-items: center; gap: 0.5rem;
  font-size: clamp(0.95rem, 0.7rem + 0.6vh, 1.2rem); line-height: 1.25;}
.slide-partners img {height: clamp(1.8rem, 1rem + 2.2vh, 3rem); width: auto;
  max-width: clamp(3.5rem, 2rem + 4vw, 6rem); object-fit: contain; flex: none;}
</style>"""
MAP_HEIGHT = 600  # before the CSS above sizes it to the screen
PALETTE = "contrast"
# Esc leaves presenter mode, like the "Leave" link.
_escape_leaves = component("dashboard.presenter_escape", js=script("presenter_escape.js"))

st.html(PRESENTER_CSS)  # style only: no space taken, no Markdown-with-HTML code to load
lang = current_language()
data = registry_data()
real = data.programmes[~data.programmes["is_synthetic"].astype(bool)]
slugs = data.programmes["slug"].tolist()
by_slug = data.programmes.set_index("slug", drop=False)
lang_query = {"lang": lang} if lang != "th" else {}


def _option(option: str) -> str:
    if option == P.NATIONAL:
        return t("prog_national", lang)
    row = by_slug.loc[option]
    badge = f" · {t('prog_synthetic', lang)}" if row["is_synthetic"] else ""
    return P.title(row, lang) + badge


def leave_link(choice: str) -> None:
    page, query = S.return_page(st.query_params.get("from"), choice)
    with st.container(key="presenter_exit"):
        leave = st.button(t("prog_exit_presenter", lang), icon=":material/close:",
                          help=t("slide_exit_hint", lang), type="tertiary")
    _escape_leaves(key="presenter_escape")
    if leave:
        st.switch_page(page, query_params={**query, **lang_query})


asked = st.query_params.get("programme")
if S.requested_unknown(asked, slugs, allow_national=True):
    # A mistyped or removed programme: say so, and let the presenter pick the right one.
    st.error(t("programme_not_found", lang, slug=asked), icon=":material/search_off:")
    picked = st.selectbox(t("prog_choose", lang), [P.NATIONAL, *slugs], index=None,
                          format_func=_option, key="presenter_missing_choice",
                          placeholder=t("prog_choose", lang))
    leave_link(P.NATIONAL)
    if picked is None:
        st.stop()
    st.query_params["programme"] = picked
    st.session_state.pop("presenter_missing_choice", None)
    st.rerun()

requested = P.chosen_slug(asked, slugs, allow_national=True)
if (st.session_state.get("presenter_url") != requested
        or st.session_state.get("presenter_choice") not in [P.NATIONAL, *slugs]):
    st.session_state["presenter_choice"] = requested

# The selectbox below shows and sets this; it is read first so the map can go out first.
choice = st.session_state["presenter_choice"]
st.query_params["programme"] = st.session_state["presenter_url"] = choice
names = area_names()
# The one mention of when the registry was read; every figure carries its own date.
as_of = t("prog_registry_read", lang, date=format_be(data.loaded_at.date(), lang))
partners = data.partners

if choice == P.NATIONAL:
    coverage = data.coverage[data.coverage["programme_id"].isin(real["programme_id"])]
    plan = P.national_plan(coverage, names)
    heading, subheading = t("prog_national", lang), t("app_title", lang)
    partners = partners[partners["programme_id"].isin(real["programme_id"])]
    kpis = P.national_kpis(real, partners, coverage, lang)
    date_line = as_of
    synthetic = False
else:
    programme = by_slug.loc[choice]
    pid = programme["programme_id"]
    coverage = data.coverage[data.coverage["programme_id"] == pid]
    plan = P.map_plan(coverage, names)
    heading, subheading = P.title(programme, lang), P.other_title(programme, lang) or ""
    partners = partners[partners["programme_id"] == pid]
    kpis = P.programme_kpis(partners, coverage, data.claims[data.claims["programme_id"] == pid],
                            lang)
    date_line = " · ".join([*(f"{label}: {value}" for label, value in
                              P.date_facts(programme, lang)), as_of])
    synthetic = bool(programme["is_synthetic"])

classes = S.slide_classes(plan, lang, PALETTE)
geometry = boundaries().layer(plan.level)
place_names = S.label_names(plan, names, lang)
labels = label_points(geometry, place_names)
focus = S.bounds_of(geometry, plan.focus) if S.zoomed_in(plan) else None
locator = locator_svg(country_outline(), focus) if focus else ""
on_stage = S.partners_on_stage(partners, data.logos, lang) if choice != P.NATIONAL else []
cited = [] if choice == P.NATIONAL else D.programme_documents(programme["source_files"],
                                                              data.sources, lang)
sources_line = t("src_line", lang, documents="; ".join(cited)) if cited else ""
notes = []
if plan.national and not plan.coloured:
    notes.append(t("prog_map_national_note", lang))
if synthetic:
    notes.append(t("prog_synthetic", lang))
page = one_pager(heading, subheading, kpis, plan, classes, date_line, ATTRIBUTION[lang],
                 tuple(notes), labels=tuple(labels),
                 partners=tuple(name for name, _ in on_stage),
                 partner_logos=tuple(logo for _, logo in on_stage), sources_line=sources_line,
                 partners_title=t("slide_partners", lang),
                 locator=focus)


@st.cache_data(max_entries=64, show_spinner=False, hash_funcs={OnePager: hash})
def _export(page: OnePager, fmt: str, _geometry, _country) -> bytes:
    return render(page, _geometry, fmt, country=_country)


def show_figures(kpis: list[P.Kpi]) -> None:
    """The key figures: partners, listed areas, then the targets and reported counts
    as the programme's sources give them (views.programme)."""
    with st.container(key="slide_figures"):
        for kpi in kpis[:8]:
            with st.container(gap=None):  # a figure and its note stay in one cell
                st.metric(P.md(kpi.label), kpi.value)
                if kpi.note:
                    st.caption(P.md(kpi.note))


# Layout first, then the map: the browser starts loading the map's frame and Leaflet while
# the rest of the page is still being drawn (first paint is what a venue's screen shows).
controls = st.container(horizontal=True, vertical_alignment="center", gap="small")
headings = st.container()
map_column, side_column = st.columns([2.2, 1], gap="medium")
shapes = P.fit_to(display_layer(plan.level).subset(plan.draw), plan.focus)
layer = coverage_layer(shapes, plan.figure_frame(), names[names["level"] == plan.level], lang,
                       palette=PALETTE, selected=plan.selected, classes=classes,
                       labels=labels, locator=locator,
                       fit_key=f"presenter:{choice}:{plan.fit_key}")
summary = S.map_summary(plan, names, lang)
with map_column:
    show_map(layer, lang=lang, key="presenter_map", height=MAP_HEIGHT, fill_frame=True,
             title=t("slide_map_title", lang, title=heading), summary=summary)
headings.title(P.md(heading))
if subheading:
    headings.container(key="slide_subtitle").caption(P.md(subheading))
if synthetic:
    headings.badge(t("prog_synthetic", lang), icon=":material/warning:", color="orange")
if not map_painted("presenter_map"):
    st.stop()  # first visit in this session: the controls and figures follow the map
with controls:
    st.selectbox(t("prog_choose", lang), [P.NATIONAL, *slugs], key="presenter_choice",
                 format_func=_option, label_visibility="collapsed", width=420)
    try:
        thai_font_family()
    except ThaiFontMissing as error:
        st.error(f"{t('prog_font_missing', lang)}: {error}", icon="🔤")
    else:
        file_stem = "one-pager-" + ("national" if choice == P.NATIONAL else str(pid))
        country = country_outline()
        st.download_button(
            t("prog_export_png", lang), data=lambda: _export(page, "png", geometry, country),
            file_name=f"{file_stem}.png", mime="image/png", on_click="ignore",
            key="export_png", icon=":material/image:")
        st.download_button(
            t("prog_export_pdf", lang), data=lambda: _export(page, "pdf", geometry, country),
            file_name=f"{file_stem}.pdf", mime="application/pdf", on_click="ignore",
            key="export_pdf", icon=":material/picture_as_pdf:")
    leave_link(choice)

with side_column.container(key="slide_side"):
    show_figures(kpis)
    if on_stage:
        with st.container(key="slide_partners"):
            st.html(S.partners_html(t("slide_partners", lang), on_stage))
    for note in notes:
        st.info(note)
    st.caption(P.md(summary))
st.caption(P.md(date_line))
if sources_line:  # the documents behind the slide, as a reader would cite them
    st.caption(P.md(sources_line))
