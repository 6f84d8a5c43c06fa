"""Every word the dashboard shows, in Thai (first) and English: the one words table.

`t(key, lang, **fields)` for interface text (TEXT, one entry per wording, in sections by
page or concept), `term(kind, code, lang)` for the codes stored or named by the product
(VOCABULARY), and `localised(row, field, lang)` for a record's own `field_th`/`field_en`
(names, titles) with the Thai fallback where no English is stored. Pages and views take
their words only from here (tests/test_text.py checks it).
"""

from __future__ import annotations

import re

import pandas as pd

THAI_LETTERS = re.compile("[\u0e00-\u0e7f]")

LANGUAGES = ("th", "en")
LANGUAGE_NAMES = {"th": "ไทย", "en": "English"}

TEXT: dict[str, dict[str, str]] = {
    "app_title": {"th": "แผนที่โครงการชุมชนและจังหวัดคุณธรรม",
                  "en": "Community and Moral Province Programmes Map"},
    "language": {"th": "ภาษา / Language", "en": "Language / ภาษา"},
    "page_overview": {"th": "ภาพรวม", "en": "Overview"},
    "page_explorer": {"th": "สำรวจแผนที่", "en": "Map explorer"},
    "page_partners": {"th": "ภาคี", "en": "Partners"},
    "page_presenter": {"th": "โหมดนำเสนอ", "en": "Presenter mode"},
    "page_import": {"th": "นำเข้าข้อมูล", "en": "Import data"},
    "page_edit": {"th": "เพิ่ม/แก้ไขโครงการ", "en": "Enter programmes"},
    # --- words shared by several pages ---
    "programme": {"th": "โครงการ", "en": "Programme"},
    "partner": {"th": "ภาคี", "en": "Partner"},
    "organisation": {"th": "องค์กร", "en": "Organisation"},
    "partner_organisations": {"th": "องค์กรภาคี", "en": "Partner organisations"},
    "region": {"th": "ภาค", "en": "Region"},
    "province": {"th": "จังหวัด", "en": "Province"},
    "district": {"th": "อำเภอ", "en": "District"},
    "subdistrict": {"th": "ตำบล", "en": "Tambon"},
    "village": {"th": "หมู่บ้าน", "en": "Village"},
    "level": {"th": "ระดับ", "en": "Level"},
    "area": {"th": "พื้นที่", "en": "Area"},
    "within": {"th": "ภายในพื้นที่", "en": "Within"},
    "status": {"th": "สถานะ", "en": "Status"},
    "as_of": {"th": "ณ วันที่", "en": "As of"},
    "source": {"th": "เอกสารอ้างอิง", "en": "Source"},
    "name_as_written": {"th": "ชื่อตามเอกสาร", "en": "Name as written"},
    "candidates": {"th": "พื้นที่ที่เป็นไปได้", "en": "Candidates"},
    "ex_years": {"th": "ปี (พ.ศ.)", "en": "Years (BE)"},
    "programme_count": {"th": "จำนวนโครงการ", "en": "Programmes"},
    "synthetic_mark": {"th": "[ข้อมูลสังเคราะห์]", "en": "[synthetic]"},
    "filters_match_nothing": {"th": "ไม่มีโครงการที่ตรงกับตัวกรอง",
                              "en": "No programme matches these filters"},
    "yes": {"th": "ใช่", "en": "Yes"},
    "no": {"th": "ไม่", "en": "No"},
    "no_data": {"th": "ไม่มีข้อมูล", "en": "No data"},
    # --- map explorer ---
    "ex_title": {"th": "สำรวจแผนที่พื้นที่ดำเนินงาน", "en": "Map explorer"},
    "ex_filters": {"th": "ตัวกรอง", "en": "Filters"},
    "ex_filters_loading": {"th": "กำลังโหลดตัวกรอง…", "en": "Loading the filters…"},
    "ex_theme": {"th": "ประเด็น", "en": "Theme"},
    "ex_status": {"th": "สถานะพื้นที่", "en": "Area status"},
    "ex_all_years": {"th": "ทุกปี รวมพื้นที่ที่ไม่ระบุปี", "en": "All years, with areas of no stated year"},
    "ex_synthetic": {"th": "รวมข้อมูลสังเคราะห์", "en": "Include synthetic data"},
    "ex_any": {"th": "ทั้งหมด", "en": "All"},
    "ex_level": {"th": "ระดับพื้นที่", "en": "Area level"},
    "ex_legend": {"th": "คำอธิบายสัญลักษณ์", "en": "Legend"},
    "ex_scheme": {"th": "วิธีแบ่งช่วงสี", "en": "Class breaks"},
    "ex_k": {"th": "จำนวนช่วงสี", "en": "Number of classes"},
    "ex_reset": {"th": "ล้างตัวกรอง", "en": "Clear filters"},
    "ex_area": {"th": "พื้นที่ที่เจาะลึก", "en": "Area drilled into"},
    "ex_classes_not_needed": {
        "th": "มีค่าต่างกันเพียง {n} ค่า แต่ละค่าจึงมีสีของตัวเอง ไม่ต้องแบ่งช่วงสี",
        "en": "{n} distinct values: classes not needed, each value has its own colour"},
    "ex_map_title": {"th": "แผนที่พื้นที่ดำเนินงานตามตัวกรอง",
                     "en": "Map of coverage under the filters"},
    "covered_by_parent": {"th": "อยู่ในพื้นที่ที่โครงการครอบคลุมทั้งหมด",
                          "en": "Within an area covered as a whole"},
    "ex_country": {"th": "ประเทศไทย", "en": "Thailand"},
    "ex_click_hint": {
        "th": "คลิกพื้นที่บนแผนที่เพื่อเจาะลึก ใช้แถบนำทางด้านบนเพื่อย้อนกลับ",
        "en": "Click an area on the map to drill down; use the trail above to go back up."},
    "ex_empty_area": {
        "th": "ไม่มีพื้นที่ดำเนินงานในขอบเขตนี้ตามตัวกรองที่เลือก",
        "en": "No coverage in this area under these filters"},
    "ex_no_rows_at_level": {
        "th": "ไม่มีข้อมูลระดับ{level}ในขอบเขตนี้ พื้นที่ระดับ{level}จึงเป็นสีไม่มีข้อมูล",
        "en": "No {level}-level coverage here, so the {level} areas show the no-data colour."},
    "ex_summary": {
        "th": "{programmes} · {areas} พื้นที่ระดับ{level}ที่มีข้อมูล จากทั้งหมด {shown}",
        "en": "{programmes} · {areas} of {shown} {level} areas with coverage"},
    "ex_whole_province": {"th": "ทั้งจังหวัด", "en": "whole province"},
    "ex_whole_district": {"th": "ทั้งอำเภอ", "en": "whole district"},
    "ex_wider_line": {"th": "{scope}{name}: {count}", "en": "{name}, {scope}: {count}"},
    "ex_programmes_n": {"th": "{count} โครงการ", "en": "{count} programmes"},
    "ex_programmes_1": {"th": "1 โครงการ", "en": "1 programme"},
    "ex_wider_sentence": {
        "th": "{scope}{name}เป็นพื้นที่ของ {count} (เอกสารไม่ได้ระบุราย{level}): {titles}",
        "en": "All of {name} is covered by {count}, with no {level} named: {titles}"},
    "ex_selected": {"th": "พื้นที่ที่เลือก", "en": "Selected area"},
    "ex_table": {"th": "ตารางพื้นที่", "en": "Areas"},
    "ex_download_csv": {"th": "ดาวน์โหลด CSV", "en": "Download CSV"},
    "ex_table_most_covered": {
        "th": "แสดง {shown} พื้นที่ที่มีโครงการมากที่สุด จากทั้งหมด {total} แถว "
              "ดาวน์โหลดเพื่อดูทุกแถว",
        "en": "Showing the {shown} areas with the most programmes of {total} rows; "
              "download them all"},
    "ex_download_xlsx": {"th": "ดาวน์โหลด Excel (XLSX)", "en": "Download Excel (XLSX)"},
    "ex_claims": {"th": "ตัวเลขที่นับ (ไม่มีรายชื่อพื้นที่)", "en": "Counted figures (no areas listed)"},
    "ex_claims_note": {
        "th": "ตัวเลขเหล่านี้เป็นจำนวนที่เอกสารระบุ ไม่ได้แสดงเป็นพื้นที่บนแผนที่",
        "en": "These are counts given by the sources; they are not drawn as areas."},
    "ex_claim_line": {"th": "{figure} {measure} {place} — {kind}{when} · {title}",
                      "en": "{figure} {measure} {place} — {kind}{when} · {title}"},
    "ex_nationwide": {"th": "ทั่วประเทศ", "en": "nationwide"},
    "ex_within": {"th": "ใน{scope}{name}", "en": "in {name}"},
    "ex_as_of": {"th": " ณ {date}", "en": " as of {date}"},
    "ex_unresolved": {"th": "สถานที่ที่ระบุไม่ได้แน่ชัด", "en": "Unresolved place names"},
    "ex_unresolved_note": {
        "th": "ชื่อในเอกสารตรงกับหลายพื้นที่ จึงไม่ระบายสีบนแผนที่",
        "en": "The name in the source fits several areas, so none is coloured on the map."},
    "ex_mention_ambiguous": {"th": "“{name}” อาจเป็น {candidates} · {title}",
                             "en": "“{name}” could be {candidates} · {title}"},
    "ex_mention_unknown": {"th": "“{name}” ไม่พบในทะเบียนพื้นที่ · {title}",
                           "en": "“{name}” not found in the gazetteer · {title}"},
    "ex_candidate": {"th": "{name} (อ.{district} จ.{province}, {code})",
                     "en": "{name} ({district}, {province}, {code})"},
    "ex_or": {"th": " หรือ ", "en": " or "},
    "ex_col_code": {"th": "รหัสพื้นที่", "en": "Area code"},
    "ex_col_name_th": {"th": "ชื่อ (ไทย)", "en": "Name (Thai)"},
    "ex_col_name_en": {"th": "ชื่อ (อังกฤษ)", "en": "Name (English)"},
    "ex_col_programmes": {"th": "โครงการ", "en": "Programme titles"},
    "ex_col_sources": {"th": "เอกสารอ้างอิง", "en": "Sources"},
    "ex_export_sheet": {"th": "พื้นที่", "en": "Areas"},
    "ex_export_about": {"th": "ที่มา", "en": "About"},
    "ex_exported": {"th": "ส่งออกเมื่อ", "en": "Exported on"},
    "provinces_by_region": {"th": "จังหวัดจำแนกตามภาค", "en": "Provinces by region"},
    "boundaries_missing": {"th": "ไม่พบข้อมูลขอบเขตการปกครอง", "en": "Boundary data not found"},
    "map_more_programmes": {"th": "และอีก {n} โครงการ", "en": "and {n} more"},
    # --- overview and partners pages ---
    "overview_map_summary": {
        "th": "แผนที่จังหวัด ระบายสีตามจำนวนโครงการ: {programmes} โครงการ ใน {provinces} จังหวัด",
        "en": "Provinces coloured by number of programmes: {programmes} programmes in "
              "{provinces} provinces"},
    "overview_subtitle": {
        "th": "ภาพรวมระดับประเทศ · ข้อมูลทะเบียน ณ {date} เวลา {time} น.",
        "en": "The national picture · registry as read on {date} at {time}"},
    "synthetic_toggle": {"th": "รวมข้อมูลสังเคราะห์ (ทดสอบ)",
                         "en": "Include synthetic (test) records"},
    "synthetic_toggle_help": {
        "th": "ข้อมูลสังเคราะห์ใช้ทดสอบระบบ ไม่ใช่ข้อเท็จจริง จึงไม่นับโดยค่าเริ่มต้น",
        "en": "Synthetic records exist for testing, not as facts, so they are left out by "
              "default"},
    "synthetic_included_n": {"th": "รวมข้อมูลสังเคราะห์ {n} รายการ",
                             "en": "Includes {n} synthetic records"},
    "synthetic_column": {"th": "สังเคราะห์", "en": "Synthetic"},
    "overview_colour_by": {"th": "ระบายสีแผนที่ตาม", "en": "Colour the map by"},
    "overview_colour_programmes": {"th": "จำนวนโครงการ", "en": "Number of programmes"},
    # a thing counted or chosen many at a time, by its key
    "plural.programmes": {"th": "โครงการ", "en": "Programmes"},
    "plural.themes": {"th": "ประเด็น", "en": "Themes"},
    "plural.regions": {"th": "ภาค", "en": "Regions"},
    "plural.organisations": {"th": "องค์กรภาคี", "en": "Partners"},
    "plural.province": {"th": "จังหวัด", "en": "Provinces"},
    "plural.district": {"th": "อำเภอ", "en": "Districts"},
    "plural.subdistrict": {"th": "ตำบล", "en": "Tambons"},
    "plural.village": {"th": "หมู่บ้าน", "en": "Villages"},
    "cov_unit.province": {"th": "จังหวัด", "en": "provinces"},
    "cov_unit.district": {"th": "อำเภอ", "en": "districts"},
    "cov_unit.subdistrict": {"th": "ตำบล", "en": "tambons"},
    "cov_unit.village": {"th": "หมู่บ้าน", "en": "villages"},
    "cov_share": {"th": "{n} จาก {total} {unit} ที่โครงการระบุชื่อ",
                  "en": "{n} of {total} {unit} named by programmes"},
    "cov_former": {"th": " · รหัสที่กรมการปกครองเลิกใช้แล้ว (นับแยก): {n}",
                   "en": "; codes DOPA no longer lists, counted apart: {n}"},
    "cov_counted": {"th": "รายงานเป็นจำนวน (ไม่ระบุพื้นที่): {figure} · {title}{when}",
                    "en": "Reported as a count (no areas listed): {figure} · {title}{when}"},
    "cov_counted_more": {"th": "และอีก {n:,} จำนวนที่รายงาน: ดูตาราง \"{table}\"",
                         "en": "and {n:,} more reported counts: see \"{table}\""},
    "cov_as_of": {"th": "ณ {date} (ปีล่าสุดที่เอกสารระบุ)",
                  "en": "As of {date} (latest year the documents give)"},
    "cov_no_year": {"th": "เอกสารไม่ระบุปี", "en": "No year given in the documents"},
    "kpi_help": {
        "th": "พื้นที่ที่โครงการระบุชื่อ (ไม่ซ้ำ) แยกตามสถานะที่ก้าวหน้าที่สุดของแต่ละพื้นที่ · "
              "ไม่ใช่ความก้าวหน้าต่อเป้าหมาย: ดูตาราง \"เป้าหมายและความก้าวหน้า\"",
        "en": "Distinct areas programmes name, each under its most advanced status · not "
              "progress towards a target: see the \"targets and progress\" table"},
    "overview_rule": {
        "th": "วิธีอ่านการ์ด: นับพื้นที่ที่โครงการระบุชื่อ (ตำบลที่ระบุนับอำเภอและจังหวัดของตนด้วย) "
              "เทียบกับจำนวนทั้งประเทศตามบัญชีกรมการปกครองปัจจุบัน "
              "แยกตามสถานะ (แต่ละพื้นที่นับครั้งเดียวในสถานะที่ก้าวหน้าที่สุด) "
              "จำนวนที่เอกสารรายงานโดยไม่ระบุพื้นที่แสดงแยกพร้อมชื่อโครงการ ไม่นำมารวม "
              "และการ์ดไม่มีเป้าหมาย: เป้าหมายของแต่ละโครงการอยู่ในตารางเป้าหมายและความก้าวหน้า",
        "en": "How to read the cards: the distinct areas programmes name (a named tambon also "
              "counts its district and province) against the country's total in today's DOPA "
              "list, split by status "
              "(each area once, under its most advanced status). Counts documents give "
              "without listing areas are shown apart with their programme, never added in. "
              "The cards carry no target: each programme's targets are in the targets and "
              "progress table."},
    "overview_map_title": {"th": "พื้นที่ดำเนินงานรายจังหวัด", "en": "Coverage by province"},
    "overview_map_note": {
        "th": "แผนที่แสดงเฉพาะพื้นที่ที่ระบุชื่อ: จำนวนที่รายงานโดยไม่ระบุพื้นที่ ({counted} รายการ) "
              "และชื่อสถานที่ที่ระบุไม่ได้ ({unresolved} รายการ) ไม่ถูกระบายสี",
        "en": "The map shows listed areas only: counts without listed areas ({counted}) and "
              "unresolved place names ({unresolved}) are not coloured"},
    "overview_no_listed_areas": {
        "th": "โครงการที่เลือกไม่มีพื้นที่ที่ระบุชื่อ จึงไม่มีพื้นที่ระบายสีบนแผนที่",
        "en": "The programmes in view list no areas, so nothing is coloured on the map"},
    "overview_status_legend": {"th": "สถานะพื้นที่ดำเนินงาน", "en": "Coverage status"},
    "overview_signings_title": {"th": "การลงนามบันทึกข้อตกลงรายปี (พ.ศ.)",
                                "en": "MOU signings by year (BE)"},
    "year_be_axis": {"th": "ปี พ.ศ.", "en": "Year (BE)"},
    "overview_no_signings": {"th": "ไม่มีโครงการที่ระบุวันลงนาม",
                             "en": "No programme has a signing date"},
    "overview_undated": {"th": "โครงการที่เอกสารไม่ระบุวันลงนาม: {n}",
                         "en": "Programmes whose documents give no signing date: {n}"},
    "overview_partners_title": {"th": "ภาคีตามจำนวนโครงการ", "en": "Partners by programmes"},
    "overview_partners_table": {"th": "องค์กรภาคีทั้งหมด", "en": "All partner organisations"},
    "overview_claims_title": {"th": "ตัวเลขที่รายงานเป็นจำนวน", "en": "Counted figures"},
    "overview_claims_note": {
        "th": "จำนวน (เป้าหมายหรือผลที่รายงาน) ที่เอกสารให้โดยไม่ระบุรายชื่อพื้นที่ จึงไม่แสดงบนแผนที่",
        "en": "Numbers (targets or reported results) the documents give without listing the "
              "areas, so they are not drawn on the map"},
    "overview_no_claims": {"th": "ไม่มีตัวเลขที่รายงานเป็นจำนวน", "en": "No counted figures"},
    "overview_places_title": {"th": "ชื่อสถานที่ที่ระบุพื้นที่ไม่ได้",
                              "en": "Unresolved place names"},
    "overview_places_note": {
        "th": "ชื่อที่ตรงกับหลายพื้นที่หรือไม่พบ แสดงพร้อมตัวเลือก ไม่เดาและไม่ระบายสีบนแผนที่",
        "en": "Names that fit several areas or none: shown with their candidates, never "
              "guessed or coloured on the map"},
    "overview_no_places": {"th": "ไม่มีชื่อสถานที่ที่ระบุไม่ได้", "en": "No unresolved place names"},
    "overview_stale": {"th": "ฐานข้อมูลไม่พร้อม: แสดงข้อมูลชุดล่าสุดที่อ่านได้ (อ่านอย่างเดียว)",
                       "en": "The database is down: showing the last copy read (read-only)"},
    "overview_nationwide": {"th": "ทั้งประเทศ / ไม่ระบุพื้นที่", "en": "Nationwide / no area"},
    "overview_col_measure": {"th": "สิ่งที่นับ", "en": "Measure"},
    "overview_col_value": {"th": "จำนวน", "en": "Value"},
    "overview_col_kind": {"th": "ประเภท", "en": "Kind"},
    "overview_col_resolution": {"th": "ผลการระบุ", "en": "Resolution"},
    "partners_intro": {
        "th": "ทุกองค์กรที่ร่วมในโครงการตามตัวกรอง พร้อมบทบาทและจังหวัดที่โครงการดำเนินงาน",
        "en": "Every organisation in the programmes the filters keep, with its roles and the "
              "provinces its programmes cover"},
    "partners_area_filter_note": {
        "th": "เมื่อกรองตามภาคหรือจังหวัด โครงการที่ไม่ระบุพื้นที่ (เช่น ข้อตกลงระดับประเทศที่ให้เพียงจำนวน) "
              "จะไม่แสดง",
        "en": "With a region or province filter, programmes that list no area (e.g. national "
              "MOUs that give only counts) are left out"},
    "partners_abbreviation": {"th": "ชื่อย่อ", "en": "Abbreviation"},
    "partners_programmes": {"th": "โครงการที่ร่วม", "en": "Programmes"},
    "partners_roles": {"th": "บทบาท", "en": "Roles"},
    "partners_provinces": {"th": "จังหวัดที่ดำเนินงาน", "en": "Provinces covered"},
    "partners_network_title": {"th": "เครือข่ายความร่วมมือ", "en": "Who works with whom"},
    "partners_network_note": {
        "th": "วงกลมคือองค์กร ขนาดตามจำนวนโครงการ เส้นเชื่อมองค์กรที่ร่วมบันทึกข้อตกลงเดียวกัน "
              "เส้นหนาขึ้นตามจำนวนโครงการที่ร่วมกัน",
        "en": "Circles are organisations, sized by programmes; a line joins two that share an "
              "MOU, thicker for more shared programmes"},
    "partners_shared": {"th": "โครงการที่ร่วมกัน", "en": "Shared programmes"},
    "partners_shared_count": {"th": "จำนวนโครงการที่ร่วมกัน",
                              "en": "Number of shared programmes"},
    "partners_linked": {"th": "จำนวนองค์กรที่เชื่อมโยง", "en": "Linked organisations"},
    "partners_pairs_title": {"th": "คู่ความร่วมมือ", "en": "Partner pairs"},
    "partners_first": {"th": "องค์กร ก", "en": "Organisation A"},
    "partners_second": {"th": "องค์กร ข", "en": "Organisation B"},
    "partners_no_links": {"th": "ไม่มีองค์กรที่ร่วมโครงการเดียวกัน",
                          "en": "No two organisations share a programme"},
    "partners_more": {"th": "องค์กรที่ไม่ได้แสดงในแผนภูมิ: อีก {n} องค์กร ดูตารางด้านล่างหรือ CSV",
                      "en": "Organisations not in the chart: {n} more; see the table below "
                            "or its CSV"},
    "partners_network_busiest": {
        "th": "แสดง {shown} องค์กรที่ร่วมโครงการมากที่สุด จากทั้งหมด {total:,} องค์กร "
              "ความเชื่อมโยงทั้งหมด {links:,} คู่อยู่ในไฟล์ดาวน์โหลด",
        "en": "Showing the {shown} organisations with the most programmes of {total:,}; "
              "all {links:,} links are in the download"},
    "partners_download_links": {"th": "ดาวน์โหลดความเชื่อมโยงทั้งหมด (CSV)",
                                "en": "Download every link (CSV)"},
    "rows_shown": {"th": "แสดง {shown:,} แถวแรก จากทั้งหมด {total:,} แถว ดาวน์โหลดเพื่อดูทั้งหมด",
                   "en": "Showing the first {shown:,} of {total:,} rows; download them all"},
    "download_all_csv": {"th": "ดาวน์โหลดทั้งหมด (CSV)", "en": "Download all (CSV)"},
    # --- programme pages and presenter mode ---
    "prog_choose": {"th": "เลือกโครงการ", "en": "Choose a programme"},
    "prog_national": {"th": "ภาพรวมทั้งประเทศ", "en": "National view"},
    "prog_none": {"th": "ยังไม่มีโครงการในทะเบียน", "en": "No programme in the registry yet"},
    "prog_not_stated": {"th": "ไม่ระบุในแหล่งข้อมูล", "en": "not stated in the source"},
    "prog_signed_on": {"th": "วันที่ลงนาม", "en": "Signed"},
    "prog_period": {"th": "ระยะเวลาโครงการ", "en": "Period"},
    "prog_synthetic": {"th": "ข้อมูลสังเคราะห์ (ไม่ใช่ข้อมูลจริง)",
                       "en": "Synthetic data (not real)"},
    "prog_partners": {"th": "ภาคีและบทบาท", "en": "Partners and roles"},
    "prog_role": {"th": "บทบาท", "en": "Role"},
    "prog_role_detail": {"th": "รายละเอียดบทบาท (ตามเอกสาร)", "en": "Role as described (Thai)"},
    "prog_source": {"th": "เอกสารอ้างอิง", "en": "Source document"},
    "prog_targets": {"th": "เป้าหมายและผลการดำเนินงาน", "en": "Targets and progress"},
    "prog_no_claims": {"th": "เอกสารไม่ได้ระบุตัวเลขเป้าหมายหรือผลการดำเนินงาน",
                       "en": "The source gives no target or progress figure"},
    "prog_measure": {"th": "ตัวชี้วัด", "en": "Measure"},
    "prog_note": {"th": "หมายเหตุ", "en": "Note"},
    "prog_counted": {"th": "นับจำนวน ไม่ระบุพื้นที่", "en": "counted, areas not listed"},
    "prog_no_area_named": {"th": "ไม่ระบุพื้นที่", "en": "no area named"},
    "prog_coverage": {"th": "พื้นที่ดำเนินงาน", "en": "Coverage"},
    "prog_map_national_note": {
        "th": "เอกสารไม่ได้ระบุรายชื่อพื้นที่ จึงไม่มีพื้นที่ใดถูกระบายสี "
              "ตัวเลขด้านบนเป็นจำนวนที่นับ ไม่ใช่รายชื่อพื้นที่",
        "en": "The source lists no areas, so none is coloured; the figures above are "
              "counts, not listed areas."},
    "prog_map_level": {"th": "แผนที่ระดับ{level}", "en": "Map by {level}"},
    "prog_places": {"th": "สถานที่ที่ระบุไม่ได้แน่ชัด", "en": "Places not resolved"},
    "prog_places_note": {
        "th": "ชื่อสถานที่ในเอกสารตรงกับหลายพื้นที่ จึงไม่ระบายสีบนแผนที่",
        "en": "The source's place name fits several areas, so it is not coloured on the map."},
    "prog_resolution": {"th": "สถานะการระบุ", "en": "Resolution"},
    "prog_sources": {"th": "เอกสารอ้างอิงและข้อความที่ยกมา", "en": "Sources and quotes"},
    "prog_fact": {"th": "ข้อมูล", "en": "Fact"},
    "prog_quote": {"th": "ข้อความในเอกสาร", "en": "Quote"},
    "prog_fact_claims": {"th": "ตัวเลข", "en": "Figure"},
    "prog_fact_place_mentions": {"th": "สถานที่", "en": "Place"},
    "prog_fact_networks": {"th": "เครือข่าย", "en": "Network"},
    "prog_description": {"th": "สาระสำคัญ", "en": "Summary"},
    "prog_code": {"th": "รหัส", "en": "Code"},
    "prog_name": {"th": "ชื่อพื้นที่", "en": "Area"},
    "prog_year": {"th": "ปี (พ.ศ.)", "en": "Year (BE)"},
    "prog_kpi_tambons": {"th": "ตำบลที่ระบุรายชื่อ", "en": "Tambons listed"},
    "prog_kpi_provinces": {"th": "จังหวัดที่มีพื้นที่ดำเนินงาน", "en": "Provinces covered"},
    "prog_kpi_listed": {"th": "ระบุรายชื่อพื้นที่", "en": "areas listed"},
    "prog_presenter_link": {"th": "เปิดโหมดนำเสนอ", "en": "Open presenter mode"},
    "prog_export_png": {"th": "PNG หน้าเดียว", "en": "PNG one-pager"},
    "prog_export_pdf": {"th": "PDF หน้าเดียว", "en": "PDF one-pager"},
    "prog_exit_presenter": {"th": "ออกจากโหมดนำเสนอ", "en": "Leave presenter mode"},
    "prog_registry_read": {"th": "ทะเบียนอ่านเมื่อ {date}", "en": "Registry read on {date}"},
    # --- presenter slide and links to programmes ---
    "slide_programme_area": {"th": "พื้นที่โครงการ", "en": "Programme area"},
    "slide_outside": {"th": "นอกพื้นที่โครงการ", "en": "Outside the programme area"},
    "slide_partners": {"th": "ภาคีที่ร่วมลงนาม", "en": "Partners"},
    "slide_targets": {"th": "ตัวเลขสำคัญ", "en": "Key figures"},
    "slide_exit_hint": {"th": "กด Esc เพื่อออก", "en": "Press Esc to leave"},
    "slide_map_title": {"th": "แผนที่พื้นที่โครงการ: {title}",
                        "en": "Map of the programme area: {title}"},
    "slide_map_summary": {
        "th": "แผนที่แสดงพื้นที่ดำเนินงาน {count} แห่ง: {places}",
        "en": "The map shows {count} covered areas: {places}"},
    "programme_not_found": {
        "th": "ไม่พบโครงการ “{slug}” ในทะเบียน ลิงก์อาจพิมพ์ผิดหรือโครงการถูกลบแล้ว "
              "เลือกโครงการด้านล่าง",
        "en": "No programme “{slug}” in the registry: the link may be mistyped or the "
              "programme removed. Choose one below."},
    "prog_font_missing": {"th": "ไม่พบฟอนต์ภาษาไทยสำหรับส่งออก", "en": "No Thai font for exports"},
    "prog_period_limit": {"th": "ระยะเวลา", "en": "Duration"},
    "prog_events": {"th": "กิจกรรมที่มีวันที่", "en": "Dated events"},
    "prog_fact_events": {"th": "กิจกรรม", "en": "Event"},
    "results_title": {"th": "เป้าหมายและความก้าวหน้า (รายโครงการ)",
                      "en": "Targets and progress (per programme)"},
    "results_note": {
        "th": "แต่ละแถวคือเป้าหมายหนึ่งของโครงการหนึ่ง ความก้าวหน้ามาจากตัวเลขที่โครงการเดียวกันรายงาน"
              "สำหรับตัวชี้วัดเดียวกันเท่านั้น พร้อมวันที่ของตัวเลขนั้น ไม่นำตัวเลขของโครงการอื่นหรือพื้นที่"
              "ดำเนินงานมาเทียบกับเป้าหมาย",
        "en": "Each row is one programme's target. Progress comes only from the same "
              "programme's reported figure for the same indicator, with that figure's date; "
              "no other programme's count or coverage is set against a target."},
    "results_none": {"th": "ไม่มีโครงการที่ระบุเป้าหมาย", "en": "No programme states a target"},
    "results_not_reported": {"th": "ยังไม่มีรายงานความก้าวหน้า", "en": "progress not reported"},
    "results_reported_as_of": {"th": "{figure} (ณ {date})", "en": "{figure} (as of {date})"},
    "results_col_indicator": {"th": "ตัวชี้วัด", "en": "Indicator"},
    "results_col_target": {"th": "เป้าหมาย", "en": "Target"},
    "results_col_progress": {"th": "ผลที่รายงาน", "en": "Reported"},
    "results_col_share": {"th": "สัดส่วนของเป้าหมาย", "en": "Share of target"},
    "src_untitled": {"th": "(เอกสารไม่มีชื่อเรื่อง)", "en": "(untitled document)"},
    "src_product_note": {"th": "หมายเหตุของระบบ (ไม่ใช่ข้อความในเอกสาร): {note}",
                         "en": "Dashboard note (not the document's words): {note}"},
    "src_line": {"th": "ที่มา: {documents}", "en": "Sources: {documents}"},
    "src_file": {"th": "รหัสเอกสาร: {file}", "en": "Document identifier: {file}"},
    # --- signing in (ui/auth.py, pages/sign_in.py) ---
    "page_admin": {"th": "ผู้ดูแลระบบ", "en": "Administration"},
    "page_sign_in": {"th": "เข้าสู่ระบบ", "en": "Sign in"},
    "page_account": {"th": "บัญชีของฉัน", "en": "My account"},
    "username": {"th": "ชื่อผู้ใช้", "en": "Username"},
    "password": {"th": "รหัสผ่าน", "en": "Password"},
    "auth_sign_in": {"th": "เข้าสู่ระบบ (ผู้แก้ไขข้อมูล)", "en": "Sign in (editors)"},
    "auth_sign_out": {"th": "ออกจากระบบ", "en": "Sign out"},
    "auth_failed": {"th": "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", "en": "Wrong username or password"},
    "auth_paused": {
        "th": "บัญชีนี้ถูกพักการเข้าสู่ระบบชั่วคราว เพราะใส่รหัสผ่านผิดหลายครั้ง "
              "ลองใหม่ได้ตั้งแต่เวลา {until} น.",
        "en": "This account is paused after too many wrong passwords; try again from {until}"},
    "auth_ended_ok": {"th": "รับทราบ", "en": "OK"},
    "auth_signed_in": {"th": "เข้าสู่ระบบเป็น {name} ({role}) ถึงเวลา {until} น.",
                       "en": "Signed in as {name} ({role}) until {until}"},
    "auth_ended": {
        "th": "การเข้าสู่ระบบสิ้นสุดแล้ว (หมดเวลา ถูกระงับ หรือเปลี่ยนรหัสผ่าน) "
              "กรุณาเข้าสู่ระบบอีกครั้ง",
        "en": "Your sign-in has ended (expired, disabled or password changed); "
              "please sign in again"},
    "auth_needs_editor": {
        "th": "หน้านี้สำหรับผู้แก้ไขข้อมูล ผู้ชมทั่วไปดูข้อมูลได้ในหน้าอื่นโดยไม่ต้อง"
              "เข้าสู่ระบบ ผู้แก้ไขข้อมูลกรุณาเข้าสู่ระบบ",
        "en": "This page is for editors. Viewers can read every other page without "
              "signing in; editors, please sign in."},
    "auth_needs_admin": {"th": "หน้านี้สำหรับผู้ดูแลระบบเท่านั้น",
                         "en": "This page is for admins only."},
    "auth_no_database": {
        "th": "ตรวจสอบการเข้าสู่ระบบไม่ได้ เพราะฐานข้อมูลไม่พร้อมใช้งาน: {error}",
        "en": "Sign-in cannot be checked because the database is unavailable: {error}"},
    "auth_intro": {
        "th": "ผู้ชมทั่วไปไม่ต้องเข้าสู่ระบบ หน้านี้สำหรับผู้แก้ไขข้อมูลและผู้ดูแลระบบ "
              "บัญชีสร้างโดยผู้ดูแลระบบ",
        "en": "Viewers need no account. This is for editors and admins; accounts are "
              "made by an admin."},
    # --- imports, shared by the import and admin pages ---
    "no_imports": {"th": "ยังไม่มีการนำเข้า", "en": "No imports yet"},
    "undo_which": {"th": "ยกเลิกการนำเข้าครั้งที่", "en": "Undo import #"},
    "undo_import": {"th": "ยกเลิกการนำเข้า", "en": "Undo import"},
    # --- import page (pages/import_data.py) ---
    "import_title": {"th": "นำเข้าข้อมูลพื้นที่โครงการ", "en": "Import programme areas"},
    "import_intro": {
        "th": "อัปโหลดไฟล์ Excel/CSV ตรวจสอบการจับคู่ชื่อพื้นที่กับรหัส DOPA แล้วจึงบันทึก "
              "ไฟล์ต้นฉบับจะถูกเก็บไว้และยกเลิกการนำเข้าได้",
        "en": "Upload an Excel/CSV file, check how its place names match DOPA codes, then "
              "commit. The original file is archived and an import can be undone."},
    "import_template": {"th": "แบบฟอร์ม", "en": "Template"},
    "import_upload": {"th": "ไฟล์ (.xlsx, .csv, .geojson)", "en": "File (.xlsx, .csv, .geojson)"},
    "import_sheet": {"th": "แผ่นงาน", "en": "Sheet"},
    "import_mapping": {"th": "การจับคู่คอลัมน์ (ตรวจพบอัตโนมัติ แก้ไขได้)",
                       "en": "Column mapping (detected, editable)"},
    "import_none": {"th": "— ไม่ใช้ —", "en": "— not used —"},
    "import_programme": {"th": "โครงการ (สำหรับแถวที่ไม่ระบุ)",
                         "en": "Programme (for rows without one)"},
    "import_status_default": {"th": "สถานะ (สำหรับแถวที่ไม่ระบุ)",
                              "en": "Status (for rows without one)"},
    "import_check": {"th": "ตรวจสอบ", "en": "Check"},
    "import_report": {"th": "ผลการตรวจสอบรายแถว", "en": "Row-by-row report"},
    "import_filter": {"th": "แสดงสถานะ", "en": "Show statuses"},
    "import_download_csv": {"th": "ดาวน์โหลดรายงาน CSV", "en": "Download report CSV"},
    "import_download_xlsx": {"th": "ดาวน์โหลดรายงาน XLSX", "en": "Download report XLSX"},
    "import_commit": {"th": "บันทึกทุกแถว ({n} แถว)", "en": "Commit all rows ({n})"},
    "import_committed": {"th": "นำเข้าครั้งที่ {id}: เพิ่ม {added} แถว มีอยู่แล้ว {unchanged} แถว",
                         "en": "Import #{id}: {added} rows added, {unchanged} already stored"},
    "import_already": {"th": "ไฟล์นี้นำเข้าแล้ว (ครั้งที่ {id}) ไม่มีการเปลี่ยนแปลง",
                       "en": "This file was already imported (#{id}); nothing changed"},
    "import_not_stored": {"th": "ไม่ได้บันทึกข้อมูลใด ๆ", "en": "Nothing was stored"},
    "import_history": {"th": "ประวัติการนำเข้า", "en": "Import history"},
    "import_undone": {"th": "ยกเลิกการนำเข้าครั้งที่ {id}: ลบ {rows} แถว",
                      "en": "Import #{id} undone: {rows} rows removed"},
    "import_checking": {"th": "กำลังตรวจสอบ: {done:,} จาก {total:,} แถว",
                        "en": "Checking: {done:,} of {total:,} rows"},
    "import_storing": {"th": "กำลังบันทึก: {done:,} จาก {total:,} แถว",
                       "en": "Storing: {done:,} of {total:,} rows"},
    "import_cancel": {"th": "ยกเลิก", "en": "Cancel"},
    "import_cancelled": {"th": "ยกเลิกแล้ว ไม่ได้บันทึกข้อมูลใด ๆ", "en": "Cancelled: nothing was stored"},
    "import_synthetic": {"th": "ข้อมูลสมมติ (ทดสอบหรือสาธิต) — ทำเครื่องหมายทุกแถว",
                         "en": "Made-up data (test or demonstration): mark every row"},
    "import_fix_first": {
        "th": "มี {n} แถวที่ต้องแก้ไข ระบบจะไม่บันทึกข้อมูลใด ๆ จนกว่าทุกแถวจะจับคู่ได้ "
              "แก้ไขไฟล์แล้วตรวจสอบอีกครั้ง",
        "en": "{n} rows need attention. Nothing is stored unless every row matched: fix "
              "the file and check it again."},
    "import_workbook": {"th": "สมุดงานทะเบียน (โครงการ ภาคี ตัวชี้วัด พื้นที่ แหล่งข้อมูล)",
                        "en": "Registry workbook (programmes, partners, indicators, areas, "
                              "sources)"},
    "import_workbook_found": {
        "th": "ไฟล์นี้เป็นสมุดงานทะเบียน: ตรวจทุกแผ่นงาน บันทึกเมื่อทุกแถวผ่านเท่านั้น",
        "en": "This is a registry workbook: every sheet is checked; it is stored only "
              "when every row is accepted"},
    "import_workbook_ok": {"th": "ทุกแถวผ่านการตรวจสอบ", "en": "Every row is accepted"},
    "import_store": {"th": "บันทึกโครงการ ({n})", "en": "Store the programmes ({n})"},
    "import_stored": {"th": "นำเข้าครั้งที่ {id}: บันทึก {names}", "en": "Import #{id}: stored {names}"},
    "import_workbook_undone": {"th": "ยกเลิกการนำเข้าครั้งที่ {id}: {names} กลับเป็นเหมือนเดิม",
                               "en": "Import #{id} undone: {names} back as before"},
    "import_read_as": {"th": "อ่านไฟล์: {note} · หัวตารางแถวที่ {row}",
                       "en": "Read: {note} · header on row {row}"},
    # --- admin page (pages/admin.py) ---
    "admin_users": {"th": "ผู้ใช้", "en": "Users"},
    "admin_log": {"th": "บันทึกการเปลี่ยนแปลง", "en": "Audit log"},
    "admin_add": {"th": "เพิ่มผู้ใช้", "en": "Add a user"},
    "admin_again": {"th": "รหัสผ่านอีกครั้ง", "en": "Password again"},
    "admin_differ": {"th": "รหัสผ่านสองช่องไม่ตรงกัน", "en": "The two passwords differ"},
    "admin_added": {"th": "เพิ่มผู้ใช้ {name} แล้ว", "en": "User {name} added"},
    "admin_account": {"th": "บัญชี", "en": "Account"},
    "admin_disable": {"th": "ระงับบัญชี", "en": "Disable"},
    "admin_enable": {"th": "เปิดใช้บัญชี", "en": "Enable"},
    "admin_changed": {"th": "บันทึกแล้ว", "en": "Saved"},
    "admin_new_password": {"th": "ตั้งรหัสผ่านใหม่", "en": "Set a new password"},
    "admin_set_password": {"th": "บันทึกรหัสผ่าน", "en": "Save password"},
    "admin_no_users": {"th": "ยังไม่มีผู้ใช้", "en": "No users yet"},
    "user": {"th": "ผู้ใช้", "en": "User"},
    "admin_filter_actions": {"th": "การกระทำ", "en": "Actions"},
    "admin_filter_kinds": {"th": "ประเภท", "en": "Kinds"},
    "admin_log_page": {"th": "หน้า", "en": "Page"},
    "admin_log_shown": {"th": "รายการที่ {first:,}–{last:,} จาก {total:,} (ใหม่สุดก่อน)",
                        "en": "Entries {first:,}–{last:,} of {total:,} (newest first)"},
    "admin_from": {"th": "ตั้งแต่วันที่", "en": "From"},
    "admin_to": {"th": "ถึงวันที่", "en": "To"},
    "admin_everyone": {"th": "ทุกคน", "en": "Everyone"},
    "admin_empty_log": {"th": "ไม่มีรายการที่ตรงกับตัวกรอง", "en": "No entry matches these filters"},
    "admin_download": {"th": "ดาวน์โหลด CSV (ทุกรายการที่ตรงกับตัวกรอง)",
                       "en": "Download CSV (every entry matching the filters)"},
    "admin_confirm_undo": {
        "th": "ยืนยัน: ลบแถวที่มีเฉพาะการนำเข้านี้ให้ไว้ (แถวที่การนำเข้าอื่นให้ไว้ด้วยยังอยู่)",
        "en": "Confirm: remove the rows only this import gives (rows other imports also "
              "give stay)"},
    "admin_undone": {"th": "ยกเลิกการนำเข้าครั้งที่ {id}: ลบ {rows} แถว และตัวเลข {claims} รายการ",
                     "en": "Import #{id} undone: {rows} rows and {claims} figures removed"},
    "admin_unavailable": {"th": "ฐานข้อมูลไม่พร้อมใช้งาน: {error}",
                          "en": "The database is unavailable: {error}"},
    "admin_database": {"th": "ฐานข้อมูลทะเบียน: {where}", "en": "Registry database: {where}"},
    "audit_when": {"th": "เวลา", "en": "When"},
    "audit_action": {"th": "การกระทำ", "en": "Action"},
    "audit_entity": {"th": "สิ่งที่เปลี่ยน", "en": "What"},
    "audit_entity_id": {"th": "รหัส", "en": "Id"},
    "audit_before": {"th": "ก่อน", "en": "Before"},
    "audit_after": {"th": "หลัง", "en": "After"},
    "audit_import": {"th": "การนำเข้า", "en": "Import"},
    # --- organisation logos (ui/logos.py) ---
    "ex_col_source_files": {"th": "รหัสเอกสาร", "en": "Document identifiers"},
    "logo_title": {"th": "ตราสัญลักษณ์ขององค์กร", "en": "Organisation logos"},
    "logo_rules": {
        "th": "ไฟล์ PNG หรือ JPEG ขนาดไม่เกิน {size} KB และด้านละไม่เกิน {side} พิกเซล "
              "แสดงข้างชื่อองค์กรในโหมดนำเสนอและเอกสารหน้าเดียว (ชื่อยังแสดงเสมอ)",
        "en": "A PNG or JPEG file of at most {size} KB and {side} pixels a side; shown beside "
              "the organisation's name on presenter slides and one-pagers (the name always "
              "shows too)."},
    "logo_current": {"th": "ตราสัญลักษณ์ปัจจุบันของ {name}", "en": "Current logo of {name}"},
    "logo_none": {"th": "องค์กรนี้ยังไม่มีตราสัญลักษณ์: แสดงเฉพาะชื่อ",
                  "en": "This organisation has no logo: its name shows alone."},
    "logo_no_organisations": {"th": "ยังไม่มีองค์กรในระบบ", "en": "No organisations yet."},
    "logo_file": {"th": "ไฟล์ตราสัญลักษณ์", "en": "Logo file"},
    "logo_upload": {"th": "บันทึกตราสัญลักษณ์", "en": "Save logo"},
    "logo_remove": {"th": "ลบตราสัญลักษณ์", "en": "Remove logo"},
    "logo_stored": {"th": "บันทึกตราสัญลักษณ์ของ {name} แล้ว", "en": "Saved the logo of {name}."},
    "logo_removed": {"th": "ลบตราสัญลักษณ์ของ {name} แล้ว", "en": "Removed the logo of {name}."},
    "logo_err_empty": {"th": "ไฟล์ว่างเปล่า: เลือกไฟล์ภาพ PNG หรือ JPEG",
                       "en": "The file is empty: choose a PNG or JPEG image."},
    "logo_err_too_big": {
        "th": "ไฟล์ใหญ่เกินไป ({size} KB; ไม่เกิน {limit} KB): ย่อภาพหรือบันทึกให้เล็กลงแล้วลองใหม่",
        "en": "The file is too large ({size} KB; at most {limit} KB): make the image smaller "
              "and try again."},
    "logo_err_format": {
        "th": "ไฟล์นี้เป็นภาพแบบ {found}: รับเฉพาะ PNG หรือ JPEG กรุณาแปลงไฟล์แล้วลองใหม่",
        "en": "This is a {found} image: only PNG or JPEG is accepted; convert it and try "
              "again."},
    "logo_err_dimensions": {
        "th": "ภาพใหญ่เกินไป ({width}×{height} พิกเซล; ด้านละไม่เกิน {limit}): ย่อภาพแล้วลองใหม่",
        "en": "The image is too large ({width}×{height} pixels; at most {limit} a side): "
              "scale it down and try again."},
    "logo_err_tiny": {
        "th": "ภาพเล็กเกินไป ({width}×{height} พิกเซล; ด้านละอย่างน้อย {limit}): ใช้ภาพที่ใหญ่กว่านี้",
        "en": "The image is too small ({width}×{height} pixels; at least {limit} a side): "
              "use a larger one."},
    "logo_err_not_image": {
        "th": "ไฟล์นี้ไม่ใช่ภาพ PNG หรือ JPEG ที่อ่านได้ (อาจเสียหายหรือเป็นไฟล์ชนิดอื่น): "
              "ไม่ได้บันทึกสิ่งใด เลือกไฟล์ภาพที่ถูกต้องแล้วลองใหม่",
        "en": "This file is not a readable PNG or JPEG image (damaged, or another kind of "
              "file): nothing was stored. Choose a proper image file and try again."},
    "logo_err_no_organisation": {
        "th": "ไม่พบองค์กร {slug} (อาจถูกรวมหรือลบไปแล้ว): โหลดหน้านี้ใหม่แล้วเลือกอีกครั้ง",
        "en": "No organisation {slug} (merged or removed meanwhile): reload the page and "
              "choose again."},
    "logo_err_not_as_described": {
        "th": "ไฟล์โลโก้ไม่ตรงกับที่ระบุไว้ (เป็น {found} ขนาด {width}×{height} พิกเซล): "
              "ใช้ไฟล์จากการส่งออกเดิม",
        "en": "The logo file is not what its row says (it is {found}, {width}×{height} "
              "pixels): use the file from the original export."},
    "logo_err_not_stored": {
        "th": "ไฟล์โลโก้มีข้อมูลอื่นนอกจากภาพ หรือใหญ่กว่าที่ทะเบียนเก็บ: ใช้ไฟล์จากการส่งออกเดิม",
        "en": "The logo file carries more than the image, or is larger than the registry "
              "stores: use the file from the original export."},
    "logo_err_storage": {"th": "บันทึกไม่สำเร็จ ไม่มีสิ่งใดเปลี่ยนแปลง: {error}",
                         "en": "Could not save; nothing changed: {error}"},
    # --- the programme form's indicators, period limit and map drill-down ---
    "edit_period_limit": {"th": "ระยะเวลาไม่เกิน", "en": "Longest period"},
    "edit_period_limit_help": {"th": "เมื่อเอกสารให้เพียงระยะเวลาสูงสุด เช่น ไม่เกิน 3 ปี",
                               "en": "When the document gives only the longest length, e.g. "
                               "ไม่เกิน 3 ปี (at most 3 years)"},
    "edit_indicators": {"th": "ตัวชี้วัด เป้าหมาย และผลการดำเนินงาน",
                        "en": "Indicators, targets and reported progress"},
    "edit_add_indicator": {"th": "เพิ่มตัวชี้วัด", "en": "Add an indicator"},
    "edit_measure": {"th": "สิ่งที่นับ", "en": "What is counted"},
    "edit_indicator_title": {"th": "ชื่อตัวชี้วัดตามเอกสาร (ถ้ามี)",
                             "en": "The indicator's name in the document (optional)"},
    "edit_whole_programme": {"th": "ทั้งโครงการ", "en": "The whole programme"},
    "edit_baseline": {"th": "ค่าฐาน (ก่อนเริ่มโครงการ)", "en": "Baseline (before the programme)"},
    "edit_baseline_date": {"th": "ค่าฐาน ณ วันที่", "en": "Baseline as of"},
    "edit_figure_kind": {"th": "ประเภทตัวเลข", "en": "Kind of figure"},
    "edit_figure_value": {"th": "ค่า", "en": "Value"},
    "edit_figure_period": {"th": "ช่วงเวลา (เช่น 2563-2565)", "en": "Period (e.g. 2563-2565)"},
    "edit_period_help": {"th": "ปี เดือน หรือวัน หรือช่วงของมัน เว้นว่าง = ทั้งโครงการ",
                         "en": "A year, month or day, or a range of them; blank = the whole "
                         "programme"},
    "edit_figure_quote": {"th": "ข้อความอ้างอิง (ถ้าต่างจากด้านล่าง)",
                          "en": "Quote (when not the one below)"},
    "edit_figure_url": {"th": "ลิงก์เอกสารอื่น (ถ้ามี)", "en": "Another document's address "
                        "(optional)"},
    "edit_add_figure": {"th": "เพิ่มตัวเลข", "en": "Add figure"},
    "edit_add_indicator_button": {"th": "เพิ่มตัวชี้วัดนี้", "en": "Add this indicator"},
    "edit_figure_line": {"th": "{kind} {value} · ช่วง {period} · ณ {as_of}",
                         "en": "{kind} {value} · period {period} · as of {as_of}"},
    "edit_baseline_line": {"th": "ค่าฐาน {value} ณ {as_of}", "en": "baseline {value} as of "
                           "{as_of}"},
    "edit_map_province": {"th": "จังหวัดที่จะเลือกตำบล", "en": "Province whose tambons to click"},
    "edit_map_back": {"th": "ทั้งประเทศ", "en": "Whole country"},
    # --- the programme form (pages/edit.py) ---
    "edit_title": {"th": "เพิ่ม/แก้ไขโครงการ", "en": "Enter and edit programmes"},
    "edit_intro": {
        "th": "บันทึกเป็นร่างก่อน ผู้แก้ไขอีกคนหนึ่งหรือผู้ดูแลระบบเป็นผู้เผยแพร่ "
              "ผู้ชมเห็นเฉพาะข้อมูลที่เผยแพร่แล้ว",
        "en": "Changes are saved as a draft; a second editor or an admin publishes it. "
              "Viewers see only published data."},
    "edit_new": {"th": "— โครงการใหม่ —", "en": "— a new programme —"},
    "edit_slug": {"th": "รหัสโครงการ (a-z, 0-9, -)", "en": "Programme id (a-z, 0-9, -)"},
    "edit_title_th": {"th": "ชื่อโครงการ (ไทย)", "en": "Title (Thai)"},
    "edit_title_en": {"th": "ชื่อโครงการ (อังกฤษ)", "en": "Title (English)"},
    "edit_signed_on": {"th": "วันลงนาม", "en": "Signed on"},
    "edit_start_on": {"th": "วันเริ่ม", "en": "Starts on"},
    "edit_end_on": {"th": "วันสิ้นสุด", "en": "Ends on"},
    "edit_date_help": {
        "th": "เขียนตามที่เอกสารให้ไว้ เช่น 14 มี.ค. 2566, 7-8 กันยายน 2559, มิถุนายน 2562 "
              "หรือ 2559",
        "en": "As precise as the document: e.g. 14 มี.ค. 2566, 7-8 กันยายน 2559, มิถุนายน "
              "2562 or 2559"},
    "edit_description_th": {"th": "รายละเอียด (ไทย)", "en": "Description (Thai)"},
    "edit_description_en": {"th": "รายละเอียด (อังกฤษ)", "en": "Description (English)"},
    "edit_find": {
        "th": "ค้นหาองค์กร (ชื่อ ชื่อย่อ หรือชื่ออื่น)",
        "en": "Find an organisation (name, abbreviation or alias)"},
    "edit_found": {"th": "องค์กรที่พบ", "en": "Organisations found"},
    "edit_add": {"th": "เพิ่มภาคี", "en": "Add partner"},
    "edit_add_new": {"th": "เพิ่มองค์กรใหม่", "en": "Add a new organisation"},
    "edit_add_new_button": {"th": "เพิ่มเป็นภาคี", "en": "Add as partner"},
    "edit_name_th": {"th": "ชื่อองค์กร (ไทย)", "en": "Name (Thai)"},
    "edit_name_en": {"th": "ชื่อองค์กร (อังกฤษ)", "en": "Name (English)"},
    "edit_aliases": {"th": "ชื่ออื่น (คั่นด้วย ;)", "en": "Other names (separated by ;)"},
    "edit_org_type": {"th": "ประเภท", "en": "Type"},
    "edit_known_as": {
        "th": "มีองค์กรนี้อยู่แล้ว: {name} — เลือกจากการค้นหาแทน",
        "en": "Already known: {name} — pick it from the search instead"},
    "edit_remove": {"th": "ลบ", "en": "Remove"},
    "edit_areas": {"th": "พื้นที่ดำเนินงาน", "en": "Areas covered"},
    "edit_pick_areas": {"th": "เลือกพื้นที่", "en": "Choose areas"},
    "edit_paste": {
        "th": "หรือวางรายชื่อพื้นที่ บรรทัดละหนึ่งพื้นที่ (เช่น ต.มะรือโบตก อ.ระแงะ จ.นราธิวาส)",
        "en": "Or paste place names, one per line (e.g. ต.มะรือโบตก อ.ระแงะ จ.นราธิวาส)"},
    "edit_match": {"th": "จับคู่ชื่อพื้นที่", "en": "Match the names"},
    "edit_map_toggle": {
        "th": "เลือกจากแผนที่ (คลิกพื้นที่เพื่อเพิ่ม)",
        "en": "Choose on the map (click an area to add it)"},
    "edit_chosen": {"th": "เลือกแล้ว", "en": "Chosen"},
    "edit_villages": {
        "th": "หมู่ที่ (ถ้าระบุ เช่น 1, 3, 5)",
        "en": "Village numbers (optional, e.g. 1, 3, 5)"},
    "edit_add_areas": {"th": "เพิ่มพื้นที่ที่เลือก", "en": "Add chosen areas"},
    "edit_coverage_status": {"th": "สถานะในพื้นที่", "en": "Status in these areas"},
    "edit_year": {"th": "ปี (พ.ศ. หรือ ค.ศ.)", "en": "Year (BE or CE)"},
    "edit_source": {"th": "แหล่งข้อมูล", "en": "Source"},
    "edit_url": {"th": "ลิงก์ของเอกสาร", "en": "Web address of the document"},
    "edit_upload": {
        "th": "หรืออัปโหลดเอกสาร (.txt .html .pdf)",
        "en": "Or upload the document (.txt .html .pdf)"},
    "edit_doc_title": {"th": "ชื่อเรื่อง", "en": "Title"},
    "edit_publisher": {"th": "ผู้เผยแพร่", "en": "Publisher"},
    "edit_published_on": {"th": "วันที่เผยแพร่", "en": "Published on"},
    "edit_quote": {"th": "ข้อความอ้างอิงจากเอกสาร", "en": "Quote from the document"},
    "edit_save": {"th": "บันทึกร่าง", "en": "Save draft"},
    "edit_saved": {
        "th": "บันทึกร่างหมายเลข {id} แล้ว รอการเผยแพร่",
        "en": "Draft #{id} saved; waiting to be published"},
    "edit_drafts": {"th": "ร่างที่รอเผยแพร่", "en": "Drafts waiting to be published"},
    "edit_no_drafts": {"th": "ไม่มีร่างที่รอเผยแพร่", "en": "No drafts waiting"},
    "edit_draft_word": {"th": "ร่าง", "en": "Draft"},
    "edit_draft_badge": {"th": "ร่าง · {title} · โดย {by}", "en": "Draft · {title} · by {by}"},
    "edit_publish": {"th": "เผยแพร่", "en": "Publish"},
    "edit_own_draft": {
        "th": "ผู้แก้ไขอีกคนหนึ่งหรือผู้ดูแลระบบต้องเป็นผู้เผยแพร่ร่างนี้",
        "en": "A second editor or an admin publishes this draft"},
    "edit_withdraw": {"th": "ถอนร่าง", "en": "Withdraw"},
    "edit_published": {"th": "เผยแพร่ร่างหมายเลข {id} แล้ว", "en": "Draft #{id} published"},
    "edit_recent": {"th": "เผยแพร่ล่าสุด (ยกเลิกได้)", "en": "Recently published (can be undone)"},
    "edit_undo": {"th": "ยกเลิกการเผยแพร่", "en": "Undo publication"},
    "edit_undone": {
        "th": "ยกเลิกร่างหมายเลข {id} แล้ว ข้อมูลกลับเป็นเหมือนเดิม",
        "en": "Draft #{id} undone; the programme is back as it was"},
    "edit_merge": {"th": "รวมองค์กรที่ซ้ำกัน", "en": "Merge duplicate organisations"},
    "edit_merge_help": {
        "th": "บทบาทในโครงการและชื่ออื่นทั้งหมดย้ายไปยังองค์กรที่เก็บไว้ ยกเลิกได้",
        "en": "Every partner role and alias moves to the organisation kept; can be undone"},
    "edit_keep": {"th": "เก็บองค์กรนี้", "en": "Keep this organisation"},
    "edit_drop": {"th": "รวมองค์กรนี้เข้าไป (จะถูกลบ)", "en": "Merge this one into it (removed)"},
    "edit_merge_button": {"th": "รวมองค์กร", "en": "Merge"},
    "edit_merged": {
        "th": "รวม {drop} เข้ากับ {keep} แล้ว (บันทึกหมายเลข {id})",
        "en": "{drop} merged into {keep} (entry #{id})"},
    "edit_merge_undo_which": {"th": "การรวมที่ผ่านมา", "en": "Past merges"},
    "edit_merge_undo": {"th": "ยกเลิกการรวม", "en": "Undo merge"},
    "edit_merge_undone": {"th": "ยกเลิกการรวมหมายเลข {id} แล้ว", "en": "Merge #{id} undone"},
    "edit_not_saved": {"th": "ยังไม่ได้บันทึก: {error}", "en": "Not saved: {error}"},
}


# The words for every code the registry stores (registry/models.py), one wording per code,
# used by every page: `term(kind, code, lang)`. Qualifiers are patterns around a number `{n}`
# (`qualified`). tests/test_vocabulary.py checks that every code the models allow or the
# seeds use has a Thai and an English label.
_STATUS = {  # a programme's status; NULL (the documents do not say) is not a code
    "planned": {"th": "วางแผน", "en": "Planned"},
    "signed": {"th": "ลงนามแล้ว", "en": "Signed"},
    "active": {"th": "กำลังดำเนินการ", "en": "Active"},
    "completed": {"th": "เสร็จสิ้น", "en": "Completed"},
    "ended": {"th": "สิ้นสุดแล้ว", "en": "Ended"},
}
VOCABULARY: dict[str, dict[str, dict[str, str]]] = {
    # in the order a programme's partner table lists them
    "role": {
        "lead": {"th": "ผู้นำโครงการ", "en": "Lead"},
        "signatory": {"th": "ผู้ลงนาม", "en": "Signatory"},
        "academic_support": {"th": "สนับสนุนวิชาการ", "en": "Academic support"},
        "implementing": {"th": "ผู้ดำเนินงาน", "en": "Implementing"},
        "host": {"th": "เจ้าภาพ", "en": "Host"},
        "funder": {"th": "ผู้สนับสนุนงบประมาณ", "en": "Funder"},
        "tool_developer": {"th": "พัฒนาเครื่องมือ", "en": "Tool developer"},
        "supporting": {"th": "ผู้สนับสนุน", "en": "Supporting"},
    },
    "status": _STATUS,
    # a coverage row's status, worded as a programme's; "mixed" = several in one area (overview)
    "coverage_status": {
        **{code: _STATUS[code] for code in ("planned", "active", "completed")},
        "mixed": {"th": "หลายสถานะ", "en": "Mixed"},
    },
    "theme": {
        "moral_province": {"th": "จังหวัดคุณธรรม", "en": "Moral province"},
        "community_strengthening": {"th": "ชุมชนเข้มแข็ง", "en": "Community strengthening"},
        "resilience": {"th": "ชุมชนรู้รับปรับตัว", "en": "Resilience"},
        "community_happiness": {"th": "ชุมชนสร้างสุข", "en": "Community happiness"},
        "other": {"th": "อื่น ๆ", "en": "Other"},
    },
    "measure": {
        "villages": {"th": "หมู่บ้าน", "en": "Villages"},
        "subdistricts": {"th": "ตำบล", "en": "Tambons"},
        "districts": {"th": "อำเภอ", "en": "Districts"},
        "provinces": {"th": "จังหวัด", "en": "Provinces"},
        "networks": {"th": "เครือข่าย", "en": "Networks"},
        "local_administrations": {"th": "องค์กรปกครองส่วนท้องถิ่น", "en": "Local administrations"},
        "organisations": {"th": "องค์กร", "en": "Organisations"},
        "health_innovations": {"th": "นวัตกรรมด้านสุขภาพ", "en": "Health innovations"},
        "economic_models": {"th": "รูปแบบเศรษฐกิจชุมชน", "en": "Economic models"},
        "environmental_models": {"th": "รูปแบบการจัดการสิ่งแวดล้อม", "en": "Environmental models"},
        "public_policy_agreements": {"th": "ข้อตกลงนโยบายสาธารณะ",
                                     "en": "Public policy agreements"},
        "network_agreements": {"th": "ข้อตกลงของเครือข่าย", "en": "Network agreements"},
        "participants": {"th": "ผู้เข้าร่วม", "en": "Participants"},
        "households": {"th": "ครัวเรือน", "en": "Households"},
        "people": {"th": "คน", "en": "People"},
    },
    "kind": {
        "target": {"th": "เป้าหมาย", "en": "Target"},
        "actual": {"th": "ผลที่รายงาน", "en": "Reported"},
        "context": {"th": "ข้อมูลประกอบ (ไม่ใช่ผลของโครงการ)",
                    "en": "Context (not a result of the programme)"},
    },
    "event": {
        "forum": {"th": "เวที", "en": "Forum"},
        "meeting": {"th": "ประชุม", "en": "Meeting"},
        "training": {"th": "อบรม", "en": "Training"},
        "ceremony": {"th": "พิธี", "en": "Ceremony"},
    },
    "qualifier": {
        "at_least": {"th": "ไม่น้อยกว่า {n}", "en": "at least {n}"},
        "more_than": {"th": "มากกว่า {n}", "en": "more than {n}"},
        "at_most": {"th": "ไม่เกิน {n}", "en": "at most {n}"},
        "about": {"th": "ประมาณ {n}", "en": "about {n}"},
        "per_year": {"th": "ปีละ {n}", "en": "{n} a year"},
        "at_least_per_area": {"th": "อย่างน้อยพื้นที่ละ {n}", "en": "at least {n} per area"},
    },
    "resolution": {
        "ambiguous": {"th": "กำกวม (ตรงหลายพื้นที่)", "en": "Ambiguous (several areas)"},
        "unknown": {"th": "ไม่พบในทะเบียน", "en": "Not found"},
    },
    # an account's role (registry/models.py USER_ROLES)
    "user_role": {
        "editor": {"th": "ผู้แก้ไขข้อมูล", "en": "Editor"},
        "admin": {"th": "ผู้ดูแลระบบ", "en": "Admin"},
    },
    # what an audit log entry records (registry/audit.py KIND_NAMES)
    "audit_kind": {
        "imports": {"th": "การนำเข้า", "en": "Imports"},
        "edits": {"th": "การแก้ไข", "en": "Edits"},
        "accounts": {"th": "บัญชีผู้ใช้", "en": "Accounts"},
        "sign_ins": {"th": "การเข้าสู่ระบบ", "en": "Sign-ins"},
    },
    # how the explorer's map classes its values (views/classes.py SCHEMES)
    "scheme": {
        "natural_breaks": {"th": "แบ่งตามธรรมชาติ (Jenks)", "en": "Natural breaks (Jenks)"},
        "quantiles": {"th": "ควอนไทล์", "en": "Quantiles"},
        "equal_interval": {"th": "ช่วงเท่ากัน", "en": "Equal interval"},
    },
    # the fields of an uploaded table (loaders/reading.py), in the mapping form's order
    "import_field": {
        "programme": {"th": "โครงการ", "en": "Programme"},
        "province": {"th": "จังหวัด", "en": "Province"},
        "district": {"th": "อำเภอ/เขต", "en": "District"},
        "subdistrict": {"th": "ตำบล/แขวง", "en": "Subdistrict"},
        "village": {"th": "หมู่ที่", "en": "Village no."},
        "code": {"th": "รหัสพื้นที่", "en": "Area code"},
        "area": {"th": "ที่อยู่/พื้นที่", "en": "Address / area"},
        "status": {"th": "สถานะ", "en": "Status"},
        "year": {"th": "ปี", "en": "Year"},
        "start": {"th": "วันที่เริ่ม", "en": "Start date"},
        "end": {"th": "วันที่สิ้นสุด", "en": "End date"},
        "target": {"th": "เป้าหมาย", "en": "Target"},
        "actual": {"th": "ผลงาน", "en": "Actual"},
        "measure": {"th": "หน่วย", "en": "Unit"},
        "organisation": {"th": "หน่วยงาน", "en": "Organisation"},
        "lat": {"th": "ละติจูด", "en": "Latitude"},
        "lon": {"th": "ลองจิจูด", "en": "Longitude"},
    },
}


def _in(entry: dict[str, str], lang: str) -> str:
    return entry.get(lang) or entry["th"]


def t(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang`, falling back to Thai; `{name}` fields filled in."""
    text = _in(TEXT[key], lang)
    return text.format(**values) if values else text


def term(kind: str, value: object, lang: str) -> str:
    """A code of `kind` (a key of VOCABULARY: "role", "status", "theme", "measure",
    "user_role", "scheme" …) in words; an unknown code (e.g. from a newer import) as written."""
    entry = VOCABULARY[kind].get(value) if isinstance(value, str) else None
    return _in(entry, lang) if entry else str(value)


def _missing(value: object) -> bool:
    return (not isinstance(value, str) and (value is None or bool(pd.isna(value)))) \
        or value == ""


def localised(row, field: str, lang: str):
    """`field` of `row` in `lang`: `field_en` in English, Thai (`field_th`) where the English
    one is missing (None, NaN or empty), as every page shows names and titles.

    `row` is a mapping (dict, pandas row), a named tuple (itertuples) or a whole DataFrame,
    which gives a Series."""
    if isinstance(row, pd.DataFrame):
        if lang != "en" or f"{field}_en" not in row:
            return row[f"{field}_th"].astype(object)
        english = row[f"{field}_en"].astype(object)
        if f"{field}_th" not in row:
            return english
        return english.where(english.notna() & (english != ""), row[f"{field}_th"].astype(object))
    get = row.get if hasattr(row, "get") else \
        (lambda name, default=None: getattr(row, name, default))
    thai = get(f"{field}_th", None)
    english = get(f"{field}_en", None) if lang == "en" else None
    return thai if _missing(english) else english


def qualified(value: float, qualifier: object, lang: str) -> str:
    """A figure with its qualifier ("at least 6", not "6"); no qualifier: the number alone;
    an unknown qualifier stays beside the number as written."""
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    if not isinstance(qualifier, str) or not qualifier:
        return number
    pattern = VOCABULARY["qualifier"].get(qualifier)
    return _in(pattern, lang).format(n=number) if pattern else f"{number} ({qualifier})"


def has_thai(text: object) -> bool:
    return isinstance(text, str) and bool(THAI_LETTERS.search(text))


def abbreviation_in(abbreviation: object, lang: str) -> str:
    """An organisation's abbreviation to show in `lang`: the sources write them in Thai
    (พอช.), which says nothing beside an English name, so English shows only Latin ones."""
    if not isinstance(abbreviation, str) or not abbreviation:
        return ""
    return "" if lang == "en" and has_thai(abbreviation) else abbreviation

