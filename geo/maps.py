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
    m.add_child(_Script(
        "{{ this._parent.get_name() }}.attributionControl.setPrefix(false)"
        f".addAttribution({js_literal(credit_html(lang))});"
        "{{ this._parent.get_name() }}.whenReady(function () {"
        "  var credit = document.querySelector('.map-credit');"
        "  if (credit && window.innerWidth >= 700) { credit.open = true; }"
        "});"
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
        # A slide's Esc leaves it even when the map has the keyboard (its own document).
        m.add_child(_Script(
            "document.addEventListener('keydown', function (event) {"
            "  if (event.key !== 'Escape') { return; }"
            "  try { window.parent.document.dispatchEvent("
            "    new KeyboardEvent('keydown', {key: 'Escape', bubbles: true})); }"
            "  catch (error) {}"
            "});"
        ))
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

# Undoes geo.payload.pack_thai_html: the Thai letters are U+0E01–U+0E3A and U+0E3F–U+0E5B.
UNPACK_THAI_JS = """function (ascii, shift) {
  var thai = {}, n = 0;
  for (var cp = 0x0E01; cp <= 0x0E5B; cp++) {
    if (cp < 0x0E3B || cp > 0x0E3E) { thai[ascii.charAt(n++)] = String.fromCharCode(cp); }
  }
  return function (text) {
    var out = "", inThai = false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if (c === shift) { inThai = !inThai; } else { out += inThai && c !== " " ? thai[c] : c; }
    }
    return out;
  };
}"""

READ_INTS_JS = """function (digits) {
  var digit = {};
  for (var k = 0; k < digits.length; k++) { digit[digits.charCodeAt(k)] = k; }
  return function (text) {
    var out = [], value = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var d = digit[text.charCodeAt(i)];
      value += (d & 31) * scale;
      if (d & 32) { scale *= 32; } else {
        out.push(value % 2 ? -(value + 1) / 2 : value / 2);
        value = 0; scale = 1;
      }
    }
    return out;
  };
}"""

_CHOROPLETH_JS = """(function () {
  var q = %(quantum)s;
  var areas = %(areas)s;
  var readInts = (%(read_ints)s)(%(digits)s);
  var unpackThai = (%(unpack)s)(%(ascii)s, %(shift)s);
  var palette = %(palette)s, fillOf = readInts(%(fill_of)s), tips = readInts(%(tip_of)s);
  var lines = %(lines)s.split(%(line_separator)s).map(unpackThai);
  var selected = %(selected)s;
  // areas: [digits, codes, shapes] (geo.payload.EncodedShapes.text): the codes as deltas
  // of their numbers, the shapes space-separated. A shape is a list of integers: polygons,
  // then per polygon its rings, then per ring its points as x, y deltas on a grid of step
  // q (geo.payload._encode_area). Area i has colour palette[fillOf[i]];
  // tips holds per area a count, then its tooltip's lines, each as 0 for the next line
  // not used before, else its number + 1 (geo.payload.tooltip_refs_text); the first is bold.
  var codes = [], number = 0, shapes = areas[2].split(" ");
  readInts(areas[1]).forEach(function (d) {
    number += d;
    codes.push(String(number).padStart(areas[0], "0"));
  });
  var tipOf = [], t = 0, seen = 0;
  codes.forEach(function () {
    var row = [];
    for (var n = tips[t++]; n > 0; n--) { var r = tips[t++]; row.push(r ? r - 1 : seen++); }
    tipOf.push(row);
  });
  var data = {type: "FeatureCollection", features: codes.map(function (code, n) {
    var v = readInts(shapes[n]), k = 0, x = 0, y = 0, polygons = [];
    for (var p = v[k++]; p > 0; p--) {
      var rings = [];
      for (var r = v[k++]; r > 0; r--) {
        var ring = [];
        for (var m = v[k++]; m > 0; m--) { x += v[k++]; y += v[k++]; ring.push([x * q, y * q]); }
        ring.push(ring[0]);
        rings.push(ring);
      }
      polygons.push(rings);
    }
    return {type: "Feature", properties: {c: code, i: n},
            geometry: {type: "MultiPolygon", coordinates: polygons}};
  })};
  function tip(refs) {
    return refs.map(function (r, j) { return j ? lines[r] : "<b>" + lines[r] + "</b>"; })
      .join("<br>");
  }
  var layer = L.geoJSON(data, {
    style: function (f) {
      var c = f.properties.c, isSel = selected.indexOf(c) >= 0;
      return {fillColor: palette[fillOf[f.properties.i]], fillOpacity: %(opacity)s,
              color: isSel ? "#111" : %(edge)s, weight: isSel ? 2.5 : %(weight)s};
    },
    onEachFeature: function (f, l) {
      var refs = tipOf[f.properties.i];
      if (refs.length) { l.bindTooltip(function () { return tip(refs); }, {sticky: true}); }
    }
  });
  var legendHtml = %(legend)s, fitKey = %(fit_key)s, bounds = %(bounds)s;
  var labels = %(labels)s, locatorHtml = %(locator)s;
  function control(position, markup) {
    var made = L.control({position: position});
    made.onAdd = function () {
      var div = L.DomUtil.create("div"); div.innerHTML = markup; return div;
    };
    return made;
  }
  layer.on("add", function () {
    var map = layer._map;
    if (legendHtml) { layer._legend = control("bottomright", legendHtml).addTo(map); }
    if (locatorHtml) { layer._locator = control("topright", locatorHtml).addTo(map); }
    // labels: [[lat, lng, name already escaped], …]
    layer._labels = L.layerGroup(labels.map(function (label) {
      return L.marker([label[0], label[1]], {interactive: false, keyboard: false,
        icon: L.divIcon({className: "area-label", html: label[2], iconSize: null})});
    })).addTo(map);
    // A name that would overlap one already shown waits for a closer zoom.
    layer._declutter = function () {
      var shown = [];
      layer._labels.eachLayer(function (marker) {
        var element = marker.getElement();
        if (!element) { return; }
        element.style.visibility = "";
        var box = element.getBoundingClientRect();
        var clash = shown.some(function (other) {
          return box.left < other.right && other.left < box.right &&
                 box.top < other.bottom && other.top < box.bottom;
        });
        if (clash) { element.style.visibility = "hidden"; } else { shown.push(box); }
      });
    };
    map.on("zoomend", layer._declutter);
    setTimeout(layer._declutter, 0);
    if (bounds && window.__fitKey !== fitKey) {
      window.__fitKey = fitKey;
      map.fitBounds(bounds, {padding: [8, 8]});
    }
    requestAnimationFrame(function () { window[%(shown_flag)s] = true; });
  });
  layer.on("remove", function () {
    if (layer._legend) { layer._map.removeControl(layer._legend); }
    if (layer._locator) { layer._map.removeControl(layer._locator); }
    if (layer._labels) {
      layer._map.off("zoomend", layer._declutter);
      layer._map.removeLayer(layer._labels);
    }
  });
  return layer;
})()"""


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
    script = _CHOROPLETH_JS % {
        "quantum": js_literal(shapes.quantum),
        "areas": shapes.text(),
        "palette": js_literal(palette),
        "fill_of": js_literal(varint_text([colour_number[colour] for colour in colours])),
        "lines": js_literal(LINE_SEPARATOR.join(_packed(line) for line in lines)),
        "line_separator": js_literal(LINE_SEPARATOR),
        "unpack": UNPACK_THAI_JS,
        "ascii": js_literal(THAI_AS_ASCII),
        "shift": js_literal(THAI_SHIFT),
        "tip_of": js_literal(tooltip_refs_text(tip_of)),
        "read_ints": READ_INTS_JS,
        "digits": js_literal(VARINT_DIGITS),
        "selected": js_literal(list(selected)),
        "opacity": js_literal(opacity),
        "edge": js_literal(edge_colour),
        "weight": js_literal(edge_weight),
        "legend": js_literal(legend.html() if legend else ""),
        "labels": js_literal([[round(lat, 5), round(lng, 5), html.escape(name)]
                              for lat, lng, name in labels]),
        "locator": js_literal(locator),
        "fit_key": js_literal(fit_key),
        "bounds": js_literal(shapes.total_bounds()),
        "shown_flag": js_literal(AREAS_SHOWN_FLAG),
    }
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
