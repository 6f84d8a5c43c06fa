"""The administrative levels and how their DOPA codes are shaped."""

from __future__ import annotations

LEVELS = ("province", "district", "subdistrict")
# A village (muban) code is its subdistrict code plus a 2-digit village number.
# Villages have no polygons, so they are a registry level, not a boundary level.
VILLAGE = "village"
CODE_LENGTH = {"province": 2, "district": 4, "subdistrict": 6, VILLAGE: 8}
LEVEL_BY_LENGTH = {length: level for level, length in CODE_LENGTH.items()}
# COD-AB numbers its levels: ADM1 = province, ADM2 = district, ADM3 = subdistrict.
ADM_NUMBER = {"province": 1, "district": 2, "subdistrict": 3}
PARENT = {"district": "province", "subdistrict": "district", VILLAGE: "subdistrict"}


def level_of(code: str) -> str | None:
    """The level a DOPA code belongs to, from its length; None if it is no DOPA code."""
    if not code.isdigit():
        return None
    return LEVEL_BY_LENGTH.get(len(code))


def parent_code(code: str) -> str | None:
    """The code of the area one level up, or None for a province."""
    return code[:-2] if len(code) > 2 else None
