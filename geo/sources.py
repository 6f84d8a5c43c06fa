"""Reading COD-AB-format boundary sources into one normalised schema per level.

A source is a folder (or one file) holding the three COD-AB layers in any of
GeoJSON, Shapefile, GeoPackage or GeoParquet. A layer's level is told by the
deepest `ADMn_PCODE` field it carries, so file names do not matter.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely

from geo.levels import ADM_NUMBER, CODE_LENGTH, LEVELS
from settings import BOUNDARY_SOURCE_VAR, DEFAULT_BOUNDARY_SOURCE

VECTOR_SUFFIXES = {".geojson", ".json", ".shp", ".gpkg"}
PARQUET_SUFFIXES = {".parquet", ".geoparquet"}
REGIONS_FILE = "province_regions.csv"
NORMALISED_COLUMNS = [
    "level", "code", "name_th", "name_en", "parent_code", "province_code", "district_code",
    "region_en", "region_th", "geometry",
]
HOW_TO_FIX = (
    f"Put the COD-AB layers (ADM1–ADM3) in {DEFAULT_BOUNDARY_SOURCE}, or set the "
    f"{BOUNDARY_SOURCE_VAR} environment variable (or `{BOUNDARY_SOURCE_VAR.lower()}` in "
    ".streamlit/secrets.toml) to a folder or file that holds them, or download them with "
    "`python -m geo fetch`."
)


class BoundarySourceError(Exception):
    """A boundary source is missing or unusable; the message says what to do."""


@dataclass(frozen=True)
class LayerFile:
    path: Path
    layer: str | None  # a layer inside a GeoPackage; None for single-layer files
    level: str
    fields: dict[str, str]  # upper-case field name -> name as written in the file

    def label(self) -> str:
        return f"{self.path.name}:{self.layer}" if self.layer else self.path.name


def _field_names(path: Path, layer: str | None) -> list[str]:
    if path.suffix.lower() in PARQUET_SUFFIXES:
        import pyarrow.parquet as pq

        return list(pq.read_schema(path).names)
    return list(pyogrio.read_info(path, layer=layer)["fields"])


def _is_polygonal(path: Path, layer: str | None) -> bool:
    """COD-AB zips also hold boundary lines and label points that carry the same fields."""
    if path.suffix.lower() in PARQUET_SUFFIXES:
        return True
    geometry_type = str(pyogrio.read_info(path, layer=layer).get("geometry_type") or "")
    return "Polygon" in geometry_type or geometry_type in ("", "Unknown")


def _level_of_fields(fields: dict[str, str]) -> str | None:
    levels = [level for level, n in ADM_NUMBER.items() if f"ADM{n}_PCODE" in fields]
    return max(levels, key=ADM_NUMBER.get) if levels else None


def _candidate_files(source: Path) -> list[tuple[Path, str | None]]:
    if source.is_file():
        files = [source]
    else:
        suffixes = VECTOR_SUFFIXES | PARQUET_SUFFIXES
        files = sorted(p for p in source.iterdir() if p.suffix.lower() in suffixes)
    candidates: list[tuple[Path, str | None]] = []
    for path in files:
        if path.suffix.lower() == ".gpkg":
            candidates.extend((path, str(name)) for name, _ in pyogrio.list_layers(path))
        else:
            candidates.append((path, None))
    return candidates


def discover(source: Path) -> dict[str, LayerFile]:
    """Finds the file (and layer) holding each level, or says exactly what is missing."""
    if not source.exists():
        raise BoundarySourceError(f"The boundary source {source} does not exist. {HOW_TO_FIX}")
    found: dict[str, list[LayerFile]] = {level: [] for level in LEVELS}
    unreadable: list[str] = []
    for path, layer in _candidate_files(source):
        try:
            names = _field_names(path, layer)
        except Exception as error:  # any driver error means: not a usable layer
            unreadable.append(f"{path.name} ({error})")
            continue
        fields = {name.upper(): name for name in names}
        level = _level_of_fields(fields) if _is_polygonal(path, layer) else None
        if level:
            found[level].append(LayerFile(path, layer, level, fields))
    problems = []
    for level, layers in found.items():
        n = ADM_NUMBER[level]
        if not layers:
            problems.append(f"no layer with an ADM{n}_PCODE field ({level})")
        elif len(layers) > 1:
            names = ", ".join(layer.label() for layer in layers)
            problems.append(f"several {level} layers ({names}); keep one")
    if problems:
        detail = "; ".join(problems)
        if unreadable:
            detail += "; unreadable files: " + ", ".join(unreadable)
        raise BoundarySourceError(f"The boundary source {source} is incomplete: {detail}. "
                                  f"{HOW_TO_FIX}")
    return {level: layers[0] for level, layers in found.items()}


def _read(layer: LayerFile) -> gpd.GeoDataFrame:
    if layer.path.suffix.lower() in PARQUET_SUFFIXES:
        frame = gpd.read_parquet(layer.path)
    else:
        frame = gpd.read_file(layer.path, layer=layer.layer, engine="pyogrio")
    if frame.crs is None:
        frame = frame.set_crs(4326)
    return frame.to_crs(4326)


def _dopa_code(values: pd.Series) -> pd.Series:
    """`TH1001` → `1001`: COD-AB P-codes are the DOPA code behind a country prefix."""
    return values.astype("string").str.strip().str.upper().str.removeprefix("TH")


def normalise(layer: LayerFile, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One level's layer in the project's schema (see NORMALISED_COLUMNS)."""
    n = ADM_NUMBER[layer.level]

    def column(name: str) -> pd.Series:
        original = layer.fields.get(name)
        if original is None:
            raise BoundarySourceError(
                f"{layer.label()} has no {name} field; COD-AB {layer.level} layers carry "
                f"ADM{n}_PCODE, ADM{n}_TH and ADM{n}_EN. {HOW_TO_FIX}"
            )
        return frame[original]

    codes = _dopa_code(column(f"ADM{n}_PCODE"))
    out = pd.DataFrame({
        "level": layer.level,
        "code": codes,
        "name_th": column(f"ADM{n}_TH").astype("string").str.strip(),
        "name_en": column(f"ADM{n}_EN").astype("string").str.strip(),
    })
    out["parent_code"] = codes.str[:-2] if n > 1 else pd.NA
    out["province_code"] = codes.str[:CODE_LENGTH["province"]]
    out["district_code"] = codes.str[:CODE_LENGTH["district"]] if n > 1 else pd.NA
    geometry = shapely.force_2d(frame.geometry.values)
    return gpd.GeoDataFrame(out, geometry=geometry, crs=4326)


def with_string_columns(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One dtype for every text column, whether just read or loaded from the cache."""
    text_columns = [c for c in NORMALISED_COLUMNS if c != "geometry"]
    return frame.astype(dict.fromkeys(text_columns, "string"))


def read_regions(source: Path) -> pd.DataFrame:
    """The six-region table, from the source folder or else the shared one."""
    folder = source if source.is_dir() else source.parent
    for candidate in (folder / REGIONS_FILE, DEFAULT_BOUNDARY_SOURCE / REGIONS_FILE):
        if candidate.exists():
            table = pd.read_csv(candidate, dtype=str)
            return table[["province_code", "region_en", "region_th"]]
    return pd.DataFrame(columns=["province_code", "region_en", "region_th"], dtype="string")


def read_source(source: Path) -> dict[str, gpd.GeoDataFrame]:
    """Every level of a source, normalised and tagged with its region."""
    layers = discover(source)
    regions = read_regions(source)
    result = {}
    for level, layer in layers.items():
        try:
            frame = _read(layer)
        except Exception as error:
            raise BoundarySourceError(
                f"Could not read {layer.path}: {error}. {HOW_TO_FIX}"
            ) from error
        table = normalise(layer, frame).merge(regions, on="province_code", how="left")
        result[level] = with_string_columns(
            gpd.GeoDataFrame(table[NORMALISED_COLUMNS], geometry="geometry", crs=4326)
        )
    return result


def source_files(source: Path) -> list[Path]:
    """The files a build reads, for its cache key (a shapefile's sidecars included)."""
    layers = discover(source)
    files: set[Path] = set()
    for layer in layers.values():
        if layer.path.suffix.lower() == ".shp":
            files.update(p for p in layer.path.parent.glob(layer.path.stem + ".*"))
        else:
            files.add(layer.path)
    folder = source if source.is_dir() else source.parent
    regions = folder / REGIONS_FILE
    if not regions.exists():
        regions = DEFAULT_BOUNDARY_SOURCE / REGIONS_FILE
    if regions.exists():
        files.add(regions)
    return sorted(files)
