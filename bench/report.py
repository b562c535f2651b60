"""Speed of `omniready report` on a large audit, as a ratio to starting Python with jinja2 and yaml.

Builds a synthetic audit (300 tools, 100 journeys of 10 steps, 40 segments, every shipped
question answered) and measures the CPU time of the whole command a user runs,
`omniready report FILE -o DIR --format md,html,json` (the installed console script, in a
subprocess: start-up, imports, loading the audit, assessment, rendering, writing), median of
several runs, divided by that of `python -c "import jinja2, yaml"` measured the same way.
Target: at most 4. The split between loading, assessing and rendering is printed for information.

    python bench/report.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

CHANNELS = [
    "web",
    "whatsapp",
    "phone",
    "email",
    "store",
    "instagram",
    "facebook",
    "chat",
    "appointments",
    "marketplace",
    "app",
    "sms",
]
PHASES = ["pre-sale", "purchase", "post-sale"]
EVIDENCE = [
    ("spec", "declared"),
    ("reachable", "handshake"),
    ("none", "claimed-only"),
    ("none", "none"),
]


def answer_for(question: Any, i: int) -> Any:
    """A valid answer for any question type, varied by index."""
    if question.type == "yesno":
        return i % 2 == 0
    if question.type in {"scale", "choice"}:
        scored = [o.value for o in question.options if o.score is not None]
        return scored[i % len(scored)]
    if question.type == "number":
        return question.min if question.min is not None else 10
    return f"answer {i}"


def big_audit() -> dict[str, Any]:
    """Plain data of the large audit."""
    from omniready.audit.model import STEPS
    from omniready.checklist import load_checklist

    checklist = load_checklist()
    steps: dict[str, Any] = {s: {"answers": {}} for s in STEPS}
    for i, q in enumerate(checklist.questions):
        steps[q.step]["answers"][q.id] = {"answer": answer_for(q, i), "note": f"nota {i}"}
    tools = []
    for i in range(300):
        api, hooks = EVIDENCE[i % len(EVIDENCE)]
        tool: dict[str, Any] = {
            "id": f"tool-{i:03d}",
            "name": f"Herramienta {i}",
            "category": "saas",
            "channels": [CHANNELS[i % 12], CHANNELS[(i * 7) % 12]],
            "claims": {"api": i % 3 != 0, "webhooks": i % 2 == 0},
        }
        if i % 4:
            tool["probe"] = {
                "status": "ok",
                "api": {"evidence": api},
                "webhooks": {"evidence": hooks},
            }
        tools.append(tool)
    steps["tools"]["inventory"] = tools
    steps["processes"]["journeys"] = [
        {
            "id": f"journey-{j:03d}",
            "name": f"Recorrido {j}",
            "steps": [
                {
                    "phase": PHASES[min(k // 4, 2)],
                    "channel": CHANNELS[(j + k) % 12],
                    "activity": f"Actividad {k} del recorrido {j}",
                    "owner": None if k == 7 else f"área {k}",
                    "system": f"tool-{(j * 10 + k) % 300:03d}",
                    "context_carried": None if k == 0 else (j + k) % 3 != 0,
                }
                for k in range(10)
            ],
        }
        for j in range(100)
    ]
    steps["segments"]["segments"] = [
        {
            "id": f"seg-{s:02d}",
            "share": 0.025,
            "age": "18-30",
            "prefers": "messages",
            "preferred_channels": [CHANNELS[s % 12], CHANNELS[(s + 5) % 12]],
        }
        for s in range(40)
    ]
    steps["metrics"]["channels"] = {
        c: {
            "kind": "physical" if c == "store" else "virtual",
            "monthly_contacts": 1000 * (i + 1),
            "sla_target_s": 60.0 * (i + 1) if i % 3 else None,
            "wait_p90_s": 90.0 * (i + 1),
            "sla_attainment": 0.5 + i / 30,
            "abandonment_rate": i / 60,
            "no_show_rate": i / 50,
        }
        for i, c in enumerate(CHANNELS)
    }
    steps["brand"]["items"] = [
        {
            "id": f"item-{b}",
            "aspect": ["visual", "voice", "greeting", "promotions"][b % 4],
            "channels": {c: f"v{(b + k) % 2}" for k, c in enumerate(CHANNELS[: 4 + b % 8])},
        }
        for b in range(20)
    ]
    return {"organization": {"name": "Big Retail"}, "steps": steps}


# The in-process split, for information: where the time of one report goes. Runs in a fresh
# process; CPU time (user + system), so other load on the machine does not count.
SPLIT = """
import os, sys, time
t0 = time.process_time()
from omniready.audit.store import load_audit
from omniready.checklist import load_checklist
t1 = time.process_time()
audit = load_audit(sys.argv[1])
checklist = load_checklist()
t2 = time.process_time()
from omniready.assess import assess
assessment = assess(audit, checklist)
t3 = time.process_time()
from omniready.render import Format, Report, render
report = Report(audit=audit, assessment=assessment, lang="es")
sizes = [len(render(fmt, report)) for fmt in (Format.MD, Format.HTML, Format.JSON)]
t4 = time.process_time()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3, *sizes)
"""


def cpu_of(args: list[str]) -> float:
    """CPU time (user + system) of one child process."""
    before = os.times()
    subprocess.run(args, check=True, capture_output=True)
    after = os.times()
    return (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )


def console_script() -> str:
    """The installed `omniready` beside this Python (as a user runs it)."""
    beside = Path(sys.executable).parent / "omniready"
    found = str(beside) if beside.exists() else shutil.which("omniready")
    if not found:
        raise SystemExit("omniready is not installed (pip install -e .)")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()

    import yaml

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.audit.yaml"
        path.write_text(
            yaml.safe_dump(big_audit(), allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        out = Path(tmp) / "out"
        command = [console_script(), "report", str(path), "-o", str(out)]
        command += ["--format", "md,html,json", "--lang", "es"]
        cpu_of(command)  # once first: bytecode caches and the page cache, as a user has them
        floor = statistics.median(
            cpu_of([sys.executable, "-c", "import jinja2, yaml"]) for _ in range(options.repeat)
        )
        whole = statistics.median(cpu_of(command) for _ in range(options.repeat))
        splits = []
        for _ in range(options.repeat):
            done = subprocess.run(
                [sys.executable, "-c", SPLIT, str(path)], check=True, capture_output=True, text=True
            )
            splits.append([float(v) for v in done.stdout.split()])
        imports, load, assess_s, render_s = (
            statistics.median(s[i] for s in splits) for i in range(4)
        )
        sizes = [int(v) for v in splits[0][4:]]
        print(
            f"audit: 300 tools, 100 journeys x 10 steps, 40 segments; "
            f"md {sizes[0] // 1024} KiB, html {sizes[1] // 1024} KiB, json {sizes[2] // 1024} KiB"
        )
        print(f"CPU time, median of {options.repeat} fresh processes:")
        print(f"  python -c 'import jinja2, yaml':                 {floor * 1000:6.0f} ms")
        print(f"  omniready report FILE --format md,html,json:     {whole * 1000:6.0f} ms")
        print("  in-process split, for information:")
        print(f"    import the audit and checklist modules:        {imports * 1000:6.0f} ms")
        print(f"    load the audit and the checklists:             {load * 1000:6.0f} ms")
        print(f"    assess:                                        {assess_s * 1000:6.0f} ms")
        print(f"    render md, html, json (jinja2 import incl.):   {render_s * 1000:6.0f} ms")
        ratio = whole / floor
        # Rendering as the issue words it (assess, then md, html and json, jinja2 included), and
        # the whole command a user waits for; both against the same floor and target.
        rendering = (assess_s + render_s) / floor
        print(f"ratio, assess + render:  {rendering:.2f} (target <= 4) {_verdict(rendering)}")
        print(f"ratio, whole command:    {ratio:.2f} (target <= 4) {_verdict(ratio)}")


def _verdict(ratio: float) -> str:
    return "OK" if ratio <= 4 else "OVER"


if __name__ == "__main__":
    main()
