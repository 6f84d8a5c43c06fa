"""`python -m bench.organisations`: the organisation resolver at 2,000 organisations.

Prints, for a SQLite registry holding the seeds plus generated organisations
(each with a Thai and English name, an abbreviation and an alias): loading the
index, an exact lookup, an unknown name with its close suggestions (one fuzzy pass
over the aliases) and a search as the form runs it. Medians of repeated runs.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from registry.db import ensure_ready, session_scope
from registry.organisations import OrganisationIndex, create_organisation

ORGANISATIONS = 2000
RUNS = 200


def _median_ms(action, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(count: int = ORGANISATIONS) -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = ensure_ready(f"sqlite:///{Path(folder) / 'registry.sqlite'}")
        with session_scope(engine) as session:
            for n in range(count):
                create_organisation(session, name_th=f"องค์กรชุมชนตำบลทดสอบที่ {n}",
                                    name_en=f"Test community organisation {n}",
                                    abbreviation=f"อชท.{n}", aliases=[f"TCO-{n}"])

        def load() -> OrganisationIndex:
            with session_scope(engine) as session:
                return OrganisationIndex.load(session)

        index = load()
        rows = [
            ("load the index", _median_ms(load, 10)),
            ("exact: an abbreviation", _median_ms(lambda: index.resolve("อชท.1999"))),
            ("unknown: suggestions", _median_ms(lambda: index.resolve("องค์กรชุมชนตำบลทดลอง"))),
            ("search: part of a name", _median_ms(lambda: index.search("ทดสอบที่ 19"))),
        ]
        engine.dispose()
    print(f"{len(index.organisations)} organisations, {len(index.aliases)} aliases")
    for name, ms in rows:
        print(f"{name:<28} {ms:8.2f} ms (median)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else ORGANISATIONS)
