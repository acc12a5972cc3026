"""``dlgrade validate --mutate``: the automatic mutants of many exercises, as a table.

Exercises are analysed one after another on one engine, or split over ``jobs`` worker
processes (each with its own engine). The gate: every exercise kills at least
``EXERCISE_MIN_RATE`` % of its non-equivalent mutants and the bank ``BANK_MIN_RATE`` %, unless
each survivor is listed in its exercise's ``exercise.toml`` with a reason.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from grader.core.bank import Bank, load_bank
from grader.core.mutation.runner import MutationReport, RecordingEngine, analyse

EXERCISE_MIN_RATE = 95.0
BANK_MIN_RATE = 99.0

_worker_engine: RecordingEngine | None = None


def daily_sample(ids: Sequence[str], size: int, day: datetime.date | None = None) -> list[str]:
    """``size`` ids drawn with the date as the seed: the same all day, another the next."""
    day = day or datetime.datetime.now(datetime.UTC).date()
    if size >= len(ids):
        return list(ids)
    chosen = set(random.Random(day.isoformat()).sample(list(ids), size))
    return [i for i in ids if i in chosen]


def _analyse_in_worker(
    exercise_id: str, deadline_at: float | None, per_exercise_s: float | None
) -> MutationReport:
    """In a worker process: one engine for every exercise it is given (``deadline_at`` is
    wall-clock time, shared by all workers)."""
    global _worker_engine
    if _worker_engine is None:
        _worker_engine = RecordingEngine()
    exercise = _worker_engine.bank[exercise_id]
    deadline = _deadline(
        time.monotonic() + (deadline_at - time.time()) if deadline_at is not None else None,
        per_exercise_s,
    )
    return analyse(exercise, _worker_engine, deadline=deadline)


def _deadline(run_deadline: float | None, per_exercise_s: float | None) -> float | None:
    own = time.monotonic() + per_exercise_s if per_exercise_s is not None else None
    candidates = [d for d in (run_deadline, own) if d is not None]
    return min(candidates) if candidates else None


def analyse_many(
    bank: Bank,
    ids: Iterable[str],
    *,
    budget_s: float | None = None,
    per_exercise_s: float | None = None,
    jobs: int = 1,
) -> list[MutationReport]:
    """Reports for ``ids`` in order; ``budget_s`` bounds the whole run's wall time and
    ``per_exercise_s`` each exercise's (a report cut short says so in its problems)."""
    ids = list(ids)
    started = time.monotonic()
    if jobs <= 1:
        reports = []
        with RecordingEngine(bank=bank) as engine:
            for exercise_id in ids:
                run_deadline = started + budget_s if budget_s is not None else None
                if run_deadline is not None and time.monotonic() > run_deadline:
                    break
                deadline = _deadline(run_deadline, per_exercise_s)
                reports.append(analyse(bank[exercise_id], engine, deadline=deadline))
        return reports
    deadline_at = time.time() + budget_s if budget_s is not None else None
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(_analyse_in_worker, i, deadline_at, per_exercise_s) for i in ids]
        return [f.result() for f in futures]


def failures(reports: Sequence[MutationReport]) -> list[str]:
    """What breaks the gate (empty when the bank passes)."""
    problems = []
    for report in reports:
        if report.unlisted and report.kill_rate < EXERCISE_MIN_RATE:
            problems.append(
                f"{report.exercise} kills {report.kill_rate:.1f}% of its non-equivalent "
                f"mutants (< {EXERCISE_MIN_RATE:g}%) and {len(report.unlisted)} survivor(s) "
                "are not listed in exercise.toml"
            )
        problems += [f"{report.exercise}: {p}" for p in report.problems if "budget" not in p]
    killed = sum(r.killed for r in reports)
    graded = killed + sum(len(r.survivors) for r in reports)
    rate = 100.0 * killed / graded if graded else 100.0
    if rate < BANK_MIN_RATE and any(r.unlisted for r in reports):
        problems.append(f"the bank kills {rate:.1f}% of its mutants (< {BANK_MIN_RATE:g}%)")
    return problems


def print_reports(console, reports: Sequence[MutationReport]) -> None:
    """The table, each survivor with its diff and an input where it differs, the totals."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(show_header=True, header_style="bold")
    for column in ("exercise", "generated", "equivalent", "killed", "survivors", "kill rate"):
        table.add_column(column, justify="left" if column == "exercise" else "right")
    table.add_column("time", justify="right")
    for r in reports:
        listed = sum(bool(s.listed) for s in r.survivors)
        survivors = f"{len(r.survivors)}" + (f" ({listed} listed)" if listed else "")
        table.add_row(
            r.exercise,
            str(r.generated),
            str(r.equivalent),
            str(r.killed),
            survivors,
            f"{r.kill_rate:.1f}%",
            f"{r.seconds:.0f} s",
        )
    console.print(table)
    for r in reports:
        for s in r.survivors:
            console.print(
                f"[yellow]{r.exercise}[/yellow] survivor ({s.mutation.operator}): "
                f"{escape(s.mutation.diff)}",
                soft_wrap=True,
                markup=True,
                highlight=False,
            )
            console.print(f"    differs: {s.witness}", soft_wrap=True, markup=False)
            if s.listed:
                console.print(f"    listed: {s.listed}", soft_wrap=True, markup=False)
        for problem in r.problems:
            console.print(f"[red]{r.exercise}[/red]: {escape(problem)}", soft_wrap=True)
    generated = sum(r.generated for r in reports)
    equivalent = sum(r.equivalent for r in reports)
    killed = sum(r.killed for r in reports)
    survivors = sum(len(r.survivors) for r in reports)
    rate = 100.0 * killed / (killed + survivors) if killed + survivors else 100.0
    seconds = sum(r.seconds for r in reports)
    console.print(
        f"automatic mutants: {generated} generated, {equivalent} likely equivalent, "
        f"{killed} killed, {survivors} survivors: kill rate {rate:.1f}% "
        f"({len(reports)} exercises, {seconds:.0f} s of analysis)"
    )


def bank_ids(bank: Bank | None = None) -> list[str]:
    """Every exercise id in course order."""
    return list(bank if bank is not None else load_bank())


def run_report(
    console,
    bank: Bank,
    ids: Sequence[str],
    *,
    sample: int | None = None,
    budget_s: float | None = None,
    jobs: int = 1,
) -> list[str]:
    """Analyse ``ids`` (or a daily ``sample`` of their NumPy exercises: a torch training run
    takes minutes), print the table and what breaks the gate; return the latter."""
    if sample is not None:
        light = [i for i in ids if bank[i].profile == "numpy"]
        ids = daily_sample(light, max(sample, 1))
    reports = analyse_many(bank, ids, budget_s=budget_s, jobs=max(jobs, 1))
    print_reports(console, reports)
    from rich.markup import escape

    problems = failures(reports)
    for problem in problems:
        console.print(f"[red]{escape(problem)}[/red]", soft_wrap=True)
    return problems
