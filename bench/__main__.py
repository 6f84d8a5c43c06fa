"""`python -m bench` runs every benchmark and prints one table; `python -m bench load`
runs only the 30-session load test; `python -m bench scale` every page at registries of
size S, M and L (bench.scale). `--quick` takes fewer runs (for a first look).

Figures are medians with min and max; each row has the product's value, its
budget and the naive baseline's value measured in the same run. The
registry is a fresh SQLite file holding the seed programmes; browser figures
come from Debian's Chromium against the dashboard served on localhost (ui.serve).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from bench import aggregate, browser, densify, import_bench, load, payload, scale, server_time
from bench.common import Figure, Stats, busy_share, cpu_times, table


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text()
                         .splitlines() if line.startswith("MemTotal")))
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True,
                              text=True).stdout.strip()
    load_avg = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (f"{os.cpu_count()} cores ({cpu}), {memory_kb / 1e6:.0f} GB RAM, "
            f"Python {platform.python_version()}, {chromium}; load average {load_avg}")


def _busy_and_stolen(before: list[int], after: list[int]) -> str:
    """How busy the cores were over a section, and how much of their time the host took.

    Times move with both: a section that ran while a virtual machine's host took its CPUs
    shows it here, beside its figures.
    """
    stolen = (after[7] - before[7]) / (sum(after) - sum(before) or 1)
    return (f"CPU busy {100 * busy_share(before, after):.0f}%, "
            f"stolen by the host {100 * stolen:.0f}%")


SECTIONS: list[str] = []  # one line per section, printed under the table


def _section(title: str, work) -> list[Figure]:
    """Runs one benchmark; a failure becomes a row of the table, not a lost run."""
    started, cpu_before = time.perf_counter(), cpu_times()
    print(f"… {title}", file=sys.stderr, flush=True)
    try:
        figures = work()
    except Exception as error:
        traceback.print_exc()
        figures = [Figure(f"{title}: FAILED", "", None, note=f"{type(error).__name__}: {error}")]
    SECTIONS.append(f"{title}: {time.perf_counter() - started:.0f} s, "
                    f"{_busy_and_stolen(cpu_before, cpu_times())}")
    print(f"  {SECTIONS[-1]}", file=sys.stderr, flush=True)
    return figures if isinstance(figures, list) else [figures]


def _dense_figures(runs: int, factor: float, scratch: Path) -> list[Figure]:
    """The same rows with a boundary source `factor`× denser (bench.densify)."""
    source, cache = scratch / "dense-source", scratch / "dense-cache"
    counts = densify.write_dense_source(source, factor)
    env = {"BOUNDARY_SOURCE": str(source), "DASHBOARD_CACHE_DIR": str(cache)}
    label = f" (dense ×{factor:.0f})"
    os.environ.update(env)
    try:
        from geo import load_boundaries
        from ui.data import _source_key

        _source_key.clear()
        build = time.perf_counter()
        load_boundaries()
        build = time.perf_counter() - build
        coordinates = sum(after for _, after in counts.values())
        figures = [Figure(f"boundary build from the dense source{label}", "s",
                          Stats.of([build]), note=f"{coordinates:,} coordinates, once per "
                          "deployment (GeoParquet cache)")]
        figures += payload.run(label=label)
        # The naive app on a dense source takes minutes per rerun: its bytes are shown
        # (in-process), its times are not measured again.
        figures += server_time.run(runs, label=label, baseline=False)
    finally:
        for name in env:
            os.environ.pop(name)
        _source_key.clear()
    figures += browser.bytes_and_paint(runs, env=env, label=label, baseline=False)
    figures += browser.wire_bytes(1, env=env, label=label, baseline=False)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("only", nargs="?", choices=["load", "scale"],
                        help="run only the load test, or only the scale benchmark")
    parser.add_argument("--quick", action="store_true", help="fewer runs, a shorter load")
    parser.add_argument("--dense-factor", type=float, default=densify.FACTOR,
                        help="how many times denser the dense source is (default 100)")
    parser.add_argument("--no-dense", action="store_true", help="skip the dense-source rows")
    parser.add_argument("--sizes", default="S,M,L", help="scale: registry sizes (S,M,L)")
    parser.add_argument("--backends", default="sqlite,postgresql",
                        help="scale: back ends (sqlite,postgresql)")
    parser.add_argument("--no-browser", action="store_true",
                        help="scale: skip the 10-viewer RSS (no Chromium)")
    args = parser.parse_args(argv)
    if args.only == "scale":
        print(f"machine: {machine()}")
        return scale.run(args.sizes.split(","), args.backends.split(","),
                         runs=2 if args.quick else 3, browsers=not args.no_browser)
    runs = 2 if args.quick else 5
    started = time.perf_counter()
    header = f"machine: {machine()}"
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(scratch) / 'registry.sqlite'}"
        load_seconds = 20 if args.quick else load.SECONDS
        figures = _section("load", lambda: load.run(seconds=load_seconds))
        if args.only != "load":
            figures = (
                _section("payload (in-process)", payload.run)
                + _section("server time", lambda: server_time.run(runs))
                + _section("aggregate", lambda: aggregate.run(runs))
                + _section("browser bytes and paint", lambda: browser.bytes_and_paint(runs))
                + _section("bytes on the wire", lambda: browser.wire_bytes(min(runs, 3)))
                + _section("cold start", lambda: browser.cold_start(runs))
                + _section("memory", lambda: browser.memory(3 if args.quick else 6))
                + figures
                + _section("import", lambda: list(import_bench.run()))
            )
            if not args.no_dense:
                figures += _section("dense source", lambda: _dense_figures(
                    runs, args.dense_factor, Path(scratch)))
    print(header)
    print(f"command: python -m bench {' '.join(argv if argv is not None else sys.argv[1:])}"
          f" ({time.perf_counter() - started:.0f} s)")
    print(table(figures))
    print("\nsections: " + "; ".join(SECTIONS))
    return 0 if all(figure.within_budget is not False for figure in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
