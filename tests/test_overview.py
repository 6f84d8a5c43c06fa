"""Overview figures: coverage cards (what is known, no targets), signings by year,
statuses, claim and place lists — on the real seed registry (expected figures read
from data/seed by tests.seed_facts) and on small hand-made frames."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pandas as pd
import pytest

from geo import gazetteer
from geo.maps import NO_DATA_COLOUR
from registry import queries
from registry.db import ensure_ready
from tests import seed_facts as facts
from views import overview as ov
from views.classes import categorical
from views.coverage import Filters, with_level_codes
from views.partners import programmes_in_view
from views.results import progress_table
from views.text import t

LOADED_AT = dt.datetime(2025, 1, 31, 9, 30)
COUNTRY = gazetteer.country()
TABLES = ("programmes", "partners", "coverage", "claims", "place_mentions")


def read_tables(engine) -> dict[str, pd.DataFrame]:
    tables = {name: getattr(queries, name)(engine) for name in TABLES}
    tables["coverage"] = with_level_codes(tables["coverage"])
    return tables


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> dict[str, pd.DataFrame]:
    """The five seed programmes, read the way the dashboard reads them."""
    path = tmp_path_factory.mktemp("overview") / "registry.sqlite"
    engine = ensure_ready(f"sqlite:///{path}")
    try:
        return read_tables(engine)
    finally:
        engine.dispose()


def seed_cards(tables: dict[str, pd.DataFrame]) -> dict[str, ov.CoverageCard]:
    ids, coverage = programmes_in_view(tables["programmes"], tables["partners"],
                                       tables["coverage"], Filters())
    cards = ov.coverage_cards(ids, tables["partners"], coverage, tables["claims"], COUNTRY)
    return {card.key: card for card in cards}


def test_seed_cards_count_what_the_seed_names(seed):
    cards = seed_cards(seed)
    assert cards["programmes"].named == len(facts.programmes())
    assert cards["organisations"].named == len(facts.partner_organisations())
    for level in ("province", "district", "subdistrict", "village"):
        named = facts.named_areas(level)
        card = cards[level]
        assert card.named == len(named), level
        assert dict(card.by_status) == dict(Counter(named.values())), level
        assert sum(n for _, n in card.by_status) == card.named
        assert card.total == (len(COUNTRY[level]) if level in COUNTRY else None)
        year = facts.newest_coverage_year(level)
        assert card.as_of == (f"{year:04d}" if year else None)


def test_seed_cards_carry_no_target_and_no_other_programmes_count(seed):
    """The tambon card is the tambons programmes name: the four-agency MOU's target of 90
    model tambons and Kanchanaburi's 95 (context: work from before its MOU) are not in it."""
    cards = seed_cards(seed)
    assert cards["subdistrict"].named == len(facts.named_areas("subdistrict"))
    assert not hasattr(cards["subdistrict"], "target")
    reported_at_area_levels = [row for _, row in facts.claims("actual")
                               if row.get("level") in COUNTRY]
    assert sum(len(card.counted) for card in cards.values()) == len(reported_at_area_levels)


def test_seed_cards_are_the_same_on_every_back_end(seed, seeded_engine):
    mine = {key: (card.named, card.by_status, card.as_of)
            for key, card in seed_cards(read_tables(seeded_engine)).items()}
    assert mine == {key: (card.named, card.by_status, card.as_of)
                    for key, card in seed_cards(seed).items()}


@pytest.mark.parametrize(("lang", "share", "as_of"), [
    ("th", "{n} จาก 77 จังหวัด ที่โครงการระบุชื่อ", "ณ พ.ศ. {year} (ปีล่าสุดที่เอกสารระบุ)"),
    ("en", "{n} of 77 provinces named by programmes",
     "As of {year} BE (latest year the documents give)"),
])
def test_seed_province_card_says_what_is_known(seed, lang, share, as_of):
    card = seed_cards(seed)["province"]
    year = facts.newest_coverage_year("province") + 543
    assert ov.card_share(card, lang) == share.format(n=len(facts.named_areas("province")))
    assert ov.card_as_of(card, lang) == as_of.format(year=year)
    assert ov.card_counted(card, lang) == []


# --- hand-made frames -------------------------------------------------------------------

def coverage_frame(rows) -> pd.DataFrame:
    """(programme_id, level, code, status); a village's code is 8 digits."""
    frame = pd.DataFrame(rows, columns=["programme_id", "level", "code", "status"])
    frame["area_code"] = frame["code"].str[:6].where(frame["level"] == "village",
                                                      frame["code"])
    frame["is_synthetic"] = False
    return with_level_codes(frame)


def claims_frame(rows) -> pd.DataFrame:
    """(programme_id, measure, level, within_code, value, kind, as_of)."""
    return pd.DataFrame(rows, columns=["programme_id", "measure", "level", "within_code",
                                       "value", "kind", "as_of"])


VILLAGE_AND_PROVINCE = coverage_frame([
    (1, "village", "71010103", "active"),
    (1, "province", "70", "planned"),
    (2, "district", "9605", "planned"),
])


@pytest.mark.parametrize(("level", "codes"), [
    ("province", {"71", "70", "96"}),
    ("district", {"7101", "9605"}),
    ("subdistrict", {"710101"}),
    ("village", {"71010103"}),
])
def test_an_area_counts_at_its_level_and_every_wider_one(level, codes):
    assert ov.listed_codes(VILLAGE_AND_PROVINCE, level) == codes


NO_CLAIMS = claims_frame([])


@pytest.mark.parametrize(("coverage_rows", "level", "named", "by_status"), [
    ([(1, "subdistrict", "960510", "planned")], "subdistrict", 1, {"planned": 1}),
    # An area two programmes name counts once, under its most advanced status.
    ([(1, "subdistrict", "710101", "planned"), (2, "subdistrict", "710101", "active"),
      (2, "subdistrict", "710102", "completed")], "subdistrict", 2,
     {"active": 1, "completed": 1}),
    # A named tambon covers its district and province; a province-wide row no district.
    ([(1, "subdistrict", "710101", "active"), (2, "province", "70", "planned")],
     "district", 1, {"active": 1}),
    ([(1, "subdistrict", "710101", "active"), (2, "province", "70", "planned")],
     "province", 2, {"active": 1, "planned": 1}),
    ([], "village", 0, {}),
])
def test_area_card_counting_rule(coverage_rows, level, named, by_status):
    coverage = coverage_frame(coverage_rows).assign(year=None)
    card = ov.area_card(coverage, NO_CLAIMS, level, COUNTRY.get(level))
    assert card.named == named
    assert dict(card.by_status) == by_status


def test_a_share_counts_every_current_code_and_never_exceeds_the_whole():
    """The country is the gazetteer, polygon or not: a registry naming every current
    tambon (some of which no boundary layer draws) reads "M of M", and a code DOPA no
    longer lists is said apart instead of pushing the share past the whole."""
    tambons = COUNTRY["subdistrict"]
    assert tambons == gazetteer.codes("subdistrict")
    no_polygon, former = "100910", "100199"  # no polygon: tests/test_geo.py
    assert no_polygon in tambons and former not in tambons
    rows = [(1, "subdistrict", code, "active") for code in sorted(tambons)]
    coverage = coverage_frame([*rows, (2, "subdistrict", former, "planned")]).assign(year=None)
    card = ov.area_card(coverage, NO_CLAIMS, "subdistrict", tambons)
    assert (card.named, card.total, card.former) == (len(tambons), len(tambons), 1)
    assert dict(card.by_status) == {"active": len(tambons)}
    total = f"{len(tambons):,}"
    assert ov.card_share(card, "en") == (f"{total} of {total} tambons named by programmes; "
                                         "codes DOPA no longer lists, counted apart: 1")
    few = coverage[coverage["area_code"].isin([no_polygon, "100101", former])]
    card = ov.area_card(few, NO_CLAIMS, "subdistrict", tambons)
    assert (card.named, card.former) == (2, 1)
    card = ov.area_card(few.iloc[:2], NO_CLAIMS, "subdistrict", tambons)
    assert (card.named, card.former) == (2, 0)
    assert ov.card_share(card, "th") == f"2 จาก {total} ตำบล ที่โครงการระบุชื่อ"


def test_counts_reported_without_areas_stand_apart_with_their_programme():
    coverage = coverage_frame([(1, "subdistrict", "960510", "planned")]).assign(year=None)
    claims = claims_frame([
        (2, "subdistricts", "subdistrict", "71", 95, "actual", "2019-06-12"),
        (3, "subdistricts", "subdistrict", None, 90, "target", None),  # a target: not here
        (2, "subdistricts", "subdistrict", "71", 95, "context", "2019-06-12"),
    ]).assign(programme_title_th=["ก", "ข", "ก"], programme_title_en=["A", "B", "A"],
              qualifier=None)
    card = ov.area_card(coverage, claims, "subdistrict", COUNTRY["subdistrict"])
    assert card.named == 1  # never 1 + 95, never against 90
    assert ov.card_counted(card, "en") == [
        "Reported as a count (no areas listed): 95 · A as of 12 Jun 2562 BE"]
    assert ov.card_statuses(card, "th") == "วางแผน 1"


def test_a_card_lists_a_few_counts_and_says_how_many_more_the_table_holds():
    coverage = coverage_frame([(1, "subdistrict", "960510", "planned")]).assign(year=None)
    claims = claims_frame([(pid, "subdistricts", "subdistrict", None, 10 + pid, "actual", None)
                           for pid in range(1, 6)]).assign(
        programme_title_th=list("กขคงจ"), programme_title_en=list("ABCDE"), qualifier=None)
    card = ov.area_card(coverage, claims, "subdistrict", COUNTRY["subdistrict"])
    lines = ov.card_counted(card, "en", limit=2)
    assert lines == ["Reported as a count (no areas listed): 11 · A",
                     "Reported as a count (no areas listed): 12 · B",
                     'and 3 more reported counts: see "Counted figures"']


def test_a_card_with_no_dated_rows_says_so_and_never_shows_the_read_time():
    card = ov.area_card(coverage_frame([(1, "province", "70", "planned")]).assign(year=None),
                     NO_CLAIMS, "province", COUNTRY["province"])
    assert ov.card_as_of(card, "en") == "No year given in the documents"
    assert ov.card_as_of(ov.CoverageCard("programmes", 5), "en") == ""


def test_cards_at_registry_scale():
    """75,000 coverage rows of 500 programmes, each with a reported count (the timing is
    bench/'s job; here: the figures stay right at that size)."""
    rows = [(i % 500, "subdistrict", str(710000 + i % 1000), "active") for i in range(75_000)]
    coverage = coverage_frame(rows).assign(year=2020)
    claims = claims_frame([(i, "subdistricts", "subdistrict", "71", 5, "actual", None)
                           for i in range(500)]).assign(programme_title_th="x",
                                                        programme_title_en="x", qualifier=None)
    partners = pd.DataFrame({"programme_id": [], "organisation_id": []})
    cards = {card.key: card for card in ov.coverage_cards(range(500), partners, coverage, claims,
                                                       COUNTRY)}
    tambons = cards["subdistrict"]
    real = {code for code in (str(710000 + i) for i in range(1000)) if code in COUNTRY[
        "subdistrict"]}
    assert (tambons.named, tambons.former) == (len(real), 1000 - len(real))
    assert len(tambons.counted) == 500


# --- signings, statuses, lists ----------------------------------------------------------

def test_seed_signings_by_be_year(seed):
    frame, undated = ov.signings_by_year(seed["programmes"], "en")
    years, expected_undated = facts.signings_by_be_year()
    # The years between are shown as 0 so the axis is a time line.
    span = range(min(years), max(years) + 1)
    assert frame[["be_year", "programmes"]].values.tolist() == [
        [str(year), years.get(year, 0)] for year in span]
    assert undated == expected_undated
    # The four-agency MOU, signed at the forum of 7–8 September 2559, counts in 2559.
    assert "Integration MOU" in frame.loc[frame["be_year"] == "2559", "titles"].item()
    assert "Kanchanaburi" in frame.loc[frame["be_year"] == "2562", "titles"].item()


@pytest.mark.parametrize(("signed", "expected", "undated"), [
    ([None, None], [], 2),
    (["2019-06-12", "2019-01", None], [["2562", 2]], 1),
    (["2020", "2018-12-30/2019-01-02"], [["2561", 1], ["2562", 0], ["2563", 1]], 0),
])
def test_signings_by_year(signed, expected, undated):
    programmes = pd.DataFrame({"programme_id": range(len(signed)), "signed_on": signed,
                               "title_th": [f"p{i}" for i in range(len(signed))]})
    frame, missing = ov.signings_by_year(programmes, "th")
    assert frame[["be_year", "programmes"]].values.tolist() == expected
    assert missing == undated


def test_seed_province_statuses(seed):
    statuses = ov.province_statuses(seed["coverage"]).set_index("code")["status"].to_dict()
    assert statuses == {"14": "active", "70": "planned", "71": "planned", "73": "planned",
                        "74": "planned", "75": "planned", "76": "planned", "77": "planned",
                        "96": "planned"}


@pytest.mark.parametrize(("statuses", "expected"), [
    (["planned"], "planned"),
    (["active", "active"], "active"),
    (["completed", "planned"], "mixed"),
    (["active", "planned", "completed"], "mixed"),
])
def test_province_status_is_mixed_when_rows_differ(statuses, expected):
    coverage = coverage_frame([(i, "subdistrict", f"71010{i}", s)
                               for i, s in enumerate(statuses, start=1)])
    row = ov.province_statuses(coverage).set_index("code").loc["71"]
    assert row["status"] == expected
    assert list(row["statuses"]) == sorted(set(statuses), key=list(ov.STATUS_COLOURS).index)


def test_categorical_legend_lists_present_categories_in_order_then_no_data():
    classes = categorical({"10": "active", "11": "planned", "12": "unknown"}, "Status",
                          ov.STATUS_COLOURS, {"planned": "P", "active": "A"},
                          no_data_label="none")
    assert classes.fills == {"10": ov.STATUS_COLOURS["active"], "11": ov.STATUS_COLOURS["planned"]}
    assert list(classes.legend.entries) == [(ov.STATUS_COLOURS["planned"], "P"),
                                            (ov.STATUS_COLOURS["active"], "A"),
                                            (NO_DATA_COLOUR, "none")]


@pytest.mark.parametrize(("lang", "row"), [
    # Work from before the MOU: context, not a result; its source by publisher (no title).
    ("th", {"สิ่งที่นับ": "ตำบล", "จำนวน": "95", "ภายในพื้นที่": "กาญจนบุรี",
            "ประเภท": "ข้อมูลประกอบ (ไม่ใช่ผลของโครงการ)", "ณ วันที่": "12 มิ.ย. 2562",
            "เอกสารอ้างอิง": "(เอกสารไม่มีชื่อเรื่อง) · สำนักงานภาคกลางและตะวันตก",
            "สังเคราะห์": False}),
    ("en", {"Measure": "Tambons", "Value": "95", "Within": "Kanchanaburi",
            "Kind": "Context (not a result of the programme)", "As of": "12 Jun 2562 BE",
            "Source": "(untitled document) · สำนักงานภาคกลางและตะวันตก", "Synthetic": False}),
])
def test_seed_claims_table_shows_counts_as_such(seed, lang, row):
    table = ov.claims_table(seed["claims"], lang)
    assert len(table) == len(seed["claims"]) == len(facts.claims())
    value_column = "จำนวน" if lang == "th" else "Value"
    kanchanaburi = table[table[value_column] == "95"]
    assert kanchanaburi.iloc[0][list(row)].to_dict() == row


@pytest.mark.parametrize(("lang", "values"), [
    ("th", {"ไม่น้อยกว่า 6", "อย่างน้อยพื้นที่ละ 2", "ปีละ 1", "900", "77"}),
    ("en", {"at least 6", "at least 2 per area", "1 a year", "900", "77"}),
])
def test_seed_claims_keep_their_qualifiers(seed, lang, values):
    table = ov.claims_table(seed["claims"], lang)
    assert values <= set(table["จำนวน" if lang == "th" else "Value"])


@pytest.mark.parametrize("missing", [None, ""])
def test_english_tables_fall_back_to_thai_names_where_english_is_missing(seed, missing):
    """The claims and targets tables name programmes and areas as every other table does:
    the Thai name where no English one is stored, never an empty cell."""
    claims = seed["claims"].assign(programme_title_en=missing, within_name_en=missing)
    table = ov.claims_table(claims, "en")
    assert table["Programme"].tolist() == claims["programme_title_th"].tolist()
    nationwide = t("overview_nationwide", "en")
    within = claims["within_name_th"].where(claims["within_name_th"].notna(), nationwide)
    assert table["Within"].tolist() == within.tolist()
    targets = progress_table(claims, "en")
    assert len(targets) and set(targets["Programme"]) <= set(claims["programme_title_th"])
    named = claims.loc[claims["kind"].eq("target") & claims["within_name_th"].notna(),
                       "within_name_th"]
    assert set(named) <= set(targets["Within"])


def test_claims_of_synthetic_programmes_are_badged(seed):
    kanchanaburi = seed["claims"].loc[seed["claims"]["value"] == 95, "programme_id"].item()
    table = ov.claims_table(seed["claims"], "en", synthetic_ids={kanchanaburi})
    assert table.loc[table["Value"] == "95", "Synthetic"].item()
    assert not table.loc[table["Value"] != "95", "Synthetic"].any()


NAMES = pd.DataFrame({
    "code": ["45", "49", "450303", "490404"],
    "name_th": ["ร้อยเอ็ด", "มุกดาหาร", "หนองแคน", "หนองแคน"],
    "name_en": ["Roi Et", "Mukdahan", "Nong Khaen", "Nong Khaen"],
})


@pytest.mark.parametrize(("lang", "candidates"), [
    ("th", "หนองแคน, ร้อยเอ็ด (450303); หนองแคน, มุกดาหาร (490404)"),
    ("en", "Nong Khaen, Roi Et (450303); Nong Khaen, Mukdahan (490404)"),
])
def test_seed_ambiguous_place_is_listed_with_its_candidates(seed, lang, candidates):
    table = ov.unresolved_places(seed["place_mentions"], NAMES, lang)
    assert len(table) == 1
    row = table.iloc[0]
    assert row.iloc[1] == "ตำบลหนองแคน"
    assert row.iloc[4] == candidates
    assert row.iloc[3] == ("กำกวม (ตรงหลายพื้นที่)" if lang == "th"
                           else "Ambiguous (several areas)")


def test_synthetic_records_are_left_out_unless_asked_for(seed):
    programmes = seed["programmes"].copy()
    coverage = seed["coverage"].copy()
    ayutthaya = programmes.loc[programmes["slug"] == "ayutthaya-moral-province-2564",
                               "programme_id"].item()
    programmes.loc[programmes["programme_id"] == ayutthaya, "is_synthetic"] = True
    narathiwat_row = coverage["area_code"] == "960510"
    coverage.loc[narathiwat_row, "is_synthetic"] = True
    everything = len(facts.programmes()), len(facts.named_areas("province"))
    # Left out: Ayutthaya (its province 14 only it names) and Maruebo Tok's row (96).
    without = everything[0] - 1, everything[1] - 2
    for include, (programme_count, provinces) in [(False, without), (True, everything)]:
        filters = Filters(include_synthetic=include)
        ids, rows = programmes_in_view(programmes, seed["partners"], coverage, filters)
        cards = {k.key: k for k in ov.coverage_cards(ids, seed["partners"], rows, seed["claims"],
                                                  COUNTRY)}
        assert cards["programmes"].named == programme_count
        assert cards["province"].named == provinces


def test_pages_import_no_chart_or_graph_library_before_their_map():
    """altair, networkx and mapclassify cost about a second to import on a cold start;
    they load when a chart or a classed legend is drawn, after the map has been sent."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys; import ui.data, ui.maps, views.overview, views.partners, "
            "views.maps, views.explorer, views.programme; "
            "print(sorted(m for m in ('altair', 'networkx', 'mapclassify') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parent.parent, check=True)
    assert result.stdout.strip() == "[]"


def test_charts_name_their_axes_in_the_language_shown():
    signings = pd.DataFrame({"be_year": [2562, 2567], "programmes": [1, 2],
                             "titles": ["a", "b, c"]})
    chart = ov.signings_chart(signings, "en").to_dict()
    assert chart["encoding"]["x"]["title"] == t("year_be_axis", "en")
    assert chart["mark"]["type"] == "bar"
    rows = pd.DataFrame({"label": ["CODI"], "organisation": ["CODI"], "programmes": [2],
                         "roles": ["signatory"]})
    chart = ov.partners_chart(rows, "th").to_dict()
    assert chart["encoding"]["x"]["title"] == t("programme_count", "th")
    assert chart["encoding"]["y"]["sort"] == "-x"
