"""Dates as Thai offices write them, read into CE and shown back in Buddhist Era.

People type BE or CE, Thai or Arabic digits, numeric or month-name forms; the
registry stores CE only. The rules (they decide every ambiguous case):

* a 4-digit year above 2400 is BE (พ.ศ. = CE + 543), otherwise CE;
* an explicit era marker wins: พ.ศ./BE means BE, ค.ศ./CE/AD means CE;
* a 2-digit year is BE 25yy (``17 พ.ย. 58`` = 17 Nov 2558 BE = 2015 CE),
  because that is how Thai offices abbreviate years; with an English month a
  2-digit year is refused rather than guessed;
* numeric dates are day first (``17/11/2558``) unless the year comes first
  (``2015-11-17``);
* a date object with a year above 2400 (a BE date typed into an Excel date
  cell) is moved back 543 years.

Anything that is not a real calendar date raises :class:`DateError`, a
ValueError whose message says what is wrong (``31/02/2564``: February 2021 has
28 days).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

BE_OFFSET = 543
# A 4-digit year above this is Buddhist Era.
BE_THRESHOLD = 2400
# Outside these CE years a value is a typo, not a programme date.
MIN_CE_YEAR = 1900
MAX_CE_YEAR = 2200

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
ENGLISH_MONTHS_SHORT = tuple(calendar.month_abbr)[1:]
ENGLISH_MONTHS = tuple(calendar.month_name)[1:]

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Zero-width space/joiners and BOM sneak in from copy-paste out of Word and web pages.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)


def _month_key(name: str) -> str:
    return re.sub(r"[.\s]", "", name).lower()


def _month_lookup() -> dict[str, tuple[int, bool]]:
    """Month spelling (dots and spaces removed, lower case) -> (month, is_thai)."""
    lookup: dict[str, tuple[int, bool]] = {}
    for number in range(1, 13):
        lookup[_month_key(THAI_MONTHS[number - 1])] = (number, True)
        lookup[_month_key(THAI_MONTHS_SHORT[number - 1])] = (number, True)
        lookup[_month_key(ENGLISH_MONTHS[number - 1])] = (number, False)
        lookup[_month_key(ENGLISH_MONTHS_SHORT[number - 1])] = (number, False)
    lookup["sept"] = (9, False)
    # Full names without the gender ending (-คม/-ยน/-พันธ์) are common in hand-typed sheets.
    for number, name in enumerate(THAI_MONTHS, start=1):
        for ending in ("คม", "ยน", "าพันธ์"):
            if name.endswith(ending) and len(name) > len(ending) + 2:
                lookup.setdefault(_month_key(name[: -len(ending)]), (number, True))
    return lookup


MONTHS = _month_lookup()

# An era marker is a token of its own: "be" inside "September" is none.
_ERA = re.compile(
    r"(?<![ก-๙])(พ\.?\s?ศ|ค\.?\s?ศ)\.?(?![ก-๙])|(?<![a-z])(b\.?\s?e|c\.?\s?e|a\.?\s?d)\.?(?![a-z])",
    re.IGNORECASE,
)

# A time of day after the date (Excel exports "2015-11-17 00:00:00") is ignored.
_TIME = r"(?:[ tT]\d{1,2}:\d{2}(?::\d{2})?)?"
_ISO = re.compile(rf"^(?P<y>\d{{4}})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}}){_TIME}$")
_NUMERIC = re.compile(rf"^(?P<d>\d{{1,2}})[-/.](?P<m>\d{{1,2}})[-/.](?P<y>\d{{2}}|\d{{4}}){_TIME}$")
_DAY_MONTH_YEAR = re.compile(r"^(?P<d>\d{1,2})\s*(?P<mon>[^\d,]+?)\s*,?\s*(?P<y>\d{2}|\d{4})$")
_MONTH_DAY_YEAR = re.compile(
    r"^(?P<mon>[a-z]+)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{2}|\d{4})$", re.IGNORECASE
)
_YEAR = re.compile(r"^(?P<y>\d{2}|\d{4})$")
_LEADING_WORDS = re.compile(r"^(?:วันที่|วัน|ณ\s*วันที่|date:?|on)\s*", re.IGNORECASE)


class DateError(ValueError):
    """A value that is not a real date; the message says what is wrong."""


def clean(text: str) -> str:
    """Thai digits to Arabic, invisible characters removed, spaces collapsed."""
    text = str(text).translate(THAI_DIGITS).translate(INVISIBLE)
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def _split_era(text: str) -> tuple[str, str | None]:
    """The text without its era marker, and the era it names ("BE", "CE" or None)."""
    match = _ERA.search(text)
    if match is None:
        return text, None
    marker = re.sub(r"[.\s]", "", match.group(0)).lower()
    era = "BE" if marker in {"พศ", "be"} else "CE"
    rest = (text[: match.start()] + " " + text[match.end():]).strip(" ,")
    return re.sub(r"\s+", " ", rest), era


def _ce_year(year_text: str, era: str | None, original: str, *, thai_context: bool) -> int:
    """The CE year of a written year, by the module's rules."""
    year = int(year_text)
    if len(year_text) == 2:
        if era == "CE" or not thai_context:
            raise DateError(
                f"{original!r}: a 2-digit year is ambiguous here; write the year in full "
                "(e.g. 2558 or 2015)"
            )
        year += 2500
        era = "BE"
    if era is None:
        era = "BE" if year > BE_THRESHOLD else "CE"
    if era == "BE":
        if year <= BE_THRESHOLD:
            raise DateError(f"{original!r}: {year} is marked as Buddhist Era but is no BE year "
                            f"(BE years are above {BE_THRESHOLD})")
        year -= BE_OFFSET
    elif year > BE_THRESHOLD:
        raise DateError(f"{original!r}: {year} is marked as CE but looks like a BE year")
    if not MIN_CE_YEAR <= year <= MAX_CE_YEAR:
        raise DateError(f"{original!r}: year {year} CE ({year + BE_OFFSET} BE) is out of range "
                        f"{MIN_CE_YEAR}–{MAX_CE_YEAR} CE")
    return year


def _make(year: int, month: int, day: int, original: str) -> dt.date:
    if not 1 <= month <= 12:
        raise DateError(f"{original!r}: there is no month {month} (months are 1–12)")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise DateError(
            f"{original!r}: {ENGLISH_MONTHS[month - 1]} {year + BE_OFFSET} BE ({year} CE) "
            f"has {days} days, so day {day} does not exist"
        )
    return dt.date(year, month, day)


def _month(name: str, original: str) -> tuple[int, bool]:
    found = MONTHS.get(_month_key(name))
    if found is None:
        raise DateError(f"{original!r}: {name!r} is not a month name")
    return found


def parse_date(value: str | dt.date) -> dt.date:
    """The CE date written in `value` (BE or CE, Thai or Arabic digits, many forms)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if not MIN_CE_YEAR <= value.year <= MAX_CE_YEAR:
            # Excel cells typed as BE arrive as CE dates 543 years in the future.
            if value.year - BE_OFFSET >= MIN_CE_YEAR and value.year > BE_THRESHOLD:
                return _make(value.year - BE_OFFSET, value.month, value.day, str(value))
            raise DateError(f"{value}: year out of range {MIN_CE_YEAR}–{MAX_CE_YEAR} CE")
        return value
    original = str(value)
    text, era = _split_era(_LEADING_WORDS.sub("", clean(original)))
    if not text:
        raise DateError("empty date; write e.g. 17/11/2558 or 2015-11-17")
    if (match := _ISO.match(text)) or (match := _NUMERIC.match(text)):
        year = _ce_year(match["y"], era, original, thai_context=True)
        return _make(year, int(match["m"]), int(match["d"]), original)
    if (match := _DAY_MONTH_YEAR.match(text)) or (match := _MONTH_DAY_YEAR.match(text)):
        month, thai = _month(match["mon"], original)
        year = _ce_year(match["y"], era, original, thai_context=thai)
        return _make(year, month, int(match["d"]), original)
    raise DateError(
        f"{original!r} is not a date this importer reads; write e.g. 17/11/2558, "
        "2015-11-17, 17 พ.ย. 58 or 17 November 2015"
    )


def parse_year(value: str | int) -> int:
    """The CE year written in `value` (``2558``, ``พ.ศ. 2558``, ``2015``, ``58`` = 2558 BE)."""
    if isinstance(value, bool):
        raise DateError(f"{value!r} is not a year")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return _ce_year(str(value), None, str(value), thai_context=True)
    original = str(value)
    text, era = _split_era(clean(original))
    match = _YEAR.match(text)
    if match is None:
        raise DateError(f"{original!r} is not a year; write e.g. 2558 (BE) or 2015 (CE)")
    return _ce_year(match["y"], era, original, thai_context=True)


def be_year(value: dt.date | int) -> int:
    """The Buddhist Era year of a CE date or CE year."""
    year = value.year if isinstance(value, dt.date) else int(value)
    return year + BE_OFFSET


def format_be(value: dt.date, lang: str = "th") -> str:
    """A date for people: ``17 พ.ย. 2558`` (th) or ``17 Nov 2558 BE`` (en)."""
    if lang == "th":
        return f"{value.day} {THAI_MONTHS_SHORT[value.month - 1]} {be_year(value)}"
    if lang == "en":
        return f"{value.day} {ENGLISH_MONTHS_SHORT[value.month - 1]} {be_year(value)} BE"
    raise ValueError(f"unknown language {lang!r}; use 'th' or 'en'")
