"""Filters and per-area figures: the one path from registry rows to map values.

Every page filters and counts the same way, through these functions:
`Filters` → `select_programmes` → `filter_coverage` → `area_figures`; the filters
themselves are declared in views/filters.py.

The coverage frame (registry.queries.coverage, passed once through
`with_level_codes`) has one row per programme × area, with `province_code`,
`district_code` and `subdistrict_code` filled as deep as its level goes (a
village row has all three).
"""

from __future__ import annotations

import pandas as pd

from geo.levels import ALL_LEVELS, CODE_LENGTH, LEVELS, level_of
from views.filters import Filters, coverage_mask, programme_mask

LEVEL_DEPTH = {level: depth for depth, level in enumerate(ALL_LEVELS)}
CODE_COLUMN = {level: f"{level}_code" for level in LEVELS}


def with_level_codes(coverage: pd.DataFrame) -> pd.DataFrame:
    """Adds the district and subdistrict code of every row, as deep as its level goes."""
    depth = coverage["level"].map(LEVEL_DEPTH)
    area = coverage["area_code"].astype("string")
    return coverage.assign(
        province_code=area.str[:CODE_LENGTH["province"]],
        district_code=area.str[:CODE_LENGTH["district"]].where(depth >= 1),
        subdistrict_code=area.str[:CODE_LENGTH["subdistrict"]].where(depth >= 2),
    )


def select_programmes(programmes: pd.DataFrame, partners: pd.DataFrame,
                      filters: Filters) -> pd.DataFrame:
    """Programmes that pass the programme-level filters (views/filters.py) and the
    synthetic switch."""
    chosen = programmes
    if not filters.include_synthetic:
        chosen = chosen[~chosen["is_synthetic"].astype(bool)]
    return chosen[programme_mask(chosen, partners, filters)]


def filter_coverage(coverage: pd.DataFrame, programme_ids, filters: Filters,
                    province_regions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Coverage rows of the chosen programmes that pass the row-level filters (regions,
    provinces, statuses …) and the years, synthetic rows only when asked for. Rows without
    a year pass a year filter only when none is set."""
    mask = coverage["programme_id"].isin(programme_ids)
    if not filters.include_synthetic and "is_synthetic" in coverage:
        # A real programme may carry synthetic rows (demo data): they stay out unless asked for.
        mask &= ~coverage["is_synthetic"].astype(bool)
    mask &= coverage_mask(coverage, filters, province_regions)
    if filters.years:
        low, high = filters.years
        mask &= coverage["year"].between(low, high)
    return coverage[mask]


def coarser_than(coverage: pd.DataFrame, level: str) -> pd.Series:
    """Rows whose own level is coarser than `level` (`isin` is far cheaper than a map)."""
    return coverage["level"].isin([name for name, depth in LEVEL_DEPTH.items()
                                   if depth < LEVEL_DEPTH[level]])


def area_figures(coverage: pd.DataFrame, level: str, within: str | None = None) -> pd.DataFrame:
    """Per area of `level` (inside `within`, a parent code): how many programmes work
    there through coverage rows at that level or finer.

    Columns: code, programmes (distinct), rows; sorted by code. Rows at a coarser
    level name no area of this level and are counted by `wider_programmes`.
    """
    column = CODE_COLUMN[level]
    rows = coverage[~coarser_than(coverage, level)]
    if within is not None:
        rows = rows[rows[CODE_COLUMN[level_of(within)]] == within]
    grouped = rows.groupby(column, observed=True)["programme_id"]
    figures = pd.DataFrame({"programmes": grouped.nunique(), "rows": grouped.size()})
    return figures.rename_axis("code").reset_index().sort_values("code", ignore_index=True)


def wider_programmes(coverage: pd.DataFrame, level: str) -> dict[str, list[int]]:
    """Programmes whose coverage is a whole wider area (e.g. a province when viewing
    districts), by that area's code, ids sorted: shown as such, never spread over its parts."""
    pairs = coverage.loc[coarser_than(coverage, level), ["area_code", "programme_id"]]
    pairs = pairs.drop_duplicates().sort_values(["area_code", "programme_id"])
    return {str(code): [int(i) for i in ids]
            for code, ids in pairs.groupby("area_code", sort=False)["programme_id"]}

