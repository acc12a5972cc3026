"""The exercise bank: ``exercises/<module>/<exercise-id>/`` folders, shipped as package data.

Nothing here is imported by learners; ``grader.core.bank`` reads these folders as files.
"""

from pathlib import Path

BANK_DIR = Path(__file__).resolve().parent

__all__ = ["BANK_DIR"]
