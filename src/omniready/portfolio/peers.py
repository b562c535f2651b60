"""Generated peer audits for the demo portfolio, the tests and the bench: seeded, so the same
seed always gives the same audit; every generated audit is valid against the checklists.

Each peer answers every scored question from a per-organization "maturity" around which its
answers scatter, so scores spread like real ones rather than uniformly.
"""

from __future__ import annotations

import datetime as dt
import random

from omniready.audit.model import Answer, Audit, Organization, Response, Steps
from omniready.checklist import Checklist, Question

INDUSTRIES = ("retail", "banking", "health", "telecom", "education")
COUNTRIES = ("CL", "AR", "MX", "CO", "PE", "ES")
# Head counts that land in each size band of sizes.yaml (micro, small, medium, large).
HEADCOUNTS = (8, 35, 180, 900)
_SYLLABLES = ("al", "ben", "cor", "da", "el", "fa", "gu", "hi", "ja", "ko", "lu", "ma", "no", "pi")


def peer_name(rng: random.Random) -> str:
    """A made-up company name (never a real one, the seed decides it)."""
    word = "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()
    return f"{word} {rng.choice(('S.A.', 'SpA', 'Ltda.', 'Group', 'SL'))}"


def _pick(question: Question, maturity: float, rng: random.Random) -> object:
    options = [o for o in question.options if o.score is not None]
    wanted = min(1.0, max(0.0, rng.gauss(maturity, 0.22)))
    best = min(options, key=lambda o: abs((o.score or 0) - wanted))
    if question.type == "yesno":
        return best.value == "true"
    return best.value


def peer_audit(
    checklist: Checklist,
    seed: int,
    *,
    name: str | None = None,
    industry: str | None = None,
    country: str | None = None,
    headcount: int | None = None,
    year: int = 2026,
    maturity: float | None = None,
) -> Audit:
    """A complete, valid audit of a made-up organization; unspecified traits come from `seed`."""
    rng = random.Random(seed)
    # Who it is comes first from the seed, so a change of the checklists keeps the names.
    level = rng.uniform(0.15, 0.85) if maturity is None else maturity
    employees = headcount if headcount is not None else rng.choice(HEADCOUNTS)
    organization = Organization(
        name=name or peer_name(rng),
        industry=industry or rng.choice(INDUSTRIES),
        country=country or rng.choice(COUNTRIES),
        size=f"{employees} empleados",
    )
    day = dt.date(year, 1 + rng.randrange(12), 1 + rng.randrange(28))
    answers: dict[str, dict[str, Answer]] = {
        s: {} for s in ("tools", "processes", "segments", "metrics", "brand")
    }
    for question in checklist.questions:
        if not question.scored or not question.options:
            continue
        value = _pick(question, level, rng)
        responses: list[Response] = []
        if question.type == "scale" and rng.random() < 0.08:
            # Now and then a second respondent sees it otherwise: the data behind disagreements.
            other = _pick(question, min(1.0, level + rng.choice((-0.5, 0.5))), rng)
            responses = [
                Response(respondent="TI", answer=value),
                Response(respondent="Operaciones", answer=other),
            ]
        answers[question.step][question.id] = Answer(answer=value, responses=responses)
    steps = Steps.model_validate({step: {"answers": given} for step, given in answers.items()})
    return Audit(
        organization=organization,
        lang="es",
        started=day,
        updated=dt.datetime(day.year, day.month, day.day, 12, 0, tzinfo=dt.timezone.utc),
        steps=steps,
    )
