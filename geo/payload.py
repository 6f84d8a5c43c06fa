"""Geometry as the browser gets it: simplified as a coverage, quantised, codes only.

Maps are sent whole on every Streamlit rerun, so every byte here is paid again
at each filter change. Polygons are simplified together
(`shapely.coverage_simplify`), which keeps shared edges shared: no slivers or
gaps appear between neighbours. They then travel as integer deltas on a grid
(as TopoJSON quantises), each written as a variable-length run of URL-safe base64
digits (small deltas take one character, as in Google's polyline encoding): about
a sixth of the size of rounded GeoJSON. The map script decodes them (see geo.maps).
"""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

# Degrees. Chosen so that at the zoom a level is viewed at, simplification stays
# under a pixel or two (1 px ≈ 2.4 km at zoom 6, ≈ 150 m at zoom 10).
SIMPLIFY_TOLERANCE = {"province": 0.004, "district": 0.0015, "subdistrict": 0.0006}
# 4 decimals ≈ 11 m, far below what any of these zooms can show.
PRECISION_DECIMALS = 4
# Grid step of the encoded coordinates, in degrees (1e-4 ≈ 11 m).
QUANTUM = {"province": 4e-4, "district": 2e-4, "subdistrict": 1e-4}
# (tolerance, grid step) for a level drawn for the whole country, seen at national zoom
# (1 px ≈ 3 km): 280 m is a tenth of a pixel there, and the detail of a full-resolution
# source would travel for nothing (a densified copy: 3.5 MB of tambons, 0.7 MB at this).
# One province's tambons keep the finer values above.
WHOLE_COUNTRY_DETAIL = {"subdistrict": (0.0025, 2e-4)}


def detail(level: str, whole_country: bool = False) -> tuple[float, float]:
    """(simplification tolerance, grid step) in degrees for a level drawn at that extent."""
    if whole_country and level in WHOLE_COUNTRY_DETAIL:
        return WHOLE_COUNTRY_DETAIL[level]
    return SIMPLIFY_TOLERANCE[level], QUANTUM[level]


def display_geometry(frame: gpd.GeoDataFrame, level: str,
                     whole_country: bool = False) -> gpd.GeoDataFrame:
    """A lighter copy of a whole level for drawing; topology kept."""
    tolerance, _ = detail(level, whole_country)
    simplified = shapely.coverage_simplify(frame.geometry.values, tolerance)
    rounded = shapely.set_precision(simplified, 10 ** -PRECISION_DECIMALS)
    out = frame[["code"]].copy()
    return gpd.GeoDataFrame(out, geometry=rounded, crs=frame.crs)


def feature_collection(frame: gpd.GeoDataFrame) -> str:
    """Compact GeoJSON whose features carry only their code (`c`)."""
    features = [
        f'{{"type":"Feature","properties":{{"c":{json.dumps(code)}}},"geometry":{geometry}}}'
        for code, geometry in zip(
            frame["code"], shapely.to_geojson(frame.geometry.values), strict=True
        )
    ]
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"


def outline(provinces: gpd.GeoDataFrame, tolerance: float = 0.01) -> gpd.GeoDataFrame:
    """The country's outline, drawn under every map instead of tiles."""
    country = shapely.coverage_union_all(provinces.geometry.values)
    simplified = shapely.set_precision(shapely.simplify(country, tolerance), 1e-3)
    return gpd.GeoDataFrame({"code": ["TH"]}, geometry=[simplified], crs=provinces.crs)


def area_at(frame: gpd.GeoDataFrame, lat: float, lng: float) -> str | None:
    """The code of the area containing a clicked point, if any."""
    hits = frame.sindex.query(shapely.Point(lng, lat), predicate="intersects")
    return str(frame["code"].iloc[hits[0]]) if len(hits) else None


# Integers travel as zigzag varints: 5 bits a digit, the sixth bit says "more digits
# follow". The digits are URL-safe base64, which JSON and HTML leave as they are.
VARINT_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_DIGIT_BYTES = np.frombuffer(VARINT_DIGITS.encode("ascii"), np.uint8)


def varint_text(values: Sequence[int] | np.ndarray) -> str:
    """Integers as zigzag varints in VARINT_DIGITS (geo.maps.READ_INTS_JS reads them)."""
    signed = np.asarray(values, dtype=np.int64).ravel()
    if not len(signed):
        return ""
    zigzag = ((signed << 1) ^ (signed >> 63)).astype(np.uint64)
    digits = np.ones(len(zigzag), np.int64)
    rest = zigzag >> np.uint64(5)
    while rest.any():
        digits += rest > 0
        rest >>= np.uint64(5)
    starts = np.cumsum(digits) - digits
    out = np.empty(int(digits.sum()), np.uint8)
    for place in range(int(digits.max())):
        here = digits > place
        chunk = (zigzag[here] >> np.uint64(5 * place)) & np.uint64(31)
        more = np.where(digits[here] > place + 1, 32, 0).astype(np.uint64)
        out[starts[here] + place] = _DIGIT_BYTES[(chunk | more).astype(np.intp)]
    return out.tobytes().decode("ascii")


@dataclass(frozen=True)
class EncodedShapes:
    """Areas encoded for the browser, one varint text per area, so subsets cost a join."""

    quantum: float
    parts: pd.Series  # code -> varint text of the area (see _encode_area)
    bounds: pd.DataFrame  # code -> minx, miny, maxx, maxy

    def subset(self, codes: Iterable[str]) -> EncodedShapes:
        keep = self.parts.index.intersection(pd.Index(list(codes)))
        return EncodedShapes(self.quantum, self.parts.loc[keep], self.bounds.loc[keep])

    def text(self) -> str:
        """`[digits, codes, "area area …"]`: the codes, all `digits` long, as varint deltas
        of their numbers (neighbours' codes differ by little); the areas space-separated."""
        codes = list(self.parts.index)
        digits = len(codes[0]) if codes else 0
        if not all(len(code) == digits and code.isdigit() for code in codes):
            raise ValueError("area codes of one map must be digits of one length")
        numbers = np.array([int(code) for code in codes], dtype=np.int64)
        return json.dumps([digits, varint_text(np.diff(numbers, prepend=0)),
                           " ".join(self.parts)])

    def total_bounds(self) -> list[list[float]] | None:
        if self.bounds.empty:
            return None
        return [[float(self.bounds["miny"].min()), float(self.bounds["minx"].min())],
                [float(self.bounds["maxy"].max()), float(self.bounds["maxx"].max())]]

    def __len__(self) -> int:
        return len(self.parts)


def _grid_ring(coords: np.ndarray, quantum: float) -> np.ndarray | None:
    """A ring's points on the grid, repeats and the closing point dropped; None if degenerate."""
    grid = np.round(coords[:-1] / quantum).astype(np.int64)
    moved = np.any(np.diff(grid, axis=0, prepend=grid[-1:] + 1) != 0, axis=1)
    grid = grid[moved]
    return grid if len(grid) >= 3 else None


def _encode_area(geometry, quantum: float) -> str:
    """[polygons, then per polygon: rings, then per ring: points, then its x, y deltas],
    as varints. Deltas run on from the previous ring's last point; the first is from 0, 0."""
    numbers: list[np.ndarray] = []
    polygons = []
    for polygon in shapely.get_parts(geometry):
        rings = [_grid_ring(np.asarray(ring.coords), quantum)
                 for ring in (polygon.exterior, *polygon.interiors)]
        if rings[0] is not None:
            polygons.append([ring for ring in rings if ring is not None])
    numbers.append(np.array([len(polygons)]))
    last = np.zeros((1, 2), np.int64)
    for rings in polygons:
        numbers.append(np.array([len(rings)]))
        for ring in rings:
            numbers.append(np.array([len(ring)]))
            numbers.append(np.diff(ring, axis=0, prepend=last).ravel())
            last = ring[-1:]
    return varint_text(np.concatenate(numbers))


def encode_shapes(frame: gpd.GeoDataFrame, level: str,
                  whole_country: bool = False) -> EncodedShapes:
    """Encodes display geometry (see display_geometry) for `geo.maps.choropleth`."""
    _, quantum = detail(level, whole_country)
    # Plain Python strings (not Arrow-backed): every rerun walks these codes and texts.
    parts = pd.Series([_encode_area(geometry, quantum) for geometry in frame.geometry.values],
                      index=pd.Index(frame["code"].tolist(), dtype=object, name="code"),
                      dtype=object)
    bounds = pd.DataFrame(shapely.bounds(frame.geometry.values),
                          columns=["minx", "miny", "maxx", "maxy"], index=parts.index)
    return EncodedShapes(quantum, parts, bounds)


# Area names repeat at every rerun: escape each once (two national tambon maps of names).
_escaped = functools.lru_cache(maxsize=32_768)(html.escape)


def tooltip_table(codes: Sequence[str], tooltips: Mapping[str, Sequence[str]]
                  ) -> tuple[list[str], list[list[int]]]:
    """Tooltips as their distinct lines, HTML-escaped, plus per code its line numbers.

    `tooltips` maps a code to plain-text lines; the first (the area's name) is
    shown bold and travels as its number negated (~i). Lines repeated across areas
    (a figure, "the whole province: 1 programme") travel once: Streamlit sends map
    text as ASCII JSON, six bytes per Thai letter, so this halves a national
    tambon map. Each distinct line is escaped once, here, whoever wrote it.
    """
    numbers: dict[str, int] = {}
    refs = []
    for code in codes:
        row = [numbers.setdefault(str(line), len(numbers)) for line in tooltips.get(code, ())]
        if row:
            row[0] = ~row[0]
        refs.append(row)
    return [_escaped(line) for line in numbers], refs


# Streamlit sends map text as ASCII JSON, six bytes per Thai letter ("\u0e01"). Inside a
# run opened and closed by THAI_SHIFT, each character of THAI_AS_ASCII stands for the
# Thai letter at the same place in THAI_LETTERS (spaces stay spaces): one byte each.
# The map script undoes it (geo.maps.UNPACK_THAI_JS, which builds the same alphabets).
THAI_SHIFT = "~"
THAI_LETTERS = "".join(map(chr, [*range(0x0E01, 0x0E3B), *range(0x0E3F, 0x0E5C)]))
THAI_AS_ASCII = "".join(c for c in map(chr, range(0x21, 0x7F))
                        if c not in '"\\<>&' + THAI_SHIFT)[:len(THAI_LETTERS)]
_THAI_TO_ASCII = dict(zip(THAI_LETTERS, THAI_AS_ASCII, strict=True))
# Packed lines travel joined by this character, which packing never leaves in a line
# (it is not in THAI_AS_ASCII; a literal one becomes its HTML entity, as the shift does).
LINE_SEPARATOR = "}"
_AS_ENTITY = {THAI_SHIFT: "&#126;", LINE_SEPARATOR: "&#125;"}


def pack_thai_html(text: str) -> str:
    """`text` (HTML) with Thai letters as single ASCII characters, for UNPACK_THAI_JS.

    A literal shift or line separator becomes its HTML entity, so the text must be HTML.
    """
    out: list[str] = []
    in_thai = False
    for char in text:
        letter = _THAI_TO_ASCII.get(char)
        if letter is not None or (in_thai and char == " "):
            if not in_thai:
                out.append(THAI_SHIFT)
                in_thai = True
            out.append(letter or char)
            continue
        if in_thai:
            out.append(THAI_SHIFT)
            in_thai = False
        out.append(_AS_ENTITY.get(char, char))
    return "".join(out)


def tooltip_refs_text(refs: Sequence[Sequence[int]]) -> str:
    """tooltip_table's rows as varints: per area its count of lines, then each line as 0
    when it is the next line not used before (a name, mostly), else its number + 1.

    Lines are numbered in order of first use, so a new line's number is implied; only the
    first line of a row is ever bold, so the sign is implied too (geo.maps reads it back).
    """
    numbers, seen = [], 0
    for row in refs:
        numbers.append(len(row))
        for ref in row:
            line = ~ref if ref < 0 else ref
            numbers.append(0 if line == seen else line + 1)
            seen += line == seen
    return varint_text(numbers)


def tooltip_text(lines: Sequence[str], refs: Sequence[int]) -> str:
    """The HTML one area's tooltip_table row stands for (what the map script rebuilds)."""
    return "<br>".join(f"<b>{lines[~r]}</b>" if r < 0 else lines[r] for r in refs)
