"""The map payload budgets of issue 7, checked on the real shared boundaries.

Payload size is deterministic (unlike time), so it is a test: the bytes
`st_folium` hands Streamlit for a map, measured exactly as `python -m bench`
measures them in-process (bench.payload), must stay within each view's budget.
"""

from __future__ import annotations

import json

import pytest

from bench.payload import VIEW, VIEWS, captured_component_args, map_args, payload_bytes

BUDGETS = {"national_province": 150_000, "province_tambons": 100_000,
           "national_tambons": 1_500_000}


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
    args = json.loads(map_args(_draw(view)))
    assert set(layer["code"]) == set(_codes_in(args["feature_group"]))
    assert {"national_province": 77, "province_tambons": 209,
            "national_tambons": 7425}[view.key] == len(layer)


def test_capture_restores_the_component():
    import streamlit_folium

    original = streamlit_folium._component_func
    with captured_component_args():
        assert streamlit_folium._component_func is not original
    assert streamlit_folium._component_func is original


def _draw(view):
    from bench.payload import product_draw

    return product_draw(VIEW[view.key])


def _codes_in(script: str) -> list[str]:
    start = script.index("areas = ") + len("areas = ")
    end = script.index(";\n", start)
    return [area[0] for area in json.loads(script[start:end])]
