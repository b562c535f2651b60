"""Every finding rule and every cause has its sentences in the catalogue, in both languages."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from omniready import texts
from omniready.assess import names
from omniready.assess.policy import load_policy
from omniready.assess.rules import CAUSES_FILE, RULES_FILE, load_rules, shipped_causes
from omniready.errors import InputError
from omniready.texts import LANGS, catalogue

RULE_IDS = [entry["id"] for entry in yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))]
CAUSE_IDS = [entry["id"] for entry in yaml.safe_load(CAUSES_FILE.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_every_rule_has_a_title_and_a_remediation(rule_id: str, lang: str) -> None:
    for part in ("title", "remediation"):
        assert catalogue(lang).get(f"findings.{rule_id}.{part}", "").strip(), (rule_id, part)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("cause_id", CAUSE_IDS)
def test_every_cause_has_a_title_and_an_action(cause_id: str, lang: str) -> None:
    for part in ("title", "action"):
        assert catalogue(lang).get(f"assess.causes.{cause_id}.{part}", "").strip()


def test_rules_files_hold_no_sentences() -> None:
    """Conditions in rules.yaml and causes.yaml; their sentences only in the catalogue."""
    for path in (RULES_FILE, CAUSES_FILE):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
            said = {"title", "summary", "evidence", "remediation", "action"} & set(entry)
            assert not said, (path.name, entry["id"], said)


def test_no_finding_text_is_left_without_its_rule() -> None:
    """A text for a rule id that no longer exists would never be read: a renamed rule."""
    ids = {key.split(".")[1] for key in catalogue("en") if key.startswith("findings.")}
    assert ids == set(RULE_IDS)
    causes = {key.split(".")[2] for key in catalogue("en") if key.startswith("assess.causes.")}
    assert causes == set(CAUSE_IDS)


def test_shipped_rules_and_causes_read_their_texts_in_each_language() -> None:
    rules = {r.id: r for r in load_rules()}
    silo = rules["channel-silo"]
    assert silo.title.es == "Canal aislado: {channel}"
    assert silo.title.en == "Siloed channel: {channel}"
    assert set(rules["abandonment-high"].remediation_by_mode) == {
        "voice",
        "written",
        "physical",
        "self-service",
    }
    assert rules["no-show-high"].remediation_done is not None
    cause = shipped_causes()["promotions"]
    assert cause.action.es.startswith("Lance cada promoción")
    assert cause.action.en.startswith("Launch every promotion")


def test_levels_have_names_and_definitions_in_both_languages() -> None:
    policy = load_policy()
    assert policy.level(3).name.es == "Definida"
    assert policy.level(3).name.en == "Defined"
    for scope in ("overall", "tools", "processes", "segments", "metrics", "brand"):
        assert sorted(policy.definitions[scope]) == [1, 2, 3, 4, 5]


def test_a_rules_file_may_carry_its_own_texts(tmp_path: Path) -> None:
    extra = tmp_path / "rules.yaml"
    extra.write_text(
        "- id: my-rule\n  severity: low\n  steps: [tools]\n"
        "  when: {kind: answer, question: tools.api-available, op: lt, value: 1}\n"
        "  title: {es: Mi regla, en: My rule}\n"
        "  remediation: {es: Hágalo, en: Do it}\n",
        encoding="utf-8",
    )
    rule = {r.id: r for r in load_rules(extra)}["my-rule"]
    assert (rule.title.es, rule.title.en) == ("Mi regla", "My rule")


def test_a_rules_file_error_is_shown_in_the_run_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = tmp_path / "rules.yaml"
    extra.write_text(
        "- id: my-rule\n  severity: low\n  steps: [tools]\n"
        "  title: {es: Mi regla, en: My rule}\n  remediation: {es: Hágalo, en: Do it}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_rules(extra)
    monkeypatch.setattr(texts, "_run_lang", "es")
    assert "exactamente uno de `check` (código) o `when` (datos)" in caught.value.message
    assert caught.value.message.startswith(f"{extra}:1:3: regla 0")
    monkeypatch.setattr(texts, "_run_lang", "en")
    assert "exactly one of `check` (code) or `when` (data)" in caught.value.message


def test_a_name_unknown_to_the_catalogue_reads_as_its_id() -> None:
    assert names.phase("pre-sale").es == "Preventa"
    assert names.phase("pre-sale").en == "Pre-sale"
    assert names.aspect("made-up").en == "made-up"


# -- no sentence left in code ------------------------------------------------------------------

SOURCE = Path(__file__).resolve().parents[2] / "src" / "omniready"
MODULES = sorted(
    [
        *(SOURCE / "assess").glob("*.py"),
        *(SOURCE / "brand").rglob("*.py"),
        SOURCE / "portfolio" / "texts.py",
        SOURCE / "channels.py",
    ]
)


def _words(node: ast.AST) -> str:
    """The literal words of a string or f-string node (placeholders left out)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(_words(v) for v in node.values)
    return ""


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_no_module_holds_a_sentence_in_both_languages(path: Path) -> None:
    """`Text(es="…", en="…")` with words in it is a text that belongs in the catalogue."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Text":
            for keyword in node.keywords:
                said = _words(keyword.value)
                if keyword.arg in LANGS and len(re.findall(r"[^\W\d_]{2,}", said)) >= 2:
                    found.append((node.lineno, said))
    assert found == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SOURCE)))
def test_a_language_branch_is_logic_and_says_so(path: Path) -> None:
    """`lang == "en"` picking a text is what the catalogue replaces; one that picks a formula or
    a syllabifier says so in the comment above it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    tree = ast.parse("\n".join(lines))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Compare)
            and isinstance(node.left, ast.Name)
            and node.left.id == "lang"
            and any(isinstance(c, ast.Constant) and c.value in LANGS for c in node.comparators)
        ):
            assert "Logic, not a text" in lines[node.lineno - 2], (path.name, node.lineno)
