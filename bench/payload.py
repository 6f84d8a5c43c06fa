"""Map bytes, deterministic: what `st_folium` hands Streamlit to send for one map.

Streamlit ships a component's arguments as `json.dumps(args)` inside the element's
protobuf, on every rerun that changes them. That text is measured here, for the
product (pages/explorer.py run by AppTest on the registry DATABASE_URL names, the
seed data in a fresh one) and for the naive baseline (folium `GeoJson` of the whole source file, all
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
    areas: int  # how many areas the map draws

    def naive_query(self) -> dict[str, str]:
        """bench/apps/naive_map.py's parameters for the same map."""
        return {"level": self.level, **({"province": self.province} if self.province else {})}

    def query(self) -> dict[str, str]:
        """Explorer URL parameters for this view (the page's URL contract: a province's
        tambons are the subdistrict level drilled into that province, `area`)."""
        params = {"level": self.level}
        if self.province:
            params["area"] = self.province
        return params


VIEWS = (
    MapView("national_province", "national province map (77)", "province", None,
            150 * KB, 77),
    MapView("province_tambons", "one province's tambons (Ayutthaya, 209)", "subdistrict", "14",
            100 * KB, 209),
    MapView("national_tambons", "whole country at tambon level (7,425)", "subdistrict", None,
            1500 * KB, 7425),
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


EXPLORER = "pages/explorer.py"


def explorer_draw(view: MapView, lang: str = "th") -> Callable[[], object]:
    """The explorer page itself (AppTest, the registry named by DATABASE_URL) showing `view`."""
    from streamlit.testing.v1 import AppTest

    from tests.painted import maps_painted

    def draw():
        app = maps_painted(AppTest.from_file(str(settings.PROJECT_ROOT / EXPLORER),
                                             default_timeout=300))
        app.query_params.update(view.query(), lang=lang)
        app.run()
        if app.exception:
            raise RuntimeError(f"{EXPLORER} failed: {app.exception[0].message}")
        return app

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
    """Bytes of the explorer's map arguments for `view` (the figure the budget test checks)."""
    return len(map_args(explorer_draw(view, lang)).encode("utf-8"))


def run(views=VIEWS, source: Path | None = None, label: str = "") -> list[Figure]:
    figures = []
    for view in views:
        product = map_args(explorer_draw(view)).encode("utf-8")
        naive = map_args(naive_draw(view, source)).encode("utf-8")
        deflated = len(zlib.compress(product, 6))
        figures.append(Figure(
            f"map bytes in-process{label}: {view.title}", "B",
            Stats.of([len(product)]), view.budget_bytes, Stats.of([len(naive)]),
            note=f"deflate would make it {deflated / KB:.0f} KB",
        ))
    return figures


if __name__ == "__main__":
    import os
    import tempfile

    from bench.common import table

    with tempfile.TemporaryDirectory() as scratch:
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/registry.sqlite")
        print(table(run()))
