"""Load a folder written by `python -m loaders export` into this registry (moving servers).

Every file is checked as it is read (columns, vocabularies, dates, references between
files, areas in the gazetteer); the whole folder goes in one transaction, so a bad row
leaves the registry as it was. Exit codes: 0 loaded, 1 the folder needs fixing (the
message names file and line), 2 the registry or the folder cannot be used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from loaders.interchange import InterchangeError, import_registry
from registry import audit
from registry.db import RegistryUnavailable, ensure_ready, session_scope
from registry.organisations import sync_aliases


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, help="folder written by `python -m loaders export`")
    parser.add_argument("--by", default="cli", help="who loads it (recorded in the audit log)")
    parser.add_argument("--database-url", help="registry database (default: settings)")


def run(args: argparse.Namespace) -> int:
    if not args.folder.is_dir():
        print(f"error: {args.folder} is no folder; give the folder `python -m loaders export` "
              "wrote", file=sys.stderr)
        return 2
    try:
        engine = ensure_ready(args.database_url)
        with session_scope(engine) as session:
            counts = import_registry(session, args.folder, args.by)
            sync_aliases(session)
            audit.record(session, args.by, "registry_import", "folder", str(args.folder)[:100],
                         None, {f"{name} {action}": n for (name, action), n in counts.items()})
    except InterchangeError as error:
        print(f"error: {error}; nothing was loaded", file=sys.stderr)
        return 1
    except RegistryUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except SQLAlchemyError as error:
        print(f"error: the registry refused the folder ({type(error).__name__}: "
              f"{str(error).splitlines()[0]}); nothing was loaded", file=sys.stderr)
        return 2
    for (name, action), count in sorted(counts.items()):
        print(f"{name}: {count} {action}")
    return 0
