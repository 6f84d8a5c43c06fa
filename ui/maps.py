"""Showing a map: a fixed base that never remounts, and a layer swapped in place."""

from __future__ import annotations

import folium
from streamlit_folium import st_folium

from geo import base_map
from ui.data import country_outline

MAP_HEIGHT = 560


def show_map(layer: folium.FeatureGroup, *, lang: str, key: str,
             height: int = MAP_HEIGHT) -> dict | None:
    """Draws the map; returns the last clicked point. Pan and zoom do not rerun the app."""
    base = base_map(lang, outline=country_outline())
    return st_folium(
        base, feature_group_to_add=layer, key=key, height=height,
        use_container_width=True, returned_objects=["last_object_clicked"],
    )
