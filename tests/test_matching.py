import pytest

from geo.gazetteer import areas
from loaders.matching import Gazetteer, default_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return default_gazetteer()


@pytest.fixture(scope="module")
def drawn_gazetteer():
    """Layers that lack two current codes, as the shared 2019 layers do."""
    table = areas()
    return Gazetteer(table, drawn_codes=set(table["code"]) - {"100910", "530407"})


# (what the row says, expected status, expected code)
CASES = [
    # seed 001: Maruebo Tok, Ra-ngae, Narathiwat
    (dict(subdistrict="มะรือโบตก", district="ระแงะ", province="นราธิวาส"), "matched", "960510"),
    (dict(subdistrict="ต.มะรือโบตก", district="อ.ระแงะ", province="จ.นราธิวาส"), "matched",
     "960510"),
    (dict(subdistrict="ตำบลมะรือโบตก", district="อำเภอระแงะ", province="จังหวัดนราธิวาส"),
     "matched", "960510"),
    (dict(subdistrict="เทศบาลตำบลมะรือโบตก"), "matched", "960510"),
    (dict(subdistrict="ทต.มะรือโบตก", province="นราธิวาส"), "matched", "960510"),
    (dict(subdistrict="Maruebo Tok", district="Ra-ngae", province="Narathiwat"), "matched",
     "960510"),
    (dict(subdistrict="maruebo tok", district="Rangae District"), "matched", "960510"),
    (dict(subdistrict="มะรือ โบตก"), "matched", "960510"),
    (dict(subdistrict="มะรือ\u200bโบตก"), "matched", "960510"),
    (dict(district="ระแงะ"), "matched", "9605"),
    (dict(district="อ.ระแงะ", province="นราธิวาส"), "matched", "9605"),
    (dict(subdistrict="ตันหยงมัส", district="ระแงะ"), "matched", "960501"),
    (dict(area="ตำบลมะรือโบตก อำเภอระแงะ จังหวัดนราธิวาส"), "matched", "960510"),
    (dict(province="นราธิวาส"), "matched", "96"),
    # seed 002: Nong Khaen alone fits two provinces
    (dict(subdistrict="หนองแคน"), "ambiguous", None),
    (dict(subdistrict="ต.หนองแคน"), "ambiguous", None),
    (dict(subdistrict="Nong Khaen"), "ambiguous", None),
    (dict(subdistrict="หนองแคน", province="ร้อยเอ็ด"), "matched", "450303"),
    (dict(subdistrict="หนองแคน", province="มุกดาหาร"), "matched", "490404"),
    (dict(subdistrict="หนองแคน", district="ดงหลวง"), "matched", "490404"),
    (dict(subdistrict="หนองแคน", district="ปทุมรัตต์"), "matched", "450303"),
    (dict(area="ต.หนองแคน อ.ปทุมรัตต์ จ.ร้อยเอ็ด"), "matched", "450303"),
    (dict(subdistrict="หนองแคน", province="นราธิวาส"), "unknown", None),
    # seed 000: the seven western provinces
    (dict(province="นครปฐม"), "matched", "73"),
    (dict(province="กาญจนบุรี"), "matched", "71"),
    (dict(province="ราชบุรี"), "matched", "70"),
    (dict(province="สมุทรสาคร"), "matched", "74"),
    (dict(province="สมุทรสงคราม"), "matched", "75"),
    (dict(province="เพชรบุรี"), "matched", "76"),
    (dict(province="ประจวบคีรีขันธ์"), "matched", "77"),
    (dict(province="จ.ประจวบฯ"), "matched", "77"),
    (dict(province="ประจวบ"), "matched", "77"),
    (dict(province="Nakhon Pathom"), "matched", "73"),
    (dict(province="Nakorn Pathom"), "matched", "73"),
    (dict(province="Kanchanaburi"), "matched", "71"),
    (dict(province="Ratchaburi"), "matched", "70"),
    (dict(province="Rajaburi"), "matched", "70"),
    (dict(province="Samut Sakhon"), "matched", "74"),
    (dict(province="Samutsakorn"), "matched", "74"),
    (dict(province="Samut Songkhram"), "matched", "75"),
    (dict(province="Samut Songkram"), "matched", "75"),
    (dict(province="Phetchaburi"), "matched", "76"),
    (dict(province="Petchaburi"), "matched", "76"),
    (dict(province="Prachuap Khiri Khan"), "matched", "77"),
    (dict(province="Prachuab Khirikhan"), "matched", "77"),
    # seed 003: Ayutthaya
    (dict(province="พระนครศรีอยุธยา"), "matched", "14"),
    (dict(province="จ.พระนครศรีอยุธยา"), "matched", "14"),
    (dict(province="อยุธยา"), "matched", "14"),
    (dict(province="Ayutthaya"), "matched", "14"),
    (dict(province="Phra Nakhon Si Ayutthaya"), "matched", "14"),
    (dict(province="Ayudhya"), "matched", "14"),
    (dict(district="อ.พระนครศรีอยุธยา"), "matched", "1401"),
    (dict(area="พระนครศรีอยุธยา"), "ambiguous", None),  # province or its capital district
    (dict(area="จ.พระนครศรีอยุธยา"), "matched", "14"),
    (dict(area="อำเภอพระนครศรีอยุธยา"), "matched", "1401"),
    (dict(area="Phra Nakhon Si Ayutthaya Province"), "matched", "14"),
    (dict(area="Phra Nakhon Si Ayutthaya District"), "matched", "1401"),
    # seed 004: Kanchanaburi
    (dict(province="จังหวัดกาญจนบุรี"), "matched", "71"),
    (dict(province="กาญจน์"), "matched", "71"),
    (dict(district="อ.เมือง", province="กาญจนบุรี"), "matched", "7101"),
    (dict(district="เมืองกาญจนบุรี"), "matched", "7101"),
    (dict(district="Mueang Kanchanaburi"), "matched", "7101"),
    (dict(district="Muang", province="Kanchanaburi"), "matched", "7101"),
    (dict(area="กาญจนบุรี"), "matched", "71"),
    # Bangkok
    (dict(province="กรุงเทพมหานคร"), "matched", "10"),
    (dict(province="กรุงเทพฯ"), "matched", "10"),
    (dict(province="กรุงเทพ"), "matched", "10"),
    (dict(province="กทม."), "matched", "10"),
    (dict(province="กทม"), "matched", "10"),
    (dict(province="Bangkok"), "matched", "10"),
    (dict(province="BANGKOK"), "matched", "10"),
    (dict(province="Krung Thep Maha Nakhon"), "matched", "10"),
    (dict(province="bkk"), "matched", "10"),
    (dict(district="เขตบางนา", province="กทม."), "matched", "1047"),
    (dict(district="บางนา", province="Bangkok"), "matched", "1047"),
    (dict(subdistrict="แขวงบางนาเหนือ", district="เขตบางนา", province="กรุงเทพฯ"), "matched",
     "104702"),
    (dict(area="แขวงบางนาเหนือ เขตบางนา กรุงเทพฯ"), "matched", "104702"),
    (dict(district="เมือง", province="กทม."), "unknown", None),  # Bangkok has no เมือง
    # other short forms and spellings
    (dict(province="โคราช"), "matched", "30"),
    (dict(province="Korat"), "matched", "30"),
    (dict(province="Nakorn Ratchasima"), "matched", "30"),
    (dict(province="Nakhon Sri Thammarat"), "matched", "80"),
    (dict(province="Chiangmai"), "matched", "50"),
    (dict(province="CHIANG-MAI"), "matched", "50"),
    (dict(province="Songkla"), "matched", "90"),
    (dict(province="Srisaket"), "matched", "33"),
    (dict(province="อุบล"), "matched", "34"),
    (dict(district="Mueang", province="Narathiwat"), "matched", "9601"),
    (dict(district="อ.เมือง"), "ambiguous", None),
    # the name in brackets: ปอภาร (ปอพาน) in Roi Et; another ปอพาน is in Maha Sarakham
    (dict(subdistrict="ปอพาน", province="ร้อยเอ็ด"), "matched", "450109"),
    (dict(subdistrict="ปอภาร"), "matched", "450109"),
    (dict(subdistrict="ปอพาน"), "ambiguous", None),
    (dict(subdistrict="จ.ป.ร."), "matched", "850406"),
    # villages: subdistrict code + 2-digit village number
    (dict(subdistrict="หนองแคน", province="ร้อยเอ็ด", village="หมู่ที่ 3"), "matched", "45030303"),
    (dict(subdistrict="หนองแคน", province="ร้อยเอ็ด", village="๓"), "matched", "45030303"),
    (dict(subdistrict="หนองแคน", province="ร้อยเอ็ด", village=12), "matched", "45030312"),
    (dict(area="ม.3 ต.หนองแคน อ.ปทุมรัตต์ จ.ร้อยเอ็ด"), "matched", "45030303"),
    (dict(code="45030303"), "matched", "45030303"),
    (dict(code="450303", village="5"), "matched", "45030305"),
    (dict(province="ร้อยเอ็ด", village="3"), "invalid", None),
    (dict(village="3"), "invalid", None),
    (dict(subdistrict="หนองแคน", province="ร้อยเอ็ด", village="บ้านโคก"), "invalid", None),
    (dict(subdistrict="หนองแคน", province="ร้อยเอ็ด", village="123"), "invalid", None),
    (dict(code="45030300"), "invalid", None),
    (dict(code="45030303", village="4"), "inconsistent", None),
    # codes
    (dict(code="960510"), "matched", "960510"),
    (dict(code="๙๖๐๕๑๐"), "matched", "960510"),
    (dict(code=960510), "matched", "960510"),
    (dict(code=960510.0), "matched", "960510"),
    (dict(code="960510", subdistrict="มะรือโบตก", province="นราธิวาส"), "matched", "960510"),
    (dict(code="450303", subdistrict="หนองแคน"), "matched", "450303"),
    (dict(code="450303", subdistrict="หนองแคน", province="มุกดาหาร"), "inconsistent", None),
    (dict(code="960510", subdistrict="ตันหยงมัส"), "inconsistent", None),
    (dict(code="96", subdistrict="มะรือโบตก"), "matched", "960510"),
    (dict(code="45", subdistrict="หนองแคน"), "matched", "450303"),
    (dict(code="96", subdistrict="หนองแคน"), "unknown", None),
    (dict(code="999999"), "unknown", None),
    (dict(code="100205"), "unknown", None),  # abolished in 2006
    (dict(code="12345"), "invalid", None),
    (dict(code="abc"), "invalid", None),
    # not found
    (dict(subdistrict="ไม่มีชื่อนี้"), "unknown", None),
    (dict(province="นราธวาส"), "unknown", None),
    (dict(subdistrict="มะรือโบตก", province="ร้อยเอ็ด"), "unknown", None),
    (dict(), "unknown", None),
]


@pytest.mark.parametrize(("row", "status", "code"), CASES)
def test_resolve(gazetteer, row, status, code):
    match = gazetteer.resolve(**row)
    assert (match.status, match.code if status == "matched" else None) == (status, code), match


def test_ambiguous_lists_both_nong_khaen_candidates(gazetteer):
    match = gazetteer.resolve(subdistrict="หนองแคน")
    assert [c.split()[0] for c in match.candidates] == ["450303", "490404"]
    assert "ร้อยเอ็ด" in match.candidates[0] and "มุกดาหาร" in match.candidates[1]


def test_unknown_suggests_the_closest_names(gazetteer):
    match = gazetteer.resolve(subdistrict="หนองแคนน", province="ร้อยเอ็ด")
    assert match.candidates[0].startswith("450303 ")
    assert all(" จ.ร้อยเอ็ด " in c for c in match.candidates)


def test_unknown_in_the_wrong_parent_says_where_the_name_is(gazetteer):
    match = gazetteer.resolve(subdistrict="มะรือโบตก", province="ร้อยเอ็ด")
    assert "not in" in match.message
    assert match.candidates[0].startswith("960510 ")


def test_abolished_code_points_to_its_successor(gazetteer):
    match = gazetteer.resolve(code="100205")
    assert "abolished" in match.message
    assert match.candidates and match.candidates[0].startswith("102901 ")


def test_inconsistent_code_names_the_column(gazetteer):
    match = gazetteer.resolve(code="450303", subdistrict="หนองแคน", province="มุกดาหาร")
    assert match.column == "code"
    assert "มุกดาหาร" in match.message and "ร้อยเอ็ด" in match.message


def test_romanisation_variant_is_reported(gazetteer):
    assert "romanisation" in gazetteer.resolve(province="Nakorn Pathom").message
    assert gazetteer.resolve(province="Nakhon Pathom").message == ""


@pytest.mark.parametrize(
    ("row", "no_polygon"),
    [
        (dict(code="100910"), True),
        (dict(code="530407"), True),
        (dict(code="53040701"), True),
        (dict(subdistrict="มะรือโบตก"), False),
        (dict(province="นราธิวาส"), False),
    ],
)
def test_current_codes_missing_from_the_layers_are_accepted_and_flagged(drawn_gazetteer, row,
                                                                        no_polygon):
    match = drawn_gazetteer.resolve(**row)
    assert match.status == "matched"
    assert match.no_polygon is no_polygon
    assert ("no polygon" in match.message) is no_polygon


def test_without_drawn_codes_nothing_is_flagged(gazetteer):
    assert gazetteer.resolve(code="100910").no_polygon is False


# Romanisation variants, measured over every subdistrict whose English name has the pattern,
# written with its district and province as a sheet would: (pattern, replacement).
VARIANTS = [
    ("ph", "p"), ("th", "t"), ("kh", "k"), ("ue", "eu"), ("ch", "j"), ("khon", "korn"),
    ("aeng", "eang"), (" ", ""), ("-", " "), ("si ", "sri "),
]


@pytest.mark.parametrize(("pattern", "replacement"), VARIANTS)
def test_romanisation_variants_are_measured(gazetteer, pattern, replacement):
    table = areas()
    english = dict(zip(table["code"], table["name_en"], strict=True))
    outcome = {"right": 0, "wrong": 0, "ambiguous": 0, "unknown": 0}
    for code, name in table.loc[table["level"] == "subdistrict", ["code", "name_en"]].itertuples(
            index=False):
        if not name or pattern not in name.lower():
            continue
        variant = name.lower().replace(pattern, replacement)
        match = gazetteer.resolve(subdistrict=variant, district=english[code[:4]],
                                  province=english[code[:2]])
        if match.status == "matched":
            outcome["right" if match.code == code else "wrong"] += 1
        else:
            outcome[match.status] += 1
    tried = sum(outcome.values())
    assert tried > 0
    assert outcome["wrong"] == 0, outcome  # never silently a different place
    assert outcome["unknown"] == 0, outcome
    # the only ambiguity left: two subdistricts of one district with the same name
    assert outcome["right"] / tried >= 0.99, outcome
