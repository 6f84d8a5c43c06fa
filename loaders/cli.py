"""Argument parsing for `python -m loaders`; each sub-command lives in its own module."""

from __future__ import annotations

import argparse
import importlib

# sub-command -> module exposing `add_arguments(parser)` and `run(args) -> int`
COMMANDS = {
    "export": "loaders.export",
    "import": "loaders.workbook",
    "import-registry": "loaders.registry_import",
    "users": "loaders.users",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders")
    commands = parser.add_subparsers(dest="command", required=True)
    modules = {name: importlib.import_module(module) for name, module in COMMANDS.items()}
    for name, module in modules.items():
        module.add_arguments(commands.add_parser(name, help=module.__doc__))
    args = parser.parse_args(argv)
    return modules[args.command].run(args)
