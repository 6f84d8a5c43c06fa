"""Folium maps that draw offline and update in place.

A map is split in two, because `st_folium` remounts its iframe whenever the
base map's script changes (a blank flash and a lost view):
- `base_map()` is the same for every filter: no tiles, Leaflet from the app's
  own static files, the country outline and the COD-AB credit;
- `choropleth()` is a FeatureGroup handed to `st_folium(feature_group_to_add=…)`,
  which swaps it in place: coloured areas, their tooltips, the legend and the
  view to fit.
Every string that reaches the browser is escaped here (tooltips are HTML).
"""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import ClassVar

import folium
import geopandas as gpd
import shapely
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.assets import LEAFLET_CSS_URL, LEAFLET_JS_URL
from geo.payload import (
    LINE_SEPARATOR,
    THAI_AS_ASCII,
    THAI_SHIFT,
    VARINT_DIGITS,
    EncodedShapes,
    feature_collection,
    pack_thai_html,
    tooltip_refs_text,
    tooltip_table,
    varint_text,
)

ATTRIBUTION = {
    "th": "ขอบเขตการปกครอง: COD-AB ประเทศไทย (กรมแผนที่ทหาร, 2562) ผ่าน OCHA HDX, CC BY-IGO 3.0",
    "en": "Boundaries: COD-AB Thailand (Royal Thai Survey Department, 2019) via OCHA HDX, "
          "CC BY-IGO 3.0",
}
NO_DATA_COLOUR = "#d9d9d9"
BACKGROUND_COLOUR = "#eef2f5"
OUTLINE_COLOUR = "#7a8a99"
# Set on the map frame's window once a choropleth has painted (a page waits for it).
AREAS_SHOWN_FLAG = "dashboardAreasShown"
# The narrowest window (pixels) where the credit opens by itself; on phones it would cover the map.
CREDIT_OPEN_FROM = 700


def js_literal(value: object) -> str:
    """JSON safe to paste inside a <script>: no `</script>` or HTML comment can form."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class OfflineMap(folium.Map):
    """A folium Map that loads only Leaflet, from the app's own static files."""

    default_js: ClassVar = [("leaflet", LEAFLET_JS_URL)]
    default_css: ClassVar = [("leaflet_css", LEAFLET_CSS_URL)]


class _Script(MacroElement):
    """A piece of map script with the parent's variable name filled in."""

    def __init__(self, body: str):
        super().__init__()
        self._name = "script"
        self._template = Template(
            "{% macro script(this, kwargs) %}" + body + "{% endmacro %}"
        )


def credit_html(lang: str) -> str:
    """The boundaries' credit, folded to its licence until opened (it would cover the
    south on a phone); opened at once where the map is wide enough."""
    credit = html.escape(ATTRIBUTION.get(lang, ATTRIBUTION["en"]))
    return (f'<details class="map-credit"><summary>COD-AB · CC BY-IGO 3.0</summary>'
            f"{credit}</details>")


def base_map(lang: str = "th", outline: gpd.GeoDataFrame | None = None,
             fill_frame: bool = False) -> folium.Map:
    """The unchanging part of every map; identical output for identical arguments.

    `fill_frame`: the map takes its frame's height, so a page can size the frame to the
    screen with CSS (presenter mode) instead of a fixed number of pixels.
    """
    m = OfflineMap(
        location=[13.0, 101.0], zoom_start=5, tiles=None, prefer_canvas=True,
        min_zoom=4, max_zoom=14, control_scale=True, zoom_snap=0.25, zoom_delta=0.5,
    )
    # Fixed ids keep the rendered script byte-identical between reruns.
    m._id = "base"
    credit = {"credit": credit_html(lang), "openFrom": CREDIT_OPEN_FROM}
    m.add_child(_Script(
        "(function () {\n" + _SHOW_CREDIT_JS
        + "showCredit({{ this._parent.get_name() }}, " + js_literal(credit) + ");\n})();"
    ))
    m.get_root().header.add_child(Element(
        f"<style>.leaflet-container{{background:{BACKGROUND_COLOUR};}}"
        ".map-legend{background:#fff;padding:6px 8px;border-radius:4px;"
        "box-shadow:0 0 4px rgba(0,0,0,.3);font:13px/1.35 sans-serif;max-width:240px}"
        ".map-legend i{display:inline-block;width:14px;height:14px;margin-right:6px;"
        "vertical-align:-2px;border:1px solid #999}"
        # The credit wraps instead of running under the scale bar on narrow maps.
        ".leaflet-control-attribution{font-size:11px;white-space:normal;max-width:62%;"
        "color:#222}"
        ".map-credit summary{cursor:pointer}.map-credit[open] summary{display:none}"
        # Tooltips that list programmes wrap inside a phone's map instead of running off it.
        ".leaflet-tooltip{white-space:normal;width:max-content;max-width:min(320px,46vw)}"
        # Place names drawn on the map itself (no tiles): dark text with a white halo.
        ".area-label{background:none;border:none;box-shadow:none;color:#111;"
        "font:600 clamp(12px,1.2vw,17px)/1.2 sans-serif;text-align:center;white-space:nowrap;"
        "text-shadow:0 0 3px #fff,0 0 3px #fff,0 0 2px #fff;pointer-events:none}"
        ".map-locator{background:#fff;padding:3px;border-radius:4px;"
        "box-shadow:0 0 4px rgba(0,0,0,.3);line-height:0}"
        + ("#map_div{height:100vh !important}" if fill_frame else "")
        + "</style>"
    ))
    if fill_frame:
        m.add_child(_Script(FORWARD_ESCAPE_JS))
    if outline is not None:
        # A verbatim script (_Layer): branca would compile the outline's GeoJSON as a
        # Jinja template at every rerun.
        outline_layer = _Layer("outline", f"L.geoJSON({feature_collection(outline)}, "
                                          "{interactive: false, style: {color: "
                                          f"{js_literal(OUTLINE_COLOUR)}, weight: 1, "
                                          "fill: false}})")
        outline_layer._id = "outline"
        m.add_child(outline_layer)
    return m


@dataclass(frozen=True)
class Legend:
    title: str
    # (colour, label) from low to high, then the no-data entry
    entries: Sequence[tuple[str, str]]

    def html(self) -> str:
        rows = "".join(
            f'<div><i style="background:{html.escape(colour)}"></i>{html.escape(label)}</div>'
            for colour, label in self.entries
        )
        return f'<div class="map-legend"><b>{html.escape(self.title)}</b>{rows}</div>'


class _Layer(MacroElement):
    """A Leaflet layer built by a JS expression that Jinja never parses.

    The expression holds names from uploads. branca would compile a macro's
    output as a new template when the page is rendered: `{{ 7*7 }}` in a name
    would run on the server and `{% if %}` would break every map (and compiling
    a megabyte of map data costs a tenth of a second per rerun).
    """

    _template = Template(
        "{% macro script(this, kwargs) %}var {{ this.get_name() }} = {{ this.expression }}"
        ".addTo({{ this._parent.get_name() }});{% endmacro %}"
    )

    def __init__(self, name: str, expression: str):
        super().__init__()
        self._name = name
        self.expression = expression

    def render(self, **kwargs) -> None:
        script = self._template.module.script(self, kwargs)
        self.get_root().script.add_child(_Verbatim(script), name=self.get_name())


class _Verbatim(Element):
    """Page text placed as it is (MacroElement.render would parse it as a template)."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


# Names repeat at every rerun: pack each once (two national tambon maps of lines).
_packed = functools.lru_cache(maxsize=32_768)(pack_thai_html)

# The map's own scripts, sent inline with each map (no outside requests); linted by ESLint.
_SCRIPTS = resources.files("geo") / "js"
# Functions, each a JS expression too: `(READ_INTS_JS)(digits)` gives the reader.
UNPACK_THAI_JS = (_SCRIPTS / "unpack_thai.js").read_text(encoding="utf-8")
READ_INTS_JS = (_SCRIPTS / "read_ints.js").read_text(encoding="utf-8")
_CHOROPLETH_JS = (_SCRIPTS / "choropleth.js").read_text(encoding="utf-8")
_SHOW_CREDIT_JS = (_SCRIPTS / "show_credit.js").read_text(encoding="utf-8")
# A slide's Esc leaves it even when the map has the keyboard (its own document).
FORWARD_ESCAPE_JS = (_SCRIPTS / "forward_escape.js").read_text(encoding="utf-8")


def choropleth(
    shapes: EncodedShapes,
    fills: Mapping[str, str],
    tooltips: Mapping[str, Sequence[str]],
    legend: Legend | None = None,
    *,
    selected: Sequence[str] = (),
    fit_key: str = "",
    opacity: float = 0.85,
    edge_colour: str = "#ffffff",
    edge_weight: float = 0.6,
    labels: Sequence[tuple[float, float, str]] = (),
    locator: str = "",
) -> folium.FeatureGroup:
    """Areas coloured by code, as a layer group `st_folium` can swap in place.

    `shapes` holds encoded display geometry (geo.payload); `fills` maps a code to its
    colour (missing codes get the no-data colour); `tooltips` maps a code to its
    plain-text lines, the first shown bold (escaped by `tooltip_table`). The map
    fits the shapes' bounds when `fit_key` differs from the last one drawn, so
    recolouring keeps the user's view. `labels` are place names written on the map at
    (lat, lng) (escaped here); `locator` is a small map of the country (`locator_svg`)
    shown in a corner when the view is zoomed in.
    """
    codes = list(shapes.parts.index)
    colours = [fills.get(code) or NO_DATA_COLOUR for code in codes]
    palette = list(dict.fromkeys(colours))
    colour_number = {colour: number for number, colour in enumerate(palette)}
    lines, tip_of = tooltip_table(codes, tooltips)
    config = {
        "quantum": shapes.quantum,
        "palette": palette,
        "fillOf": varint_text([colour_number[colour] for colour in colours]),
        "lines": LINE_SEPARATOR.join(_packed(line) for line in lines),
        "lineSeparator": LINE_SEPARATOR,
        "ascii": THAI_AS_ASCII,
        "shift": THAI_SHIFT,
        "tipOf": tooltip_refs_text(tip_of),
        "digits": VARINT_DIGITS,
        "selected": list(selected),
        "opacity": opacity,
        "edge": edge_colour,
        "weight": edge_weight,
        "legend": legend.html() if legend else "",
        "labels": [[round(lat, 5), round(lng, 5), html.escape(name)]
                   for lat, lng, name in labels],
        "locator": locator,
        "fitKey": fit_key,
        "bounds": shapes.total_bounds(),
        "shownFlag": AREAS_SHOWN_FLAG,
    }
    # The data first (tests and tools find the areas at "areas = "), then the scripts.
    script = (f"(function () {{\nvar areas = {shapes.text()};\n"
              f"var config = {js_literal(config)};\n"
              f"{UNPACK_THAI_JS}{READ_INTS_JS}{_CHOROPLETH_JS}"
              "return choropleth(areas, config);\n})()")
    group = folium.FeatureGroup(name="choropleth")
    group.add_child(_Layer("choropleth", script))
    return group


def render_standalone(base: folium.Map, layer: folium.FeatureGroup) -> str:
    """The whole map as one HTML page (for tests and exports), layer included."""
    base.add_child(layer)
    return base.get_root().render()


def label_points(layer: gpd.GeoDataFrame,
                 names: Mapping[str, str]) -> list[tuple[float, float, str]]:
    """(lat, lng, name) inside each area of `layer` named in `names` (code → name):
    a point surely inside the shape, where its place name is written. Largest areas first:
    where names would overlap, the map keeps the first (a small area's name waits for a
    closer zoom)."""
    chosen = layer[layer["code"].isin(list(names))]
    # Square degrees: a ranking, not a measure (so no projection needed).
    chosen = chosen.iloc[shapely.area(chosen.geometry.values).argsort()[::-1]]
    points = chosen.geometry.representative_point()
    return [(point.y, point.x, names[code])
            for code, point in zip(chosen["code"], points, strict=True)]


LOCATOR_WIDTH = 84
LOCATOR_COLOUR = "#0b4f8a"


def locator_svg(country: gpd.GeoDataFrame, focus: Sequence[float]) -> str:
    """A thumbnail of the country with the zoomed-in area boxed: where on the map this is.

    `focus` is (minx, miny, maxx, maxy) in degrees; the SVG holds numbers only.
    """
    minx, miny, maxx, maxy = country.total_bounds
    scale = LOCATOR_WIDTH / (maxx - minx)
    height = round((maxy - miny) * scale * 1.02)  # a degree of latitude is ~2 % longer here

    def xy(x: float, y: float) -> str:
        return f"{(x - minx) * scale:.1f},{(maxy - y) * scale * 1.02:.1f}"

    rings = []
    for geometry in country.geometry.simplify(0.05):
        polygons = getattr(geometry, "geoms", [geometry])
        for polygon in polygons:
            if polygon.is_empty or polygon.area < 0.02:
                continue
            rings.append("M" + "L".join(xy(x, y) for x, y in polygon.exterior.coords) + "Z")
    fx0, fy0, fx1, fy1 = focus
    pad = 0.15
    box_x, box_y = ((fx0 - pad - minx) * scale, (maxy - fy1 - pad) * scale * 1.02)
    box_w = max((fx1 - fx0 + 2 * pad) * scale, 4)
    box_h = max((fy1 - fy0 + 2 * pad) * scale * 1.02, 4)
    return (f'<div class="map-locator"><svg role="img" width="{LOCATOR_WIDTH}" '
            f'height="{height}" viewBox="0 0 {LOCATOR_WIDTH} {height}">'
            f'<path d="{"".join(rings)}" fill="#dde3e8" stroke="{OUTLINE_COLOUR}" '
            'stroke-width="0.6"/>'
            f'<rect x="{box_x:.1f}" y="{box_y:.1f}" width="{box_w:.1f}" height="{box_h:.1f}" '
            f'fill="none" stroke="{LOCATOR_COLOUR}" stroke-width="2"/></svg></div>')
