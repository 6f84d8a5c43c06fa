"""Write the whole registry to a folder of CSV files (UTF-8 with BOM, ISO CE dates)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from loaders.interchange import export_registry
from registry.db import RegistryUnavailable, ensure_ready


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out_dir", type=Path, help="folder to write the CSV files into")
    parser.add_argument("--database-url", default=None,
                        help="registry database (default: the DATABASE_URL setting)")


def run(args: argparse.Namespace) -> int:
    try:
        engine = ensure_ready(args.database_url)
    except RegistryUnavailable as error:
        print(f"export failed: {error}", file=sys.stderr)
        return 2
    try:
        counts = export_registry(engine, args.out_dir)
    except SQLAlchemyError as error:
        reason = getattr(error, "orig", None) or error
        print(f"export failed: the registry database stopped answering "
              f"({type(reason).__name__}); the files in {args.out_dir} are incomplete. "
              "Export again when the database is back", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"export failed: cannot write to {args.out_dir}: {error.strerror or error}",
              file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    for name, rows in counts.items():
        print(f"{args.out_dir / name}: {rows} rows")
    return 0
