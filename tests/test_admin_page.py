"""Sign-in, roles and the admin page through Streamlit's AppTest (real forms and buttons)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from loaders import importer
from registry import audit, auth
from registry.db import ensure_ready, session_scope
from tests.accounts import PASSWORD, form_sign_in, signed_in_as
from ui.auth import ENDED_KEY, STATE_KEY
from views.audit import audit_csv, audit_table, local_time, summary, utc_range

ROOT = Path(__file__).resolve().parent.parent
ADMIN = str(ROOT / "pages" / "admin.py")
IMPORT = str(ROOT / "pages" / "import_data.py")


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return ensure_ready(url)


def page(script, signed_in=None, lang="en"):
    app = AppTest.from_file(script, default_timeout=180)
    app.session_state["lang_choice"] = lang
    if signed_in is not None:
        app.session_state[STATE_KEY] = signed_in
    return app.run()


def ok(app):
    assert not app.exception, [e.message for e in app.exception]
    return app


def audit_frame(app):
    """The audit log table (AppTest keeps no dataframe keys: found by its columns)."""
    return next(d.value for d in app.dataframe if "Action" in d.value.columns)


def texts(elements):
    return " ".join(str(e.value) for e in elements)


def test_viewer_gets_a_clear_message_and_the_sign_in_form(database):
    for script, message in ((IMPORT, "for editors"), (ADMIN, "admins only")):
        app = ok(page(script))
        assert message in texts(app.info)
        assert not app.get("file_uploader")
        assert [t.label for t in app.text_input] == ["Username", "Password"]


def test_sign_in_through_the_form_opens_the_import_page(database):
    signed_in_as(database)  # creates editor1
    app = ok(page(IMPORT))
    app = ok(form_sign_in(app))
    assert len(app.get("file_uploader")) == 1
    assert app.session_state[STATE_KEY].username == "editor1"


@pytest.mark.parametrize(("name", "password"), [("editor1", "not the password"),
                                                ("nobody", PASSWORD)])
def test_wrong_sign_in_says_so_and_keeps_the_page_closed(database, name, password):
    signed_in_as(database)
    app = ok(page(IMPORT))
    app = ok(form_sign_in(app, name, password))
    assert "Wrong username or password" in texts(app.error)
    assert not app.get("file_uploader")


def test_an_expired_sign_in_ends_with_a_message(database):
    expired = dataclasses.replace(signed_in_as(database),
                                  expires_at=dt.datetime(2000, 1, 1))
    app = ok(page(IMPORT, expired))
    assert app.session_state[ENDED_KEY] and not app.get("file_uploader")
    assert STATE_KEY not in app.session_state
    # The dashboard shows it on whatever page comes next (see the test below).


def test_an_editor_is_not_an_admin(database):
    app = ok(page(ADMIN, signed_in_as(database)))
    assert "admins only" in texts(app.info)
    assert not app.text_input, "a signed-in editor is not offered the sign-in form again"


def test_admin_adds_and_disables_a_user_and_both_are_audited(database):
    boss = signed_in_as(database, "boss", "admin")
    app = ok(page(ADMIN, boss))
    assert app.title[0].value == "Administration"
    app.text_input(key="add_name").input("newbie")
    app.selectbox(key="add_role").set_value("editor")
    app.text_input(key="add_password").input("newbie password 1")
    app.text_input(key="add_again").input("newbie password 1")
    app.button[0].click()  # the add form's submit button comes first
    app = ok(app.run())
    assert "User newbie added" in texts(app.success)

    app.selectbox(key="account").set_value("newbie")
    app = ok(app.run())
    app.button(key="toggle_account").click()
    app = ok(app.run())
    with session_scope(database) as session:
        assert auth.sign_in(session, "newbie", "newbie password 1") is None
        log = audit.entries(session, username="boss")
    assert {"user_add", "user_disable"} <= set(log["action"])
    shown = audit_frame(app)
    assert {"user_add", "user_disable"} <= set(shown["Action"])


def test_admin_form_refuses_mismatched_and_bad_passwords(database):
    app = ok(page(ADMIN, signed_in_as(database, "boss", "admin")))
    app.text_input(key="add_name").input("x2")
    app.text_input(key="add_password").input("short")
    app.text_input(key="add_again").input("short")
    app.button[0].click()
    app = ok(app.run())
    assert "too short" in texts(app.error)


def test_audit_log_filters_by_user_and_action(database):
    boss = signed_in_as(database, "boss", "admin")
    signed_in_as(database, "editor1")
    app = ok(page(ADMIN, boss))
    app.selectbox(key="log_user").set_value("editor1")
    app = ok(app.run())
    assert set(audit_frame(app)["User"]) == {"editor1"}
    app.selectbox(key="log_user").set_value(None)
    app.multiselect(key="log_actions").set_value(["user_add"])
    app = ok(app.run())
    shown = audit_frame(app)
    assert set(shown["Action"]) == {"user_add"} and set(shown["Id"]) == {"boss", "editor1"}


def test_admin_undoes_an_import_and_the_log_names_both(database, tmp_path):
    slug = sorted({s for _, s in importer.load_programmes(database).by_key.values()})[0]
    path = tmp_path / "areas.csv"
    path.write_text("จังหวัด,ตำบล\nนราธิวาส,มะรือโบตก\n", encoding="utf-8")
    editor = signed_in_as(database)
    imported = importer.commit(database, importer.dry_run(path, engine=database, programme=slug),
                               imported_by=editor.username)
    app = ok(page(ADMIN, signed_in_as(database, "boss", "admin")))
    assert app.button(key="admin_undo_button").disabled, "undo waits for the confirmation"
    app.checkbox(key="admin_undo_confirm").check()
    app = ok(app.run())
    app.button(key="admin_undo_button").click()
    app = ok(app.run())
    assert f"Import #{imported.import_id} undone: 1 rows" in texts(app.success)
    with session_scope(database) as session:
        log = audit.entries(session, import_file_id=imported.import_id)
    assert log[["username", "action"]].values.tolist() == [["boss", "import_undo"],
                                                            ["editor1", "import"]]


# ---- the audit table as shown (pure) --------------------------------------------------------

def test_local_time_is_bangkok_in_the_buddhist_era():
    assert local_time(dt.datetime(2026, 11, 21, 20, 30), "th") == "22 พ.ย. 2569 03:30:00"
    assert local_time(dt.datetime(2026, 11, 21, 20, 30), "en") == "22 Nov 2569 BE 03:30:00"


@pytest.mark.parametrize(("text", "expected"), [
    (None, ""),
    (float("nan"), ""),
    ('{"added": 4, "file_name": "a.csv"}', "added: 4, file_name: a.csv"),
    ('"plain"', "plain"),
    ('{"x": "' + "y" * 400 + '"}', "x: " + "y" * 296 + "…"),
])
def test_summary(text, expected):
    assert summary(text) == expected


def test_utc_range_covers_whole_bangkok_days():
    since, until = utc_range(dt.date(2026, 11, 22), dt.date(2026, 11, 22))
    assert (since, until) == (dt.datetime(2026, 11, 21, 17), dt.datetime(2026, 11, 22, 17))
    assert utc_range(None, None) == (None, None)


def test_audit_table_headers_follow_the_language(engine):
    with session_scope(engine) as session:
        audit.record(session, "boss", "user_add", "user", "x", None, {"role": "editor"})
        entries = audit.entries(session)
    assert list(audit_table(entries, "th").columns)[:3] == ["เวลา", "ผู้ใช้", "การกระทำ"]
    assert audit_table(entries, "en")["After"].tolist() == ["role: editor"]


def _many_failed_sign_ins(engine, count):
    with session_scope(engine) as session:
        for number in range(count):
            audit.record(session, f"guess{number % 7}", "sign_in_failed", "user",
                         f"guess{number % 7}", None, None)


def test_the_log_pages_over_every_entry_and_filters_by_kind(database, tmp_path):
    boss = signed_in_as(database, "boss", "admin")
    path = tmp_path / "areas.csv"
    path.write_text("จังหวัด,ตำบล\nนราธิวาส,มะรือโบตก\n", encoding="utf-8")
    slug = sorted({s for _, s in importer.load_programmes(database).by_key.values()})[0]
    importer.commit(database, importer.dry_run(path, engine=database, programme=slug),
                    imported_by="boss")
    _many_failed_sign_ins(database, 1_500)
    with session_scope(database) as session:
        total = audit.count(session)
        assert total > 1_500
        assert len(audit.entries(session, limit=None)) == total
        oldest = audit.entries(session, limit=100, offset=total - 1)
        assert oldest["action"].tolist() == ["user_add"], "the first entry is reachable"
        imports = audit.entries(session, kinds=["imports"])
        assert imports["action"].tolist() == ["import"]
        accounts = audit.entries(session, kinds=["accounts"], limit=None)
        assert set(accounts["action"]) == {"user_add"}
        assert audit.count(session, kinds=["edits"]) == 0
        whole = audit_csv(audit.entries(session, limit=None), "en").decode("utf-8-sig")
    assert whole.count("\n") == total + 1

    app = ok(page(ADMIN, boss))
    pages = -(-total // 100)
    assert f"Entries 1–100 of {total:,}" in texts(app.caption)
    app.number_input(key=f"log_page_{pages}").set_value(pages)
    app = ok(app.run())
    assert f"of {total:,}" in texts(app.caption)
    assert "user_add" in set(audit_frame(app)["Action"]), "the last page holds the oldest"
    app.multiselect(key="log_kinds").set_value(["imports"])
    app = ok(app.run())
    assert set(audit_frame(app)["Action"]) == {"import"}
    assert "Entries 1–1 of 1" in texts(app.caption)


def test_a_paused_account_is_told_until_when(database):
    signed_in_as(database)
    for attempt in range(auth.MAX_FAILURES):
        with session_scope(database) as session:
            auth.sign_in(session, "editor1", f"wrong guess {attempt}")
    app = ok(page(IMPORT))
    app = ok(form_sign_in(app, "Editor1"))
    assert "paused after too many wrong passwords; try again from" in texts(app.error)
    assert not app.get("file_uploader")


def test_the_sign_in_ended_message_survives_the_move_off_the_page(database):
    held = signed_in_as(database)
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=180)
    app.session_state["lang_choice"] = "en"
    app.session_state[STATE_KEY] = held
    app.run()
    app.switch_page("pages/import_data.py")
    app = ok(app.run())
    assert len(app.get("file_uploader")) == 1
    app.session_state[STATE_KEY] = dataclasses.replace(held, expires_at=dt.datetime(2000, 1, 1))
    app = ok(app.run())
    assert "has ended" in texts(app.main.warning), "said on the page, not only the sidebar"
    app = ok(app.run())  # the browser's move to the overview is one more run
    assert "has ended" in texts(app.main.warning)
    app.button(key="auth_ended_ok").click()
    app = ok(app.run())
    assert "has ended" not in texts(app.warning)
