"""Dates as Thai documents and offices write them, kept at the precision they give.

The one home of dates in the project. Two kinds of value:

* a calendar day (:func:`parse_date` -> ``datetime.date``), for imported rows;
* a :class:`DateValue`, a date as precise as its source: a day, a day range
  ("7-8 กันยายน 2559"), a month ("มิถุนายน 2562"), a month range, a year or a
  year range (:func:`parse_when`); and a :class:`DurationLimit` ("ไม่เกิน 3 ปี",
  :func:`parse_limit`) for a period given only as its longest length.

A DateValue is stored and exported as an EDTF / ISO 8601 string at its
precision (``2016-09-07``, ``2016-09-07/2016-09-08``, ``2019-06``,
``2019-06/2024-05``, ``2016``) and shown in Buddhist Era at that precision
(``7–8 ก.ย. 2559``, ``มิ.ย. 2562 – พ.ค. 2567``), never padded with invented
days. A DurationLimit is stored as an ISO 8601 duration (``P3Y``).

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
from dataclasses import dataclass

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


def ce_year_of(year: int) -> int:
    """A 4-digit year as written in a link or form: above 2400 it is BE, else CE."""
    return year - BE_OFFSET if year > BE_THRESHOLD else year


# --- dates at their precision ------------------------------------------------------------------

PRECISIONS = ("day", "month", "year")
_LANGS = ("th", "en")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _unit_end(first: dt.date, precision: str) -> dt.date:
    """The last day of the day, month or year that starts on `first`."""
    if precision == "day":
        return first
    if precision == "month":
        return _month_end(first.year, first.month)
    return dt.date(first.year, 12, 31)


@dataclass(frozen=True)
class DateValue:
    """A day, month or year, or a range of them, as precise as its source.

    `first` and `last` are the first and last CE days the value covers; a month
    covers all of its days and a year all of its months, so nothing finer than
    the source is ever claimed. Values sort by (first, last).
    """

    first: dt.date
    last: dt.date
    precision: str = "day"

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise DateError(f"precision {self.precision!r} is not one of {', '.join(PRECISIONS)}")
        if self.last < self.first:
            raise DateError(f"{self.last} is before {self.first}: a range ends after it starts")
        if self.precision != "day":
            unit_start = self.first.replace(day=1) if self.precision == "month" \
                else self.first.replace(month=1, day=1)
            if self.first != unit_start or self.last != _unit_end(
                    self.last.replace(day=1) if self.precision == "month"
                    else self.last.replace(month=1, day=1), self.precision):
                raise DateError(f"{self.first}–{self.last} does not start and end on whole "
                                f"{self.precision}s")

    # -- building ---------------------------------------------------------------------------

    @classmethod
    def day(cls, first: dt.date, last: dt.date | None = None) -> DateValue:
        return cls(first, last or first, "day")

    @classmethod
    def month(cls, year: int, month: int, last_year: int | None = None,
              last_month: int | None = None) -> DateValue:
        end = _month_end(last_year or year, last_month or month)
        return cls(dt.date(year, month, 1), end, "month")

    @classmethod
    def year(cls, year: int, last_year: int | None = None) -> DateValue:
        return cls(dt.date(year, 1, 1), dt.date(last_year or year, 12, 31), "year")

    @classmethod
    def span(cls, start: DateValue, end: DateValue) -> DateValue:
        """From the start of `start` to the end of `end`, at their common precision."""
        if start.precision != end.precision:
            raise DateError(f"{start.edtf()} and {end.edtf()} have different precisions "
                            f"({start.precision}, {end.precision}); write both ends alike")
        return cls(start.first, end.last, start.precision)

    # -- reading ----------------------------------------------------------------------------

    @property
    def is_range(self) -> bool:
        return self.last != _unit_end(self.first, self.precision)

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.first.toordinal(), self.last.toordinal())

    @property
    def ce_year(self) -> int:
        """The CE year it starts in (charts by year count a value once, there)."""
        return self.first.year

    @property
    def be_year(self) -> int:
        return self.first.year + BE_OFFSET

    def ends(self) -> tuple[DateValue, DateValue]:
        """Its first and last unit (the same value twice when it is no range)."""
        return (DateValue(self.first, _unit_end(self.first, self.precision), self.precision),
                DateValue(self.last.replace(day=1) if self.precision == "month" else
                          self.last.replace(month=1, day=1) if self.precision == "year"
                          else self.last, self.last, self.precision))

    def edtf(self) -> str:
        """ISO 8601 / EDTF at its precision: 2016-09-07, 2016-09-07/2016-09-08, 2019-06, 2016."""
        start, end = self.ends()
        text = _edtf_unit(start)
        return f"{text}/{_edtf_unit(end)}" if self.is_range else text

    def format(self, lang: str = "th") -> str:
        """In Buddhist Era at its precision: ``7–8 ก.ย. 2559``, ``มิ.ย. 2562 – พ.ค. 2567``."""
        if lang not in _LANGS:
            raise ValueError(f"unknown language {lang!r}; use 'th' or 'en'")
        months = THAI_MONTHS_SHORT if lang == "th" else ENGLISH_MONTHS_SHORT
        era = "" if lang == "th" else " BE"
        first, last = self.first, self.last
        same_year, same_month = first.year == last.year, (first.year, first.month) == (
            last.year, last.month)
        if self.precision == "year":
            years = f"{first.year + BE_OFFSET}" if not self.is_range \
                else f"{first.year + BE_OFFSET}–{last.year + BE_OFFSET}"
            return f"พ.ศ. {years}" if lang == "th" else f"{years}{era}"
        if self.precision == "month":
            end = f"{months[last.month - 1]} {last.year + BE_OFFSET}{era}"
            if not self.is_range:
                return end
            start = months[first.month - 1] if same_year \
                else f"{months[first.month - 1]} {first.year + BE_OFFSET}"
            return f"{start} – {end}"
        end = f"{last.day} {months[last.month - 1]} {last.year + BE_OFFSET}{era}"
        if not self.is_range:
            return end
        if same_month:
            return f"{first.day}–{end}"
        start = f"{first.day} {months[first.month - 1]}" if same_year \
            else f"{first.day} {months[first.month - 1]} {first.year + BE_OFFSET}"
        return f"{start} – {end}"

    def __str__(self) -> str:
        return self.edtf()


def _edtf_unit(value: DateValue) -> str:
    if value.precision == "year":
        return f"{value.first.year:04d}"
    if value.precision == "month":
        return f"{value.first.year:04d}-{value.first.month:02d}"
    return value.first.isoformat()


_EDTF_UNIT = re.compile(r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")


def _from_edtf_unit(text: str) -> DateValue:
    match = _EDTF_UNIT.match(text)
    if match is None:
        raise DateError(f"{text!r} is no EDTF date; write YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match["y"])
    if not MIN_CE_YEAR <= year <= MAX_CE_YEAR:
        raise DateError(f"{text!r}: year {year} CE is out of range {MIN_CE_YEAR}–{MAX_CE_YEAR}")
    if match["d"]:
        return DateValue.day(_make(year, int(match["m"]), int(match["d"]), text))
    if match["m"]:
        if not 1 <= int(match["m"]) <= 12:
            raise DateError(f"{text!r}: there is no month {int(match['m'])} (months are 1–12)")
        return DateValue.month(year, int(match["m"]))
    return DateValue.year(year)


def from_edtf(text: str) -> DateValue:
    """The value of an EDTF / ISO 8601 string this module writes (CE years)."""
    text = str(text).strip()
    parts = text.split("/")
    if len(parts) == 1:
        return _from_edtf_unit(parts[0])
    if len(parts) != 2:
        raise DateError(f"{text!r}: an EDTF interval has one '/' (start/end)")
    return DateValue.span(_from_edtf_unit(parts[0]), _from_edtf_unit(parts[1]))


def _is_missing(value: object) -> bool:
    """None, an empty text, or a NaN/NaT a data frame cell holds for "no value"."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return False


def when_or_none(value: DateValue | dt.date | str | None) -> DateValue | None:
    """The DateValue of a stored EDTF text, a day or a DateValue; None for an empty cell."""
    if _is_missing(value):
        return None
    if isinstance(value, DateValue):
        return value
    if isinstance(value, dt.datetime):
        return DateValue.day(value.date())
    if isinstance(value, dt.date):
        return DateValue.day(value)
    return from_edtf(str(value))


def format_when(value: DateValue | str | dt.date | None, lang: str = "th",
                missing: str = "—") -> str:
    """Any stored date (EDTF text, DateValue, day) in BE at its precision; `missing` if none."""
    found = when_or_none(value)
    return missing if found is None else found.format(lang)


def first_year(edtf: str | None) -> int | None:
    """The CE year an EDTF string starts in (every form starts with YYYY); None if empty."""
    if _is_missing(edtf):
        return None
    return int(str(edtf).strip()[:4])


_ISO_MONTH = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})$")
_MONTH_YEAR = re.compile(r"^(?P<mon>[^\d,]+?)\s*,?\s*(?P<y>\d{2}|\d{4})$")
_YEAR_ONLY = re.compile(r"^(?P<y>\d{4})$")
_DAY_ONLY = re.compile(r"^(?P<d>\d{1,2})$")
_DAY_MONTH = re.compile(r"^(?P<d>\d{1,2})\s*(?P<mon>[^\d,]+?)$")
_MONTH_ONLY = re.compile(r"^(?P<mon>[^\d,]+?)$")
_RANGE_SEPARATOR = re.compile(r"\s*(?:–|—|/|-|ถึง|(?<![a-z])(?:to|until)(?![a-z]))\s*",
                              re.IGNORECASE)
_WHEN_LEADING = re.compile(
    r"^(?:(?:ระหว่าง|ตั้งแต่|ใน)?\s*(?:วันที่|วัน|เดือน|ปี)|ณ\s*วันที่|date:?|on|in|from)\s*",
    re.IGNORECASE)


def _strip_eras(text: str) -> tuple[str, str | None]:
    """The text without any era marker, and the era they name (they must agree)."""
    eras = set()
    while True:
        text, era = _split_era(text)
        if era is None:
            break
        eras.add(era)
    if len(eras) > 1:
        raise DateError(f"{text!r} names both BE and CE; write one era")
    return text, (eras.pop() if eras else None)


def _single(text: str, era: str | None, original: str) -> DateValue | None:
    """A day, month or year written alone; None when `text` is not one."""
    text = _WHEN_LEADING.sub("", text).strip(" ,")
    if (match := _ISO.match(text)) or (match := _NUMERIC.match(text)):
        year = _ce_year(match["y"], era, original, thai_context=True)
        return DateValue.day(_make(year, int(match["m"]), int(match["d"]), original))
    if (match := _DAY_MONTH_YEAR.match(text)) or (match := _MONTH_DAY_YEAR.match(text)):
        found = MONTHS.get(_month_key(match["mon"]))
        if found is None:
            return None
        year = _ce_year(match["y"], era, original, thai_context=found[1])
        return DateValue.day(_make(year, found[0], int(match["d"]), original))
    if match := _ISO_MONTH.match(text):
        year = _ce_year(match["y"], era, original, thai_context=True)
        if not 1 <= int(match["m"]) <= 12:
            raise DateError(f"{original!r}: there is no month {int(match['m'])} (months are 1–12)")
        return DateValue.month(year, int(match["m"]))
    if match := _MONTH_YEAR.match(text):
        found = MONTHS.get(_month_key(match["mon"]))
        if found is None:
            return None
        year = _ce_year(match["y"], era, original, thai_context=found[1])
        return DateValue.month(year, found[0])
    if match := _YEAR_ONLY.match(text):
        return DateValue.year(_ce_year(match["y"], era, original, thai_context=True))
    return None


def _completed(left: str, right: str) -> str:
    """The start of a range completed from its end: "7" + "8 กันยายน 2559" -> "7 กันยายน 2559"."""
    left = _WHEN_LEADING.sub("", left).strip(" ,")
    right = _WHEN_LEADING.sub("", right).strip(" ,")
    full = _DAY_MONTH_YEAR.match(right) or _MONTH_DAY_YEAR.match(right)
    if _DAY_ONLY.match(left) and full:
        return f"{left} {full['mon']} {full['y']}"
    month_year = full or _MONTH_YEAR.match(right)
    if (_DAY_MONTH.match(left) or _MONTH_ONLY.match(left)) and month_year:
        return f"{left} {month_year['y']}"
    return left


def parse_when(value: str | dt.date | DateValue) -> DateValue:
    """The date, at the precision it is written, of Thai, English or EDTF text.

    Reads a day (``12 มิถุนายน 2562``), a day range (``7-8 กันยายน 2559``,
    ``30 ก.ย. – 2 ต.ค. 2559``), a month (``มิถุนายน 2562``, ``2019-06``), a range
    of months (``มิ.ย. 2562 – พ.ค. 2567``), a year (``พ.ศ. 2559``, ``2016``) or a
    range of years, and EDTF intervals (``2016-09-07/2016-09-08``). Era rules as
    for :func:`parse_date`. Raises :class:`DateError` saying what is wrong.
    """
    if isinstance(value, DateValue):
        return value
    if isinstance(value, dt.date):
        return DateValue.day(parse_date(value))
    original = str(value)
    text, era = _strip_eras(clean(original))
    text = _WHEN_LEADING.sub("", text).strip(" ,")
    if not text:
        raise DateError("empty date; write e.g. 7 ก.ย. 2559, มิ.ย. 2562, 2559 or 2016-09-07")
    single = _single(text, era, original)
    if single is not None:
        return single
    for separator in _RANGE_SEPARATOR.finditer(text):
        left, right = text[: separator.start()], text[separator.end():]
        if not left.strip() or not right.strip():
            continue
        end = _single(right, era, original)
        if end is None:
            continue
        start = _single(left, era, original) or _single(_completed(left, right), era, original)
        if start is None:
            continue
        return DateValue.span(start, end)
    raise DateError(
        f"{original!r} is not a date this registry reads; write e.g. 12 มิ.ย. 2562, "
        "7-8 ก.ย. 2559, มิ.ย. 2562, มิ.ย. 2562 – พ.ค. 2567, 2559 or 2016-09-07/2016-09-08"
    )


# --- a period given only as its longest length ------------------------------------------------

DURATION_UNITS = {"Y": ("ปี", "year"), "M": ("เดือน", "month"), "D": ("วัน", "day")}
_LIMIT = re.compile(
    r"^(?:ระยะ(?:เวลา)?\s*)?(?:ไม่เกิน|ภายใน|at most|within|no more than|up to)\s*"
    r"(?P<n>\d{1,3})\s*(?P<unit>ปี|เดือน|วัน|years?|months?|days?)$", re.IGNORECASE)
_DURATION = re.compile(r"^P(?P<n>\d{1,3})(?P<unit>[YMD])$")


@dataclass(frozen=True)
class DurationLimit:
    """A period the source gives only as its longest length ("ไม่เกิน 3 ปี" = at most 3 years)."""

    amount: int
    unit: str = "Y"

    def __post_init__(self) -> None:
        if self.unit not in DURATION_UNITS or not 0 < self.amount < 1000:
            raise DateError(f"{self.amount}{self.unit}: a limit is 1–999 years (Y), months (M) "
                            "or days (D)")

    def iso(self) -> str:
        """ISO 8601 duration: P3Y."""
        return f"P{self.amount}{self.unit}"

    def format(self, lang: str = "th") -> str:
        thai, english = DURATION_UNITS[self.unit]
        if lang == "th":
            return f"ไม่เกิน {self.amount} {thai}"
        if lang == "en":
            return f"at most {self.amount} {english}{'' if self.amount == 1 else 's'}"
        raise ValueError(f"unknown language {lang!r}; use 'th' or 'en'")

    def __str__(self) -> str:
        return self.iso()


def parse_limit(value: str | DurationLimit) -> DurationLimit:
    """``ไม่เกิน 3 ปี``, ``at most 3 years`` or ``P3Y`` as a DurationLimit."""
    if isinstance(value, DurationLimit):
        return value
    original = str(value)
    text = clean(original)
    if match := _DURATION.match(text.upper()):
        return DurationLimit(int(match["n"]), match["unit"])
    if match := _LIMIT.match(text):
        unit = match["unit"].lower()
        code = "Y" if unit in {"ปี"} or unit.startswith("year") else \
            "M" if unit == "เดือน" or unit.startswith("month") else "D"
        return DurationLimit(int(match["n"]), code)
    raise DateError(f"{original!r} is no period limit; write e.g. ไม่เกิน 3 ปี, at most 18 "
                    "months or P3Y")


def limit_or_none(text: str | None) -> DurationLimit | None:
    if _is_missing(text):
        return None
    return parse_limit(str(text))
