"""Where the shipped data lives: inside the wheel, or at the repository root when editable."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder of shipped data `name` (checklists, report_templates, examples)."""
    bundled = _PACKAGE / "_data" / name
    if bundled.is_dir():
        return bundled
    source_tree = _PACKAGE.parents[1] / name
    if source_tree.is_dir():
        return source_tree
    from omniready.texts import run_lang, text

    raise FileNotFoundError(text("cli.missing-data", run_lang(), name=repr(name)))


def example_audit() -> Path:
    """The shipped example audit file."""
    return data_dir("examples") / "acme-retail.audit.yaml"
