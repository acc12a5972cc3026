"""The full bank's automatic mutation report: per exercise generated / equivalent / killed /
survivors, every survivor with its diff and an input where it differs, and the kill rate.

    .venv/bin/python bench/mutation_report.py [--jobs 2] [--budget S] [--per-exercise S] [ID ...]

The same analysis as ``dlgrade validate --mutate`` (grader.core.mutation), over every exercise by
default, split over ``--jobs`` worker processes (each with one engine). Prints the wall time of
the whole run; exits 1 when the gate fails (an exercise under 95 % or the bank under 99 % with
survivors not listed in exercise.toml).
"""

from __future__ import annotations

import argparse
import sys
import time

from rich.console import Console

from grader.core.bank import load_bank
from grader.core.mutation import analyse_many, failures, print_reports


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", help="exercise ids (default: the whole bank)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--budget", type=float, default=None, help="stop after SECONDS")
    parser.add_argument(
        "--per-exercise", type=float, default=None, help="at most SECONDS per exercise"
    )
    args = parser.parse_args()
    bank = load_bank()
    ids = args.ids or list(bank)
    started = time.perf_counter()
    reports = analyse_many(
        bank, ids, budget_s=args.budget, per_exercise_s=args.per_exercise, jobs=args.jobs
    )
    console = Console(highlight=False, width=160)
    print_reports(console, reports)
    console.print(f"wall time: {time.perf_counter() - started:.0f} s with {args.jobs} job(s)")
    problems = failures(reports)
    for problem in problems:
        console.print(problem, markup=False)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
