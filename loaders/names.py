"""Place names as people write them, reduced to keys that compare equal.

Planners type "จ.ร้อยเอ็ด", "จังหวัดร้อยเอ็ด", "ร้อยเอ็ด", "Roi-Et" or "roiet";
each becomes the same key. Two kinds of key exist:

* :func:`name_key` — exact after clean-up: invisible characters, Thai digits,
  spaces, dots, hyphens, apostrophes, level words and their abbreviations
  (จ. อ. กิ่งอ. ต. เขต แขวง ทต. อบต. เทศบาล… Province, Amphoe, Tambon …) and the
  usual Thai typing slips (ํ + า for ำ, เเ for แ) are removed or repaired;
* :func:`sound_key` — for Latin script only, folds the romanisation variants
  that name the same Thai sound (ph/p, th/t, kh/k, ch/j, ue/eu/u, or/o, doubled
  letters …), so "Nakorn Ratchasima" meets "Nakhon Ratchasima".

A name found only through its sound key is still a match (the gazetteer is the
arbiter), but the matcher prefers exact keys and reports ties as ambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from dates import INVISIBLE, THAI_DIGITS
from geo.levels import LEVELS, VILLAGE

PROVINCE, DISTRICT, SUBDISTRICT = LEVELS
LOCAL_ADMIN = "local administration"

# Level words and abbreviations, longest first so "กิ่งอำเภอ" wins over "อำเภอ".
# A short form needs its dot: without it "อ" is the first letter of names like อ่างทอง.
_THAI_PREFIXES = (
    ("องค์การบริหารส่วนจังหวัด", PROVINCE),
    ("องค์การบริหารส่วนตำบล", LOCAL_ADMIN),
    ("เทศบาลตำบล", LOCAL_ADMIN),
    ("เทศบาลเมือง", LOCAL_ADMIN),
    ("เทศบาลนคร", LOCAL_ADMIN),
    ("กิ่งอำเภอ", DISTRICT),
    ("จังหวัด", PROVINCE),
    ("อำเภอ", DISTRICT),
    ("ตำบล", SUBDISTRICT),
    ("แขวง", SUBDISTRICT),
    ("หมู่ที่", VILLAGE),
    ("หมู่บ้าน", VILLAGE),
    ("หมู่", VILLAGE),
    ("เขต", DISTRICT),
    ("อบจ.", PROVINCE),
    ("อบต.", LOCAL_ADMIN),
    ("ทต.", LOCAL_ADMIN),
    ("ทม.", LOCAL_ADMIN),
    ("ทน.", LOCAL_ADMIN),
    ("กิ่งอ.", DISTRICT),
    ("จ.", PROVINCE),
    ("อ.", DISTRICT),
    ("ต.", SUBDISTRICT),
    ("ม.", VILLAGE),
)
_ENGLISH_PREFIXES = (
    ("changwat", PROVINCE),
    ("province of", PROVINCE),
    ("amphoe", DISTRICT),
    ("amphur", DISTRICT),
    ("king amphoe", DISTRICT),
    ("khet", DISTRICT),
    ("tambon", SUBDISTRICT),
    ("tambol", SUBDISTRICT),
    ("khwaeng", SUBDISTRICT),
    ("kwaeng", SUBDISTRICT),
    ("moo", VILLAGE),
    ("mu", VILLAGE),
)
# English level words usually come after the name: "Ra-ngae District".
_ENGLISH_SUFFIXES = (
    ("province", PROVINCE),
    ("sub-district", SUBDISTRICT),
    ("subdistrict", SUBDISTRICT),
    ("sub district", SUBDISTRICT),
    ("district", DISTRICT),
    ("tambon", SUBDISTRICT),
    ("municipality", LOCAL_ADMIN),
    ("sao", LOCAL_ADMIN),
)

_THAI_PREFIX_RE = re.compile(
    "^(?:" + "|".join(re.escape(p) for p, _ in _THAI_PREFIXES) + r")\s*"
)
_ENGLISH_PREFIX_RE = re.compile(
    r"^(?:" + "|".join(re.escape(p) for p, _ in _ENGLISH_PREFIXES) + r")\b\.?\s*", re.IGNORECASE
)
_ENGLISH_SUFFIX_RE = re.compile(
    r"\s*\b(?:" + "|".join(re.escape(p) for p, _ in _ENGLISH_SUFFIXES) + r")\.?$", re.IGNORECASE
)
_PREFIX_LEVEL = {p.rstrip("."): level for p, level in _THAI_PREFIXES + _ENGLISH_PREFIXES}
_PREFIX_LEVEL.update({p: level for p, level in _ENGLISH_SUFFIXES})
_MARKS = re.compile(r"[\s.\-'’`,()/ฯ_]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
# Whatever looks like a prefix anywhere in an address line starts a new part of it.
_ADDRESS_PART = re.compile(
    r"(?:^|(?<=\s)|(?<=\d))("
    + "|".join(re.escape(p) for p, _ in _THAI_PREFIXES)
    + r")\s*"
)

# Short forms in common use; values are province codes.
PROVINCE_ALIASES = {
    "กทม": "10", "กรุงเทพ": "10", "กรุงเทพมหานคร": "10", "bkk": "10", "krungthep": "10",
    "bangkokmetropolis": "10", "krungthepmahanakhon": "10",
    "อยุธยา": "14", "ayutthaya": "14", "ayudhya": "14", "ayuthaya": "14", "ayudhaya": "14",
    "โคราช": "30", "korat": "30", "khorat": "30",
    "อุบล": "34", "ubon": "34",
    "อุดร": "41", "udon": "41",
    "สุราษฎร์": "84", "สุราษ": "84", "surat": "84",
    "นครศรี": "80", "นครศรีฯ": "80", "nakhonsi": "80",
    "ประจวบ": "77", "prachuap": "77",
    "กาญจน์": "71", "เมืองกาญจน์": "71",
    "สุพรรณ": "72", "suphan": "72",
    "แปดริ้ว": "24", "ปากน้ำ": "11",
    "โคราชบุรี": "30",
}
# The capital district of every province but Bangkok is XX01 and people call it "เมือง".
CAPITAL_WORDS = frozenset({"เมือง", "mueang", "muang", "meuang", "amphoemueang"})


def clean(text: object) -> str:
    """Unicode-normalised text without invisible characters, Thai digits made Arabic."""
    if text is None:
        return ""
    return _clean(text if isinstance(text, str) else str(text))


# Sheets repeat the same few thousand names; every key function is memoised.
@lru_cache(maxsize=1 << 16)
def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(THAI_DIGITS).translate(INVISIBLE)
    # Typing slips: nikhahit + sara aa for sara am, two sara e for sara ae.
    text = text.replace("\u0e4d\u0e32", "\u0e33").replace("\u0e40\u0e40", "\u0e41")
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


@lru_cache(maxsize=1 << 16)
def strip_level(text: str) -> tuple[str, str | None]:
    """The name without its level word, and the level that word names (or None)."""
    text = clean(text)
    level = None
    for pattern in (_THAI_PREFIX_RE, _ENGLISH_PREFIX_RE, _ENGLISH_SUFFIX_RE):
        match = pattern.search(text)
        if match and match.group(0).strip() and len(text) > len(match.group(0)):
            level = level or _PREFIX_LEVEL.get(match.group(0).strip().lower().rstrip("."))
            text = (text[: match.start()] + text[match.end():]).strip()
    return text, level


@lru_cache(maxsize=1 << 16)
def name_key(text: object) -> str:
    """The exact comparison key of a name: no level word, marks, spaces or case."""
    name, _ = strip_level(clean(text))
    return _MARKS.sub("", name).lower()


@lru_cache(maxsize=1 << 16)
def raw_key(text: object) -> str:
    """The key without removing level words, for names such as จ.ป.ร. that start with one."""
    return _MARKS.sub("", clean(text)).lower()


_SOUND_RULES = (
    ("sri", "si"), ("tch", "c"), ("tj", "c"), ("ch", "c"), ("j", "c"), ("sh", "c"),
    ("ph", "p"), ("th", "t"), ("kh", "k"), ("bh", "b"), ("dh", "d"), ("gh", "k"),
    ("q", "k"), ("v", "w"), ("z", "s"),
    ("ue", "u"), ("eu", "u"), ("oo", "u"), ("ou", "u"), ("uu", "u"),
    ("ee", "i"), ("ii", "i"), ("ae", "e"), ("ea", "e"), ("aa", "a"), ("ay", "ai"),
)
# "nakorn"/"nakhon", "karn"/"kan": an r closing a syllable is silent in Thai.
_SILENT_R = re.compile(r"([aeiou])r(?=[^aeiouy]|$)")
# Final stops are unreleased: "prachuab"/"prachuap", "sad"/"sat".
_FINAL_B = re.compile(r"b(?=[^aeiouy]|$)")
_FINAL_D = re.compile(r"d(?=[^aeiouy]|$)")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 16)
def sound_key(text: object) -> str:
    """A key folding romanisation variants of the same Thai sound; empty for Thai script."""
    key = name_key(text)
    if not key or _THAI.search(key) or not key.isascii():
        return ""
    key = re.sub(r"[^a-z]", "", key)
    for old, new in _SOUND_RULES:
        key = key.replace(old, new)
    key = _SILENT_R.sub(r"\1", key)
    key = _FINAL_D.sub("t", _FINAL_B.sub("p", key))
    # A "g" not after "n" is the RTGS "k" (ก) in older spellings.
    key = re.sub(r"(?<!n)g", "k", key)
    return _DOUBLED.sub(r"\1", key)


def level_hint(text: object) -> str | None:
    """The level a name's own prefix or suffix names ("ต.หนองแคน" -> subdistrict)."""
    return strip_level(clean(text))[1]


@dataclass(frozen=True)
class AddressParts:
    province: str = ""
    district: str = ""
    subdistrict: str = ""
    village: str = ""

    def count(self) -> int:
        return bool(self.province) + bool(self.district) + bool(self.subdistrict) + \
            bool(self.village)


@lru_cache(maxsize=1 << 16)
def split_address(text: object) -> AddressParts:
    """The parts of a one-line Thai address ("ม.3 ต.หนองแคน อ.ปทุมรัตต์ จ.ร้อยเอ็ด").

    Parts without a level word are left out: the caller decides what a bare name is.
    """
    text = clean(text)
    starts = list(_ADDRESS_PART.finditer(text))
    parts: dict[str, str] = {}
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        level = _PREFIX_LEVEL.get(match.group(1).rstrip("."))
        if level == LOCAL_ADMIN:
            level = SUBDISTRICT
        value = text[match.end():end].strip(" ,")
        # Bangkok addresses end in a bare "กรุงเทพฯ" / "กทม." with no จ. before it.
        head, _, tail = value.rpartition(" ")
        if head and PROVINCE_ALIASES.get(name_key(tail)) == "10" and PROVINCE not in parts:
            value, parts[PROVINCE] = head, tail
        if level and value and level not in parts:
            parts[level] = value
    return AddressParts(**parts)


_VILLAGE_NUMBER = re.compile(
    r"(?:หมู่ที่|หมู่|ม\.|moo|mu|m\.)?\s*(?<!\d)(\d{1,3})(?!\d)", re.IGNORECASE
)


def village_number(text: object) -> int | None:
    """The village number (หมู่ที่) written in `text`, or None if it holds none."""
    if isinstance(text, float) and text.is_integer():
        text = int(text)
    if isinstance(text, int) and not isinstance(text, bool):
        return text
    match = _VILLAGE_NUMBER.search(clean(text))
    return int(match.group(1)) if match else None
