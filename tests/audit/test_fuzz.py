"""bench/fuzz.py, small: hostile files never reach an internal error, a timeout, a memory kill or
an unlocated rejection in validate, show, report and diff (issue 13, point 5)."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "fuzz.py"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and resource limits")


@pytest.fixture(scope="module")
def fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("omniready_bench_fuzz", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_the_corpus_is_the_same_for_the_same_seed_and_uses_every_mutation(
    fuzz: ModuleType, tmp_path: Path
) -> None:
    def digest(folder: Path, seed: int) -> list[tuple[str, str]]:
        folder.mkdir()
        files = fuzz.corpus(fuzz.shipped_examples(), 26, seed, folder)
        return [(p.name, hashlib.sha256(p.read_bytes()).hexdigest()) for p, _ in files]

    first, again, other = (
        digest(tmp_path / "a", 13),
        digest(tmp_path / "b", 13),
        digest(tmp_path / "c", 14),
    )
    assert first == again
    assert first != other
    kinds = {part for name, _ in first for part in name[6:].split(".")[0].split("+")}
    assert kinds == set(fuzz.MUTATIONS)
    originals = {hashlib.sha256(p.read_bytes()).hexdigest() for p in fuzz.shipped_examples()}
    assert not originals & {h for _, h in first}  # every file was changed


@pytest.mark.timeout(600)  # about 25 s on 2 idle cores; shared machines are slower
def test_a_small_fuzz_run_has_no_exit_3_timeout_memory_kill_or_unlocated_rejection(
    fuzz: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    tally = fuzz.main(["--files", "200", "--jobs", "2"])
    printed = capsys.readouterr().out
    assert tally.runs == 800
    off = {outcome: tally.counts[outcome] for outcome in fuzz.TARGET_ZERO}
    assert off == dict.fromkeys(fuzz.TARGET_ZERO, 0), printed
    # the corpus reaches both ends: files that still load, and files refused with a location
    assert tally.counts["exit 0"] > 0 and tally.counts["exit 2"] > 400, printed
    assert "target: 0 for exit 3, timeout, memory, unlocated, other: ok" in printed


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
def test_the_bench_sees_a_timeout_and_a_memory_kill_when_there_is_one(
    fuzz: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a file the loader would refuse, let through by raised limits: 300,000 distinct values to
    # build, so that every Python version needs far more than the 60 MB allowed below
    big = tmp_path / "big.audit.yaml"
    items = "".join(f"- item {i} of a long list\n" for i in range(300_000))
    big.write_text("organization: {name: X}\nx:\n" + items, encoding="utf-8")
    monkeypatch.setenv("OMNIREADY_MAX_NODES", "10000000")
    files = [(big, big)]
    slow = fuzz.run_all(files, tmp_path, 1, 0.5, 4096, ("validate",))
    assert slow.counts["timeout"] == 1, slow
    status = Path("/proc/self/status").read_text()
    in_use = int(next(x for x in status.splitlines() if x.startswith("VmSize:")).split()[1])
    tight = fuzz.run_all(files, tmp_path, 1, 60, in_use // 1024 + 60, ("validate",))
    assert tight.counts["memory"] == 1, tight
