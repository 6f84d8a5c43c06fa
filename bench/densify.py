"""A denser boundary source, so the budgets are checked against full-resolution data.

A full-resolution COD-AB has about 100× the coordinates of the shared layers.
This writes a copy of the shared layers with every edge cut into short pieces
(`shapely.segmentize`) until each level holds FACTOR× its coordinates, and moves
every new vertex by a small pseudo-random offset (up to JITTER degrees, ≈ 20 m),
so simplification has real wiggles to remove, not only straight runs. The
offset is a function of the vertex's own position, so the two neighbours along
a shared edge move it the same way: the layers stay a gapless coverage.

    python -m bench.densify OUT_DIR [FACTOR]
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

import settings

FACTOR = 100
JITTER = 0.0002  # degrees
FILES = ("tha_adm1.geojson", "tha_adm2.geojson", "tha_adm3.geojson")


def _packed(coords: np.ndarray) -> np.ndarray:
    grid = np.round(coords * 1e7).astype(np.int64)
    return (grid[:, 0] << 32) | (grid[:, 1] & 0xFFFFFFFF)


def _offset(coords: np.ndarray) -> np.ndarray:
    """A repeatable offset in [-1, 1]² for each position (rounded to 1 cm first)."""
    x, y = np.round(coords[:, 0], 7), np.round(coords[:, 1], 7)
    first = np.modf(np.sin(x * 12.9898 + y * 78.233) * 43758.5453)[0]
    second = np.modf(np.sin(x * 39.3468 + y * 11.135) * 24634.6345)[0]
    return np.column_stack([first, second])


def densify(frame: gpd.GeoDataFrame, factor: float = FACTOR,
            jitter: float = JITTER) -> gpd.GeoDataFrame:
    """`frame` with about `factor`× the coordinates, new vertices jittered, shared edges shared."""
    geometries = frame.geometry.values
    before = int(shapely.get_num_coordinates(geometries).sum())
    perimeter = float(shapely.length(geometries).sum())
    dense = shapely.segmentize(geometries, perimeter / (before * factor))
    coords = shapely.get_coordinates(dense)
    new = ~np.isin(_packed(coords), _packed(shapely.get_coordinates(geometries)))
    coords[new] += _offset(coords[new]) * jitter
    moved = shapely.make_valid(shapely.set_coordinates(dense, coords))
    return frame.set_geometry(gpd.GeoSeries(moved, crs=frame.crs))


def write_dense_source(out: Path, factor: float = FACTOR,
                       source: Path | None = None) -> dict[str, tuple[int, int]]:
    """Writes the dense copy into `out`; returns coordinates before/after per file."""
    source = source or settings.boundary_source()
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name in FILES:
        frame = gpd.read_file(source / name)
        dense = densify(frame, factor)
        dense.to_file(out / name, driver="GeoJSON", COORDINATE_PRECISION=7)
        counts[name] = (int(shapely.get_num_coordinates(frame.geometry.values).sum()),
                        int(shapely.get_num_coordinates(dense.geometry.values).sum()))
    for extra in source.iterdir():
        if extra.name not in FILES and extra.is_file():
            shutil.copyfile(extra, out / extra.name)
    return counts


if __name__ == "__main__":
    target = Path(sys.argv[1])
    for file, (before, after) in write_dense_source(
            target, float(sys.argv[2]) if len(sys.argv) > 2 else FACTOR).items():
        print(f"{file}: {before:,} -> {after:,} coordinates ({after / before:.0f}×)")
