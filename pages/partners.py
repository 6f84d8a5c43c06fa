"""Partners: every organisation with its programmes, roles and areas, and the
network of who works with whom; filtered like the map."""

import pandas as pd
import streamlit as st

from ui.data import area_names, boundaries, registry_data
from ui.entry import run_through_dashboard
from ui.lang import current_language
from ui.tables import long_table, organisations_table
from views.coverage import Filters
from views.exports import SHOWN_ROWS
from views.partners import (
    busiest,
    edges_table,
    network_chart,
    network_frames,
    organisation_table,
    partner_edges,
    partner_network,
    programmes_in_view,
)
from views.text import t, term

# This page in the dashboard's menu (ui.navigation reads it from this file).
NAVIGATION = {"title": "page_partners", "icon": ":material/handshake:", "order": 30}
run_through_dashboard()

lang = current_language()
en = lang == "en"
data = registry_data()
names = area_names()
provinces = names[names["level"] == "province"]
province_regions = pd.DataFrame(
    boundaries().layer("province")[["code", "name_th", "name_en", "region_en", "region_th"]]
).rename(columns={"code": "province_code"})

st.title(t("partners_title", lang))
st.caption(t("partners_intro", lang))

# --- filters (the same Filters → select_programmes → filter_coverage path as the map) -----
programmes = data.programmes
title_of = dict(zip(programmes["slug"],
                    programmes["title_en" if en else "title_th"], strict=True))
region_names = province_regions.drop_duplicates("region_en").set_index("region_en")["region_th"]
sidebar = st.sidebar
chosen_programmes = sidebar.multiselect(
    t("partners_filter_programmes", lang), list(title_of), key="partners_programmes",
    format_func=title_of.get, placeholder=t("partners_all", lang))
chosen_themes = sidebar.multiselect(
    t("partners_filter_themes", lang), sorted(programmes["theme"].dropna().unique()),
    key="partners_themes", format_func=lambda theme: term("theme", theme, lang),
    placeholder=t("partners_all", lang))
chosen_regions = sidebar.multiselect(
    t("partners_filter_regions", lang), list(region_names.index), key="partners_regions",
    format_func=lambda region: region if en else region_names[region],
    placeholder=t("partners_all", lang))
province_options = province_regions
if chosen_regions:
    province_options = province_options[province_options["region_en"].isin(chosen_regions)]
province_label = dict(zip(province_options["province_code"],
                          province_options["name_en" if en else "name_th"], strict=True))
chosen_provinces = sidebar.multiselect(
    t("partners_filter_provinces", lang), sorted(province_label, key=province_label.get),
    key="partners_provinces", format_func=province_label.get,
    placeholder=t("partners_all", lang))
include_synthetic = sidebar.toggle(
    t("synthetic_toggle", lang), value=False, key="partners_synthetic",
    disabled=not bool(programmes["is_synthetic"].any() or data.coverage["is_synthetic"].any()),
    help=t("synthetic_toggle_help", lang))
sidebar.caption(t("partners_area_filter_note", lang))

filters = Filters(programmes=tuple(chosen_programmes), themes=tuple(chosen_themes),
                  regions=tuple(chosen_regions), provinces=tuple(chosen_provinces),
                  include_synthetic=include_synthetic)
ids, coverage = programmes_in_view(programmes, data.partners, data.coverage, filters,
                                   province_regions)
if not ids:
    st.info(t("filters_match_nothing", lang))
    st.stop()
in_view = programmes[programmes["programme_id"].isin(ids)]
synthetic_ids = set(in_view.loc[in_view["is_synthetic"], "programme_id"])
if synthetic_ids:
    st.badge(t("synthetic_included_n", lang, n=len(synthetic_ids)), icon=":material/science:",
             color="orange")

# --- organisations ------------------------------------------------------------------------
organisations = organisation_table(data.partners, coverage, ids, provinces, lang, synthetic_ids)
columns = ["organisation", "abbreviation", "programmes", "roles", "provinces",
           "programme_titles"]
organisations_table(organisations, columns, lang, file_name="partners.csv", key="partners_table")

# --- network ------------------------------------------------------------------------------
st.subheader(t("partners_network_title", lang))
st.caption(t("partners_network_note", lang))
edges = partner_edges(data.partners, ids)
titles = dict(zip(in_view["programme_id"], in_view["title_en" if en else "title_th"],
                  strict=True))
shown = partner_network(data.partners, ids, only=busiest(organisations, edges), edges=edges)
if shown.number_of_nodes() < len(organisations):
    st.caption(t("partners_network_busiest", lang, shown=shown.number_of_nodes(),
                 total=len(organisations), links=len(edges)))
nodes, shown_edges = network_frames(shown, titles, lang)
if edges.empty:
    st.info(t("partners_no_links", lang))
if not nodes.empty:
    st.altair_chart(network_chart(nodes, shown_edges, lang), width="stretch",
                    key="partners_network")
if not edges.empty:
    st.subheader(t("partners_pairs_title", lang))
    name = dict(zip(organisations["organisation_id"], organisations["organisation"],
                    strict=True))
    long_table(lambda: edges_table(edges, name, titles, lang),
               edges_table(edges, name, titles, lang, limit=SHOWN_ROWS), len(edges), lang,
               file_name="partner-links.csv", key="partners_pairs")
