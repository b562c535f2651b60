"""The portfolio's one base error: bad input to `portfolio` or `report --benchmark` (exit 2)."""

from __future__ import annotations

from omniready.errors import OmnireadyError


class PortfolioError(OmnireadyError):
    """A folder without audits, a filter that matches nothing, an unreadable benchmark file."""
