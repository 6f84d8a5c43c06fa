"""Partners: every organisation with its programmes, roles and areas, and the
network of who works with whom; filtered like the map."""

import streamlit as st

from ui.data import area_names, boundaries, registry_data
from ui.entry import run_through_dashboard
from ui.lang import current_language
from ui.tables import long_table, organisations_table
from views import filters as F
from views.explorer import province_regions
from views.exports import SHOWN_ROWS
from views.filters import Filters
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
from views.text import localised, t

# This page in the dashboard's menu (ui.navigation reads it from this file).
NAVIGATION = {"title": "page_partners", "icon": ":material/handshake:", "order": 30}
run_through_dashboard()

lang = current_language()
data = registry_data()
names = area_names()
provinces = names[names["level"] == "province"]

st.title(t("partner_organisations", lang))
st.caption(t("partners_intro", lang))

# --- filters (the same declaration and Filters → select_programmes → filter_coverage path
# as the map) ----------------------------------------------------------------------------
programmes = data.programmes
province_layer = boundaries().layer("province")
choices = F.options(programmes, data.partners, data.coverage, province_layer, lang,
                    page="partners")
sidebar = st.sidebar
chosen: dict[str, tuple[str, ...]] = {}
fields: dict[str, tuple[str, ...]] = {}
for widget in F.widgets(choices, lang, page="partners"):
    # drawn in order, so a filter's choices can follow the ones set above it
    shown = F.narrowed({widget.key: widget.labels}, province_layer, chosen)[widget.key]
    chosen[widget.key] = fields[widget.field] = tuple(sidebar.multiselect(
        widget.label, list(shown), key=f"partners_{widget.field}", format_func=shown.get,
        placeholder=t("ex_any", lang)))
include_synthetic = sidebar.toggle(
    t("synthetic_toggle", lang), value=False, key="partners_synthetic",
    disabled=not bool(programmes["is_synthetic"].any() or data.coverage["is_synthetic"].any()),
    help=t("synthetic_toggle_help", lang))
sidebar.caption(t("partners_area_filter_note", lang))

filters = Filters(**fields, include_synthetic=include_synthetic)
ids, coverage = programmes_in_view(programmes, data.partners, data.coverage, filters,
                                   province_regions(province_layer))
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
# English shows only Latin abbreviations (views.text.abbreviation_in): a column of none
# says nothing.
columns = [column for column in ("organisation", "abbreviation", "programmes", "roles",
                                 "provinces", "programme_titles")
           if column != "abbreviation" or organisations["abbreviation"].astype(bool).any()]
organisations_table(organisations, columns, lang, file_name="partners.csv", key="partners_table")

# --- network ------------------------------------------------------------------------------
st.subheader(t("partners_network_title", lang))
st.caption(t("partners_network_note", lang))
edges = partner_edges(data.partners, ids)
titles = dict(zip(in_view["programme_id"], localised(in_view, "title", lang), strict=True))
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
