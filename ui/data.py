"""Cached access to boundaries and registry; a missing source stops the page with its fix."""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import pkgutil
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TypeVar

import geopandas as gpd
import pandas as pd
import streamlit as st
from sqlalchemy import Engine

import settings
from geo import BoundarySourceError, area_table, display_geometry, load_boundaries, outline
from geo.build import Boundaries, current_cache_key
from geo.payload import WHOLE_COUNTRY_DETAIL, EncodedShapes, encode_shapes
from registry import queries
from registry.db import RegistryUnavailable, ensure_ready, registry_version, table_versions
from ui.auth import STATE_KEY
from views.coverage import with_level_codes

LOG = logging.getLogger(__name__)
T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def _boundaries(source_key: str) -> Boundaries:
    return load_boundaries()


@st.cache_resource(show_spinner=False)
def _display(source_key: str, level: str, whole_country: bool) -> EncodedShapes:
    layer = _boundaries(source_key).layer(level)
    return encode_shapes(display_geometry(layer, level, whole_country), level, whole_country)


@st.cache_resource(show_spinner=False)
def _outline(source_key: str) -> gpd.GeoDataFrame:
    return outline(_boundaries(source_key).layer("province"))


@st.cache_data(ttl=30, show_spinner=False)
def _source_key() -> str:
    """Looked at every 30 s: a replaced source is picked up without a restart."""
    return current_cache_key(settings.boundary_source())


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


def display_layer(level: str, whole_country: bool = False) -> EncodedShapes:
    """The level's areas encoded for the browser; `.subset(codes)` for a part of it.

    `whole_country`: drawn for the whole country, so coarser (geo.payload.detail).
    """
    boundaries()
    coarser = whole_country and level in WHOLE_COUNTRY_DETAIL  # one cached copy per detail
    return _display(_key_or_stop(), level, coarser)


def country_outline() -> gpd.GeoDataFrame:
    boundaries()
    return _outline(_key_or_stop())


# --- the registry -----------------------------------------------------------------------

# Seconds a replica trusts its copy before asking the database what moved (one query of
# the per-table versions every write records, registry.db); only the tables that moved are
# read again. Settings' REGISTRY_CACHE_SECONDS (default 2).
REGISTRY_CACHE_SECONDS = settings.registry_cache_seconds()
REGISTRY_TABLES = ("programmes", "partners", "coverage", "claims", "place_mentions",
                   "networks", "organisations", "sources", "events", "logos")


@dataclass(frozen=True)
class RegistryData:
    """Every registry table the pages read, loaded at one moment."""

    programmes: pd.DataFrame
    partners: pd.DataFrame
    coverage: pd.DataFrame  # with province/district/subdistrict codes (views.coverage)
    claims: pd.DataFrame
    place_mentions: pd.DataFrame
    networks: pd.DataFrame
    organisations: pd.DataFrame
    sources: pd.DataFrame
    events: pd.DataFrame
    logos: pd.DataFrame  # organisations' uploaded logos (registry.logos)
    loaded_at: dt.datetime
    stale: bool = False  # True when the database is unreachable and this is the last copy
    # What pages computed from this read (per_read), shared by every session.
    derived: dict = field(default_factory=dict, repr=False, compare=False)


@st.cache_resource(show_spinner=False)
def _shared_engine(url: str) -> Engine:
    """The one engine (and connection pool) of this process for `url`, migrated and seeded."""
    return ensure_ready(url)


def engine() -> Engine:
    """The registry's engine, shared by every page and session of this process."""
    return _shared_engine(settings.database_url())


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    """The shared engine, once its gazetteer holds every area the boundary layers draw."""
    return ensure_ready(polygon_codes=boundaries().codes(), engine=_shared_engine(url))


Stamps = tuple[tuple[str, tuple[int, ...]], ...]


@st.cache_data(ttl=REGISTRY_CACHE_SECONDS, show_spinner=False)
def _stamps(url: str) -> Stamps:
    """Per table, the versions of the registry tables it reads (queries.READS), asked for at
    most every REGISTRY_CACHE_SECONDS; a table's stamp moves only when it must be read again.
    A database without the per-table record stamps every table with the one counter."""
    engine = _engine(url)
    versions = table_versions(engine)
    if versions is None:
        counter = (registry_version(engine) or 0,)
        return tuple((name, counter) for name in REGISTRY_TABLES)
    return tuple((name, (*(versions.get(table, (0, 0))[0] for table in sorted(own)),
                         *(versions.get(table, (0, 0))[1] for table in sorted(looked_up))))
                 for name, (own, looked_up) in ((name, queries.READS[name])
                                                for name in REGISTRY_TABLES))


@st.cache_resource(show_spinner=False, max_entries=2 * len(REGISTRY_TABLES))
def _table(url: str, name: str, stamp: tuple[int, ...]) -> pd.DataFrame:
    """One table, read once per stamp and shared by every session (read-only: pages
    narrow copies, never change these frames in place)."""
    frame = getattr(queries, name)(_engine(url))
    return with_level_codes(frame) if name == "coverage" else frame


@st.cache_resource(show_spinner=False, max_entries=2)
def _load(url: str, stamps: Stamps) -> tuple[dict[str, pd.DataFrame], dt.datetime, dict]:
    """Every table as of `stamps` (only those whose stamp moved are read again), when this
    combination was first read, and what pages derive from it (per_read)."""
    tables = {name: _table(url, name, stamp) for name, stamp in stamps}
    return tables, dt.datetime.now(), {}


def per_read(data: RegistryData, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per registry read: every session showing the same read with the
    same choices (`key`, e.g. the page, language and toggles) shares the result, so a
    rerun redraws instead of recomputing. Read-only, like the tables."""
    try:
        return data.derived[key]
    except KeyError:
        value = data.derived[key] = compute()
        return value


@st.cache_resource(show_spinner=False)
def _last_good() -> dict[str, tuple[dict[str, pd.DataFrame], dt.datetime, dict]]:
    """The last registry read per database, served read-only while the database is down."""
    return {}


def outage_message(error: RegistryUnavailable) -> str:
    """What the page says about a database it cannot reach.

    Connection details (host, port, database, the server's own words) only for a
    tab holding an admin's sign-in; it cannot be re-checked while the database is
    away, but it was checked when made. The server log always has them.
    """
    held = st.session_state.get(STATE_KEY)
    if held is not None and held.role == "admin":
        return str(error)
    return error.public


def registry_data() -> RegistryData:
    """The registry as of its latest version (asked for at most every
    REGISTRY_CACHE_SECONDS), or the last good copy."""
    url = settings.database_url()
    try:
        tables, loaded_at, derived = _load(url, _stamps(url))
    except RegistryUnavailable as error:
        _engine.clear()
        _shared_engine.clear()
        _stamps.clear()
        LOG.warning("%s", error)
        if url not in _last_good():
            st.error(outage_message(error), icon="🛑")
            st.stop()
        tables, loaded_at, derived = _last_good()[url]
        st.warning(f"{outage_message(error)}\n\nShowing the data as read at "
                   f"{loaded_at:%H:%M:%S} (read-only).", icon="⚠️")
        return RegistryData(**tables, loaded_at=loaded_at, stale=True, derived=derived)
    _last_good()[url] = (tables, loaded_at, derived)
    return RegistryData(**tables, loaded_at=loaded_at, derived=derived)


def registry_changed() -> None:
    """Call after a write, so this replica shows it at once (others within seconds): the
    tables it moved are read again, the others kept."""
    _stamps.clear()


def forget_registry() -> None:
    """Drops every table read (e.g. before reading another database of the same size)."""
    _stamps.clear()
    _load.clear()
    _table.clear()


def area_names() -> pd.DataFrame:
    """Code, names and parents of every drawn area, all levels."""
    key = _key_or_stop()
    return _area_names(key)


@st.cache_resource(show_spinner=False)
def _area_names(source_key: str) -> pd.DataFrame:
    return area_table(_boundaries(source_key))


# Imported only inside a visitor's run: Streamlit registers a module's custom component
# (streamlit-folium's map) only when it is first imported there.
NOT_WARMED_UP = ("ui.maps", "ui.serve")


def warm_up() -> None:
    """Does, before a visitor asks, what the first run of a page does once per process.

    In the order the landing page (overview) needs it: Streamlit's own first-use checks,
    the caches, then the modules the pages import from `ui` and `views` (and folium, altair,
    matplotlib … behind them). A source or database problem is left for that first visit,
    which shows it with its fix.
    """
    # The first element a process draws has Streamlit walk the call stack and the source of
    # every loaded module to see if it runs in a REPL; outside a run only that is done.
    st.empty()
    # A non-ASCII label (the language switch's "ไทย") loads Streamlit's emoji catalogue.
    importlib.import_module("streamlit.emojis")
    try:
        key = _source_key()
        url = settings.database_url()
        _load(url, _stamps(url))
        _area_names(key)
        _outline(key)
        _display(key, "province", False)
    except (BoundarySourceError, RegistryUnavailable):
        pass
    import folium.plugins  # noqa: F401  (streamlit-folium's import: its templates compile)

    import ui
    import views

    for package in (ui, views):
        for module in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
            if module.name not in NOT_WARMED_UP:
                importlib.import_module(module.name)
