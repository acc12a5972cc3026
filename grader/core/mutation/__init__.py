"""Automatic mutation testing of the bank: mutants of the reference solution, the likely
equivalent ones dropped, the rest graded by the hidden cases (``dlgrade validate --mutate``)."""

from grader.core.mutation.operators import OPERATORS, Mutation, mutate
from grader.core.mutation.report import analyse_many, daily_sample, failures, print_reports
from grader.core.mutation.runner import (
    MutantResult,
    MutationReport,
    RecordingEngine,
    agree,
    analyse,
)

__all__ = [
    "OPERATORS",
    "MutantResult",
    "Mutation",
    "MutationReport",
    "RecordingEngine",
    "agree",
    "analyse",
    "analyse_many",
    "daily_sample",
    "failures",
    "mutate",
    "print_reports",
]
