"""The current DOPA gazetteer (the `geothai` package) as plain tables.

The boundary layers are a 2019 snapshot; the gazetteer is today's list of codes.
Both are needed: the gazetteer says which codes are valid now, the layers say
which of them can be drawn.
"""

from __future__ import annotations

from functools import cache

import geothai
import pandas as pd

AREA_COLUMNS = ["level", "code", "name_th", "name_en", "parent_code", "province_code"]


@cache
def areas() -> pd.DataFrame:
    """Every current province, district and subdistrict, one row each."""
    rows = []
    for province in geothai.provinces():
        rows.append(("province", province.code, province.name_th, province.name_en, None,
                     province.code))
        for district in geothai.districts(province.code):
            rows.append(("district", district.code, district.name_th, district.name_en,
                         province.code, province.code))
            for sub in geothai.subdistricts(district.code):
                rows.append(("subdistrict", sub.code, sub.name_th, sub.name_en,
                             district.code, province.code))
    return pd.DataFrame(rows, columns=AREA_COLUMNS)


def codes(level: str) -> frozenset[str]:
    table = areas()
    return frozenset(table.loc[table["level"] == level, "code"])


@cache
def country() -> dict[str, frozenset[str]]:
    """Today's codes per level: the whole a share of areas is taken of ("N of M").

    The gazetteer, not the boundary layers: the registry may name a current code the
    layers do not draw, and a share over drawn polygons alone could exceed the whole.
    """
    return {level: codes(level) for level in areas()["level"].unique()}


def version() -> str:
    return geothai.DATA_VERSION


def missing_polygons(layer_codes: dict[str, set[str]]) -> dict[str, list[str]]:
    """Current codes per level that the boundary layers do not draw."""
    return {
        level: sorted(codes(level) - set(drawn)) for level, drawn in layer_codes.items()
    }


def not_current(layer_codes: dict[str, set[str]]) -> dict[str, list[str]]:
    """Codes in the boundary layers that DOPA no longer lists (abolished or renumbered)."""
    return {
        level: sorted(set(drawn) - codes(level)) for level, drawn in layer_codes.items()
    }
