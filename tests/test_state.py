"""The explorer's view in the URL: encode → decode gives the same view; bad links fall back."""

from __future__ import annotations

import pytest

from views.coverage import Filters
from views.state import View, decode, drawn_level, encode

ROUND_TRIPS = [
    (View(), {}),
    (View(level="district"), {"level": "district"}),
    (View(level="subdistrict"), {"level": "subdistrict"}),
    (View(level="province", area="71"), {"area": "71"}),
    (View(level="subdistrict", area="7101", selected="710101"),
     {"level": "subdistrict", "area": "7101", "selected": "710101"}),
    (View(area="7101", selected="710105"), {"area": "7101", "selected": "710105"}),
    (View(level="subdistrict", selected="710101"),
     {"level": "subdistrict", "selected": "710101"}),
    (View(filters=Filters(programmes=("kanchanaburi-community-organisations-mou",))),
     {"programme": "kanchanaburi-community-organisations-mou"}),
    (View(filters=Filters(programmes=("a", "b-c"))), {"programme": "a,b-c"}),
    (View(filters=Filters(themes=("moral_province", "resilience"))),
     {"theme": "moral_province,resilience"}),
    (View(filters=Filters(partners=("codi", "thaihealth"))), {"partner": "codi,thaihealth"}),
    (View(filters=Filters(regions=("West", "Northeast"))), {"region": "West,Northeast"}),
    (View(filters=Filters(provinces=("71", "14"))), {"province": "71,14"}),
    (View(filters=Filters(statuses=("active",))), {"status": "active"}),
    (View(filters=Filters(years=(2015, 2024))), {"years": "2558-2567"}),
    (View(filters=Filters(years=(2019, 2019))), {"years": "2562-2562"}),
    (View(filters=Filters(include_synthetic=True)), {"synthetic": "1"}),
    (View(scheme="quantiles", k=3), {"scheme": "quantiles", "k": "3"}),
    (View(scheme="equal_interval", k=7), {"scheme": "equal_interval", "k": "7"}),
    (View(filters=Filters(programmes=("w",), regions=("West",), years=(2015, 2021)),
          level="district", area="71", scheme="quantiles", k=4),
     {"level": "district", "area": "71", "programme": "w", "region": "West",
      "years": "2558-2564", "scheme": "quantiles", "k": "4"}),
]


@pytest.mark.parametrize(("view", "params"), ROUND_TRIPS)
def test_round_trip(view, params):
    assert encode(view) == params
    assert decode(params) == view
    assert decode(encode(view)) == view


BAD_LINKS = [
    # (query params, the view they must give)
    ({"level": "village"}, View()),
    ({"level": "<script>"}, View()),
    ({"area": "7"}, View()),
    ({"area": "710101"}, View()),  # a tambon has no children to drill into
    ({"area": "abc"}, View()),
    ({"selected": "7101x"}, View()),
    ({"selected": "710101"}, View()),  # not drawn at province level
    ({"area": "71", "selected": "720101"}, View(area="71")),  # outside the drilled area
    ({"years": "2558"}, View(filters=Filters(years=(2015, 2015)))),  # one year
    ({"years": "later"}, View()),
    ({"years": "2558-"}, View()),
    ({"years": "99999-2560"}, View()),
    ({"years": "0001-0002"}, View()),
    ({"years": "2567-2558"}, View(filters=Filters(years=(2015, 2024)))),  # reversed
    ({"years": "2015-2024"}, View(filters=Filters(years=(2015, 2024)))),  # CE accepted
    ({"years": "2558–2567"}, View(filters=Filters(years=(2015, 2024)))),  # en dash
    ({"k": "1"}, View()),
    ({"k": "99"}, View()),
    ({"k": "three"}, View()),
    ({"k": "-3"}, View()),
    ({"scheme": "rainbow"}, View()),
    ({"province": "71,x,1234,71"}, View(filters=Filters(provinces=("71",)))),
    ({"programme": "ok,Bad Slug,<b>,"}, View(filters=Filters(programmes=("ok",)))),
    ({"region": "West,1;drop"}, View(filters=Filters(regions=("West",)))),
    ({"synthetic": "yes"}, View()),
    ({"lang": "en"}, View()),
    ({"level": ["province", "district"]}, View(level="district")),  # repeated: last wins
    ({"programme": []}, View()),
]


@pytest.mark.parametrize(("params", "expected"), BAD_LINKS)
def test_bad_values_fall_back_to_defaults(params, expected):
    assert decode(params) == expected


def test_lang_is_never_written():
    assert "lang" not in encode(decode({"lang": "en", "level": "district"}))


@pytest.mark.parametrize(("view", "level"), [
    (View(), "province"),
    (View(level="district"), "district"),
    (View(level="subdistrict"), "subdistrict"),
    (View(area="71"), "district"),
    (View(level="district", area="71"), "district"),
    (View(level="subdistrict", area="71"), "subdistrict"),
    (View(area="7101"), "subdistrict"),
    (View(level="district", area="7101"), "subdistrict"),
])
def test_drawn_level(view, level):
    assert drawn_level(view) == level
