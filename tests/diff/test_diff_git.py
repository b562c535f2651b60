"""`omniready show` as git's textconv: a real repository, two commits, a semantic `git diff`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env={
            "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
            "HOME": str(repo),
            "GIT_CONFIG_NOSYSTEM": "1",
            "LANG": "C.UTF-8",
        },
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository set up as docs/diff.md tells users to."""
    root = tmp_path / "audits"
    root.mkdir()
    git(root, "init", "-q")
    git(root, "config", "user.name", "Ana Pérez")
    git(root, "config", "user.email", "ana@example.com")
    omniready = shutil.which("omniready") or str(Path(sys.executable).with_name("omniready"))
    git(root, "config", "diff.omniready.textconv", f"{omniready} show")
    (root / ".gitattributes").write_text("*.audit.yaml diff=omniready\n", encoding="utf-8")
    return root


def test_git_diff_shows_semantic_lines(repo: Path, mk: SimpleNamespace) -> None:
    path = repo / "acme.audit.yaml"
    data = mk.raw(updated="2026-03-01T10:00:00Z")
    mk.write(path, data)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "audit 2025")

    data["updated"] = "2026-03-09T16:00:00Z"  # noise: must not show
    data["steps"]["tools"]["answers"]["tools.api-available"]["answer"] = "most"
    data["steps"]["tools"]["inventory"].append({"id": "crm", "name": "HubSpot"})
    data["steps"]["processes"]["journeys"][0]["steps"][1]["context_carried"] = True
    data["steps"]["metrics"]["channels"]["whatsapp"]["wait_p90_s"] = 120
    mk.write(path, data)
    git(repo, "commit", "-qam", "audit 2026")

    out = git(repo, "diff", "HEAD~1", "HEAD", "--", "acme.audit.yaml")
    changed = [
        line
        for line in out.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert "-answer tools.api-available = half (score 50)" in changed
    assert "+answer tools.api-available = most (score 75)" in changed
    assert "+tool crm" in changed
    assert "+tool crm.name = HubSpot" in changed
    assert "-journey buy-online-exchange.handoff web@purchase > store@post-sale = context lost" in (
        changed
    )
    assert "+metric whatsapp.wait_p90_s = 120" in changed
    assert any(line.startswith("-score tools = ") for line in changed)
    assert not any("updated" in line or "2026-03" in line for line in changed)
    assert not any(line.startswith(("+  ", "-  ")) for line in changed)  # no raw YAML lines

    # git log -p uses the same driver; --no-textconv still gives the raw YAML
    assert "+answer tools.api-available = most" in git(repo, "log", "-p", "-1", "--format=")
    raw = git(repo, "diff", "--no-textconv", "HEAD~1", "HEAD", "--", "acme.audit.yaml")
    assert "-        answer: half" in raw


def test_a_resave_with_only_a_new_timestamp_shows_no_change(
    repo: Path, mk: SimpleNamespace
) -> None:
    path = repo / "acme.audit.yaml"
    data = mk.raw(updated="2026-03-01T10:00:00Z")
    mk.write(path, data)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first")
    path.write_text(
        path.read_text(encoding="utf-8").replace("2026-03-01T10:00:00Z", "2026-04-01T10:00:00Z"),
        encoding="utf-8",
    )
    git(repo, "commit", "-qam", "re-saved")
    out = git(repo, "diff", "HEAD~1", "HEAD", "--", "acme.audit.yaml")
    assert "\n-" not in out and "\n+" not in out.replace("\n+++", "")


def test_show_file_falls_back_to_the_raw_text_with_a_warning(
    tmp_path: Path, mk: SimpleNamespace
) -> None:
    from omniready.checklist import load_checklist
    from omniready.diff.show import show_file
    from omniready.errors import InputError

    checklist = load_checklist()
    good = show_file(mk.example, checklist)
    assert good.warnings == () and "audit organization.name = Acme Retail SpA" in good.text
    bad = tmp_path / "bad.audit.yaml"
    bad.write_text("schema: 2\norganization: [\n", encoding="utf-8")
    shown = show_file(bad, checklist, fallback=True)
    assert shown.text == "schema: 2\norganization: [\n"
    assert len(shown.warnings) == 1 and shown.warnings[0].startswith(f"{bad}:")
    with pytest.raises(InputError):
        show_file(bad, checklist)
