"""Read the tables planners keep (XLSX, CSV, GeoJSON points) into plain rows.

What real files do, and what this module does about it:

* the header is not on row 1 (a title and blank rows above it): the header is
  the row, among the first :data:`HEADER_SCAN_ROWS`, in which most cells are
  recognised headers (Thai or English, see :data:`HEADER_WORDS`);
* header cells are merged across columns or rows: merged ranges are filled
  with their value before the header is chosen;
* a second header row (English under Thai) and an HXL row (``#adm1+name`` …)
  follow the header: both are recognised and skipped, HXL tags also map columns;
* CSV encodings: tried in a fixed order — a BOM (UTF-8/UTF-16), strict UTF-8,
  then cp874 (Thai Windows, a superset of TIS-620). The first that decodes
  is used and reported; the order is deterministic, so the same file always
  reads the same way;
* XLSX files are zip archives: the declared uncompressed sizes are checked
  before anything is opened, so a zip bomb is refused, not unpacked;
* a sheet may declare (or merge) a range far larger than the cells it holds:
  only cells actually present are read, merged ranges are clipped to them, and
  rows, columns and cells are counted against :class:`Limits` before anything
  is filled in, within a time budget.

Every row keeps the row number the user sees in the file, so a report can say
"row 17" and mean the row they will find in Excel.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from loaders.names import clean

HEADER_SCAN_ROWS = 30

# field -> header spellings, compared after _header_key()
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "province": ("จังหวัด", "จ", "ชื่อจังหวัด", "province", "provincename", "changwat", "adm1",
                 "adm1name", "prov"),
    "district": ("อำเภอ", "อำเภอเขต", "เขต", "อ", "ชื่ออำเภอ", "district", "districtname",
                 "amphoe", "amphur", "adm2", "adm2name", "khet"),
    "subdistrict": ("ตำบล", "ตำบลแขวง", "แขวง", "ต", "ชื่อตำบล", "subdistrict", "subdistrictname",
                    "tambon", "tambol", "adm3", "adm3name", "khwaeng"),
    "village": ("หมู่ที่", "หมู่", "หมู่บ้าน", "ม", "บ้าน", "village", "villageno", "moo", "muban",
                "villagenumber"),
    "code": ("รหัส", "รหัสพื้นที่", "รหัสตำบล", "รหัสอำเภอ", "รหัสจังหวัด", "รหัสหมู่บ้าน",
             "รหัสมหาดไทย", "code", "areacode", "dopacode", "geocode", "pcode", "admincode",
             "adm3pcode", "adm2pcode", "adm1pcode"),
    "area": ("พื้นที่", "ที่อยู่", "สถานที่", "พื้นที่ดำเนินการ", "area", "address", "location",
             "place"),
    "programme": ("โครงการ", "ชื่อโครงการ", "แผนงาน", "programme", "program", "project",
                  "programmeslug", "programmeid", "programmetitle"),
    "organisation": ("หน่วยงาน", "องค์กร", "หน่วยงานรับผิดชอบ", "หน่วยงานดำเนินการ",
                     "organisation", "organization", "org", "agency", "implementer"),
    "status": ("สถานะ", "สถานะการดำเนินงาน", "status"),
    "year": ("ปี", "ปีพศ", "ปีงบประมาณ", "พศ", "year", "fiscalyear"),
    "start": ("วันที่เริ่ม", "วันเริ่ม", "วันที่เริ่มต้น", "เริ่ม", "start", "startdate", "from",
              "startson", "starton", "start_on"),
    "end": ("วันที่สิ้นสุด", "วันสิ้นสุด", "สิ้นสุด", "end", "enddate", "to", "endon"),
    "target": ("เป้าหมาย", "จำนวนเป้าหมาย", "ค่าเป้าหมาย", "target", "targets", "planned"),
    "actual": ("ผลงาน", "ผลการดำเนินงาน", "ผลที่ได้", "actual", "achieved", "reached"),
    "measure": ("หน่วย", "หน่วยนับ", "measure", "unit", "units"),
    "lat": ("lat", "latitude", "ละติจูด"),
    "lon": ("lon", "lng", "long", "longitude", "ลองจิจูด"),
}
# HXL hashtag (with attributes, sorted) -> field; matched most specific first.
HXL_TAGS: dict[str, str] = {
    "#adm1+name": "province", "#adm1": "province",
    "#adm2+name": "district", "#adm2": "district",
    "#adm3+name": "subdistrict", "#adm3": "subdistrict",
    "#adm4+name": "village", "#adm4": "village", "#loc+village": "village",
    "#adm1+code": "code", "#adm2+code": "code", "#adm3+code": "code", "#adm4+code": "code",
    "#loc+name": "area", "#loc": "area",
    "#activity+programme": "programme", "#activity": "programme", "#project": "programme",
    "#org+impl": "organisation", "#org": "organisation",
    "#status": "status",
    "#date+year": "year", "#year": "year",
    "#date+start": "start", "#date+end": "end",
    "#targeted": "target", "#indicator+target": "target",
    "#reached": "actual", "#indicator+actual": "actual",
    "#indicator+unit": "measure", "#meta+unit": "measure",
    "#geo+lat": "lat", "#geo+lon": "lon",
}
# Several code columns: the finest level is the one to resolve.
_CODE_RANK = {"#adm4+code": 4, "#adm3+code": 3, "#adm2+code": 2, "#adm1+code": 1}

_HEADER_KEY = re.compile(r"[\s.\-_/()'’:*]")
_HEADER_INDEX = {
    _HEADER_KEY.sub("", word.lower()): name for name, words in HEADER_WORDS.items()
    for word in words
}


class ReadError(Exception):
    """A file this module cannot read; the message tells the user what to do."""


@dataclass(frozen=True)
class Limits:
    """Upload limits: a web form must not let one file exhaust the server."""

    max_bytes: int = 20 * 1024 * 1024
    max_rows: int = 100_000
    max_columns: int = 500
    # Cells a table may span (rows x columns), merged ranges filled in included.
    max_cells: int = 3_000_000
    max_sheets: int = 50
    max_uncompressed: int = 300 * 1024 * 1024
    # Text XML compresses well, ~10-20x; a ratio far above that is a zip bomb.
    max_ratio: int = 200
    # Wall-clock seconds reading one file may take before it is given up.
    max_seconds: float = 30.0


DEFAULT_LIMITS = Limits()


@dataclass
class Table:
    """A file's data rows under its own header labels, with how it was read."""

    frame: pd.DataFrame
    row_numbers: list[int]
    mapping: dict[str, str]
    header_row: int
    kind: str
    encoding: str | None = None
    note: str = ""
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    hxl: dict[str, str] = field(default_factory=dict)

    def column(self, name: str) -> pd.Series | None:
        """The column mapped to field `name`, or None."""
        label = self.mapping.get(name)
        return None if label is None else self.frame[label]


def header_field(label: object) -> str | None:
    """The field a header cell names ("ตำบล/แขวง" -> subdistrict), or None."""
    key = _HEADER_KEY.sub("", clean(label).lower())
    if not key:
        return None
    if key in _HEADER_INDEX:
        return _HEADER_INDEX[key]
    # "จังหวัด (Province)": the words before the bracket decide.
    head = _HEADER_KEY.sub("", re.split(r"[(\[]", clean(label).lower())[0])
    return _HEADER_INDEX.get(head)


def hxl_field(tag: object) -> tuple[str, int] | None:
    """The field an HXL hashtag names, and its rank among code columns."""
    text = clean(tag).lower().replace(" ", "")
    if not text.startswith("#"):
        return None
    base, *attributes = text.split("+")
    for size in range(len(attributes), -1, -1):
        for chosen in _subsets(sorted(attributes), size):
            tag_key = "+".join([base, *chosen])
            if tag_key in HXL_TAGS:
                return HXL_TAGS[tag_key], _CODE_RANK.get(tag_key, 0)
    return None


def _subsets(items: list[str], size: int) -> list[list[str]]:
    if size == 0:
        return [[]]
    return [[items[i], *rest] for i in range(len(items))
            for rest in _subsets(items[i + 1:], size - 1)]


def is_hxl_row(cells: list[object]) -> bool:
    filled = [clean(c) for c in cells if clean(c)]
    return bool(filled) and sum(c.startswith("#") for c in filled) * 2 > len(filled)


def _fields(cells: list[object]) -> set[str]:
    return {name for name in map(header_field, cells) if name}


def _recognised(cells: list[object]) -> int:
    return len(_fields(cells))


def detect_header(rows: list[list[object]]) -> int:
    """The index of the header row.

    It is the row, among the first HEADER_SCAN_ROWS, naming the most distinct
    fields — or the row right above it when that one names mostly the same
    fields (a Thai header above its English translation).
    """
    best, best_fields = None, set()
    for index, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        fields = _fields(cells)
        if len(fields) > len(best_fields):
            best, best_fields = index, fields
    if best is not None:
        while best > 0 and len(_fields(rows[best - 1]) & best_fields) * 4 >= len(best_fields) * 3:
            best -= 1
        return best
    for index, cells in enumerate(rows):
        if any(clean(c) for c in cells):
            return index
    raise ReadError("the file has no rows")


def build_table(rows: list[list[object]], first_row_number: int = 1, **info) -> Table:
    """A Table from raw rows (lists of cells) as they stand in the file."""
    width = max((len(r) for r in rows), default=0)
    _check_shape(len(rows), width, info.pop("limits", DEFAULT_LIMITS))
    rows = [list(r) + [None] * (width - len(r)) for r in rows]
    header_index = detect_header(rows)
    header = rows[header_index]
    labels = _unique_labels(header)
    mapping: dict[str, str] = {}
    for label, cell in zip(labels, header, strict=True):
        name = header_field(cell)
        if name and name not in mapping:
            mapping[name] = label
    start = header_index + 1
    hxl: dict[str, str] = {}
    code_rank = -1
    # Rows right under the header that are a second header (English) or HXL tags.
    while start < len(rows):
        cells = rows[start]
        if is_hxl_row(cells):
            for label, tag in zip(labels, cells, strict=True):
                found = hxl_field(tag) if clean(tag) else None
                if clean(tag):
                    hxl[label] = clean(tag)
                if found is None:
                    continue
                name, rank = found
                if name == "code" and rank > code_rank:
                    mapping["code"], code_rank = label, rank
                elif name != "code":
                    mapping.setdefault(name, label)
        elif _recognised(cells) * 2 >= max(1, _recognised(header)):
            for label, cell in zip(labels, cells, strict=True):
                if (name := header_field(cell)) and name not in mapping:
                    mapping[name] = label
        else:
            break
        start += 1
    data, numbers = [], []
    for offset, cells in enumerate(rows[start:]):
        if any(clean(c) for c in cells if c is not None):
            data.append(cells)
            numbers.append(first_row_number + start + offset)
    if not data:
        raise ReadError(f"no data rows under the header on row {first_row_number + header_index}"
                        "; fill in at least one row")
    frame = pd.DataFrame(data, columns=labels, dtype=object)
    return Table(frame, numbers, mapping, header_row=first_row_number + header_index,
                 hxl=hxl, **info)


def _unique_labels(header: list[object]) -> list[str]:
    labels, seen = [], {}
    for index, cell in enumerate(header):
        label = clean(cell) or f"column {index + 1}"
        if label in seen:
            seen[label] += 1
            label = f"{label} ({seen[label]})"
        else:
            seen[label] = 1
        labels.append(label)
    return labels


# ---- CSV ------------------------------------------------------------------------------------

def decode(data: bytes) -> tuple[str, str, str]:
    """The text of a CSV, the encoding used and a note for the user."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode_marked(data[3:], "utf-8"), "utf-8-sig", "UTF-8 with BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_marked(data, "utf-16"), "utf-16", "UTF-16 (byte-order mark)"
    try:
        return data.decode("utf-8"), "utf-8", "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError as error:
        raise ReadError(
            "the file is neither UTF-8 nor Thai Windows (cp874/TIS-620) text: byte "
            f"{data[error.start:error.start + 1].hex()} at position {error.start}. Save it "
            "from Excel as 'CSV UTF-8' and upload again"
        ) from None
    return text, "cp874", ("Thai Windows cp874 / TIS-620 (not UTF-8); if letters look wrong, "
                           "save as 'CSV UTF-8'")


def _decode_marked(data: bytes, encoding: str) -> str:
    """Text that a byte-order mark says is `encoding`; damaged text is refused, not guessed."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        name = "UTF-8" if encoding == "utf-8" else "UTF-16"
        odd = ", an odd number of bytes" if encoding == "utf-16" and len(data) % 2 else ""
        raise ReadError(
            f"the file starts with a {name} byte-order mark but is not valid {name} text "
            f"(at byte {error.start}{odd}); save it again from Excel as 'CSV UTF-8' and "
            "upload that"
        ) from None


def _csv_rows(text: str, limits: Limits) -> list[list[str]]:
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    rows, cells = [], 0
    try:
        for row in reader:
            rows.append(row)
            cells += len(row)
            if len(row) > limits.max_columns or len(rows) > limits.max_rows + HEADER_SCAN_ROWS \
                    or cells > limits.max_cells:
                _check_shape(len(rows), len(row), limits, cells)
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise ReadError(f"a cell on line {reader.line_num} is longer than "
                            f"{csv.field_size_limit():,} characters; a table cell holds a name "
                            "or a number — check the file is the table you meant") from None
        raise ReadError(f"line {reader.line_num} is not valid CSV ({error}); save the file "
                        "again from Excel as 'CSV UTF-8'") from None
    return rows


def read_csv(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Table:
    text, encoding, note = decode(data)
    rows = _csv_rows(text, limits)
    _check_rows(len(rows), limits)
    return build_table(rows, kind="csv", encoding=encoding, note=f"read as {note}",
                       limits=limits)


# ---- XLSX -----------------------------------------------------------------------------------

def check_xlsx(data: bytes, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse an XLSX that is no zip, or whose declared contents are too large."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError("this is not a valid .xlsx file (not a zip archive); if it is an old "
                        ".xls file, open it in Excel and save as .xlsx") from None
    with archive:
        members = archive.infolist()
        total = sum(m.file_size for m in members)
        if total > limits.max_uncompressed:
            raise ReadError(f"the workbook unpacks to {total / 2**20:.0f} MB, more than the "
                            f"{limits.max_uncompressed / 2**20:.0f} MB allowed; split it")
        for member in members:
            if member.file_size > limits.max_ratio * max(member.compress_size, 1) and \
                    member.file_size > 1024 * 1024:
                raise ReadError(f"the workbook part {member.filename!r} expands "
                                f"{member.file_size // max(member.compress_size, 1)}-fold; "
                                "it looks like a zip bomb and was not opened")
        sheets = [m for m in members if re.match(r"xl/worksheets/[^/]+\.xml$", m.filename)]
        if len(sheets) > limits.max_sheets:
            raise ReadError(f"the workbook has {len(sheets)} sheets, more than the "
                            f"{limits.max_sheets} allowed")
        if "xl/workbook.xml" not in archive.namelist():
            raise ReadError("this zip file is not an Excel workbook (.xlsx)")


def _open_workbook(data: bytes, limits: Limits):
    import openpyxl

    check_xlsx(data, limits)
    try:
        # Read-only streams rows (3-4x faster); merged ranges are read from the XML below.
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for damaged files
        raise ReadError(f"Excel could not read this workbook ({type(error).__name__}: "
                        f"{error}); open and re-save it in Excel") from None


def sheet_names(data: bytes, limits: Limits = DEFAULT_LIMITS) -> list[str]:
    workbook = _open_workbook(data, limits)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def _merged_ranges(data: bytes, sheet_path: str) -> set[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of each distinct merged range in a sheet's XML."""
    from openpyxl.utils.cell import range_boundaries

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(sheet_path.lstrip("/"))
    return {range_boundaries(ref.decode()) for ref in set(_MERGE_CELL.findall(xml))}


class _Budget:
    """The time one file may take; checked between pieces of work, not by a timer."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.max_seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise ReadError(f"reading the file took more than {self.limits.max_seconds:.0f} s "
                            "and was stopped; split it, or re-save it in Excel without "
                            "formatting on empty rows and columns")


def _sheet_rows(worksheet, limits: Limits, budget: _Budget) -> list[list[object]]:
    """A sheet's rows holding only the cells that have a value.

    openpyxl's own iteration pads every row to the widest cell (or the declared
    dimension): one styled cell in column XFD makes each row 16,384 wide. The
    sheet's parser is read directly instead, and widths are checked before any
    row is built.
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    workbook = worksheet.parent
    rows: list[list[object]] = []
    cells = 0
    with worksheet._get_source() as source:
        parser = WorkSheetParser(source, worksheet._shared_strings, data_only=True,
                                 epoch=workbook.epoch, date_formats=workbook._date_formats,
                                 timedelta_formats=workbook._timedelta_formats)
        for number, row in parser.parse():
            if number % 1000 == 0:
                budget.check()
            present = [(cell["column"], cell["value"]) for cell in row
                       if cell["value"] is not None]
            if not present:
                continue
            width = max(column for column, _ in present)
            cells += width
            _check_shape(number, width, limits, cells)
            values = [None] * width
            for column, value in present:
                values[column - 1] = value
            if number > len(rows):
                rows.extend([] for _ in range(number - 1 - len(rows)))
                rows.append(values)
            else:
                rows[number - 1] = values
    return rows


def _fill_merged(rows: list[list[object]], ranges, limits: Limits, budget: _Budget) -> None:
    """Copy each merged range's top-left value over the range, clipped to the cells present."""
    width = max((len(row) for row in rows), default=0)
    clipped = []
    for min_col, min_row, max_col, max_row in ranges:
        max_row, max_col = min(max_row, len(rows)), min(max_col, width)
        if min_row <= max_row and min_col <= max_col:
            clipped.append((min_col, min_row, max_col, max_row))
    filled = sum((c2 - c1 + 1) * (r2 - r1 + 1) for c1, r1, c2, r2 in clipped)
    present = sum(len(row) for row in rows)
    if present + filled > limits.max_cells:
        raise ReadError(f"the sheet's merged cells cover {filled:,} cells, more than the "
                        f"{limits.max_cells:,} allowed; unmerge them in Excel (Home → Merge & "
                        "Center → Unmerge Cells) and upload again")
    for min_col, min_row, max_col, max_row in clipped:
        budget.check()
        top = rows[min_row - 1]
        value = top[min_col - 1] if min_col <= len(top) else None
        for r in range(min_row, max_row + 1):
            row = rows[r - 1]
            row.extend([None] * (max_col - len(row)))
            row[min_col - 1:max_col] = [value] * (max_col - min_col + 1)


def read_xlsx(data: bytes, sheet: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Table:
    rows, sheet, names = xlsx_rows(data, sheet, limits)
    return build_table(rows, kind="xlsx", sheet=sheet, sheets=names,
                       note=f"read sheet {sheet!r} of {len(names)}", limits=limits)


def xlsx_rows(data: bytes, sheet: str | None = None, limits: Limits = DEFAULT_LIMITS
              ) -> tuple[list[list[object]], str, list[str]]:
    """A sheet's rows as cell values (merged ranges filled in), its name and all sheet names."""
    budget = _Budget(limits)
    workbook = _open_workbook(data, limits)
    try:
        names = list(workbook.sheetnames)
        if sheet is None:
            sheet = names[0]
        elif sheet not in names:
            raise ReadError(f"there is no sheet {sheet!r}; the sheets are: {', '.join(names)}")
        worksheet = workbook[sheet]
        rows = _sheet_rows(worksheet, limits, budget)
        sheet_path = getattr(worksheet, "_worksheet_path", None)
    except ReadError:
        raise
    except Exception as error:
        raise ReadError(f"Excel could not read sheet {sheet!r} ({type(error).__name__}: "
                        f"{error}); open and re-save it in Excel") from None
    finally:
        workbook.close()
    # A merged cell holds its value in the top-left cell only: copy it over the whole range.
    if sheet_path:
        _fill_merged(rows, _merged_ranges(data, sheet_path), limits, budget)
    while rows and not any(cell is not None and clean(cell) for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise ReadError(f"sheet {sheet!r} is empty")
    _check_rows(len(rows), limits)
    return rows, sheet, names


# ---- GeoJSON points ---------------------------------------------------------------------------

def read_geojson_points(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Table:
    """Point features as rows: their properties plus lat and lon columns."""
    try:
        collection = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReadError(f"this is not valid GeoJSON ({error})") from None
    except RecursionError:
        raise ReadError("this GeoJSON is nested too deeply to read; a FeatureCollection of "
                        "Points is expected") from None
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        raise ReadError("this GeoJSON has no 'features' list (a FeatureCollection is needed)")
    _check_rows(len(features), limits)
    header = ["lat", "lon"]
    records = []
    for number, feature in enumerate(features, start=1):
        lon, lat, properties = _point_feature(number, feature)
        for key in properties:
            if key not in header:
                header.append(key)
        _check_shape(number, len(header), limits)
        records.append({**properties, "lat": lat, "lon": lon})
    rows = [header] + [[record.get(key) for key in header] for record in records]
    return build_table(rows, kind="geojson", note=f"read {len(records)} point features",
                       limits=limits)


def _point_feature(number: int, feature: object) -> tuple[float, float, dict[str, object]]:
    """A Point feature's longitude, latitude and flat properties; ReadError says what is off."""
    if not isinstance(feature, dict):
        raise ReadError(f"feature {number} is {json.dumps(feature)[:40]}, not a Feature object")
    geometry = feature.get("geometry")
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind != "Point":
        raise ReadError(f"feature {number} is a {kind!r}, not a Point")
    coordinates = geometry.get("coordinates")
    if not (isinstance(coordinates, list) and len(coordinates) >= 2
            and all(_is_number(c) for c in coordinates[:2])):
        raise ReadError(f"feature {number}: a Point needs coordinates [longitude, latitude] "
                        f"as two numbers, not {json.dumps(coordinates)[:60]}")
    properties = feature.get("properties")
    if properties is None:
        properties = {}
    if not isinstance(properties, dict):
        raise ReadError(f"feature {number}: 'properties' must be an object of name: value "
                        f"pairs, not {type(properties).__name__ if properties else 'empty'} "
                        f"{json.dumps(properties)[:40]}")
    flat = {str(key): json.dumps(value, ensure_ascii=False)
            if isinstance(value, (dict, list)) else value for key, value in properties.items()}
    return float(coordinates[0]), float(coordinates[1]), flat


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and \
        math.isfinite(value)


# ---- any file --------------------------------------------------------------------------------

def read_file(source: str | Path | bytes, filename: str | None = None,
              sheet: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Table:
    """Read an uploaded or local file by its extension; ReadError says what went wrong."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        filename = filename or path.name
        try:
            size = path.stat().st_size
            if size > limits.max_bytes:
                raise ReadError(_too_big(size, limits))
            data = path.read_bytes()
        except OSError as error:
            raise ReadError(f"cannot open {path}: {error.strerror}") from None
    else:
        data = source
    if len(data) > limits.max_bytes:
        raise ReadError(_too_big(len(data), limits))
    suffix = Path(filename or "").suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        return read_xlsx(data, sheet, limits)
    if suffix in {".csv", ".txt", ".tsv"}:
        return read_csv(data, limits)
    if suffix in {".geojson", ".json"}:
        return read_geojson_points(data, limits)
    if suffix == ".xls":
        raise ReadError("old .xls workbooks are not read; open it in Excel and save as .xlsx")
    if data[:2] == b"PK":
        return read_xlsx(data, sheet, limits)
    raise ReadError(f"unsupported file type {suffix or '(none)'!r}: upload .xlsx, .csv or "
                    ".geojson")


def _too_big(size: int, limits: Limits) -> str:
    return (f"the file is {size / 2**20:.1f} MB, more than the {limits.max_bytes / 2**20:.0f} MB "
            "allowed; split it into smaller files")


def _check_rows(count: int, limits: Limits) -> None:
    if count > limits.max_rows:
        raise ReadError(f"the file has {count:,} rows, more than the {limits.max_rows:,} "
                        "allowed; split it into smaller files")


def _check_shape(rows: int, columns: int, limits: Limits, cells: int | None = None) -> None:
    """Refuse a table before it is built when it is too wide, too long or too large."""
    if columns > limits.max_columns:
        raise ReadError(f"the file has {columns:,} columns, more than the "
                        f"{limits.max_columns:,} allowed; keep only the columns to import")
    if rows > limits.max_rows + HEADER_SCAN_ROWS:
        _check_rows(rows, limits)
    cells = rows * columns if cells is None else cells
    if cells > limits.max_cells:
        raise ReadError(f"the file spans {cells:,} cells, more than the "
                        f"{limits.max_cells:,} allowed; split it into smaller files")


# ---- points to subdistricts ------------------------------------------------------------------

def subdistricts_at(lat: pd.Series, lon: pd.Series, subdistricts) -> pd.Series:
    """The code of the subdistrict containing each point (None outside all of them).

    `subdistricts` is a GeoDataFrame with columns ``code`` and ``geometry`` in
    EPSG:4326. Bad coordinates give None too; the caller reports them.
    """
    import geopandas as gpd

    lat_values = pd.to_numeric(lat.map(_number), errors="coerce")
    lon_values = pd.to_numeric(lon.map(_number), errors="coerce")
    valid = lat_values.between(-90, 90) & lon_values.between(-180, 180)
    result = pd.Series([None] * len(lat), index=lat.index, dtype=object)
    if not valid.any():
        return result
    points = gpd.GeoDataFrame(
        index=lat.index[valid],
        geometry=gpd.points_from_xy(lon_values[valid], lat_values[valid]),
        crs="EPSG:4326",
    )
    polygons = subdistricts[["code", "geometry"]].to_crs("EPSG:4326")
    joined = gpd.sjoin(points, polygons, how="left", predicate="within")
    first = joined[~joined.index.duplicated(keep="first")]["code"]
    for index, code in first.items():
        if isinstance(code, str):
            result.at[index] = code
    return result


def _number(value: object) -> object:
    if isinstance(value, str):
        return clean(value).replace(",", ".")
    return value
