"""English mode says everything in English: no Thai script on a page outside names.

Names from the data may stay Thai where no English one exists (a programme's Thai title
shown under its English one, an organisation or place with no English name, a place as
the source wrote it), and so may the columns that say they hold Thai: the sources' quotes
and the roles as the sources describe them. Anything else in Thai is an untranslated word.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from registry import queries
from registry.db import ensure_ready
from tests.painted import maps_painted
from ui import data as ui_data
from views.text import has_thai, t

PAGES = Path(__file__).resolve().parent.parent / "pages"
SLUGS = ["ayutthaya-moral-province-2564", "four-agency-strong-community-mou",
         "kanchanaburi-community-organisations-mou", "narathiwat-resilient-communities-mou",
         "western-happy-community-mou"]
# Columns whose header says they hold the sources' Thai.
THAI_COLUMNS = {t(key, "en") for key in ("ex_col_name_th", "prog_quote", "prog_role_detail",
                                         "name_as_written")}
WIDGETS = ("selectbox", "multiselect", "radio", "slider", "checkbox", "toggle", "button",
           "download_button", "expander")


@pytest.fixture(scope="module")
def seeded_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('english') / 'registry.sqlite'}"
    ensure_ready(url).dispose()
    return url


@pytest.fixture(scope="module")
def names(seeded_url) -> list[str]:
    """Thai names the data holds with no English one, longest first."""
    engine = ensure_ready(seeded_url)
    programmes = queries.programmes(engine)
    partners = queries.partners(engine)
    coverage = queries.coverage(engine)
    mentions = queries.place_mentions(engine)
    sources = queries.sources(engine)
    engine.dispose()
    found = set(programmes["title_th"])  # the original title, shown under the English one
    found |= set(partners.loc[~_present(partners["organisation_en"]), "organisation_th"])
    found |= set(coverage.loc[~_present(coverage["name_en"]), "name_th"])
    found |= set(mentions["name_as_written"])
    # A document's title and publisher are its names, shown as the document gives them.
    found |= set(sources["title"]) | set(sources["publisher"])
    return sorted((name for name in found if isinstance(name, str) and name), key=len,
                  reverse=True)


def _present(column: pd.Series) -> pd.Series:
    return column.notna() & (column.astype(str) != "")


@pytest.fixture(autouse=True)
def registry(seeded_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", seeded_url)
    ui_data.registry_changed()


def shown_texts(app: AppTest) -> list[tuple[str, str]]:
    """(where, text) of everything the page shows, as plain text."""
    texts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                 "error", "success"):
        texts += [(kind, element.value) for element in app.get(kind)]
    texts += [("metric", f"{m.label} {m.value}") for m in app.metric]
    texts += [("html", html.unescape(re.sub(r"<[^>]*>", " ", element.proto.body)))
              for element in app.get("html")]
    for kind in WIDGETS:
        texts += [(kind, element.label) for element in app.get(kind)
                  if getattr(element, "label", None)]
    for kind in ("selectbox", "multiselect", "radio"):
        for element in app.get(kind):
            texts += [(f"{kind} option", str(option)) for option in element.options]
    for frame in app.dataframe:
        table = frame.value
        texts += [("column", str(column)) for column in table.columns]
        for column in table.columns:
            if column not in THAI_COLUMNS:
                texts += [(f"cell {column}", str(value)) for value in table[column]]
    return [(where, text.replace("\\", "")) for where, text in texts]


def left_in_thai(app: AppTest, names: list[str]) -> list[tuple[str, str]]:
    found = []
    for where, text in shown_texts(app):
        for name in names:
            text = text.replace(name, "")
        if has_thai(text):
            found.append((where, text[:120]))
    return found


@pytest.mark.parametrize(("page", "query"), [
    ("overview", {}), ("explorer", {}), ("explorer", {"area": "71"}),
    ("explorer", {"level": "subdistrict", "province": "96"}),
    *[("programme", {"programme": slug}) for slug in SLUGS],
    ("presenter", {}), *[("presenter", {"programme": slug}) for slug in SLUGS],
    ("partners", {}),
])
def test_no_thai_left_in_english_outside_names(page, query, names):
    app = maps_painted(AppTest.from_file(str(PAGES / f"{page}.py"), default_timeout=120))
    app.query_params["lang"] = "en"
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert left_in_thai(app, names) == []


def test_the_check_finds_an_untranslated_word(names):
    """The test above can fail: a Thai word that is not a name is caught."""
    app = maps_painted(AppTest.from_file(str(PAGES / "overview.py"), default_timeout=120))
    app.query_params["lang"] = "en"
    app.run()
    assert left_in_thai(app, names) == []
    app.session_state["lang_choice"] = "th"
    app.run()
    assert left_in_thai(app, names)
