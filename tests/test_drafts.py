"""Draft → publish → undo on both back ends: viewers' tables change only on publish, and
undo gives back the registry byte for byte (export compared)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from loaders.interchange import export_registry
from registry import audit, drafts
from registry.db import session_scope
from registry.models import Programme
from registry.organisations import OrganisationIndex
from tests.pages import programme_and_partners

URL = "https://example.org/news/2566-moral-province-surat"
QUOTE = "ลงนามบันทึกข้อตกลงความร่วมมือขับเคลื่อนจังหวัดคุณธรรม"


def new_programme() -> dict:
    """A programme as the form builds it: two known partners (by slug) and one new."""
    source = drafts.source_ref("edit", URL, "", QUOTE)
    return {
        "programme": {"slug": "surat-moral-province", "title_th": "สุราษฎร์ธานีจังหวัดคุณธรรม",
                      "title_en": "Surat Thani moral province", "theme": "moral_province",
                      "status": "signed", "signed_on": "2023-03-14"},
        "sources": {source: {"kind": "edit", "file_name": URL, "quote": QUOTE}},
        "organisations": [{"ref": "new-1", "name_th": "มหาวิทยาลัยราชภัฏสุราษฎร์ธานี",
                           "name_en": "Suratthani Rajabhat University", "abbreviation": "มรส.",
                           "org_type": "university"}],
        "citations": [{"field": "programme", "source_id": source}],
        "partners": [
            {"organisation_id": "moral-promotion-center", "role": "lead", "source_id": source},
            {"organisation_id": "codi", "role": "signatory", "source_id": source},
            {"organisation_id": "new-1", "role": "academic_support", "source_id": source}],
        "coverage": [{"level": "province", "area_code": "84", "village_no": 0,
                      "status": "active", "year": 2023, "source_id": source}],
    }


def _export(engine, folder: Path) -> dict[str, bytes]:
    export_registry(engine, folder)
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def test_a_draft_is_invisible_until_a_second_editor_publishes_it(seeded_engine, tmp_path):
    before = _export(seeded_engine, tmp_path / "before")
    with session_scope(seeded_engine) as session:
        draft_id = drafts.save(session, new_programme(), by="alice").id
    saved = _export(seeded_engine, tmp_path / "saved")
    # Only the list of drafts waiting to be published changed; viewers' tables did not.
    assert {name for name in saved if saved[name] != before[name]} == {"drafts.csv"}
    with session_scope(seeded_engine) as session, pytest.raises(drafts.DraftError,
                                                                match="not its author"):
        drafts.publish(session, draft_id, by="alice", role="editor")
    with session_scope(seeded_engine) as session:
        drafts.publish(session, draft_id, by="bob", role="editor")
    with session_scope(seeded_engine) as session:
        programme, partners = programme_and_partners(session, "surat-moral-province")
        index = OrganisationIndex.load(session)
        logged = audit.entries(session, actions=["publish"])
    assert programme.signed_on == "2023-03-14"  # EDTF text at the precision given
    assert partners == {"moral-promotion-center", "codi", "suratthani-rajabhat-university"}
    assert index.resolve("มรส.").organisation.slug == "suratthani-rajabhat-university"
    assert audit.loads(logged.iloc[0]["before"]) is None
    assert audit.loads(logged.iloc[0]["after"])["programme"]["title_th"] == \
        "สุราษฎร์ธานีจังหวัดคุณธรรม"
    with session_scope(seeded_engine) as session:
        drafts.undo(session, draft_id, by="bob")
    assert _export(seeded_engine, tmp_path / "undone") == before
    with session_scope(seeded_engine) as session:
        assert OrganisationIndex.load(session).resolve("มรส.").organisation is None


def test_editing_a_seed_programme_and_undoing_it(seeded_engine, tmp_path):
    before = _export(seeded_engine, tmp_path / "before")
    with session_scope(seeded_engine) as session:
        slug = session.scalar(select(Programme.slug).order_by(Programme.slug))
        bundle = drafts.snapshot(session, slug)
    assert bundle["partners"] and bundle["coverage"]
    bundle["programme"]["title_en"] = "Renamed"
    bundle["coverage"] = bundle["coverage"][1:]
    with session_scope(seeded_engine) as session:
        draft_id = drafts.save(session, bundle, by="alice").id
        drafts.publish(session, draft_id, by="root", role="admin")
    edited = _export(seeded_engine, tmp_path / "edited")
    assert edited["programmes.csv"] != before["programmes.csv"]
    assert edited["coverage.csv"] != before["coverage.csv"]
    assert edited["partners.csv"] == before["partners.csv"]
    with session_scope(seeded_engine) as session:
        drafts.undo(session, draft_id, by="root")
    assert _export(seeded_engine, tmp_path / "undone") == before


def test_a_snapshot_applied_back_changes_nothing(seeded_engine, tmp_path):
    before = _export(seeded_engine, tmp_path / "before")
    with session_scope(seeded_engine) as session:
        for slug in session.scalars(select(Programme.slug)).all():
            drafts.apply(session, drafts.snapshot(session, slug), by="x")
    assert _export(seeded_engine, tmp_path / "after") == before


def test_a_draft_naming_a_known_organisation_as_new_is_refused(seeded_engine):
    bundle = new_programme()
    bundle["organisations"][0]["abbreviation"] = "พอช."
    with session_scope(seeded_engine) as session:
        draft_id = drafts.save(session, bundle, by="alice").id
    with session_scope(seeded_engine) as session, pytest.raises(drafts.DraftError,
                                                                match="already names"):
        drafts.publish(session, draft_id, by="bob", role="editor")
    with session_scope(seeded_engine) as session:
        assert session.get(drafts.Draft, draft_id).status == "draft"
        assert session.scalar(select(Programme).where(
            Programme.slug == "surat-moral-province")) is None


def test_undo_waits_for_later_publications(seeded_engine):
    with session_scope(seeded_engine) as session:
        first = drafts.save(session, new_programme(), by="alice").id
        drafts.publish(session, first, by="bob", role="editor")
        bundle = drafts.snapshot(session, "surat-moral-province")
        bundle["programme"]["title_en"] = "Second"
        second = drafts.save(session, bundle, by="alice").id
        drafts.publish(session, second, by="bob", role="editor")
    with session_scope(seeded_engine) as session, pytest.raises(drafts.DraftError,
                                                                match="undo that first"):
        drafts.undo(session, first, by="bob")


def _imported_row(engine, tmp_path) -> tuple[int, str]:
    from loaders import importer

    with session_scope(engine) as session:
        slug = session.scalar(select(Programme.slug).order_by(Programme.slug))
    path = tmp_path / "areas.csv"
    path.write_text("จังหวัด,ตำบล\nร้อยเอ็ด,หนองแคน\n", encoding="utf-8")
    result = importer.commit(engine, importer.dry_run(path, engine=engine, programme=slug))
    return result.import_id, slug


def test_imported_coverage_keeps_its_import_through_publish_and_undo(seeded_engine, tmp_path):
    from loaders import importer

    before = _export(seeded_engine, tmp_path / "before")
    import_id, slug = _imported_row(seeded_engine, tmp_path)
    for step in ("publish", "undo"):
        with session_scope(seeded_engine) as session:
            bundle = drafts.snapshot(session, slug)
            assert any(row.get(drafts.LINKS) for row in bundle["coverage"])
            bundle["programme"]["title_en"] = f"Renamed ({step})"
            draft_id = drafts.save(session, bundle, by="alice").id
            drafts.publish(session, draft_id, by="bob", role="editor")
            if step == "undo":
                drafts.undo(session, draft_id, by="bob")
    importer.undo(seeded_engine, import_id)
    after = _export(seeded_engine, tmp_path / "after")
    assert after["coverage.csv"] == before["coverage.csv"]  # the imported row went with undo


def test_a_draft_made_before_another_publication_is_refused(seeded_engine):
    with session_scope(seeded_engine) as session:
        slug = session.scalar(select(Programme.slug).order_by(Programme.slug))
        stale = drafts.snapshot(session, slug)
        stale["programme"]["title_en"] = "First edit"
        first = drafts.save(session, stale, by="alice").id
        second_bundle = drafts.snapshot(session, slug)
        second_bundle["programme"]["title_en"] = "Second edit"
        second = drafts.save(session, second_bundle, by="carol").id
        drafts.publish(session, first, by="bob", role="editor")
    with session_scope(seeded_engine) as session, pytest.raises(drafts.DraftError,
                                                                match="changed after"):
        drafts.publish(session, second, by="bob", role="editor")
    with session_scope(seeded_engine) as session:
        assert drafts.snapshot(session, slug)["programme"]["title_en"] == "First edit"
        new = new_programme()
        new_draft = drafts.save(session, new, by="alice").id
        other = drafts.save(session, new_programme(), by="carol").id
        drafts.publish(session, new_draft, by="bob", role="editor")
    with session_scope(seeded_engine) as session, pytest.raises(drafts.DraftError,
                                                                match="changed after"):
        drafts.publish(session, other, by="bob", role="editor")


def test_pending_drafts_travel_with_an_export_and_can_be_published_there(seeded_engine, engine,
                                                                        tmp_path, capsys):
    from loaders.cli import main

    with session_scope(seeded_engine) as session:
        waiting = drafts.save(session, new_programme(), by="alice")
        waiting_id, payload = waiting.id, waiting.payload
        other = new_programme()
        other["programme"] = {**other["programme"], "slug": "published-one"}
        other["organisations"] = []
        other["partners"] = other["partners"][:2]
        published = drafts.save(session, other, by="alice")
        drafts.publish(session, published.id, by="bob", role="editor")
    folder = tmp_path / "export"
    source = seeded_engine.url.render_as_string(hide_password=False)
    assert main(["export", str(folder), "--database-url", source]) == 0
    assert f"{folder / 'drafts.csv'}: 1 rows" in capsys.readouterr().out
    target = engine.url.render_as_string(hide_password=False)
    for _ in range(2):  # loading the folder again keeps one copy
        assert main(["import-registry", str(folder), "--database-url", target]) == 0
    with session_scope(engine) as session:
        moved = drafts.pending(session)
        assert [(d.programme_slug, d.created_by, d.payload) for d in moved] == [
            ("surat-moral-province", "alice", payload)]
        drafts.publish(session, moved[0].id, by="bob", role="editor")
    with session_scope(seeded_engine) as session:
        drafts.publish(session, waiting_id, by="bob", role="editor")
    copy = _export(engine, tmp_path / "copy")
    original = _export(seeded_engine, tmp_path / "original")
    assert copy["partners.csv"] == original["partners.csv"]
    assert copy["coverage.csv"] == original["coverage.csv"]
    assert copy["drafts.csv"] == original["drafts.csv"]  # none left waiting on either side
