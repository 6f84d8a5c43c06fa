import pytest

from loaders.names import (
    AddressParts,
    clean,
    level_hint,
    name_key,
    raw_key,
    sound_key,
    split_address,
    village_number,
)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("ร้อยเอ็ด", "ร้อยเอ็ด"),
        ("จ.ร้อยเอ็ด", "ร้อยเอ็ด"),
        ("จ. ร้อยเอ็ด", "ร้อยเอ็ด"),
        ("จังหวัดร้อยเอ็ด", "ร้อยเอ็ด"),
        ("จังหวัด ร้อยเอ็ด", "ร้อยเอ็ด"),
        ("  ร้อย เอ็ด ", "ร้อยเอ็ด"),
        ("ร้อย\u200bเอ็ด", "ร้อยเอ็ด"),
        ("\ufeffร้อยเอ็ด", "ร้อยเอ็ด"),
        ("อ.ระแงะ", "ระแงะ"),
        ("อำเภอระแงะ", "ระแงะ"),
        ("กิ่งอ.ระแงะ", "ระแงะ"),
        ("กิ่งอำเภอระแงะ", "ระแงะ"),
        ("ต.มะรือโบตก", "มะรือโบตก"),
        ("ตำบลมะรือโบตก", "มะรือโบตก"),
        ("ทต.มะรือโบตก", "มะรือโบตก"),
        ("เทศบาลตำบลมะรือโบตก", "มะรือโบตก"),
        ("อบต.หนองแคน", "หนองแคน"),
        ("องค์การบริหารส่วนตำบลหนองแคน", "หนองแคน"),
        ("เทศบาลเมืองนราธิวาส", "นราธิวาส"),
        ("เทศบาลนครเชียงใหม่", "เชียงใหม่"),
        ("เขตบางนา", "บางนา"),
        ("แขวงบางนาเหนือ", "บางนาเหนือ"),
        ("กรุงเทพฯ", "กรุงเทพ"),
        ("กทม.", "กทม"),
        ("ตํามะนาว", "ตำมะนาว"),  # nikhahit + sara aa typed for sara am
        ("เเม่สอด", "แม่สอด"),  # two sara e typed for sara ae
        ("อ่างทอง", "อ่างทอง"),  # a name starting with อ is no อ. prefix
        ("Roi Et", "roiet"),
        ("Roi-Et", "roiet"),
        ("ROI ET PROVINCE", "roiet"),
        ("Ra-ngae District", "rangae"),
        ("Amphoe Ra-ngae", "rangae"),
        ("Tambon Maruebo Tok", "maruebotok"),
        ("Maruebo Tok Subdistrict", "maruebotok"),
        ("Ko Pha-ngan", "kophangan"),
        ("", ""),
        (None, ""),
    ],
)
def test_name_key(written, key):
    assert name_key(written) == key


def test_raw_key_keeps_a_name_that_starts_with_a_level_abbreviation():
    assert raw_key("จ.ป.ร.") == "จปร"
    assert name_key("จ.ป.ร.") == "ปร"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Nakhon Ratchasima", "Nakorn Ratchasima"),
        ("Nakhon Ratchasima", "Nakhon Rajasima"),
        ("Phetchaburi", "Petchaburi"),
        ("Prachuap Khiri Khan", "Prachuab Kirikhan"),
        ("Samut Songkhram", "Samut Songkram"),
        ("Samut Sakhon", "Samutsakorn"),
        ("Ratchaburi", "Rajaburi"),
        ("Ubon Ratchathani", "Ubon Rajathani"),
        ("Songkhla", "Songkla"),
        ("Nakhon Si Thammarat", "Nakhon Sri Thammarat"),
        ("Mueang", "Muang"),
        ("Mueang", "Meuang"),
        ("Kanchanaburi", "Karnchanaburi"),
        ("Chon Buri", "Chonburi"),
        ("Si Sa Ket", "Srisaket"),
    ],
)
def test_sound_key_folds_romanisation_variants(first, second):
    assert sound_key(first) == sound_key(second) != ""


@pytest.mark.parametrize(
    ("first", "second"),
    [("Nong Khai", "Nong Khae"), ("Chiang Mai", "Chiang Rai"), ("Lamphun", "Lampang")],
)
def test_sound_key_keeps_different_names_apart(first, second):
    assert sound_key(first) != sound_key(second)


def test_sound_key_is_empty_for_thai():
    assert sound_key("นครราชสีมา") == ""


@pytest.mark.parametrize(
    ("written", "level"),
    [
        ("จ.ร้อยเอ็ด", "province"),
        ("อำเภอระแงะ", "district"),
        ("เขตบางนา", "district"),
        ("ต.หนองแคน", "subdistrict"),
        ("แขวงบางนาเหนือ", "subdistrict"),
        ("ทต.มะรือโบตก", "local administration"),
        ("หมู่ที่ 3", "village"),
        ("Ra-ngae District", "district"),
        ("Narathiwat Province", "province"),
        ("หนองแคน", None),
    ],
)
def test_level_hint(written, level):
    assert level_hint(written) == level


@pytest.mark.parametrize(
    ("address", "parts"),
    [
        ("ม.3 ต.หนองแคน อ.ปทุมรัตต์ จ.ร้อยเอ็ด",
         AddressParts("ร้อยเอ็ด", "ปทุมรัตต์", "หนองแคน", "3")),
        ("ตำบลมะรือโบตก อำเภอระแงะ จังหวัดนราธิวาส",
         AddressParts("นราธิวาส", "ระแงะ", "มะรือโบตก")),
        ("หมู่ที่ ๕ ตำบลตันหยงมัส อำเภอระแงะ จังหวัดนราธิวาส",
         AddressParts("นราธิวาส", "ระแงะ", "ตันหยงมัส", "5")),
        ("แขวงบางนาเหนือ เขตบางนา กรุงเทพฯ", AddressParts("กรุงเทพฯ", "บางนา", "บางนาเหนือ")),
        ("ทต.มะรือโบตก", AddressParts(subdistrict="มะรือโบตก")),
        ("หนองแคน", AddressParts()),
    ],
)
def test_split_address(address, parts):
    assert split_address(address) == parts


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("3", 3), (3, 3), (3.0, 3), ("หมู่ที่ 3", 3), ("หมู่ 3", 3), ("ม.3", 3), ("ม. ๓", 3),
        ("Moo 12", 12), ("บ้านโคก หมู่ 7", 7), ("บ้านโคก", None), ("123", 123),
    ],
)
def test_village_number(written, number):
    assert village_number(written) == number


def test_clean_makes_thai_digits_arabic_and_drops_invisible_characters():
    assert clean("\u200b๑๒๓\u00a0 ก ") == "123 ก"
