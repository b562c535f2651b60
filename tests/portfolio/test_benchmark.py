"""The anonymous benchmark: k-anonymity, nothing identifying in the file, JSON and Parquet
read back as written, and one organization's standing among its peers or among all."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from omniready.assess import assess, load_policy
from omniready.audit.model import Tool
from omniready.audit.store import load_audit
from omniready.checklist import Checklist
from omniready.portfolio.benchfile import read_benchmark, write_benchmark
from omniready.portfolio.benchmark import build_benchmark, position
from omniready.portfolio.collect import collect
from omniready.portfolio.errors import PortfolioError
from omniready.portfolio.peers import peer_audit
from omniready.portfolio.profile import profile_of
from omniready.portfolio.stats import POINTS

from .conftest import WriteAudit


def _benchmark(paths: list[Path], checklist: Checklist):
    entries, _ = collect(paths, checklist, load_policy())
    return build_benchmark(entries, checklist.ref)


def _secret_audit(checklist: Checklist, seed: int):
    """An audit whose name, notes and URLs are unique strings we can look for."""
    audit = peer_audit(
        checklist, seed, name=f"Secreta Nombre{seed} SpA", industry="retail", headcount=900
    )
    answers = audit.steps.tools.answers
    answers["tools.api-available"] = answers["tools.api-available"].model_copy(
        update={
            "note": f"nota-confidencial-{seed}",
            "evidence": [f"https://intranet{seed}.example/doc"],
        }
    )
    tools = [Tool(id="crm", name=f"CRM secreto {seed}", base_url=f"https://crm{seed}.example")]
    return audit.model_copy(
        update={
            "assessor": f"Consultora{seed}",
            "steps": audit.steps.model_copy(
                update={"tools": audit.steps.tools.model_copy(update={"inventory": tools})}
            ),
        }
    )


@pytest.mark.parametrize("suffix", [".json", ".parquet"])
def test_no_name_note_or_url_of_the_inputs_is_in_the_export(
    write_audit: WriteAudit, checklist: Checklist, tmp_path: Path, suffix: str
) -> None:
    paths = [write_audit(s, audit=_secret_audit(checklist, s)) for s in range(6)]
    inputs = "".join(p.read_text("utf-8") for p in paths)
    secrets = [f"Nombre{s}" for s in range(6)] + [f"nota-confidencial-{s}" for s in range(6)]
    secrets += [f"intranet{s}.example" for s in range(6)] + [f"crm{s}.example" for s in range(6)]
    secrets += [f"Consultora{s}" for s in range(6)] + ["CRM secreto", "https://"]
    assert all(secret in inputs for secret in secrets)  # the inputs do hold them
    out = write_benchmark(tmp_path / f"bench{suffix}", _benchmark(paths, checklist))
    raw = out.read_bytes()
    if suffix == ".parquet":  # compressed columns: look at the decoded values as well
        con = duckdb.connect()
        raw += repr(con.execute(f"SELECT * FROM read_parquet('{out}')").fetchall()).encode()
        raw += repr(con.execute(f"SELECT * FROM parquet_kv_metadata('{out}')").fetchall()).encode()
    text = raw.decode("utf-8", errors="replace")
    assert "retail" in text  # the export is not empty: industries are there
    for secret in secrets:
        assert secret not in text, secret
        assert secret.casefold() not in text.casefold(), secret


def test_groups_of_fewer_than_five_are_left_out(
    write_audit: WriteAudit, checklist: Checklist
) -> None:
    paths = [write_audit(s, industry="retail", headcount=900, country="CL") for s in range(5)]
    paths += [write_audit(10 + s, industry="banking", headcount=30, country="CL") for s in range(4)]
    bench = _benchmark(paths, checklist)
    assert bench.k == 5 and bench.organizations == 9
    groups = {(r.group, r.industry, r.size_band, r.country) for r in bench.rows}
    assert ("all", None, None, None) in groups
    assert ("industry", "retail", None, None) in groups
    assert ("industry+size_band", "retail", "large", None) in groups
    assert ("country", None, None, "CL") in groups
    assert not any(r.industry == "banking" or r.size_band == "small" for r in bench.rows)
    assert all(r.group_n >= 5 and r.n >= 5 and len(r.points) == len(POINTS) for r in bench.rows)
    # banking, small, and the banking+small peers: three groups of four left out.
    assert bench.suppressed_groups == 3


@pytest.mark.parametrize("suffix", [".json", ".parquet"])
def test_the_file_reads_back_as_written(
    write_audit: WriteAudit, checklist: Checklist, tmp_path: Path, suffix: str
) -> None:
    bench = _benchmark([write_audit(s) for s in range(7)], checklist)
    path = write_benchmark(tmp_path / f"b{suffix}", bench)
    assert read_benchmark(path) == bench
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


def test_standing_among_peers_else_among_all(write_audit: WriteAudit, checklist: Checklist) -> None:
    peers = [write_audit(s, industry="retail", headcount=900) for s in range(5)]
    others = [write_audit(20 + s, industry="health", headcount=30) for s in range(3)]
    bench = _benchmark(peers + others, checklist)
    audit = load_audit(peers[0])
    result = assess(audit, checklist)
    mine = position(result, profile_of(audit), bench)
    assert (mine.group, mine.group_n, mine.fell_back) == ("industry+size_band", 5, False)
    assert (mine.industry, mine.size_band) == ("retail", "large")
    overall = mine.standings[0]
    assert overall.kind == "overall" and overall.score == result.score
    assert overall.percentile is not None and overall.n == 5
    lonely = load_audit(others[0])
    theirs = position(assess(lonely, checklist), profile_of(lonely), bench)
    assert (theirs.group, theirs.group_n, theirs.fell_back) == ("all", 8, True)


def test_small_groups_in_a_hand_edited_file_are_never_shown(
    write_audit: WriteAudit, checklist: Checklist, tmp_path: Path
) -> None:
    path = write_benchmark(
        tmp_path / "b.json", _benchmark([write_audit(s) for s in range(5)], checklist)
    )
    data = json.loads(path.read_text("utf-8"))
    for row in data["rows"]:
        row["group_n"] = row["n"] = 3
    path.write_text(json.dumps(data), "utf-8")
    audit = load_audit(write_audit(99))
    mine = position(assess(audit, checklist), profile_of(audit), read_benchmark(path))
    assert mine.group_n == 0
    assert all(s.percentile is None for s in mine.standings)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"format": "omniready-benchmark",\n "version": 1,, }', "b.json:2:15: not JSON"),
        ('{"format": "other"}', "b.json: not an omniready benchmark"),
        ('{"format": "omniready-benchmark", "version": 9}', "b.json: benchmark version 9"),
        (
            '{"format": "omniready-benchmark", "version": 1, "checklist": "c", "k": 5, '
            '"rows": [{"group": "all", "kind": "overall", "points": [1, 2]}]}',
            "b.json: rows[0].points: must be 19 numbers",
        ),
    ],
)
def test_a_bad_benchmark_file_is_named(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "b.json"
    path.write_text(content, "utf-8")
    with pytest.raises(PortfolioError) as caught:
        read_benchmark(path)
    assert str(caught.value).replace(str(tmp_path) + "/", "").startswith(message)


def test_a_parquet_file_that_is_not_a_benchmark_is_named(tmp_path: Path) -> None:
    path = tmp_path / "other.parquet"
    duckdb.connect().execute(f"COPY (SELECT 1 AS x) TO '{path}' (FORMAT PARQUET)")
    with pytest.raises(PortfolioError, match="not an omniready benchmark"):
        read_benchmark(path)
    garbage = tmp_path / "garbage.parquet"
    garbage.write_bytes(b"not parquet at all")
    with pytest.raises(PortfolioError, match="not a readable Parquet benchmark"):
        read_benchmark(garbage)
