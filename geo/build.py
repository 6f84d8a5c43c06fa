"""Build the boundary layers once, validate them, and cache them as GeoParquet.

The cache key is a hash of the source files' contents (plus the schema
version), so a changed source rebuilds and an unchanged one only reads
three small GeoParquet files.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

import settings
from geo import gazetteer
from geo.levels import CODE_LENGTH, LEVELS, PARENT
from geo.sources import (
    HOW_TO_FIX,
    REGIONS_FILE,
    BoundarySourceError,
    read_source,
    source_files,
    with_string_columns,
)

# Bump when the normalised schema or the build steps change: old caches are then ignored.
SCHEMA_VERSION = "1"
SHARED_SOURCE_COUNTS = {"province": 77, "district": 928, "subdistrict": 7425}


class BoundaryValidationError(BoundarySourceError):
    """The source was read but its content is wrong; the message lists every problem."""


@dataclass
class Boundaries:
    """The three normalised levels plus what the build found out about them."""

    layers: dict[str, gpd.GeoDataFrame]
    report: dict = field(default_factory=dict)

    def layer(self, level: str) -> gpd.GeoDataFrame:
        return self.layers[level]

    def counts(self) -> dict[str, int]:
        return {level: len(self.layers[level]) for level in LEVELS}

    def codes(self) -> dict[str, set[str]]:
        return {level: set(self.layers[level]["code"]) for level in LEVELS}


def cache_key(source: Path) -> str:
    digest = hashlib.sha256(f"schema {SCHEMA_VERSION}\n".encode())
    for path in source_files(source):
        digest.update(path.name.encode())
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:24]


def _file_stamps(source: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and modification time of every file a build could read."""
    folder = source if source.is_dir() else source.parent
    paths = [*folder.iterdir(), settings.DEFAULT_BOUNDARY_SOURCE / REGIONS_FILE]
    return tuple(sorted((str(path), stat.st_size, stat.st_mtime_ns) for path in paths
                        if path.is_file() for stat in (path.stat(),)))


# Keys hashed before, by the stamps of the files they were hashed from: a restarted server
# finds its cache without reading the whole source again.
KNOWN_KEYS_FILE = "boundary-source-keys.json"
KNOWN_KEYS_KEPT = 16


def _known_keys_path() -> Path:
    return settings.cache_dir() / KNOWN_KEYS_FILE


def _read_known_keys() -> dict[str, str]:
    try:
        known = json.loads(_known_keys_path().read_text())
    except (OSError, ValueError):
        return {}
    return known if isinstance(known, dict) else {}


def _remember_key(stamps_id: str, key: str) -> None:
    known = {**_read_known_keys(), stamps_id: key}
    kept = dict(list(known.items())[-KNOWN_KEYS_KEPT:])
    path = _known_keys_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.write_text(json.dumps(kept, indent=1))
        partial.replace(path)
    except OSError:
        pass  # only a shortcut: the next start hashes again


@functools.lru_cache(maxsize=8)
def _cache_key_of(source: Path, stamps: tuple) -> str:
    stamps_id = hashlib.sha256(repr((SCHEMA_VERSION, str(source), stamps)).encode()).hexdigest()
    known = _read_known_keys().get(stamps_id)
    if known:
        return known
    key = cache_key(source)
    _remember_key(stamps_id, key)
    return key


def current_cache_key(source: Path) -> str:
    """cache_key, hashed again only when a file's name, size or modification time changed.

    The app asks every half minute whether its source was replaced, and every server start
    needs the key: hashing a full-resolution COD-AB (hundreds of MB) each time would stall
    a visitor's page.
    """
    source = Path(source)
    if not source.exists():
        return cache_key(source)  # raises the error that says how to fix it
    return _cache_key_of(source.resolve(), _file_stamps(source))


def _is_shared_source(source: Path) -> bool:
    return source.resolve() == settings.DEFAULT_BOUNDARY_SOURCE.resolve()


def validate(
    layers: dict[str, gpd.GeoDataFrame], expected_counts: dict[str, int] | None = None
) -> dict:
    """Checks codes, parents, geometry and counts; repairs invalid rings in place.

    Raises BoundaryValidationError listing every fatal problem; returns what was
    repaired or only worth a warning.
    """
    problems: list[str] = []
    warnings: list[str] = []
    repaired: dict[str, int] = {}
    for level in LEVELS:
        frame = layers[level]
        codes = frame["code"]
        bad = frame.loc[~codes.str.fullmatch(rf"\d{{{CODE_LENGTH[level]}}}").fillna(False), "code"]
        if len(bad):
            problems.append(f"{level}: {len(bad)} codes are not {CODE_LENGTH[level]} DOPA digits "
                            f"(e.g. {', '.join(map(str, bad[:3]))})")
        duplicated = sorted(set(codes[codes.duplicated()]))
        if duplicated:
            problems.append(f"{level}: duplicate codes {', '.join(duplicated[:5])}")
        nameless = frame.loc[frame["name_th"].isna() | (frame["name_th"] == ""), "code"]
        if len(nameless):
            problems.append(f"{level}: {len(nameless)} areas without a Thai name "
                            f"(e.g. {', '.join(nameless[:3])})")
        empty = frame.loc[frame.geometry.isna() | frame.geometry.is_empty, "code"]
        if len(empty):
            problems.append(f"{level}: {len(empty)} areas without geometry "
                            f"(e.g. {', '.join(empty[:3])})")
        invalid = ~frame.geometry.is_valid & ~frame.geometry.is_empty & frame.geometry.notna()
        if invalid.any():
            frame.loc[invalid, "geometry"] = shapely.make_valid(frame.geometry[invalid].values)
            repaired[level] = int(invalid.sum())
        if expected_counts and len(frame) != expected_counts[level]:
            problems.append(f"{level}: {len(frame)} areas, expected {expected_counts[level]}")
        parent_level = PARENT.get(level)
        if parent_level:
            parents = set(layers[parent_level]["code"])
            orphans = sorted(set(frame["parent_code"]) - parents)
            if orphans:
                problems.append(f"{level}: parent {parent_level} codes missing from the "
                                f"{parent_level} layer: {', '.join(orphans[:5])}")
            else:
                outside = _outside_parent(frame, layers[parent_level])
                if outside:
                    warnings.append(f"{level}: {len(outside)} areas lie outside their "
                                    f"parent's polygon (e.g. {', '.join(outside[:3])})")
    if problems:
        raise BoundaryValidationError(
            "The boundary layers failed validation: " + "; ".join(problems) + f". {HOW_TO_FIX}"
        )
    return {"repaired_geometries": repaired, "warnings": warnings}


def _outside_parent(children: gpd.GeoDataFrame, parents: gpd.GeoDataFrame) -> list[str]:
    """Children whose interior point is not inside the parent their code names."""
    points = children.geometry.representative_point()
    parent_shapes = parents.set_index("code").geometry
    inside = shapely.contains(
        parent_shapes.reindex(children["parent_code"]).values, points.values
    )
    return sorted(children.loc[~inside, "code"])


def _gazetteer_report(layers: dict[str, gpd.GeoDataFrame]) -> dict:
    drawn = {level: set(layers[level]["code"]) for level in LEVELS}
    return {
        "gazetteer_version": gazetteer.version(),
        "missing_polygons": gazetteer.missing_polygons(drawn),
        "not_in_gazetteer": gazetteer.not_current(drawn),
    }


def _cache_folder(key: str) -> Path:
    return settings.cache_dir() / "boundaries" / key


def build(source: Path | None = None, force: bool = False) -> Boundaries:
    """Loads the cached build for this source, or builds, validates and caches it."""
    source = Path(source) if source else settings.boundary_source()
    key = current_cache_key(source)
    folder = _cache_folder(key)
    if not force:
        cached = _read_cache(folder)
        if cached is not None:
            return cached
    started = time.perf_counter()
    layers = read_source(source)
    expected = SHARED_SOURCE_COUNTS if _is_shared_source(source) else None
    report = {
        "source": str(source),
        "cache_key": key,
        "counts": {level: len(layers[level]) for level in LEVELS},
        **validate(layers, expected),
        **_gazetteer_report(layers),
    }
    report["build_seconds"] = round(time.perf_counter() - started, 2)
    _write_cache(folder, layers, report)
    return Boundaries(layers, report)


def _write_cache(folder: Path, layers: dict[str, gpd.GeoDataFrame], report: dict) -> None:
    # Write beside, then rename: a crash mid-write never leaves a half cache behind.
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    for level, frame in layers.items():
        frame.to_parquet(partial / f"{level}.parquet", index=False)
    (partial / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)


def _read_cache(folder: Path) -> Boundaries | None:
    """The cached build, or None when absent or unreadable (a corrupt cache is rebuilt)."""
    try:
        report = json.loads((folder / "report.json").read_text())
        layers = {level: gpd.read_parquet(folder / f"{level}.parquet") for level in LEVELS}
    except FileNotFoundError:
        return None
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    return Boundaries({level: with_string_columns(layers[level]) for level in LEVELS}, report)


def area_table(boundaries: Boundaries) -> pd.DataFrame:
    """Names and parents of every drawn area, without geometry: cheap to filter and join."""
    return pd.concat(
        [pd.DataFrame(boundaries.layer(level).drop(columns="geometry")) for level in LEVELS],
        ignore_index=True,
    )
