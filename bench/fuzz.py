"""Hostile audit files against `validate`, `show`, `report` and `diff`: counts per outcome.

Mutates the shipped example audits with a fixed seed (byte flips, truncation, type swaps, deep
nesting, huge strings, big lists, alias bombs, duplicate keys, invalid UTF-8, tabs, merge keys,
explicit tags, control characters), runs each command on each file in a child process of its own
with a time limit (wall clock, and CPU through RLIMIT_CPU) and a memory limit (RLIMIT_AS), and
prints the count of each outcome. Target: 0 exit 3, 0 timeouts, 0 memory kills, 0 rejections
without a FILE:LINE:COL location.

Children are forked from this process once it has imported omniready, so a run costs what the
command costs, not an interpreter's start-up. `--measure` then runs the worst files up to 5 MB
(the most values the loader accepts, and 5 MB of one list or one string) through the installed
`omniready` console script and prints their wall time and peak memory against the targets (5 s
and 500 MB), and against `omniready --version` measured the same way.

    python bench/fuzz.py [--files N] [--seed S] [--jobs J] [--timeout S] [--memory MB]
                         [--keep DIR] [--measure]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path

COMMANDS = ("validate", "show", "report", "diff")
OUTCOMES = ("exit 0", "exit 1", "exit 2", "exit 3", "timeout", "memory", "unlocated", "other")
TARGET_ZERO = ("exit 3", "timeout", "memory", "unlocated", "other")
MB = 1024 * 1024

Mutation = Callable[[random.Random, bytes], bytes]


# --- the mutations: each takes the file's bytes and returns hostile bytes ---------------------


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _value_lines(lines: list[bytes]) -> list[int]:
    """Indexes of `key: value` lines (a scalar after the colon)."""
    return [i for i, line in enumerate(lines) if re.match(rb"^\s*-?\s*[\w.-]+: \S", line)]


def _replace_value(rng: random.Random, data: bytes, value: bytes) -> bytes:
    lines = _lines(data)
    candidates = _value_lines(lines) or [0]
    i = rng.choice(candidates)
    key = lines[i].split(b": ", 1)[0]
    lines[i] = key + b": " + value
    return b"\n".join(lines)


def byte_flips(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] ^= rng.randint(1, 255)
    return bytes(out)


def truncation(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def type_swap(rng: random.Random, data: bytes) -> bytes:
    value = rng.choice(
        [b"[1, 2, 3]", b"{a: 1}", b"42", b"-1.5e3", b"true", b"null", b'""', b"~", b"[]", b"{}"]
    )
    return _replace_value(rng, data, value)


def deep_nesting(rng: random.Random, data: bytes) -> bytes:
    depth = rng.choice([40, 70, 200, 5_000, 200_000])
    opening, closing = rng.choice([(b"[", b"]"), (b"{a: ", b"}")])
    return _replace_value(rng, data, opening * depth + b"1" + closing * depth)


def huge_string(rng: random.Random, data: bytes) -> bytes:
    size = rng.choice([5_000, 150_000, 1_000_000, 4_500_000])
    quote = rng.choice([b"", b'"', b"'"])
    return _replace_value(rng, data, quote + b"x" * size + quote)


def big_list(rng: random.Random, data: bytes) -> bytes:
    """A list of up to a few hundred thousand items where a list belongs (a 3 MB audit)."""
    count = rng.choice([1_000, 60_000, 120_000, 400_000])
    lines = _lines(data)
    spots = [i for i, line in enumerate(lines) if re.match(rb"^\s*(inventory|segments):\s*$", line)]
    if not spots or rng.random() < 0.3:
        return data + b"\nextra:\n" + b"".join(b"- item %d\n" % n for n in range(count))
    i = rng.choice(spots)
    indent = len(lines[i]) - len(lines[i].lstrip())
    pad = b" " * indent
    items = b"\n".join(b"%s- {id: t%d, name: T}" % (pad, n) for n in range(count))
    return b"\n".join([*lines[: i + 1], items, *lines[i + 1 :]])


def alias_bomb(rng: random.Random, data: bytes) -> bytes:
    levels = rng.choice([3, 9, 12])
    names = [f"a{n}".encode() for n in range(levels)]
    parts = [b"&a0 [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip(names, names[1:], strict=False):
        parts.append(b"&" + name + b" [" + b", ".join([b"*" + prev] * 9) + b"]")
    bomb = b"[" + b", ".join(parts) + b"]"
    if rng.random() < 0.5:
        return _replace_value(rng, data, bomb)
    return _with_probe_params(data, bomb)


def _with_probe_params(data: bytes, params: bytes) -> bytes:
    """The first tool of the inventory gets a probe block whose finding quotes `params`."""
    lines = _lines(data)
    for i, line in enumerate(lines):
        if re.match(rb"^\s*- id: ", line) and i > 0 and lines[i - 1].strip() == b"inventory:":
            pad = b" " * (len(line) - len(line.lstrip()) + 2)
            probe = [
                pad + b"probe:",
                pad + b"  findings:",
                pad + b"  - condition: no-api",
                pad + b"    params: {p: " + params + b"}",
            ]
            return b"\n".join([*lines[: i + 1], *probe, *lines[i + 1 :]])
    return data + b"\nparams: " + params + b"\n"


def duplicate_keys(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = rng.choice(_value_lines(lines) or [0])
    return b"\n".join([*lines[: i + 1], lines[i], *lines[i + 1 :]])


def invalid_utf8(rng: random.Random, data: bytes) -> bytes:
    bad = rng.choice(
        [b"\xff", b"\xc3(", b"\xed\xa0\x80", b"\xe9", b"\xf8\x88\x80\x80\x80", b"\x80"]
    )
    at = rng.randrange(len(data) + 1)
    return data[:at] + bad + data[at:]


def tabs(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(lines))
        lines[i] = re.sub(rb"^  ", b"\t", lines[i])
    return b"\n".join(lines)


def merge_keys(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    i = rng.choice(_value_lines(lines) or [0])
    pad = lines[i][: len(lines[i]) - len(lines[i].lstrip())].replace(b"-", b" ")
    merge = rng.choice([b"<<: {note: merged}", b"<<: *nowhere", b"<<: [{a: 1}, {b: 2}]"])
    return b"\n".join([*lines[:i], pad + merge, *lines[i:]])


def explicit_tags(rng: random.Random, data: bytes) -> bytes:
    value = rng.choice(
        [
            b"!!bool maybe",
            b"!!timestamp 99999-01-01",
            b"!!timestamp 2026-02-30",
            b"!!int nope",
            b"!!int 0x",
            b"!!float abc",
            b"!!null x",
            b"!!str 5",
            b"!!binary aGk=",
            b"!!set {a, b}",
            b"!!omap [a: 1]",
            b"!!map x",
            b"!!seq x",
            b"!!python/object/apply:os.getcwd []",
            b"!!python/name:os.system",
            b"!foo bar",
            b"!<tag:example.com,2026:x> y",
            b"9" * 5000,
        ]
    )
    return _replace_value(rng, data, value)


def control_characters(rng: random.Random, data: bytes) -> bytes:
    value = rng.choice(
        [
            b'"\\e]8;;https://evil.test\\e\\\\x\\e]8;;\\e\\\\"',
            b'"\\e[2J\\x9b31m"',
            b"a\x1bb",
            b"\x00",
        ]
    )
    return _replace_value(rng, data, value)


MUTATIONS: dict[str, Mutation] = {
    "byte-flips": byte_flips,
    "truncation": truncation,
    "type-swap": type_swap,
    "deep-nesting": deep_nesting,
    "huge-string": huge_string,
    "big-list": big_list,
    "alias-bomb": alias_bomb,
    "duplicate-keys": duplicate_keys,
    "invalid-utf8": invalid_utf8,
    "tabs": tabs,
    "merge-keys": merge_keys,
    "explicit-tags": explicit_tags,
    "control-characters": control_characters,
}


def corpus(bases: list[Path], count: int, seed: int, folder: Path) -> Iterator[tuple[Path, Path]]:
    """Write `count` mutated files into `folder`; yields (mutated file, the base it came from).
    The same seed always gives the same files."""
    rng = random.Random(seed)
    originals = [(base, base.read_bytes()) for base in bases]
    kinds = sorted(MUTATIONS)
    for n in range(count):
        base, data = originals[n % len(originals)]
        chosen = [kinds[n % len(kinds)]]  # every kind in turn, then 0-2 more at random
        chosen += rng.sample(kinds, rng.choice([0, 0, 1, 2]))
        for kind in chosen:
            data = MUTATIONS[kind](rng, data)
        path = folder / f"{n:05d}-{'+'.join(chosen)}.audit.yaml"
        path.write_bytes(data)
        yield path, base


# --- running the commands ---------------------------------------------------------------------


@dataclass
class Tally:
    """Counts per outcome, overall and per command, and a few examples of what went wrong."""

    counts: Counter[str] = field(default_factory=Counter)
    per_command: dict[str, Counter[str]] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)
    slowest: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds of all runs, per command
    runs: int = 0

    def add(
        self, command: str, outcome: str, note: str, seconds: float, rss_mb: float, cpu: float = 0
    ) -> None:
        self.runs += 1
        self.cpu[command] = self.cpu.get(command, 0.0) + cpu
        self.counts[outcome] += 1
        self.per_command.setdefault(command, Counter())[outcome] += 1
        self.slowest[command] = max(self.slowest.get(command, 0.0), seconds)
        self.peak_rss_mb[command] = max(self.peak_rss_mb.get(command, 0.0), rss_mb)
        if outcome in TARGET_ZERO and len(self.examples.setdefault(outcome, [])) < 5:
            self.examples[outcome].append(note)

    @property
    def failures(self) -> int:
        return sum(self.counts[o] for o in TARGET_ZERO)


def _argv(command: str, path: Path, base: Path, out: Path) -> list[str]:
    if command == "report":
        return ["report", str(path), "-o", str(out), "--format", "md,html,json"]
    if command == "diff":
        return ["diff", str(base), str(path)]
    return [command, str(path)]


def _child(argv: list[str], log: Path, cpu: int, memory: int) -> int:
    """In the forked child: limits on, output to `log`, then the CLI's entry point as the
    console script runs it; returns the exit code for the caller to exit with."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    # fresh streams on those descriptors: the parent's may be a test runner's capture
    sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    os.environ["COLUMNS"] = "120"
    sys.argv = ["omniready", *argv]
    from omniready.cli import main

    code: object = 0
    try:
        main()  # ends in SystemExit, as the console script does
    except SystemExit as exc:
        code = exc.code
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return code if isinstance(code, int) else int(code is not None)


def _outcome(status: int, output: str, path: Path) -> str:
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        # SIGKILL is the bench's own after the wall-clock limit; SIGXCPU is RLIMIT_CPU's
        return "timeout" if sig in (signal.SIGKILL, signal.SIGXCPU) else "other"
    code = os.WEXITSTATUS(status)
    if code == 3 and "MemoryError" in output:  # RLIMIT_AS refused an allocation
        return "memory"
    if code == 2 and not re.search(rf"^{re.escape(str(path))}:\d+:\d+: ", output, re.M):
        return "unlocated"
    return f"exit {code}" if code in (0, 1, 2, 3) else "other"


@dataclass
class _Run:
    pid: int
    command: str
    path: Path
    log: Path
    started: float
    sentinel: int


def _warm() -> None:
    """Run each of the four commands once here, on the shipped examples, so that every forked
    child inherits what they import, the audit's validators and the compiled templates, as a
    long-lived process would have them: a child's run then costs what its command costs."""
    import contextlib
    import io

    from omniready.cli import main

    examples = shipped_examples()
    saved = sys.argv
    with tempfile.TemporaryDirectory(prefix="omniready-fuzz-warm-") as tmp:
        for command in COMMANDS:
            argv = _argv(command, examples[-1], examples[0], Path(tmp) / command)
            sys.argv = ["omniready", *argv]
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                try:
                    main()
                except SystemExit as exc:
                    if exc.code not in (0, 1, None):  # the examples are valid: say why not
                        raise RuntimeError(f"warming up `{command}`: {out.getvalue()}") from None
                finally:
                    sys.argv = saved
    # Out of the collector's sight, so that a child's collections do not copy every page of
    # these (fork's copy-on-write) before its command has even started.
    gc.freeze()


def run_all(
    files: list[tuple[Path, Path]],
    work: Path,
    jobs: int,
    timeout: float,
    memory_mb: int,
    commands: tuple[str, ...] = COMMANDS,
) -> Tally:
    """Run the commands on every file, `jobs` children at a time, and tally the outcomes."""
    _warm()
    tally = Tally()
    todo = [(c, p, b) for p, b in files for c in commands]
    running: list[_Run] = []
    memory = memory_mb * MB
    cpu = max(1, int(timeout))
    while todo or running:
        while todo and len(running) < jobs:
            command, path, base = todo.pop(0)
            log = work / f"{path.name}.{command}.log"
            out = work / f"{path.name}.{command}.out"
            read, write = os.pipe()  # the read end's EOF tells the parent the child is gone
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child
                os.close(read)
                code = 70  # what is left if the bench itself fails in the child
                try:
                    code = _child(_argv(command, path, base, out), log, cpu, memory)
                finally:
                    os._exit(code)  # never back into the parent's code (or its test runner)
            os.close(write)
            running.append(_Run(pid, command, path, log, time.monotonic(), read))
        ready = wait([r.sentinel for r in running], timeout=0.2)
        now = time.monotonic()
        for run in list(running):
            overdue = now - run.started > timeout
            if run.sentinel not in ready and not overdue:
                continue
            if overdue and run.sentinel not in ready:
                os.kill(run.pid, signal.SIGKILL)
            _, status, usage = os.wait4(run.pid, 0)
            os.close(run.sentinel)
            running.remove(run)
            output = run.log.read_text(errors="replace") if run.log.exists() else ""
            outcome = "timeout" if overdue else _outcome(status, output, run.path)
            first = output.strip().splitlines()[:1]
            note = f"{run.command} {run.path.name}: {first[0][:160] if first else '(no output)'}"
            cpu_s = usage.ru_utime + usage.ru_stime
            tally.add(run.command, outcome, note, now - run.started, usage.ru_maxrss / 1024, cpu_s)
            run.log.unlink(missing_ok=True)
            shutil.rmtree(work / f"{run.path.name}.{run.command}.out", ignore_errors=True)
    return tally


# Runs one command and reports its wall time and peak memory. A fresh, small interpreter starts
# it: a child forked from this bench would report this bench's own peak (Linux keeps a process's
# maximum resident size across exec).
_LAUNCHER = """
import resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(code, time.perf_counter() - started, peak / 1024)
"""


def worst_cases(base: Path, folder: Path) -> list[Path]:
    """Files up to 5 MB at or past each limit: the most values the loader accepts (a valid
    inventory of tools), 5 MB of one flow list, of one block list and of one string."""
    text = base.read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.strip() == "inventory:")
    pad = " " * (len(lines[at]) - len(lines[at].lstrip()))
    tools = [f"{pad}- {{id: t{n}, name: T{n}}}" for n in range(19_500)]  # 5 values each
    cases = {
        "valid-near-the-value-limit": "\n".join([*lines[: at + 1], *tools, *lines[at + 1 :]]),
        "flow-list-5mb": text + "x: [" + "1," * 2_600_000 + "]\n",
        "block-list-5mb": text + "x:\n" + "- 1\n" * 1_300_000,
        "string-5mb": text + "x: " + "y" * 5_200_000 + "\n",
    }
    paths = []
    for name, body in cases.items():
        path = folder / f"{name}.audit.yaml"
        path.write_text(body[: 5 * MB], encoding="utf-8")
        paths.append(path)
    return paths


def measure(base: Path, work: Path) -> list[str]:
    """Wall time and peak memory of the installed console script on the worst cases."""
    script = Path(sys.executable).with_name("omniready")
    folder = work / "worst"
    folder.mkdir()

    def launch(argv: list[str]) -> tuple[int, float, float]:
        done = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, *argv], capture_output=True, text=True, check=True
        )
        code, seconds, peak = done.stdout.split()
        return int(code), float(seconds), float(peak)

    _, floor, floor_mb = launch([str(script), "--version"])
    lines = [f"floor: `omniready --version` {floor:.2f} s, {floor_mb:.0f} MB"]
    for path in worst_cases(base, folder):
        for command in COMMANDS:
            code, seconds, peak = launch([str(script), *_argv(command, path, base, work / "out")])
            lines.append(
                f"{path.stat().st_size / MB:4.1f} MB {command:8} exit {code}  {seconds:5.2f} s "
                f"({seconds / 5:.2f} of 5 s, {seconds / floor:4.1f}x floor)  {peak:4.0f} MB "
                f"({peak / 500:.2f} of 500 MB)  {path.name}"
            )
    return lines


def shipped_examples() -> list[Path]:
    """The example audits omniready ships (what `audit --example` and `demo` write)."""
    from omniready.resources import data_dir

    return sorted(data_dir("examples").glob("*.audit.yaml"))


def main(argv: list[str] | None = None) -> Tally:
    """Build the corpus, run it, print the counts; returns the tally (the test suite reads it)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000, help="mutated files (default 2000)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per run")
    parser.add_argument("--memory", type=int, default=2048, help="MB of address space per run")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--measure", action="store_true", help="time the worst 5 MB files too")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="omniready-fuzz-"))
    folder = args.keep or work / "corpus"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        files = list(corpus(shipped_examples(), args.files, args.seed, folder))
        started, cpu_before = time.perf_counter(), time.process_time()
        tally = run_all(files, work, args.jobs, args.timeout, args.memory)
        elapsed, own_cpu = time.perf_counter() - started, time.process_time() - cpu_before
        size = sum(p.stat().st_size for p, _ in files) / MB
        print(
            f"{len(files)} files ({size:.0f} MB, seed {args.seed}), {tally.runs} runs "
            f"in {elapsed:.0f} s with {args.jobs} jobs; limits {args.timeout:g} s, "
            f"{args.memory} MB per run"
        )
        print("outcome      " + " ".join(f"{c:>9}" for c in (*COMMANDS, "all")))
        for outcome in OUTCOMES:
            row = [tally.per_command.get(c, Counter())[outcome] for c in COMMANDS]
            print(f"{outcome:12} " + " ".join(f"{n:9}" for n in (*row, tally.counts[outcome])))
        print("slowest s    " + " ".join(f"{tally.slowest.get(c, 0):9.2f}" for c in COMMANDS))
        print("peak RSS MB  " + " ".join(f"{tally.peak_rss_mb.get(c, 0):9.0f}" for c in COMMANDS))
        runs = {c: max(1, tally.per_command.get(c, Counter()).total()) for c in COMMANDS}
        print("CPU s/run    " + " ".join(f"{tally.cpu.get(c, 0) / runs[c]:9.3f}" for c in COMMANDS))
        # Files a minute as measured (the machine's load included), and what the CPU time
        # taken (the runs', and this process's forking and reading) allows on `jobs` idle
        # cores: the figure to plan a long run with.
        cpu_per_file = (sum(tally.cpu.values()) + own_cpu) / len(files)
        print(
            f"files/minute: {len(files) / elapsed * 60:.0f} measured, "
            f"{60 * args.jobs / cpu_per_file:.0f} on {args.jobs} idle cores "
            f"({cpu_per_file:.2f} CPU s per file, four commands; load average "
            f"{os.getloadavg()[0]:.1f})"
        )
        for outcome, notes in tally.examples.items():
            for note in notes:
                print(f"  {outcome}: {note}")
        verdict = "ok" if tally.failures == 0 else f"{tally.failures} runs off target"
        print(f"target: 0 for {', '.join(TARGET_ZERO)}: {verdict}")
        if args.measure:
            for line in measure(shipped_examples()[-1], work):
                print(line)
        return tally
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(1 if main().failures else 0)
