"""One base error for the whole tool; the CLI turns it into one line and exit code 2."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class OmnireadyError(Exception):
    """Bad input or usage: printed as one line, exit code 2."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, located as precisely as we can."""

    path: str
    line: int | None
    col: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.col or 1}: {self.message}"


class InputError(OmnireadyError):
    """One or more problems in an input file."""

    def __init__(self, problems: list[Problem], *, hint: str | None = None) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems), hint=hint)

    @classmethod
    def at(
        cls, path: str | Path, message: str, line: int | None = None, col: int | None = None
    ) -> InputError:
        return cls([Problem(str(path), line, col, message)])
