"""Every shipped template, the report's texts, rule file and policy loads and is complete."""

from __future__ import annotations

import re

import jinja2
import pytest

from omniready.assess.model import CONFIDENCES, HORIZONS, SEVERITIES
from omniready.assess.policy import load_policy
from omniready.assess.rules import shipped_rules
from omniready.checklist import Text
from omniready.render.context import shipped_templates
from omniready.render.view import PHASES
from omniready.texts import group

TEMPLATES = sorted(p.name for p in shipped_templates().iterdir() if p.suffix == ".j2")


@pytest.mark.parametrize("name", TEMPLATES)
def test_template_compiles(name: str) -> None:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(shipped_templates())))
    env.parse(env.loader.get_source(env, name)[0])  # type: ignore[union-attr]


def test_every_label_used_exists_in_both_languages() -> None:
    # The catalogue holds the same keys in both languages (tests/test_texts.py).
    labels = group("report", "es")
    assert labels.keys() == group("report", "en").keys()
    used: set[str] = set()
    for name in TEMPLATES:
        source = (shipped_templates() / name).read_text(encoding="utf-8")
        used |= set(re.findall(r"""L\(["']([a-z_0-9-]+)["']\s*[),]""", source))
        used |= set(re.findall(r"""lbl\[["']([a-z_0-9-]+)["']\]""", source))
    # Keys built in templates from a prefix and a value ("sev_" ~ severity, ...).
    used |= {f"sev_{s}" for s in SEVERITIES} | {f"h_{h}" for h in HORIZONS}
    used |= {f"c_{c}" for c in CONFIDENCES} | {f"p_{p}" for p in PHASES}
    used |= {f"st_{s}" for s in ("unknown", "na", "not-asked", "unanswered", "info")}
    assert used and not used - set(labels)


def test_rules_and_policy_load() -> None:
    assert len(shipped_rules()) >= 12
    for rule in shipped_rules():
        assert isinstance(rule.title, Text) and rule.remediation.es and rule.remediation.en
        assert (rule.check is None) != (rule.when is None), rule.id
    policy = load_policy()
    assert [b.level.number for b in policy.bands] == [1, 2, 3, 4, 5]
    assert abs(sum(policy.step_weights.values()) - 1) < 1e-9


def test_every_rule_is_documented() -> None:
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs" / "report.md"
    if not docs.is_file():
        pytest.skip("docs are not part of this installation")
    text = docs.read_text(encoding="utf-8")
    missing = [r.id for r in shipped_rules() if f"`{r.id}`" not in text]
    assert not missing


def test_phase_names_agree_between_findings_and_reports() -> None:
    """Finding texts (assess) and the report's labels (templates) name phases alike."""
    from omniready.assess import names

    for phase in ("pre-sale", "purchase", "post-sale"):
        shown = names.phase(phase)
        assert (shown.es, shown.en) == (
            group("report", "es")[f"p_{phase}"],
            group("report", "en")[f"p_{phase}"],
        )


def test_spanish_html_shows_channel_names_not_ids() -> None:
    from omniready.assess import assess
    from omniready.audit.store import load_audit
    from omniready.checklist import load_checklist
    from omniready.render import Format, Report, render
    from omniready.resources import example_audit

    audit = load_audit(example_audit())
    page = render(Format.HTML, Report(audit, assess(audit, load_checklist()), lang="es"))
    assert '<th scope="row" class="lane">Tienda física</th>' in page
    assert '<th scope="row" class="lane">store</th>' not in page
    assert "Teléfono: abandono = 27 %" in page and "phone: abandono" not in page
