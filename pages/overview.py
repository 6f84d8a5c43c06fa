import streamlit as st

from geo import choropleth
from ui.data import boundaries, display_layer
from ui.lang import current_language
from ui.maps import show_map
from views.regions import region_fills, region_legend, region_tooltips
from views.text import t

lang = current_language()
st.title(t("app_title", lang))
provinces = boundaries().layer("province")
layer = choropleth(
    display_layer("province"), region_fills(provinces), region_tooltips(provinces, lang),
    region_legend(provinces, lang), fit_key="national",
)
show_map(layer, lang=lang, key="overview_map")
