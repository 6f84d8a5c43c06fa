"""The administrative levels and how their DOPA codes are shaped: the one home of both.

A DOPA code nests: a district's code is its province's code plus two digits, a
subdistrict's its district's plus two, a village's (muban) its subdistrict's plus a
2-digit village number. Everything that needs a level, a code length or an enclosing
area asks here, so no module slices `code[:4]` on its own. The module imports nothing,
so the registry and the loaders can use it without loading the map stack.
"""

from __future__ import annotations

# The boundary levels, coarsest first: the ones with polygons.
LEVELS = ("province", "district", "subdistrict")
# Villages have no polygons, so they are a registry level, not a boundary level.
VILLAGE = "village"
# Every level an area code can name, coarsest first.
ALL_LEVELS = (*LEVELS, VILLAGE)
CODE_LENGTH = {"province": 2, "district": 4, "subdistrict": 6, VILLAGE: 8}
LEVEL_BY_LENGTH = {length: level for level, length in CODE_LENGTH.items()}
# COD-AB numbers its levels: ADM1 = province, ADM2 = district, ADM3 = subdistrict.
ADM_NUMBER = {"province": 1, "district": 2, "subdistrict": 3}
PARENT = {"district": "province", "subdistrict": "district", VILLAGE: "subdistrict"}
CHILD = {parent: child for child, parent in PARENT.items()}


def level_of(code: str) -> str | None:
    """The level a DOPA code belongs to, from its length; None if it is no DOPA code."""
    if not code.isdigit():
        return None
    return LEVEL_BY_LENGTH.get(len(code))


def parent_code(code: str) -> str | None:
    """The code of the area one level up, or None for a province."""
    return code[:-2] if len(code) > 2 else None


def ancestors(code: str) -> tuple[str, ...]:
    """The codes of the areas enclosing `code`, province first; () for a province.

    "12345678" (a village) → ("12", "1234", "123456").
    """
    return tuple(code[:n] for n in sorted(LEVEL_BY_LENGTH) if n < len(code))


def code_at(code: str, level: str) -> str:
    """The code of the area at `level` that holds `code` (itself at its own level)."""
    return code[:CODE_LENGTH[level]]


def children_level(level: str) -> str | None:
    """The level one finer than `level` (a subdistrict's children are villages); None below."""
    return CHILD.get(level)


def village_code(subdistrict_code: str, village_no: int) -> str:
    """A village's 8-digit code: its subdistrict's code and its 2-digit number."""
    return f"{subdistrict_code}{village_no:02d}"


def split_village(code: str) -> tuple[str, int]:
    """(subdistrict code, village number) of a village's 8 digits; (code, 0) for any other area.

    The registry stores a village as its subdistrict's code plus a number, since only
    the subdistrict has a polygon and a gazetteer row.
    """
    if len(code) != CODE_LENGTH[VILLAGE]:
        return code, 0
    cut = CODE_LENGTH["subdistrict"]
    return code[:cut], int(code[cut:])
