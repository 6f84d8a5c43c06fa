"""The registry workbook: template, checks with sheet/row/column, all-or-nothing commit,
re-import, undo back to the same export, and the CLI's exit codes (both back ends)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from loaders import workbook
from loaders.cli import main
from loaders.interchange import export_registry
from registry import drafts
from registry.db import session_scope

URL = "https://example.org/news/2566-moral-province-surat"
QUOTE = "ลงนามบันทึกข้อตกลงความร่วมมือขับเคลื่อนจังหวัดคุณธรรม"
TITLE = "สุราษฎร์ธานีจังหวัดคุณธรรม"
PARTNERS = [("ศูนย์คุณธรรม", "lead"), ("พอช.", "signatory"), ("CODI", "signatory"),
            ("มรส.", "academic_support")]


def sheets(**overrides) -> dict[str, list[list]]:
    """A workbook for one new programme: three known partners, one new, one province."""
    found = {
        "Programmes": [["programme_id", "title_th", "title_en", "theme", "status", "signed_on",
                        "source_id"],
                       ["surat-moral-province", TITLE, "Surat Thani moral province",
                        "moral_province", "signed", "14 มี.ค. 2566", "news1"]],
        "องค์กร": [["name_th", "name_en", "abbreviation", "aliases", "type"],
                   ["มหาวิทยาลัยราชภัฏสุราษฎร์ธานี", "Suratthani Rajabhat University", "มรส.",
                    "SRU", "university"]],
        "Partners": [["programme_id", "organisation", "role", "source_id", "quote"],
                     ["surat-moral-province", "ศูนย์คุณธรรม", "lead", "news1", ""],
                     ["surat-moral-province", "พอช.", "signatory", "news1", ""],
                     ["surat-moral-province", "มรส.", "academic_support", "news1", ""]],
        "Coverage": [["โครงการ", "จังหวัด", "ปี พ.ศ."],
                     ["surat-moral-province", "สุราษฎร์ธานี", "2566"]],
        "แหล่งข้อมูล": [["source_id", "title", "publisher", "published_on", "url", "quote"],
                        ["news1", "ข่าว", "ศูนย์คุณธรรม", "2023-03-15", URL, QUOTE]],
    }
    found.update(overrides)
    return {name: rows for name, rows in found.items() if rows is not None}


def xlsx(content: dict[str, list[list]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in content.items():
        page = book.create_sheet(name)
        for row in rows:
            page.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _export(engine, folder: Path) -> dict[str, bytes]:
    export_registry(engine, folder)
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def _registry(files: dict[str, bytes]) -> dict[str, bytes]:
    """The export but the archive of imported files, which keeps an undone import (marked)."""
    return {name: content for name, content in files.items() if name != "import_files.csv"}


def _without(files: dict[str, bytes], *columns: str) -> dict[str, list[dict]]:
    """The exported tables without some columns (who/when a source row was made)."""
    tables = {}
    for name, content in files.items():
        if name == "import_files.csv":
            continue
        rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
        tables[name] = [{k: v for k, v in row.items() if k not in columns} for row in rows]
    return tables


def test_the_template_has_every_sheet_and_reads_as_empty(seeded_engine):
    content = workbook.template_xlsx()
    names = load_workbook(io.BytesIO(content)).sheetnames
    assert names[:6] == ["Programmes", "Organisations", "Partners", "Indicators", "Coverage",
                         "Sources"]
    first = load_workbook(io.BytesIO(content))["Partners"]
    assert [c.value for c in first[1]] == [c.key for c in workbook.PARTNERS.columns]
    plan = workbook.check(content, "template.xlsx", seeded_engine)
    assert plan.accepted and not plan.bundles and plan.rows == 0


def test_workbook_import_stores_what_the_form_would_and_undo_restores(seeded_engine, tmp_path,
                                                                     capsys):
    before = _export(seeded_engine, tmp_path / "before")
    path = tmp_path / "surat.xlsx"
    path.write_bytes(xlsx(sheets()))
    url = seeded_engine.url.render_as_string(hide_password=False)
    assert main(["import", str(path), "--database-url", url, "--by", "officer"]) == 0
    by_workbook = _export(seeded_engine, tmp_path / "workbook")
    assert by_workbook != before
    import_id = int(capsys.readouterr().out.split("import #")[1].split(":")[0])
    assert main(["import", "--undo", str(import_id), "--database-url", url]) == 0
    undone = _export(seeded_engine, tmp_path / "undone")
    assert _registry(undone) == _registry(before)
    archive = undone["import_files.csv"].decode("utf-8-sig").splitlines()
    assert len(archive) == 2 and archive[1].split(",")[1] == "surat.xlsx"
    assert archive[1].split(",")[-1]  # marked undone

    # The same facts as a form draft, published by a second editor.
    ref, source = drafts.source_entry(url=URL, quote=QUOTE, title="ข่าว",
                                      publisher="ศูนย์คุณธรรม", published_on="2023-03-15")
    bundle = {
        "programme": {"slug": "surat-moral-province", "title_th": TITLE,
                      "title_en": "Surat Thani moral province", "theme": "moral_province",
                      "status": "signed", "signed_on": "2023-03-14"},
        "sources": {ref: source},
        "organisations": [{"ref": "new", "name_th": "มหาวิทยาลัยราชภัฏสุราษฎร์ธานี",
                           "name_en": "Suratthani Rajabhat University", "abbreviation": "มรส.",
                           "aliases": ["SRU"], "org_type": "university"}],
        "citations": [{"field": "programme", "source_id": ref}],
        "partners": [{"organisation_id": slug, "role": role, "source_id": ref}
                     for slug, role in (("moral-promotion-center", "lead"),
                                        ("codi", "signatory"), ("new", "academic_support"))],
        "coverage": [{"level": "province", "area_code": "84", "status": "active",
                      "year": 2023, "source_id": ref}],
    }
    with session_scope(seeded_engine) as session:
        draft = drafts.save(session, bundle, by="alice")
        drafts.publish(session, draft.id, by="bob", role="editor")
    by_form = _export(seeded_engine, tmp_path / "form")
    assert _without(by_form, "created_at", "created_by") == \
        _without(by_workbook, "created_at", "created_by")


def test_reimporting_updates_and_never_duplicates(seeded_engine, tmp_path):
    first = xlsx(sheets())
    workbook.commit(seeded_engine, workbook.check(first, "a.xlsx", seeded_engine), by="x")
    again = workbook.check(first, "a.xlsx", seeded_engine)
    assert again.unchanged == ["surat-moral-province"] and not again.bundles
    assert workbook.commit(seeded_engine, again, by="x").already_imported
    changed = sheets(Coverage=[["โครงการ", "จังหวัด"], ["surat-moral-province", "ชุมพร"]])
    changed["Programmes"][1][2] = "Surat Thani and Chumphon"
    plan = workbook.check(xlsx(changed), "b.xlsx", seeded_engine)
    assert plan.problems == [] and list(plan.bundles) == ["surat-moral-province"]
    workbook.commit(seeded_engine, plan, by="x")
    files = _export(seeded_engine, tmp_path / "after")
    programmes = files["programmes.csv"].decode("utf-8-sig")
    assert programmes.count("surat-moral-province") == 1
    assert "Surat Thani and Chumphon" in programmes
    coverage = [line for line in files["coverage.csv"].decode("utf-8-sig").splitlines()
                if line.startswith("surat-moral-province")]
    assert len(coverage) == 1 and ",86," in coverage[0]


def _problems(engine, content: dict) -> list[tuple]:
    plan = workbook.check(xlsx(content), "bad.xlsx", engine)
    return [(p.sheet, p.row, p.column, p.message) for p in plan.problems]


def test_bad_input_is_reported_with_sheet_row_column_and_what_to_do(seeded_engine, tmp_path):
    before = _export(seeded_engine, tmp_path / "before")
    content = sheets()
    content["Partners"] = [*content["Partners"],
                           ["surat-moral-province", "สถาบันพัฒนาองค์กรชุมชน", "lead", "news1", ""],
                           ["surat-moral-province", "กรมการพัฒนาชุมชน", "boss", "news1", ""],
                           ["no-such-programme", "สสส.", "funder", "news1", ""]]
    content["องค์กร"] = [*content["องค์กร"], ["องค์กรใหม่", "", "สสส.", "", "foundation"]]
    content["Coverage"] = [*content["Coverage"], ["surat-moral-province", "ไม่มีจังหวัดนี้", ""]]
    content["Programmes"] = [*content["Programmes"],
                             ["Bad Slug", "x", "", "moral_province", "", "", "news1"],
                             ["surat-moral-province", "ซ้ำ", "", "other", "", "", "news1"],
                             ["other-one", "อีกโครงการ", "", "other", "", "31/02/2564",
                              "news9"]]
    content["Indicators"] = [["programme_id", "measure", "kind", "value", "source_id"],
                             ["missing-programme", "villages", "target", "10", "news1"]]
    found = _problems(seeded_engine, content)
    by_place = {(sheet, row, column): message for sheet, row, column, message in found}
    assert "closest" in by_place["Partners", 5, "organisation"]
    assert "สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)" in by_place["Partners", 5, "organisation"]
    assert "lead" in by_place["Partners", 6, "role"]
    assert "Programmes sheet" in by_place["Partners", 7, "programme_id"]
    assert "already in the registry" in by_place["องค์กร", 3, "name_th"]
    assert ("Coverage", 3) in {(s, r) for s, r, _c, _m in found}
    assert "lower-case" in by_place["Programmes", 3, "programme_id"]
    assert "already used on row 2" in by_place["Programmes", 4, "programme_id"]
    assert "February" in by_place["Programmes", 5, "signed_on"]
    assert "not in the Sources sheet" in by_place["Programmes", 5, "source_id"]
    assert "Programmes sheet" in by_place["Indicators", 2, "programme_id"]
    plan = workbook.check(xlsx(content), "bad.xlsx", seeded_engine)
    with pytest.raises(Exception, match="nothing was stored"):
        workbook.commit(seeded_engine, plan, by="x")
    assert _export(seeded_engine, tmp_path / "after") == before


def test_cli_exit_codes_and_undo(seeded_engine, tmp_path, capsys):
    url = seeded_engine.url.render_as_string(hide_password=False)
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx(sheets()))
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx(sheets(Partners=[["programme_id", "organisation", "role",
                                           "source_id"],
                                          ["surat-moral-province", "ไม่รู้จัก", "lead",
                                           "news1"]])))
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    before = _export(seeded_engine, tmp_path / "before")
    assert main(["import", str(bad), "--database-url", url]) == 1
    assert "Partners, row 2, column organisation" in capsys.readouterr().out
    assert main(["import", str(broken), "--database-url", url]) == 2
    assert main(["import", str(good), "--database-url", url, "--report",
                 str(tmp_path / "r.csv")]) == 0
    out = capsys.readouterr().out
    import_id = int(out.split("import #")[1].split(":")[0])
    assert main(["import", "--undo", str(import_id), "--database-url", url]) == 0
    assert _registry(_export(seeded_engine, tmp_path / "undone")) == _registry(before)


def test_import_registry_loads_an_export(seeded_engine, engine, tmp_path):
    plan = workbook.check(xlsx(sheets()), "surat.xlsx", seeded_engine)
    workbook.commit(seeded_engine, plan, by="officer")
    folder = tmp_path / "export"
    export_registry(seeded_engine, folder)
    target = engine.url.render_as_string(hide_password=False)
    assert main(["import-registry", str(folder), "--database-url", target]) == 0
    # The target seeds itself on first start, so its seed rows keep their own time stamps.
    assert _without(_export(engine, tmp_path / "copy"), "created_at") == \
        _without(_export(seeded_engine, tmp_path / "original"), "created_at")
    with session_scope(engine) as session:
        from registry.organisations import OrganisationIndex

        assert OrganisationIndex.load(session).resolve("SRU").organisation is not None
    (folder / "partners.csv").write_text("nonsense\n", encoding="utf-8")
    assert main(["import-registry", str(folder), "--database-url", target]) == 1


def test_an_attached_document_is_kept_with_its_hash(seeded_engine, tmp_path):
    import hashlib

    from sqlalchemy import select

    from registry.models import Document

    (tmp_path / "mou.html").write_text("<p>ลงนามบันทึกข้อตกลง</p>", encoding="utf-8")
    content = sheets()
    content["แหล่งข้อมูล"] = [content["แหล่งข้อมูล"][0] + ["file"],
                              ["news1", "ข่าว", "", "", "", QUOTE, "mou.html"]]
    path = tmp_path / "with-file.xlsx"
    path.write_bytes(xlsx(content))
    plan = workbook.check(path.read_bytes(), path.name, seeded_engine, folder=tmp_path)
    assert plan.problems == []
    workbook.commit(seeded_engine, plan, by="x")
    sha = hashlib.sha256((tmp_path / "mou.html").read_bytes()).hexdigest()
    with session_scope(seeded_engine) as session:
        document = session.scalar(select(Document).where(Document.content_sha256 == sha))
    assert document.file_name == "mou.html" and document.media_type == "text/html"
    export_registry(seeded_engine, tmp_path / "export")
    assert (tmp_path / "export" / "documents" / sha).read_bytes() == document.content
    assert "mou.html" in (tmp_path / "export" / "documents.csv").read_text(encoding="utf-8-sig")
    missing = workbook.check(path.read_bytes(), path.name, seeded_engine, folder=tmp_path / "x")
    assert [(p.sheet, p.row, p.column) for p in missing.problems] == [("แหล่งข้อมูล", 2, "file")]


def test_dates_keep_the_precision_written_and_a_start_is_no_range(seeded_engine):
    content = sheets()
    content["Programmes"][1][5] = "มิถุนายน 2562"
    content["แหล่งข้อมูล"][1][3] = "มิถุนายน 2562"
    plan = workbook.check(xlsx(content), "month.xlsx", seeded_engine)
    assert plan.problems == []
    assert plan.bundles["surat-moral-province"]["programme"]["signed_on"] == "2019-06"
    cited = [s.get("published") for b in plan.bundles.values() for s in b["sources"].values()]
    assert cited and all(text == "2019-06" for text in cited)
    content["Programmes"][0].append("start_on")
    content["Programmes"][1].append("7-8 กันยายน 2559")
    found = _problems(seeded_engine, content)
    assert [(s, r, c) for s, r, c, _m in found] == [("Programmes", 2, "start_on")]
    assert "one day, month or year" in found[0][3]


def test_a_declared_organisation_no_partner_names_is_reported(seeded_engine):
    content = sheets()
    content["องค์กร"] = [*content["องค์กร"], ["มูลนิธิที่ไม่มีใครอ้างถึง", "", "", "", "foundation"]]
    found = _problems(seeded_engine, content)
    assert [(s, r, c) for s, r, c, _m in found] == [("องค์กร", 3, "name_th")]
    assert "Partners" in found[0][3]


def _indicator_sheet() -> list[list]:
    """A baseline, targets for two periods, and a report for one of them."""
    return [["programme_id", "measure", "level", "within", "kind", "value", "period_start",
             "period_end", "as_of", "source_id", "quote"],
            ["surat-moral-province", "villages", "village", "สุราษฎร์ธานี", "baseline", "12", "",
             "", "2562", "news1", "ก่อนเริ่มโครงการมีหมู่บ้านคุณธรรม 12 แห่ง"],
            ["surat-moral-province", "villages", "village", "สุราษฎร์ธานี", "target", "40",
             "2563", "2565", "", "news1", ""],
            ["surat-moral-province", "villages", "village", "สุราษฎร์ธานี", "เป้าหมาย", "60",
             "2566", "2567", "", "news1", ""],
            ["surat-moral-province", "villages", "village", "สุราษฎร์ธานี", "actual", "25",
             "2563", "2565", "มิถุนายน 2564", "news1", ""]]


def test_indicators_with_periods_and_a_baseline_are_stored_shown_and_exported(seeded_engine,
                                                                                engine,
                                                                                tmp_path):
    import pandas as pd

    from registry import queries
    from views.results import targets_and_progress

    content = sheets(Indicators=_indicator_sheet())
    plan = workbook.check(xlsx(content), "figures.xlsx", seeded_engine)
    assert plan.problems == []
    workbook.commit(seeded_engine, plan, by="officer")

    claims = queries.claims(seeded_engine)
    mine = claims[claims["programme_slug"] == "surat-moral-province"]
    assert sorted(zip(mine["kind"], mine["value"], mine["period"], mine["as_of"].fillna(""),
                      strict=True)) == [("actual", 25, "2020/2022", "2021-06"),
                                        ("target", 40, "2020/2022", ""),
                                        ("target", 60, "2023/2024", "")]
    # Each period's target is set against the report of that period only.
    progress = targets_and_progress(mine).sort_values("value")
    assert progress["reported_value"].tolist()[0] == 25
    assert pd.isna(progress["reported_value"].tolist()[1])
    indicators = queries.indicators(seeded_engine)
    baseline = indicators[indicators["programme_slug"] == "surat-moral-province"]
    assert baseline[["baseline_value", "baseline_as_of"]].values.tolist() == [[12, "2019"]]

    files = _without(_export(seeded_engine, tmp_path / "out"), "created_at")
    exported = [row for row in files["claims.csv"]
                if row["programme_id"] == "surat-moral-province"]
    assert sorted((row["kind"], row["period"]) for row in exported) == [
        ("actual", "2020/2022"), ("target", "2020/2022"), ("target", "2023/2024")]
    indicator_rows = [row for row in files["indicators.csv"]
                      if row["programme_id"] == "surat-moral-province"]
    assert [(row["baseline_value"], row["baseline_as_of"]) for row in indicator_rows] == [
        ("12", "2019")]
    assert indicator_rows[0]["baseline_source_ref"] in {
        row["source_ref"] for row in files["sources.csv"]}
    # Moved to another registry, the periods and the baseline arrive as they were.
    target = engine.url.render_as_string(hide_password=False)
    assert main(["import-registry", str(tmp_path / "out"), "--database-url", target]) == 0
    moved = _without(_export(engine, tmp_path / "moved"), "created_at")
    assert moved["claims.csv"] == files["claims.csv"]
    assert moved["indicators.csv"] == files["indicators.csv"]
    # The same workbook again changes nothing.
    again = workbook.check(xlsx(content), "figures-again.xlsx", seeded_engine)
    assert again.problems == [] and again.unchanged == ["surat-moral-province"]


def test_bad_periods_and_baselines_are_reported(seeded_engine):
    sheet = _indicator_sheet()
    sheet[1][6] = "2562"  # a baseline with a period
    sheet[2][7] = "มีนาคม 2565"  # a year to a month
    sheet[3][4] = "forecast"
    found = _problems(seeded_engine, sheets(Indicators=sheet))
    by_place = {(sheet, row, column): message for sheet, row, column, message in found}
    assert "as_of" in by_place["Indicators", 2, "period_start"]
    assert "precisions" in by_place["Indicators", 3, "period_end"]
    assert "baseline" in by_place["Indicators", 4, "kind"]
    assert len(found) == 3


def test_a_partner_with_several_roles_counts_once_per_programme(seeded_engine):
    import pandas as pd

    from registry import queries
    from views.partners import organisation_table

    content = sheets()
    content["Partners"] = [*content["Partners"],
                           ["surat-moral-province", "มรส.", "signatory, host", "news1", ""]]
    plan = workbook.check(xlsx(content), "roles.xlsx", seeded_engine)
    assert plan.problems == []
    workbook.commit(seeded_engine, plan, by="officer")
    partners = queries.partners(seeded_engine)
    mine = partners[partners["programme_slug"] == "surat-moral-province"]
    university = mine[mine["abbreviation"] == "มรส."]
    assert sorted(university["role"]) == ["academic_support", "host", "signatory"]
    organisations = queries.organisations(seeded_engine)
    assert organisations.loc[organisations["abbreviation"] == "มรส.",
                             "programme_count"].tolist() == [1]
    provinces = pd.DataFrame({"code": ["84"], "name_th": ["สุราษฎร์ธานี"],
                              "name_en": ["Surat Thani"]})
    table = organisation_table(partners, queries.coverage(seeded_engine),
                               set(mine["programme_id"]), provinces, "en")
    row = table[table["organisation_id"] == university["organisation_id"].iloc[0]].iloc[0]
    assert row["programmes"] == 1 and row["roles"].count(",") == 2

    again = sheets()
    again["Partners"] = [*again["Partners"],
                         ["surat-moral-province", "มรส.", "academic_support", "news1", ""]]
    found = _problems(seeded_engine, again)
    assert [(s, r, c) for s, r, c, _m in found] == [("Partners", 5, "role")]
    assert "row 4" in found[0][3]
