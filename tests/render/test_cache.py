"""Compiled templates are cached outside the package, and a bad cache never costs the report."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from omniready.render import Format, Report, render, templates


@pytest.fixture(autouse=True)
def fresh_cache() -> object:
    templates.bytecode_cache.cache_clear()
    yield
    templates.bytecode_cache.cache_clear()


def test_cache_is_written_in_the_cache_folder_not_the_package(
    example: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OMNIREADY_CACHE_DIR", str(tmp_path / "cache"))
    first = render(Format.MD, example)
    entries = list((tmp_path / "cache" / "templates").iterdir())
    assert entries, "compiled templates were not cached"
    assert render(Format.MD, example) == first  # from the cache, the same text
    shipped = Path(templates.shipped_templates())
    assert not list(shipped.glob("__jinja2_*"))


@pytest.mark.parametrize("setting", ["off", "file"])
def test_unusable_cache_is_skipped(
    example: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    if setting == "file":
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("x", encoding="utf-8")
        setting = str(blocker)
    monkeypatch.setenv("OMNIREADY_CACHE_DIR", setting)
    assert templates.bytecode_cache() is None
    assert "Acme Retail SpA" in render(Format.HTML, dataclasses.replace(example, lang="en"))


def test_damaged_cache_entries_are_compiled_again(
    example: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OMNIREADY_CACHE_DIR", str(tmp_path))
    expected = render(Format.MD, example)
    for entry in (tmp_path / "templates").iterdir():
        entry.write_bytes(b"garbage")
    templates.bytecode_cache.cache_clear()
    assert render(Format.MD, example) == expected
