"""`omniready probe` as a user runs it: every format, exit codes, --fail-on, waivers, writing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from omniready.cli import app
from omniready.probe.choices import Format

from .conftest import OPENAPI_31_WEBHOOKS, Server, json_reply, reply, send

Serve = Callable[..., Server]
runner = CliRunner()
SECRET = "tok-9f8e7d6c5b4a-NEVER-PRINT"
FAST = ["--timeout", "2", "--connect-timeout", "2", "--deadline", "5", "--lang", "en"]


def audit_text(with_hooks: str, without_hooks: str, extra: str = "") -> str:
    return f"""\
# Acme vendors — probed in CI
schema: 1
organization: {{name: Acme}}
steps:
  tools:
    inventory:
      - id: helpdesk   # Zendesk
        name: Helpdesk
        base_url: {with_hooks}
        auth: {{token_env: HELPDESK_TOKEN}}
        claims: {{api: true, webhooks: true}}
      - id: shop
        name: Shop
        base_url: {without_hooks}
        claims: {{webhooks: true}}
{extra}"""


@pytest.fixture
def audit(serve: Serve, tmp_path: Path) -> Path:
    hooks = serve({"/openapi.json": json_reply(OPENAPI_31_WEBHOOKS)})
    plain = serve({"/": reply(200, "hello")})
    path = tmp_path / "acme.yaml"
    path.write_text(audit_text(hooks.url, plain.url), encoding="utf-8")
    return path


def invoke(*args: str | Path, env: dict[str, str] | None = None) -> object:
    return runner.invoke(
        app,
        ["probe", *(str(a) for a in args), *FAST],
        env={"HELPDESK_TOKEN": SECRET, **(env or {})},
    )


def test_writes_probe_blocks_keeping_comments(audit: Path) -> None:
    before = audit.read_text(encoding="utf-8")
    result = invoke(audit)
    assert result.exit_code == 0, result.output
    after = audit.read_text(encoding="utf-8")
    assert after.startswith(
        before.split("      - id: shop")[0].rstrip("\n").rsplit("\n", 0)[0][:40]
    )
    assert "# Acme vendors — probed in CI" in after and "# Zendesk" in after
    assert after.count("    probe:\n") == 2
    assert "saved into" in result.stderr
    assert "helpdesk" in result.stdout and "shop" in result.stdout


def test_no_write_leaves_the_file_alone(audit: Path) -> None:
    before = audit.read_bytes()
    result = invoke(audit, "--no-write", "--format", "json")
    assert result.exit_code == 0, result.output
    assert audit.read_bytes() == before
    assert "saved into" not in result.stderr


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format(audit: Path, fmt: Format) -> None:
    result = invoke(audit, "--format", fmt.value, "--fail-on", "no-webhooks", "--no-write")
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert SECRET not in result.output
    if fmt is Format.json:
        document = json.loads(out)
        helpdesk, shop = document["tools"]
        for key in (
            "id",
            "status",
            "error",
            "api",
            "webhooks",
            "auth",
            "tls",
            "rate_limit",
            "latency_ms",
            "findings",
        ):
            assert key in helpdesk
        for key in ("evidence", "spec_url", "format", "version", "operations", "security"):
            assert key in helpdesk["api"]
        for key in (
            "evidence",
            "declared",
            "callback_operations",
            "extensions",
            "handshake",
            "websub_hub",
        ):
            assert key in helpdesk["webhooks"]
        assert (helpdesk["api"]["operations"], helpdesk["webhooks"]["declared"]) == (4, 2)
        # base_url's status and version, and every request made with its outcome.
        assert (shop["http_status"], shop["http_version"]) == (200, "HTTP/1.1")
        asked = {r["url"]: r for r in shop["requests"]}
        assert asked[shop["base_url"]]["status"] == 200
        assert asked[shop["base_url"]]["error"] is None
        assert len(asked) == len(shop["requests"]) > 10  # base_url, catalog, guesses, auth
        assert {r["status"] for r in shop["requests"]} == {200, 404}
        assert all(isinstance(r["ms"], float) for r in shop["requests"])
        assert shop["failed"] and shop["conditions"][0]["condition"] == "no-webhooks"
        assert document["failed"] is True
    elif fmt is Format.junit:
        suite = ET.fromstring(out)
        assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
        assert suite.find("testcase[@name='shop']/failure") is not None
        assert suite.find("testcase[@name='helpdesk']/failure") is None
    elif fmt is Format.sarif:
        document = json.loads(out)
        results = document["runs"][0]["results"]
        shop = [r for r in results if r["message"]["text"].startswith("shop")]
        assert {r["ruleId"] for r in shop} == {"no-api", "no-webhooks", "claim-mismatch"}
        levels = {r["ruleId"]: r["level"] for r in shop}
        assert levels["no-webhooks"] == "error" and levels["no-api"] == "note"
        region = shop[0]["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (12, 9)  # `- id: shop`
    elif fmt is Format.github:
        lines = out.splitlines()
        assert any(
            line.startswith("::error file=")
            and ",line=12,col=9," in line
            and "shop%3A no-webhooks" in line
            for line in lines
        )
        assert lines[-1].startswith("::notice title=omniready probe::2 tool(s)")
    else:
        assert out.splitlines()[0].split() == [
            "tool",
            "status",
            "http",
            "api",
            "webhooks",
            "findings",
            "verdict",
        ]
        assert "no-webhooks: FAIL" in out


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [
        ([], 0),
        (["no-api"], 1),  # shop has no description
        (["no-webhooks"], 1),
        (["claim-mismatch"], 1),  # shop claims webhooks
        (["unreachable"], 0),
        (["sunset"], 0),
        (["tls-expiring:30"], 0),  # plain http: no certificate to expire
        (["unreachable,sunset", "tls-expiring:9"], 0),
    ],
)
def test_fail_on_conditions(audit: Path, fail_on: list[str], code: int) -> None:
    args: list[str] = []
    for value in fail_on:
        args += ["--fail-on", value]
    result = invoke(audit, "--no-write", "-f", "json", *args)
    assert result.exit_code == code, result.output


def test_only(audit: Path) -> None:
    result = invoke(
        audit, "--no-write", "-f", "json", "--only", "helpdesk", "--fail-on", "no-webhooks"
    )
    assert result.exit_code == 0, result.output
    assert [t["id"] for t in json.loads(result.stdout)["tools"]] == ["helpdesk"]
    bad = invoke(audit, "--no-write", "--only", "nobody")
    assert bad.exit_code == 2 and "unknown tool(s): nobody" in bad.stderr


def test_only_skips_the_base_url_check_of_tools_left_out(serve: Serve, tmp_path: Path) -> None:
    plain = serve({"/": reply(200, "")})
    path = tmp_path / "a.yaml"
    path.write_text(
        f"- {{id: pos, name: POS}}\n- {{id: web, name: Web, base_url: '{plain.url}'}}\n",
        encoding="utf-8",
    )
    refused = invoke(path, "--no-write")
    assert refused.exit_code == 2
    assert f"{path}:1:3: tool 'pos' has no base_url" in refused.stderr
    assert "hint: add the tool's base_url, or probe the others with --only ID" in refused.stderr
    result = invoke(path, "--only", "web")
    assert result.exit_code == 0, result.output
    assert "probe:" in path.read_text(encoding="utf-8")


def waiver(expires: str) -> str:
    return (
        "waivers:\n  - tool: shop\n    condition: no-webhooks\n"
        f"    reason: vendor ships webhooks in Q3\n    expires: {expires}\n"
    )


def test_valid_waiver_passes_and_is_shown(serve: Serve, tmp_path: Path) -> None:
    hooks = serve({"/openapi.json": json_reply(OPENAPI_31_WEBHOOKS)})
    plain = serve({"/": reply(200, "")})
    path = tmp_path / "a.yaml"
    path.write_text(audit_text(hooks.url, plain.url, waiver("2999-12-31")), encoding="utf-8")
    result = invoke(path, "--no-write", "--fail-on", "no-webhooks")
    assert result.exit_code == 0, result.output
    assert "no-webhooks: waived" in result.stdout
    github = invoke(path, "--no-write", "--fail-on", "no-webhooks", "-f", "github")
    assert github.exit_code == 0
    assert "waived until 2999-12-31: vendor ships webhooks in Q3" in github.stdout


def test_expired_waiver_fails_and_says_so(serve: Serve, tmp_path: Path) -> None:
    hooks = serve({"/openapi.json": json_reply(OPENAPI_31_WEBHOOKS)})
    plain = serve({"/": reply(200, "")})
    path = tmp_path / "a.yaml"
    path.write_text(audit_text(hooks.url, plain.url, waiver("2001-01-01")), encoding="utf-8")
    result = invoke(path, "--no-write", "--fail-on", "no-webhooks", "-f", "json")
    assert result.exit_code == 1, result.output
    shop = json.loads(result.stdout)["tools"][1]
    assert shop["conditions"][0]["expired"] is True
    assert "waiver expired on 2001-01-01" in shop["conditions"][0]["message"]


BAD_INPUT = [
    (
        "schema: 1\norganization: {name: A}\nsteps:\n  tools:\n    inventory:\n"
        "      - {id: a, name: A, claims: {webhooks: true}}\n",
        ":6:9: tool 'a' has no base_url to check its claims (webhooks)",
    ),
    (
        "- {id: a, name: A, base_url: 'http://a.example'}\n- {id: a, name: B, base_url: 'http://b'}\n",
        ":2:8: duplicate tool id 'a' (first at line 1)",
    ),
    ("- {id: a, name: A, base_url: 'https://exa mple.com'}\n", ":1:30: bad URL"),
    ("- {id: a, name: A, base_url: [\n", ":2:1: invalid YAML"),
]


@pytest.mark.parametrize(("text", "where"), BAD_INPUT)
def test_bad_input_exits_2_with_file_line_col(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    result = invoke(path)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{path}{where}"), result.stderr
    assert path.read_text(encoding="utf-8") == text
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fail-on", "no-fun"], "unknown condition 'no-fun'"),
        (["--fail-on", "tls-expiring"], "tls-expiring needs a number of days"),
        (["--max-body", "lots"], "not a size"),
        (["--format", "pdf"], "Invalid value"),
        (["--concurrency", "0"], "Invalid value"),
    ],
)
def test_bad_options_exit_2(audit: Path, args: list[str], message: str) -> None:
    result = invoke(audit, *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    result = invoke(tmp_path / "missing.yaml")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{tmp_path / 'missing.yaml'}: no such file"


def test_output_file(audit: Path, tmp_path: Path) -> None:
    out = tmp_path / "probe.sarif"
    result = invoke(audit, "--no-write", "-f", "sarif", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_token_appears_nowhere(audit: Path, tmp_path: Path) -> None:
    seen: list[str] = []
    for fmt in Format:
        result = runner.invoke(
            app,
            ["--debug", "probe", str(audit), "-f", fmt.value, *FAST],
            env={"HELPDESK_TOKEN": SECRET},
        )
        assert result.exit_code == 0, result.output
        seen += [result.stdout, result.stderr]
    seen.append(audit.read_text(encoding="utf-8"))
    assert all(SECRET not in text for text in seen)
    assert "HELPDESK_TOKEN" in seen[-1]  # the name of the variable, never its value


def test_missing_token_is_a_warning_not_an_error(audit: Path) -> None:
    result = runner.invoke(app, ["probe", str(audit), "--no-write", *FAST], env={})
    assert result.exit_code == 0
    # Said before probing starts, not after the results.
    assert result.stderr.splitlines()[:2] == [
        "warning: helpdesk: $HELPDESK_TOKEN is not set; probing without credentials",
        "probe: 2 tool(s)",
    ]
    spanish = runner.invoke(
        app, ["probe", str(audit), "--no-write", *FAST[:-2], "--lang", "es"], env={}
    )
    assert spanish.stderr.splitlines()[0] == (
        "aviso: helpdesk: $HELPDESK_TOKEN no está definida; se sondea sin credenciales"
    )


def test_the_summary_is_printed_once(audit: Path) -> None:
    result = runner.invoke(app, ["probe", str(audit), "--no-write", *FAST[:-2], "--lang", "es"])
    assert "herramienta(s)" not in result.stdout
    assert result.stderr.count("herramienta(s)") == 2  # progress's count, then the summary
    assert "2 herramienta(s) sondeadas, 0 fallaron, 0 con fallas según --fail-on" in result.stderr


def test_saved_findings_do_not_depend_on_the_language(audit: Path) -> None:
    import re

    def saved() -> str:
        # The time and the latency of a probe change from run to run; nothing else may.
        return re.sub(r"(probed_at|latency_ms): .*", "X", audit.read_text(encoding="utf-8"))

    assert invoke(audit, "--lang", "en").exit_code == 0
    english = saved()
    assert "code: no-api" in english and "message:" not in english
    assert invoke(audit, "--lang", "es").exit_code == 0
    assert saved() == english


def test_console_script_prints_plain_progress_in_ci(audit: Path) -> None:
    exe = Path(sys.executable).with_name("omniready")
    env = {**os.environ, "HELPDESK_TOKEN": SECRET}
    done = subprocess.run(
        [str(exe), "probe", str(audit), "-f", "json", *FAST],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "probe: helpdesk: ok; api spec; webhooks declared" in done.stderr
    assert "\x1b[" not in done.stderr  # no bar, no colour in a log
    assert json.loads(done.stdout)["tools"][0]["id"] == "helpdesk"
    assert SECRET not in done.stdout + done.stderr


def test_spanish_for_people_ids_unchanged(audit: Path) -> None:
    args = ["probe", str(audit), "--no-write", "--fail-on", "no-webhooks", "--deadline", "5"]
    result = runner.invoke(
        app, args, env={"LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}
    )
    assert result.exit_code == 1, result.output
    header = result.stdout.splitlines()[0].split()
    assert header == ["herramienta", "estado", "http", "api", "webhooks", "hallazgos", "veredicto"]
    assert "no-webhooks: FALLA" in result.stdout
    assert "2 herramienta(s) sondeadas, 0 fallaron, 1 con fallas según --fail-on" in result.stderr
    english = runner.invoke(app, [*args, "-f", "json", "--lang", "en"])
    spanish = runner.invoke(app, [*args, "-f", "json", "--lang", "es"])
    en_shop, es_shop = (json.loads(r.stdout)["tools"][1] for r in (english, spanish))
    assert (
        en_shop["findings"][1]["message"] == "no webhook evidence: no webhooks in the "
        "description, no WebSub hub, no consented handshake"
    )
    assert es_shop["findings"][1]["message"].startswith("sin evidencia de webhooks")
    assert [f["condition"] for f in en_shop["findings"]] == [
        f["condition"] for f in es_shop["findings"]
    ]
    assert en_shop["status"] == es_shop["status"] == "ok"


def test_written_file_still_validates_and_loads(audit: Path) -> None:
    assert invoke(audit).exit_code == 0
    checked = runner.invoke(app, ["validate", str(audit)])
    assert checked.exit_code == 0, checked.output
    from omniready.audit.store import load_audit

    tools = load_audit(audit).steps.tools.inventory
    assert tools[0].probe is not None and tools[0].probe.api is not None
    assert tools[0].probe.api.operations == 4


def test_a_bad_ca_bundle_in_the_environment_is_bad_input_when_https_is_ahead(
    serve: Serve, tmp_path: Path
) -> None:
    secure = serve({"/": reply(200, "hello")}, tls=True)
    path = tmp_path / "vendors.yaml"
    path.write_text(f"- {{id: v, name: V, base_url: '{secure.url}'}}\n", encoding="utf-8")
    result = invoke(path, "--no-write", env={"SSL_CERT_FILE": str(tmp_path / "missing.pem")})
    assert result.exit_code == 2, result.output
    assert "missing.pem: cannot load CA certificates" in result.output


def test_a_bad_ca_bundle_met_through_a_redirect_is_that_vendors_tls_failure(
    serve: Serve, tmp_path: Path
) -> None:
    secure = serve({"/": reply(200, "hello")}, tls=True)
    hop = serve({"/": reply(302, "", {"Location": secure.url})})
    plain = serve({"/": reply(200, "hello")})
    path = tmp_path / "vendors.yaml"
    path.write_text(
        f"- {{id: hop, name: Hop, base_url: '{hop.url}'}}\n"
        f"- {{id: plain, name: Plain, base_url: '{plain.url}'}}\n",
        encoding="utf-8",
    )
    env = {"SSL_CERT_FILE": str(tmp_path / "missing.pem")}
    result = invoke(path, "--no-write", "--format", "json", env=env)
    assert result.exit_code == 0, result.output
    tools = {t["id"]: t for t in json.loads(result.stdout)["tools"]}
    assert tools["hop"]["status"] == "tls"
    assert "missing.pem" in tools["hop"]["error"]
    assert tools["plain"]["status"] == "ok"


HOSTILE_TEXT = (
    "\x1b[31mRED\x1b]0;TITLE\x07\r\n::error file=evil.yaml,line=1::forged\n\u009b2J\u202e"
)


@pytest.mark.parametrize("fmt", list(Format))
def test_vendor_text_cannot_rewrite_the_terminal_or_forge_ci_lines(
    serve: Serve, tmp_path: Path, fmt: Format
) -> None:
    spec = {
        "openapi": "3.0" + HOSTILE_TEXT,
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "x-webhooks" + HOSTILE_TEXT: {"a": {}},
        "components": {"securitySchemes": {"a": {"type": "http", "scheme": HOSTILE_TEXT}}},
    }
    vendor = serve(
        {
            "/": reply(
                401,
                "",
                [
                    ("WWW-Authenticate", "Bearer\u009b realm=x"),
                    ("Link", '<http://127.0.0.1/hub\u009b2J>; rel="hub"'),
                ],
            ),
            "/openapi.json": json_reply(spec),
            "/long.json": reply(200, "ok", {"Content-Encoding": "br" + "x" * 60_000}),
        }
    )
    path = tmp_path / "vendors.yaml"
    path.write_text(
        f"- {{id: hostile, name: H, base_url: '{vendor.url}'}}\n"
        f"- {{id: long, name: L, base_url: '{vendor.url}', api: {{spec_url: '{vendor.url}long.json'}}}}\n",
        encoding="utf-8",
    )
    result = invoke(path, "--no-write", "--format", fmt.value)
    assert result.exit_code == 0, result.output
    for text in (result.stdout, result.stderr):
        assert not any(c in text for c in "\x1b\x07\x9b\u202e"), repr(text[:500])
        assert all(len(line) < 5000 for line in text.splitlines())
        assert not any(line.startswith("::error file=evil") for line in text.splitlines())
    if fmt is Format.junit:
        ET.fromstring(result.stdout)  # well-formed XML, whatever the vendor sent


def test_the_readme_example_says_every_tool_failed_with_dns_and_exits_0_unless_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The README's day: the example's vendors live under .example, which never resolves.
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["audit", "acme.audit.yaml", "--example"]).exit_code == 0
    args = ["probe", "acme.audit.yaml", "--no-write", *FAST]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    rows = [row.split() for row in result.stdout.splitlines()[1:]]
    assert len(rows) == 7
    for row in rows:
        assert (row[1], row[2], row[-2:]) == ("dns", "-", ["failed:", "dns"]), row
    assert "probed 7 tool(s), 7 failed (dns 7), 0 failing --fail-on" in result.stderr
    asked = runner.invoke(app, [*args, "--fail-on", "unreachable"])
    assert asked.exit_code == 1
    assert "7 failed (dns 7), 7 failing --fail-on" in asked.stderr
    junit = ET.fromstring(runner.invoke(app, [*args, "-f", "junit"]).stdout)
    assert (junit.get("errors"), junit.get("failures")) == ("7", "0")
    assert junit.find("testcase/error[@type='dns']") is not None


def test_a_base_url_answering_404_is_not_found_not_ok(serve: Serve, tmp_path: Path) -> None:
    server = serve({"/": reply(200, "home")}, path="/api/v2-tpyo/")
    path = tmp_path / "vendors.yaml"
    path.write_text(
        f"- id: crm\n  name: CRM\n  base_url: {server.url}\n  claims: {{api: true}}\n",
        encoding="utf-8",
    )
    result = invoke(path, "--no-write", "-f", "json", "--fail-on", "not-found")
    assert result.exit_code == 1, result.output
    (crm,) = json.loads(result.stdout)["tools"]
    assert (crm["status"], crm["http_status"], crm["api"]["evidence"]) == ("http-404", 404, "none")
    assert [f["condition"] for f in crm["findings"]] == ["not-found"]
    assert crm["findings"][0]["message"].startswith(f"{server.url} answered 404")
    assert any(
        r["url"] == server.url and r["status"] == 404 and r["error"] is None
        for r in crm["requests"]
    )
    table = invoke(path, "--no-write")
    assert table.exit_code == 0
    assert table.stdout.splitlines()[1].split()[:4] == ["crm", "http-404", "404", "none"]


@pytest.mark.parametrize("args", [["--help"], ["probe", "--help"], ["--version"]])
def test_the_http_stack_is_imported_only_when_a_probe_runs(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from omniready.cli import main\n"
        f"sys.argv = ['omniready', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('httpx', 'httpcore', 'h2') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.splitlines()[-1] == "[]"


def test_a_vendor_echoing_the_token_back_never_gets_it_stored_or_shown(
    serve: Serve, tmp_path: Path
) -> None:
    def echo(req: BaseHTTPRequestHandler) -> None:
        sent = req.headers.get("Authorization", "")
        token = sent.removeprefix("Bearer ")
        headers = [
            ("X-RateLimit-Policy", sent),  # in a header we keep
            ("Link", f'</spec.json?key={token}>; rel="service-desc"'),  # in a URL we keep
        ]
        send(req, 200, "hi", headers)

    def metadata(req: BaseHTTPRequestHandler) -> None:
        sent = req.headers.get("Authorization", "")
        json_reply({"issuer": f"echo {sent}", "grant_types_supported": [sent]})(req)

    vendor = serve(
        {
            "/": echo,
            "/spec.json": json_reply(OPENAPI_31_WEBHOOKS),
            "/.well-known/oauth-authorization-server": metadata,
        }
    )
    path = tmp_path / "acme.yaml"
    path.write_text(audit_text(vendor.url, vendor.url), encoding="utf-8")
    outputs = [invoke(path, "-f", fmt.value) for fmt in Format]
    assert all(r.exit_code == 0 for r in outputs), outputs[0].output
    saved = path.read_text(encoding="utf-8")
    shown = runner.invoke(app, ["show", str(path)]).stdout
    # The vendor did echo it, and the echo was kept with the token's value removed.
    assert any(s.headers.get("authorization") == f"Bearer {SECRET}" for s in vendor.seen)
    assert "[redacted]" in saved and "spec.json?key=[redacted]" in saved
    for text in [saved, shown, *(r.output for r in outputs)]:
        assert SECRET not in text
