"""The downloadable import template: the columns the importer reads, in Thai and English.

Row 1 holds the Thai headers, row 2 the English ones, row 3 the HXL hashtags,
then an example row taken from a seed document (Maruebo Tok, Ra-ngae,
Narathiwat — 001_…txt). The reader recognises all three header rows, so a
filled-in template imports as it is.
"""

from __future__ import annotations

import csv
import io

# (Thai header, English header, HXL tag, example value)
COLUMNS = (
    ("โครงการ", "Programme", "#activity+programme", ""),
    ("จังหวัด", "Province", "#adm1+name", "นราธิวาส"),
    ("อำเภอ/เขต", "District", "#adm2+name", "ระแงะ"),
    ("ตำบล/แขวง", "Subdistrict", "#adm3+name", "มะรือโบตก"),
    ("หมู่ที่", "Village no.", "#adm4+name", ""),
    ("รหัสพื้นที่", "Area code", "#adm3+code", "960510"),
    ("สถานะ", "Status", "#status", "ดำเนินการ"),
    ("ปี พ.ศ.", "Year", "#date+year", "2562"),
    ("เป้าหมาย", "Target", "#targeted", ""),
    ("หน่วย", "Unit", "#indicator+unit", ""),
    ("หน่วยงาน", "Organisation", "#org+impl", "สสส."),
    ("วันที่เริ่ม", "Start date", "#date+start", ""),
    ("วันที่สิ้นสุด", "End date", "#date+end", ""),
)
NOTES = (
    "กรอกตั้งแต่แถวที่ 4 ลงไป · Fill in from row 4 down.",
    "ชื่อพื้นที่: เขียนแบบใดก็ได้ (จ./อ./ต., ไทยหรืออังกฤษ) หรือใส่รหัส DOPA · Names in Thai or "
    "English, with or without จ./อ./ต.; or a DOPA code (2/4/6 digits, 8 for a village).",
    "สถานะ: วางแผน / ดำเนินการ / เสร็จสิ้น · Status: planned / active / completed.",
    "ปีและวันที่: พ.ศ. หรือ ค.ศ. ก็ได้ (17/11/2558, 2015-11-17, 17 พ.ย. 58) · Years and dates "
    "in BE or CE.",
    "เป้าหมาย ต้องมีหน่วย (หมู่บ้าน, ตำบล, เครือข่าย …) · A target needs its unit.",
)


def rows() -> list[list[str]]:
    return [[column[index] for column in COLUMNS] for index in range(4)]


def template_csv() -> bytes:
    """The template as CSV in UTF-8 with BOM, so Excel shows the Thai headers."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows())
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    """The template as an XLSX: a data sheet and a sheet of notes."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "data"
    for row in rows():
        sheet.append(row)
    for cell in sheet[1] + sheet[2]:
        cell.font = Font(bold=True)
    for cell in sheet[3]:
        cell.font = Font(italic=True, color="666666")
    for cell in sheet[1] + sheet[2] + sheet[3]:
        cell.fill = PatternFill("solid", fgColor="EEEEEE")
    for column, (thai, *_rest) in zip(sheet.columns, COLUMNS, strict=True):
        sheet.column_dimensions[column[0].column_letter].width = max(14, len(thai) + 6)
    # Codes keep their digits as text (Excel would drop nothing here, but a pasted 0 could).
    code_column = next(i for i, c in enumerate(COLUMNS, start=1) if c[2] == "#adm3+code")
    sheet.cell(4, code_column).number_format = "@"
    sheet.freeze_panes = "A4"
    notes = workbook.create_sheet("notes")
    for note in NOTES:
        notes.append([note])
    notes.column_dimensions["A"].width = 120
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
