"""Cached access to the boundaries; a missing source stops the page with its fix."""

from __future__ import annotations

import geopandas as gpd
import streamlit as st

import settings
from geo import BoundarySourceError, display_geometry, load_boundaries, outline
from geo.build import Boundaries, cache_key
from geo.payload import EncodedShapes, encode_shapes


@st.cache_resource(show_spinner=False)
def _boundaries(source_key: str) -> Boundaries:
    return load_boundaries()


@st.cache_resource(show_spinner=False)
def _display(source_key: str, level: str) -> EncodedShapes:
    return encode_shapes(display_geometry(_boundaries(source_key).layer(level), level), level)


@st.cache_resource(show_spinner=False)
def _outline(source_key: str) -> gpd.GeoDataFrame:
    return outline(_boundaries(source_key).layer("province"))


@st.cache_data(ttl=30, show_spinner=False)
def _source_key() -> str:
    """Re-hashed at most every 30 s: a replaced source is picked up without a restart."""
    return cache_key(settings.boundary_source())


def _key_or_stop() -> str:
    try:
        return _source_key()
    except BoundarySourceError as error:
        st.error(str(error), icon="🗺️")
        st.stop()


def boundaries() -> Boundaries:
    key = _key_or_stop()
    try:
        return _boundaries(key)
    except BoundarySourceError as error:
        st.error(str(error), icon="🗺️")
        st.stop()


def display_layer(level: str) -> EncodedShapes:
    """The level's areas encoded for the browser; `.subset(codes)` for a part of it."""
    boundaries()
    return _display(_key_or_stop(), level)


def country_outline() -> gpd.GeoDataFrame:
    boundaries()
    return _outline(_key_or_stop())
