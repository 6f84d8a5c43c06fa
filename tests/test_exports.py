"""Table exports: Thai survives Excel, and no cell can run as a formula."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from escaping import neutralise, neutralised
from views.exports import csv_bytes, xlsx_bytes

TABLE = pd.DataFrame({
    "รหัสพื้นที่": ["71", "7101", "=HYPERLINK(\"http://x\")"],
    "ชื่อ (ไทย)": ["กาญจนบุรี", "เมืองกาญจนบุรี", "@SUM(A1:A2)"],
    "Name": ["Kanchanaburi", "+cmd|' /C calc'!A0", "-2+3"],
    "จำนวนโครงการ": [2, 1, -4],
})


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"),
    ("+1", "'+1"),
    ("-1", "'-1"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("กาญจนบุรี", "กาญจนบุรี"),
    ("a=b", "a=b"),
    ("", ""),
    ("'=already", "'=already"),
    (5, 5),
    (-5, -5),
    (2.5, 2.5),
    (None, None),
])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_neutralised_keeps_numbers_and_marks_text():
    safe = neutralised(TABLE)
    assert safe["จำนวนโครงการ"].tolist() == [2, 1, -4]
    assert safe["Name"].tolist() == ["Kanchanaburi", "'+cmd|' /C calc'!A0", "'-2+3"]
    assert TABLE["Name"].iloc[2] == "-2+3", "the shown table is not changed"


def test_csv_has_bom_thai_and_no_formula():
    data = csv_bytes(TABLE)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(TABLE.columns)
    assert rows[1] == ["71", "กาญจนบุรี", "Kanchanaburi", "2"]
    assert rows[3][0] == "'=HYPERLINK(\"http://x\")"
    assert rows[3][1] == "'@SUM(A1:A2)"
    assert rows[3][3] == "-4"
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "@")) and not (
                cell.startswith("-") and not cell.lstrip("-").isdigit())


def test_csv_of_empty_table_is_just_the_header():
    text = csv_bytes(TABLE.iloc[:0]).decode("utf-8-sig")
    assert text.strip() == ",".join(TABLE.columns)


def test_xlsx_opens_with_openpyxl_and_holds_exactly_the_table(tmp_path):
    path = tmp_path / "areas.xlsx"
    path.write_bytes(xlsx_bytes(TABLE, sheet="พื้นที่", about={"ตัวกรอง": "=evil()",
                                                               "credit": "COD-AB"}))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["พื้นที่", "About"]
    rows = list(book["พื้นที่"].iter_rows(values_only=True))
    assert list(rows[0]) == list(TABLE.columns)
    assert rows[1] == ("71", "กาญจนบุรี", "Kanchanaburi", 2)
    assert rows[3] == ("'=HYPERLINK(\"http://x\")", "'@SUM(A1:A2)", "'-2+3", -4)
    assert len(rows) == len(TABLE) + 1
    for row in rows:
        for cell in row:
            assert not (isinstance(cell, str) and cell.startswith(("=", "+", "-", "@")))
    about = dict(book["About"].iter_rows(values_only=True))
    assert about == {"ตัวกรอง": "'=evil()", "credit": "COD-AB"}
    # openpyxl stores a string starting with "=" as a formula; none may be one.
    for sheet in book.worksheets:
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_xlsx_sheet_names_are_made_valid():
    data = xlsx_bytes(TABLE.iloc[:0], sheet="a/b:c*d?[e]" + "x" * 40)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["a_b_c_d__e_" + "x" * 20]
    assert [c.value for c in book.active[1]] == list(TABLE.columns)
