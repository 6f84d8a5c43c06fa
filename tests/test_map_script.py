"""The map script decodes what geo.payload encodes: run in Node.js, compared with Python.

Geometry, area codes, colours and tooltip lines travel as compact varint texts; a
mismatch would draw wrong shapes or names without any error, so the real decoder is run
on real layers, made-up integers and hostile text.
"""

from __future__ import annotations

import html
import json
import subprocess

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import MultiPolygon, Polygon, box

from geo import choropleth, load_boundaries
from geo.maps import NO_DATA_COLOUR, READ_INTS_JS
from geo.payload import (
    VARINT_DIGITS,
    EncodedShapes,
    display_geometry,
    encode_shapes,
    varint_text,
)
from tests.map_script import NODE, draw_in_node, read_ints


def read_in_node(texts: list[str]) -> list[list[int]]:
    assert NODE, "node not found: scripts/setup installs Node.js with npm"
    script = (f"const read = ({READ_INTS_JS})({json.dumps(VARINT_DIGITS)});\n"
              "const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
              "process.stdout.write(JSON.stringify(texts.map(read)));")
    result = subprocess.run([NODE, "-e", script], input=json.dumps(texts), text=True,
                            capture_output=True, check=True)
    return json.loads(result.stdout)


def test_small_integers_take_one_character():
    assert len(varint_text(range(-16, 16))) == 32
    assert len(varint_text([16, -17, 511, -512])) == 8
    assert varint_text([]) == "" and set(varint_text(range(-5000, 5000))) <= set(VARINT_DIGITS)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.integers(-2**40, 2**40), max_size=30), min_size=1, max_size=10))
def test_node_reads_the_integers_python_wrote(lists):
    texts = [varint_text(numbers) for numbers in lists]
    assert read_in_node(texts) == lists
    assert [read_ints(text) for text in texts] == lists


def expected_polygons(geometry, quantum: float) -> list[list[list[list[float]]]]:
    """The rings the browser should draw: points on the grid, repeats and degenerate rings
    dropped, each ring closed."""
    polygons = []
    for polygon in shapely.get_parts(geometry):
        rings = []
        for ring in (polygon.exterior, *polygon.interiors):
            grid = np.round(np.asarray(ring.coords)[:-1] / quantum).astype(np.int64)
            grid = grid[np.any(np.diff(grid, axis=0, prepend=grid[-1:] + 1) != 0, axis=1)]
            if len(grid) >= 3:
                rings.append([[x * quantum, y * quantum] for x, y in [*grid, grid[0]]])
            elif not rings:
                break
        if rings:
            polygons.append(rings)
    return polygons


def assert_same_polygons(drawn, expected):
    assert len(drawn) == len(expected)
    for drawn_polygon, expected_polygon in zip(drawn, expected, strict=True):
        assert len(drawn_polygon) == len(expected_polygon)
        for drawn_ring, expected_ring in zip(drawn_polygon, expected_polygon, strict=True):
            np.testing.assert_allclose(drawn_ring, expected_ring, atol=1e-9)


WITH_HOLE = Polygon(box(100, 13, 101, 14).exterior.coords,
                    [box(100.4, 13.4, 100.6, 13.6).exterior.coords])
TWO_PARTS = MultiPolygon([box(101, 13, 101.5, 13.5), box(101.6, 13.6, 102, 14)])
# A part thinner than the grid step vanishes; so does a hole smaller than it.
WITH_SPECKS = MultiPolygon([box(99, 13, 99.5, 13.5), box(99.6, 13.6, 99.6001, 13.6001)])


@pytest.mark.parametrize("level, whole_country, codes", [
    ("province", False, None),
    ("subdistrict", False, "14"),  # Ayutthaya's tambons
    ("district", False, "96"),
])
def test_the_script_draws_the_real_layers_exactly_on_their_grid(level, whole_country, codes):
    frame = load_boundaries().layer(level)
    if codes:
        frame = frame[frame["code"].str.startswith(codes)]
    shown = display_geometry(frame, level, whole_country)
    shapes = encode_shapes(shown, level, whole_country)
    fills = {code: "#123456" for code in shown["code"].iloc[::3]}
    tooltips = {code: (f"ตำบล {code}", "line } ~ <b>") for code in shown["code"]}
    drawn = draw_in_node(choropleth(shapes, fills, tooltips))
    assert [area["code"] for area in drawn] == list(shown["code"])
    for area, geometry in zip(drawn, shown.geometry.values, strict=True):
        assert_same_polygons(area["polygons"], expected_polygons(geometry, shapes.quantum))
        assert area["fill"] == fills.get(area["code"], NO_DATA_COLOUR)
        assert area["tip"] == f"<b>ตำบล {area['code']}</b><br>line &#125; &#126; &lt;b&gt;"


def test_holes_parts_and_specks_keep_their_shape():
    frame = gpd.GeoDataFrame({"code": ["10", "11", "12"]},
                             geometry=[WITH_HOLE, TWO_PARTS, WITH_SPECKS], crs=4326)
    shapes = encode_shapes(frame, "province")
    drawn = draw_in_node(choropleth(shapes, {}, {}))
    assert [len(area["polygons"]) for area in drawn] == [1, 2, 1]
    assert len(drawn[0]["polygons"][0]) == 2  # the outer ring and its hole
    for area, geometry in zip(drawn, frame.geometry.values, strict=True):
        assert_same_polygons(area["polygons"], expected_polygons(geometry, shapes.quantum))
        assert area["tip"] is None and area["fill"] == NO_DATA_COLOUR


def test_codes_keep_their_leading_zeros_and_order():
    codes = pd.Index(["07", "01", "10"], name="code")
    frame = gpd.GeoDataFrame({"code": codes}, geometry=[box(i, 0, i + 1, 1) for i in range(3)],
                             crs=4326)
    drawn = draw_in_node(choropleth(encode_shapes(frame, "province"), {}, {}))
    assert [area["code"] for area in drawn] == ["07", "01", "10"]


def test_codes_of_mixed_lengths_are_refused():
    shapes = EncodedShapes(1e-4, pd.Series(["A", "A"], index=["10", "1001"]),
                           pd.DataFrame(0.0, index=["10", "1001"],
                                        columns=["minx", "miny", "maxx", "maxy"]))
    with pytest.raises(ValueError, match="digits of one length"):
        shapes.text()


@settings(max_examples=15, deadline=None)
@given(st.lists(st.lists(st.sampled_from([*"กขคง ~}{<>&\"'aZ1", "ไม่มี", "é"]), max_size=12)
                .map("".join), min_size=1, max_size=4))
def test_tooltips_come_back_escaped_whatever_their_text(lines):
    frame = gpd.GeoDataFrame({"code": ["10"]}, geometry=[box(100, 13, 101, 14)], crs=4326)
    drawn = draw_in_node(choropleth(encode_shapes(frame, "province"), {}, {"10": lines}))
    expected = [html.escape(line) for line in lines]
    expected[0] = f"<b>{expected[0]}</b>"
    assert drawn[0]["tip"].replace("&#125;", "}").replace("&#126;", "~") == "<br>".join(expected)
