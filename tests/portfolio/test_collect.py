"""Reading many audits: in worker processes or in one, the same entries in the same order, and a
bad file is still set aside with its located first problem."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from omniready.assess import load_policy
from omniready.checklist import Checklist
from omniready.portfolio.collect import FILES_PER_WORKER, collect, start_method, workers_for
from omniready.texts import use_lang

from .conftest import WriteAudit

NOT_VALID = "organization: {name: X}\nlang: fr\n"  # its one problem is at 2:7, the language


def test_workers_only_when_each_has_enough_files() -> None:
    assert workers_for(FILES_PER_WORKER - 1) == 1
    assert workers_for(10, jobs=4) == 4
    assert workers_for(3, jobs=8) == 3  # never more workers than files
    assert workers_for(50, jobs=0) == 1
    assert 1 <= workers_for(100 * FILES_PER_WORKER) <= 100


def test_workers_read_the_same_entries_in_the_same_order(
    write_audit: WriteAudit, checklist: Checklist, tmp_path: Path
) -> None:
    paths = [write_audit(seed) for seed in range(7)]
    bad = tmp_path / "audits" / "bad.audit.yaml"
    bad.write_text(NOT_VALID, encoding="utf-8")
    paths.insert(3, bad)
    policy = load_policy()
    alone = collect(paths, checklist, policy, jobs=1)
    parallel = collect(paths, checklist, policy, jobs=2)
    assert parallel == alone
    entries, skipped = parallel
    assert [e.path for e in entries] == [str(p) for p in paths if p != bad]
    assert len(skipped) == 1 and skipped[0].problem.startswith(f"{bad}:2:7: ")


def test_workers_are_not_forked_from_a_process_running_threads(
    write_audit: WriteAudit, checklist: Checklist
) -> None:
    paths = [write_audit(seed) for seed in range(4)]
    policy = load_policy()
    alone = collect(paths, checklist, policy, jobs=1)
    release = threading.Event()
    other = threading.Thread(target=release.wait, daemon=True)
    other.start()
    try:
        assert start_method() in {"forkserver", "spawn"}
        assert collect(paths, checklist, policy, jobs=2) == alone
        # Workers that were not forked still word a file's problem in the run's language.
        bad = paths[0].with_name("bad.audit.yaml")
        bad.write_text(NOT_VALID, encoding="utf-8")
        for lang, words in (("es", "no es una de las opciones"), ("en", "is not one of")):
            use_lang(lang)
            _, skipped = collect([*paths, bad], checklist, policy, jobs=2)
            assert words in skipped[0].problem, skipped[0].problem
    finally:
        release.set()
        other.join()


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="only Linux lists every thread")
def test_threads_that_a_c_library_started_count_too() -> None:
    import duckdb

    connection = duckdb.connect()  # DuckDB runs a pool of threads Python's threading never sees
    try:
        connection.sql("select 1").fetchall()
        assert start_method() != "fork"
    finally:
        connection.close()
