"""Import programme coverage from Excel/CSV: upload, map columns, check, commit, undo.

Thin wiring only: reading, matching, the report, commit and undo live in
loaders/ (reading, matching, importer, template). File text is only ever shown
through st.dataframe / st.code / plain st.write of escaped strings.
"""

import contextlib
import hashlib

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from geo.gazetteer import areas
from loaders import importer, workbook
from loaders.matching import STATUSES, Gazetteer
from loaders.reading import FIELD_LABELS, Limits, ReadError, read_file, sheet_names
from loaders.template import template_csv, template_xlsx
from registry.db import RegistryUnavailable
from ui.auth import require_role
from ui.data import boundaries, outage_message, registry_changed
from ui.data import engine as registry_engine
from ui.entry import run_through_dashboard
from ui.lang import current_language
from views.text import plain

# This page in the dashboard's menu (ui.navigation reads it from this file).
NAVIGATION = {"title": "page_import", "icon": ":material/upload_file:", "order": 70,
              "role": "editor"}
run_through_dashboard()

TEXT = {
    "title": ("นำเข้าข้อมูลพื้นที่โครงการ", "Import programme areas"),
    "intro": ("อัปโหลดไฟล์ Excel/CSV ตรวจสอบการจับคู่ชื่อพื้นที่กับรหัส DOPA แล้วจึงบันทึก "
              "ไฟล์ต้นฉบับจะถูกเก็บไว้และยกเลิกการนำเข้าได้",
              "Upload an Excel/CSV file, check how its place names match DOPA codes, then "
              "commit. The original file is archived and an import can be undone."),
    "template": ("แบบฟอร์ม", "Template"),
    "upload": ("ไฟล์ (.xlsx, .csv, .geojson)", "File (.xlsx, .csv, .geojson)"),
    "sheet": ("แผ่นงาน", "Sheet"),
    "mapping": ("การจับคู่คอลัมน์ (ตรวจพบอัตโนมัติ แก้ไขได้)",
                "Column mapping (detected, editable)"),
    "none": ("— ไม่ใช้ —", "— not used —"),
    "programme": ("โครงการ (สำหรับแถวที่ไม่ระบุ)", "Programme (for rows without one)"),
    "status_default": ("สถานะ (สำหรับแถวที่ไม่ระบุ)", "Status (for rows without one)"),
    "check": ("ตรวจสอบ", "Check"),
    "report": ("ผลการตรวจสอบรายแถว", "Row-by-row report"),
    "filter": ("แสดงสถานะ", "Show statuses"),
    "download_csv": ("ดาวน์โหลดรายงาน CSV", "Download report CSV"),
    "download_xlsx": ("ดาวน์โหลดรายงาน XLSX", "Download report XLSX"),
    "commit": ("บันทึกทุกแถว ({n} แถว)", "Commit all rows ({n})"),
    "committed": ("นำเข้าครั้งที่ {id}: เพิ่ม {added} แถว มีอยู่แล้ว {unchanged} แถว",
                  "Import #{id}: {added} rows added, {unchanged} already stored"),
    "already": ("ไฟล์นี้นำเข้าแล้ว (ครั้งที่ {id}) ไม่มีการเปลี่ยนแปลง",
                "This file was already imported (#{id}); nothing changed"),
    "not_stored": ("ไม่ได้บันทึกข้อมูลใด ๆ", "Nothing was stored"),
    "history": ("ประวัติการนำเข้า", "Import history"),
    "no_history": ("ยังไม่มีการนำเข้า", "No imports yet"),
    "undo_which": ("ยกเลิกการนำเข้าครั้งที่", "Undo import #"),
    "undo": ("ยกเลิกการนำเข้า", "Undo import"),
    "undone": ("ยกเลิกการนำเข้าครั้งที่ {id}: ลบ {rows} แถว",
               "Import #{id} undone: {rows} rows removed"),
    "checking": ("กำลังตรวจสอบ: {done:,} จาก {total:,} แถว", "Checking: {done:,} of {total:,} rows"),
    "storing": ("กำลังบันทึก: {done:,} จาก {total:,} แถว", "Storing: {done:,} of {total:,} rows"),
    "cancel": ("ยกเลิก", "Cancel"),
    "cancelled": ("ยกเลิกแล้ว ไม่ได้บันทึกข้อมูลใด ๆ", "Cancelled: nothing was stored"),
    "synthetic": ("ข้อมูลสมมติ (ทดสอบหรือสาธิต) — ทำเครื่องหมายทุกแถว",
                  "Made-up data (test or demonstration): mark every row"),
    "fix_first": ("มี {n} แถวที่ต้องแก้ไข ระบบจะไม่บันทึกข้อมูลใด ๆ จนกว่าทุกแถวจะจับคู่ได้ "
                  "แก้ไขไฟล์แล้วตรวจสอบอีกครั้ง",
                  "{n} rows need attention. Nothing is stored unless every row matched: fix "
                  "the file and check it again."),
    "workbook": ("สมุดงานทะเบียน (โครงการ ภาคี ตัวชี้วัด พื้นที่ แหล่งข้อมูล)",
                 "Registry workbook (programmes, partners, indicators, areas, sources)"),
    "workbook_found": ("ไฟล์นี้เป็นสมุดงานทะเบียน: ตรวจทุกแผ่นงาน บันทึกเมื่อทุกแถวผ่านเท่านั้น",
                       "This is a registry workbook: every sheet is checked; it is stored only "
                       "when every row is accepted"),
    "workbook_ok": ("ทุกแถวผ่านการตรวจสอบ", "Every row is accepted"),
    "store": ("บันทึกโครงการ ({n})", "Store the programmes ({n})"),
    "stored": ("นำเข้าครั้งที่ {id}: บันทึก {names}", "Import #{id}: stored {names}"),
    "workbook_undone": ("ยกเลิกการนำเข้าครั้งที่ {id}: {names} กลับเป็นเหมือนเดิม",
                        "Import #{id} undone: {names} back as before"),
    "read_as": ("อ่านไฟล์: {note} · หัวตารางแถวที่ {row}", "Read: {note} · header on row {row}"),
}


def say(key: str, **values: object) -> str:
    text = TEXT[key][0 if lang == "th" else 1]
    return text.format(**values) if values else text


@st.cache_resource(show_spinner=False)
def gazetteer_for(drawn: frozenset[str]) -> Gazetteer:
    return Gazetteer(areas(), drawn_codes=drawn)


def cancel_requested() -> None:
    st.session_state["import_cancelled"] = True


def progress_bar(message: str):
    """A bar with rows done of total and a Cancel button; returns the callback to feed it.

    Pressing Cancel asks Streamlit for a new run, which stops this one at its next
    update of the bar: the check is dropped, a commit rolls back whole.
    """
    bar = st.progress(0.0, text=say(message, done=0, total=0))
    st.button(say("cancel"), key=f"cancel_{message}", on_click=cancel_requested)

    def update(done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0, text=say(message, done=done, total=total))

    return update


lang = current_language()
st.title(say("title"))
editor = require_role("editor")
st.caption(say("intro"))
if st.session_state.pop("import_cancelled", False):
    st.warning(say("cancelled"), icon="⏹️")

try:
    engine = registry_engine()
except RegistryUnavailable as error:
    st.error(outage_message(error), icon="🛑")
    st.stop()
layers = boundaries()
drawn = frozenset(code for codes in layers.codes().values() for code in codes)
gazetteer = gazetteer_for(drawn)

with st.expander(say("template")):
    left, right = st.columns(2)
    left.download_button("template.xlsx", template_xlsx(), "import-template.xlsx",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    right.download_button("template.csv", template_csv(), "import-template.csv", mime="text/csv")
    st.download_button(say("workbook"), workbook.template_xlsx(), "registry-workbook.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="workbook_template")

upload = st.file_uploader(say("upload"), type=["xlsx", "csv", "txt", "geojson", "json"],
                          max_upload_size=Limits().max_bytes // 2**20)
registry_workbook = False
if upload is not None and upload.name.lower().endswith(".xlsx"):
    # An unreadable file goes on to the coverage import, which says what is wrong with it.
    with contextlib.suppress(ReadError):
        registry_workbook = workbook.is_registry_workbook(upload.getvalue())
if registry_workbook:
    content = upload.getvalue()
    st.info(say("workbook_found"))
    plan = workbook.check(content, upload.name, engine, gazetteer=gazetteer)
    st.text(plan.summary())
    if plan.problems:
        st.dataframe(plan.report(), hide_index=True)
        st.download_button(say("download_csv"),
                           plan.report().map(importer.neutralise).to_csv(index=False)
                           .encode("utf-8-sig"), f"{upload.name}-report.csv",
                           mime="text/csv")
    else:
        st.success(say("workbook_ok"))
    if st.button(say("store", n=len(plan.bundles)), disabled=not plan.accepted
                 or not plan.bundles, type="primary", key="workbook_store"):
        try:
            stored = workbook.commit(engine, plan, by=editor.username)
        except (importer.ImportFailed, RegistryUnavailable, SQLAlchemyError) as error:
            st.error(plain(f"{say('not_stored')}: {error}"), icon="🛑")
            st.stop()
        registry_changed()
        if stored.already_imported:
            st.info(say("already", id=stored.import_id))
        else:
            st.success(say("stored", id=stored.import_id,
                           names=", ".join(stored.programmes)))
elif upload is not None:
    content = upload.getvalue()
    digest = hashlib.sha256(content).hexdigest()
    sheet = None
    try:
        if upload.name.lower().endswith(".xlsx"):
            sheet = st.selectbox(say("sheet"), sheet_names(content), key=f"sheet_{digest}")
        table = read_file(content, filename=upload.name, sheet=sheet)
    except ReadError as error:
        st.error(plain(str(error)), icon="📄")
        st.stop()
    st.caption(plain(say("read_as", note=table.note, row=table.header_row)))

    st.subheader(say("mapping"))
    columns = [None, *table.frame.columns]
    mapping = {}
    grid = st.columns(4)
    for index, (field, labels) in enumerate(FIELD_LABELS.items()):
        detected = table.mapping.get(field)
        mapping[field] = grid[index % 4].selectbox(
            labels[0 if lang == "th" else 1], columns,
            index=columns.index(detected) if detected in columns else 0,
            format_func=lambda label: say("none") if label is None else label,
            key=f"map_{field}_{digest}_{sheet}",
        )
    programmes = importer.load_programmes(engine)
    slugs = sorted({slug for _, slug in programmes.by_key.values()})
    programme = st.selectbox(say("programme"), [None, *slugs],
                             format_func=lambda s: say("none") if s is None else s)
    default_status = st.selectbox(say("status_default"), list(importer.COVERAGE_STATUS_WORDS),
                                  index=1)

    if st.button(say("check"), type="primary"):
        st.session_state.pop("import_dry", None)
        try:
            st.session_state["import_dry"] = importer.dry_run(
                content, upload.name, engine=engine, programme=programme,
                mapping={k: v for k, v in mapping.items() if v}, default_status=default_status,
                gazetteer=gazetteer, subdistricts=layers.layer("subdistrict"), table=table,
                progress=progress_bar("checking"))
        except ReadError as error:
            st.error(plain(str(error)), icon="📄")

    dry = st.session_state.get("import_dry")
    if dry is not None and dry.sha256 == digest:
        st.subheader(say("report"))
        st.text(dry.summary())
        counts = dry.counts
        for column, status in zip(st.columns(len(STATUSES)), STATUSES, strict=True):
            column.metric(status, counts[status])
        shown = st.multiselect(say("filter"), STATUSES,
                               default=[s for s in STATUSES if counts[s]] or list(STATUSES))
        report = importer.public_report(dry.report)
        st.dataframe(report[report["status"].isin(shown)], hide_index=True)
        left, right = st.columns(2)
        # Made when clicked: an XLSX of 100,000 rows takes longer than the rest of the page.
        left.download_button(say("download_csv"), lambda: importer.report_bytes(dry.report, "csv"),
                             f"{upload.name}-report.csv", mime="text/csv", on_click="ignore")
        right.download_button(say("download_xlsx"),
                              lambda: importer.report_bytes(dry.report, "xlsx"),
                              f"{upload.name}-report.xlsx", on_click="ignore")
        matched = counts["matched"]
        if not dry.all_matched:
            st.info(say("fix_first", n=len(dry.report) - matched), icon="✋")
        synthetic = st.checkbox(say("synthetic"), key=f"synthetic_{digest}")
        if st.button(say("commit", n=matched), disabled=not dry.all_matched):
            try:
                result = importer.commit(engine, dry, imported_by=editor.username,
                                         synthetic=synthetic, progress=progress_bar("storing"))
            except (importer.ImportFailed, RegistryUnavailable, SQLAlchemyError) as error:
                st.error(plain(f"{say('not_stored')}: {error}"), icon="🛑")
                st.stop()
            registry_changed()
            if result.already_imported:
                st.info(say("already", id=result.import_id))
            else:
                st.success(say("committed", id=result.import_id, added=result.added,
                               unchanged=result.unchanged))

st.subheader(say("history"))
if flash := st.session_state.pop("import_flash", None):
    st.success(flash)
past = importer.history(engine)
if past.empty:
    st.caption(say("no_history"))
else:
    st.dataframe(past.drop(columns="sha256"), hide_index=True)
    active = past.loc[past["undone_at"].isna(), "import_id"].tolist()
    if active:
        chosen = st.selectbox(say("undo_which"), active, key="undo_choice")
        if st.button(say("undo"), key="undo_button"):
            try:
                if workbook.is_workbook_import(engine, int(chosen)):
                    names = workbook.undo(engine, int(chosen), by=editor.username)
                    flash = say("workbook_undone", id=int(chosen), names=", ".join(names))
                else:
                    result = importer.undo(engine, int(chosen), undone_by=editor.username)
                    flash = say("undone", id=result.import_id, rows=result.removed_coverage)
            except importer.ImportFailed as error:
                st.error(plain(str(error)))
            else:
                registry_changed()
                st.session_state["import_flash"] = flash
                st.rerun()
