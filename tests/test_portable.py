"""A user's clone has none of the build machines' folders: nothing in the project may need them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".git", ".venv", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
TEXT_SUFFIXES = {".py", ".md", ".toml", ".yaml", ".yml", ".j2", ".css", ".txt", ".json", ""}

# Absolute paths of a machine (home folders, the build machines' work folder, installed tools).
MACHINE_PATH = re.compile(r"(?<![\w.~-])/(?:work|root|home|Users|opt)/[\w.-]")
# The shared folder beside the checkout on the build machines: .ci/run and bench/ may use it when
# present; the product and its tests never.
SHARED = re.compile(r"\.\./shared\b|\bshared/(?:vendor-specs|contact-data)\b")


def project_files(*roots: str) -> list[Path]:
    found = []
    for root in roots:
        base = REPO / root
        paths = [base] if base.is_file() else base.rglob("*")
        for path in paths:
            if SKIP_DIRS.intersection(path.relative_to(REPO).parts) or not path.is_file():
                continue
            if path.suffix in TEXT_SUFFIXES and path != Path(__file__).resolve():
                found.append(path)
    return found


@pytest.mark.parametrize(
    "root", ["src", "tests", "bench", "docs", ".ci", "README.md", "pyproject.toml", "examples"]
)
def test_no_absolute_path_of_a_build_machine(root: str) -> None:
    offenders = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in project_files(root)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if MACHINE_PATH.search(line)
    ]
    assert offenders == []


@pytest.mark.parametrize("root", ["src", "tests"])
def test_the_product_and_its_tests_never_read_the_shared_folder(root: str) -> None:
    offenders = [
        f"{path.relative_to(REPO)}:{number}"
        for path in project_files(root)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SHARED.search(line)
    ]
    assert offenders == []


def test_the_checks_catch_what_they_look_for() -> None:
    # Built from parts, so that a grep of the tests for the shared folder does not find them here.
    shared = "shared/"
    assert MACHINE_PATH.search(f'VENDOR_SPECS = Path("/work/{shared}vendor-specs")')
    assert MACHINE_PATH.search("see /root/.cache/x")
    assert not MACHINE_PATH.search("https://example.com/work/items and ~/work/x")
    assert SHARED.search(f"open('../{shared}contact-data/x.csv')")
    assert not SHARED.search("a shared customer record")
