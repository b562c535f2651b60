"""The brand subsystem's one base error (bad input: one line, exit 2)."""

from __future__ import annotations

from omniready.errors import OmnireadyError
from omniready.texts import Message


class BrandError(OmnireadyError):
    """Bad input to `omniready brand`: a folder, a mapping file or declared brand facts."""


class Unreadable(Exception):
    """One material file cannot be read; the scan sets it aside with this reason and goes on."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message.render()
