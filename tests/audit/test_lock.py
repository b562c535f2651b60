"""The audit lock (filelock) and its holder record, kept in a file of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from omniready.audit.lock import AuditLocked, Holder, exclusive, lock_paths


def test_the_record_is_a_file_of_its_own_and_goes_on_release(tmp_path: Path) -> None:
    target = tmp_path / "a.audit.yaml"
    lock, record = lock_paths(target)
    assert (lock.name, record.name) == (".a.audit.yaml.lock", ".a.audit.yaml.lock.holder")
    with exclusive(target):
        holder = Holder.read(record.read_bytes())
        assert holder is not None and holder.pid == os.getpid()
    assert not record.exists() and not lock.exists()  # nothing left in the user's folder


def test_a_refusal_in_another_process_names_the_holder_in_spanish(tmp_path: Path) -> None:
    target = tmp_path / "a.audit.yaml"
    code = (
        "import sys\n"
        "from omniready.audit.lock import exclusive, AuditLocked\n"
        "from omniready.texts import use_lang\n"
        "use_lang('es')\n"
        "try:\n"
        f"    with exclusive({str(target)!r}):\n"
        "        pass\n"
        "except AuditLocked as e:\n"
        "    print(e.message); print(e.hint); sys.exit(7)\n"
    )
    with exclusive(target):
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
        )
    assert done.returncode == 7, done.stderr
    assert (
        f"ya está abierto en otro proceso de omniready (proceso {os.getpid()} en el equipo"
        in done.stdout
    )
    assert "termine o cierre la otra sesión" in done.stdout


def test_an_unreadable_record_of_this_host_is_taken_over(tmp_path: Path) -> None:
    target = tmp_path / "a.audit.yaml"
    _, record = lock_paths(target)
    record.write_bytes(b"\xff\xfe garbage")
    with exclusive(target):
        assert record.read_text().startswith(f"pid {os.getpid()} ")


def test_the_same_process_cannot_take_it_twice(tmp_path: Path) -> None:
    target = tmp_path / "a.audit.yaml"
    with pytest.raises(AuditLocked), exclusive(target), exclusive(target):
        pass


def test_processes_racing_for_the_lock_never_hold_it_together(tmp_path: Path) -> None:
    target = tmp_path / "a.audit.yaml"
    inside, log = tmp_path / "inside", tmp_path / "log"
    code = (
        "import os, sys, time\n"
        "from omniready.audit.lock import exclusive, AuditLocked\n"
        "for _ in range(40):\n"
        "    try:\n"
        f"        with exclusive({str(target)!r}):\n"
        f"            fd = os.open({str(inside)!r}, os.O_CREAT | os.O_EXCL)\n"  # fails if held twice
        "            os.close(fd)\n"
        "            time.sleep(0.002)\n"
        f"            os.unlink({str(inside)!r})\n"
        f"            with open({str(log)!r}, 'a') as f: f.write('x')\n"
        "    except AuditLocked:\n"
        "        pass\n"
    )
    racers = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(4)]
    assert [racer.wait(timeout=120) for racer in racers] == [0, 0, 0, 0]
    assert log.read_text().count("x") >= 40  # the lock was taken, over and over
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log"]  # nothing left behind
