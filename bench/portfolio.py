"""Speed of `omniready portfolio` over many audits, as a ratio to only loading them.

Generates N audits (default 2,000) of made-up organizations (omniready.portfolio.peers: every
scored question answered, some with two respondents), then prints the wall time of the whole
portfolio run (find, load and check every file, assess, build the figures, render md, html
and json, export the benchmark as JSON) divided by the time to only read and parse the same
files with PyYAML's C loader, measured just before it. Each of `--repeat` rounds pairs a run
with its own floor, and the verdict is the median ratio: on a shared machine the same work's
speed drifts too much for a floor measured minutes apart. Target: at most 2. It also prints,
for information, omniready's own loader alone (the one every command uses) and the run in one
process (the portfolio reads files in a process per core once there are enough of them).

    python bench/portfolio.py [--audits N] [--repeat R]
    python bench/portfolio.py --write-examples examples/portfolio   # the demo's portfolio
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import yaml

from omniready.audit.check import load_checked
from omniready.audit.store import to_yaml
from omniready.checklist import Checklist, load_checklist
from omniready.portfolio.choices import Format
from omniready.portfolio.collect import workers_for
from omniready.portfolio.peers import INDUSTRIES, peer_audit
from omniready.portfolio.run import PortfolioRequest, run_portfolio
from omniready.resources import data_dir


def generate(folder: Path, count: int) -> list[Path]:
    """Write `count` generated audits into `folder` (a fifth of them a year earlier too)."""
    checklist = load_checklist()
    paths = []
    for seed in range(count):
        year = 2025 if seed % 5 == 4 else 2026
        audit = peer_audit(checklist, seed // 5 * 5 if year == 2025 else seed, year=year)
        path = folder / f"org-{seed:05d}.audit.yaml"
        path.write_text(to_yaml(audit), encoding="utf-8")
        paths.append(path)
    return paths


def only_load(paths: list[Path]) -> None:
    """The floor: read every file and parse it with the C loader, nothing else."""
    for path in paths:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # noqa: S506


def cpu_now() -> float:
    """CPU seconds of this process and of its ended children (the portfolio's workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def only_omniready(paths: list[Path], checklist: Checklist) -> None:
    """omniready's loader on every file, each audit dropped once loaded as the floor drops its
    data (keeping 2,000 audits alive would time the garbage collector's walks over them)."""
    for path in paths:
        load_checked(path, checklist)


def timed(run: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds (this process and its workers) of one run."""
    start, cpu = time.perf_counter(), cpu_now()
    run()
    return time.perf_counter() - start, cpu_now() - cpu


def paired(
    floor: Callable[[], object], run: Callable[[], object], repeat: int
) -> tuple[list[float], list[float]]:
    """`repeat` ratios of `run` to `floor`, each run timed right after its own floor.

    On a shared machine the speed of the same work drifts by a third within a minute; a floor
    measured minutes away from the run it divides would carry that drift into the ratio, a floor
    measured just before it mostly does not. Returns the wall-clock ratios and the CPU ones.
    """
    walls, cpus = [], []
    for _ in range(repeat):
        floor_wall, floor_cpu = timed(floor)
        run_wall, run_cpu = timed(run)
        walls.append(run_wall / floor_wall)
        cpus.append(run_cpu / floor_cpu)
    return walls, cpus


def spread(ratios: list[float]) -> str:
    """The median ratio and every round's: `1.62 (1.58, 1.62, 1.71)`."""
    rounds = ", ".join(f"{r:.2f}" for r in ratios)
    return f"{statistics.median(ratios):.2f} ({rounds})"


# The example retailer's two years, the peers it is compared with (five of its industry and
# size band, so `report --benchmark` finds peers), and three of other industries.
EXAMPLE_PEERS = (
    # (seed, industry, country, head count)
    (101, "retail", "CL", 900),
    (102, "retail", "AR", 1500),
    (103, "retail", "MX", 420),
    (104, "retail", "PE", 700),
    (105, "retail", "CO", 2600),
    (106, "banking", "CL", 180),
    (107, "health", "ES", 35),
    (108, "telecom", "MX", 3200),
)

# Two people of the retailer answered one question far apart: the demo's disagreement.
_RESPONSES = """        respondent: Gerencia de TI
        responses:
        - respondent: Gerencia de TI
          answer: most
        - respondent: Jefatura de tiendas
          answer: some
          note: En tiendas solo el POS tiene API, y no la usamos.
"""


def write_examples(folder: Path) -> list[Path]:
    """The demo's portfolio: the example retailer (2025 and 2026) and eight generated peers."""
    checklist = load_checklist()
    folder.mkdir(parents=True, exist_ok=True)
    examples = data_dir("examples")
    written = [folder / "acme-retail-2025.audit.yaml", folder / "acme-retail-2026.audit.yaml"]
    shutil.copyfile(examples / "acme-retail-2025.audit.yaml", written[0])
    text = (examples / "acme-retail.audit.yaml").read_text(encoding="utf-8")
    anchor = "        note: La central telefónica no tiene API en el plan actual.\n"
    head, tail = text.split(anchor, 1)
    tail = tail.replace("        respondent: Gerencia de TI\n", _RESPONSES, 1)
    written[1].write_text(head + anchor + tail, encoding="utf-8")
    for seed, industry, country, headcount in EXAMPLE_PEERS:
        assert industry in INDUSTRIES
        audit = peer_audit(checklist, seed, industry=industry, country=country, headcount=headcount)
        slug = "-".join(audit.organization.name.casefold().replace(".", "").split())
        path = folder / f"{slug}.audit.yaml"
        path.write_text(to_yaml(audit), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audits", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3, help="rounds (median ratio)")
    parser.add_argument("--write-examples", type=Path, metavar="DIR")
    args = parser.parse_args()
    if args.write_examples:
        for path in write_examples(args.write_examples):
            print(path)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder, out = Path(tmp) / "audits", Path(tmp) / "out"
        folder.mkdir()
        started = time.perf_counter()
        paths = generate(folder, args.audits)
        print(f"generated {len(paths)} audits in {time.perf_counter() - started:.1f} s")
        request = PortfolioRequest(
            folders=(folder,),
            output=out,
            formats=(Format.md, Format.html, Format.json),
            export=Path(tmp) / "benchmark.json",
        )
        checklist = load_checklist()

        def floor() -> None:
            only_load(paths)

        started = time.perf_counter()
        only_load(paths)  # the files into the page cache before the first round
        print(f"only loading with the C YAML loader: {time.perf_counter() - started:.2f} s")
        loader = paired(floor, lambda: only_omniready(paths, checklist), args.repeat)
        print(
            f"only omniready's loader (load_checked: limits, schema, checks), ratio: "
            f"{spread(loader[0])}; CPU {spread(loader[1])} (for information: every command "
            "reads files this way)"
        )
        serial = paired(floor, lambda: run_portfolio(replace(request, jobs=1)), args.repeat)
        print(f"portfolio run in one process, ratio: {spread(serial[0])}; CPU {spread(serial[1])}")
        run = paired(floor, lambda: run_portfolio(request), args.repeat)
        workers = workers_for(len(paths))
        print(
            f"portfolio run (load, check, assess, figures, md+html+json, export) with {workers} "
            f"worker(s) reading the files, ratio: {spread(run[0])}; CPU in all processes "
            f"{spread(run[1])}"
        )
        ratio = statistics.median(run[0])
        print(f"ratio: {ratio:.2f} (target: at most 2) {'OK' if ratio <= 2 else 'ABOVE TARGET'}")
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
