"""The edge that reads: find audit files under folders, load each with the one loader, score it
with the one assessment. A file that does not load is set aside with its first problem."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from omniready.assess import Policy
from omniready.assess.scoring import score_all, score_overall
from omniready.audit.check import load_checked
from omniready.audit.model import Audit
from omniready.checklist import Checklist
from omniready.errors import InputError, OmnireadyError
from omniready.portfolio.disagreement import disagreements
from omniready.portfolio.errors import PortfolioError
from omniready.portfolio.model import Entry, Skipped
from omniready.portfolio.profile import organization_key, profile_of
from omniready.texts import Message, run_lang, use_lang

PATTERNS = ("*.audit.yaml", "*.audit.yml")


def find_audits(folders: Iterable[Path]) -> list[Path]:
    """Every audit file (*.audit.yaml) under the folders, sorted; a file given is taken as is."""
    found: list[Path] = []
    for folder in folders:
        if folder.is_file():
            found.append(folder)
            continue
        if not folder.is_dir():
            raise PortfolioError(Message("portfolio.errors.no-such-folder", {"path": folder}))
        inside = {p for pattern in PATTERNS for p in folder.rglob(pattern) if p.is_file()}
        # Hidden files are editors' and omniready's own temporaries, never audits.
        found += sorted(p for p in inside if not p.name.startswith("."))
    unique = list(dict.fromkeys(found))
    if not unique:
        names = ", ".join(str(f) for f in folders)
        raise PortfolioError(
            Message("portfolio.errors.no-audits", {"path": names}),
            hint=Message("portfolio.errors.no-audits-hint"),
        )
    return unique


def entry_of(path: Path, audit: Audit, checklist: Checklist, policy: Policy) -> Entry:
    """One audit's scores, levels, profile and respondents' disagreements (pure).

    Scores come from the assessment's own scoring (what `assess` computes first); the finding
    rules and the roadmap, which a portfolio does not show, are not run.
    """
    questions, steps = score_all(audit, checklist, policy)
    score = score_overall(steps)
    level = policy.level_of(score)
    return Entry(
        path=str(path),
        organization=audit.organization.name,
        key=organization_key(audit.organization.name),
        profile=profile_of(audit),
        date=audit.updated.date() if audit.updated else audit.started,
        score=score,
        level=level.number if level else None,
        steps={s.step: s.score for s in steps},
        step_levels={s.step: s.level.number if s.level else None for s in steps},
        questions={q.id: round(100 * q.score, 1) for q in questions if q.score is not None},
        disagreements=disagreements(audit, checklist),
    )


def read_one(path: Path, checklist: Checklist, policy: Policy) -> Entry | Skipped:
    """One file's entry, or why it is left out (its first problem): never a crash."""
    try:
        audit = load_checked(path, checklist)
    except InputError as exc:
        first = str(exc.problems[0]) if exc.problems else f"{path}: {exc.message}"
        return Skipped(str(path), first, max(1, len(exc.problems)))
    except OmnireadyError as exc:  # a limit or a lock of the loader: still this file's problem
        return Skipped(str(path), exc.message.splitlines()[0])
    return entry_of(path, audit, checklist, policy)


# From this many files per worker on, reading them in parallel pays for starting the workers
# (bench/portfolio.py measures both ways); below it, one process reads them all.
FILES_PER_WORKER = 100
CHUNK = 50  # files sent to a worker at once: fewer round trips, still an even spread


def workers_for(files: int, jobs: int | None = None) -> int:
    """How many processes read `files` files: `jobs` when given, else one per usable core, as
    long as each gets FILES_PER_WORKER files."""
    if jobs is not None:
        return max(1, min(jobs, files))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, files // FILES_PER_WORKER))


def collect(
    paths: list[Path], checklist: Checklist, policy: Policy, jobs: int | None = None
) -> tuple[list[Entry], list[Skipped]]:
    """Load and score every file, in parallel when there are many (`jobs` processes, default
    one per core); those that do not validate are set aside, never a crash. The order of the
    results is the order of `paths`."""
    workers = workers_for(len(paths), jobs)
    if workers == 1:
        results = [read_one(path, checklist, policy) for path in paths]
    else:
        results = _in_parallel(paths, checklist, policy, workers)
    entries = [r for r in results if isinstance(r, Entry)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    return entries, skipped


def start_method() -> str:
    """How workers start: fork while this process runs one thread, else forkserver or spawn.

    Forked workers start with omniready imported and its validators built. Forking a process
    that runs other threads can copy a lock another thread holds, and the child waits on it
    forever; the other methods import omniready once per worker and get the checklist and policy
    from the initializer.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and _threads() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _threads() -> int:
    """The threads this process runs, those that C libraries started included (Linux lists them
    all under /proc; elsewhere only Python's own are known)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def _in_parallel(
    paths: list[Path], checklist: Checklist, policy: Policy, workers: int
) -> list[Entry | Skipped]:
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context(start_method())
    with ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(checklist, policy, run_lang()),
    ) as pool:
        return list(pool.map(_read_in_worker, paths, chunksize=CHUNK))


_WORKER: dict[str, Any] = {}  # the checklist and policy of this worker process, read once


def _start_worker(checklist: Checklist, policy: Policy, lang: str) -> None:
    # A worker that was not forked knows neither the run's language nor anything else the
    # command set: a file's problem must read as the parent's own messages do.
    use_lang(lang)
    _WORKER.update(checklist=checklist, policy=policy)


def _read_in_worker(path: Path) -> Entry | Skipped:
    return read_one(path, _WORKER["checklist"], _WORKER["policy"])
