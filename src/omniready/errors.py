"""One base error for the whole tool; the CLI turns it into one line and exit code 2.

Messages are catalogue keys (`omniready.texts.Message`) rendered in the run's language when they
are shown; a plain string is shown as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from omniready.texts import Message, render


class OmnireadyError(Exception):
    """Bad input or usage: printed as one line, exit code 2."""

    def __init__(self, message: str | Message, *, hint: str | Message | None = None) -> None:
        super().__init__(message)
        self._message = message
        self._hint = hint

    @property
    def message(self) -> str:
        """The message in the run's language."""
        return render(self._message)

    @property
    def hint(self) -> str | None:
        """What to do about it, in the run's language, when there is something to say."""
        return None if self._hint is None else render(self._hint)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, located as precisely as we can."""

    path: str
    line: int | None
    col: int | None
    message: str | Message

    @property
    def text(self) -> str:
        """The message alone, in the run's language."""
        return render(self.message)

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.text}"
        return f"{self.path}:{self.line}:{self.col or 1}: {self.text}"


class InputError(OmnireadyError):
    """One or more problems in an input file."""

    def __init__(self, problems: list[Problem], *, hint: str | Message | None = None) -> None:
        self.problems = problems
        super().__init__("", hint=hint)

    @property
    def message(self) -> str:
        """Every problem, one per line, in the run's language."""
        return "\n".join(str(p) for p in self.problems)

    @classmethod
    def at(
        cls,
        path: str | Path,
        message: str | Message,
        line: int | None = None,
        col: int | None = None,
    ) -> InputError:
        return cls([Problem(str(path), line, col, message)])
