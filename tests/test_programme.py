"""views.programme over the real seeded registry: map plans, dates, claims, places, sources."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from geo import area_table, load_boundaries
from geo.gazetteer import areas as gazetteer_areas
from geo.maps import NO_DATA_COLOUR
from geo.payload import EncodedShapes
from registry import queries
from registry.seed import normalise_quote
from tests.map_script import read_ints
from views import programme as P
from views.coverage import with_level_codes
from views.maps import coverage_layer

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
WESTERN = "western-happy-community-mou"
NARATHIWAT = "narathiwat-resilient-communities-mou"
FOUR_AGENCY = "four-agency-strong-community-mou"
AYUTTHAYA = "ayutthaya-moral-province-2564"
KANCHANABURI = "kanchanaburi-community-organisations-mou"
SLUGS = [WESTERN, NARATHIWAT, FOUR_AGENCY, AYUTTHAYA, KANCHANABURI]


@pytest.fixture(scope="module")
def names() -> pd.DataFrame:
    return area_table(load_boundaries())


@pytest.fixture
def registry(seeded_engine) -> dict[str, pd.DataFrame]:
    return {
        "programmes": queries.programmes(seeded_engine),
        "partners": queries.partners(seeded_engine),
        "coverage": with_level_codes(queries.coverage(seeded_engine)),
        "claims": queries.claims(seeded_engine),
        "place_mentions": queries.place_mentions(seeded_engine),
    }


def _of(registry, table: str, slug: str) -> pd.DataFrame:
    frame = registry[table]
    pid = registry["programmes"].set_index("slug").loc[slug, "programme_id"]
    return frame[frame["programme_id"] == pid]


def _programme(registry, slug: str) -> pd.Series:
    return registry["programmes"].set_index("slug", drop=False).loc[slug]


# --- the map plan of each seed programme -------------------------------------------------

WESTERN_SEVEN = {"70", "71", "73", "74", "75", "76", "77"}


@pytest.mark.parametrize(("slug", "level", "coloured", "national"), [
    (WESTERN, "province", WESTERN_SEVEN, False),
    (AYUTTHAYA, "province", {"14"}, False),
    (KANCHANABURI, "province", {"71"}, False),
    (NARATHIWAT, "subdistrict", {"960510"}, False),
    (FOUR_AGENCY, "province", set(), True),
])
def test_seed_programme_map_plans(registry, names, slug, level, coloured, national):
    plan = P.map_plan(_of(registry, "coverage", slug), names)
    assert plan.level == level
    assert set(plan.coloured) == coloured
    assert plan.national is national
    assert set(plan.selected) == coloured
    assert set(plan.coloured) <= set(plan.draw)


@pytest.mark.parametrize("slug", [WESTERN, AYUTTHAYA, KANCHANABURI])
def test_province_programmes_draw_the_country_and_zoom_to_their_provinces(registry, names,
                                                                          slug):
    plan = P.map_plan(_of(registry, "coverage", slug), names)
    assert len(plan.draw) == 77
    assert set(plan.focus) == set(plan.coloured)


def test_narathiwat_draws_ra_ngae_tambons_with_maruebo_tok_highlighted(registry, names):
    plan = P.map_plan(_of(registry, "coverage", NARATHIWAT), names)
    ra_ngae = set(names.loc[(names["level"] == "subdistrict")
                            & (names["parent_code"] == "9605"), "code"])
    assert set(plan.draw) == ra_ngae and "960510" in ra_ngae and len(ra_ngae) > 1
    assert set(plan.focus) == ra_ngae
    assert plan.selected == ("960510",)


def test_four_agency_is_the_national_picture_with_its_counts(registry, names):
    plan = P.map_plan(_of(registry, "coverage", FOUR_AGENCY), names)
    assert plan.figures == () and plan.selected == ()
    assert len(plan.draw) == len(plan.focus) == 77
    table = P.claim_table(_of(registry, "claims", FOUR_AGENCY), "en")
    by_measure = table.set_index("Measure")
    # The targets are model localities, named as the document names them.
    assert by_measure["Target"].to_dict() == {
        "model villages (model strong localities)": "900",
        "model tambons (model strong localities)": "90",
        "districts the model localities are spread over": "90",
        "provinces the model localities are spread over": "77"}
    assert set(by_measure["Note"]) == {"counted, areas not listed"}
    assert set(by_measure["Reported"]) == {"—"}


# --- the rule, on hand-made coverage ----------------------------------------------------

def _coverage(*rows: tuple[int, str, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["programme_id", "level", "area_code"])
    return with_level_codes(frame.astype({"area_code": "string"}))


@pytest.mark.parametrize(("rows", "level", "coloured", "parents"), [
    # a province-wide row keeps the map at provinces
    ([(1, "province", "71"), (1, "subdistrict", "960510")], "province", {"71", "96"}, None),
    # tambons in two provinces: provinces, never a guess at one district
    ([(1, "subdistrict", "960510"), (1, "subdistrict", "710101")], "province",
     {"96", "71"}, None),
    # districts of one province: that province's districts
    ([(1, "district", "9605"), (1, "district", "9601")], "district", {"9605", "9601"},
     {"96"}),
    # a district row beside one of its tambons: districts (the coarser level)
    ([(1, "district", "9605"), (1, "subdistrict", "960510")], "district", {"9605"}, {"96"}),
    # tambons of two districts of one province: the tambons of both districts
    ([(1, "subdistrict", "960510"), (1, "subdistrict", "960101")], "subdistrict",
     {"960510", "960101"}, {"9605", "9601"}),
    # a village is drawn as its tambon
    ([(1, "village", "960510")], "subdistrict", {"960510"}, {"9605"}),
    # several programmes in one tambon still colour it once, with their number
    ([(1, "subdistrict", "960510"), (2, "subdistrict", "960510")], "subdistrict",
     {"960510"}, {"9605"}),
])
def test_map_plan_rule(names, rows, level, coloured, parents):
    plan = P.map_plan(_coverage(*rows), names)
    assert plan.level == level and set(plan.coloured) == coloured
    assert not plan.national
    layer = names[names["level"] == level]
    if parents is None:
        assert set(plan.draw) == set(layer["code"]) and set(plan.focus) == coloured
    else:
        assert set(plan.draw) == set(layer.loc[layer["parent_code"].isin(parents), "code"])
        assert set(plan.focus) == set(plan.draw)


def test_map_plan_counts_programmes_per_area(names):
    plan = P.map_plan(_coverage((1, "subdistrict", "960510"), (2, "subdistrict", "960510"),
                                (2, "subdistrict", "960501")), names)
    assert dict(plan.figures) == {"960510": 2, "960501": 1}


def test_no_coverage_is_national_with_nothing_coloured(names):
    plan = P.map_plan(_coverage(), names)
    assert plan.national and plan.coloured == () and len(plan.draw) == 77


def test_national_plan_colours_provinces_by_programme_count(registry, names):
    plan = P.national_plan(registry["coverage"], names)
    figures = dict(plan.figures)
    assert set(figures) == WESTERN_SEVEN | {"14", "96"}
    assert figures["71"] == 2  # western MOU and Kanchanaburi
    assert figures["96"] == 1 and plan.selected == ()


def test_fit_to_keeps_every_shape_but_fits_to_the_focus():
    bounds = pd.DataFrame({"minx": [0.0, 10.0], "miny": [0.0, 10.0], "maxx": [1.0, 11.0],
                           "maxy": [1.0, 11.0]}, index=pd.Index(["70", "10"], name="code"))
    shapes = EncodedShapes(1e-4, pd.Series(["a", "b"], index=bounds.index), bounds)
    fitted = P.fit_to(shapes, ("70",))
    assert fitted.text() == shapes.text()
    assert fitted.total_bounds() == [[0.0, 0.0], [1.0, 1.0]]
    assert P.fit_to(shapes, ("99",)).total_bounds() == shapes.total_bounds()


@pytest.mark.parametrize("palette", ["blue", "contrast"])
@pytest.mark.parametrize("slug", SLUGS)
def test_exported_fills_are_the_web_map_fills(registry, names, slug, palette):
    """The one-pager takes plan_classes; the web map takes coverage_layer: same colours."""
    plan = P.map_plan(_of(registry, "coverage", slug), names)
    codes = pd.Index(plan.draw, name="code")
    shapes = EncodedShapes(1e-4, pd.Series(
        ["A"] * len(codes), index=codes), pd.DataFrame(
        0.0, index=codes, columns=["minx", "miny", "maxx", "maxy"]))
    layer = coverage_layer(shapes, plan.figure_frame(), names[names["level"] == plan.level],
                           "th", palette=palette, selected=plan.selected)
    script = next(iter(layer._children.values())).expression
    config = json.loads(re.search(r"var config = (\{.*?\});\n", script).group(1))
    colours, fill_of = config["palette"], read_ints(config["fillOf"])
    web_fills = {code: colours[index] for code, index in zip(codes, fill_of, strict=True)}
    exported = P.plan_classes(plan, "th", palette).fills
    assert web_fills == {code: exported.get(code, NO_DATA_COLOUR) for code in codes}
    assert {code for code, colour in web_fills.items() if colour != NO_DATA_COLOUR} == \
        set(plan.coloured)


# --- facts ------------------------------------------------------------------------------

NOT_STATED = {"th": "ไม่ระบุในแหล่งข้อมูล", "en": "not stated in the source"}


@pytest.mark.parametrize(("slug", "lang", "signed", "period"), [
    (WESTERN, "th", "17 พ.ย. 2558", NOT_STATED["th"]),
    (WESTERN, "en", "17 Nov 2558 BE", NOT_STATED["en"]),
    # The document gives months for the period: no invented first or last day.
    (KANCHANABURI, "th", "12 มิ.ย. 2562", "มิ.ย. 2562 – พ.ค. 2567"),
    (KANCHANABURI, "en", "12 Jun 2562 BE", "Jun 2562 – May 2567 BE"),
    (NARATHIWAT, "th", NOT_STATED["th"], NOT_STATED["th"]),
    # Signed at the two-day forum; the period is given only as its longest length.
    (FOUR_AGENCY, "en", "7–8 Sep 2559 BE", "at most 3 years"),
    (FOUR_AGENCY, "th", "7–8 ก.ย. 2559", "ไม่เกิน 3 ปี"),
    (AYUTTHAYA, "th", NOT_STATED["th"], NOT_STATED["th"]),
])
def test_dates_are_buddhist_era_or_not_stated(registry, slug, lang, signed, period):
    facts = dict(P.date_facts(_programme(registry, slug), lang))
    assert list(facts.values()) == [signed, period]


@pytest.mark.parametrize(("start", "end", "period"), [
    (dt.date(2019, 6, 1), None, "1 มิ.ย. 2562 – ไม่ระบุในแหล่งข้อมูล"),
    (None, dt.date(2024, 5, 31), "ไม่ระบุในแหล่งข้อมูล – 31 พ.ค. 2567"),
    (pd.Timestamp("2015-11-17"), pd.NaT, "17 พ.ย. 2558 – ไม่ระบุในแหล่งข้อมูล"),
    ("2015-11-17", float("nan"), "17 พ.ย. 2558 – ไม่ระบุในแหล่งข้อมูล"),
])
def test_half_known_periods_never_invent_the_other_end(start, end, period):
    programme = pd.Series({"signed_on": None, "start_on": start, "end_on": end})
    assert P.date_facts(programme, "th")[1][1] == period


def test_narathiwat_targets_keep_their_qualifiers(registry):
    table = P.claim_table(_of(registry, "claims", NARATHIWAT), "th")
    targets = set(table["เป้าหมาย"])
    assert {"ไม่น้อยกว่า 6", "ปีละ 1", "อย่างน้อยพื้นที่ละ 2"} <= targets
    reported = table.set_index("ตัวชี้วัด").loc["องค์กรปกครองส่วนท้องถิ่น", "ผลที่รายงาน"]
    assert reported == "9"


def test_target_and_actual_of_one_measure_share_a_row():
    claims = pd.DataFrame({
        "measure": ["villages", "villages", "networks"], "level": ["village", "village", None],
        "within_code": ["71", "71", None], "within_name_th": ["กาญจนบุรี", "กาญจนบุรี", None],
        "within_name_en": ["Kanchanaburi", "Kanchanaburi", None], "value": [100.0, 40.0, 3.0],
        "qualifier": [None, None, "at_least"], "kind": ["target", "actual", "target"],
        "as_of": [None, dt.date(2020, 1, 31), None],
        "indicator_id": [1, 1, 2], "period": [None, None, None],
    })
    table = P.claim_table(claims, "en")
    assert table.values.tolist() == [
        ["Villages", "Kanchanaburi (71)", "100", "40", "31 Jan 2563 BE", "—",
         "counted, areas not listed"],
        ["Networks", "no area named", "at least 3", "—", "—", "—", ""],
    ]


def test_figures_of_another_period_get_their_own_row_named_by_it():
    claims = pd.DataFrame({
        "measure": ["villages"] * 3, "level": ["village"] * 3, "within_code": [None] * 3,
        "within_name_th": [None] * 3, "within_name_en": [None] * 3, "value": [100.0, 40, 60],
        "qualifier": [None] * 3, "kind": ["target", "actual", "actual"],
        "as_of": [None, "2020-01", "2021"], "indicator_id": [1, 1, 1],
        "period": [None, None, "2021"]})
    table = P.claim_table(claims, "en")
    assert table.iloc[:, :5].values.tolist() == [
        ["Villages", "no area named", "100", "40", "Jan 2563 BE"],
        ["Villages (2564 BE)", "no area named", "—", "60", "2564 BE"]]


def test_kanchanaburi_95_tambons_are_a_count_not_areas(registry, names):
    table = P.claim_table(_of(registry, "claims", KANCHANABURI), "en")
    # Work that ran before the MOU: context, never reported as the programme's result.
    assert table.values.tolist() == [[
        "tambons where CODI's work already ran before the MOU", "Kanchanaburi (71)", "—", "—",
        "—", "95 (12 Jun 2562 BE)", "counted, areas not listed"]]
    plan = P.map_plan(_of(registry, "coverage", KANCHANABURI), names)
    assert plan.level == "province" and plan.coloured == ("71",)


@pytest.mark.parametrize(("slug", "lang", "expected"), [
    (WESTERN, "th", {("สมาคมนักสร้างสุขภาวะองค์กร (สมาคมนักสร้างสุขฯ)", "พัฒนาเครื่องมือ"),
                     ("มูลนิธิหัวใจอาสา", "ผู้ลงนาม"),
                     # a party to the MOU as well as the signing's host
                     ("สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน) (พอช.)", "ผู้ลงนาม"),
                     ("มหาวิทยาลัยมหามกุฏราชวิทยาลัย (มมร.)", "ผู้ลงนาม"),
                     ("ศูนย์คุณธรรม (องค์การมหาชน)", "ผู้ลงนาม"),
                     ("ขบวนองค์กรชุมชนภาคตะวันตก", "ผู้ลงนาม")}),
    (NARATHIWAT, "en", {("Thai Health Promotion Foundation", "Lead"),
                        ("Lower Southern Academic Support Centre for Network Management",
                         "Signatory"),
                        ("Maruebo Tok Subdistrict Municipality", "Implementing")}),
    (AYUTTHAYA, "en", {("Moral Promotion Center (Public Organization)", "Lead"),
                       ("Phra Nakhon Si Ayutthaya Provincial Cultural Office",
                        "Implementing"),
                       ("Rajamangala University of Technology Suvarnabhumi",
                        "Academic support")}),
])
def test_partners_and_roles(registry, slug, lang, expected):
    table = P.partner_table(_of(registry, "partners", slug), lang)
    assert set(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True)) == expected
    if any(role in ("Lead", "ผู้นำโครงการ") for _, role in expected):
        assert table.iloc[0, 1] in ("Lead", "ผู้นำโครงการ")


@pytest.mark.parametrize(("status", "lang", "label"), [
    ("signed", "th", "ลงนามแล้ว"), ("active", "en", "Active"),
    (None, "th", "ไม่ระบุในแหล่งข้อมูล"), (float("nan"), "en", "not stated in the source"),
])
def test_a_missing_status_is_not_stated(status, lang, label):
    assert P.stated("status", status, lang) == label


@pytest.mark.parametrize(("lang", "candidates"), [
    ("th", "450303 หนองแคน, ปทุมรัตต์, ร้อยเอ็ด; 490404 หนองแคน, ดงหลวง, มุกดาหาร"),
    ("en", "450303 Nong Khaen, Pathum Rat, Roi Et; 490404 Nong Khaen, Dong Luang, Mukdahan"),
])
def test_nong_khaen_is_unresolved_with_both_candidates(registry, names, lang, candidates):
    table = P.place_table(_of(registry, "place_mentions", FOUR_AGENCY), gazetteer_areas(), lang)
    assert table.iloc[0, 0] == "ตำบลหนองแคน"
    assert table.iloc[0, 1] == ("กำกวม (ตรงหลายพื้นที่)" if lang == "th"
                                else "Ambiguous (several areas)")
    assert table.iloc[0, 2] == candidates
    for slug in SLUGS:  # never coloured on any programme's map
        plan = P.map_plan(_of(registry, "coverage", slug), names)
        assert not {"450303", "490404", "45", "49", "4503", "4904"} & set(plan.coloured)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_cited_quote_is_in_its_source_document(registry, slug):
    quotes = P.citations("th", **{table: _of(registry, table, slug) for table in (
        "partners", "coverage", "claims", "place_mentions")})
    assert not quotes.empty
    for file_name, quote in zip(quotes["file"], quotes["quote"], strict=True):
        document = normalise_quote((SEEDS / file_name).read_text(encoding="utf-8"))
        assert normalise_quote(quote) in document, (file_name, quote)
    assert set(quotes["file"]) <= set(_programme(registry, slug)["source_files"].split())


def test_citation_facts_name_what_they_support(registry):
    quotes = P.citations("en", coverage=_of(registry, "coverage", WESTERN))
    assert len(quotes) == 7
    assert "Area: Kanchanaburi (71)" in set(quotes["fact"])


# --- KPIs -------------------------------------------------------------------------------

def test_programme_kpis_mark_listed_and_counted(registry):
    kpis = P.programme_kpis(_of(registry, "partners", KANCHANABURI),
                            _of(registry, "coverage", KANCHANABURI),
                            _of(registry, "claims", KANCHANABURI), "en")
    # The 95 tambons are context, not a key figure of this programme.
    assert [(k.label, k.value, k.note) for k in kpis] == [
        ("Partner organisations", "4", ""), ("Provinces", "1", "areas listed")]


def test_four_agency_kpis_are_targets_in_area_order(registry):
    kpis = P.programme_kpis(_of(registry, "partners", FOUR_AGENCY),
                            _of(registry, "coverage", FOUR_AGENCY),
                            _of(registry, "claims", FOUR_AGENCY), "th")
    assert [k.value for k in kpis] == ["4", "77", "90", "90", "900"]
    assert [k.label for k in kpis[1:]] == [
        "จังหวัดที่ท้องถิ่นต้นแบบกระจายตัว (เป้าหมาย)", "อำเภอที่ท้องถิ่นต้นแบบกระจายตัว (เป้าหมาย)",
        "ตำบลต้นแบบ (ท้องถิ่นต้นแบบเข้มแข็ง) (เป้าหมาย)",
        "หมู่บ้านต้นแบบ (ท้องถิ่นต้นแบบเข้มแข็ง) (เป้าหมาย)"]
    assert all(k.note == "นับจำนวน ไม่ระบุพื้นที่" for k in kpis[1:])


def test_national_kpis(registry):
    kpis = P.national_kpis(registry["programmes"], registry["partners"], registry["coverage"],
                           "en")
    assert len({k.label for k in kpis}) == len(kpis)  # every label says what it counts
    values = {(k.label, k.note): k.value for k in kpis}
    coverage = registry["coverage"]
    # Only what is known nationally: no one programme's count beside another's target.
    assert values == {
        ("Programmes", ""): str(len(registry["programmes"])),
        ("Partner organisations", ""): str(registry["partners"]["organisation_id"].nunique()),
        ("Provinces covered", "areas listed"): str(coverage["province_code"].nunique()),
        ("Tambons listed", "areas listed"): str(coverage["subdistrict_code"].nunique())}


# --- choosing and escaping --------------------------------------------------------------

@pytest.mark.parametrize(("requested", "allow_national", "chosen"), [
    (WESTERN, False, WESTERN),
    (None, False, SLUGS[0]),
    ("no-such-programme", False, SLUGS[0]),
    ("national", False, SLUGS[0]),
    ("national", True, "national"),
    (None, True, "national"),
    (NARATHIWAT, True, NARATHIWAT),
])
def test_chosen_slug(requested, allow_national, chosen):
    assert P.chosen_slug(requested, SLUGS, allow_national=allow_national) == chosen


@pytest.mark.parametrize(("text", "shown"), [
    ("[click](javascript:alert(1))", r"\[click\]\(javascript\:alert\(1\)\)"),
    ("<b>bold</b>", r"\<b\>bold\</b\>"),
    ("**x** _y_ `z` $e$ :red[r]", r"\*\*x\*\* \_y\_ \`z\` \$e\$ \:red\[r\]"),
    ("บันทึกข้อตกลง (MOU)", r"บันทึกข้อตกลง \(MOU\)"),
])
def test_markdown_is_escaped(text, shown):
    assert P.md(text) == shown


@pytest.mark.parametrize(("slug", "lang", "rows"), [
    # A source by its title and publisher (the document gives no date for either).
    (NARATHIWAT, "th", [["ตำบล", "960510", "มะรือโบตก", "วางแผน", "ไม่ระบุในแหล่งข้อมูล",
                         "“นราธิวาส-สสส.จับมือ อปท.ภาคีเครือข่าย 9 แห่ง ลงนาม(MOU)"
                         "เดินหน้าร่วมสร้างสุขชุมชนท้องถิ่นน่าอยู่ภายใต้โครงการร่วมพัฒนาและเสริมสร้าง"
                         "ความเข้มแข็งชุมชนท้องถิ่นสู่การรู้รับปรับตัว สร้างความเข้าใจแนวทางการตั้งรับ"
                         "และปรับตัวของชุมชนท้องถิ่น”"]]),
    (AYUTTHAYA, "en", [["Province", "14", "Phra Nakhon Si Ayutthaya", "Active", "2564",
                        "“ศูนย์คุณธรรม จับมือ สวธ.พระนครศรีอยุธยา และ มทร.สุวรรณภูมิ "
                        "หนุนงานวิชาการขับเคลื่อนกลไกเครือข่ายทางสังคมจังหวัดส่งเสริมคุณธรรม "
                        "ในพื้นที่จังหวัดพระนครศรีอยุธยา” · กลุ่มสื่อสารและรณรงค์ทางสังคม"]]),
])
def test_coverage_table_lists_areas_with_be_years(registry, slug, lang, rows):
    assert P.coverage_table(_of(registry, "coverage", slug), lang).values.tolist() == rows


def test_western_coverage_table_has_the_seven_provinces_in_be(registry):
    table = P.coverage_table(_of(registry, "coverage", WESTERN), "th")
    assert set(table["รหัส"]) == WESTERN_SEVEN
    assert set(table["ปี (พ.ศ.)"]) == {"2558"}
