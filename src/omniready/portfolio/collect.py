"""The edge that reads: find audit files under folders, load each with the one loader, score it
with the one assessment. A file that does not load is set aside with its first problem."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

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
from omniready.texts import Message

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


def collect(
    paths: list[Path], checklist: Checklist, policy: Policy
) -> tuple[list[Entry], list[Skipped]]:
    """Load and score every file; those that do not validate are set aside, never a crash."""
    entries: list[Entry] = []
    skipped: list[Skipped] = []
    for path in paths:
        try:
            audit = load_checked(path, checklist)
        except InputError as exc:
            first = str(exc.problems[0]) if exc.problems else f"{path}: {exc.message}"
            skipped.append(Skipped(str(path), first, max(1, len(exc.problems))))
            continue
        except OmnireadyError as exc:  # a limit or a lock of the loader: still this file's problem
            skipped.append(Skipped(str(path), exc.message.splitlines()[0]))
            continue
        entries.append(entry_of(path, audit, checklist, policy))
    return entries, skipped
