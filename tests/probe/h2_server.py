"""A small HTTP/2 server over TLS on 127.0.0.1, driven by the h2 package (the protocol engine
httpx uses as a client), for the test that the probe speaks HTTP/2 where a vendor offers it."""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import h2.config
import h2.connection
import h2.events
import trustme


def _serve(conn: ssl.SSLSocket, routes: dict[str, tuple[int, bytes]], seen: list[str]) -> None:
    h2conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False))
    h2conn.initiate_connection()
    conn.sendall(h2conn.data_to_send())
    with conn, suppress(OSError, ssl.SSLError):
        while True:
            data = conn.recv(65536)
            if not data:
                return
            for event in h2conn.receive_data(data):
                if isinstance(event, h2.events.RequestReceived):
                    headers = {
                        (k.decode() if isinstance(k, bytes) else k): (
                            v.decode() if isinstance(v, bytes) else v
                        )
                        for k, v in event.headers
                    }
                    path = headers[":path"].split("?", 1)[0]
                    seen.append(path)
                    status, body = routes.get(path, (404, b"not found"))
                    h2conn.send_headers(
                        event.stream_id,
                        [(":status", str(status)), ("content-length", str(len(body)))],
                        end_stream=not body,
                    )
                    if body:
                        h2conn.send_data(event.stream_id, body, end_stream=True)
                elif isinstance(event, h2.events.ConnectionTerminated):
                    return
            conn.sendall(h2conn.data_to_send())


@contextmanager
def h2_server(
    ca: trustme.CA, routes: dict[str, tuple[int, bytes]]
) -> Iterator[tuple[str, list[str]]]:
    """(origin, paths asked) of a TLS server that offers only h2 by ALPN."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    context.set_alpn_protocols(["h2"])
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    stop = threading.Event()
    seen: list[str] = []

    def accept() -> None:
        while not stop.is_set():
            try:
                raw, _ = listener.accept()
            except OSError:
                continue
            try:
                raw.settimeout(5)
                conn = context.wrap_socket(raw, server_side=True)
            except (OSError, ssl.SSLError):
                raw.close()
                continue
            threading.Thread(target=_serve, args=(conn, routes, seen), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{listener.getsockname()[1]}", seen
    finally:
        stop.set()
        thread.join()
        listener.close()
