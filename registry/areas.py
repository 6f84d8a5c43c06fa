"""The areas table: the DOPA gazetteer the registry's foreign keys point at.

Codes are never deleted: a code DOPA stops listing keeps its row with in_dopa
False, so coverage recorded against it survives and can be reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from geo import gazetteer
from geo.levels import code_at, level_of, parent_code
from registry.models import Area

FIELDS = ("level", "name_th", "name_en", "parent_code", "province_code", "in_dopa", "has_polygon")


@dataclass(frozen=True)
class SyncReport:
    added: int
    changed: int
    unchanged: int


def _wanted(polygon_codes: dict[str, set[str]] | None,
            existing: dict[str, tuple]) -> dict[str, dict]:
    """Every code's row as it should be after the sync."""
    rows: dict[str, dict] = {}
    for record in gazetteer.areas().itertuples(index=False):
        rows[record.code] = {
            "level": record.level, "name_th": record.name_th, "name_en": record.name_en,
            "parent_code": record.parent_code if isinstance(record.parent_code, str) else None,
            "province_code": record.province_code, "in_dopa": True,
        }
    # Codes DOPA no longer lists: keep whatever the table knew, flagged.
    for code, values in existing.items():
        if code not in rows:
            rows[code] = dict(zip(FIELDS, values, strict=True)) | {"in_dopa": False}
    for level, codes in (polygon_codes or {}).items():
        for code in codes:
            if level_of(code) != level:
                raise ValueError(f"boundary code {code!r} is no {level} code")
            if code not in rows:
                rows[code] = {"level": level, "name_th": None, "name_en": None,
                              "parent_code": parent_code(code),
                              "province_code": code_at(code, "province"), "in_dopa": False}
    for code, row in rows.items():
        if polygon_codes is not None and row["level"] in polygon_codes:
            row["has_polygon"] = code in polygon_codes[row["level"]]
        else:
            row["has_polygon"] = existing[code][-1] if code in existing else None
    return rows


def sync_areas(session: Session,
               polygon_codes: dict[str, set[str]] | None = None) -> SyncReport:
    """Bring the areas table in line with the gazetteer (and, if given, the boundary layers).

    `polygon_codes` maps a level to the codes its boundary layer draws: it sets
    has_polygon and adds drawn codes DOPA does not list (in_dopa False, no names).
    Levels it does not name keep what an earlier sync said (NULL = unknown for new codes).
    Only rows that differ are written, so a repeated sync is cheap.
    """
    columns = [getattr(Area, field) for field in FIELDS]
    existing = {code: tuple(values)
                for code, *values in session.execute(select(Area.code, *columns))}
    new_rows, changed_rows = [], []
    for code, row in _wanted(polygon_codes, existing).items():
        if code not in existing:
            new_rows.append({"code": code, **row})
        elif existing[code] != tuple(row[field] for field in FIELDS):
            changed_rows.append({"code": code, **row})
    # Core executemany: the first sync writes ~8,400 rows and runs at every fresh start.
    if new_rows:
        session.execute(insert(Area), new_rows)
    if changed_rows:
        session.execute(update(Area), changed_rows)
    return SyncReport(added=len(new_rows), changed=len(changed_rows),
                      unchanged=len(existing) - len(changed_rows))
