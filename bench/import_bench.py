"""Reading + matching 10,000 rows: the importer's speed target (≤ 1 s warm).

The rows are generated from the gazetteer: a realistic mix of levels (mostly
subdistricts, some villages, districts and provinces), of spellings (bare
names, จ./อ./ต. short forms, full level words, English names, codes, Thai
digits, stray spaces) and a few percent of typos and ambiguous names, so the
unknown/ambiguous paths (fuzzy suggestions) are paid for too.

    .venv/bin/python -m bench.import_bench [ROWS]

`run()` returns bench.common.Figure rows (median of 3 fresh files, budget 1 s for CSV)
for `python -m bench`; run alone, this module prints the same table.
"""

from __future__ import annotations

import io
import os
import random
import statistics
import sys
import time

import pandas as pd

from bench.common import Figure, Stats, table, timed
from geo.gazetteer import areas
from loaders.importer import check_table
from loaders.matching import Gazetteer
from loaders.reading import read_file

ROWS = 10_000
TARGET_SECONDS = 1.0
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def _row(rng: random.Random, table: pd.DataFrame, by_code: dict[str, tuple]) -> dict:
    """One sheet row for a random area, spelled the way offices spell it."""
    sub = table.iloc[rng.randrange(len(table))]
    district = by_code[sub.parent_code]
    province = by_code[sub.province_code]
    style = rng.random()
    row = {"programme": "bench", "province": "", "district": "", "subdistrict": "",
           "village": "", "code": "",
           "year": str(rng.choice([*range(2557, 2568), *range(2015, 2025)])),
           "status": rng.choice(["ดำเนินการ", "เสร็จสิ้น", "วางแผน", "active", ""])}
    if style < 0.35:      # Thai, bare names
        row |= {"province": province[0], "district": district[0], "subdistrict": sub.name_th}
    elif style < 0.55:    # Thai with short forms and spaces
        row |= {"province": f"จ.{province[0]}", "district": f"อ. {district[0]}",
                "subdistrict": f"ต.{sub.name_th} "}
    elif style < 0.65:    # full level words
        row |= {"province": f"จังหวัด{province[0]}", "district": f"อำเภอ{district[0]}",
                "subdistrict": f"ตำบล{sub.name_th}"}
    elif style < 0.75:    # English
        row |= {"province": province[1], "district": district[1], "subdistrict": sub.name_en}
    elif style < 0.82:    # codes, some in Thai digits
        code = sub.code
        row["code"] = code.translate(THAI_DIGITS) if rng.random() < 0.3 else code
    elif style < 0.88:    # villages
        row |= {"province": province[0], "subdistrict": sub.name_th,
                "village": f"หมู่ที่ {rng.randint(1, 15)}"}
    elif style < 0.93:    # district or province level
        row |= {"province": province[0]} | ({"district": district[0]} if rng.random() < 0.6
                                             else {})
    elif style < 0.97:    # subdistrict name alone (often ambiguous)
        row["subdistrict"] = sub.name_th
    else:                 # a typo
        name = sub.name_th
        cut = rng.randrange(1, len(name))
        row |= {"province": province[0], "subdistrict": name[:cut] + "ๆ" + name[cut:]}
    return row


def make_csv(rows: int = ROWS, seed: int = 2562) -> bytes:
    table = areas()
    by_code = {r.code: (r.name_th, r.name_en) for r in table.itertuples()}
    subdistricts = table[table["level"] == "subdistrict"].reset_index(drop=True)
    rng = random.Random(seed)
    frame = pd.DataFrame([_row(rng, subdistricts, by_code) for _ in range(rows)])
    frame.columns = ["โครงการ", "จังหวัด", "อำเภอ", "ตำบล", "หมู่ที่", "รหัส", "ปี", "สถานะ"]
    return frame.to_csv(index=False).encode("utf-8-sig")


def make_xlsx(csv_bytes: bytes) -> bytes:
    frame = pd.read_csv(io.BytesIO(csv_bytes), dtype=str, keep_default_na=False,
                        encoding="utf-8-sig")
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    return buffer.getvalue()


def run(rows: int = ROWS, repeats: int = 3) -> list[Figure]:
    """The figures: gazetteer build, then warm read+match of `rows` rows (CSV and XLSX).

    "Warm" = the process has built its indexes and read one other file; every
    measured file is freshly generated (its own seed), so no row was seen before.
    """
    holder = {}
    build = timed(lambda: holder.setdefault("gazetteer", Gazetteer(areas())))
    gazetteer = holder["gazetteer"]
    check_table(read_file(make_csv(rows, seed=1), filename="warm.csv"), gazetteer)
    figures = [Figure("import: gazetteer indexes built (once per process)", "s",
                      Stats.of([build]))]
    for fmt, budget in (("csv", TARGET_SECONDS), ("xlsx", None)):
        seconds, cpu, mix = [], [], {}
        for repeat in range(repeats):
            data = make_csv(rows, seed=100 + repeat)
            data = make_xlsx(data) if fmt == "xlsx" else data
            started, cpu_started = time.perf_counter(), time.process_time()
            report = check_table(read_file(data, filename=f"bench.{fmt}"), gazetteer)
            seconds.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
            mix = report["status"].value_counts().to_dict()
        figures.append(Figure(
            f"import: read+match {rows:,} new rows, {fmt.upper()}, warm", "s",
            Stats.of(seconds), budget=budget,
            note=f"{rows / statistics.median(seconds):,.0f} rows/s, CPU "
                 f"{statistics.median(cpu):.2f} s, load {os.getloadavg()[0]:.1f}",
            extra={"status_mix": mix}))
    return figures


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    figures = run(int(argv[0]) if argv else ROWS)
    print(table(figures))
    print(f"status mix of the generated rows: {figures[-1].extra['status_mix']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
