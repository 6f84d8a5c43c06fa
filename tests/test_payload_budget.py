"""The map payload budgets, checked on the real shared boundaries.

Payload size is deterministic (unlike time), so it is a test: the bytes
`st_folium` hands Streamlit for a map, measured exactly as `python -m bench`
measures them in-process (bench.payload): pages/explorer.py run by AppTest on
a fresh registry holding the seed programmes.
"""

from __future__ import annotations

import html
import itertools
import json

import pytest

from bench.payload import VIEWS, captured_component_args, explorer_draw, map_args, payload_bytes
from tests.map_script import read_ints

BUDGETS = {"national_province": 150_000, "province_tambons": 100_000,
           "national_tambons": 1_500_000}


@pytest.fixture(scope="module", autouse=True)
def seeded_registry(tmp_path_factory):
    """The explorer reads the registry DATABASE_URL names: a fresh SQLite file, seeded."""
    with pytest.MonkeyPatch.context() as patch:
        folder = tmp_path_factory.mktemp("payload")
        patch.setenv("DATABASE_URL", f"sqlite:///{folder / 'registry.sqlite'}")
        yield


@pytest.mark.parametrize("view", VIEWS, ids=[view.key for view in VIEWS])
def test_map_payload_within_budget(view):
    assert view.budget_bytes == BUDGETS[view.key]
    size = payload_bytes(view)
    assert size <= view.budget_bytes, (
        f"{view.title}: the map sends {size:,} bytes, over its budget of "
        f"{view.budget_bytes:,} bytes by {size - view.budget_bytes:,}"
    )


@pytest.mark.parametrize("view", VIEWS, ids=[view.key for view in VIEWS])
def test_measured_map_holds_every_area_of_the_view(view):
    """The figure is about the right map: every area of the view is in the payload."""
    from ui.data import boundaries

    layer = boundaries().layer(view.level)
    if view.province:
        layer = layer[layer["province_code"] == view.province]
    args = json.loads(map_args(explorer_draw(view)))
    assert set(layer["code"]) == set(_codes_in(args["feature_group"]))
    assert {"national_province": 77, "province_tambons": 209,
            "national_tambons": 7425}[view.key] == len(layer)


def test_capture_restores_the_component():
    import streamlit_folium

    original = streamlit_folium._component_func
    with captured_component_args():
        assert streamlit_folium._component_func is not original
    assert streamlit_folium._component_func is original


def _codes_in(script: str) -> list[str]:
    start = script.index("areas = ") + len("areas = ")
    end = script.index(";\n", start)
    digits, deltas, _ = json.loads(script[start:end])
    return [str(code).zfill(digits) for code in itertools.accumulate(read_ints(deltas))]


@pytest.mark.parametrize("tooltips", [
    {"10": ("กรุงเทพมหานคร", "Bangkok", "จำนวนโครงการ: 2"),
     "11": ("สมุทรปราการ", "Samut Prakan", "จำนวนโครงการ: 2")},
    {"10": ("<b>x", "", "a", "b"), "11": ("plain",)},
    {"10": ("a <i>b</i>", "x"), "11": ()},
    {"10": ("",), "11": ("", "")},
    {"11": ("only one",)},
    {"10": ("same", "same"), "11": ("other", "same")},
])
def test_tooltip_table_gives_back_every_tooltip_escaped(tooltips):
    from geo.payload import tooltip_table, tooltip_text

    codes = ["10", "11", "12"]
    lines, refs = tooltip_table(codes, tooltips)
    assert len(refs) == len(codes)
    assert len(lines) == len(set(lines))
    for code, row in zip(codes, refs, strict=True):
        expected = [html.escape(line) for line in tooltips.get(code, ())]
        if expected:
            expected[0] = f"<b>{expected[0]}</b>"
        assert tooltip_text(lines, row) == "<br>".join(expected)


def test_tooltip_table_sends_a_repeated_line_once_and_bold_without_tags():
    from geo.payload import tooltip_table

    tooltips = {code: (f"name {code}", "ทั้งจังหวัด: 1 โครงการ") for code in ("1", "2", "3")}
    lines, refs = tooltip_table(["1", "2", "3"], tooltips)
    assert lines.count("ทั้งจังหวัด: 1 โครงการ") == 1
    assert "name 1" in lines and not any("<b>" in line for line in lines)
    assert all(row[0] < 0 <= row[1] for row in refs)
