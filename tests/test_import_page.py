"""The import page renders, and its history can undo an import (AppTest cannot upload files,
so the import itself goes through loaders.importer, which the page calls)."""

import pytest

from loaders import importer
from tests.pages import own_registry, run_page


@pytest.fixture
def database(tmp_path, monkeypatch):
    return own_registry(tmp_path, monkeypatch)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_page_renders(database, lang):
    app = run_page("import_data", lang, user=(database, "editor1"), errors=True, timeout=180)
    assert app.title[0].value == ("นำเข้าข้อมูลพื้นที่โครงการ" if lang == "th"
                                  else "Import programme areas")
    assert len(app.get("file_uploader")) == 1


def test_history_undo_from_the_page(database, tmp_path):
    slug = sorted({s for _, s in importer.load_programmes(database).by_key.values()})[0]
    path = tmp_path / "areas.csv"
    path.write_text("จังหวัด,ตำบล\nนราธิวาส,มะรือโบตก\n", encoding="utf-8")
    result = importer.commit(database, importer.dry_run(path, engine=database, programme=slug))
    assert result.added == 1

    app = run_page("import_data", "en", user=(database, "editor1"), errors=True, timeout=180)
    history = app.dataframe[-1].value
    assert history["import_id"].tolist() == [result.import_id]
    assert history["undone_at"].isna().all()

    app.selectbox(key="undo_choice").set_value(result.import_id)
    app.button(key="undo_button").click().run()
    assert not app.exception, [e.message for e in app.exception]
    assert any("undone" in s.value for s in app.success)
    assert app.dataframe[-1].value["undone_at"].notna().all()
    assert "undo_button" not in [b.key for b in app.button]


def test_checking_and_storing_report_progress_and_a_cancel_stores_nothing(database, tmp_path):
    from sqlalchemy import func, select

    from registry.db import session_scope
    from registry.models import Coverage, ImportFile

    slug = sorted({s for _, s in importer.load_programmes(database).by_key.values()})[0]
    rows = "".join(f"{code}\n" for code in ["960510", "450303", "10", "11", "12"] * 240)
    path = tmp_path / "codes.csv"
    path.write_text("รหัส,ปี\n" + "".join(f"{line.strip()},{2500 + n // 5}\n"
                                          for n, line in enumerate(rows.splitlines())),
                    encoding="utf-8")
    seen = []
    dry = importer.dry_run(path, engine=database, programme=slug,
                           progress=lambda done, total: seen.append((done, total)))
    assert dry.all_matched, dry.report[dry.report["status"] != "matched"].head()
    assert seen[0] == (0, 1200) and seen[-1] == (1200, 1200) and len(seen) >= 3

    class Cancelled(BaseException):
        """What Streamlit raises in a run that a button press interrupts."""

    def cancel_at_half(done, total):
        if done >= total // 2:
            raise Cancelled

    def counts():
        with session_scope(database) as session:
            return (session.scalar(select(func.count()).select_from(Coverage)),
                    session.scalar(select(func.count()).select_from(ImportFile)))

    before = counts()
    with pytest.raises(Cancelled):
        importer.commit(database, dry, progress=cancel_at_half)
    assert counts() == before, "a cancelled commit stores nothing"
    stored = []
    importer.commit(database, dry, progress=lambda done, total: stored.append((done, total)))
    assert stored[-1] == (1200, 1200) and counts()[0] == before[0] + 1200
