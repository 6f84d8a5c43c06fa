"""The dashboard's menu, as the pages declare it: a page lists itself with a NAVIGATION entry.

A page file is a script Streamlit runs, not a module to import, so its entry is read from
the file's source (`ast.literal_eval` of the one assignment): adding a page is writing the
page, with its title among the words (views/text.py). dashboard.py only iterates.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGES_DIR = PROJECT_ROOT / "pages"


@dataclass(frozen=True)
class Entry:
    """One page in the menu. `title`: its words key (views.text.t); `order`: place in the
    menu, lowest first; `role`: who sees it (None everyone, else signed in with at least
    that role, registry.auth.allows); `default`: the page "/" opens. A page that reads
    differently once someone is signed in (sign-in becomes the account) declares that
    with `signed_in_title` and `signed_in_icon`."""

    path: str
    title: str
    icon: str
    order: int
    role: str | None = None
    default: bool = False
    signed_in_title: str | None = None
    signed_in_icon: str | None = None

    def shown_as(self, signed_in: bool) -> tuple[str, str]:
        """(words key, icon) of the entry for a visitor who is or is not signed in."""
        if not signed_in:
            return self.title, self.icon
        return self.signed_in_title or self.title, self.signed_in_icon or self.icon


def declared(path: Path) -> dict | None:
    """The NAVIGATION dict a page file assigns, or None when it declares none."""
    for node in ast.parse(path.read_text(encoding="utf-8"), filename=str(path)).body:
        if isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == "NAVIGATION"
                for target in node.targets):
            return ast.literal_eval(node.value)
    return None


@functools.cache
def entries(folder: Path = PAGES_DIR) -> tuple[Entry, ...]:
    """Every page of `folder` that declares an entry, in menu order; paths as st.Page takes
    them (relative to dashboard.py)."""
    found = []
    for path in sorted(folder.glob("*.py")):
        entry = declared(path)
        if entry is not None:
            found.append(Entry(path=path.relative_to(folder.parent).as_posix(), **entry))
    return tuple(sorted(found, key=lambda entry: entry.order))
