"""Showing a map: a fixed base that never remounts, and a layer swapped in place."""

from __future__ import annotations

import folium
import streamlit as st
from streamlit.components.v2 import component
from streamlit_folium import st_folium

from geo import base_map
from geo.maps import AREAS_SHOWN_FLAG
from ui.data import country_outline
from ui.scripts import script

MAP_HEIGHT = 560
# How long the rest of a page waits for its map to paint before it is drawn anyway.
PAINT_WAIT_MS = 4000
# How long a click on a page link (or Back) holds the watcher's rerun off; see below.
NAVIGATION_HOLD_MS = 3000

# Reruns the app once the page's map has painted (ui/js/paint_watch.js says how).
_paint_watch = component("dashboard.map_paint_watch", js=script("paint_watch.js"))
# The map's frame, whatever its title (Streamlit names it after the component).
MAP_FRAMES = 'iframe[src*="streamlit_folium"]'

# Names the map's frame for screen readers and points it at the sentence describing the map.
_frame_title = component("dashboard.map_frame_title", js=script("frame_title.js"))


def show_map(layer: folium.FeatureGroup, *, lang: str, key: str, height: int = MAP_HEIGHT,
             title: str = "", summary: str = "", fill_frame: bool = False) -> dict | None:
    """Draws the map; returns the last clicked point. Pan and zoom do not rerun the app.

    `title` names the map's frame and `summary` says in a sentence what it shows (also
    written under the map, for everyone); `fill_frame` lets page CSS size the frame.
    """
    base = base_map(lang, outline=country_outline(), fill_frame=fill_frame)
    clicked = st_folium(
        base, feature_group_to_add=layer, key=key, height=height,
        use_container_width=True, returned_objects=["last_object_clicked"],
    )
    if title:
        _frame_title(key=f"{key}_title", data={"frames": MAP_FRAMES, "title": title,
                                               "summary": summary})
    return clicked


def painted_flag(key: str) -> str:
    return f"{key}_painted"


def map_painted(key: str) -> bool:
    """Whether this session's browser has painted the map `key` once.

    Until it has, a page draws its map and stops: the code of its other widgets would
    otherwise load over the same few connections first and hold the map back. The watcher
    reruns the app when the map is on screen, and every later run draws the whole page.
    """
    flag = painted_flag(key)
    if st.session_state.get(flag):
        return True
    _paint_watch(key=f"{key}_paint_watch", data={"flag": AREAS_SHOWN_FLAG, "frames": MAP_FRAMES,
                                                 "wait_ms": PAINT_WAIT_MS,
                                                 "navigation_hold_ms": NAVIGATION_HOLD_MS},
                 on_painted_change=lambda: st.session_state.update({flag: True}))
    return False
