import datetime as dt

import pytest

from loaders.dates import DateError, be_year, format_be, parse_date, parse_year

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
