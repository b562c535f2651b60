"""Audio prompts: loudness far from the others, clipping, and silence at the ends."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from omniready.brand.checks import Facts, Outcome, Spec
from omniready.brand.model import Finding, Material, Place


def run(materials: Sequence[Material], facts: Facts, spec: Spec) -> Outcome:
    """Findings per prompt, and each prompt's measurements for the report."""
    prompts = [m for m in materials if m.audio is not None]
    loud = [m.audio.lufs for m in prompts if m.audio and m.audio.lufs is not None]
    median = statistics.median(loud) if len(loud) >= 2 else None
    spread = float(spec.params["loudness_spread"])
    findings: list[Finding] = []
    summary: dict[str, dict[str, float | int | str | None]] = {}
    for material in prompts:
        stats = material.audio
        assert stats is not None
        where = (Place(material.path),)
        summary[material.path] = {
            "channel": material.channel,
            "lufs": stats.lufs,
            "peak_dbfs": stats.peak_dbfs,
            "clipped": stats.clipped_samples,
            "duration_s": stats.duration_s,
        }
        if median is not None and stats.lufs is not None and abs(stats.lufs - median) > spread:
            findings.append(
                Finding(
                    spec.id,
                    "loudness-outlier",
                    "medium",
                    (material.channel,),
                    {
                        "lufs": stats.lufs,
                        "median": round(median, 1),
                        "delta": round(abs(stats.lufs - median), 1),
                    },
                    where,
                )
            )
        if stats.clipped_samples > int(spec.params["max_clipped"]):
            findings.append(
                Finding(
                    spec.id,
                    "clipped",
                    "medium",
                    (material.channel,),
                    {"clipped": stats.clipped_samples, "peak": stats.peak_dbfs},
                    where,
                )
            )
        for end, seconds in (("start", stats.lead_silence_s), ("end", stats.tail_silence_s)):
            if seconds > float(spec.params["max_silence_s"]):
                findings.append(
                    Finding(
                        spec.id,
                        "silence",
                        "low",
                        (material.channel,),
                        {"seconds": round(seconds, 2), "end": end},
                        where,
                    )
                )
    examined = frozenset(m.channel for m in prompts)
    return Outcome(tuple(findings), examined, {"audio": summary})
