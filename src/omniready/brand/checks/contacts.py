"""Contact facts (phones, e-mail addresses, sites, hours, return periods) across channels."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from omniready.brand.checks import Facts, Outcome, Spec
from omniready.brand.model import Finding, Material, Place
from omniready.brand.places import place
from omniready.brand.text import plain

KINDS = ("phone", "email", "url", "hours", "return_days")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_URL = re.compile(r"\bhttps?://[^\s<>\"')\]]+|\bwww\.[^\s<>\"')\]]+", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w$€/.-])\+?\(?\d[\d\s().-]{6,}\d(?![\w/%-])")
_DATE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$")
_HOURS = re.compile(
    r"\b(\d{1,2})(?::(\d{2}))?\s*(am|pm|h|hrs|hs)?\s*(?:a|-|–|to|hasta)\s*"
    r"(\d{1,2})(?::(\d{2}))?\s*(am|pm|h|hrs|hs)?\b",
    re.IGNORECASE,
)
_DAYS = re.compile(r"\b(\d{1,3})\s*(?:d[ií]as|days?)\b", re.IGNORECASE)


def _clock(hour: str, minutes: str | None, suffix: str | None) -> str:
    value = int(hour) % 12 + 12 if suffix and suffix.lower() == "pm" else int(hour)
    return f"{value:02d}:{minutes or '00'}"


def facts_of(text: str, spec: Spec) -> list[tuple[str, str, str]]:
    """(kind, value, as written) for each contact fact in a line; values compare normalized."""
    found: list[tuple[str, str, str]] = []
    rest = text
    lowered = text.lower()
    if "http" in lowered or "www." in lowered:  # most lines have no link: skip the patterns
        for raw in (m.group() for m in _URL.finditer(text)):
            host = urlsplit(raw if "://" in raw else f"http://{raw}").hostname or ""
            host = host.removeprefix("www.")
            if host and host not in spec.data["platforms"]:
                found.append(("url", host, host))
        rest = _URL.sub(" ", text)
    if "@" in rest:
        found += [("email", e, e) for e in (m.group().lower() for m in _EMAIL.finditer(rest))]
        rest = _EMAIL.sub(" ", rest)
    if not any(ch.isdigit() for ch in rest):
        return found
    for match in _PHONE.finditer(rest):
        raw = match.group().strip()
        digits = re.sub(r"\D", "", raw)
        if len(digits) >= int(spec.params["phone_digits"]) and not _DATE.match(raw):
            found.append(("phone", digits[-int(spec.params["phone_digits"]) :], raw))
    for match in _HOURS.finditer(rest):
        h1, m1, s1, h2, m2, s2 = match.groups()
        if not (m1 or m2 or s1 or s2) or int(h1) > 24 or int(h2) > 24:
            continue  # "de 2 a 3 productos" is not a time of day
        hours = f"{_clock(h1, m1, s1 or s2)}-{_clock(h2, m2, s2)}"
        found.append(("hours", hours, hours))
    days = _DAYS.findall(text)
    if days and any(word in plain(text) for word in spec.data["return_words"]):
        found += [("return_days", d, d) for d in days]
    return found


def _declared(facts: Facts, spec: Spec) -> dict[str, set[str]]:
    contacts = facts.contacts
    declared: dict[str, set[str]] = {}
    digits = int(spec.params["phone_digits"])
    if contacts.get("phones"):
        declared["phone"] = {re.sub(r"\D", "", p)[-digits:] for p in contacts["phones"]}
    if contacts.get("emails"):
        declared["email"] = {e.lower() for e in contacts["emails"]}
    if contacts.get("urls"):
        declared["url"] = {
            (urlsplit(u if "://" in u else f"http://{u}").hostname or "").removeprefix("www.")
            for u in contacts["urls"]
        }
    if contacts.get("return_days") is not None:
        declared["return_days"] = {str(contacts["return_days"])}
    return declared


def _as_declared(facts: Facts, kind: str) -> list[str]:
    """The declared values of a kind as the audit writes them."""
    if kind == "return_days":
        return [str(facts.contacts.get("return_days"))]
    return [str(v) for v in facts.contacts.get(f"{kind}s") or []]


def run(materials: Sequence[Material], facts: Facts, spec: Spec) -> Outcome:
    """Each kind's values with their channels and places; undeclared or differing values."""
    seen: dict[str, dict[str, list[tuple[str, Place]]]] = {kind: {} for kind in KINDS}
    written: dict[tuple[str, str], str] = {}  # (kind, value) → as first written, to show
    for material in materials:
        for unit in material.units:
            for line in unit.lines:
                for kind, value, raw in facts_of(line.text, spec):
                    written.setdefault((kind, value), raw)
                    where = place(material, unit, line)
                    seen[kind].setdefault(value, []).append((material.channel, where))
    declared = _declared(facts, spec)
    findings: list[Finding] = []
    for kind in KINDS:
        values = seen[kind]
        if kind in declared:
            for value, hits in sorted(values.items()):
                if value in declared[kind]:
                    continue
                channels = sorted({c for c, _ in hits})
                findings.append(
                    Finding(
                        spec.id,
                        "undeclared",
                        "high",
                        tuple(channels),
                        {
                            "kind": kind,
                            "value": written[(kind, value)],
                            "channels": channels,
                            "declared": _as_declared(facts, kind),
                        },
                        tuple(sorted({p for _, p in hits})),
                    )
                )
        elif len(values) > 1:
            listed = "; ".join(
                f"{written[(kind, value)]} ({', '.join(sorted({c for c, _ in hits}))})"
                for value, hits in sorted(values.items())
            )
            # The places of the values fewer channels use: the odd ones out.
            ranked = sorted(values.items(), key=lambda kv: -len({c for c, _ in kv[1]}))
            odd = [hit for _, hits in ranked[1:] for hit in hits]
            findings.append(
                Finding(
                    spec.id,
                    "differs",
                    "medium",
                    tuple(sorted({c for c, _ in odd})),
                    {"kind": kind, "values": listed},
                    tuple(sorted({p for _, p in odd})),
                )
            )
    examined = frozenset(c for kind in KINDS for hits in seen[kind].values() for c, _ in hits)
    summary = {
        kind: {v: sorted({c for c, _ in hits}) for v, hits in sorted(seen[kind].items())}
        for kind in KINDS
    }
    return Outcome(tuple(findings), examined, {"contacts": summary})
