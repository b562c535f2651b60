"""The single writer of an audit file: through symbolic links, after a killed save, and across
hosts sharing a folder (issue 13, points 6 and 7)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from omniready.audit.model import Audit, Organization
from omniready.audit.store import AuditLocked, exclusive, load_audit, save_audit, write_atomic
from omniready.texts import use_lang

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links and flock")


def audit(name: str) -> Audit:
    return Audit(organization=Organization(name=name))


def test_a_save_through_a_symbolic_link_writes_the_real_file_and_keeps_the_link(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real" / "acme.audit.yaml"
    real.parent.mkdir()
    save_audit(real, audit("Before"))
    link = tmp_path / "acme.audit.yaml"
    link.symlink_to(Path("real") / "acme.audit.yaml")  # relative, as people make them
    with exclusive(link) as locked:
        assert locked == real.resolve()
        save_audit(link, audit("After"))
    assert link.is_symlink()
    assert load_audit(real).organization.name == "After"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["acme.audit.yaml", "real"]


def test_the_link_and_the_real_file_share_one_lock(tmp_path: Path) -> None:
    real = tmp_path / "acme.audit.yaml"
    save_audit(real, audit("X"))
    link = tmp_path / "link.audit.yaml"
    link.symlink_to(real.name)
    with exclusive(real), pytest.raises(AuditLocked, match="already open"), exclusive(link):
        pass
    with exclusive(link), pytest.raises(AuditLocked), exclusive(real):
        pass


def test_a_save_through_a_dangling_link_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "a.audit.yaml"
    link.symlink_to("b.audit.yaml")
    write_atomic(link, "x: 1\n")
    assert link.is_symlink() and (tmp_path / "b.audit.yaml").read_text() == "x: 1\n"


def test_a_killed_save_leaves_a_temporary_that_the_next_save_removes(tmp_path: Path) -> None:
    target = tmp_path / "acme.audit.yaml"
    save_audit(target, audit("X"))
    # a real kill in the middle of write_atomic: after mkstemp, before the rename
    code = textwrap.dedent(
        f"""\
        import os, omniready.audit.store as store
        def killed(src, dst):
            os.kill(os.getpid(), 9)
        store.os.replace = killed
        with store.exclusive({str(target)!r}):
            store.write_atomic({str(target)!r}, "half: written\\n")
        """
    )
    for _ in range(3):  # each killed save removes what the one before left: they never pile up
        done = subprocess.run([sys.executable, "-c", code], timeout=60)
        assert done.returncode == -signal.SIGKILL
        stale = list(tmp_path.glob(".acme.audit.yaml.*.tmp"))
        assert len(stale) == 1 and stale[0].read_text() == "half: written\n"
    # someone else's file of a similar name is not ours to delete
    (tmp_path / ".acme.audit.yaml.notes.tmp").write_text("keep\n")
    with exclusive(target):
        save_audit(target, audit("Y"))
    assert not list(tmp_path.glob(".acme.audit.yaml.????????.tmp"))
    assert (tmp_path / ".acme.audit.yaml.notes.tmp").exists()
    assert load_audit(target).organization.name == "Y"


def test_the_lock_names_the_process_and_host_that_hold_it(tmp_path: Path) -> None:
    target = tmp_path / "a.audit.yaml"
    with exclusive(target):
        record = (tmp_path / ".a.audit.yaml.lock.holder").read_text()
    assert record.startswith(f"pid {os.getpid()} on host {socket.gethostname()} since 20")
    assert record.endswith("Z")


def test_a_lock_left_by_a_killed_process_of_this_host_is_taken_over(tmp_path: Path) -> None:
    target = tmp_path / "a.audit.yaml"
    code = f"from omniready.audit.store import exclusive\nimport os\nwith exclusive({str(target)!r}):\n    os.kill(os.getpid(), 9)\n"
    done = subprocess.run([sys.executable, "-c", code], timeout=60)
    assert done.returncode == -signal.SIGKILL
    lock = tmp_path / ".a.audit.yaml.lock.holder"
    assert f"on host {socket.gethostname()}" in lock.read_text()
    with exclusive(target):
        assert lock.read_text().startswith(f"pid {os.getpid()} ")
    assert not lock.exists()


def test_a_lock_of_another_host_is_respected_with_a_clear_message(tmp_path: Path) -> None:
    target = tmp_path / "a.audit.yaml"
    save_audit(target, audit("X"))
    lock = tmp_path / ".a.audit.yaml.lock.holder"
    # what a process on a laptop sharing this folder wrote; its flock may not reach this host
    lock.write_text("pid 4242 on host other-laptop since 2026-12-02T09:00:00Z")
    with pytest.raises(AuditLocked) as info, exclusive(target):
        pytest.fail("the other host's lock was ignored")
    assert info.value.message == (
        f"{target}: held by omniready pid 4242 on host other-laptop since "
        "2026-12-02T09:00:00Z (a shared folder: the lock is respected)"
    )
    assert info.value.hint is not None and f"delete {lock}" in info.value.hint
    use_lang("es")  # the holder is worded in the run's language; the record stays as written
    assert info.value.message == (
        f"{target}: lo tiene omniready proceso 4242 en el equipo other-laptop desde "
        "2026-12-02T09:00:00Z (una carpeta compartida: se respeta el bloqueo)"
    )
    assert lock.read_text().startswith("pid 4242 on host other-laptop")  # left as it was
    assert not (tmp_path / ".a.audit.yaml.lock").exists()  # refused, and nothing else left behind
    lock.unlink()  # what the hint says to do once that session is over
    with exclusive(target):
        pass


def test_the_interview_refuses_a_file_held_by_another_host(tmp_path: Path) -> None:
    target = tmp_path / "a.audit.yaml"
    save_audit(target, audit("X"))
    before = target.read_bytes()
    (tmp_path / ".a.audit.yaml.lock.holder").write_text(
        "pid 1 on host other-laptop since 2026-12-02Z"
    )
    done = subprocess.run(
        [Path(sys.executable).with_name("omniready"), "audit", str(target), "--no-input"]
        + ["--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert "held by omniready pid 1 on host other-laptop" in done.stderr
    assert "Traceback" not in done.stderr
    assert target.read_bytes() == before


def test_the_interview_through_a_link_saves_into_the_real_file(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from omniready.cli import app

    real = tmp_path / "real" / "acme.audit.yaml"
    real.parent.mkdir()
    save_audit(real, audit("Acme"))
    link = tmp_path / "acme.audit.yaml"
    link.symlink_to(Path("real") / "acme.audit.yaml")
    answers = tmp_path / "answers.yaml"
    answers.write_text("steps:\n  tools:\n    answers:\n      tools.api-available: {answer: all}\n")
    result = CliRunner().invoke(app, ["audit", str(link), "--answers", str(answers), "--no-input"])
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert load_audit(real).steps.tools.answers["tools.api-available"].answer == "all"
