"""Filters and per-area figures over a small hand-made coverage table."""

from __future__ import annotations

import pandas as pd
import pytest

from views.coverage import (
    Filters,
    area_figures,
    filter_coverage,
    select_programmes,
    wider_programmes,
    with_level_codes,
)

PROGRAMMES = pd.DataFrame({
    "programme_id": [1, 2, 3, 4],
    "slug": ["west", "narathiwat", "kan", "synthetic"],
    "theme": ["moral_province", "resilience", "community_strengthening", "other"],
    "is_synthetic": [False, False, False, True],
})
PARTNERS = pd.DataFrame({
    "programme_id": [1, 1, 2, 3],
    "organisation_slug": ["moral-center", "codi", "thaihealth", "codi"],
})
COVERAGE = with_level_codes(pd.DataFrame(
    [
        # programme, level, area_code (a village's is its subdistrict), status, year
        (1, "province", "71", "planned", 2015),
        (1, "province", "70", "planned", 2015),
        (2, "subdistrict", "960510", "planned", None),
        (3, "subdistrict", "710101", "active", 2019),
        (3, "village", "710101", "active", 2020),
        (3, "district", "7102", "completed", 2021),
        (4, "subdistrict", "710102", "active", 2020),
    ],
    columns=["programme_id", "level", "area_code", "status", "year"],
))
REGIONS = pd.DataFrame({"province_code": ["70", "71", "96"],
                        "region_en": ["West", "West", "South"]})


@pytest.mark.parametrize(("filters", "expected_ids"), [
    (Filters(), [1, 2, 3]),
    (Filters(include_synthetic=True), [1, 2, 3, 4]),
    (Filters(programmes=("kan",)), [3]),
    (Filters(themes=("resilience", "moral_province")), [1, 2]),
    (Filters(partners=("codi",)), [1, 3]),
    (Filters(partners=("codi",), themes=("resilience",)), []),
])
def test_select_programmes(filters, expected_ids):
    chosen = select_programmes(PROGRAMMES, PARTNERS, filters)
    assert chosen["programme_id"].tolist() == expected_ids


@pytest.mark.parametrize(("filters", "expected_rows"), [
    (Filters(), [0, 1, 2, 3, 4, 5]),
    (Filters(provinces=("96",)), [2]),
    (Filters(regions=("West",)), [0, 1, 3, 4, 5]),
    (Filters(statuses=("active",)), [3, 4]),
    (Filters(years=(2019, 2020)), [3, 4]),
])
def test_filter_coverage(filters, expected_rows):
    ids = select_programmes(PROGRAMMES, PARTNERS, filters)["programme_id"]
    assert filter_coverage(COVERAGE, ids, filters, REGIONS).index.tolist() == expected_rows


def test_province_figures_count_distinct_programmes_at_any_depth():
    figures = area_figures(COVERAGE, "province").set_index("code")
    assert figures.loc["71", "programmes"] == 3  # west (province), kan, synthetic
    assert figures.loc["71", "rows"] == 5
    assert figures.loc["96", "programmes"] == 1


def test_district_figures_leave_province_wide_rows_out():
    figures = area_figures(COVERAGE, "district", within="71").set_index("code")
    assert figures["programmes"].to_dict() == {"7101": 2, "7102": 1}
    assert wider_programmes(COVERAGE, "district") == {"70": [1], "71": [1]}


def test_subdistrict_figures_count_villages_in_their_tambon():
    figures = area_figures(COVERAGE[COVERAGE["programme_id"] == 3], "subdistrict")
    assert figures.to_dict("records") == [{"code": "710101", "programmes": 1, "rows": 2}]
    assert wider_programmes(COVERAGE[COVERAGE["programme_id"] == 3], "subdistrict") == {
        "7102": [3]}


def test_with_level_codes_fills_each_level_as_deep_as_the_row_goes():
    rows = COVERAGE.set_index("level")
    assert rows.loc["village", ["province_code", "district_code", "subdistrict_code"]].tolist() \
        == ["71", "7101", "710101"]
    assert rows.loc["district", "subdistrict_code"] is pd.NA or \
        pd.isna(rows.loc["district", "subdistrict_code"])
    assert pd.isna(rows.loc["province"].iloc[0]["district_code"])


def test_synthetic_rows_of_a_real_programme_stay_out_unless_asked_for():
    rows = COVERAGE.assign(is_synthetic=[False, False, False, False, True, False, False])
    ids = [1, 2, 3]
    assert 4 not in filter_coverage(rows, ids, Filters()).index
    assert 4 in filter_coverage(rows, ids, Filters(include_synthetic=True)).index
