"""The choropleth's own script, run in Node.js with a stand-in for Leaflet: what it draws.

The encoders are Python (geo.payload), the decoders JavaScript (geo.maps); running the
real script shows the two agree on codes, coordinates, colours and tooltips.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import folium

from geo.payload import VARINT_DIGITS

NODE = shutil.which("node")

# Leaflet's L.geoJSON stand-in: keeps the data and options the script hands it, then
# asks the options for each feature's style and tooltip as Leaflet would.
_HARNESS = """
const captured = {};
global.window = {};
global.requestAnimationFrame = (f) => f();
global.L = {geoJSON: (data, options) => {
  captured.data = data; captured.options = options; return {on() {}};
}};
const layer = %s;
process.stdout.write(JSON.stringify(captured.data.features.map((f) => {
  let tip = null;
  captured.options.onEachFeature(f, {bindTooltip: (make) => { tip = make(); }});
  return {code: f.properties.c, polygons: f.geometry.coordinates,
          fill: captured.options.style(f).fillColor, tip};
})));
"""


def layer_script(layer: folium.FeatureGroup) -> str:
    return next(iter(layer._children.values())).expression


def draw_in_node(layer: folium.FeatureGroup) -> list[dict]:
    """Per area the script draws: code, polygons ([[lng, lat], …] rings), fill, tooltip."""
    assert NODE, "node not found: scripts/setup installs Node.js with npm"
    result = subprocess.run([NODE, "-e", _HARNESS % layer_script(layer)], text=True,
                            capture_output=True, check=True)
    return json.loads(result.stdout)


def read_ints(text: str) -> list[int]:
    """Python's reading of geo.payload.varint_text (geo.maps.READ_INTS_JS is the real one)."""
    numbers, value, shift = [], 0, 0
    for char in text:
        digit = VARINT_DIGITS.index(char)
        value |= (digit & 31) << shift
        if digit & 32:
            shift += 5
        else:
            numbers.append(-(value + 1) // 2 if value % 2 else value // 2)
            value, shift = 0, 0
    return numbers
