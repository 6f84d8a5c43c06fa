"""Accounts, argon2 hashes, sign-in sessions and the audit log, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import IntegrityError

from registry import audit, auth
from registry.db import session_scope
from registry.models import AuditEntry, User

PASSWORD = "correct horse battery"
T0 = dt.datetime(2026, 1, 1, 9, 0, 0)
# argon2's defaults (64 MiB, 3 passes) take ~0.5 s here; the tests hash dozens of times.
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True)
def fast_hashes(request, monkeypatch):
    if "library_defaults" not in request.node.name:
        monkeypatch.setattr(auth, "_hasher", lambda: FAST_HASHER)


def test_library_defaults_are_the_hash_parameters():
    defaults = PasswordHasher()
    used = auth._hasher()
    assert (used.time_cost, used.memory_cost, used.parallelism, used.type) == (
        defaults.time_cost, defaults.memory_cost, defaults.parallelism, defaults.type)


def add(engine, name="somchai", role="editor", password=PASSWORD, by="cli"):
    with session_scope(engine) as session:
        return auth.create_user(session, name, password, role, by=by)


def sign_in(engine, name="somchai", password=PASSWORD, now=T0, hours=8.0):
    with session_scope(engine) as session:
        return auth.sign_in(session, name, password, now=now, hours=hours)


def current(engine, signed_in, now):
    with session_scope(engine) as session:
        return auth.current(session, signed_in, now=now)


def log(engine, **filters):
    with session_scope(engine) as session:
        return audit.entries(session, **filters)


def test_migration_adds_users_and_audit_log(engine):
    tables = set(inspect(engine).get_table_names())
    assert {"users", "audit_log"} <= tables
    columns = {c["name"] for c in inspect(engine).get_columns("audit_log")}
    assert columns == {"id", "at", "username", "action", "entity", "entity_id", "before",
                       "after", "import_file_id"}


@pytest.mark.parametrize(("column", "value"), [("role", "viewer"), ("role", "root"),
                                               ("role", "")])
def test_database_refuses_unknown_roles(engine, column, value):
    row = {"username": "x1", "role": "editor", "password_hash": "h", "created_at": T0,
           column: value}
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(User(**row))


def test_database_refuses_a_second_user_of_the_same_name(engine):
    add(engine)
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(User(username="somchai", role="admin", password_hash="h", created_at=T0))


def test_only_an_argon2_hash_is_stored_and_audited_without_it(engine):
    add(engine, by="root")
    with session_scope(engine) as session:
        user = session.scalar(select(User))
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash
        assert PasswordHasher().verify(user.password_hash, PASSWORD)
        raw = session.execute(text("SELECT * FROM audit_log")).all()
    assert all(PASSWORD not in str(row) and "$argon2" not in str(row) for row in raw)
    entries = log(engine)
    assert entries[["username", "action", "entity", "entity_id"]].values.tolist() == [
        ["root", "user_add", "user", "somchai"]]
    assert audit.loads(entries["after"][0]) == {"username": "somchai", "role": "editor",
                                                "disabled": False}


@pytest.mark.parametrize(("name", "password", "role", "message"), [
    ("a", PASSWORD, "editor", "not allowed"),
    ("has space", PASSWORD, "editor", "not allowed"),
    ("สมชาย", PASSWORD, "editor", "not allowed"),
    ("<script>", PASSWORD, "editor", "not allowed"),
    ("-dash", PASSWORD, "editor", "not allowed"),
    ("somchai", "short", "editor", "too short"),
    ("somchai", "          ", "editor", "only spaces"),
    ("somchai", "x" * 1025, "editor", "too long"),
    ("somchai", PASSWORD, "viewer", "role 'viewer' is unknown"),
    ("somchai", PASSWORD, "Admin", "unknown"),
])
def test_bad_accounts_are_refused_with_the_reason(engine, name, password, role, message):
    with pytest.raises(auth.AuthError, match=message):
        add(engine, name=name, password=password, role=role)
    assert log(engine).empty


def test_usernames_are_case_and_space_insensitive(engine):
    add(engine, name="  SomChai ")
    assert sign_in(engine, name="SOMCHAI").username == "somchai"
    with pytest.raises(auth.AuthError, match="already exists"):
        add(engine, name="somchai")


def test_verify_accepts_the_right_password(engine):
    add(engine)
    with session_scope(engine) as session:
        assert auth.verify(session, "somchai", PASSWORD).role == "editor"


@pytest.mark.parametrize(("name", "password", "disable"), [
    ("somchai", "wrong password!", False),  # bad password
    ("nobody", PASSWORD, False),             # unknown user
    ("somchai", PASSWORD, True),             # disabled account
    ("somchai", "", False),
    ("", "", False),
    ("<img src=x>", PASSWORD, False),
])
def test_every_refusal_says_the_same_thing(engine, name, password, disable):
    add(engine)
    add(engine, name="boss", role="admin")
    if disable:
        with session_scope(engine) as session:
            auth.set_disabled(session, "somchai", True, by="boss")
    with session_scope(engine) as session, pytest.raises(auth.AuthError) as caught:
        auth.verify(session, name, password)
    assert str(caught.value) == auth.SIGN_IN_FAILED


def test_unknown_user_costs_one_argon2_verify_like_a_known_one(engine, monkeypatch):
    add(engine)
    calls = []
    original = PasswordHasher.verify
    monkeypatch.setattr(PasswordHasher, "verify",
                        lambda self, h, p: calls.append(h) or original(self, h, p))
    for name in ("somchai", "nobody"):
        with session_scope(engine) as session, pytest.raises(auth.AuthError):
            auth.verify(session, name, "wrong password!")
    assert len(calls) == 2 and all(h.startswith("$argon2id$") for h in calls)


def test_sign_in_lasts_until_it_expires(engine):
    add(engine)
    signed_in = sign_in(engine, hours=8)
    assert signed_in.expires_at == T0 + dt.timedelta(hours=8)
    assert current(engine, signed_in, T0 + dt.timedelta(hours=7, minutes=59)) == signed_in
    assert current(engine, signed_in, T0 + dt.timedelta(hours=8)) is None
    assert current(engine, None, T0) is None


def test_session_length_comes_from_settings(engine, monkeypatch):
    monkeypatch.setenv("SESSION_HOURS", "0.5")
    add(engine)
    with session_scope(engine) as session:
        signed_in = auth.sign_in(session, "somchai", PASSWORD, now=T0)
    assert signed_in.expires_at == T0 + dt.timedelta(minutes=30)


def test_disabling_ends_sign_ins_and_enabling_needs_a_new_one(engine):
    add(engine)
    add(engine, name="boss", role="admin")
    signed_in = sign_in(engine)
    with session_scope(engine) as session:
        auth.set_disabled(session, "somchai", True, by="boss")
    assert current(engine, signed_in, T0) is None
    assert sign_in(engine) is None
    with session_scope(engine) as session:
        auth.set_disabled(session, "somchai", False, by="boss")
    assert sign_in(engine) is not None
    actions = log(engine, username="boss")["action"].tolist()
    assert actions == ["user_enable", "user_disable"]


def test_a_new_password_ends_sign_ins_made_with_the_old_one(engine):
    add(engine)
    signed_in = sign_in(engine)
    with session_scope(engine) as session:
        auth.change_password(session, "somchai", "a brand new secret", by="somchai")
    assert current(engine, signed_in, T0) is None
    assert sign_in(engine) is None
    assert sign_in(engine, password="a brand new secret") is not None
    entry = log(engine, actions=["user_passwd"])
    assert entry["entity_id"].tolist() == ["somchai"]
    assert "a brand new secret" not in str(entry.values.tolist())


def test_a_role_change_applies_on_the_next_check(engine):
    add(engine)
    signed_in = sign_in(engine)
    with session_scope(engine) as session:
        session.scalar(select(User)).role = "admin"
    assert current(engine, signed_in, T0).role == "admin"


def test_the_last_active_admin_cannot_be_disabled(engine):
    add(engine, name="boss", role="admin")
    with session_scope(engine) as session, pytest.raises(auth.AuthError, match="last active"):
        auth.set_disabled(session, "boss", True, by="boss")
    add(engine, name="second", role="admin")
    with session_scope(engine) as session:
        assert auth.set_disabled(session, "boss", True, by="second").disabled


def test_sign_ins_are_audited_and_guessing_is_paused(engine):
    add(engine)
    for minute in range(auth.MAX_FAILURES):
        assert sign_in(engine, password=f"guess number {minute}",
                       now=T0 + dt.timedelta(minutes=minute)) is None
    paused = T0 + dt.timedelta(minutes=auth.MAX_FAILURES)
    assert sign_in(engine, now=paused) is None, "the right password is refused during the pause"
    later = paused + auth.FAILURE_WINDOW
    assert sign_in(engine, now=later) is not None
    counts = log(engine)["action"].value_counts().to_dict()
    assert counts == {"sign_in_failed": auth.MAX_FAILURES, "sign_in_paused": 1, "sign_in": 1,
                      "user_add": 1}


def test_the_pause_is_per_account_whatever_the_capitals(engine):
    add(engine, name="editor1")
    for attempt in range(auth.MAX_FAILURES):
        assert sign_in(engine, name="editor1", password=f"guess {attempt}") is None
    for spelling in ("EDITOR1", "Editor1", " editor1 "):
        assert sign_in(engine, name=spelling, now=T0 + dt.timedelta(minutes=1)) is None
    with session_scope(engine) as session:
        until = auth.paused_until(session, "Editor1", now=T0 + dt.timedelta(minutes=1))
    assert until == T0 + auth.FAILURE_WINDOW, "the user is told until when"
    assert sign_in(engine, name="EDITOR1", now=until) is not None


def test_a_success_does_not_wipe_the_failures_before_it(engine):
    add(engine)
    for attempt in range(auth.MAX_FAILURES - 1):
        assert sign_in(engine, password=f"guess {attempt}") is None
    assert sign_in(engine) is not None
    assert sign_in(engine, password="one more guess") is None
    assert sign_in(engine) is None, "ten wrong passwords in the window pause the account"


def test_refused_attempts_during_a_pause_write_one_audit_entry(engine):
    add(engine)
    for attempt in range(1_500):
        sign_in(engine, name="SomChai" if attempt % 2 else "somchai",
                password=f"guess {attempt}", now=T0 + dt.timedelta(seconds=attempt // 4))
    counts = log(engine)["action"].value_counts().to_dict()
    assert counts == {"sign_in_failed": auth.MAX_FAILURES, "sign_in_paused": 1, "user_add": 1}


def test_simultaneous_wrong_attempts_check_at_most_the_limit(engine, monkeypatch):
    import threading

    add(engine)
    checked, lock = [], threading.Lock()
    original = auth.verify

    def counting(*args, **kwargs):
        with lock:
            checked.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(auth, "verify", counting)
    start = threading.Barrier(40)
    errors = []

    def attempt(number):
        start.wait()
        try:
            sign_in(engine, name="SOMCHAI" if number % 2 else "somchai",
                    password=f"wrong guess {number}")
        except Exception as error:  # reported below; there must be none
            errors.append(error)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert len(checked) == auth.MAX_FAILURES
    assert sign_in(engine) is None, "the account is paused"


def test_users_lists_accounts_without_hashes(engine):
    add(engine, name="b-editor")
    add(engine, name="a-admin", role="admin")
    with session_scope(engine) as session:
        listed = auth.users(session)
    assert [(u["username"], u["role"], u["disabled"]) for u in listed] == [
        ("a-admin", "admin", False), ("b-editor", "editor", False)]
    assert all("password_hash" not in u for u in listed)


@pytest.mark.parametrize(("role", "needed", "allowed"), [
    (None, "editor", False), (None, "admin", False), (None, "viewer", True),
    ("editor", "editor", True), ("editor", "admin", False),
    ("admin", "editor", True), ("admin", "admin", True), ("bogus", "editor", False),
])
def test_allows(role, needed, allowed):
    assert auth.allows(role, needed) is allowed


def test_an_audit_entry_rolls_back_with_its_change(engine):
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        auth.create_user(session, "somchai", PASSWORD, "editor", by="cli")
        raise RuntimeError("the change fails after the entry was written")
    with session_scope(engine) as session:
        assert session.scalar(select(User)) is None
        assert session.scalar(select(AuditEntry)) is None


def test_audit_entries_keep_thai_and_hostile_text_and_filter(engine):
    hostile = {"name": "<script>alert(1)</script>", "th": "ตำบลมะรือโบตก", "n": 3}
    with session_scope(engine) as session:
        audit.record(session, "somchai", "edit", "programme", 7, {"n": 1}, hostile)
        audit.record(session, "boss", "undo_import", "import_file", 3, {"rows": 2}, None)
    everything = log(engine)
    assert everything["action"].tolist() == ["undo_import", "edit"]
    assert audit.loads(everything["after"][1]) == hostile
    assert log(engine, username="somchai")["entity_id"].tolist() == ["7"]
    assert log(engine, actions=["undo_import"])["username"].tolist() == ["boss"]
    assert log(engine, entity="programme")["action"].tolist() == ["edit"]
    future = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=1)
    assert log(engine, since=future).empty
    assert len(log(engine, until=future)) == 2
    with session_scope(engine) as session:
        assert audit.actions(session) == ["edit", "undo_import"]
