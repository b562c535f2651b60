"""Registers every command module on the app, in the order `omniready --help` lists them."""

from __future__ import annotations

# The order of these imports is the order of the commands in --help.
# isort: off
from omniready.cli import audit  # noqa: F401
from omniready.cli import validate  # noqa: F401
from omniready.cli import report  # noqa: F401
from omniready.cli import probe  # noqa: F401
from omniready.cli import diff  # noqa: F401
from omniready.cli import metrics  # noqa: F401
from omniready.cli import portfolio  # noqa: F401
from omniready.cli import brand  # noqa: F401

# isort: on
