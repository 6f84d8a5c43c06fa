"""geo.levels: the one home of levels, code lengths and enclosing areas."""

import pytest

from geo.levels import (
    ALL_LEVELS,
    CODE_LENGTH,
    LEVELS,
    ancestors,
    children_level,
    code_at,
    level_of,
    parent_code,
    split_village,
    village_code,
)


@pytest.mark.parametrize(("code", "level", "parent", "wider"), [
    ("10", "province", None, ()),
    ("1002", "district", "10", ("10",)),
    ("100201", "subdistrict", "1002", ("10", "1002")),
    ("12345678", "village", "123456", ("12", "1234", "123456")),
    ("450303", "subdistrict", "4503", ("45", "4503")),
])
def test_a_code_knows_its_level_parent_and_ancestors(code, level, parent, wider):
    assert level_of(code) == level
    assert parent_code(code) == parent
    assert ancestors(code) == wider
    assert all(code.startswith(outer) for outer in wider)


@pytest.mark.parametrize("code", ["", "1", "123", "12a4", "123456789", "ab"])
def test_what_is_no_dopa_code_has_no_level(code):
    assert level_of(code) is None


@pytest.mark.parametrize(("code", "level", "expected"), [
    ("12345678", "province", "12"),
    ("12345678", "district", "1234"),
    ("12345678", "subdistrict", "123456"),
    ("1234", "province", "12"),
    ("1234", "district", "1234"),
])
def test_code_at_a_level(code, level, expected):
    assert code_at(code, level) == expected


@pytest.mark.parametrize(("level", "child"), [
    ("province", "district"),
    ("district", "subdistrict"),
    ("subdistrict", "village"),
    ("village", None),
])
def test_children_level(level, child):
    assert children_level(level) == child


@pytest.mark.parametrize(("code", "expected"), [
    ("12345678", ("123456", 78)),
    ("12345601", ("123456", 1)),
    ("123456", ("123456", 0)),
    ("12", ("12", 0)),
])
def test_split_village(code, expected):
    assert split_village(code) == expected


def test_levels_are_ordered_coarsest_first_with_growing_codes():
    assert ALL_LEVELS[:len(LEVELS)] == LEVELS
    lengths = [CODE_LENGTH[level] for level in ALL_LEVELS]
    assert lengths == sorted(lengths) and len(set(lengths)) == len(lengths)


@pytest.mark.parametrize(("subdistrict", "number", "code"), [
    ("123456", 78, "12345678"), ("450303", 3, "45030303")])
def test_village_code_and_split_village_are_inverse(subdistrict, number, code):
    assert village_code(subdistrict, number) == code
    assert split_village(code) == (subdistrict, number)
