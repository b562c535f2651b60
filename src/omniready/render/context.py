"""What a renderer gets: the audit, its assessment, the language, the policy and the labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from omniready.assess.model import Assessment
from omniready.assess.policy import Policy, default_policy
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
    from omniready.audit import yamlio
    from omniready.errors import InputError

    raw = yamlio.parse(yamlio.read_text(path), path) or {}
    if not isinstance(raw, dict):
        raise InputError.at(path, "labels must be a mapping of key: {es: ..., en: ...}")
    try:
        return {str(k): Text.model_validate(v) for k, v in raw.items()}
    except Exception as exc:  # noqa: BLE001 - any shape error is the file's fault
        raise InputError.at(path, f"a label needs es and en texts: {exc}") from None


@dataclass(frozen=True)
class Report:
    """One report to render: every format reads the same record."""

    audit: Audit
    assessment: Assessment
    lang: str = "es"
    templates: Path | None = None
    policy: Policy = field(default_factory=default_policy)

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
