"""Aggregating 1,000,000 coverage rows to per-tambon figures under a filter (budget 0.5 s).

The rows are synthetic but shaped like registry.queries.coverage after
views.coverage.with_level_codes: real tambon codes (village rows under them,
some district and province rows), 40 programmes, statuses and CE years. The
product runs the dashboard's own path (filter_coverage + area_figures); the
naive baseline is the same filter and count written as a plain Python loop.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bench.common import Figure, Stats, timed
from geo.gazetteer import codes as gazetteer_codes
from geo.levels import CODE_LENGTH, code_at
from views.coverage import Filters, area_figures, filter_coverage, with_level_codes

ROWS = 1_000_000
BUDGET_SECONDS = 0.5
PROGRAMMES = 40
STATUSES = ("active", "completed", "planned", "unknown")
FILTERS = Filters(statuses=("active", "completed"), years=(2018, 2023))
CHOSEN_PROGRAMMES = list(range(1, PROGRAMMES // 2 + 1))


def synthetic_coverage(rows: int = ROWS, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    tambons = np.array(sorted(gazetteer_codes("subdistrict")))
    tambon = pd.Series(tambons[rng.integers(0, len(tambons), rows)], dtype=object)
    kind = rng.choice(4, rows, p=[0.8, 0.12, 0.05, 0.03])  # tambon, village, district, province
    village = tambon + pd.Series(rng.integers(1, 20, rows)).astype(str).str.zfill(2)
    area = np.select([kind == 0, kind == 1, kind == 2],
                     [tambon, village, tambon.str[:CODE_LENGTH["district"]]],
                     tambon.str[:CODE_LENGTH["province"]])
    level = np.array(["subdistrict", "village", "district", "province"])[kind]
    coverage = pd.DataFrame({
        "coverage_id": np.arange(rows),
        "programme_id": rng.integers(1, PROGRAMMES + 1, rows),
        "level": level,
        "area_code": area,
        "status": np.array(STATUSES)[rng.integers(0, len(STATUSES), rows)],
        "year": pd.array(rng.integers(2010, 2026, rows), dtype="Int64"),
    })
    return with_level_codes(coverage)


def product(coverage: pd.DataFrame) -> pd.DataFrame:
    rows = filter_coverage(coverage, CHOSEN_PROGRAMMES, FILTERS)
    return area_figures(rows, "subdistrict")


def naive(coverage: pd.DataFrame) -> dict[str, int]:
    """The same figures the way a first script would count them: row by row."""
    chosen = set(CHOSEN_PROGRAMMES)
    low, high = FILTERS.years
    per_tambon: dict[str, set[int]] = {}
    columns = [coverage[name].tolist() for name in
               ("programme_id", "status", "year", "level", "area_code")]
    for programme, status, year, level, area in zip(*columns, strict=True):
        if (programme in chosen and status in FILTERS.statuses and year is not pd.NA
                and low <= year <= high and level in ("subdistrict", "village")):
            per_tambon.setdefault(code_at(area, "subdistrict"), set()).add(programme)
    return {code: len(ids) for code, ids in per_tambon.items()}


def run(runs: int = 5) -> list[Figure]:
    coverage = synthetic_coverage()
    figures = product(coverage)
    check = naive(coverage)
    if dict(zip(figures["code"], figures["programmes"], strict=True)) != check:
        raise RuntimeError("the product and the naive count disagree")
    return [Figure(
        f"aggregate {ROWS:,} coverage rows → per-tambon programme counts, filtered", "s",
        Stats.of([timed(lambda: product(coverage)) for _ in range(runs)]), BUDGET_SECONDS,
        Stats.of([timed(lambda: naive(coverage)) for _ in range(max(1, runs // 2))]),
        note=f"{len(figures):,} tambons counted",
    )]
