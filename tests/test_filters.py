"""views/filters.py declares every filter once: the explorer's widgets and URL, the partners
page's sidebar and the filtering itself all follow it, so a filter registered there (and
nowhere else) shows up everywhere."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.painted import maps_painted
from tests.test_explorer import COVERAGE, PARTNERS, PROGRAMMES
from views import filters as F
from views.coverage import filter_coverage, select_programmes
from views.filters import Filter, Filters
from views.state import View, decode, encode
from views.text import t

PAGES = Path(__file__).resolve().parent.parent / "pages"
PROVINCES = pd.DataFrame({
    "code": ["70", "71", "96"],
    "name_th": ["ราชบุรี", "กาญจนบุรี", "นราธิวาส"],
    "name_en": ["Ratchaburi", "Kanchanaburi", None],
    "region_en": ["West", "West", "South"],
    "region_th": ["ภาคตะวันตก", "ภาคตะวันตก", "ภาคใต้"],
})
REGIONS = PROVINCES.rename(columns={"code": "province_code"})[["province_code", "region_en"]]
LEVELS = ("province", "district", "subdistrict", "village")

# A filter no page knows about: coverage rows by their own level.
BY_LEVEL = Filter(
    "scope", "scopes", "level", {},
    lambda source, lang: {level: t(level, lang) for level in LEVELS
                          if level in set(source.coverage["level"])},
    coverage=lambda coverage, values, _regions: coverage["level"].isin(values),
)


@pytest.fixture
def by_level():
    F.FILTERS.append(BY_LEVEL)
    yield BY_LEVEL
    F.FILTERS.remove(BY_LEVEL)


def test_a_registered_filter_gets_a_widget_on_each_page(by_level):
    for page in ("explorer", "partners"):
        choices = F.options(PROGRAMMES, PARTNERS, COVERAGE, PROVINCES, "en", page=page)
        widget = F.widgets(choices, "en", page=page)[-1]
        assert (widget.key, widget.field, widget.label) == ("scope", "scopes", "Level")
        assert widget.values == ["province", "district", "subdistrict", "village"]
        assert widget.labels["subdistrict"] == "Tambon"


def test_a_registered_filter_goes_through_the_url(by_level):
    view = View(filters=Filters(programmes=("kan",), scopes=("subdistrict", "village")))
    params = encode(view)
    assert params == {"programme": "kan", "scope": "subdistrict,village"}
    assert decode(params) == view
    assert decode({"scope": "village,<b>,village"}).filters.scopes == ("village",)


def test_a_registered_filter_filters_the_coverage_table(by_level):
    filters = Filters(scopes=("subdistrict",))
    ids = select_programmes(PROGRAMMES, PARTNERS, filters)["programme_id"]
    rows = filter_coverage(COVERAGE, ids, filters, REGIONS)
    assert set(rows["level"]) == {"subdistrict"}
    assert len(rows) == (COVERAGE["level"].eq("subdistrict")
                         & ~COVERAGE["programme_id"].isin([5])).sum()


def test_an_undeclared_filter_is_refused_by_name():
    with pytest.raises(TypeError, match="scopes"):
        Filters(scopes=("village",))


@pytest.mark.parametrize(("filters", "expected_ids"), [
    (Filters(), [1, 2, 3]),
    (Filters(include_synthetic=True), [1, 2, 3, 5]),
    (Filters(programmes=("kan", "west")), [1, 3]),
    (Filters(themes=("community_strengthening",)), [3]),
    (Filters(partners=("codi",)), [1, 3]),
    (Filters(regions=("South",)), [2]),
    (Filters(provinces=("71",), statuses=("completed",)), [3]),
    (Filters(years=(2020, 2021)), [3]),
])
def test_the_declared_filters_narrow_programmes_and_rows(filters, expected_ids):
    ids = select_programmes(PROGRAMMES, PARTNERS, filters)["programme_id"]
    rows = filter_coverage(COVERAGE, ids, filters, REGIONS)
    assert sorted(rows["programme_id"].unique()) == expected_ids


@pytest.mark.parametrize(("lang", "key", "expected"), [
    ("en", "province", {"71": "Kanchanaburi", "96": "นราธิวาส", "70": "Ratchaburi"}),
    ("th", "region", {"West": "ภาคตะวันตก", "South": "ภาคใต้"}),
    ("en", "region", {"West": "West", "South": "South"}),
    ("en", "programme", {"fake": "[synthetic] สมมุติ", "four": "Four agencies", "kan": "Kan",
                         "narathiwat": "Narathiwat", "west": "West"}),
])
def test_choices_are_codes_shown_by_their_names_with_the_thai_fallback(lang, key, expected):
    choices = F.options(PROGRAMMES, PARTNERS, COVERAGE, PROVINCES, lang)[key]
    assert choices == expected
    assert list(choices) == sorted(choices, key=choices.get) or key == "region"


def test_the_province_choices_follow_the_chosen_regions():
    choices = F.options(PROGRAMMES, PARTNERS, COVERAGE, PROVINCES, "th")
    assert list(F.narrowed(choices, PROVINCES, {"region": ("South",)})["province"]) == ["96"]
    assert F.narrowed(choices, PROVINCES, {})["province"] == choices["province"]


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('filters') / 'registry.sqlite'}"


def test_the_pages_draw_and_read_a_registered_filter(by_level, database, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database)
    explorer = maps_painted(AppTest.from_file(str(PAGES / "explorer.py"), default_timeout=120))
    explorer.query_params["scope"] = "subdistrict"
    explorer.run()
    assert not explorer.exception, [e.message for e in explorer.exception]
    widget = explorer.multiselect(key="ex_scope")
    assert widget.label == "ระดับ" and widget.value == ["subdistrict"]
    assert explorer.query_params["scope"] == "subdistrict"
    explorer.multiselect(key="ex_scope").set_value(["province", "subdistrict"]).run()
    assert explorer.query_params["scope"] == "province,subdistrict"
    partners = AppTest.from_file(str(PAGES / "partners.py"), default_timeout=120).run()
    assert not partners.exception, [e.message for e in partners.exception]
    assert partners.multiselect(key="partners_scopes").label == "ระดับ"
