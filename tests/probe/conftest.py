"""Real HTTP servers on 127.0.0.1 for the probe tests: each route is a small handler function."""

from __future__ import annotations

import json
import os
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import trustme

# Real public API descriptions (a folder of them, not shipped): the tests that read them run only
# where OMNIREADY_VENDOR_SPECS names that folder. .ci/run sets it, and sets
# OMNIREADY_REQUIRE_VENDOR_SPECS=1 so that a skip there is a failure instead.
VENDOR_SPECS_ENV = "OMNIREADY_VENDOR_SPECS"


def vendor_specs_folder() -> Path:
    """The folder of real vendor documents, or a skip (a failure where they are required)."""
    folder = os.environ.get(VENDOR_SPECS_ENV, "")
    required = os.environ.get("OMNIREADY_REQUIRE_VENDOR_SPECS") == "1"
    if folder and Path(folder, "README.md").is_file():
        return Path(folder)
    why = (
        f"{VENDOR_SPECS_ENV}={folder!r} is not a folder of vendor documents"
        if folder
        else f"set {VENDOR_SPECS_ENV} to a folder of real vendor API documents to run this test"
    )
    if required:
        pytest.fail(why + " (required here: OMNIREADY_REQUIRE_VENDOR_SPECS=1)")
    pytest.skip(why)


@pytest.fixture(scope="session")
def vendor_specs() -> Path:
    return vendor_specs_folder()


Handler = Callable[[BaseHTTPRequestHandler], None]


def send(
    req: BaseHTTPRequestHandler,
    status: int = 200,
    body: bytes | str = b"",
    headers: dict[str, str] | list[tuple[str, str]] | None = None,
) -> None:
    """Write one complete response with a Content-Length."""
    data = body.encode() if isinstance(body, str) else body
    req.send_response(status)
    items = headers.items() if isinstance(headers, dict) else (headers or [])
    for name, value in items:
        req.send_header(name, value)
    req.send_header("Content-Length", str(len(data)))
    req.end_headers()
    if req.command != "HEAD":
        req.wfile.write(data)


def reply(
    status: int = 200,
    body: bytes | str = b"",
    headers: dict[str, str] | list[tuple[str, str]] | None = None,
) -> Handler:
    """A handler that always sends the same response."""
    return lambda req: send(req, status, body, headers)


def json_reply(document: Any, status: int = 200, **headers: str) -> Handler:
    return reply(status, json.dumps(document), {"Content-Type": "application/json", **headers})


@dataclass
class Seen:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]


@dataclass
class Server:
    """A running test server: its base URL and what it was asked."""

    url: str
    origin: str
    seen: list[Seen] = field(default_factory=list)

    def paths(self) -> list[str]:
        return [s.path for s in self.seen]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    routes: dict[str, Handler] = {}
    record: list[Seen] = []

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes; without this, Nagle plus delayed ACK
        # adds 40 ms to every keep-alive request.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet tests
        pass

    def _dispatch(self) -> None:
        path = self.path.split("?", 1)[0]
        self.record.append(
            Seen(self.command, path, {k.lower(): v for k, v in self.headers.items()})
        )
        handler = self.routes.get(f"{self.command} {path}") or self.routes.get(path)
        try:
            if handler is None:
                send(self, 404, "not found", {"Content-Type": "text/plain"})
            else:
                handler(self)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            self.close_connection = True

    do_GET = do_POST = do_OPTIONS = do_HEAD = _dispatch


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # the default of 5 drops bursts of connections (1 s SYN retry)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that hang up on hostile handlers are expected, not news


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="session")
def ca_file(ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture
def serve(ca: trustme.CA) -> Iterator[Callable[..., Server]]:
    """Start servers: serve(routes, tls=False, cert=None, path='/') → Server."""
    running: list[_Server] = []

    def start(
        routes: dict[str, Handler],
        *,
        tls: bool = False,
        cert: trustme.LeafCert | None = None,
        path: str = "/",
    ) -> Server:
        record: list[Seen] = []
        handler = type("H", (_Handler,), {"routes": routes, "record": record})
        httpd = _Server(("127.0.0.1", 0), handler)
        scheme = "http"
        if tls:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            (cert or ca.issue_cert("127.0.0.1", "localhost")).configure_cert(context)
            httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
            scheme = "https"
        threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        running.append(httpd)
        port = httpd.server_address[1]
        origin = f"{scheme}://127.0.0.1:{port}"
        return Server(origin + path, origin, record)

    yield start
    for httpd in running:
        httpd.shutdown()
        httpd.server_close()


def closed_port() -> int:
    """A local port with nothing listening on it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# Hostile handlers ------------------------------------------------------------------------------


def drip(req: BaseHTTPRequestHandler) -> None:
    """Announce a big body, then send one byte every 0.2 s, forever."""
    req.send_response(200)
    req.send_header("Content-Type", "application/json")
    req.send_header("Content-Length", "100000")
    req.end_headers()
    req.wfile.write(b"{")
    while True:
        time.sleep(0.2)
        req.wfile.write(b" ")
        req.wfile.flush()


def endless(req: BaseHTTPRequestHandler) -> None:
    """A body with no length that never ends."""
    req.send_response(200)
    req.send_header("Content-Type", "application/json")
    req.send_header("Connection", "close")
    req.end_headers()
    chunk = b'{"a": "' + b"x" * 65536
    while True:
        req.wfile.write(chunk)


def redirect_loop(req: BaseHTTPRequestHandler) -> None:
    n = int(req.path.rsplit("/", 1)[-1] or 0) if req.path.rsplit("/", 1)[-1].isdigit() else 0
    send(req, 302, "", {"Location": f"/loop/{(n + 1) % 2}"})


ALIAS_BOMB = """\
openapi: 3.1.0
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
paths: {"/x": {get: {responses: {"200": {description: *i}}}}}
"""

OPENAPI_31_WEBHOOKS = {
    "openapi": "3.1.0",
    "info": {"title": "Helpdesk", "version": "1"},
    "paths": {
        "/tickets": {"get": {"responses": {}}, "post": {"responses": {}}},
        "/tickets/{id}": {"$ref": "#/components/pathItems/Ticket"},
    },
    "webhooks": {
        "ticketCreated": {"post": {"responses": {}}},
        "ticketSolved": {"post": {"responses": {}}},
    },
    "components": {
        "pathItems": {"Ticket": {"get": {}, "delete": {}, "parameters": []}},
        "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
    },
}

SWAGGER_20_YAML = """\
swagger: 2.0
info: {title: Legacy CRM, version: "7"}
paths:
  /contacts:
    get: {responses: {"200": {description: ok}}}
    post: {responses: {"201": {description: made}}}
securityDefinitions:
  key: {type: apiKey, in: header, name: X-Key}
"""


# The shapes of the real vendor documents that matter to the probe, written here so that every
# clone runs them (the real documents run too where OMNIREADY_VENDOR_SPECS is set).
SHAPE_CALLBACKS = """\
openapi: 3.0.0
info: {title: Callback Example, version: 1.0.0}
paths:
  /streams:
    post:
      parameters: [{name: callbackUrl, in: query, required: true, schema: {type: string}}]
      responses: {'201': {description: subscribed}}
      callbacks:
        onData:
          '{$request.query.callbackUrl}/data':
            post: {responses: {'202': {description: ok}}}
"""

# Zendesk's shape: x-webhooks maps a name to a path item, as 3.1 `webhooks` does.
SHAPE_X_WEBHOOKS_PATH_ITEM = """\
openapi: 3.0.2
info: {title: Conversations, version: '2'}
paths:
  /apps/{appId}/conversations:
    get: {responses: {'200': {description: ok}}}
    post: {responses: {'201': {description: made}}}
x-webhooks:
  conversationCreated:
    post: {responses: {'200': {description: ok}}}
components:
  securitySchemes:
    basicAuth: {type: http, scheme: basic}
    bearerAuth: {type: http, scheme: bearer}
"""

# Vonage's shape: x-webhooks maps a name to a callback keyed by a runtime expression, and an
# operation has real callbacks too.
SHAPE_X_WEBHOOKS_CALLBACK = """\
openapi: 3.0.0
info: {title: Messages, version: 1.0.0}
paths:
  /v1/messages:
    post:
      responses: {'202': {description: accepted}}
      callbacks:
        message-status:
          '{$request.body#/status_url}':
            post: {responses: {'200': {description: ok}}}
x-webhooks:
  inbound-message:
    '{$request.body#/inbound_url}':
      post: {responses: {'200': {description: ok}}}
components:
  securitySchemes:
    basicAuth: {type: http, scheme: basic}
    bearerAuth: {type: http, scheme: bearer}
"""

SHAPE_ASYNCAPI_26 = """\
asyncapi: 2.6.0
info: {title: Streetlights, version: 1.0.0}
channels:
  smartylighting/streetlights/1/0/event/{streetlightId}/lighting/measured:
    subscribe: {message: {payload: {type: object}}}
  smartylighting/streetlights/1/0/action/{streetlightId}/turn/on:
    publish: {message: {payload: {type: object}}}
  smartylighting/streetlights/1/0/action/{streetlightId}/dim:
    publish: {message: {payload: {type: object}}}
components:
  securitySchemes:
    apiKey: {type: apiKey, in: user}
"""

# Adyen's shape: webhooks only, no `paths` and no `servers`; written with a space before a colon.
SHAPE_NO_PATHS = (
    '{"openapi" : "3.1.0", "info": {"title": "Webhooks", "version": "1"},'
    ' "webhooks": {"AUTHORISATION": {"post": {}}, "REFUND": {"post": {}}, "CAPTURE": {"post": {}}},'
    ' "components": {"securitySchemes": {"BasicAuth": {"type": "http", "scheme": "basic"}}}}'
)

# Slack's shape: Swagger 2.0 JSON whose version key comes last, after the paths.
SHAPE_SWAGGER_KEY_LAST = json.dumps(
    {
        "info": {"title": "Web API", "version": "1"},
        "paths": {"/chat.postMessage": {"post": {}}, "/users.list": {"get": {}}},
        "securityDefinitions": {
            "slackAuth": {"type": "oauth2", "flow": "accessCode", "scopes": {}}
        },
        "swagger": "2.0",
    }
)
