"""Import programme coverage from Excel/CSV: upload, map columns, check, commit, undo.

Thin wiring only: reading, matching, the report, commit and undo live in
loaders/ (reading, matching, importer, template). File text is only ever shown
through st.dataframe / st.code / plain st.write of escaped strings.
"""

import contextlib
import hashlib
from collections.abc import Callable
from typing import Any

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from escaping import markdown_literal as plain
from geo.gazetteer import areas
from loaders import importer, workbook
from loaders.matching import STATUSES, Gazetteer
from loaders.reading import Limits, ReadError, read_file, sheet_names
from loaders.template import template_csv, template_xlsx
from registry.db import RegistryUnavailable
from ui.auth import require_role
from ui.data import boundaries, outage_message, registry_changed
from ui.data import engine as registry_engine
from ui.entry import run_through_dashboard
from ui.lang import current_language
from views.text import VOCABULARY, t, term

# This page in the dashboard's menu (ui.navigation reads it from this file).
NAVIGATION = {"title": "page_import", "icon": ":material/upload_file:", "order": 70,
              "role": "editor"}
run_through_dashboard()

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
    bar = st.progress(0.0, text=t(f"import_{message}", lang, done=0, total=0))
    st.button(t("import_cancel", lang), key=f"cancel_{message}", on_click=cancel_requested)

    def update(done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0,
                     text=t(f"import_{message}", lang, done=done, total=total))

    return update


def store(commit: Callable[[], Any], stored_message: Callable[[Any], str]) -> None:
    """Run a commit of either importer and say how it went.

    Both importers share the outcome: a failed commit stored nothing, so the page stops
    on its message; a file imported before is not stored again, and the page says so.
    """
    try:
        result = commit()
    except (importer.ImportFailed, RegistryUnavailable, SQLAlchemyError) as error:
        st.error(plain(f"{t('import_not_stored', lang)}: {error}"), icon="🛑")
        st.stop()
    registry_changed()
    if result.already_imported:
        st.info(t("import_already", lang, id=result.import_id))
    else:
        st.success(stored_message(result))


lang = current_language()
st.title(t("import_title", lang))
editor = require_role("editor")
st.caption(t("import_intro", lang))
if st.session_state.pop("import_cancelled", False):
    st.warning(t("import_cancelled", lang), icon="⏹️")

try:
    engine = registry_engine()
except RegistryUnavailable as error:
    st.error(outage_message(error), icon="🛑")
    st.stop()
layers = boundaries()
drawn = frozenset(code for codes in layers.codes().values() for code in codes)
gazetteer = gazetteer_for(drawn)

with st.expander(t("import_template", lang)):
    left, right = st.columns(2)
    left.download_button("template.xlsx", template_xlsx(), "import-template.xlsx",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    right.download_button("template.csv", template_csv(), "import-template.csv", mime="text/csv")
    st.download_button(t("import_workbook", lang), workbook.template_xlsx(),
                       "registry-workbook.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       key="workbook_template")

upload = st.file_uploader(t("import_upload", lang), type=["xlsx", "csv", "txt", "geojson", "json"],
                          max_upload_size=Limits().max_bytes // 2**20)
registry_workbook = False
if upload is not None and upload.name.lower().endswith(".xlsx"):
    # An unreadable file goes on to the coverage import, which says what is wrong with it.
    with contextlib.suppress(ReadError):
        registry_workbook = workbook.is_registry_workbook(upload.getvalue())
if registry_workbook:
    content = upload.getvalue()
    st.info(t("import_workbook_found", lang))
    plan = workbook.check(content, upload.name, engine, gazetteer=gazetteer)
    st.text(plan.summary())
    if plan.problems:
        st.dataframe(plan.report(), hide_index=True)
        st.download_button(t("import_download_csv", lang),
                           plan.report().map(importer.neutralise).to_csv(index=False)
                           .encode("utf-8-sig"), f"{upload.name}-report.csv",
                           mime="text/csv")
    else:
        st.success(t("import_workbook_ok", lang))
    if st.button(t("import_store", lang, n=len(plan.bundles)), disabled=not plan.accepted
                 or not plan.bundles, type="primary", key="workbook_store"):
        store(lambda: workbook.commit(engine, plan, by=editor.username),
              lambda stored: t("import_stored", lang, id=stored.import_id,
                               names=", ".join(stored.programmes)))
elif upload is not None:
    content = upload.getvalue()
    digest = hashlib.sha256(content).hexdigest()
    sheet = None
    try:
        if upload.name.lower().endswith(".xlsx"):
            sheet = st.selectbox(t("import_sheet", lang), sheet_names(content),
                                 key=f"sheet_{digest}")
        table = read_file(content, filename=upload.name, sheet=sheet)
    except ReadError as error:
        st.error(plain(str(error)), icon="📄")
        st.stop()
    st.caption(plain(t("import_read_as", lang, note=table.note, row=table.header_row)))

    st.subheader(t("import_mapping", lang))
    columns = [None, *table.frame.columns]
    mapping = {}
    grid = st.columns(4)
    for index, field in enumerate(VOCABULARY["import_field"]):
        detected = table.mapping.get(field)
        mapping[field] = grid[index % 4].selectbox(
            term("import_field", field, lang), columns,
            index=columns.index(detected) if detected in columns else 0,
            format_func=lambda label: t("import_none", lang) if label is None else label,
            key=f"map_{field}_{digest}_{sheet}",
        )
    programmes = importer.load_programmes(engine)
    slugs = sorted({slug for _, slug in programmes.by_key.values()})
    programme = st.selectbox(t("import_programme", lang), [None, *slugs],
                             format_func=lambda s: t("import_none", lang) if s is None else s)
    default_status = st.selectbox(t("import_status_default", lang),
                                  list(importer.COVERAGE_STATUS_WORDS), index=1)

    if st.button(t("import_check", lang), type="primary"):
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
        st.subheader(t("import_report", lang))
        st.text(dry.summary())
        counts = dry.counts
        for column, status in zip(st.columns(len(STATUSES)), STATUSES, strict=True):
            column.metric(status, counts[status])
        shown = st.multiselect(t("import_filter", lang), STATUSES,
                               default=[s for s in STATUSES if counts[s]] or list(STATUSES))
        report = importer.public_report(dry.report)
        st.dataframe(report[report["status"].isin(shown)], hide_index=True)
        left, right = st.columns(2)
        # Made when clicked: an XLSX of 100,000 rows takes longer than the rest of the page.
        left.download_button(t("import_download_csv", lang),
                             lambda: importer.report_bytes(dry.report, "csv"),
                             f"{upload.name}-report.csv", mime="text/csv", on_click="ignore")
        right.download_button(t("import_download_xlsx", lang),
                              lambda: importer.report_bytes(dry.report, "xlsx"),
                              f"{upload.name}-report.xlsx", on_click="ignore")
        matched = counts["matched"]
        if not dry.all_matched:
            st.info(t("import_fix_first", lang, n=len(dry.report) - matched), icon="✋")
        synthetic = st.checkbox(t("import_synthetic", lang), key=f"synthetic_{digest}")
        if st.button(t("import_commit", lang, n=matched), disabled=not dry.all_matched):
            store(lambda: importer.commit(engine, dry, imported_by=editor.username,
                                          synthetic=synthetic,
                                          progress=progress_bar("storing")),
                  lambda result: t("import_committed", lang, id=result.import_id,
                                   added=result.added, unchanged=result.unchanged))

st.subheader(t("import_history", lang))
if flash := st.session_state.pop("import_flash", None):
    st.success(flash)
past = importer.history(engine)
if past.empty:
    st.caption(t("no_imports", lang))
else:
    st.dataframe(past.drop(columns="sha256"), hide_index=True)
    active = past.loc[past["undone_at"].isna(), "import_id"].tolist()
    if active:
        chosen = st.selectbox(t("undo_which", lang), active, key="undo_choice")
        if st.button(t("undo_import", lang), key="undo_button"):
            try:
                if workbook.is_workbook_import(engine, int(chosen)):
                    names = workbook.undo(engine, int(chosen), by=editor.username)
                    flash = t("import_workbook_undone", lang, id=int(chosen),
                              names=", ".join(names))
                else:
                    result = importer.undo(engine, int(chosen), undone_by=editor.username)
                    flash = t("import_undone", lang, id=result.import_id,
                              rows=result.removed_coverage)
            except importer.ImportFailed as error:
                st.error(plain(str(error)))
            else:
                registry_changed()
                st.session_state["import_flash"] = flash
                st.rerun()
