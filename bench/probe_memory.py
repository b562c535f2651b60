"""Peak memory of `omniready probe` reading large API descriptions (issue 13, point 4).

Writes descriptions of a given size (JSON and YAML, generated, realistic in shape: many paths,
parameters and response schemas), serves them from a local server in its own process, runs the
installed console script on N tools at once and prints the probe process's peak resident memory:

  one tool, a 24 MB description            target <= 600 MB (under the 25 MB body cap)
  32 tools, a 5 MB description each         target <= 1 GB

Usage: python bench/probe_memory.py [--only json|yaml]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MB = 1_000_000
# tools, description MB, target peak MB; 24 MB is under the default --max-body of 25 MB.
CASES = ((1, 24, 600), (32, 5, 1000))

MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
import json
try:
    statuses = sorted({t["status"] for t in json.loads(done.stdout)["tools"]})
except ValueError:
    statuses = [done.stderr[-300:]]
print(peak, done.returncode, ",".join(statuses))
"""


def operation(i: int) -> dict[str, object]:
    fields = {f"field{k}": {"type": "integer", "format": "int64"} for k in range(20)}
    return {
        "summary": f"operation {i}",
        "parameters": [
            {"name": f"p{j}", "in": "query", "schema": {"type": "string", "enum": ["a", "b"]}}
            for j in range(5)
        ],
        "responses": {
            "200": {
                "description": "ok",
                "content": {
                    "application/json": {"schema": {"type": "object", "properties": fields}}
                },
            }
        },
    }


def description(size: int, yaml_text: bool) -> str:
    """An OpenAPI 3.1 description of about `size` bytes (with 2 operations per path)."""
    one = len(_description(10, yaml_text)) - len(_description(0, yaml_text))
    return _description(max(1, size * 10 // one), yaml_text)


def _description(count: int, yaml_text: bool) -> str:
    head = {"openapi": "3.1.0", "info": {"title": "large", "version": "1"}}
    if not yaml_text:
        paths = ", ".join(
            f'"/r{i}": ' + json.dumps({"get": operation(i), "post": operation(i)})
            for i in range(count)
        )
        return json.dumps(head)[:-1] + ', "paths": {' + paths + "}}"
    # YAML in block style, as vendors publish it; written directly (yaml.dump is slow).
    lines = ["openapi: 3.1.0", "info:", "  title: large", "  version: '1'", "paths:"]
    for i in range(count):
        lines.append(f"  /r{i}:")
        for method in ("get", "post"):
            lines += [f"    {method}:", f"      summary: operation {i}", "      parameters:"]
            for j in range(5):
                lines += [
                    f"      - name: p{j}",
                    "        in: query",
                    "        schema:",
                    "          type: string",
                    "          enum: [a, b]",
                ]
            lines += [
                "      responses:",
                "        '200':",
                "          description: ok",
                "          content:",
                "            application/json:",
                "              schema:",
                "                type: object",
                "                properties:",
            ]
            for k in range(20):
                lines += [f"                  field{k}:", "                    type: integer"]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["json", "yaml"])
    args = parser.parse_args()
    kinds = [args.only] if args.only else ["json", "yaml"]
    exe = shutil.which("omniready", path=os.path.dirname(sys.executable)) or "omniready"
    work = Path(tempfile.mkdtemp(prefix="omniready-memory-"))
    server = None
    try:
        for _, size, _ in CASES:
            for kind in kinds:
                text = description(size * MB, kind == "yaml")
                folder = work / f"{kind}{size}"
                folder.mkdir()
                (folder / f"openapi.{kind}").write_text(text, encoding="utf-8")
        server = subprocess.Popen(
            [sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1"],
            cwd=work,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert server.stdout is not None
        port = int(server.stdout.readline().split(" port ")[1].split(" ")[0])
        worst = 0.0
        for tools, size, target in CASES:
            for kind in kinds:
                spec = f"http://127.0.0.1:{port}/{kind}{size}/openapi.{kind}"
                real = (work / f"{kind}{size}" / f"openapi.{kind}").stat().st_size
                inventory = work / f"{kind}{size}x{tools}.yaml"
                inventory.write_text(
                    "".join(
                        f"- {{id: t{i}, name: T{i}, base_url: 'http://127.0.0.1:{port}/',"
                        f" api: {{spec_url: '{spec}?t={i}'}}}}\n"
                        for i in range(tools)
                    ),
                    encoding="utf-8",
                )
                command = [exe, "probe", str(inventory), "--no-write", "-f", "json"]
                command += ["--concurrency", "32", "--per-host", "32"]
                started = time.perf_counter()
                measured = subprocess.run(
                    [sys.executable, "-c", MEASURE, *command],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                wall = time.perf_counter() - started
                peak_text, code, statuses = measured.stdout.strip().split(" ", 2)
                peak = int(peak_text)
                worst = max(worst, peak / target)
                verdict = "OK" if peak <= target else "MISS"
                print(
                    f"{tools:>2} tool(s) x {real / MB:5.1f} MB {kind:<4}  peak {peak:5d} MB"
                    f"  (target <= {target} MB) {verdict}  {wall:5.1f} s  exit {code}"
                    f"  status {statuses}"
                )
        print(f"worst peak / target {worst:.2f}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
