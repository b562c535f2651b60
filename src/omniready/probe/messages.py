"""Words people read in the probe's output, from the catalogue (texts/<lang>/probe.yaml); ids and
values stay as they are (conditions, statuses and evidence levels are data, not prose)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from omniready.texts import group, has, run_lang, text

if TYPE_CHECKING:
    from omniready.audit.probe_record import Finding


def t(lang: str, key: str, **values: Any) -> str:
    """The catalogue's `probe.messages.<key>` in `lang`, filled in."""
    return text(f"probe.messages.{key}", lang, **values)


def evidence(key: str, **values: Any) -> str:
    """What a vendor did, in the words the probe records it with (`probe.evidence.<key>`), in the
    run's language: the saved record reads as the table that showed it."""
    return text(f"probe.evidence.{key}", run_lang(), **values)


def rules(lang: str) -> dict[str, str]:
    """Each probe rule's one-line description (SARIF's rule list), by rule id."""
    return group("probe.rules", lang)


def finding_text(finding: Finding, lang: str) -> str:
    """The sentence of a saved finding in `lang`: from its code and values, or, for a finding
    saved before codes (or by a newer release with a code unknown here), as it was saved."""
    code, params = finding.code, finding.params
    try:
        if code == "sunset":
            return t(lang, "sunset", what=_announced(params, lang))
        if code == "claims":  # several claims wrong at once: one finding, each sentence
            return "; ".join(t(lang, str(each)) for each in params["codes"])
        if code and has(f"probe.messages.{code}", lang):
            return t(lang, code, **params)
    except (KeyError, IndexError, ValueError):
        pass  # values missing or of another shape: fall back to the saved words
    return finding.message or code or finding.condition


def _announced(params: dict[str, Any], lang: str) -> str:
    parts = []
    if params.get("deprecated"):
        since = params.get("deprecation")
        parts.append(t(lang, "deprecated") + (t(lang, "since", date=since) if since else ""))
    if params.get("sunset"):
        parts.append(t(lang, "sunset-on", date=params["sunset"]))
    return ", ".join(parts)
