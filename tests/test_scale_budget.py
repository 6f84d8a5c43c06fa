"""Bytes per visit at size L (505 programmes, 75,000 village rows, 2,016 organisations):
every page a viewer opens stays within 1 MB before deflate.

Sizes are deterministic (bench.generate always makes the same rows), so this is a test;
times are not (`python -m bench scale` prints them). The L registry is built once for the
module, in a SQLite file, and the pages are run by AppTest exactly as the bench runs them.
"""

from __future__ import annotations

import pytest

from bench.generate import SIZES, build
from bench.scale import BYTES_BUDGET, PAGES, visit_bytes

MEASURED = ("overview", "explorer, national tambons", "partners")


@pytest.fixture(scope="module", autouse=True)
def size_l_registry(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        url = f"sqlite:///{tmp_path_factory.mktemp('scale') / 'registry.sqlite'}"
        counts = build(url, SIZES["L"])
        patch.setenv("DATABASE_URL", url)
        yield counts
        from ui.data import _engine, forget_registry

        forget_registry()
        _engine.clear()


def test_the_registry_is_of_size_l(size_l_registry):
    counts = size_l_registry
    assert (counts.programmes, counts.village_rows, counts.organisations) == (505, 75_000, 2016)
    assert counts.provinces == 77 and counts.partner_roles > 3_300


@pytest.mark.parametrize("page", [page for page in PAGES if page.key in MEASURED],
                         ids=lambda page: page.key.split(",")[0])
def test_a_visit_at_size_l_sends_at_most_1_mb(page):
    sent = visit_bytes(page)
    assert sent <= BYTES_BUDGET, (
        f"{page.key}: a visit sends {sent:,} bytes at size L, over the budget of "
        f"{BYTES_BUDGET:,} by {sent - BYTES_BUDGET:,}")
    assert sent > 50_000  # the page drew its content, not an error or an empty registry
