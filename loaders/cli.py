"""Argument parsing for `python -m loaders`; each sub-command lives in its own module."""

from __future__ import annotations

import argparse
import importlib

# sub-command -> module exposing `add_arguments(parser)` and `run(args) -> int`
COMMANDS = {
    "export": "loaders.export",
    "import": "loaders.importer",
    "users": "loaders.users",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loaders")
    commands = parser.add_subparsers(dest="command", required=True)
    modules = {}
    for name, module_name in COMMANDS.items():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        modules[name] = module
        module.add_arguments(commands.add_parser(name, help=module.__doc__))
    args = parser.parse_args(argv)
    return modules[args.command].run(args)
