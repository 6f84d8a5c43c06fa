"""Boundaries and maps: COD-AB layers read, validated, cached and drawn offline.

Public API:
- `load_boundaries(source=None, force=False)` → `Boundaries` (normalised levels, build report)
- `BoundarySourceError`, `BoundaryValidationError` — messages say how to fix the source
- `display_geometry(frame, level)`, `encode_shapes(…)` — light, compact geometry for the browser
- `base_map()`, `choropleth()`, `Legend` — offline folium maps
"""

from geo.build import Boundaries, BoundaryValidationError, area_table
from geo.build import build as load_boundaries
from geo.maps import Legend, base_map, choropleth
from geo.payload import EncodedShapes, area_at, display_geometry, encode_shapes, outline
from geo.sources import BoundarySourceError

__all__ = [
    "Boundaries",
    "BoundarySourceError",
    "BoundaryValidationError",
    "EncodedShapes",
    "Legend",
    "area_at",
    "area_table",
    "base_map",
    "choropleth",
    "display_geometry",
    "encode_shapes",
    "load_boundaries",
    "outline",
]
