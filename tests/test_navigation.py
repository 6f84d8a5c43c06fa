"""The menu is what the pages declare: a new page file with a NAVIGATION entry is listed
without touching dashboard.py."""

from __future__ import annotations

import pytest

from tests.pages import PAGES
from ui.navigation import declared, entries
from views.text import t


def test_every_page_declares_its_place_in_the_menu():
    listed = [entry.path for entry in entries()]
    assert set(listed) == {f"pages/{path.name}" for path in PAGES.glob("*.py")}
    # A page added later takes its own place; these keep theirs (and sign-in stays last).
    order = ["pages/overview.py", "pages/explorer.py", "pages/partners.py", "pages/programme.py",
             "pages/presenter.py", "pages/edit.py", "pages/import_data.py", "pages/admin.py",
             "pages/sign_in.py"]
    assert [path for path in listed if path in order] == order
    assert listed[-1] == "pages/sign_in.py"
    assert [entry.path for entry in entries() if entry.default] == ["pages/overview.py"]
    assert {entry.path: entry.role for entry in entries() if entry.role} == {
        "pages/edit.py": "editor", "pages/import_data.py": "editor", "pages/admin.py": "admin"}


def test_sign_in_reads_as_the_account_once_signed_in():
    by_path = {entry.path: entry for entry in entries()}
    sign_in = by_path["pages/sign_in.py"]
    assert sign_in.shown_as(signed_in=False) == ("page_sign_in", ":material/login:")
    assert sign_in.shown_as(signed_in=True) == ("page_account", ":material/account_circle:")
    overview = by_path["pages/overview.py"]
    assert overview.shown_as(signed_in=True) == overview.shown_as(signed_in=False)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_menu_title_is_in_the_words(lang):
    for signed_in in (False, True):
        titles = [t(entry.shown_as(signed_in)[0], lang) for entry in entries()]
        assert all(titles) and len(set(titles)) == len(titles)


def test_a_new_page_is_listed_by_its_own_file(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "later.py").write_text('"""A page."""\n\nimport streamlit as st\n\n'
                                     'NAVIGATION = {"title": "page_partners", "icon": "x",'
                                     ' "order": 2}\nst.write("later")\n', encoding="utf-8")
    (folder / "first.py").write_text('NAVIGATION = {"title": "page_overview", "icon": "y",'
                                     ' "order": 1, "default": True}\n', encoding="utf-8")
    (folder / "helper.py").write_text("VALUE = 1\n", encoding="utf-8")
    assert declared(folder / "helper.py") is None
    assert [(entry.path, entry.order) for entry in entries(folder)] == [
        ("pages/first.py", 1), ("pages/later.py", 2)]

