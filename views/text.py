"""Interface text in Thai (first) and English."""

from __future__ import annotations

import re

THAI_LETTERS = re.compile("[\u0e00-\u0e7f]")

LANGUAGES = ("th", "en")
LANGUAGE_NAMES = {"th": "ไทย", "en": "English"}

TEXT: dict[str, dict[str, str]] = {
    "app_title": {"th": "แผนที่โครงการชุมชนและจังหวัดคุณธรรม",
                  "en": "Community and Moral Province Programmes Map"},
    "language": {"th": "ภาษา / Language", "en": "Language / ภาษา"},
    "page_overview": {"th": "ภาพรวม", "en": "Overview"},
    "page_explorer": {"th": "สำรวจแผนที่", "en": "Map explorer"},
    "page_programmes": {"th": "โครงการ", "en": "Programmes"},
    "page_partners": {"th": "ภาคี", "en": "Partners"},
    "page_presenter": {"th": "โหมดนำเสนอ", "en": "Presenter mode"},
    "page_import": {"th": "นำเข้าข้อมูล", "en": "Import data"},
    "page_edit": {"th": "เพิ่ม/แก้ไขโครงการ", "en": "Enter programmes"},
    # --- map explorer (helper D) ---
    "ex_title": {"th": "สำรวจแผนที่พื้นที่ดำเนินงาน", "en": "Map explorer"},
    "ex_filters": {"th": "ตัวกรอง", "en": "Filters"},
    "ex_filters_loading": {"th": "กำลังโหลดตัวกรอง…", "en": "Loading the filters…"},
    "ex_programme": {"th": "โครงการ", "en": "Programme"},
    "ex_theme": {"th": "ประเด็น", "en": "Theme"},
    "ex_partner": {"th": "ภาคี", "en": "Partner"},
    "ex_region": {"th": "ภาค", "en": "Region"},
    "ex_province": {"th": "จังหวัด", "en": "Province"},
    "ex_status": {"th": "สถานะพื้นที่", "en": "Area status"},
    "ex_years": {"th": "ปี (พ.ศ.)", "en": "Years (BE)"},
    "ex_all_years": {"th": "ทุกปี รวมพื้นที่ที่ไม่ระบุปี", "en": "All years, with areas of no stated year"},
    "ex_synthetic": {"th": "รวมข้อมูลสังเคราะห์", "en": "Include synthetic data"},
    "ex_synthetic_badge": {"th": "[ข้อมูลสังเคราะห์]", "en": "[synthetic]"},
    "ex_any": {"th": "ทั้งหมด", "en": "All"},
    "ex_level": {"th": "ระดับพื้นที่", "en": "Area level"},
    "ex_legend": {"th": "คำอธิบายสัญลักษณ์", "en": "Legend"},
    "ex_scheme": {"th": "วิธีแบ่งช่วงสี", "en": "Class breaks"},
    "ex_k": {"th": "จำนวนช่วงสี", "en": "Number of classes"},
    "ex_reset": {"th": "ล้างตัวกรอง", "en": "Clear filters"},
    "ex_area": {"th": "พื้นที่ที่เจาะลึก", "en": "Area drilled into"},
    "yes": {"th": "ใช่", "en": "Yes"},
    "no": {"th": "ไม่", "en": "No"},
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
    "ex_empty": {"th": "ไม่มีโครงการที่ตรงกับตัวกรอง", "en": "No programme matches these filters"},
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
    "ex_col_scope": {"th": "ระดับ", "en": "Level"},
    "ex_col_name_th": {"th": "ชื่อ (ไทย)", "en": "Name (Thai)"},
    "ex_col_name_en": {"th": "ชื่อ (อังกฤษ)", "en": "Name (English)"},
    "ex_col_district": {"th": "อำเภอ", "en": "District"},
    "ex_col_province": {"th": "จังหวัด", "en": "Province"},
    "ex_col_programme_count": {"th": "จำนวนโครงการ", "en": "Programmes"},
    "ex_col_programmes": {"th": "โครงการ", "en": "Programme titles"},
    "ex_col_statuses": {"th": "สถานะ", "en": "Status"},
    "ex_col_years": {"th": "ปี (พ.ศ.)", "en": "Years (BE)"},
    "ex_col_sources": {"th": "เอกสารอ้างอิง", "en": "Sources"},
    "ex_export_sheet": {"th": "พื้นที่", "en": "Areas"},
    "ex_export_about": {"th": "ที่มา", "en": "About"},
    "ex_exported": {"th": "ส่งออกเมื่อ", "en": "Exported on"},
    "region": {"th": "ภาค", "en": "Region"},
    "province": {"th": "จังหวัด", "en": "Province"},
    "district": {"th": "อำเภอ", "en": "District"},
    "subdistrict": {"th": "ตำบล", "en": "Tambon"},
    "village": {"th": "หมู่บ้าน", "en": "Village"},
    "provinces_by_region": {"th": "จังหวัดจำแนกตามภาค", "en": "Provinces by region"},
    "boundaries_missing": {"th": "ไม่พบข้อมูลขอบเขตการปกครอง", "en": "Boundary data not found"},
    "no_data": {"th": "ไม่มีข้อมูล", "en": "No data"},
    "programme_count": {"th": "จำนวนโครงการ", "en": "Programmes"},
    "map_more_programmes": {"th": "และอีก {n} โครงการ", "en": "and {n} more"},
    # --- overview and partners pages (helper C) ---------------------------------------
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
    "synthetic_mark": {"th": "[ข้อมูลสังเคราะห์]", "en": "[synthetic]"},
    "filters_match_nothing": {"th": "ไม่มีโครงการที่ตรงกับตัวกรอง",
                              "en": "No programme matches these filters"},
    "overview_colour_by": {"th": "ระบายสีแผนที่ตาม", "en": "Colour the map by"},
    "overview_colour_programmes": {"th": "จำนวนโครงการ", "en": "Number of programmes"},
    "overview_colour_status": {"th": "สถานะ", "en": "Status"},
    "kpi.programmes": {"th": "โครงการ", "en": "Programmes"},
    "kpi.organisations": {"th": "องค์กรภาคี", "en": "Partners"},
    "kpi.province": {"th": "จังหวัด", "en": "Provinces"},
    "kpi.district": {"th": "อำเภอ", "en": "Districts"},
    "kpi.subdistrict": {"th": "ตำบล", "en": "Tambons"},
    "kpi.village": {"th": "หมู่บ้าน", "en": "Villages"},
    "cov_unit.province": {"th": "จังหวัด", "en": "provinces"},
    "cov_unit.district": {"th": "อำเภอ", "en": "districts"},
    "cov_unit.subdistrict": {"th": "ตำบล", "en": "tambons"},
    "cov_unit.village": {"th": "หมู่บ้าน", "en": "villages"},
    "cov_share": {"th": "{n} จาก {total} {unit} ที่โครงการระบุชื่อ",
                  "en": "{n} of {total} {unit} named by programmes"},
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
              "เทียบกับจำนวนทั้งประเทศ แยกตามสถานะ (แต่ละพื้นที่นับครั้งเดียวในสถานะที่ก้าวหน้าที่สุด) "
              "จำนวนที่เอกสารรายงานโดยไม่ระบุพื้นที่แสดงแยกพร้อมชื่อโครงการ ไม่นำมารวม "
              "และการ์ดไม่มีเป้าหมาย: เป้าหมายของแต่ละโครงการอยู่ในตารางเป้าหมายและความก้าวหน้า",
        "en": "How to read the cards: the distinct areas programmes name (a named tambon also "
              "counts its district and province) against the country's total, split by status "
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
    "overview_status": {"th": "สถานะ", "en": "Status"},
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
    "overview_col_programme": {"th": "โครงการ", "en": "Programme"},
    "overview_col_measure": {"th": "สิ่งที่นับ", "en": "Measure"},
    "overview_col_value": {"th": "จำนวน", "en": "Value"},
    "overview_col_within": {"th": "ภายในพื้นที่", "en": "Within"},
    "overview_col_kind": {"th": "ประเภท", "en": "Kind"},
    "overview_col_as_of": {"th": "ณ วันที่", "en": "As of"},
    "overview_col_source": {"th": "เอกสารอ้างอิง", "en": "Source"},
    "overview_col_place": {"th": "ชื่อตามเอกสาร", "en": "Name as written"},
    "overview_col_level": {"th": "ระดับ", "en": "Level"},
    "overview_col_resolution": {"th": "ผลการระบุ", "en": "Resolution"},
    "overview_col_candidates": {"th": "พื้นที่ที่เป็นไปได้", "en": "Candidates"},
    "partners_title": {"th": "องค์กรภาคี", "en": "Partner organisations"},
    "partners_intro": {
        "th": "ทุกองค์กรที่ร่วมในโครงการตามตัวกรอง พร้อมบทบาทและจังหวัดที่โครงการดำเนินงาน",
        "en": "Every organisation in the programmes the filters keep, with its roles and the "
              "provinces its programmes cover"},
    "partners_filter_programmes": {"th": "โครงการ", "en": "Programmes"},
    "partners_all": {"th": "ทั้งหมด", "en": "All"},
    "partners_filter_themes": {"th": "ประเด็น", "en": "Themes"},
    "partners_filter_regions": {"th": "ภาค", "en": "Regions"},
    "partners_filter_provinces": {"th": "จังหวัด", "en": "Provinces"},
    "partners_area_filter_note": {
        "th": "เมื่อกรองตามภาคหรือจังหวัด โครงการที่ไม่ระบุพื้นที่ (เช่น ข้อตกลงระดับประเทศที่ให้เพียงจำนวน) "
              "จะไม่แสดง",
        "en": "With a region or province filter, programmes that list no area (e.g. national "
              "MOUs that give only counts) are left out"},
    "partners_organisation": {"th": "องค์กร", "en": "Organisation"},
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
    "partners_others": {"th": "องค์กรอื่น {n} องค์กร (รวมกัน)",
                        "en": "{n} other organisations (together)"},
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
    # --- programme pages and presenter mode (helper E) ---
    "prog_choose": {"th": "เลือกโครงการ", "en": "Choose a programme"},
    "prog_national": {"th": "ภาพรวมทั้งประเทศ", "en": "National view"},
    "prog_none": {"th": "ยังไม่มีโครงการในทะเบียน", "en": "No programme in the registry yet"},
    "prog_not_stated": {"th": "ไม่ระบุในแหล่งข้อมูล", "en": "not stated in the source"},
    "prog_signed_on": {"th": "วันที่ลงนาม", "en": "Signed"},
    "prog_period": {"th": "ระยะเวลาโครงการ", "en": "Period"},
    "prog_status": {"th": "สถานะ", "en": "Status"},
    "prog_synthetic": {"th": "ข้อมูลสังเคราะห์ (ไม่ใช่ข้อมูลจริง)",
                       "en": "Synthetic data (not real)"},
    "prog_partners": {"th": "ภาคีและบทบาท", "en": "Partners and roles"},
    "prog_partner": {"th": "องค์กร", "en": "Organisation"},
    "prog_role": {"th": "บทบาท", "en": "Role"},
    "prog_role_detail": {"th": "รายละเอียดบทบาท (ตามเอกสาร)", "en": "Role as described (Thai)"},
    "prog_source": {"th": "เอกสารอ้างอิง", "en": "Source document"},
    "prog_targets": {"th": "เป้าหมายและผลการดำเนินงาน", "en": "Targets and progress"},
    "prog_no_claims": {"th": "เอกสารไม่ได้ระบุตัวเลขเป้าหมายหรือผลการดำเนินงาน",
                       "en": "The source gives no target or progress figure"},
    "prog_measure": {"th": "ตัวชี้วัด", "en": "Measure"},
    "prog_within": {"th": "พื้นที่", "en": "Area"},
    "prog_as_of": {"th": "ณ วันที่", "en": "As of"},
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
    "prog_place_written": {"th": "ชื่อตามเอกสาร", "en": "Name as written"},
    "prog_resolution": {"th": "สถานะการระบุ", "en": "Resolution"},
    "prog_candidates": {"th": "พื้นที่ที่เป็นไปได้", "en": "Candidates"},
    "prog_sources": {"th": "เอกสารอ้างอิงและข้อความที่ยกมา", "en": "Sources and quotes"},
    "prog_fact": {"th": "ข้อมูล", "en": "Fact"},
    "prog_quote": {"th": "ข้อความในเอกสาร", "en": "Quote"},
    "prog_fact_partners": {"th": "ภาคี", "en": "Partner"},
    "prog_fact_coverage": {"th": "พื้นที่", "en": "Area"},
    "prog_fact_claims": {"th": "ตัวเลข", "en": "Figure"},
    "prog_fact_place_mentions": {"th": "สถานที่", "en": "Place"},
    "prog_fact_networks": {"th": "เครือข่าย", "en": "Network"},
    "prog_description": {"th": "สาระสำคัญ", "en": "Summary"},
    "prog_kpi_partners": {"th": "องค์กรภาคี", "en": "Partner organisations"},
    "prog_kpi_programmes": {"th": "โครงการ", "en": "Programmes"},
    "prog_level": {"th": "ระดับ", "en": "Level"},
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
    "results_col_within": {"th": "ภายในพื้นที่", "en": "Within"},
    "results_col_target": {"th": "เป้าหมาย", "en": "Target"},
    "results_col_progress": {"th": "ผลที่รายงาน", "en": "Reported"},
    "results_col_share": {"th": "สัดส่วนของเป้าหมาย", "en": "Share of target"},
    "results_col_source": {"th": "เอกสารอ้างอิง", "en": "Source"},
    "src_untitled": {"th": "(เอกสารไม่มีชื่อเรื่อง)", "en": "(untitled document)"},
    "src_product_note": {"th": "หมายเหตุของระบบ (ไม่ใช่ข้อความในเอกสาร): {note}",
                         "en": "Dashboard note (not the document's words): {note}"},
    "src_line": {"th": "ที่มา: {documents}", "en": "Sources: {documents}"},
    "src_file": {"th": "รหัสเอกสาร: {file}", "en": "Document identifier: {file}"},
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
}


def _in(entry: dict[str, str], lang: str) -> str:
    return entry.get(lang) or entry["th"]


def t(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang`, falling back to Thai; `{name}` fields filled in."""
    text = _in(TEXT[key], lang)
    return text.format(**values) if values else text


def term(kind: str, value: object, lang: str) -> str:
    """A stored code of `kind` ("role", "status", "coverage_status", "theme", "measure",
    "kind", "resolution") in words; an unknown code (e.g. from a newer import) as written."""
    entry = VOCABULARY[kind].get(value) if isinstance(value, str) else None
    return _in(entry, lang) if entry else str(value)


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


def plain(text: object) -> str:
    """Typed or uploaded text for Markdown widgets (st.error, st.caption …): every mark escaped,
    so it shows as written and never links, embeds or styles."""
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|~$:])", r"\\\1", str(text))
