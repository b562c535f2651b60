"""What a renderer gets: the audit, its assessment, the language, the policy and the labels.

The labels are the catalogue's `report` domain (texts/<lang>/report.yaml); a --templates folder
may carry its own labels.yaml, {es: ..., en: ...} per key, whose keys replace the catalogue's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
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
    """labels.yaml of a user's templates folder (empty when the folder has none)."""
    path = folder / "labels.yaml"
    if not path.is_file():
        return {}
    from pydantic import ValidationError

    from omniready.audit import yamlio
    from omniready.audit.store import validation_problems
    from omniready.errors import InputError
    from omniready.texts import Message

    text = yamlio.read_text(path)
    raw = yamlio.parse(text, path) or {}
    if not isinstance(raw, dict):
        raise InputError.at(path, Message("report.errors.labels-mapping"), 1, 1)
    labels: dict[str, Text] = {}
    problems = []
    for key, value in raw.items():
        try:
            labels[str(key)] = Text.model_validate(value)
        except ValidationError as exc:
            # Located at the label's line, named by its key, in words rather than pydantic's.
            for problem in validation_problems(exc, path, text, within=[key])[:1]:
                message = Message("report.errors.label", {"key": key})
                problems.append(dataclasses.replace(problem, message=message))
    if problems:
        raise InputError(problems)
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
    def labels(self) -> dict[str, str]:
        """The catalogue's report texts in the report's language, replaced key by key by
        those of the --templates folder's labels.yaml."""
        from omniready.texts import group

        labels = group("report", self.lang)
        if self.templates is not None:
            labels |= {k: v(self.lang) for k, v in read_labels(self.templates).items()}
        return labels

    @cached_property
    def values(self) -> Mapping[str, Any]:
        """Everything the templates show (render.view), built once for all the formats of a run
        and read-only, since every template reads the same one."""
        from omniready.render.view import view

        return MappingProxyType(view(self))

    def label(self, key: str, **params: Any) -> str:
        """A fixed text in the report's language, with {names} filled."""
        value = self.labels.get(key, key)
        return value.format(**params) if params else value

    def tr(self, text: Text | None) -> str:
        """A bilingual text in the report's language."""
        return "" if text is None else text(self.lang)
