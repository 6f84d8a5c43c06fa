"""escaping: the one home of making typed or uploaded text inert (Markdown, spreadsheets,
the CSV round trip). The long tables of cases stay beside their users (test_exports,
test_interchange, test_explorer); these show how the escapers differ."""

import pytest

from escaping import (
    markdown_line,
    markdown_literal,
    neutralise,
    neutralise_for_round_trip,
    restore_round_trip,
)


@pytest.mark.parametrize(("text", "literal", "line"), [
    ("# heading\n- item", "\\# heading\n\\- item", "\\# heading \\- item"),
    ("  two   spaces ", "  two   spaces ", "two spaces"),
    ("[a](b)", "\\[a\\]\\(b\\)", "\\[a\\]\\(b\\)"),
    ("กาญจนบุรี", "กาญจนบุรี", "กาญจนบุรี"),
    (42, "42", "42"),
])
def test_markdown_literal_keeps_lines_and_markdown_line_makes_one(text, literal, line):
    assert markdown_literal(text) == literal
    assert markdown_line(text) == line


@pytest.mark.parametrize(("cell", "download", "round_trip"), [
    ("=SUM(A1)", "'=SUM(A1)", "'=SUM(A1)"),
    ("-5", "'-5", "'-5"),
    ("'quoted", "'quoted", "''quoted"),  # the difference: only a file read back marks it
    ("ชื่อ", "ชื่อ", "ชื่อ"),
    ("", "", ""),
])
def test_a_download_and_a_round_trip_file_differ_only_on_a_leading_apostrophe(
        cell, download, round_trip):
    assert neutralise(cell) == download
    assert neutralise_for_round_trip(cell) == round_trip
    assert restore_round_trip(round_trip) == cell
