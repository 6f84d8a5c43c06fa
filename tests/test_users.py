"""`python -m loaders users …`: the first admin, listing, disabling, new passwords."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from loaders import cli, users
from registry import audit, auth
from registry.db import get_engine, session_scope

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True)
def fast_hashes(monkeypatch):
    monkeypatch.setattr(auth, "_hasher", lambda: FAST_HASHER)


class Pipe(io.StringIO):
    def isatty(self) -> bool:
        return False


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(url, monkeypatch, *argv, stdin="secret password\n"):
    monkeypatch.setattr(sys, "stdin", Pipe(stdin))
    return cli.main(["users", "--database-url", url, *argv])


def signs_in(url, name, password):
    with session_scope(get_engine(url)) as session:
        return auth.sign_in(session, name, password) is not None


def test_first_admin_from_a_pipe_then_list(database_url, monkeypatch, capsys):
    assert run(database_url, monkeypatch, "list") == 0
    assert "no users yet" in capsys.readouterr().out
    assert run(database_url, monkeypatch, "add", "Admin", "--role", "admin") == 0
    assert "admin 'admin' added" in capsys.readouterr().out
    assert signs_in(database_url, "admin", "secret password")
    assert run(database_url, monkeypatch, "list") == 0
    listed = capsys.readouterr().out
    assert "admin" in listed and "active" in listed and "secret" not in listed
    with session_scope(get_engine(database_url)) as session:
        entry = audit.entries(session, actions=["user_add"])
    assert entry["username"][0].startswith("cli")


def test_disable_enable_and_passwd(database_url, monkeypatch, capsys):
    run(database_url, monkeypatch, "add", "boss", "--role", "admin")
    run(database_url, monkeypatch, "add", "editor1", "--role", "editor")
    assert run(database_url, monkeypatch, "disable", "editor1") == 0
    assert not signs_in(database_url, "editor1", "secret password")
    assert run(database_url, monkeypatch, "enable", "editor1") == 0
    assert signs_in(database_url, "editor1", "secret password")
    assert run(database_url, monkeypatch, "passwd", "editor1",
               stdin="another secret one\n") == 0
    assert "sign-ins have ended" in capsys.readouterr().out
    assert signs_in(database_url, "editor1", "another secret one")
    assert not signs_in(database_url, "editor1", "secret password")


@pytest.mark.parametrize(("argv", "stdin", "message"), [
    (["add", "x", "--role", "admin"], "secret password\n", "not allowed"),
    (["add", "somchai", "--role", "admin"], "short\n", "too short"),
    (["add", "somchai", "--role", "admin"], "", "no password on standard input"),
    (["disable", "nobody"], "", "there is no user 'nobody'"),
    (["passwd", "nobody"], "secret password\n", "there is no user 'nobody'"),
])
def test_errors_are_messages_with_exit_code_2(tmp_path, monkeypatch, capsys, argv, stdin,
                                               message):
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    assert run(url, monkeypatch, *argv, stdin=stdin) == 2
    captured = capsys.readouterr()
    assert message in captured.err and "Traceback" not in captured.err


def test_a_duplicate_and_the_last_admin_are_refused(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    assert run(url, monkeypatch, "add", "boss", "--role", "admin") == 0
    assert run(url, monkeypatch, "add", "BOSS", "--role", "editor") == 2
    assert "already exists" in capsys.readouterr().err
    assert run(url, monkeypatch, "disable", "boss") == 2
    assert "last active admin" in capsys.readouterr().err


def test_a_terminal_asks_twice_without_echo(monkeypatch):
    answers = iter(["typed twice ok", "typed twice ok", "first answer", "second answer"])
    monkeypatch.setattr(users.getpass, "getpass", lambda prompt: next(answers))
    assert users.read_password(Terminal()) == "typed twice ok"
    with pytest.raises(auth.AuthError, match="differ"):
        users.read_password(Terminal())


def test_the_first_line_of_stdin_is_the_password_as_typed():
    assert users.read_password(Pipe("  spaces kept  \r\nsecond line\n")) == "  spaces kept  "


def test_the_real_command_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    done = subprocess.run(
        [sys.executable, "-m", "loaders", "users", "--database-url", url, "add", "admin",
         "--role", "admin"],
        input="a real password\n", capture_output=True, text=True, cwd=PROJECT_ROOT,
        timeout=300)
    assert done.returncode == 0, done.stderr
    assert signs_in(url, "admin", "a real password")
