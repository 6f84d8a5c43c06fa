import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dates import (
    DateError,
    DateValue,
    DurationLimit,
    be_year,
    ce_year_of,
    first_year,
    format_be,
    format_when,
    from_edtf,
    parse_date,
    parse_limit,
    parse_when,
    parse_year,
)

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17/11/2558", D(2015, 11, 17)),
        ("17/11/2015", D(2015, 11, 17)),
        ("17-11-2558", D(2015, 11, 17)),
        ("17.11.2558", D(2015, 11, 17)),
        ("1/2/2564", D(2021, 2, 1)),
        ("17/11/58", D(2015, 11, 17)),
        ("2015-11-17", D(2015, 11, 17)),
        ("2558-11-17", D(2015, 11, 17)),
        ("2015-11-17 00:00:00", D(2015, 11, 17)),
        ("2015/11/17", D(2015, 11, 17)),
        ("17 พ.ย. 58", D(2015, 11, 17)),
        ("17 พ.ย. 2558", D(2015, 11, 17)),
        ("17 พ.ย.2558", D(2015, 11, 17)),
        ("17พ.ย.58", D(2015, 11, 17)),
        ("17 พย 58", D(2015, 11, 17)),
        ("17 พ. ย. 58", D(2015, 11, 17)),
        ("17 พฤศจิกายน 2558", D(2015, 11, 17)),
        ("17 พฤศจิกา 2558", D(2015, 11, 17)),
        ("วันที่ 17 พฤศจิกายน พ.ศ. 2558", D(2015, 11, 17)),
        ("17 พฤศจิกายน พ.ศ.2558", D(2015, 11, 17)),
        ("๑๗ พฤศจิกายน ๒๕๕๘", D(2015, 11, 17)),
        ("๑๗/๑๑/๒๕๕๘", D(2015, 11, 17)),
        ("17\u200b/11/2558", D(2015, 11, 17)),
        ("  17   พ.ย.   2558  ", D(2015, 11, 17)),
        ("17 November 2015", D(2015, 11, 17)),
        ("17 november 2015", D(2015, 11, 17)),
        ("17 Nov 2015", D(2015, 11, 17)),
        ("17 Nov. 2015", D(2015, 11, 17)),
        ("17 Nov 2558 BE", D(2015, 11, 17)),
        ("17 Nov 2015 CE", D(2015, 11, 17)),
        ("17 Nov 2015 AD", D(2015, 11, 17)),
        ("17 September 2015", D(2015, 9, 17)),
        ("17 Sept 2015", D(2015, 9, 17)),
        ("November 17, 2015", D(2015, 11, 17)),
        ("Nov 17th 2015", D(2015, 11, 17)),
        ("17 พฤศจิกายน ค.ศ. 2015", D(2015, 11, 17)),
        # the seed documents' dates
        ("7 กันยายน 2559", D(2016, 9, 7)),
        ("23 กุมภาพันธ์ 2564", D(2021, 2, 23)),
        ("12 มิ.ย. 62", D(2019, 6, 12)),
        ("31 พ.ค. 2567", D(2024, 5, 31)),
        # every Thai abbreviation
        ("1 ม.ค. 2560", D(2017, 1, 1)),
        ("1 ก.พ. 2560", D(2017, 2, 1)),
        ("1 มี.ค. 2560", D(2017, 3, 1)),
        ("1 เม.ย. 2560", D(2017, 4, 1)),
        ("1 พ.ค. 2560", D(2017, 5, 1)),
        ("1 มิ.ย. 2560", D(2017, 6, 1)),
        ("1 ก.ค. 2560", D(2017, 7, 1)),
        ("1 ส.ค. 2560", D(2017, 8, 1)),
        ("1 ก.ย. 2560", D(2017, 9, 1)),
        ("1 ต.ค. 2560", D(2017, 10, 1)),
        ("1 ธ.ค. 2560", D(2017, 12, 1)),
        # leap days: 2563 BE = 2020 CE is a leap year
        ("29/02/2563", D(2020, 2, 29)),
        ("29 กุมภาพันธ์ 2563", D(2020, 2, 29)),
        ("2020-02-29", D(2020, 2, 29)),
        ("29/02/2543", D(2000, 2, 29)),
    ],
)
def test_parse_date_reads_thai_and_english_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("31/02/2564", "28 days"),
        ("29/02/2562", "day 29 does not exist"),
        ("29 ก.พ. 2562", "does not exist"),
        ("2019-02-29", "does not exist"),
        ("31/04/2558", "30 days"),
        ("13/13/2558", "no month 13"),
        ("0/11/2558", "day 0"),
        ("17 Nov 15", "2-digit year"),
        ("17 Brumaire 2558", "not a month"),
        ("next Tuesday", "not a date"),
        ("", "empty"),
        ("17/11/1558", "out of range"),
        ("17 Nov 2015 BE", "no BE year"),
        ("17 Nov 2558 CE", "looks like a BE year"),
    ],
)
def test_parse_date_explains_what_is_wrong(text, fragment):
    with pytest.raises(DateError, match=fragment):
        parse_date(text)


def test_date_error_is_a_value_error():
    assert issubclass(DateError, ValueError)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2015, 11, 17), dt.date(2015, 11, 17)),
        (dt.datetime(2015, 11, 17, 9, 30), dt.date(2015, 11, 17)),
        # a BE date typed into an Excel date cell
        (dt.datetime(2558, 11, 17), dt.date(2015, 11, 17)),
    ],
)
def test_parse_date_accepts_date_objects(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2558", 2015),
        ("2015", 2015),
        ("พ.ศ. 2558", 2015),
        ("พ.ศ.2564", 2021),
        ("ค.ศ. 2021", 2021),
        ("2564 BE", 2021),
        ("๒๕๖๔", 2021),
        ("58", 2015),
        (2562, 2019),
        (2019, 2019),
        (2562.0, 2019),
    ],
)
def test_parse_year(text, expected):
    assert parse_year(text) == expected


@pytest.mark.parametrize("text", ["year 2558", "20155", "abc", "1066", True])
def test_parse_year_refuses_non_years(text):
    with pytest.raises(DateError):
        parse_year(text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(dt.date(2015, 11, 17), 2558), (2015, 2558), (dt.date(2020, 2, 29), 2563)],
)
def test_be_year(value, expected):
    assert be_year(value) == expected


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (dt.date(2015, 11, 17), "th", "17 พ.ย. 2558"),
        (dt.date(2015, 11, 17), "en", "17 Nov 2558 BE"),
        (dt.date(2020, 2, 29), "th", "29 ก.พ. 2563"),
        (dt.date(2019, 6, 1), "en", "1 Jun 2562 BE"),
    ],
)
def test_format_be(value, lang, expected):
    assert format_be(value, lang) == expected


@pytest.mark.parametrize("day", [dt.date(2015, 11, 17), dt.date(2020, 2, 29), dt.date(2024, 5, 31)])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_format_be_round_trips_through_parse_date(day, lang):
    assert parse_date(format_be(day, lang)) == day


def test_format_be_refuses_unknown_language():
    with pytest.raises(ValueError, match="unknown language"):
        format_be(dt.date(2015, 11, 17), "fr")


# --- dates at their precision -----------------------------------------------------------------

DAY, MONTH, YEAR = DateValue.day, DateValue.month, DateValue.year


@pytest.mark.parametrize(
    ("text", "expected", "edtf"),
    [
        # the seed documents, as written
        ("7-8 กันยายน 2559", DAY(D(2016, 9, 7), D(2016, 9, 8)), "2016-09-07/2016-09-08"),
        ("ระหว่างวันที่ 7-8 กันยายน 2559", DAY(D(2016, 9, 7), D(2016, 9, 8)),
         "2016-09-07/2016-09-08"),
        ("12 – 13 มิถุนายน 2562", DAY(D(2019, 6, 12), D(2019, 6, 13)), "2019-06-12/2019-06-13"),
        ("เดือนมิถุนายน พ.ศ. 2562", MONTH(2019, 6), "2019-06"),
        ("เดือนพฤษภาคม พ.ศ. 2567", MONTH(2024, 5), "2024-05"),
        ("23 กุมภาพันธ์ 2564", DAY(D(2021, 2, 23)), "2021-02-23"),
        ("มิถุนายน 2562", MONTH(2019, 6), "2019-06"),
        ("มิ.ย. 62", MONTH(2019, 6), "2019-06"),
        ("๗-๘ ก.ย. ๒๕๕๙", DAY(D(2016, 9, 7), D(2016, 9, 8)), "2016-09-07/2016-09-08"),
        ("มิ.ย. 2562 – พ.ค. 2567", MONTH(2019, 6, 2024, 5), "2019-06/2024-05"),
        ("มิถุนายน 2562 ถึง พฤษภาคม 2567", MONTH(2019, 6, 2024, 5), "2019-06/2024-05"),
        ("30 ก.ย. – 2 ต.ค. 2559", DAY(D(2016, 9, 30), D(2016, 10, 2)), "2016-09-30/2016-10-02"),
        ("พ.ศ. 2559", YEAR(2016), "2016"),
        ("2559", YEAR(2016), "2016"),
        ("2559-2561", YEAR(2016, 2018), "2016/2018"),
        ("June 2019", MONTH(2019, 6), "2019-06"),
        ("7-8 September 2016", DAY(D(2016, 9, 7), D(2016, 9, 8)), "2016-09-07/2016-09-08"),
        # ISO 8601 / EDTF
        ("2016-09-07/2016-09-08", DAY(D(2016, 9, 7), D(2016, 9, 8)), "2016-09-07/2016-09-08"),
        ("2019-06", MONTH(2019, 6), "2019-06"),
        ("2019-06/2024-05", MONTH(2019, 6, 2024, 5), "2019-06/2024-05"),
        ("2016", YEAR(2016), "2016"),
        ("2016-09-07", DAY(D(2016, 9, 7)), "2016-09-07"),
        (D(2016, 9, 7), DAY(D(2016, 9, 7)), "2016-09-07"),
    ],
)
def test_parse_when_keeps_the_precision_written(text, expected, edtf):
    value = parse_when(text)
    assert value == expected
    assert value.edtf() == edtf
    assert from_edtf(edtf) == expected


@pytest.mark.parametrize(
    ("value", "th", "en"),
    [
        (DAY(D(2016, 9, 7), D(2016, 9, 8)), "7–8 ก.ย. 2559", "7–8 Sep 2559 BE"),
        (DAY(D(2016, 9, 7)), "7 ก.ย. 2559", "7 Sep 2559 BE"),
        (DAY(D(2016, 9, 30), D(2016, 10, 2)), "30 ก.ย. – 2 ต.ค. 2559", "30 Sep – 2 Oct 2559 BE"),
        (DAY(D(2016, 12, 30), D(2017, 1, 2)), "30 ธ.ค. 2559 – 2 ม.ค. 2560",
         "30 Dec 2559 – 2 Jan 2560 BE"),
        (MONTH(2019, 6), "มิ.ย. 2562", "Jun 2562 BE"),
        (MONTH(2019, 6, 2024, 5), "มิ.ย. 2562 – พ.ค. 2567", "Jun 2562 – May 2567 BE"),
        (MONTH(2019, 6, 2019, 8), "มิ.ย. – ส.ค. 2562", "Jun – Aug 2562 BE"),
        (YEAR(2016), "พ.ศ. 2559", "2559 BE"),
        (YEAR(2016, 2018), "พ.ศ. 2559–2561", "2559–2561 BE"),
    ],
)
def test_date_value_is_shown_in_be_at_its_precision(value, th, en):
    assert value.format("th") == th
    assert value.format("en") == en
    assert format_when(value.edtf(), "th") == th


def test_a_month_is_never_shown_with_a_day():
    shown = MONTH(2019, 6).format("th")
    assert not any(char.isdigit() for char in shown.split()[0])
    assert format_when(None) == "—"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("ไม่เกิน 3 ปี", "not a date"),
        ("31 กุมภาพันธ์ 2564", "does not exist"),
        ("2019-13", "no month 13"),
        ("8-7 กันยายน 2559", "before"),
        ("มิ.ย. 2562 – 2567", "different precisions"),
        ("", "empty"),
        ("พ.ศ. 2559 AD", "both BE and CE"),
    ],
)
def test_parse_when_explains_what_is_wrong(text, fragment):
    with pytest.raises(DateError, match=fragment):
        parse_when(text)


@pytest.mark.parametrize("text", ["2016-9", "2016-09-07/2016-09-08/2016-09-09", "16", "1066"])
def test_from_edtf_refuses_what_it_does_not_write(text):
    with pytest.raises(DateError):
        from_edtf(text)


def test_date_value_refuses_a_month_that_is_not_whole():
    with pytest.raises(DateError, match="whole months"):
        DateValue(D(2019, 6, 2), D(2019, 6, 30), "month")


def test_date_values_sort_and_give_their_year():
    values = [MONTH(2019, 6), DAY(D(2016, 9, 7), D(2016, 9, 8)), YEAR(2016), DAY(D(2019, 6, 12))]
    ordered = sorted(values, key=lambda value: value.sort_key)
    assert ordered == [YEAR(2016), DAY(D(2016, 9, 7), D(2016, 9, 8)), MONTH(2019, 6),
                       DAY(D(2019, 6, 12))]
    assert [value.be_year for value in ordered] == [2559, 2559, 2562, 2562]
    assert first_year("2016-09-07/2016-09-08") == 2016 and first_year("") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ไม่เกิน 3 ปี", DurationLimit(3, "Y")), ("ระยะไม่เกิน 3 ปี", DurationLimit(3, "Y")),
     ("ภายใน 18 เดือน", DurationLimit(18, "M")), ("at most 2 years", DurationLimit(2, "Y")),
     ("P3Y", DurationLimit(3, "Y")), ("ไม่เกิน ๓ ปี", DurationLimit(3, "Y"))],
)
def test_parse_limit(text, expected):
    assert parse_limit(text) == expected
    assert parse_limit(expected.iso()) == expected
    assert parse_limit(expected.format("th")) == expected
    assert parse_limit(expected.format("en")) == expected


def test_limit_is_shown_as_written():
    assert DurationLimit(3).format("th") == "ไม่เกิน 3 ปี"
    assert DurationLimit(1, "M").format("en") == "at most 1 month"
    with pytest.raises(DateError, match="period limit"):
        parse_limit("3 ปี")


def test_ce_year_of_reads_be_and_ce():
    assert ce_year_of(2559) == 2016 and ce_year_of(2016) == 2016


_days = st.dates(min_value=D(1950, 1, 1), max_value=D(2150, 12, 31))


@st.composite
def date_values(draw):
    precision = draw(st.sampled_from(("day", "month", "year")))
    first, last = sorted((draw(_days), draw(_days)))
    if draw(st.booleans()):
        last = first
    if precision == "day":
        return DAY(first, last)
    if precision == "month":
        return MONTH(first.year, first.month, last.year, last.month)
    return YEAR(first.year, last.year)


@given(date_values())
def test_edtf_round_trip(value):
    assert from_edtf(value.edtf()) == value
    assert parse_when(value.edtf()) == value


@given(date_values(), st.sampled_from(("th", "en")))
def test_shown_text_reads_back_to_the_same_value(value, lang):
    assert parse_when(value.format(lang)) == value


@given(st.integers(1, 999), st.sampled_from("YMD"), st.sampled_from(("th", "en")))
def test_limit_round_trip(amount, unit, lang):
    limit = DurationLimit(amount, unit)
    assert parse_limit(limit.format(lang)) == limit == parse_limit(limit.iso())
