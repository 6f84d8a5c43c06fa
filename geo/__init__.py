"""Boundaries and maps: COD-AB layers read, validated, cached and drawn offline.

Public API:
- `load_boundaries(source=None, force=False)` → `Boundaries` (normalised levels, build report)
- `BoundarySourceError`, `BoundaryValidationError` — messages say how to fix the source
- `display_geometry(frame, level)`, `encode_shapes(…)` — light, compact geometry for the browser
- `base_map()`, `choropleth()`, `Legend` — offline folium maps
"""

from __future__ import annotations

import importlib

# Loaded on first use, so `geo.levels` (which the registry and the loaders import) does
# not pull in geopandas and folium with it. Public name -> (module, name there).
_HOMES = {
    **{name: ("geo.build", name) for name in ("Boundaries", "BoundaryValidationError",
                                              "area_table")},
    "load_boundaries": ("geo.build", "build"),
    **{name: ("geo.maps", name) for name in ("Legend", "base_map", "choropleth")},
    **{name: ("geo.payload", name) for name in ("EncodedShapes", "area_at",
                                                "display_geometry", "encode_shapes",
                                                "outline")},
    "BoundarySourceError": ("geo.sources", "BoundarySourceError"),
}
__all__ = sorted(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module 'geo' has no attribute {name!r}")
    module, attribute = _HOMES[name]
    return getattr(importlib.import_module(module), attribute)
