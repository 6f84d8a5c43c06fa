"""What presenter mode adds to a programme's map: names, legend, partners, way back."""

from __future__ import annotations

import pandas as pd
import pytest

from geo import area_table, load_boundaries
from views import presenter as S
from views import programme as P
from views.coverage import with_level_codes


@pytest.fixture(scope="module")
def names() -> pd.DataFrame:
    return area_table(load_boundaries())


def _plan(names, rows) -> P.MapPlan:
    frame = pd.DataFrame(rows, columns=["programme_id", "level", "area_code"])
    return P.map_plan(with_level_codes(frame.astype({"area_code": "string"})), names)


def test_one_programme_is_one_colour_called_programme_area(names):
    plan = _plan(names, [(1, "province", "71"), (1, "province", "70")])
    classes = S.slide_classes(plan, "th", "contrast")
    assert set(classes.fills) == {"70", "71"} and len(set(classes.fills.values())) == 1
    assert classes.legend.title == "พื้นที่โครงการ"
    assert [label for _, label in classes.legend.entries] == ["พื้นที่โครงการ",
                                                               "นอกพื้นที่โครงการ"]
    national = P.national_plan(with_level_codes(pd.DataFrame(
        [(1, "province", "71"), (2, "province", "71")],
        columns=["programme_id", "level", "area_code"]).astype({"area_code": "string"})), names)
    assert S.slide_classes(national, "en", "contrast").legend.title == "Programmes"


def test_place_names_are_the_programmes_areas_or_all_of_a_zoomed_district(names):
    provinces = _plan(names, [(1, "province", "71"), (1, "province", "70")])
    assert S.label_names(provinces, names, "en") == {"70": "Ratchaburi", "71": "Kanchanaburi"}
    tambon = _plan(names, [(1, "subdistrict", "960510")])
    named = S.label_names(tambon, names, "th")
    assert set(named) == set(tambon.draw) and named["960510"] == "มะรือโบตก"
    assert "1 " in S.map_summary(tambon, names, "en") and "Marue" in \
        S.map_summary(tambon, names, "en")


@pytest.mark.parametrize(("came_from", "choice", "page", "query"), [
    (None, "national", "pages/overview.py", {}),
    (None, "western", "pages/programme.py", {"programme": "western"}),
    ("programme", "western", "pages/programme.py", {"programme": "western"}),
    ("explorer", "western", "pages/explorer.py", {}),
    ("https://elsewhere.example", "national", "pages/overview.py", {}),
])
def test_leave_goes_back_where_it_came_from(came_from, choice, page, query):
    assert S.return_page(came_from, choice) == (page, query)


@pytest.mark.parametrize(("requested", "national", "unknown"), [
    (None, True, False), ("", False, False), ("western", False, False),
    ("national", True, False), ("national", False, True), ("does-not-exist", True, True)])
def test_unknown_programme_links(requested, national, unknown):
    assert S.requested_unknown(requested, ["western"], allow_national=national) is unknown
