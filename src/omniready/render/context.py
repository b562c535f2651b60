"""What a renderer gets: the audit, its assessment, the language, the policy and the labels."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from omniready.assess.model import Assessment
from omniready.assess.policy import Policy, load_policy
from omniready.audit.model import Audit
from omniready.checklist import Text


def shipped_templates() -> Path:
    """The folder of the shipped report templates."""
    from omniready.resources import data_dir

    return data_dir("report_templates")


def read_labels(folder: Path) -> dict[str, Text]:
    """labels.yaml of a templates folder (empty when the folder has none)."""
    path = folder / "labels.yaml"
    if not path.is_file():
        return {}
    from pydantic import ValidationError

    from omniready.audit import yamlio
    from omniready.audit.store import validation_problems
    from omniready.errors import InputError

    text = yamlio.read_text(path)
    raw = yamlio.parse(text, path) or {}
    if not isinstance(raw, dict):
        raise InputError.at(path, "labels must be a mapping of key: {es: ..., en: ...}", 1, 1)
    labels: dict[str, Text] = {}
    problems = []
    for key, value in raw.items():
        try:
            labels[str(key)] = Text.model_validate(value)
        except ValidationError as exc:
            # Located at the label's line, without pydantic's links, named by its key.
            for problem in validation_problems(exc, path, text, within=[key]):
                detail = problem.message.removeprefix("(top): ")
                if "instance of Text" in detail:
                    detail = "needs es and en texts: {es: ..., en: ...}"
                message = f"label {key}: {detail}"
                problems.append(dataclasses.replace(problem, message=message))
    if problems:
        raise InputError(problems, hint='a label is key: {es: "...", en: "..."}')
    return labels


@dataclass(frozen=True)
class Report:
    """One report to render: every format reads the same record."""

    audit: Audit
    assessment: Assessment
    lang: str = "es"
    templates: Path | None = None
    policy: Policy = field(default_factory=load_policy)
    # `report --benchmark`: the section of omniready.portfolio.section, shown when set.
    benchmark: Any = None

    @cached_property
    def labels(self) -> dict[str, Text]:
        """Shipped labels, replaced key by key by those of the --templates folder."""
        labels = read_labels(shipped_templates())
        if self.templates is not None:
            labels |= read_labels(self.templates)
        return labels

    def label(self, key: str, **params: Any) -> str:
        """A fixed text in the report's language, with {names} filled."""
        text = self.labels.get(key)
        value = key if text is None else text(self.lang)
        return value.format(**params) if params else value

    def tr(self, text: Text | None) -> str:
        """A bilingual text in the report's language."""
        return "" if text is None else text(self.lang)
