import io
import json
import re
import zipfile

import geopandas as gpd
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import box

from loaders.reading import (
    Limits,
    ReadError,
    check_xlsx,
    decode,
    detect_header,
    header_field,
    hxl_field,
    read_file,
    sheet_names,
    subdistricts_at,
)

CSV_TEXT = "จังหวัด,อำเภอ,ตำบล,ปี\nนราธิวาส,ระแงะ,มะรือโบตก,2562\nร้อยเอ็ด,ปทุมรัตต์,หนองแคน,2559\n"


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("จังหวัด", "province"), ("Province", "province"), ("PROVINCE", "province"),
        ("จังหวัด (Province)", "province"), ("ชื่อจังหวัด", "province"), ("จ.", "province"),
        ("อำเภอ", "district"), ("อำเภอ/เขต", "district"), ("เขต", "district"),
        ("District", "district"), ("amphoe", "district"),
        ("ตำบล", "subdistrict"), ("ตำบล/แขวง", "subdistrict"), ("แขวง", "subdistrict"),
        ("Sub-district", "subdistrict"), ("subdistrict", "subdistrict"), ("Tambon", "subdistrict"),
        ("หมู่ที่", "village"), ("หมู่บ้าน", "village"), ("Village", "village"), ("Moo", "village"),
        ("รหัส", "code"), ("รหัสพื้นที่", "code"), ("Code", "code"), ("geocode", "code"),
        ("ปี", "year"), ("ปี พ.ศ.", "year"), ("ปีงบประมาณ", "year"), ("Year", "year"),
        ("สถานะ", "status"), ("Status", "status"),
        ("เป้าหมาย", "target"), ("Target", "target"), ("ผลงาน", "actual"),
        ("หน่วย", "measure"), ("Unit", "measure"),
        ("โครงการ", "programme"), ("Programme", "programme"), ("Project", "programme"),
        ("หน่วยงาน", "organisation"), ("Organisation", "organisation"),
        ("วันที่เริ่ม", "start"), ("Start date", "start"), ("วันที่สิ้นสุด", "end"),
        ("lat", "lat"), ("Latitude", "lat"), ("lon", "lon"), ("lng", "lon"),
        ("ที่อยู่", "area"), ("พื้นที่", "area"),
        ("หมายเหตุ", None), ("", None), (None, None),
    ],
)
def test_header_field(label, field):
    assert header_field(label) == field


@pytest.mark.parametrize(
    ("tag", "field"),
    [
        ("#adm1+name", "province"), ("#adm2+name", "district"), ("#adm3+name", "subdistrict"),
        ("#adm3+code", "code"), ("#adm1+code", "code"), ("#org+impl", "organisation"),
        ("#org", "organisation"), ("#date+start", "start"), ("#date+end", "end"),
        ("#status", "status"), ("#targeted", "target"), ("#geo+lat", "lat"),
        ("#adm1 +name +th", "province"), ("#ADM3+NAME", "subdistrict"),
        ("#activity+programme", "programme"), ("#meta+comment", None), ("adm1", None),
    ],
)
def test_hxl_field(tag, field):
    found = hxl_field(tag)
    assert (found[0] if found else None) == field


def test_detect_header_skips_titles_and_blank_rows():
    rows = [["รายงานพื้นที่โครงการ", None, None], [None, None, None],
            ["จังหวัด", "อำเภอ", "ตำบล"], ["นราธิวาส", "ระแงะ", "มะรือโบตก"]]
    assert detect_header(rows) == 2


# ---- encodings --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (CSV_TEXT.encode("utf-8"), "utf-8"),
        (CSV_TEXT.encode("utf-8-sig"), "utf-8-sig"),
        (CSV_TEXT.encode("cp874"), "cp874"),
        (CSV_TEXT.encode("tis-620"), "cp874"),
        (CSV_TEXT.encode("utf-16"), "utf-16"),
    ],
)
def test_csv_encodings_are_detected_and_reported(tmp_path, encoded, encoding):
    path = tmp_path / "areas.csv"
    path.write_bytes(encoded)
    table = read_file(path)
    assert table.encoding == encoding
    assert table.frame.iloc[0].tolist() == ["นราธิวาส", "ระแงะ", "มะรือโบตก", "2562"]
    assert table.mapping == {"province": "จังหวัด", "district": "อำเภอ",
                             "subdistrict": "ตำบล", "year": "ปี"}
    assert table.row_numbers == [2, 3]
    assert table.note


def test_cp874_note_says_it_is_not_utf8():
    _, encoding, note = decode(CSV_TEXT.encode("cp874"))
    assert encoding == "cp874" and "not UTF-8" in note


def test_undecodable_bytes_are_refused_with_advice():
    with pytest.raises(ReadError, match="CSV UTF-8"):
        decode(b"province\n\xdb\xfc\xff\n")  # undefined in cp874 and invalid UTF-8


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiters(tmp_path, delimiter):
    path = tmp_path / "areas.csv"
    path.write_text(CSV_TEXT.replace(",", delimiter), encoding="utf-8")
    assert read_file(path).frame.shape == (2, 4)


def test_csv_hxl_row_and_english_header_row_are_skipped(tmp_path):
    path = tmp_path / "hxl.csv"
    path.write_text("จังหวัด,ตำบล,รหัส,ผู้ดำเนินการ\nProvince,Subdistrict,Code,Organisation\n"
                    "#adm1+name,#adm3+name,#adm3+code,#org+impl\n"
                    "นราธิวาส,มะรือโบตก,960510,สสส.\n", encoding="utf-8")
    table = read_file(path)
    assert table.row_numbers == [4]
    assert table.mapping["code"] == "รหัส"
    assert table.mapping["organisation"] == "ผู้ดำเนินการ"
    assert table.hxl["รหัส"] == "#adm3+code"


def test_hxl_alone_maps_columns_with_unknown_headers(tmp_path):
    path = tmp_path / "hxl.csv"
    path.write_text("A,B,C\n#adm1+name,#adm2+code,#adm3+code\nx,1234,123456\n", encoding="utf-8")
    table = read_file(path)
    assert table.mapping == {"province": "A", "code": "C"}  # the finest code column wins
    assert table.row_numbers == [3]


# ---- XLSX -----------------------------------------------------------------------------------

def _xlsx(build) -> bytes:
    workbook = openpyxl.Workbook()
    build(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _quirky(workbook):
    cover = workbook.active
    cover.title = "อ่านก่อน"
    cover["A1"] = "คำอธิบาย"
    sheet = workbook.create_sheet("พื้นที่")
    sheet["A1"] = "รายชื่อพื้นที่ดำเนินการ ปี 2562"
    sheet.merge_cells("A1:D1")
    # row 2 blank; header spans rows 3-4: "พื้นที่" merged over three columns
    sheet["A3"] = "พื้นที่"
    sheet.merge_cells("A3:C3")
    sheet["D3"] = "ปี"
    sheet.merge_cells("D3:D4")
    sheet["A4"], sheet["B4"], sheet["C4"] = "จังหวัด", "อำเภอ", "ตำบล"
    sheet.append(["นราธิวาส", "ระแงะ", "มะรือโบตก", 2562])
    sheet.append([None, None, None, None])
    sheet.append(["ร้อยเอ็ด", "ปทุมรัตต์", "หนองแคน", "2559"])
    workbook.create_sheet("ว่าง")


def test_xlsx_merged_header_blank_rows_and_sheet_choice():
    data = _xlsx(_quirky)
    assert sheet_names(data) == ["อ่านก่อน", "พื้นที่", "ว่าง"]
    table = read_file(data, filename="areas.xlsx", sheet="พื้นที่")
    assert table.header_row == 4
    assert table.mapping == {"province": "จังหวัด", "district": "อำเภอ", "subdistrict": "ตำบล",
                             "year": "ปี"}
    assert table.row_numbers == [5, 7]  # the blank row 6 is skipped, numbers stay Excel's
    assert table.frame.iloc[0].tolist() == ["นราธิวาส", "ระแงะ", "มะรือโบตก", 2562]
    assert table.sheet == "พื้นที่" and table.sheets == sheet_names(data)


def test_xlsx_unknown_sheet_lists_the_sheets():
    with pytest.raises(ReadError, match="อ่านก่อน, พื้นที่, ว่าง"):
        read_file(_xlsx(_quirky), filename="areas.xlsx", sheet="Sheet9")


def test_xlsx_first_sheet_by_default():
    def two(workbook):
        workbook.active.append(["จังหวัด"])
        workbook.active.append(["นราธิวาส"])
        workbook.create_sheet("other").append(["ตำบล"])
    table = read_file(_xlsx(two), filename="areas.xlsx")
    assert table.sheet == "Sheet" and table.frame.iloc[0, 0] == "นราธิวาส"


def test_a_sheet_without_data_rows_says_so():
    with pytest.raises(ReadError, match="no data rows"):
        read_file(_xlsx(_quirky), filename="areas.xlsx", sheet="อ่านก่อน")


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_zip_bomb_is_refused_before_opening():
    bomb = _zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"0" * 50_000_000})
    assert len(bomb) < 100_000
    with pytest.raises(ReadError, match="zip bomb"):
        check_xlsx(bomb)


def test_declared_uncompressed_size_is_limited():
    data = _zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"x" * 2000})
    with pytest.raises(ReadError, match="unpacks to"):
        check_xlsx(data, Limits(max_uncompressed=1000))


def test_too_many_sheets_are_refused():
    def many(workbook):
        for number in range(5):
            workbook.create_sheet(f"s{number}")
    with pytest.raises(ReadError, match="6 sheets"):
        read_file(_xlsx(many), filename="a.xlsx", limits=Limits(max_sheets=3))


@pytest.mark.parametrize(
    ("content", "name", "limits", "fragment"),
    [
        (b"x" * 2000, "big.csv", Limits(max_bytes=1000), "more than"),
        (CSV_TEXT.encode(), "rows.csv", Limits(max_rows=2), "3 rows"),
        (b"not a zip", "fake.xlsx", Limits(), "not a valid .xlsx"),
        (b"\xd0\xcf\x11\xe0", "old.xls", Limits(), "save as .xlsx"),
        (b"{}", "shape.shp", Limits(), "unsupported file type"),
        (b"{", "points.geojson", Limits(), "not valid GeoJSON"),
        ("จังหวัด,ปี\n,\n".encode(), "empty.csv", Limits(), "no data rows"),
    ],
)
def test_limits_and_unreadable_files(content, name, limits, fragment):
    with pytest.raises(ReadError, match=fragment):
        read_file(content, filename=name, limits=limits)


def test_missing_file_is_a_read_error(tmp_path):
    with pytest.raises(ReadError, match="cannot open"):
        read_file(tmp_path / "nope.csv")


# ---- points ---------------------------------------------------------------------------------

@pytest.fixture
def two_subdistricts():
    return gpd.GeoDataFrame({"code": ["960510", "450303"]},
                            geometry=[box(101.0, 6.0, 102.0, 7.0), box(104.0, 15.0, 105.0, 16.0)],
                            crs="EPSG:4326")


def test_points_are_joined_to_the_containing_subdistrict(tmp_path, two_subdistricts):
    path = tmp_path / "points.csv"
    path.write_text("name,lat,lon\na,6.5,101.5\nb,15.5,104.5\nc,0,0\nd,abc,1\ne,๖.๒,101.1\n",
                    encoding="utf-8")
    table = read_file(path)
    codes = subdistricts_at(table.column("lat"), table.column("lon"), two_subdistricts)
    assert codes.tolist() == ["960510", "450303", None, None, "960510"]


def test_geojson_points(two_subdistricts):
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [101.5, 6.5]},
         "properties": {"โครงการ": "x"}},
    ]}
    table = read_file(json.dumps(collection).encode(), filename="p.geojson")
    assert table.mapping["lat"] == "lat" and table.mapping["programme"] == "โครงการ"
    codes = subdistricts_at(table.column("lat"), table.column("lon"), two_subdistricts)
    assert codes.tolist() == ["960510"]


def test_geojson_refuses_polygons():
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": []}}]}
    with pytest.raises(ReadError, match="not a Point"):
        read_file(json.dumps(collection).encode(), filename="p.geojson")


# ---- hostile files ----------------------------------------------------------------------------

def _sheet_xml(rows_xml: str, merges: list[str] = ()) -> bytes:
    merged = (f'<mergeCells count="{len(merges)}">'
              + "".join(f'<mergeCell ref="{ref}"/>' for ref in merges) + "</mergeCells>"
              if merges else "")
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
            '"http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{rows_xml}</sheetData>{merged}</worksheet>").encode()


def _cell(ref: str, value: object) -> str:
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def _hostile_xlsx(sheet_xml: bytes) -> bytes:
    """A real workbook whose first sheet's XML is replaced by `sheet_xml`."""
    original = zipfile.ZipFile(io.BytesIO(_xlsx(lambda workbook: None)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in original.infolist():
            content = original.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                content = sheet_xml
            archive.writestr(member.filename, content)
    return buffer.getvalue()


def _table_rows(count: int, first: int = 2) -> str:
    header = "<row r=\"1\">" + _cell("A1", "จังหวัด") + _cell("B1", "ปี") + "</row>"
    body = "".join(f'<row r="{r}">{_cell(f"A{r}", "นราธิวาส")}{_cell(f"B{r}", 2562)}</row>'
                   for r in range(first, first + count))
    return header + body


def test_a_merge_to_the_last_column_is_clipped_to_the_cells_present():
    data = _hostile_xlsx(_sheet_xml(_table_rows(20_000), ["E1:XFD20001"]))
    assert len(data) < 400_000
    table = read_file(data, filename="merge.xlsx", limits=Limits(max_seconds=20))
    assert table.frame.shape == (20_000, 2)


def test_thousands_of_copies_of_one_merge_are_filled_once():
    data = _hostile_xlsx(_sheet_xml(_table_rows(100), ["A2:XFD101"] * 20_000))
    table = read_file(data, filename="merge.xlsx", limits=Limits(max_seconds=20))
    assert table.frame.shape == (100, 2)
    assert {tuple(row) for row in table.frame.itertuples(index=False)} == {("นราธิวาส",) * 2}


def test_merges_covering_too_many_cells_are_refused_before_filling():
    wide = "".join(f'<row r="{r}">' + "".join(_cell(f"{c}{r}", 1) for c in "ABCDEFGHIJ")
                   + "</row>" for r in range(1, 201))
    merges = [f"A{r}:J{r + 100}" for r in range(1, 101)]
    with pytest.raises(ReadError, match="merged cells cover"):
        read_file(_hostile_xlsx(_sheet_xml(wide, merges)), filename="m.xlsx",
                  limits=Limits(max_cells=50_000))


@pytest.mark.parametrize(
    ("rows_xml", "fragment"),
    [
        ('<row r="1">' + _cell("A1", "จังหวัด") + _cell("XFD1", "x") + "</row>",
         "16,384 columns"),
        ('<row r="1">' + _cell("A1", "จังหวัด") + '</row><row r="1048576">'
         + _cell("A1048576", "x") + "</row>", "1,048,576 rows"),
    ],
)
def test_cells_far_away_are_refused_before_rows_are_built(rows_xml, fragment):
    with pytest.raises(ReadError, match=fragment):
        read_file(_hostile_xlsx(_sheet_xml(rows_xml)), filename="far.xlsx")


def test_styled_empty_cells_do_not_widen_the_table():
    rows_xml = ('<row r="1">' + _cell("A1", "จังหวัด") + '<c r="XFD1" s="0"/></row>'
                '<row r="2">' + _cell("A2", "นราธิวาส") + "</row>")
    table = read_file(_hostile_xlsx(_sheet_xml(rows_xml)), filename="styled.xlsx")
    assert table.frame.shape == (1, 1)


def test_reading_stops_at_the_time_budget():
    with pytest.raises(ReadError, match="took more than"):
        read_file(_hostile_xlsx(_sheet_xml(_table_rows(5_000))), filename="slow.xlsx",
                  limits=Limits(max_seconds=0))


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"province\n" + b"x" * 131_073 + b"\n", "longer than 131,072 characters"),
        (b"\xef\xbb\xbfprovince\n\xff\xfe\xfa\n", "UTF-8 byte-order mark but is not valid"),
        (b"\xff\xfep\x00r\x00o\x00v", "an odd number of bytes"),
        (b"a," * 300_000 + b"a\n", "300,001 columns"),
        ("จังหวัด\n".encode() + b"x\n" * 20, "spans 21 cells"),
    ],
)
def test_hostile_csv_files_get_a_message(content, fragment):
    limits = Limits(max_cells=20) if b"x\n" * 20 in content else Limits()
    with pytest.raises(ReadError, match=fragment):
        read_file(content, filename="hostile.csv", limits=limits)


def _collection(*features) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def _point(coordinates=None, properties=None) -> dict:
    geometry = {"type": "Point"}
    if coordinates is not None:
        geometry["coordinates"] = coordinates
    return {"type": "Feature", "geometry": geometry, "properties": properties}


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (_collection(_point()), "feature 1: a Point needs coordinates"),
        (_collection(_point([101.5])), "feature 1: a Point needs coordinates"),
        (_collection(_point(["a", "b"])), "feature 1: a Point needs coordinates"),
        (_collection(1, 2), "feature 1 is 1, not a Feature object"),
        (_collection(_point([101.5, 6.5], ["จังหวัด", "x"])), "'properties' must be an object"),
        (_collection({"type": "Feature", "geometry": None}), "is a None, not a Point"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"features": ' + b'{"a":' * 50_000 + b"1" + b"}" * 50_001, "nested too deeply"),
    ],
)
def test_hostile_geojson_files_get_a_message(content, fragment):
    with pytest.raises(ReadError, match=re.escape(fragment)):
        read_file(content, filename="hostile.geojson")


def test_geojson_nested_property_values_become_text():
    table = read_file(_collection(_point([101.5, 6.5], {"จังหวัด": "นราธิวาส",
                                                         "extra": {"a": [1, 2]}})),
                      filename="p.geojson")
    assert table.frame.iloc[0]["extra"] == '{"a": [1, 2]}'


# ---- fuzz -------------------------------------------------------------------------------------

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
cell_values = st.one_of(st.none(), st.text(max_size=8), st.integers(-10**6, 10**6),
                        st.floats(allow_nan=False, allow_infinity=False))


@FUZZ
@given(rows=st.lists(st.lists(cell_values, max_size=6), min_size=1, max_size=8),
       merges=st.lists(st.tuples(st.integers(1, 16_384), st.integers(1, 60),
                                 st.integers(0, 16_384), st.integers(0, 1_000)), max_size=6))
def test_fuzzed_workbooks_with_merged_cells_read_or_say_why(rows, merges):
    from xml.sax.saxutils import escape

    from openpyxl.utils.cell import get_column_letter

    rows_xml = "".join(
        f'<row r="{r}">' + "".join(
            _cell(f"{get_column_letter(c)}{r}", escape(v) if isinstance(v, str) else v)
            for c, v in enumerate(row, start=1) if v is not None) + "</row>"
        for r, row in enumerate(rows, start=1))
    refs = [f"{get_column_letter(column)}{row}:"
            f"{get_column_letter(min(column + width, 16_384))}{row + height}"
            for column, row, width, height in merges]
    data = _hostile_xlsx(_sheet_xml(rows_xml, refs))
    try:
        table = read_file(data, filename="fuzz.xlsx", limits=Limits(max_seconds=10))
    except ReadError as error:
        assert str(error)
        return
    assert len(table.frame) == len(table.row_numbers)


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=5)),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=5), inner, max_size=4)),
    max_leaves=12)
geometries = st.one_of(
    json_values,
    st.fixed_dictionaries({"type": st.sampled_from(["Point", "Polygon", "point", 7]),
                           "coordinates": json_values}),
    st.fixed_dictionaries({"type": st.just("Point"),
                           "coordinates": st.lists(st.floats(), max_size=3)}))
features = st.one_of(json_values, st.fixed_dictionaries(
    {"type": st.just("Feature"), "geometry": geometries, "properties": json_values}))


@FUZZ
@given(found=st.lists(features, max_size=5), wrapper=st.sampled_from(["collection", "bare"]))
def test_fuzzed_geojson_reads_or_says_why(found, wrapper):
    document = {"type": "FeatureCollection", "features": found} if wrapper == "collection" \
        else found
    try:
        table = read_file(json.dumps(document).encode(), filename="fuzz.geojson")
    except ReadError as error:
        assert str(error)
        return
    assert len(table.frame) == len(table.row_numbers)


@FUZZ
@given(body=st.binary(max_size=200),
       mark=st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]),
       name=st.sampled_from(["fuzz.csv", "fuzz.geojson", "fuzz.xlsx", "fuzz"]))
def test_fuzzed_bytes_in_any_encoding_read_or_say_why(body, mark, name):
    try:
        read_file(mark + "จังหวัด,ปี\n".encode() + body, filename=name)
    except ReadError as error:
        assert str(error)
