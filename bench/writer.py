"""The interview's per-answer save of the example audit through the one writer (which keeps
comments and untouched lines) against the whole-file dump it replaced, measured in the same run.

Each round changes one answer's note and saves; the two ways are interleaved so other work on
the machine weighs on both alike. Prints the medians, their ratio, and the writer's median in
ms against the 100 ms target for a save after an answer.
Run: python bench/writer.py [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from omniready.audit.model import Audit
from omniready.audit.store import load_audit, save_audit, to_yaml, write_atomic
from omniready.resources import example_audit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=31)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    whole, kept = folder / "whole.audit.yaml", folder / "kept.audit.yaml"
    for path in (whole, kept):
        shutil.copy(example_audit(), path)
    # A comment as a consultant adds one, so the writer cannot fall back on the dumper's text.
    kept.write_text("# edited by hand\n" + kept.read_text(encoding="utf-8"), encoding="utf-8")
    audit = load_audit(kept)
    question = sorted(audit.steps.tools.answers)[0]
    rounds: list[Audit] = []
    for n in range(args.runs + 1):
        changed = audit.model_copy(deep=True)
        changed.steps.tools.answers[question].note = f"answer {n}"
        rounds.append(changed)
    times: dict[str, list[float]] = {"whole dump (before)": [], "one writer (now)": []}
    for n, changed in enumerate(rounds):
        start = time.perf_counter()
        write_atomic(whole, to_yaml(changed))
        middle = time.perf_counter()
        save_audit(kept, changed)
        end = time.perf_counter()
        if n:  # the first round warms caches up
            times["whole dump (before)"].append(middle - start)
            times["one writer (now)"].append(end - middle)
    assert kept.read_text(encoding="utf-8").startswith("# edited by hand\n")
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, value in medians.items():
        print(f"{name:22} median {value * 1000:7.1f} ms")
    ratio = medians["one writer (now)"] / medians["whole dump (before)"]
    print(f"ratio one writer / whole dump: {ratio:.2f}")
    print(f"one writer per save: {medians['one writer (now)'] * 1000:.1f} ms (target < 100 ms)")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
