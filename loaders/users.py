"""Manage editors and admins (the first admin is made here; there is no default password).

    python -m loaders users add NAME --role editor|admin
    python -m loaders users list
    python -m loaders users disable NAME      (enable NAME undoes it)
    python -m loaders users passwd NAME

The password is asked twice without echo when run in a terminal; when stdin
is not a terminal (a script, a pipe), its first line is the password:
``printf '%s\\n' "$PASSWORD" | python -m loaders users add admin --role admin``.
Every change is written to the audit log as "cli:<system user>".
"""

from __future__ import annotations

import argparse
import getpass
import sys

from registry import auth
from registry.models import USER_ROLES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database-url", help="registry database (default: settings)")
    actions = parser.add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="create an editor or admin")
    add.add_argument("name")
    add.add_argument("--role", choices=USER_ROLES, required=True)
    actions.add_parser("list", help="list the accounts")
    for action, text in (("disable", "stop an account from signing in"),
                         ("enable", "let a disabled account sign in again"),
                         ("passwd", "set a new password")):
        actions.add_parser(action, help=text).add_argument("name")


def read_password(stdin=None) -> str:
    """Twice without echo from a terminal; else the first line of stdin."""
    stdin = stdin or sys.stdin
    if stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != first:
            raise auth.AuthError("the two passwords differ; nothing was changed")
        return first
    line = stdin.readline()
    if not line:
        raise auth.AuthError("no password on standard input; pipe it in as the first line")
    return line.rstrip("\r\n")


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from registry.db import RegistryUnavailable, ensure_ready, session_scope

    try:
        if args.action in ("add", "passwd"):
            auth.normalise_username(args.name)  # a bad name fails before the password prompt
            password = read_password()
            auth.check_password(password)
        engine = ensure_ready(args.database_url)
        with session_scope(engine) as session:
            if args.action == "list":
                _print_users(auth.users(session))
            elif args.action == "add":
                user = auth.create_user(session, args.name, password, args.role, by=_actor())
                print(f"{user.role} {user.username!r} added")
            elif args.action == "passwd":
                user = auth.change_password(session, args.name, password, by=_actor())
                print(f"password of {user.username!r} changed; their sign-ins have ended")
            else:
                user = auth.set_disabled(session, args.name, args.action == "disable",
                                         by=_actor())
                print(f"{user.username!r} {'disabled' if user.disabled else 'enabled'}")
    except (auth.AuthError, RegistryUnavailable) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except SQLAlchemyError as error:
        print(f"error: the registry refused the change ({type(error).__name__}); nothing "
              "was changed", file=sys.stderr)
        return 2
    return 0


def _print_users(users: list[dict]) -> None:
    if not users:
        print("no users yet; add the first admin with: python -m loaders users add NAME "
              "--role admin")
        return
    for user in users:
        state = "disabled" if user["disabled"] else "active"
        print(f"{user['username']:<30} {user['role']:<7} {state:<9} "
              f"created {user['created_at']:%Y-%m-%d %H:%M} UTC")
