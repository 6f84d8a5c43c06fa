"""Overview figures: KPIs against targets, signings by year, statuses, claim and place
lists — on the real seed registry (data/seed) and on small hand-made frames."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from geo.maps import NO_DATA_COLOUR
from registry import queries
from registry.db import ensure_ready
from views.classes import categorical
from views.coverage import Filters, with_level_codes
from views.overview import (
    STATUS_COLOURS,
    Kpi,
    area_kpi,
    claims_table,
    kpi_as_of,
    kpi_split,
    latest_claims,
    listed_codes,
    overview_kpis,
    partners_chart,
    province_statuses,
    signings_by_year,
    signings_chart,
    unresolved_places,
)
from views.partners import programmes_in_view
from views.text import t

LOADED_AT = dt.datetime(2025, 1, 31, 9, 30)
COUNTRY = {"province": 77, "district": 928, "subdistrict": 7425}
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


def seed_kpis(tables: dict[str, pd.DataFrame]) -> dict[str, Kpi]:
    ids, coverage = programmes_in_view(tables["programmes"], tables["partners"],
                                       tables["coverage"], Filters())
    kpis = overview_kpis(ids, tables["partners"], coverage, tables["claims"], LOADED_AT,
                         COUNTRY)
    return {kpi.key: kpi for kpi in kpis}


# Facts from /work/shared/seeds: 5 documents; 16 organisations named as partners;
# listed provinces 70 71 73 74 75 76 77 (western MOU), 14 (Ayutthaya), 71 (Kanchanaburi),
# and 96 through Maruebo Tok (960510, district 9605); 95 tambons in Kanchanaburi are a
# count (as of 12 June 2562); the four-agency MOU's targets: 900/90/90/77.
@pytest.mark.parametrize(("key", "value", "listed", "counted", "target", "as_of", "basis"), [
    ("programmes", 5, 5, 0, None, LOADED_AT.date(), "registry"),
    ("organisations", 16, 16, 0, None, LOADED_AT.date(), "registry"),
    ("province", 9, 9, 0, 77, LOADED_AT.date(), "registry"),
    ("district", 1, 1, 0, 90, LOADED_AT.date(), "registry"),
    ("subdistrict", 96, 1, 95, 90, dt.date(2019, 6, 12), "documents"),
    ("village", 0, 0, 0, 900, LOADED_AT.date(), "registry"),
])
def test_seed_kpis(seed, key, value, listed, counted, target, as_of, basis):
    kpi = seed_kpis(seed)[key]
    assert (kpi.value, kpi.listed, kpi.counted, kpi.overlap) == (value, listed, counted, 0)
    assert kpi.target == target
    assert (kpi.as_of, kpi.as_of_basis) == (as_of, basis)


def test_seed_kpis_are_the_same_on_every_back_end(seeded_engine):
    kpis = seed_kpis(read_tables(seeded_engine))
    assert {key: (k.value, k.target) for key, k in kpis.items()} == {
        "programmes": (5, None), "organisations": (16, None), "province": (9, 77),
        "district": (1, 90), "subdistrict": (96, 90), "village": (0, 900)}


@pytest.mark.parametrize(("key", "progress"), [
    ("province", 9 / 77), ("district", 1 / 90), ("subdistrict", 96 / 90), ("village", 0.0),
])
def test_seed_progress_is_covered_over_target(seed, key, progress):
    assert seed_kpis(seed)[key].progress == pytest.approx(progress)


@pytest.mark.parametrize("key", ["programmes", "organisations"])
def test_no_target_no_progress(seed, key):
    assert seed_kpis(seed)[key].progress is None


@pytest.mark.parametrize(("lang", "split", "as_of"), [
    ("th", "ระบุชื่อ 1 · นับเป็นจำนวน 95", "ณ 12 มิ.ย. 2562 (เอกสาร)"),
    ("en", "1 listed · 95 counted", "As of 12 Jun 2562 BE (documents)"),
])
def test_seed_tambon_card_says_how_the_figure_is_made(seed, lang, split, as_of):
    kpi = seed_kpis(seed)["subdistrict"]
    assert kpi_split(kpi, lang) == split
    assert kpi_as_of(kpi, lang) == as_of


@pytest.mark.parametrize(("lang", "text"), [
    ("th", "ณ 31 ม.ค. 2568 (ทะเบียน)"),
    ("en", "As of 31 Jan 2568 BE (registry)"),
])
def test_cards_without_dated_claims_say_when_the_registry_was_read(seed, lang, text):
    kpi = seed_kpis(seed)["province"]
    assert kpi_split(kpi, lang) == ""
    assert kpi_as_of(kpi, lang) == text


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
    assert listed_codes(VILLAGE_AND_PROVINCE, level) == codes


NO_CLAIMS = claims_frame([])


@pytest.mark.parametrize(("coverage_rows", "claim_rows", "level", "expected"), [
    # (listed, counted, overlap, target)
    ([(1, "subdistrict", "960510", "planned")],
     [(2, "subdistricts", "subdistrict", "71", 95, "actual", None)],
     "subdistrict", (1, 95, 0, None)),
    # The programme's own listed tambons inside its counted province are among the 95.
    ([(1, "subdistrict", "710101", "active"), (1, "subdistrict", "710102", "active"),
      (1, "subdistrict", "960510", "active")],
     [(1, "subdistricts", "subdistrict", "71", 95, "actual", None)],
     "subdistrict", (3, 95, 2, None)),
    # Another programme's tambon in the same province is not assumed to overlap.
    ([(2, "subdistrict", "710101", "active")],
     [(1, "subdistricts", "subdistrict", "71", 95, "actual", None)],
     "subdistrict", (1, 95, 0, None)),
    # A national count (no area named) takes in all the programme's listed areas...
    ([(1, "province", "71", "active"), (1, "province", "70", "active")],
     [(1, "provinces", "province", None, 5, "actual", None)],
     "province", (2, 5, 2, None)),
    # ...but never more than the count itself.
    ([(1, "province", "71", "active"), (1, "province", "70", "active")],
     [(1, "provinces", "province", None, 1, "actual", None)],
     "province", (2, 1, 1, None)),
    # A repeated claim counts once: the latest.
    ([], [(1, "subdistricts", "subdistrict", "71", 40, "actual", dt.date(2020, 1, 1)),
          (1, "subdistricts", "subdistrict", "71", 95, "actual", dt.date(2021, 1, 1)),
          (1, "subdistricts", "subdistrict", "71", 10, "actual", None)],
     "subdistrict", (0, 95, 0, None)),
    # Claims of two programmes add up; targets of two programmes add up...
    ([], [(1, "villages", "village", None, 10, "actual", None),
          (2, "villages", "village", None, 5, "actual", None),
          (1, "villages", "village", None, 900, "target", None),
          (2, "villages", "village", None, 100, "target", None)],
     "village", (0, 15, 0, 1000)),
    # ...but never beyond the country's number of areas.
    ([], [(1, "provinces", "province", None, 77, "target", None),
          (2, "provinces", "province", None, 7, "target", None)],
     "province", (0, 0, 0, 77)),
    # Claims at other levels or of other measures leave this level alone.
    ([(1, "district", "7101", "active")],
     [(1, "networks", None, "71", 9, "actual", None),
      (1, "subdistricts", "subdistrict", "71", 95, "actual", None)],
     "district", (1, 0, 0, None)),
])
def test_area_kpi_counting_rule(coverage_rows, claim_rows, level, expected):
    kpi = area_kpi(coverage_frame(coverage_rows), claims_frame(claim_rows), level, LOADED_AT,
                   COUNTRY.get(level))
    assert (kpi.listed, kpi.counted, kpi.overlap, kpi.target) == expected
    assert kpi.value == expected[0] + expected[1] - expected[2]


@pytest.mark.parametrize(("claim_rows", "as_of", "basis"), [
    ([], LOADED_AT.date(), "registry"),
    ([(1, "villages", "village", None, 900, "target", None)], LOADED_AT.date(), "registry"),
    ([(1, "villages", "village", None, 900, "target", dt.date(2016, 9, 8)),
      (1, "villages", "village", None, 12, "actual", dt.date(2018, 3, 1))],
     dt.date(2018, 3, 1), "documents"),
    # Dates of claims at other levels do not date this card.
    ([(1, "provinces", "province", None, 3, "actual", dt.date(2024, 1, 1))],
     LOADED_AT.date(), "registry"),
])
def test_as_of_is_the_latest_date_of_the_claims_used(claim_rows, as_of, basis):
    kpi = area_kpi(coverage_frame([]), claims_frame(claim_rows), "village", LOADED_AT)
    assert (kpi.as_of, kpi.as_of_basis) == (as_of, basis)


def test_latest_claims_keeps_one_per_programme_kind_measure_and_area():
    claims = claims_frame([
        (1, "subdistricts", "subdistrict", "71", 40, "actual", dt.date(2020, 1, 1)),
        (1, "subdistricts", "subdistrict", "71", 95, "actual", dt.date(2021, 1, 1)),
        (1, "subdistricts", "subdistrict", "70", 3, "actual", None),
        (2, "subdistricts", "subdistrict", "71", 7, "actual", None),
        (1, "subdistricts", "subdistrict", "71", 90, "target", None),
    ])
    assert sorted(latest_claims(claims)["value"]) == [3, 7, 90, 95]


@pytest.mark.parametrize(("counted", "overlap", "lang", "text"), [
    (0, 0, "en", ""),
    (95, 0, "en", "2 listed · 95 counted"),
    (95, 2, "en", "2 listed · 95 counted · 2 in both"),
    (1200, 0, "th", "ระบุชื่อ 2 · นับเป็นจำนวน 1,200"),
])
def test_kpi_split(counted, overlap, lang, text):
    kpi = Kpi("subdistrict", 2, LOADED_AT.date(), "registry", counted=counted, overlap=overlap)
    assert kpi_split(kpi, lang) == text


# --- signings, statuses, lists ----------------------------------------------------------

def test_seed_signings_by_be_year(seed):
    frame, undated = signings_by_year(seed["programmes"], "en")
    # Western MOU 17 Nov 2558, Kanchanaburi MOU 12 Jun 2562; the other three documents
    # give no signing date. The years between are shown as 0 so the axis is a time line.
    assert frame[["be_year", "programmes"]].values.tolist() == [
        ["2558", 1], ["2559", 0], ["2560", 0], ["2561", 0], ["2562", 1]]
    assert undated == 3
    assert "Kanchanaburi" in frame.loc[frame["be_year"] == "2562", "titles"].item()


@pytest.mark.parametrize(("signed", "expected", "undated"), [
    ([None, None], [], 2),
    ([dt.date(2019, 6, 12), dt.date(2019, 1, 2), None], [["2562", 2]], 1),
    ([dt.date(2020, 1, 1), dt.date(2018, 12, 31)], [["2561", 1], ["2562", 0], ["2563", 1]], 0),
])
def test_signings_by_year(signed, expected, undated):
    programmes = pd.DataFrame({"programme_id": range(len(signed)), "signed_on": signed,
                               "title_th": [f"p{i}" for i in range(len(signed))]})
    frame, missing = signings_by_year(programmes, "th")
    assert frame[["be_year", "programmes"]].values.tolist() == expected
    assert missing == undated


def test_seed_province_statuses(seed):
    statuses = province_statuses(seed["coverage"]).set_index("code")["status"].to_dict()
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
    row = province_statuses(coverage).set_index("code").loc["71"]
    assert row["status"] == expected
    assert list(row["statuses"]) == sorted(set(statuses), key=list(STATUS_COLOURS).index)


def test_categorical_legend_lists_present_categories_in_order_then_no_data():
    classes = categorical({"10": "active", "11": "planned", "12": "unknown"}, "Status",
                          STATUS_COLOURS, {"planned": "P", "active": "A"},
                          no_data_label="none")
    assert classes.fills == {"10": STATUS_COLOURS["active"], "11": STATUS_COLOURS["planned"]}
    assert list(classes.legend.entries) == [(STATUS_COLOURS["planned"], "P"),
                                            (STATUS_COLOURS["active"], "A"),
                                            (NO_DATA_COLOUR, "none")]


@pytest.mark.parametrize(("lang", "row"), [
    ("th", {"สิ่งที่นับ": "ตำบล", "จำนวน": "95", "ภายในพื้นที่": "กาญจนบุรี",
            "ประเภท": "ผลที่รายงาน", "ณ วันที่": "12 มิ.ย. 2562",
            "เอกสารอ้างอิง": "004_afd9eb95650f2b86.txt", "สังเคราะห์": False}),
    ("en", {"Measure": "Tambons", "Value": "95", "Within": "Kanchanaburi", "Kind": "Reported",
            "As of": "12 Jun 2562 BE", "Source": "004_afd9eb95650f2b86.txt", "Synthetic": False}),
])
def test_seed_claims_table_shows_counts_as_such(seed, lang, row):
    table = claims_table(seed["claims"], lang)
    assert len(table) == len(seed["claims"]) == 12
    value_column = "จำนวน" if lang == "th" else "Value"
    kanchanaburi = table[table[value_column] == "95"]
    assert kanchanaburi.iloc[0][list(row)].to_dict() == row


@pytest.mark.parametrize(("lang", "values"), [
    ("th", {"ไม่น้อยกว่า 6", "อย่างน้อยพื้นที่ละ 2", "ปีละ 1", "900", "77"}),
    ("en", {"at least 6", "at least 2 per area", "1 a year", "900", "77"}),
])
def test_seed_claims_keep_their_qualifiers(seed, lang, values):
    table = claims_table(seed["claims"], lang)
    assert values <= set(table["จำนวน" if lang == "th" else "Value"])


def test_claims_of_synthetic_programmes_are_badged(seed):
    kanchanaburi = seed["claims"].loc[seed["claims"]["value"] == 95, "programme_id"].item()
    table = claims_table(seed["claims"], "en", synthetic_ids={kanchanaburi})
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
    table = unresolved_places(seed["place_mentions"], NAMES, lang)
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
    for include, programme_count, provinces in [(False, 4, 7), (True, 5, 9)]:
        filters = Filters(include_synthetic=include)
        ids, rows = programmes_in_view(programmes, seed["partners"], coverage, filters)
        kpis = {k.key: k for k in overview_kpis(ids, seed["partners"], rows, seed["claims"],
                                                LOADED_AT, COUNTRY)}
        assert kpis["programmes"].value == programme_count
        assert kpis["province"].value == provinces


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
    chart = signings_chart(signings, "en").to_dict()
    assert chart["encoding"]["x"]["title"] == t("year_be_axis", "en")
    assert chart["mark"]["type"] == "bar"
    rows = pd.DataFrame({"label": ["CODI"], "organisation": ["CODI"], "programmes": [2],
                         "roles": ["signatory"]})
    chart = partners_chart(rows, "th").to_dict()
    assert chart["encoding"]["x"]["title"] == t("programme_count", "th")
    assert chart["encoding"]["y"]["sort"] == "-x"
