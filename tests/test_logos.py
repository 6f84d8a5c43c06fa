"""Organisations' logos: only a checked PNG/JPEG is stored (re-encoded, audited), anything
else is refused with its message and stores nothing; the slide and the one-pager show them
beside the partners' names; migration 0008 keeps every row of a seeded registry."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from sqlalchemy import func, inspect, select, text
from streamlit.testing.v1 import AppTest

from registry import audit, logos, queries
from registry.db import downgrade, ensure_ready, migrate, session_scope
from registry.models import AuditEntry, OrganisationLogo
from tests import seed_facts as facts
from tests.accounts import signed_in_as
from tests.painted import maps_painted
from tests.test_registry import HEAD
from ui import data as ui_data
from ui.auth import STATE_KEY
from views import presenter as S
from views.sources import product_note
from views.text import TEXT, t

ROOT = Path(__file__).resolve().parent.parent
ADMIN = str(ROOT / "pages" / "admin.py")
PRESENTER = str(ROOT / "pages" / "presenter.py")
CODI = "codi"


def image_bytes(kind: str = "PNG", size: tuple[int, int] = (120, 60),
                colour=(200, 30, 30, 255)) -> bytes:
    buffer = io.BytesIO()
    mode = "RGBA" if kind == "PNG" else "RGB"
    Image.new(mode, size, colour[:len(mode)]).save(buffer, kind)
    return buffer.getvalue()


def _logo_count(engine) -> tuple[int, int]:
    with session_scope(engine) as session:
        return (session.scalar(select(func.count()).select_from(OrganisationLogo)),
                session.scalar(select(func.count()).select_from(AuditEntry).where(
                    AuditEntry.action.in_((logos.UPLOAD, logos.REMOVE)))))


def test_a_png_is_stored_re_encoded_and_audited_then_replaced_and_removed(seeded_engine):
    with session_scope(seeded_engine) as session:
        logos.store_logo(session, CODI, image_bytes(size=(1200, 600)), "admin1")
    stored = queries.logos(seeded_engine)
    assert stored["slug"].tolist() == [CODI]
    row = stored.iloc[0]
    assert (row["media_type"], row["width"], row["height"]) == (
        "image/png", logos.STORED_SIDE, logos.STORED_SIDE // 2)  # scaled to fit, not cropped
    with Image.open(io.BytesIO(bytes(row["content"]))) as image:
        assert image.format == "PNG" and image.size == (row["width"], row["height"])
    with session_scope(seeded_engine) as session:
        logos.store_logo(session, CODI, image_bytes("JPEG"), "admin1")
    assert queries.logos(seeded_engine)["media_type"].tolist() == ["image/jpeg"]
    with session_scope(seeded_engine) as session:
        assert logos.remove_logo(session, CODI, "admin1")
        assert not logos.remove_logo(session, CODI, "admin1")
        entries = audit.entries(session, limit=None)
    assert queries.logos(seeded_engine).empty
    ours = entries[entries["action"].isin((logos.UPLOAD, logos.REMOVE))]
    assert sorted(ours["action"]) == [logos.REMOVE, logos.UPLOAD, logos.UPLOAD]
    assert set(ours["username"]) == {"admin1"} and set(ours["entity_id"]) == {CODI}


def _gif() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), (0, 0, 255)).save(buffer, "GIF")
    return buffer.getvalue()


def _wide_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (logos.MAX_SIDE + 1, 20)).save(buffer, "PNG")
    return buffer.getvalue()


HOSTILE = {
    "svg": (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)'
            b"</script></svg>", "logo_err_not_image"),
    "html named .png": (b"<html><img src=x onerror=alert(1)></html>", "logo_err_not_image"),
    "empty": (b"", "logo_err_empty"),
    "truncated png": (image_bytes()[:80], "logo_err_not_image"),
    "gif": (_gif(), "logo_err_format"),
    "oversized file": (b"\x89PNG\r\n\x1a\n" + b"\0" * logos.MAX_BYTES, "logo_err_too_big"),
    "too many pixels": (_wide_png(), "logo_err_dimensions"),
    "tiny": (image_bytes(size=(4, 4)), "logo_err_tiny"),
    "png then a script": (image_bytes() + b"<script>alert(1)</script>", None),
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_or_unfit_file_says_why_and_stores_nothing(seeded_engine, name):
    content, key = HOSTILE[name]
    before = _logo_count(seeded_engine)
    if key is None:  # a real image with junk after it: only the decoded image is kept
        with session_scope(seeded_engine) as session:
            logos.store_logo(session, CODI, content, "admin1")
        kept = bytes(queries.logos(seeded_engine).iloc[0]["content"])
        assert b"<script>" not in kept
        return
    with pytest.raises(logos.LogoError) as raised, session_scope(seeded_engine) as session:
        logos.store_logo(session, CODI, content, "admin1")
    assert raised.value.key == key
    for lang in ("th", "en"):  # every refusal has its words, filled
        assert "{" not in t(key, lang, **raised.value.values)
    assert _logo_count(seeded_engine) == before


def test_an_unknown_organisation_is_refused(seeded_engine):
    with pytest.raises(logos.LogoError) as raised, session_scope(seeded_engine) as session:
        logos.store_logo(session, "no-such-organisation", image_bytes(), "admin1")
    assert raised.value.key == "logo_err_no_organisation"
    assert _logo_count(seeded_engine) == (0, 0)


def test_every_logo_message_is_worded_in_both_languages():
    keys = [key for key in TEXT if key.startswith("logo_")]
    assert {"logo_err_not_image", "logo_err_too_big", "logo_err_format"} <= set(keys)
    assert all(TEXT[key]["th"] and TEXT[key]["en"] for key in keys)


def test_migration_0008_keeps_every_row_of_a_seeded_registry(seeded_engine):
    """From "0004" (the revision before) with the seed, up to the head: no row lost, the
    new column empty until the seeds are read again, the logo table new and empty."""
    downgrade(seeded_engine, "0004")
    tables = [name for name in inspect(seeded_engine).get_table_names()
              if name != "alembic_version"]

    def counts() -> dict[str, int]:
        with seeded_engine.connect() as connection:
            return {name: connection.scalar(text(f"SELECT count(*) FROM {name}"))
                    for name in tables}

    assert "organisation_logos" not in inspect(seeded_engine).get_table_names()
    assert "document_note_en" not in {c["name"] for c in inspect(seeded_engine).get_columns(
        "sources")}
    before = counts()
    assert before["sources"] and before["programmes"] == len(facts.programmes())
    migrate(seeded_engine)
    assert counts() == before
    assert "organisation_logos" in inspect(seeded_engine).get_table_names()
    with seeded_engine.connect() as connection:
        assert connection.scalar(text(
            "SELECT count(*) FROM sources WHERE document_note_en IS NOT NULL")) == 0
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == HEAD


def test_seeds_give_each_document_its_english_note(seeded_engine):
    sources = queries.sources(seeded_engine).drop_duplicates("file_name").set_index(
        "file_name")
    notes = facts.document_notes()
    assert {name: (sources.at[name, "document_note"], sources.at[name, "document_note_en"])
            for name in notes} == notes


def test_product_note_is_english_in_english_with_the_thai_one_as_fallback():
    both = {"document_note": "หมายเหตุ", "document_note_en": "A note"}
    assert product_note(both, "en").endswith("A note")
    assert product_note(both, "th").endswith("หมายเหตุ")
    assert product_note({"document_note": "หมายเหตุ", "document_note_en": None},
                        "en").endswith("หมายเหตุ")


def test_partners_on_stage_carry_their_logos_in_order_and_names_are_escaped():
    partners = pd.DataFrame({
        "organisation_id": [1, 2], "role": ["signatory", "lead"],
        "organisation_th": ["ข <b>", "ก"], "organisation_en": ["B <script>", "A"],
        "abbreviation": [None, None], "description": [None, None]})
    logo = image_bytes()
    stage = S.partners_on_stage(partners, pd.DataFrame({"organisation_id": [1],
                                                        "content": [logo]}), "en")
    assert stage == [("A", b""), ("B <script>", logo)]  # lead first
    markup = S.partners_html("Partners & co", stage)
    assert "<script>" not in markup and "B &lt;script&gt;" in markup
    assert "Partners &amp; co" in markup
    assert markup.count("<img ") == 1 and 'src="data:image/png;base64,' in markup
    assert "http" not in markup  # nothing fetched from anywhere


@pytest.fixture
def admin_database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    ui_data.registry_changed()
    engine = ensure_ready(url)
    yield engine
    engine.dispose()
    ui_data.registry_changed()


def _admin_page(engine, lang="en") -> AppTest:
    app = AppTest.from_file(ADMIN, default_timeout=180)
    app.session_state["lang_choice"] = lang
    app.session_state[STATE_KEY] = signed_in_as(engine, "admin1", "admin")
    return app.run()


def test_admin_page_has_the_logo_section_and_the_slide_shows_an_uploaded_logo(
        admin_database):
    app = _admin_page(admin_database)
    assert not app.exception, [e.message for e in app.exception]
    assert t("logo_title", "en") in [s.value for s in app.subheader]
    assert app.selectbox(key="logo_organisation").options
    with session_scope(admin_database) as session:  # as the upload button does
        logos.store_logo(session, CODI, image_bytes(), "admin1")
    ui_data.registry_changed()
    slide = AppTest.from_file(PRESENTER, default_timeout=180)
    slide.query_params["lang"] = "en"
    slide.query_params["programme"] = "western-happy-community-mou"
    slide = maps_painted(slide).run()
    assert not slide.exception, [e.message for e in slide.exception]
    partners = [h.proto.body for h in slide.get("html")
                if h.proto.body.startswith('<div class="slide-partners"')]
    assert len(partners) == 1
    assert "data:image/png;base64," in partners[0]
    assert "Community Organizations Development Institute" in partners[0]
