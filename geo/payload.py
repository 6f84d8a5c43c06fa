"""Geometry as the browser gets it: simplified as a coverage, rounded, codes only.

Maps are sent whole on every Streamlit rerun, so every byte here is paid again
at each filter change. Polygons are simplified together
(`shapely.coverage_simplify`), which keeps shared edges shared: no slivers or
gaps appear between neighbours.
"""

from __future__ import annotations

import json

import geopandas as gpd
import shapely

# Degrees. Chosen so that at the zoom a level is viewed at, simplification stays
# under a pixel or two (1 px ≈ 2.4 km at zoom 6, ≈ 150 m at zoom 10).
SIMPLIFY_TOLERANCE = {"province": 0.004, "district": 0.0015, "subdistrict": 0.0006}
# 4 decimals ≈ 11 m, far below what any of these zooms can show.
PRECISION_DECIMALS = 4


def display_geometry(frame: gpd.GeoDataFrame, level: str) -> gpd.GeoDataFrame:
    """A lighter copy of a whole level for drawing; topology kept."""
    simplified = shapely.coverage_simplify(frame.geometry.values, SIMPLIFY_TOLERANCE[level])
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
