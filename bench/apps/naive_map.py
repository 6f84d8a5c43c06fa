"""The naive baseline: the whole source layer, every property, read on each rerun,
drawn by folium `GeoJson` through `st_folium` with default arguments.

    streamlit run bench/apps/naive_map.py  →  ?level=province|district|subdistrict&province=14
"""

import streamlit as st
from streamlit_folium import st_folium

from bench.payload import naive_map

level = st.query_params.get("level", "province")
province = st.query_params.get("province") or None
st.title("Naive map")
st_folium(naive_map(level, province))
