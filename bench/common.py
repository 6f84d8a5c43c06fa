"""What every benchmark shares: figures with budgets and baselines, and the table they print."""

from __future__ import annotations

import logging
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import streamlit.logger


@dataclass(frozen=True)
class Stats:
    """Median of repeated runs, with the extremes, so one lucky run cannot pass a budget."""

    median: float
    low: float
    high: float
    runs: int

    @classmethod
    def of(cls, samples: Sequence[float]) -> Stats:
        if not samples:
            raise ValueError("no samples to summarise")
        return cls(statistics.median(samples), min(samples), max(samples), len(samples))


@dataclass
class Figure:
    """One row of the table: the product's value, its budget and the naive baseline's value."""

    name: str
    unit: str  # "B", "s", "MB", "rows/s", …
    product: Stats | None
    budget: float | None = None
    baseline: Stats | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def within_budget(self) -> bool | None:
        if self.budget is None or self.product is None:
            return None
        return self.product.median <= self.budget

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.product is None or self.product.median <= 0:
            return None
        return self.baseline.median / self.product.median


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def cpu_times() -> list[int]:
    """The machine's CPU time counters (user, nice, system, idle, iowait, irq, softirq,
    steal), from /proc/stat."""
    first_line = Path("/proc/stat").read_text().split("\n", 1)[0]
    return [int(value) for value in first_line.split()[1:9]]


def busy_share(before: list[int], after: list[int]) -> float:
    spent = [b - a for a, b in zip(before, after, strict=True)]
    return 1 - (spent[3] + spent[4]) / (sum(spent) or 1)


QUIET_BUSY_SHARE = 0.15


def wait_until_quiet(window: float = 0.2, timeout: float = 15) -> None:
    """Waits until the cores are nearly idle, so that a timed visit does not share them
    with what the previous one left running (a page's second run, a closing browser)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        before = cpu_times()
        time.sleep(window)
        if busy_share(before, cpu_times()) < QUIET_BUSY_SHARE:
            return


def quiet_streamlit() -> None:
    """Calling Streamlit helpers outside `streamlit run` warns on every call; hush it."""
    streamlit.logger.set_log_level(logging.ERROR)


def _amount(value: float, unit: str) -> str:
    if unit == "B":
        if value >= 1e6:
            return f"{value / 1e6:.2f} MB"
        return f"{value / 1e3:.1f} KB"
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:,.0f} {unit}"


def _stats_text(stats: Stats | None, unit: str) -> str:
    if stats is None:
        return "—"
    text = _amount(stats.median, unit)
    if stats.runs > 1:
        text += f" ({_amount(stats.low, unit)}–{_amount(stats.high, unit)}, n={stats.runs})"
    return text


def table(figures: Sequence[Figure]) -> str:
    """The one table `python -m bench` prints (Markdown, so it pastes into the README)."""
    header = ["figure", "product: median (min–max, runs)", "budget", "ok",
              "naive baseline: median (min–max, runs)", "baseline / product"]
    rows = []
    for figure in figures:
        ok = {True: "yes", False: "**NO**", None: ""}[figure.within_budget]
        ratio = f"{figure.ratio:.1f}×" if figure.ratio is not None else ""
        name = figure.name + (f" — {figure.note}" if figure.note else "")
        budget = "" if figure.budget is None else "≤ " + _amount(figure.budget, figure.unit)
        rows.append([name, _stats_text(figure.product, figure.unit), budget, ok,
                     _stats_text(figure.baseline, figure.unit), ratio])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)
