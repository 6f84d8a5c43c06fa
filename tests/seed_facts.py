"""Expected figures read straight from data/seed/*.yaml, so tests never pin today's
five-programme numbers: a sixth seed programme changes these, and no test.

Deliberately independent of registry.seed and views: it reads the YAML with its own
few lines, so a bug in the code under test cannot also be in the expectation.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

import yaml

import settings
from dates import BE_OFFSET, parse_when, parse_year

STATUS_RANK = {"planned": 0, "active": 1, "completed": 2}
# Digits of an area code at each level (a village is its tambon's 6 + 2).
DIGITS = {"province": 2, "district": 4, "subdistrict": 6, "village": 8}


@cache
def seed_files() -> tuple[dict, ...]:
    return tuple(yaml.safe_load(path.read_text(encoding="utf-8"))
                 for path in sorted(settings.SEED_DIR.glob("*.yaml")))


def programmes() -> list[dict]:
    return [data for data in seed_files() if data.get("programme")]


def rows(section: str) -> list[tuple[str, dict]]:
    """(programme slug, row) of every row of a section, over all seed programmes."""
    return [(data["programme"]["slug"], row) for data in programmes()
            for row in data.get(section) or []]


def document_notes() -> dict[str, tuple[str | None, str | None]]:
    """File name → (Thai note, English note) of every seed document."""
    return {document["file"]: (document.get("note"), document.get("note_en"))
            for data in seed_files() for document in data.get("documents") or []}


def partner_organisations() -> set[str]:
    return {row["organisation"] for _, row in rows("partners")}


def named_areas(level: str) -> dict[str, str]:
    """Area code -> most advanced status, for the areas of `level` coverage names."""
    found: dict[str, str] = {}
    for _, row in rows("coverage"):
        if DIGITS[row["level"]] < DIGITS[level]:
            continue  # a province-wide row names no district or tambon
        code = str(row["code"])[: DIGITS[level]]
        old = found.get(code)
        if old is None or STATUS_RANK[row["status"]] > STATUS_RANK[old]:
            found[code] = row["status"]
    return found


def newest_coverage_year(level: str) -> int | None:
    years = [parse_year(row["year"]) for _, row in rows("coverage")
             if row.get("year") is not None and DIGITS[row["level"]] >= DIGITS[level]]
    return max(years) if years else None


def signings_by_be_year() -> tuple[Counter, int]:
    """Programmes per BE year they were signed in (the year a range starts), and undated."""
    years: Counter = Counter()
    undated = 0
    for data in programmes():
        signed = data["programme"].get("signed_on")
        if signed is None:
            undated += 1
        else:
            years[parse_when(signed).first.year + BE_OFFSET] += 1
    return years, undated


def claims(kind: str | None = None) -> list[tuple[str, dict]]:
    return [(slug, row) for slug, row in rows("claims") if kind is None or row["kind"] == kind]
