"""Map explorer logic over small hand-made tables: drilling, figures, table, claims, places."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from escaping import markdown_line
from views import explorer as ex
from views import filters as F
from views.coverage import Filters, area_figures, wider_programmes, with_level_codes
from views.state import View, drawn_level
from views.text import t

NAMES = pd.DataFrame(
    [
        # level, code, name_th, name_en, province_code, district_code
        ("province", "70", "ราชบุรี", "Ratchaburi", "70", None),
        ("province", "71", "กาญจนบุรี", "Kanchanaburi", "71", None),
        ("province", "96", "นราธิวาส", "Narathiwat", "96", None),
        ("province", "45", "ร้อยเอ็ด", "Roi Et", "45", None),
        ("province", "49", "มุกดาหาร", "Mukdahan", "49", None),
        ("district", "7001", "เมืองราชบุรี", "Mueang Ratchaburi", "70", "7001"),
        ("district", "7101", "เมืองกาญจนบุรี", "Mueang Kanchanaburi", "71", "7101"),
        ("district", "7102", "ไทรโยค", "Sai Yok", "71", "7102"),
        ("district", "9605", "ระแงะ", "Ra-Ngae", "96", "9605"),
        ("district", "4503", "ปทุมรัตต์", "Pathum Rat", "45", "4503"),
        ("district", "4904", "ดงหลวง", "Dong Luang", "49", "4904"),
        ("subdistrict", "700101", "หน้าเมือง", "Na Mueang", "70", "7001"),
        ("subdistrict", "710101", "บ้านเหนือ", "Ban Nuea", "71", "7101"),
        ("subdistrict", "710102", "บ้านใต้", "Ban Tai", "71", "7101"),
        ("subdistrict", "710201", "ลุ่มสุ่ม", None, "71", "7102"),
        ("subdistrict", "960510", "มะรือโบตก", "Marue Bo Tok", "96", "9605"),
        ("subdistrict", "450303", "หนองแคน", "Nong Khaen", "45", "4503"),
        ("subdistrict", "490404", "หนองแคน", "Nong Khaen", "49", "4904"),
    ],
    columns=["level", "code", "name_th", "name_en", "province_code", "district_code"],
)
NAMES.index = pd.Index(NAMES["code"], name="code")
PROGRAMMES = pd.DataFrame({
    "programme_id": [1, 2, 3, 4, 5],
    "slug": ["west", "narathiwat", "kan", "four", "fake"],
    "title_th": ["ตะวันตก", "นราธิวาส", "กาญจน์", "สี่หน่วยงาน", "สมมุติ"],
    "title_en": ["West", "Narathiwat", "Kan", "Four agencies", ""],
    "theme": ["community_happiness", "resilience", "community_strengthening",
              "community_strengthening", "other"],
    "is_synthetic": [False, False, False, False, True],
})
PARTNERS = pd.DataFrame({
    "programme_id": [1, 3, 3, 2],
    "organisation_slug": ["codi", "codi", "kru", "thaihealth"],
    "organisation_th": ["พอช.", "พอช.", "มรภ.กาญจนบุรี", "สสส."],
    "organisation_en": ["CODI", "CODI", "Kanchanaburi Rajabhat University", None],
    "abbreviation": ["พอช.", "พอช.", "มรภ.", None],
})
COVERAGE = with_level_codes(pd.DataFrame(
    [
        # programme, level, area_code, status, year, source
        (1, "province", "70", "planned", 2015, "000.txt"),
        (1, "province", "71", "planned", 2015, "000.txt"),
        (2, "subdistrict", "960510", "planned", None, "001.txt"),
        (3, "province", "71", "planned", 2019, "004.txt"),
        (3, "subdistrict", "710101", "active", 2019, "004.txt"),
        (3, "subdistrict", "710101", "active", 2020, "004.txt"),
        (3, "village", "710101", "active", 2021, "004.txt"),
        (3, "district", "7102", "completed", 2021, "004.txt"),
        (5, "subdistrict", "710102", "active", 2020, "fake.txt"),
    ],
    columns=["programme_id", "level", "area_code", "status", "year", "source_file"],
).astype({"year": "Int64"}))
CLAIMS = pd.DataFrame(
    [
        # id, programme, measure, level, within_code, within_level, value, qualifier, kind, as_of
        (1, 3, "subdistricts", "subdistrict", "71", "province", 95.0, None, "actual",
         dt.date(2019, 6, 12)),
        (2, 4, "villages", "village", None, None, 900.0, None, "target", None),
        (3, 2, "economic_models", None, None, None, 6.0, "at_least", "target", None),
        (4, 1, "networks", None, "7101", "district", 3.0, None, "actual", None),
        (5, 1, "networks", None, "96", "province", 2.0, "about", "target", None),
    ],
    columns=["claim_id", "programme_id", "measure", "level", "within_code", "within_level",
             "value", "qualifier", "kind", "as_of"],
)
CLAIMS["within_name_th"] = CLAIMS["within_code"].map(NAMES["name_th"])
CLAIMS["within_name_en"] = CLAIMS["within_code"].map(NAMES["name_en"])
MENTIONS = pd.DataFrame({
    "programme_id": [4, 1],
    "name_as_written": ["ตำบลหนองแคน", "บ้าน<ไม่รู้จัก>"],
    "candidate_codes": ["450303 490404", ""],
})
PROVINCES = pd.DataFrame({
    "code": ["70", "71", "96", "45", "49"],
    "name_th": ["ราชบุรี", "กาญจนบุรี", "นราธิวาส", "ร้อยเอ็ด", "มุกดาหาร"],
    "name_en": ["Ratchaburi", "Kanchanaburi", "Narathiwat", "Roi Et", "Mukdahan"],
    "region_en": ["West", "West", "South", "Northeast", "Northeast"],
    "region_th": ["ภาคตะวันตก", "ภาคตะวันตก", "ภาคใต้", "ภาคตะวันออกเฉียงเหนือ",
                  "ภาคตะวันออกเฉียงเหนือ"],
})
REGIONS = ex.province_regions(PROVINCES)


# --- drilling down ----------------------------------------------------------------------

@pytest.mark.parametrize(("view", "clicked", "area", "selected", "drawn"), [
    # national provinces: a click opens the province's districts
    (View(), "71", "71", None, "district"),
    # national districts: the clicked district's province, still districts
    (View(level="district"), "7101", "71", None, "district"),
    # national tambons: the clicked tambon's province, with its tambons
    (View(level="subdistrict"), "710101", "71", None, "subdistrict"),
    # a province's districts: the district's tambons
    (View(area="71"), "7102", "7102", None, "subdistrict"),
    (View(level="district", area="71"), "7101", "7101", None, "subdistrict"),
    # a province's tambons: the tambon's district, still tambons
    (View(level="subdistrict", area="71"), "710201", "7102", None, "subdistrict"),
    # a district's tambons: the deepest step selects the tambon ...
    (View(area="7101"), "710102", "7101", "710102", "subdistrict"),
    # ... and clicking it again unselects it
    (View(area="7101", selected="710102"), "710102", "7101", None, "subdistrict"),
    (View(area="7101", selected="710101"), "710102", "7101", "710102", "subdistrict"),
    # outside the drilled area or on no area: nothing changes
    (View(area="71"), "7001", "71", None, "district"),
    (View(area="7101", selected="710101"), None, "7101", "710101", "subdistrict"),
])
def test_after_click(view, clicked, area, selected, drawn):
    after = ex.after_click(view, clicked)
    assert (after.area, after.selected, drawn_level(after)) == (area, selected, drawn)
    assert after.level == view.level and after.filters == view.filters


@pytest.mark.parametrize(("view", "up_to", "area"), [
    (View(area="7101"), "71", "71"),
    (View(area="7101", selected="710101"), None, None),
    (View(area="71"), None, None),
])
def test_go_up_clears_selection(view, up_to, area):
    after = ex.go_up(view, up_to)
    assert (after.area, after.selected) == (area, None)


@pytest.mark.parametrize(("area", "lang", "expected"), [
    (None, "th", [(None, "ประเทศไทย")]),
    (None, "en", [(None, "Thailand")]),
    ("71", "th", [(None, "ประเทศไทย"), ("71", "กาญจนบุรี")]),
    ("7101", "th", [(None, "ประเทศไทย"), ("71", "กาญจนบุรี"), ("7101", "เมืองกาญจนบุรี")]),
    ("7101", "en", [(None, "Thailand"), ("71", "Kanchanaburi"),
                    ("7101", "Mueang Kanchanaburi")]),
    ("9605", "en", [(None, "Thailand"), ("96", "Narathiwat"), ("9605", "Ra-Ngae")]),
])
def test_breadcrumb(area, lang, expected):
    assert ex.breadcrumb(area, NAMES, lang) == expected


@pytest.mark.parametrize(("level", "area", "expected"), [
    ("province", None, ["70", "71", "96", "45", "49"]),
    ("district", "71", ["7101", "7102"]),
    ("subdistrict", "71", ["710101", "710102", "710201"]),
    ("subdistrict", "7101", ["710101", "710102"]),
    ("subdistrict", "9605", ["960510"]),
    ("subdistrict", None, ["700101", "710101", "710102", "710201", "960510", "450303",
                           "490404"]),
])
def test_visible_codes(level, area, expected):
    assert ex.visible_codes(NAMES, level, area) == expected


# --- figures and tooltips ---------------------------------------------------------------

@pytest.mark.parametrize(("level", "area", "expected"), [
    ("province", None, {"70": 1, "71": 3, "96": 1}),
    ("district", None, {"7101": 2, "7102": 1, "9605": 1}),
    ("district", "71", {"7101": 2, "7102": 1}),
    ("subdistrict", "71", {"710101": 1, "710102": 1}),
    ("subdistrict", "7102", {}),
    ("subdistrict", None, {"710101": 1, "710102": 1, "960510": 1}),
])
def test_figures_per_level(level, area, expected):
    figures = area_figures(COVERAGE, level, within=area)
    assert dict(zip(figures["code"], figures["programmes"], strict=True)) == expected


@pytest.mark.parametrize(("level", "codes", "lang", "expected"), [
    ("province", ["71"], "th", {}),
    ("district", ["7101", "7102", "9605", "7001"], "th", {
        "7101": ["ทั้งจังหวัดกาญจนบุรี: 2 โครงการ"],
        "7102": ["ทั้งจังหวัดกาญจนบุรี: 2 โครงการ"],
        "7001": ["ทั้งจังหวัดราชบุรี: 1 โครงการ"],
    }),
    ("subdistrict", ["710201", "960510"], "en", {
        # the district-wide row (7102) and the province-wide rows (71), each told apart
        "710201": ["Kanchanaburi, whole province: 2 programmes",
                   "Sai Yok, whole district: 1 programme"],
    }),
])
def test_wider_lines(level, codes, lang, expected):
    assert ex.wider_lines(COVERAGE, level, codes, NAMES, lang) == expected


def test_wider_summary_names_the_programmes_covering_the_drilled_province():
    sentences = ex.wider_summary(COVERAGE, "subdistrict", "7102", PROGRAMMES, NAMES, "th")
    assert sentences == [
        "ทั้งจังหวัดกาญจนบุรีเป็นพื้นที่ของ 2 โครงการ (เอกสารไม่ได้ระบุรายตำบล): กาญจน์; ตะวันตก",
        "ทั้งอำเภอไทรโยคเป็นพื้นที่ของ 1 โครงการ (เอกสารไม่ได้ระบุรายตำบล): กาญจน์",
    ]
    assert ex.wider_summary(COVERAGE, "province", None, PROGRAMMES, NAMES, "th") == []


# --- the table of areas -----------------------------------------------------------------

@pytest.mark.parametrize(("level", "area", "expected"), [
    # (code, scope, programme count)
    ("province", None, [("70", "จังหวัด", 1), ("71", "จังหวัด", 3), ("96", "จังหวัด", 1)]),
    ("district", "71", [("71", "ทั้งจังหวัด", 2), ("7101", "อำเภอ", 2),
                        ("7102", "อำเภอ", 1)]),
    ("subdistrict", "71", [("71", "ทั้งจังหวัด", 2), ("710101", "ตำบล", 1),
                           ("710102", "ตำบล", 1), ("7102", "ทั้งอำเภอ", 1)]),
    ("subdistrict", "7102", [("71", "ทั้งจังหวัด", 2), ("7102", "ทั้งอำเภอ", 1)]),
    ("subdistrict", "7101", [("71", "ทั้งจังหวัด", 2), ("710101", "ตำบล", 1),
                             ("710102", "ตำบล", 1)]),
    ("subdistrict", "9605", [("960510", "ตำบล", 1)]),
    ("subdistrict", "7001", [("70", "ทั้งจังหวัด", 1)]),
    ("district", "45", []),
])
def test_table_rows(level, area, expected):
    table = ex.area_rows(COVERAGE, PROGRAMMES, NAMES, level, area, "th")
    assert list(table.columns) == list(ex.TABLE_COLUMNS)
    rows = list(zip(table["code"], table["scope"], table["programme_count"], strict=True))
    assert rows == expected


def test_table_row_details_in_thai_and_english():
    thai = ex.area_rows(COVERAGE, PROGRAMMES, NAMES, "subdistrict", "7101", "th")
    row = thai.set_index("code").loc["710101"]
    assert (row["name_th"], row["name_en"]) == ("บ้านเหนือ", "Ban Nuea")
    assert (row["district"], row["province"]) == ("เมืองกาญจนบุรี", "กาญจนบุรี")
    assert row["programmes"] == "กาญจน์"
    assert row["statuses"] == "กำลังดำเนินการ"
    assert row["years"] == "2562–2564"  # 2019, 2020 and the village row's 2021, in BE
    assert row["sources"] == t("src_untitled", "th")  # COVERAGE names no document details
    assert row["source_files"] == "004.txt"
    synthetic = thai.set_index("code").loc["710102"]
    assert synthetic["programmes"] == "[ข้อมูลสังเคราะห์] สมมุติ"
    english = ex.area_rows(COVERAGE, PROGRAMMES, NAMES, "subdistrict", "7101", "en")
    whole = english.set_index("code").loc["71"]
    assert (whole["scope"], whole["district"], whole["province"]) == ("whole province", "", "")
    assert whole["programmes"] == "Kan; West"
    assert whole["statuses"] == "Planned"
    assert whole["years"] == "2558, 2562"
    assert whole["source_files"] == "000.txt 004.txt"
    # a missing English name falls back to the Thai one
    tambons = ex.area_rows(COVERAGE, PROGRAMMES, NAMES, "subdistrict", None, "en")
    assert tambons.set_index("code").loc["960510", "years"] == ""


def test_table_names_sources_by_title_and_keeps_file_names_for_exports():
    titled = COVERAGE.assign(
        source_title=COVERAGE["source_file"].map({"004.txt": "บันทึกข้อตกลง กาญจนบุรี"}),
        source_publisher=COVERAGE["source_file"].map({"004.txt": "พอช."}),
        source_published=COVERAGE["source_file"].map({"004.txt": "2019-06"}))
    table = ex.area_rows(titled, PROGRAMMES, NAMES, "subdistrict", "7101", "en")
    row = table.set_index("code").loc["710101"]
    assert row["sources"] == "“บันทึกข้อตกลง กาญจนบุรี” · พอช. · Jun 2562 BE"
    shown = ex.localised(table, "en")
    assert not shown.astype(str).apply(lambda c: c.str.contains(r"\.txt")).any().any()
    exported = ex.localised(table, "en", exported=True)
    assert exported.set_index("Area code").loc["71", "Document identifiers"] == "000.txt 004.txt"


def test_table_of_no_rows_keeps_its_columns():
    table = ex.area_rows(COVERAGE.iloc[:0], PROGRAMMES, NAMES, "province", None, "th")
    assert table.empty and list(table.columns) == list(ex.TABLE_COLUMNS)
    assert list(ex.localised(table, "en").columns)[:2] == ["Area code", "Level"]


def random_coverage(seed: int, size: int, programmes: int) -> tuple[np.random.Generator,
                                                                  pd.DataFrame]:
    """`size` coverage rows of programmes 1 … programmes - 1, each on a random tambon of
    NAMES at a random level (its province, district, the tambon or a village of it); the
    generator, to draw more columns from."""
    rng = np.random.default_rng(seed)
    tambons = NAMES.loc[NAMES["level"] == "subdistrict", "code"].to_numpy()
    levels = rng.choice(["province", "district", "subdistrict", "village"], size)
    tambon = rng.choice(tambons, size)
    area = np.where(levels == "province", [c[:2] for c in tambon],
                    np.where(levels == "district", [c[:4] for c in tambon], tambon))
    return rng, pd.DataFrame({"programme_id": rng.integers(1, programmes, size),
                              "level": levels, "area_code": area})


def test_table_counts_match_a_row_by_row_count_on_many_rows():
    rng, rows = random_coverage(7, 20_000, 6)
    size = len(rows)
    coverage = with_level_codes(rows.assign(
        status=rng.choice(["planned", "active"], size),
        year=pd.array(rng.integers(2015, 2024, size), dtype="Int64"),
        source_file="x.txt",
    ))
    table = ex.area_rows(coverage, PROGRAMMES, NAMES, "district", None, "th")
    expected: dict[str, set[int]] = {}
    for pid, level, code in zip(rows["programme_id"], rows["level"], rows["area_code"],
                                strict=True):
        key = code if level == "province" else code[:4]
        expected.setdefault(key, set()).add(int(pid))
    assert dict(zip(table["code"], table["programme_count"], strict=True)) == {
        key: len(ids) for key, ids in sorted(expected.items())}


@pytest.mark.parametrize(("years", "text"), [
    ([2558], "2558"),
    ([2560, 2558, 2559], "2558–2560"),
    ([2558, 2560, 2561, 2564], "2558, 2560–2561, 2564"),
    ([], ""),
])
def test_year_spans(years, text):
    assert ex.year_spans(years) == text


# --- counted claims and unresolved places -----------------------------------------------

@pytest.mark.parametrize(("area", "filters", "expected_ids"), [
    (None, Filters(), [1, 2, 3, 4, 5]),
    ("71", Filters(), [1, 4]),  # the province's own count and one inside it
    ("7101", Filters(), [1, 4]),  # a count for the whole province still concerns it
    ("7102", Filters(), [1]),
    ("96", Filters(), [5]),
    ("9605", Filters(), [5]),
    ("70", Filters(), []),
    (None, Filters(provinces=("71",)), [1, 4]),
    (None, Filters(regions=("South",)), [5]),
    (None, Filters(regions=("West",), provinces=("96",)), []),
])
def test_claims_listed_for_an_area(area, filters, expected_ids):
    allowed = F.allowed_provinces(filters, REGIONS)
    claims = ex.relevant_claims(CLAIMS, PROGRAMMES["programme_id"], area, allowed)
    assert claims["claim_id"].tolist() == expected_ids


def test_claims_only_of_chosen_programmes():
    assert ex.relevant_claims(CLAIMS, [3], None, None)["claim_id"].tolist() == [1]
    assert ex.relevant_claims(CLAIMS, [], None, None).empty


@pytest.mark.parametrize(("claim_id", "lang", "text"), [
    (1, "th", "95 ตำบล ในจังหวัดกาญจนบุรี — ผลที่รายงาน ณ 12 มิ.ย. 2562 · กาญจน์"),
    (1, "en", "95 tambons in Kanchanaburi — reported as of 12 Jun 2562 BE · Kan"),
    (2, "th", "900 หมู่บ้าน ทั่วประเทศ — เป้าหมาย · สี่หน่วยงาน"),
    (3, "en", "at least 6 economic models nationwide — target · Narathiwat"),
    (4, "th", "3 เครือข่าย ในอำเภอเมืองกาญจนบุรี — ผลที่รายงาน · ตะวันตก"),
    (5, "en", "about 2 networks in Narathiwat — target · West"),
])
def test_claim_text(claim_id, lang, text):
    claim = CLAIMS.set_index("claim_id").loc[claim_id].to_dict()
    titles = ex.programme_titles(PROGRAMMES, lang)
    assert ex.claim_text(claim, lang, titles[claim["programme_id"]]) == text


@pytest.mark.parametrize(("area", "filters", "expected"), [
    (None, Filters(), ["ตำบลหนองแคน", "บ้าน<ไม่รู้จัก>"]),
    ("45", Filters(), ["ตำบลหนองแคน"]),
    ("4904", Filters(), ["ตำบลหนองแคน"]),
    ("71", Filters(), []),
    (None, Filters(provinces=("49",)), ["ตำบลหนองแคน"]),
    (None, Filters(regions=("West",)), []),
])
def test_unresolved_places_in_view(area, filters, expected):
    allowed = F.allowed_provinces(filters, REGIONS)
    mentions = ex.unresolved_mentions(MENTIONS, [1, 4], area, allowed)
    assert mentions["name_as_written"].tolist() == expected


@pytest.mark.parametrize(("index", "lang", "text"), [
    (0, "th", "“ตำบลหนองแคน” อาจเป็น หนองแคน (อ.ปทุมรัตต์ จ.ร้อยเอ็ด, 450303) หรือ "
              "หนองแคน (อ.ดงหลวง จ.มุกดาหาร, 490404) · T"),
    (0, "en", "“ตำบลหนองแคน” could be Nong Khaen (Pathum Rat, Roi Et, 450303) or "
              "Nong Khaen (Dong Luang, Mukdahan, 490404) · T"),
    (1, "en", "“บ้าน<ไม่รู้จัก>” not found in the gazetteer · T"),
])
def test_mention_text(index, lang, text):
    assert ex.mention_text(MENTIONS.iloc[index].to_dict(), NAMES, lang, "T") == text


# --- filter options and links -----------------------------------------------------------

def test_filter_options_in_each_language():
    thai = F.options(PROGRAMMES, PARTNERS, COVERAGE, PROVINCES, "th")
    english = F.options(PROGRAMMES, PARTNERS, COVERAGE, PROVINCES, "en")
    assert thai["programme"]["kan"] == "กาญจน์"
    assert english["programme"]["kan"] == "Kan"
    assert english["programme"]["fake"] == "[synthetic] สมมุติ"  # no English title
    assert thai["theme"]["resilience"] == "ชุมชนรู้รับปรับตัว"
    assert english["theme"]["community_happiness"] == "Community happiness"
    # The sources' Thai abbreviations stay out of English; a Thai-only name stays.
    assert english["partner"] == {"codi": "CODI", "kru": "Kanchanaburi Rajabhat University",
                                  "thaihealth": "สสส."}
    assert list(english["region"]) == ["Northeast", "West", "South"]
    assert thai["region"]["South"] == "ภาคใต้"
    assert english["province"]["96"] == "Narathiwat" and thai["province"]["96"] == "นราธิวาส"
    assert english["status"] == {"active": "Active", "completed": "Completed",
                                 "planned": "Planned"}
    assert ex.year_bounds(COVERAGE) == (2015, 2021)
    assert ex.year_bounds(COVERAGE.iloc[2:3]) is None


OPTIONS = F.options(PROGRAMMES, PARTNERS, COVERAGE, PROVINCES, "th")


@pytest.mark.parametrize(("view", "expected"), [
    (View(filters=Filters(programmes=("kan", "gone"))), View(filters=Filters(programmes=("kan",)))),
    (View(filters=Filters(partners=("nobody",), provinces=("71", "99"))),
     View(filters=Filters(provinces=("71",)))),
    (View(filters=Filters(regions=("Atlantis", "South"), statuses=("lost",))),
     View(filters=Filters(regions=("South",)))),
    (View(filters=Filters(years=(2015, 2021))), View()),  # every year = no year filter
    (View(filters=Filters(years=(2000, 2030))), View()),
    (View(filters=Filters(years=(2010, 2019))), View(filters=Filters(years=(2015, 2019)))),
    (View(filters=Filters(years=(2030, 2040))), View(filters=Filters(years=(2021, 2021)))),
    (View(filters=Filters(years=(1990, 2000))), View(filters=Filters(years=(2015, 2015)))),
    (View(area="99"), View()),
    (View(area="7101", selected="719999"), View(area="7101")),
    (View(area="7101", selected="710101"), View(area="7101", selected="710101")),
])
def test_known_only(view, expected):
    assert ex.known_only(view, OPTIONS, (2015, 2021), NAMES.index) == expected


@pytest.mark.parametrize(("code", "level", "lang", "expected"), [
    ("710101", "subdistrict", "th",
     "บ้านเหนือ / Ban Nuea (710101)\nจำนวนโครงการ: 1\nกาญจน์\nปี (พ.ศ.): 2562–2564\n"
     "ทั้งจังหวัดกาญจนบุรี: 2 โครงการ"),
    ("710201", "subdistrict", "en",
     "ลุ่มสุ่ม / ลุ่มสุ่ม (710201)\nNo data\nKanchanaburi, whole province: 2 programmes\n"
     "Sai Yok, whole district: 1 programme"),
    ("960510", "subdistrict", "en",
     "มะรือโบตก / Marue Bo Tok (960510)\nProgrammes: 1\nNarathiwat"),
])
def test_selected_area_lines(code, level, lang, expected):
    rows = ex.area_rows(COVERAGE, PROGRAMMES, NAMES, level, code[:4], lang)
    assert ex.selected_lines(code, rows, COVERAGE, level, NAMES, lang) == expected


@pytest.mark.parametrize("level", ["province", "district", "subdistrict"])
def test_wider_programmes_match_a_row_by_row_count(level):
    coverage = with_level_codes(random_coverage(11, 5_000, 9)[1])
    depth = ["province", "district", "subdistrict", "village"].index
    expected: dict[str, set[int]] = {}
    for row in coverage.itertuples():
        if depth(row.level) < depth(level):
            expected.setdefault(row.area_code, set()).add(int(row.programme_id))
    assert wider_programmes(coverage, level) == {c: sorted(ids) for c, ids in expected.items()}


@pytest.mark.parametrize(("text", "shown"), [
    ("กาญจนบุรี", "กาญจนบุรี"),
    ("Ra-Ngae", "Ra\\-Ngae"),
    ("![x](http://evil.example/p.png)", "\\!\\[x\\]\\(http\\://evil\\.example/p\\.png\\)"),
    ("[click](javascript:alert(1))", "\\[click\\]\\(javascript\\:alert\\(1\\)\\)"),
    ("**bold** _it_ `code` ~~s~~", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~"),
    (":red[alarm] $x^2$", "\\:red\\[alarm\\] \\$x^2\\$"),
    ("<script>alert(1)</script>", "\\<script\\>alert\\(1\\)\\</script\\>"),
    ("# heading\n- item", "\\# heading \\- item"),
    ("back\\slash", "back\\\\slash"),
])
def test_markdown_text_makes_names_literal(text, shown):
    assert markdown_line(text) == shown


def test_the_shown_rows_are_the_most_covered_and_the_same_as_in_the_whole_table():
    whole = ex.area_rows(COVERAGE, PROGRAMMES, NAMES, "subdistrict", None, "en")
    codes, total = ex.most_covered_codes(COVERAGE, "subdistrict", None, limit=2)
    assert total == len(whole) > 2
    ranked = whole.sort_values("programme_count", ascending=False, kind="stable")
    assert codes == ranked["code"].head(2).tolist()
    part = ex.area_rows(COVERAGE, PROGRAMMES, NAMES, "subdistrict", None, "en", only=codes)
    pd.testing.assert_frame_equal(
        part.reset_index(drop=True),
        whole[whole["code"].isin(codes)].reset_index(drop=True))
    assert ex.most_covered(part, "programme_count")["code"].tolist() == codes


# --- what the map draws and zooms to ----------------------------------------------------

@pytest.mark.parametrize(("level", "area", "allowed", "codes", "focus", "fit_key", "whole"), [
    # no place filter: the whole country, fitted as a whole
    ("province", None, None, ["70", "71", "96", "45", "49"], None, "TH", True),
    # a chosen province: every province drawn as context, the view zoomed to it
    ("province", None, {"71"}, ["70", "71", "96", "45", "49"], ["71"], "P:71", True),
    # tambons of a chosen province: only that province's tambons drawn
    ("subdistrict", None, {"71"}, ["710101", "710102", "710201"], None, "P:71", False),
    ("district", None, {"71", "96"}, ["7101", "7102", "9605"], None, "P:71,96", False),
    # drilled in: the area's children, whatever the filter
    ("subdistrict", "7101", {"71"}, ["710101", "710102"], None, "7101", False),
])
def test_map_extent_follows_the_place_filters(level, area, allowed, codes, focus, fit_key,
                                              whole):
    extent = ex.map_extent(NAMES, level, area, allowed)
    assert (extent.codes, extent.focus, extent.fit_key, extent.whole_country) == (
        codes, focus, fit_key, whole)


def test_areas_inside_a_whole_covered_province_get_their_own_colour_and_legend():
    """Drilled into a province covered as a whole, its districts are not "no data"."""
    from geo.maps import NO_DATA_COLOUR
    from views.classes import classify
    from views.maps import PARENT_COVERED_COLOUR, with_parent_covered

    classes = classify({"7101": 2}, "Programmes", no_data_label="No data")
    wider = ex.wider_lines(COVERAGE, "district", ["7101", "7102"], NAMES, "en")
    marked = with_parent_covered(classes, set(wider) - set(classes.fills),
                                 "Within an area covered as a whole")
    assert marked.fills["7102"] == PARENT_COVERED_COLOUR
    assert marked.fills["7101"] == classes.fills["7101"]
    assert marked.legend.entries[-2:] == [
        (PARENT_COVERED_COLOUR, "Within an area covered as a whole"), (NO_DATA_COLOUR, "No data")]


@pytest.mark.parametrize(("values", "distinct"), [
    ({"70": 1, "71": 1, "96": 2}, 2), ({"70": 0, "71": 3}, 1), ({}, 0),
    ({str(n): n for n in range(1, 9)}, 8)])
def test_distinct_values_say_when_classes_cannot_differ(values, distinct):
    from views.classes import distinct_values

    assert distinct_values(pd.Series(values, dtype=float)) == distinct


def test_the_export_names_the_filters_in_words():
    options = F.options(PROGRAMMES, PARTNERS, COVERAGE, pd.DataFrame({
        "code": ["71", "70"], "name_th": ["กาญจนบุรี", "ราชบุรี"],
        "name_en": ["Kanchanaburi", "Ratchaburi"], "region_en": ["West", "West"],
        "region_th": ["ภาคตะวันตก", "ภาคตะวันตก"]}), "en")
    view = View(filters=Filters(provinces=("71",), partners=("codi",), years=(2015, 2019)),
                level="subdistrict", area="7101")
    words = ex.view_in_words(view, options, NAMES, "en")
    assert words["Province"] == "Kanchanaburi"
    assert words["Partner"].startswith("CODI")
    assert words["Programme"] == "All" and words["Region"] == "All"
    assert words["Years (BE)"] == "2558–2562"
    assert words["Area level"] == "Tambon"
    assert words["Area drilled into"] == "Thailand › Kanchanaburi › Mueang Kanchanaburi"
    assert not any("=" in value or "&" in value for value in words.values())
