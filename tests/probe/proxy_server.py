"""A real forward proxy on 127.0.0.1 for the proxy tests: CONNECT tunnels (what https goes
through), each logged; optionally demanding Basic credentials (407) as corporate proxies do."""

from __future__ import annotations

import base64
import select
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field


@dataclass
class ForwardProxy:
    """A running proxy: its URL (without credentials) and the CONNECT targets it served."""

    url: str
    connects: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # requests answered 407


def _read_head(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data and len(data) < 65536:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def _relay(a: socket.socket, b: socket.socket) -> None:
    """Copy bytes both ways until either side closes."""
    sockets = [a, b]
    while True:
        readable, _, _ = select.select(sockets, [], [], 5)
        if not readable:
            continue
        for sock in readable:
            data = sock.recv(65536)
            if not data:
                return
            (b if sock is a else a).sendall(data)


def _handle(conn: socket.socket, state: ForwardProxy, credentials: str | None) -> None:
    with conn:
        head = _read_head(conn).decode("latin-1")
        request_line, *lines = head.split("\r\n")
        method, target, _ = request_line.split(" ", 2)
        headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines)}
        if credentials is not None:
            expected = "Basic " + base64.b64encode(credentials.encode()).decode()
            if headers.get("proxy-authorization") != expected:
                state.refused.append(f"{method} {target}")
                conn.sendall(
                    b"HTTP/1.1 407 Proxy Authentication Required\r\n"
                    b'Proxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n'
                    b"Connection: close\r\n\r\n"
                )
                return
        if method != "CONNECT":
            conn.sendall(b"HTTP/1.1 501 Not Implemented\r\nContent-Length: 0\r\n\r\n")
            return
        state.connects.append(target)
        host, _, port = target.rpartition(":")
        try:
            upstream = socket.create_connection((host.strip("[]"), int(port)), timeout=5)
        except OSError:
            conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            return
        with upstream:
            conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            with suppress(OSError):
                _relay(conn, upstream)


@contextmanager
def forward_proxy(credentials: str | None = None) -> Iterator[ForwardProxy]:
    """Run a proxy until the block ends; `credentials` ("user:password") makes it demand them."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.settimeout(0.1)
    state = ForwardProxy(f"http://127.0.0.1:{listener.getsockname()[1]}")
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            conn.settimeout(None)
            threading.Thread(target=_handle, args=(conn, state, credentials), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        stop.set()
        thread.join()
        listener.close()
