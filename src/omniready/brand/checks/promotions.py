"""Promotions per channel: codes and their terms (percentage, prices, validity, minimum)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from omniready import numbers
from omniready.brand.checks import Facts, Outcome, Spec
from omniready.brand.checks import spec as spec_of
from omniready.brand.model import Finding, Material, Place, Unit
from omniready.brand.places import place
from omniready.brand.text import plain

_CODE = re.compile(
    r"(?i:c[óo]digo|cup[óo]n|code|coupon|promo ?code)\s*:?\s*[\"“'«]?([A-Z0-9][A-Z0-9_-]{3,19})\b"
)
_PERCENT = re.compile(r"(\d{1,2}(?:[.,]\d)?)\s?%")
_PRICE = re.compile(r"(?:[$€£]|\b(?:USD|EUR|CLP|MXN|ARS))\s?\d{1,3}(?:[.,]\d{3})*(?:[.,]\d{1,2})?")
_UNTIL = re.compile(
    r"(?:hasta(?: el)?|válid[oa] hasta(?: el)?|vence(?: el)?|until|through|valid (?:until|through)"
    r"|ends?(?: on)?)\s+(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,2}(?: de)? [a-zé]+"
    r"|[A-Z][a-z]+ \d{1,2})",
    re.IGNORECASE,
)
_MINIMUM = re.compile(
    r"(?:compras? (?:sobre|desde|de más de|mayores? a|superiores? a)|m[ií]nimo(?: de)?"
    r"|minimum (?:purchase |order |spend )?of|orders? over|over)\s*"
    r"((?:[$€£]|USD|EUR|CLP)?\s?\d{1,3}(?:[.,]\d{3})*)",
    re.IGNORECASE,
)


@dataclass
class Mention:
    """One message's announcement of a promotion, with its terms."""

    code: str
    channel: str
    place: Place
    terms: dict[str, str | float] = field(default_factory=dict)  # a discount as a number


@cache
def _months() -> dict[str, int]:
    return {plain(k): int(v) for k, v in spec_of("promotions").data["months"].items()}


def normal_date(text: str) -> str:
    """A validity date as MM-DD or YYYY-MM-DD when it can be read, else as written."""
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    numeric = re.fullmatch(r"(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?", text)
    if numeric:  # day first, as written in Spanish and most of the world
        day, month, year = numeric.groups()
        core = f"{int(month):02d}-{int(day):02d}"
        return f"{'20' + year if year and len(year) == 2 else year}-{core}" if year else core
    words = plain(text).replace(" de ", " ").split()
    months = _months()
    if len(words) == 2:
        first, second = words
        if first.isdigit() and second in months:
            return f"{months[second]:02d}-{int(first):02d}"
        if second.isdigit() and first in months:
            return f"{months[first]:02d}-{int(second):02d}"
    return text


def _number(text: str) -> str:
    return re.sub(r"\D", "", text)  # $20.000 and 20,000 and 20000 are one amount


def _terms(text: str) -> dict[str, str | float]:
    terms: dict[str, str | float] = {}
    if percent := _PERCENT.search(text):  # saved as a number, shown per language (shown_term)
        terms["percent"] = float(percent.group(1).replace(",", "."))
    if until := _UNTIL.search(text):
        terms["until"] = normal_date(until.group(1))
    minimum = _MINIMUM.search(text)
    if minimum:
        terms["minimum"] = _number(minimum.group(1))
    for price in _PRICE.finditer(text):
        if minimum is None or not minimum.start() <= price.start() < minimum.end():
            terms["price"] = _number(price.group())
            break
    return terms


def shown_term(field: str, value: Any, lang: str) -> str:
    """A promotion's term as people of `lang` write it: a discount "20 %" in Spanish, "20%" in
    English, an amount "20.000" or "20,000"; a date (and a discount an older scan saved as
    text) as saved."""
    if field == "percent" and isinstance(value, int | float) and not isinstance(value, bool):
        return numbers.percent(value / 100, lang, 1)
    if field in {"price", "minimum"} and isinstance(value, str) and value.isdigit():
        return numbers.integer(int(value), lang)  # saved as its digits (_number)
    return str(value)


def shown(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """A finding's params dressed for its sentence in `lang` (Spec.message): the terms it quotes
    per language, the per-channel terms of "terms-differ" as "email: 15 %; web: 20 %"."""
    field = str(params.get("field", ""))
    out = dict(params)
    for key in ("found", "declared"):
        if key in out:
            out[key] = shown_term(field, out[key], lang)
    terms = out.get("terms")
    if isinstance(terms, list):
        out["terms"] = "; ".join(
            f"{pair[0]}: {shown_term(field, pair[1], lang)}"
            if isinstance(pair, list | tuple) and len(pair) == 2
            else str(pair)
            for pair in terms
        )
    return out


def declared_pattern(codes: set[str]) -> re.Pattern[str] | None:
    """One pattern for every declared code as a whole word, any case."""
    if not codes:
        return None
    alternatives = "|".join(re.escape(c) for c in sorted(codes, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def mentions(material: Material, unit: Unit, declared: re.Pattern[str] | None) -> list[Mention]:
    """The promotions a message announces (by code), with the terms in the same message."""
    text = unit.text
    codes: dict[str, Place] = {}
    for line in unit.lines:
        for match in _CODE.finditer(line.text):
            codes.setdefault(match.group(1), place(material, unit, line))
        if declared is not None:
            for match in declared.finditer(line.text):
                codes.setdefault(match.group().upper(), place(material, unit, line))
    if not codes:
        return []
    terms = _terms(text)
    return [
        Mention(code.upper(), material.channel, where, dict(terms)) for code, where in codes.items()
    ]


def run(materials: Sequence[Material], facts: Facts, spec: Spec) -> Outcome:
    """Same code, different terms; declared terms not kept; declared channels that never say it."""
    declared = {str(p["code"]).upper(): p for p in facts.promotions if p.get("code")}
    pattern = declared_pattern(set(declared))
    found: list[Mention] = []
    channels: set[str] = set()
    for material in materials:
        if material.units:
            channels.add(material.channel)
        for unit in material.units:
            found += mentions(material, unit, pattern)
    findings: list[Finding] = []
    by_code: dict[str, list[Mention]] = {}
    for mention in found:
        by_code.setdefault(mention.code, []).append(mention)
    for code, group in sorted(by_code.items()):
        for term in ("percent", "price", "until", "minimum"):
            saying = [m for m in group if term in m.terms]
            counts = Counter(m.terms[term] for m in saying)
            if len(counts) > 1:
                terms = [[m.channel, m.terms[term]] for m in saying]  # shown by `shown`
                # The channels that say what most do are not at fault (a tie flags them all).
                top = counts.most_common()
                usual = top[0][0] if top[0][1] > top[1][1] else None
                odd = {m.channel for m in saying if m.terms[term] != usual}
                findings.append(
                    Finding(
                        spec.id,
                        "terms-differ",
                        "high",
                        tuple(sorted(odd)),
                        {"code": code, "field": term, "terms": terms},
                        tuple(sorted(m.place for m in group if term in m.terms)),
                    )
                )
        promise = declared.get(code)
        if promise is None:
            continue
        wanted = {
            "percent": float(promise["percent"]) if promise.get("percent") else None,
            "until": str(promise["valid_until"]) if promise.get("valid_until") else None,
        }
        for mention in group:
            for term, value in wanted.items():
                said = mention.terms.get(term)
                if value is None or said is None:
                    continue
                later = isinstance(value, str) and value.endswith(str(said))  # 2027-01-31, 01-31
                if said != value and not (term == "until" and later):
                    findings.append(
                        Finding(
                            spec.id,
                            "off-declared",
                            "high",
                            (mention.channel,),
                            {
                                "code": code,
                                "field": term,
                                "found": said,
                                "declared": value,
                                "channel": mention.channel,
                            },
                            (mention.place,),
                        )
                    )
    for code, promise in sorted(declared.items()):
        announced = {m.channel for m in by_code.get(code, [])}
        for channel in promise.get("channels") or []:
            if channel in channels and channel not in announced:
                findings.append(
                    Finding(
                        spec.id, "missing", "high", (channel,), {"code": code, "channel": channel}
                    )
                )
    table: list[dict[str, Any]] = [
        {"code": m.code, "channel": m.channel, **m.terms, "place": str(m.place)}
        for m in sorted(found, key=lambda m: (m.code, m.channel, m.place))
    ]
    examined = frozenset({m.channel for m in found} | {f.channels[0] for f in findings})
    return Outcome(tuple(findings), examined, {"promotions": table})
