"""Benchmark of `omniready probe` against a floor and a peer.

Starts a local server (in its own process) that answers every request after a fixed delay, one
port per tool so each tool is its own origin, probes N tools, and prints:

  probe wall time / xargs curl the same URLs, `xargs -P <concurrency> -n 1 curl`  (target <= 1.0)
  probe wall time / ideal      ideal = requests x delay / concurrency   (information, no target)
  probe wall time / bare httpx the same URLs from a bare httpx loop (information, no target)

The probe is timed as a user runs it: the installed console script in a subprocess, start-up
included. Usage: python bench/probe.py [--tools 200] [--delay 0.05] [--concurrency 32]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SPEC = json.dumps(
    {
        "openapi": "3.1.0",
        "info": {"title": "bench", "version": "1"},
        "paths": {"/a": {"get": {}}},
        "webhooks": {"created": {"post": {}}},
    }
).encode()


# A bare httpx loop, as information: the same URLs and limit through the same library, with
# none of the probe's policy (no redirects, caps, retries, per-origin limits or discovery).
BARE_HTTPX = """
import asyncio, sys, httpx
urls = open(sys.argv[1]).read().split()

async def main():
    limit = asyncio.Semaphore(int(sys.argv[2]))
    async with httpx.AsyncClient(http2=True, trust_env=False) as client:
        async def one(url):
            async with limit:
                await client.get(url)
        await asyncio.gather(*(one(u) for u in urls))
asyncio.run(main())
"""


def byte_compile(package: str) -> None:
    """Compile the installed package's modules, as `pip install` does, so that an editable
    install under PYTHONDONTWRITEBYTECODE=1 is not timed recompiling its sources each run."""
    found = subprocess.run(
        [sys.executable, "-c", f"import {package}, os; print(os.path.dirname({package}.__file__))"],
        capture_output=True,
        text=True,
        check=True,
    )
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", found.stdout.strip()],
        capture_output=True,
        check=True,
    )


def verdict(ratio: float, target: float) -> str:
    """OK when the ratio meets its target, else MISS (as bench/diff.py says it)."""
    return "OK" if ratio <= target else "MISS"


def serve(ports: int, delay: float, log: Path) -> None:
    """Server mode: listen on `ports` ports, answer after `delay`, log each request URL."""

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        port = writer.get_extra_info("sockname")[1]
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                method, target = head.split(b" ", 2)[:2]
                lines.append(f"http://127.0.0.1:{port}{target.decode()}\n")
                await asyncio.sleep(delay)
                if target == b"/openapi.json":
                    status, body = b"200 OK", SPEC
                elif target == b"/":
                    status, body = b"200 OK", b"hello"
                else:
                    status, body = b"404 Not Found", b"no"
                writer.write(
                    b"HTTP/1.1 " + status + b"\r\nContent-Type: application/json\r\n"
                    b"Content-Length: "
                    + str(len(body)).encode()
                    + b"\r\n\r\n"
                    + (body if method != b"HEAD" else b"")
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass  # the client hung up, or the bench is over
        finally:
            writer.close()

    lines: list[str] = []

    async def main() -> None:
        servers = [
            await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024) for _ in range(ports)
        ]
        found = [s.sockets[0].getsockname()[1] for s in servers]
        print(json.dumps(found), flush=True)
        loop = asyncio.get_running_loop()
        while True:
            command = await loop.run_in_executor(None, sys.stdin.readline)
            if command.strip() == "flush":
                log.write_text("".join(lines), encoding="utf-8")
                lines.clear()
                print("ok", flush=True)
            elif not command:
                return

    asyncio.run(main())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tools", type=int, default=200)
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--log", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.tools, args.delay, args.log)
        return

    work = Path(tempfile.mkdtemp(prefix="omniready-bench-"))
    log = work / "requests.log"
    server = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--serve",
            "--tools",
            str(args.tools),
            "--delay",
            str(args.delay),
            "--log",
            str(log),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdin and server.stdout
        ports = json.loads(server.stdout.readline())
        inventory = work / "vendors.yaml"
        inventory.write_text(
            "".join(
                f"- {{id: t{i}, name: T{i}, base_url: 'http://127.0.0.1:{port}/'}}\n"
                for i, port in enumerate(ports)
            ),
            encoding="utf-8",
        )

        def flush() -> list[str]:
            server.stdin.write("flush\n")  # type: ignore[union-attr]
            server.stdin.flush()  # type: ignore[union-attr]
            server.stdout.readline()  # type: ignore[union-attr]
            return log.read_text(encoding="utf-8").splitlines()

        exe = shutil.which("omniready", path=os.path.dirname(sys.executable)) or "omniready"
        byte_compile("omniready")
        empty = work / "empty.yaml"
        empty.write_text("[]\n", encoding="utf-8")
        started = time.perf_counter()
        subprocess.run(
            [exe, "probe", str(empty), "--no-write", "-f", "json"], capture_output=True, check=True
        )
        startup = time.perf_counter() - started
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(
            [
                exe,
                "probe",
                str(inventory),
                "--no-write",
                "--format",
                "json",
                "--concurrency",
                str(args.concurrency),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        probe_wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        probe_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            sys.exit(f"probe failed ({done.returncode}): {done.stderr[-2000:]}")
        statuses = {t["status"] for t in json.loads(done.stdout)["tools"]}
        urls = flush()
        requests = len(urls)
        ideal = requests * args.delay / args.concurrency

        # The same library with none of the probe's policy: the same URLs, the same limit.
        urls_file = work / "urls.txt"
        urls_file.write_text("\n".join(urls), encoding="utf-8")
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", BARE_HTTPX, str(urls_file), str(args.concurrency)], check=True
        )
        bare_wall = time.perf_counter() - started
        flush()

        curl = shutil.which("curl")
        curl_wall = None
        if curl:
            started = time.perf_counter()
            subprocess.run(
                ["xargs", "-P", str(args.concurrency), "-n", "1", curl, "-s", "-o", "/dev/null"],
                input="\n".join(urls),
                text=True,
                check=True,
            )
            curl_wall = time.perf_counter() - started
            curl_requests = len(flush())

        load = os.getloadavg()[0]
        print(
            f"tools {args.tools}, delay {args.delay * 1000:g} ms, concurrency "
            f"{args.concurrency}, {requests} requests, statuses {sorted(statuses)}"
        )
        print(f"machine: {os.cpu_count()} CPU(s), load average {load:.1f} (other work skews this)")
        print(
            f"probe wall time           {probe_wall:7.2f} s  (console script, start-up included;"
            f" CPU {probe_cpu:.2f} s, {probe_cpu / requests * 1000:.2f} ms per request)"
        )
        print(f"start-up alone            {startup:7.2f} s  (empty inventory: imports, set-up)")
        print(f"ideal                     {ideal:7.2f} s  (requests x delay / concurrency)")
        print(f"probe / ideal             {probe_wall / ideal:7.2f}    (information, no target)")
        print(f"(probe - start-up) / ideal {(probe_wall - startup) / ideal:6.2f}    (no target)")
        print(
            f"bare httpx, same URLs     {bare_wall:7.2f} s  "
            f"({bare_wall / ideal:.2f} x ideal: httpx, one semaphore, no policy)"
        )
        print(f"probe / bare httpx        {probe_wall / bare_wall:7.2f}    (no target)")
        if curl_wall is not None:
            print(
                f"xargs -P {args.concurrency} -n 1 curl      {curl_wall:7.2f} s  "
                f"({curl_requests} requests)"
            )
            print(
                f"probe / xargs curl        {probe_wall / curl_wall:7.2f}    (target <= 1.0) "
                f"{verdict(probe_wall / curl_wall, 1.0)}"
            )
        else:
            print("curl not found: no peer measured")
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
