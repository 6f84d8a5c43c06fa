"""Map bytes, deterministic: what `st_folium` hands Streamlit to send for one map.

Streamlit ships a component's arguments as `json.dumps(args)` inside the element's
protobuf, on every rerun that changes them. That text is measured here, for the
product (the page's own path: ui.data → views.maps.coverage_layer → ui.maps.show_map)
and for the naive baseline (folium `GeoJson` of the whole source file, all
properties, `st_folium` with default arguments). The browser figure (bench.browser)
counts the same thing on the websocket.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import folium
import pandas as pd
import streamlit_folium

import settings
from bench.common import Figure, Stats, quiet_streamlit

KB = 1000


@dataclass(frozen=True)
class MapView:
    """A map a viewer asks for: a level, optionally inside one province."""

    key: str
    title: str
    level: str
    province: str | None
    budget_bytes: int
    naive_file: str  # the shared source file the naive app reads

    def query(self) -> dict[str, str]:
        """Explorer URL parameters for this view (the page's URL contract)."""
        params = {"level": self.level}
        if self.province:
            params["province"] = self.province
        return params


VIEWS = (
    MapView("national_province", "national province map (77)", "province", None,
            150 * KB, "tha_adm1.geojson"),
    MapView("province_tambons", "one province's tambons (Ayutthaya, 209)", "subdistrict", "14",
            100 * KB, "tha_adm3.geojson"),
    MapView("national_tambons", "whole country at tambon level (7,425)", "subdistrict", None,
            1500 * KB, "tha_adm3.geojson"),
)
VIEW = {view.key: view for view in VIEWS}


@contextmanager
def captured_component_args():
    """Replaces st_folium's component call by one that records its arguments."""
    calls: list[dict] = []
    original = streamlit_folium._component_func

    def record(**kwargs):
        calls.append(kwargs)
        return kwargs.get("default")

    streamlit_folium._component_func = record
    try:
        yield calls
    finally:
        streamlit_folium._component_func = original


def serialised_args(kwargs: dict) -> str:
    """The JSON Streamlit builds from component arguments (custom_component.py)."""
    args = {name: value for name, value in kwargs.items() if name != "on_change"}
    return json.dumps(args)


def map_args(draw: Callable[[], object]) -> str:
    """The serialised component arguments of the one map `draw` shows."""
    quiet_streamlit()
    with captured_component_args() as calls:
        draw()
    if len(calls) != 1:
        raise RuntimeError(f"expected one st_folium call, saw {len(calls)}")
    return serialised_args(calls[0])


def demo_figures(codes) -> pd.DataFrame:
    """A value for every area (the longest tooltips), varied so the legend has classes."""
    codes = list(codes)
    values = [1 + int(code) % 7 for code in codes]
    return pd.DataFrame({"code": codes, "programmes": values, "rows": values})


def product_draw(view: MapView, lang: str = "th") -> Callable[[], object]:
    """The product's map for `view`, drawn the way pages/explorer.py draws it."""
    from ui.data import area_names, display_layer
    from ui.maps import show_map
    from views.maps import coverage_layer

    def draw():
        shapes = display_layer(view.level)
        if view.province:
            shapes = shapes.subset(code for code in shapes.parts.index
                                   if code.startswith(view.province))
        layer = coverage_layer(shapes, demo_figures(shapes.parts.index), area_names(), lang,
                               fit_key=f"{view.level}:{view.province or ''}")
        return show_map(layer, lang=lang, key="explorer_map")

    return draw


def naive_map(level: str, province: str | None, source: Path | None = None) -> folium.Map:
    """The naive approach: the whole source layer, every property, read on every rerun."""
    source = source or settings.boundary_source()
    file = source / {"province": "tha_adm1.geojson", "district": "tha_adm2.geojson",
                     "subdistrict": "tha_adm3.geojson"}[level]
    data = json.loads(file.read_text(encoding="utf-8"))
    if province:
        data["features"] = [feature for feature in data["features"]
                            if feature["properties"]["ADM1_PCODE"] == f"TH{province}"]
    m = folium.Map(location=[13.0, 101.0], zoom_start=6)
    folium.GeoJson(data).add_to(m)
    return m


def naive_draw(view: MapView, source: Path | None = None) -> Callable[[], object]:
    def draw():
        return streamlit_folium.st_folium(naive_map(view.level, view.province, source))

    return draw


def payload_bytes(view: MapView, lang: str = "th") -> int:
    """Bytes of the product's map arguments for `view` (the figure the budget test checks)."""
    return len(map_args(product_draw(view, lang)).encode("utf-8"))


def run(views=VIEWS, source: Path | None = None, label: str = "") -> list[Figure]:
    figures = []
    for view in views:
        product = map_args(product_draw(view)).encode("utf-8")
        naive = map_args(naive_draw(view, source)).encode("utf-8")
        deflated = len(zlib.compress(product, 6))
        figures.append(Figure(
            f"map bytes in-process{label}: {view.title}", "B",
            Stats.of([len(product)]), view.budget_bytes, Stats.of([len(naive)]),
            note=f"deflate would make it {deflated / KB:.0f} KB",
        ))
    return figures


if __name__ == "__main__":
    from bench.common import table

    print(table(run()))
