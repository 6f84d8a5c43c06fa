"""The JavaScript of the pages' components, kept in ui/js (linted by ESLint), sent inline."""

from __future__ import annotations

from importlib import resources


def script(name: str) -> str:
    """The text of ui/js/`name`."""
    return (resources.files("ui") / "js" / name).read_text(encoding="utf-8")
