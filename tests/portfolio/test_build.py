"""A portfolio from generated entries: filters, the latest audit per organization, trends."""

from __future__ import annotations

from pathlib import Path

from omniready.assess import load_policy
from omniready.checklist import Checklist
from omniready.portfolio.build import build_portfolio
from omniready.portfolio.collect import collect
from omniready.portfolio.model import Filters

from .conftest import WriteAudit


def _portfolio(paths: list[Path], checklist: Checklist, filters: Filters | None = None):
    entries, skipped = collect(paths, checklist, load_policy())
    return build_portfolio(entries, skipped, checklist, filters or Filters())


def test_distributions_need_five_organizations(
    write_audit: WriteAudit, checklist: Checklist
) -> None:
    paths = [write_audit(seed) for seed in range(4)]
    four = _portfolio(paths, checklist)
    assert four.organizations == 4
    assert all(d.summary is None for d in four.steps + four.questions)
    five = _portfolio([*paths, write_audit(4)], checklist)
    overall = five.steps[0]
    assert overall.id == "overall" and overall.summary is not None
    assert overall.summary.n == 5
    assert overall.values == tuple(sorted(e.score for e in five.entries if e.score is not None))


def test_an_organization_audited_twice_counts_once_and_has_a_trend(
    write_audit: WriteAudit, checklist: Checklist
) -> None:
    old = write_audit(1, file="uno-2025.audit.yaml", name="Uno SA", year=2025, maturity=0.2)
    new = write_audit(2, file="uno-2026.audit.yaml", name="uno  sa", year=2026, maturity=0.8)
    other = write_audit(3, name="Otra SA")
    portfolio = _portfolio([new, other, old], checklist)
    assert len(portfolio.entries) == 3
    assert portfolio.organizations == 2
    assert len(portfolio.steps[0].values) == 2  # the latest of Uno and Otra
    (trend,) = portfolio.trends
    assert [p.year for p in trend.points] == [2025, 2026]
    first, last = trend.points[0].score, trend.points[-1].score
    assert first is not None and last is not None and last > first
    assert trend.change == round(last - first, 1)


def test_filters_keep_matching_audits(write_audit: WriteAudit, checklist: Checklist) -> None:
    paths = [
        write_audit(1, industry="retail", country="CL", headcount=900, year=2026),
        write_audit(2, industry="retail", country="MX", headcount=30, year=2026),
        write_audit(3, industry="banking", country="CL", headcount=900, year=2025),
    ]

    def orgs(filters: Filters) -> list[str]:
        return sorted(e.path for e in _portfolio(paths, checklist, filters).entries)

    assert orgs(Filters(industries=("retail",))) == sorted(map(str, paths[:2]))
    assert orgs(Filters(countries=("CL",))) == sorted(map(str, [paths[0], paths[2]]))
    assert orgs(Filters(sizes=("small",))) == [str(paths[1])]
    assert orgs(Filters(years=(2025,))) == [str(paths[2])]
    assert orgs(Filters(industries=("retail",), sizes=("large",))) == [str(paths[0])]
    assert orgs(Filters(industries=("health",))) == []


def test_a_file_that_does_not_validate_is_set_aside_with_its_first_problem(
    write_audit: WriteAudit, checklist: Checklist, tmp_path: Path
) -> None:
    good = write_audit(1)
    bad = tmp_path / "audits" / "bad.audit.yaml"
    bad.write_text("organization: {name: Mala}\nlang: fr\nschema: 2\nfoo: 1\n", "utf-8")
    portfolio = _portfolio([good, bad], checklist)
    assert [e.path for e in portfolio.entries] == [str(good)]
    (skipped,) = portfolio.skipped
    assert skipped.path == str(bad)
    assert skipped.problem.startswith(f"{bad}:2:7: lang:")
    assert skipped.problems == 2
    assert portfolio.read == 2
