"""The programme form: an editor enters a programme as a draft, a second editor publishes it,
and the publication can be undone — all through the page (AppTest), on the SQLite registry."""

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from registry.db import session_scope
from registry.models import Organisation, Programme
from tests.pages import own_registry, programme_and_partners, run_page


@pytest.fixture
def database(tmp_path, monkeypatch):
    return own_registry(tmp_path, monkeypatch)


def _page(database, user: str, lang: str = "en", role: str = "editor") -> AppTest:
    return run_page("edit", lang, user=(database, user, role), errors=True, timeout=180)


def _ok(app: AppTest) -> AppTest:
    assert not app.exception, [e.message for e in app.exception]
    return app


def test_viewer_gets_the_sign_in_form(database):
    app = run_page("edit", "th", errors=True, timeout=180)
    assert "edit_save" not in [b.key for b in app.button]


def test_enter_publish_and_undo_a_programme(database):
    app = _page(database, "editor1")
    app.text_input(key="edit_title_th_None").set_value("สุราษฎร์ธานีจังหวัดคุณธรรม")
    app.text_input(key="edit_slug_None").set_value("surat-moral-province")
    app.text_input(key="edit_signed_on_None").set_value("14 มี.ค. 2566")
    app.text_input(key="edit_find").set_value("พอช").run()
    found = app.selectbox(key="edit_found_พอช")
    assert found.value.slug == "codi"
    app.selectbox(key="edit_role").set_value("signatory")
    _ok(app.button(key="edit_add_partner").click().run())
    app.text_input(key="edit_new_name_th").set_value("มหาวิทยาลัยราชภัฏสุราษฎร์ธานี")
    app.text_input(key="edit_new_abbreviation").set_value("มรส.").run()
    _ok(app.button(key="edit_add_new").click().run())
    app.multiselect(key="edit_areas_province").set_value(["84"]).run()
    _ok(app.button(key="edit_add_areas").click().run())
    app.text_area(key="edit_paste").set_value(
        "อ.เมืองสุราษฎร์ธานี จ.สุราษฎร์ธานี\nไม่มีที่นี่").run()
    _ok(app.button(key="edit_match").click().run())
    assert app.warning and "ไม่มีที่นี่" in app.warning[0].value
    app.text_input(key="edit_url").set_value("https://example.org/news")
    app.text_area(key="edit_quote").set_value("ลงนามบันทึกข้อตกลง <b>จังหวัดคุณธรรม</b>")
    _ok(app.button(key="edit_save").click().run())
    assert any("saved" in s.value for s in app.success), [e.value for e in app.error]
    with session_scope(database) as session:
        assert session.scalar(select(Programme).where(
            Programme.slug == "surat-moral-province")) is None
    draft_button = next(b for b in app.button if b.key.startswith("edit_publish_"))
    assert draft_button.disabled  # the author cannot publish their own draft

    second = _page(database, "editor2")
    assert any("Draft" in m.value for m in second.markdown)  # marked as a draft
    publish = next(b for b in second.button if b.key.startswith("edit_publish_"))
    assert not publish.disabled
    _ok(publish.click().run())
    with session_scope(database) as session:
        programme, partners = programme_and_partners(session, "surat-moral-province",
                                                     Organisation.abbreviation)
    assert programme.signed_on == "2023-03-14"
    assert partners == {"พอช.", "มรส."}
    _ok(next(b for b in second.button if b.key.startswith("edit_undo_")).click().run())
    with session_scope(database) as session:
        assert session.scalar(select(Programme).where(
            Programme.slug == "surat-moral-province")) is None


def test_admin_merges_two_records_and_undoes_it(database):
    from registry.organisations import OrganisationIndex, create_organisation

    with session_scope(database) as session:
        create_organisation(session, name_th="สถาบันพัฒนาองค์กรชุมชน", aliases=["สถาบัน พอช"])
        index = OrganisationIndex.load(session)
    editor = _page(database, "editor1")
    assert "merge_button" not in [b.key for b in editor.button]
    app = _page(database, "root", role="admin")
    keep = index.resolve("พอช.").organisation
    drop = index.resolve("สถาบัน พอช").organisation
    assert keep != drop
    app.selectbox(key="merge_keep").set_value(keep)
    app.selectbox(key="merge_drop").set_value(drop)
    _ok(app.run())
    _ok(app.button(key="merge_button").click().run())
    assert any("merged into" in s.value for s in app.success)
    with session_scope(database) as session:
        assert OrganisationIndex.load(session).resolve("สถาบัน พอช").organisation.slug == "codi"
    _ok(app.button(key="merge_undo").click().run())
    assert any("undone" in s.value for s in app.success)
    with session_scope(database) as session:
        assert OrganisationIndex.load(session).resolve("สถาบัน พอช").organisation == drop


def test_village_numbers_of_chosen_subdistricts():
    from views import editing

    labels = {"960510": "มะรือโบตก"}
    places = editing.places_of("subdistrict", ["960510"], labels, "1, ๓")
    assert [(p.level, p.code) for p in places] == [("village", "96051001"),
                                                   ("village", "96051003")]
    assert [p.code for p in editing.places_of("subdistrict", ["960510"], labels)] == ["960510"]
    with pytest.raises(editing.FormError, match="1–99"):
        editing.places_of("subdistrict", ["960510"], labels, "100")


def test_editing_a_stored_programme_removes_an_area(database):
    from registry import drafts

    with session_scope(database) as session:
        slug = session.scalar(select(Programme.slug).order_by(Programme.slug))
        before = drafts.snapshot(session, slug)
    app = _page(database, "editor1")
    app.selectbox(key="edit_which").set_value(slug)
    _ok(app.run())
    removes = [b for b in app.button if b.key.startswith("edit_remove_stored_")]
    assert len(removes) == len(before["coverage"]) > 0
    _ok(removes[0].click().run())
    app.text_input(key="edit_url").set_value("https://example.org/correction")
    app.text_area(key="edit_quote").set_value("แก้ไขพื้นที่")
    _ok(app.button(key="edit_save").click().run())
    assert any("saved" in s.value for s in app.success), [e.value for e in app.error]
    second = _page(database, "editor2")
    _ok(next(b for b in second.button if b.key.startswith("edit_publish_")).click().run())
    with session_scope(database) as session:
        after = drafts.snapshot(session, slug)
    assert len(after["coverage"]) == len(before["coverage"]) - 1
    assert after["partners"] == before["partners"]


def test_the_map_to_click_areas_draws(database):
    app = _page(database, "editor1")
    app.toggle(key="edit_map_on").set_value(True)
    _ok(app.run())
