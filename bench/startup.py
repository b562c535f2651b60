"""Start-up cost: `omniready --help` and `--version` against `python -c "import typer"`.

Prints the median wall time of each divided by the floor measured in the same run; target ≤ 1.5.
The probe's HTTP stack (httpx) is imported only when a probe runs; the bench checks that too.
Run: python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    script = Path(sys.executable).with_name("omniready")
    cli = [str(script)] if script.exists() else [shutil.which("omniready") or "omniready"]
    commands = {
        "floor": [sys.executable, "-c", "import typer"],
        "--help": [*cli, "--help"],
        "--version": [*cli, "--version"],
    }
    for command in commands.values():
        wall(command)  # warm-up
    # Interleaved, so that other work on the machine weighs on the floor and the commands alike.
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            times[name].append(wall(command))
    floor = statistics.median(times["floor"])
    print(f"floor  python -c 'import typer'  {floor * 1000:7.1f} ms")
    worst = 0.0
    for flag in ("--help", "--version"):
        median = statistics.median(times[flag])
        ratio = median / floor
        worst = max(worst, ratio)
        print(f"omniready {flag:<10} {median * 1000:7.1f} ms  ratio {ratio:.2f}")
    print(f"worst ratio {worst:.2f} (target <= 1.5) {'OK' if worst <= 1.5 else 'MISS'}")
    loaded = subprocess.run(
        [sys.executable, "-X", "importtime", str(script), "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    heavy = [m for m in ("httpx", "httpcore", "h2") if re.search(rf"\|\s+{m}$", loaded, re.M)]
    print(f"heavy modules imported by --help: {', '.join(heavy) or 'none'}")


if __name__ == "__main__":
    main()
