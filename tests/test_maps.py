"""Folium maps rendered to HTML: offline assets, escaping, stable base, credit."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon, box
from streamlit_folium import _get_map_string, generate_js_hash

import geo
from geo import Legend, base_map, choropleth
from geo.maps import CREDIT_OPEN_FROM, credit_html, js_literal, render_standalone
from geo.payload import (
    area_at,
    detail,
    display_geometry,
    encode_shapes,
    feature_collection,
    pack_thai_html,
)
from tests.map_script import read_ints

SHAPES = gpd.GeoDataFrame({"code": ["10", "11"]},
                          geometry=[box(100, 13, 101, 14), box(101, 13, 102, 14)], crs=4326)
ENCODED = encode_shapes(SHAPES, "province")
HOSTILE = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "</script><b>x",
           "\"'&<>"]
# Jinja syntax: branca would parse a layer's script as a template (run it, or fail on it).
TEMPLATE_SYNTAX = ['{{ "zq" * 3 }}', "{% if %}", "{{ this.__class__ }}", "{#"]


def rendered(lang="th", **kwargs) -> str:
    layer = choropleth(ENCODED, {"10": "#ff0000"}, {"10": ("กรุงเทพ", "Bangkok")},
                       Legend("t", [("#ff0000", "1")]), **kwargs)
    return render_standalone(base_map(lang), layer)


def test_map_loads_nothing_from_outside():
    page = rendered()
    urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", page)
    assert urls, "the page should load Leaflet"
    assert all(url.startswith("/app/static/vendor/leaflet/") for url in urls), urls
    assert "cdn" not in page.lower()


def test_map_has_no_tile_layer_and_credits_cod_ab():
    for lang in ("th", "en"):
        page = rendered(lang)
        assert "L.tileLayer" not in page
        assert "CC BY-IGO" in page
        assert "COD-AB" in page


def test_the_credit_is_put_on_the_map_by_its_script_with_the_words_as_data():
    page = rendered("en")
    script = (Path(geo.__file__).parent / "js" / "show_credit.js").read_text(encoding="utf-8")
    assert script in page
    (config,) = re.findall(r"showCredit\(map_base, (\{.*?\})\);", page)
    assert json.loads(config) == {"credit": credit_html("en"), "openFrom": CREDIT_OPEN_FROM}
    assert "Royal Thai Survey Department" in json.loads(config)["credit"]


def test_base_map_script_is_identical_across_reruns():
    first = _get_map_string(base_map("th"))
    second = _get_map_string(base_map("th"))
    assert generate_js_hash(first) == generate_js_hash(second)
    assert generate_js_hash(first) != generate_js_hash(_get_map_string(base_map("en")))


def test_base_map_draws_the_outline_once_without_interaction_and_stays_stable():
    outline_frame = gpd.GeoDataFrame({"code": ["TH"]}, geometry=[box(97, 5, 106, 21)],
                                     crs=4326)
    first = _get_map_string(base_map("th", outline=outline_frame))
    second = _get_map_string(base_map("th", outline=outline_frame))
    assert generate_js_hash(first) == generate_js_hash(second)
    assert first.count('"properties":{"c":"TH"}') == 1
    script = first[first.index("L.geoJSON("):]
    assert "interactive: false" in script.split(".addTo(", 1)[0]
    assert '[97.0,5.0]' in script and '[106.0,21.0]' in script


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_is_escaped_in_tooltips_and_legend(text):
    layer = choropleth(ENCODED, {}, {"10": (text, text, text)},
                       Legend(text, [("#fff", text)]))
    page = render_standalone(base_map(), layer)
    assert text not in page
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert page.count("</script>") == page.count("<script")


@pytest.mark.parametrize("text", TEMPLATE_SYNTAX)
def test_template_syntax_in_names_is_neither_run_nor_fatal(text):
    from streamlit_folium import _get_feature_group_string  # what st_folium runs per rerun

    layer = choropleth(ENCODED, {}, {"10": (text, text)}, Legend(text, [("#fff", text)]))
    page = render_standalone(base_map(), layer)
    shown = js_literal(pack_thai_html(html.escape(text)))[1:-1]  # as the script carries it
    assert shown in page and "zqzqzq" not in page and "class 'folium" not in page
    other = choropleth(ENCODED, {}, {"10": (text,)})
    assert shown in _get_feature_group_string(other, base_map())


def test_js_literal_cannot_close_a_script():
    assert js_literal("</script><!--") == '"\\u003c/script\\u003e\\u003c!--"'


def test_feature_collection_carries_codes_only():
    text = feature_collection(SHAPES)
    assert '"properties":{"c":"10"}' in text
    assert "name" not in text


def test_display_geometry_keeps_shared_edges_and_rounds():
    shapes = display_geometry(SHAPES.assign(geometry=[box(100.123456789, 13, 101, 14),
                                                      box(101, 13, 102, 14)]), "province")
    assert shapes.geometry.is_valid.all()
    assert "100.1235" in feature_collection(shapes)
    assert shapes.geometry.iloc[0].intersection(shapes.geometry.iloc[1]).length > 0


@pytest.mark.parametrize(("lat", "lng", "code"), [(13.5, 100.5, "10"), (13.5, 101.5, "11"),
                                                   (20.0, 100.0, None)])
def test_area_at_finds_the_clicked_area(lat, lng, code):
    assert area_at(SHAPES, lat, lng) == code


def test_encoded_shapes_are_integer_deltas_on_the_grid():
    encoded = encode_shapes(SHAPES, "province")
    numbers = read_ints(encoded.parts["10"])
    assert numbers[:3] == [1, 1, 4]  # one polygon, one ring, four points
    x = y = 0
    points = []
    for dx, dy in zip(numbers[3::2], numbers[4::2], strict=True):
        x, y = x + dx, y + dy
        points.append((round(x * encoded.quantum, 6), round(y * encoded.quantum, 6)))
    assert set(points) == {(100.0, 13.0), (101.0, 13.0), (101.0, 14.0), (100.0, 14.0)}


def test_encoded_subset_keeps_only_the_codes_asked_for():
    subset = ENCODED.subset(["11", "99"])
    assert list(subset.parts.index) == ["11"]
    assert subset.total_bounds() == [[13.0, 101.0], [14.0, 102.0]]
    assert ENCODED.subset([]).total_bounds() is None


def test_coverage_layer_colours_covered_areas_and_labels_all():
    import pandas as pd

    from views.maps import coverage_layer

    names = pd.DataFrame({"code": ["10", "11"], "name_th": ["กรุงเทพมหานคร", "<b>x"],
                          "name_en": ["Bangkok", "Samut Prakan"]})
    figures = pd.DataFrame({"code": ["10"], "programmes": [2]})
    layer = coverage_layer(ENCODED, figures, names, "en", selected=["10"])
    page = render_standalone(base_map("en"), layer)
    assert "Bangkok" in page and "Programmes: 2" in page
    assert "No data" in page
    assert "\\u0026lt;b\\u0026gt;x" in page and "<b>x" not in page


def test_area_titles_put_the_language_first_and_never_repeat_or_invent_a_name():
    import pandas as pd

    from views.maps import area_titles

    names = pd.DataFrame({"code": ["10", "11", "12"], "name_th": ["กรุงเทพ", "นนท์", "ปทุม"],
                          "name_en": ["Bangkok", None, ""]})
    codes = pd.Index(["10", "11", "12", "99"])
    assert area_titles(names, codes, "th") == {
        "10": ("กรุงเทพ", "Bangkok"), "11": ("นนท์",), "12": ("ปทุม",)}
    assert area_titles(names, codes, "en") == {
        "10": ("Bangkok", "กรุงเทพ"), "11": ("นนท์",), "12": ("ปทุม",)}


def _wiggly_pair() -> gpd.GeoDataFrame:
    """Two tambons sharing an edge that zigzags by about 55 m every 500 m."""
    ys = np.linspace(13.0, 14.0, 201)
    xs = 100.5 + np.where(np.arange(len(ys)) % 2, 0.0005, 0.0)
    edge = list(zip(xs, ys, strict=True))
    west = Polygon([(100.0, 13.0), *edge, (100.0, 14.0)])
    east = Polygon([(101.0, 13.0), (101.0, 14.0), *edge[::-1]])
    return gpd.GeoDataFrame({"code": ["100101", "100102"]}, geometry=[west, east], crs=4326)


def test_whole_country_tambons_are_coarser_and_still_a_coverage():
    pair = _wiggly_pair()
    close = display_geometry(pair, "subdistrict")
    national = display_geometry(pair, "subdistrict", whole_country=True)
    assert shapely.get_num_coordinates(national.geometry.values).sum() < \
        shapely.get_num_coordinates(close.geometry.values).sum() / 3
    assert national.geometry.is_valid.all()
    # no gap and no overlap between the two: their union is the whole rectangle
    union = shapely.union_all(national.geometry.values)
    assert union.area == pytest.approx(1.0, rel=1e-3)
    assert national.geometry.iloc[0].intersection(national.geometry.iloc[1]).area == \
        pytest.approx(0.0, abs=1e-9)
    encoded = encode_shapes(national, "subdistrict", whole_country=True)
    assert encoded.quantum == detail("subdistrict", whole_country=True)[1] > \
        detail("subdistrict")[1]
    # other levels are drawn alike at every extent
    assert detail("province", whole_country=True) == detail("province")
