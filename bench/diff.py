"""Speed of `omniready diff` on two big audits, as a ratio to only parsing both files.

Builds two audits with 20,000 answers and 20,000 records each (tools, journeys, segments, brand
items; about a tenth of everything changed), then prints the wall time of the whole diff
(load_audit both, assess both, compare, render text and json) divided by the time to only parse
both files with PyYAML's C loader. Target: at most 3.

    python bench/diff.py [--answers N] [--records N] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from omniready.audit.model import STEPS, Audit
from omniready.audit.store import load_audit, to_yaml
from omniready.checklist import Checklist, Option, Question, Text, load_checklist
from omniready.diff.choices import Format
from omniready.diff.compare import diff_audits
from omniready.diff.formats import render

VALUES = ["none", "some", "half", "most", "all"]
COVERAGE = [Option(value=v, score=i / 4, label=Text(es=v, en=v)) for i, v in enumerate(VALUES)]
CHANNELS = ["web", "whatsapp", "phone", "email", "store", "instagram"]


def big_checklist(answers: int) -> Checklist:
    """A synthetic checklist with one scale question per answer, spread over the five steps."""
    questions = [
        Question(
            id=f"{STEPS[i % 5]}.q{i:06d}",
            type="scale",
            options=COVERAGE,
            text=Text(es=f"¿Pregunta {i}?", en=f"Question {i}?"),
        )
        for i in range(answers)
    ]
    return Checklist(name="bench", version="1", titles=load_checklist().titles, questions=questions)


def big_audit(answers: int, records: int, year: int) -> dict[str, Any]:
    """Plain data of one audit; the later year changes about one item in ten."""

    def pick(i: int) -> str:
        shift = 1 if year > 2025 and i % 10 == 0 else 0
        return VALUES[(i + shift) % len(VALUES)]

    steps: dict[str, Any] = {step: {"answers": {}} for step in STEPS}
    for i in range(answers):
        step = STEPS[i % 5]
        answer: dict[str, Any] = {"answer": pick(i), "respondent": "IT"}
        if i % 7 == 0:
            answer["note"] = f"note {i} of {year}"
            answer["evidence"] = [f"doc-{i}.pdf"]
        steps[step]["answers"][f"{step}.q{i:06d}"] = answer
    quarter = records // 4
    changed = year > 2025
    steps["tools"]["inventory"] = [
        {
            "id": f"tool-{i}",
            "name": f"Tool {i}",
            "channels": CHANNELS[: 1 + i % 6],
            "claims": {"api": True, "webhooks": not (changed and i % 10 == 0)},
            "probe": {
                "probed_at": f"{year}-03-01T10:00:00Z",
                "status": "ok",
                "latency_ms": i % 97,
                "api": {
                    "evidence": "spec",
                    "format": "openapi",
                    "version": "3.1.0",
                    "operations": 40 + (i % 10 == 0 and changed),
                },
                "webhooks": {"evidence": "declared" if i % 3 else "none", "declared": i % 3},
            },
        }
        for i in range(quarter)
    ]
    steps["processes"]["journeys"] = [
        {
            "id": f"journey-{i}",
            "name": f"Journey {i}",
            "steps": [
                {"phase": "pre-sale", "channel": "whatsapp", "owner": "sales", "system": "tool-1"},
                {
                    "phase": "purchase",
                    "channel": "web",
                    "system": "tool-2",
                    "context_carried": changed and i % 10 == 0,
                },
                {
                    "phase": "post-sale",
                    "channel": "store",
                    "system": "tool-3",
                    "context_carried": False,
                },
            ],
        }
        for i in range(quarter)
    ]
    steps["segments"]["segments"] = [
        {
            "id": f"segment-{i}",
            "name": f"Segment {i}",
            "age": "18-30",
            "preferred_channels": ["whatsapp", "web"],
            "prefers": "messages",
        }
        for i in range(quarter)
    ]
    steps["brand"]["items"] = [
        {
            "id": f"item-{i}",
            "aspect": "greeting",
            "channels": {
                c: f"Hola {i}" + ("!" if changed and i % 10 == 0 else "") for c in CHANNELS
            },
        }
        for i in range(records - 3 * quarter)
    ]
    steps["metrics"]["channels"] = {
        c: {
            "wait_p90_s": 300 - (60 if changed else 0),
            "abandonment_rate": 0.1,
            "sla_attainment": 0.6 + (0.1 if changed else 0),
        }
        for c in CHANNELS
    }
    return {
        "schema": 2,
        "checklist": "bench@1",
        "organization": {"name": "Bench"},
        "updated": f"{year}-03-02T10:00:00Z",
        "steps": steps,
    }


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=20_000)
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    # Two 20,000-answer audits hold about 670,000 values, past the loader's default limit of
    # 100,000 (docs/audit.md, "Limits"); a user with such files raises it the same way.
    os.environ.setdefault("OMNIREADY_MAX_NODES", str(2_000_000))

    checklist = big_checklist(args.answers)
    with tempfile.TemporaryDirectory() as folder:
        old_path, new_path = Path(folder, "2025.audit.yaml"), Path(folder, "2026.audit.yaml")
        for path, year in ((old_path, 2025), (new_path, 2026)):
            path.write_text(
                to_yaml(Audit.model_validate(big_audit(args.answers, args.records, year))),
                encoding="utf-8",
            )
        size = (old_path.stat().st_size + new_path.stat().st_size) / 1e6

        def floor() -> None:
            for path in (old_path, new_path):
                yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # noqa: S506

        stages: dict[str, list[float]] = {"load": [], "diff": [], "render": []}

        def whole() -> None:
            t0 = time.perf_counter()
            old, new = load_audit(old_path), load_audit(new_path)
            t1 = time.perf_counter()
            result = diff_audits(old, new, checklist)
            t2 = time.perf_counter()
            render(result, Format.text, lang="en")
            render(result, Format.json, lang="en")
            t3 = time.perf_counter()
            stages["load"].append(t1 - t0)
            stages["diff"].append(t2 - t1)
            stages["render"].append(t3 - t2)

        floor_s = best_of(args.repeat, floor)
        whole_s = best_of(args.repeat, whole)

    print(f"two audits of {args.answers} answers and {args.records} records each, {size:.1f} MB")
    print(f"floor  yaml.CSafeLoader, both files   {floor_s:7.3f} s")
    print(f"diff   load + assess + compare + render {whole_s:7.3f} s")
    for stage, times in stages.items():
        print(f"         {stage:<8} {statistics.median(times):7.3f} s (median)")
    ratio = whole_s / floor_s
    print(f"ratio  {ratio:.2f}  (target <= 3) {'OK' if ratio <= 3 else 'ABOVE TARGET'}")


if __name__ == "__main__":
    main()
