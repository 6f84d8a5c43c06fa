"""Legend classes: every scheme, few distinct values, no data."""

from __future__ import annotations

import pytest

from geo.maps import NO_DATA_COLOUR
from views.classes import PALETTES, SCHEMES, classify


def test_few_distinct_counts_get_one_class_each():
    classes = classify({"10": 1, "11": 2, "12": 2, "13": 0}, "programmes")
    assert classes.fills == {"10": PALETTES["blue"][2][0], "11": PALETTES["blue"][2][1],
                             "12": PALETTES["blue"][2][1]}
    assert [label for _, label in classes.legend.entries] == ["1", "2", "no data"]
    assert classes.legend.entries[-1][0] == NO_DATA_COLOUR


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_scheme_orders_colours_by_value(scheme):
    values = {f"{i:02d}": float(i * i) for i in range(1, 41)}
    classes = classify(values, "t", scheme=scheme, k=5)
    order = PALETTES["blue"][5]
    ranks = [order.index(classes.fills[code]) for code in sorted(values, key=values.get)]
    assert ranks == sorted(ranks)
    assert ranks[0] == 0 and ranks[-1] == 4
    assert len(classes.legend.entries) == 6


def test_schemes_differ_on_skewed_data():
    values = {f"{i:02d}": float(i ** 3) for i in range(1, 41)}
    equal = classify(values, "t", scheme="equal_interval").fills
    quantiles = classify(values, "t", scheme="quantiles").fills
    assert equal != quantiles


def test_nothing_to_show_is_only_no_data():
    classes = classify({"10": 0}, "t", no_data_label="ไม่มีข้อมูล")
    assert classes.fills == {}
    assert classes.legend.entries == [(NO_DATA_COLOUR, "ไม่มีข้อมูล")]


def test_contrast_palette_for_presenters():
    classes = classify({"10": 1, "11": 3}, "t", palette="contrast")
    assert set(classes.fills.values()) == set(PALETTES["contrast"][2])


def test_natural_breaks_on_every_tambon_is_deterministic():
    values = {f"{i:06d}": float((i * 7919) % 97) for i in range(1, 7426)}
    first = classify(values, "t", scheme="natural_breaks")
    assert classify(values, "t", scheme="natural_breaks") == first
    assert len(set(first.fills.values())) == 5
