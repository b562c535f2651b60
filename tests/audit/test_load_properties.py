"""Property tests: whatever bytes or records a user writes, loading ends in a located message."""

from __future__ import annotations

import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omniready.audit.store import parse_audit, to_yaml
from omniready.errors import InputError

LOCATED = re.compile(r"^a\.yaml(:\d+:\d+)?: .+")

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False),
    st.text(max_size=12),
)
records = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                [
                    "id",
                    "name",
                    "channels",
                    "answer",
                    "na",
                    "note",
                    "share",
                    "steps",
                    "tools",
                    "inventory",
                    "answers",
                    "phase",
                    "base_url",
                    "claims",
                    "api",
                    "x",
                ]
            ),
            children,
            max_size=4,
        ),
    ),
    max_leaves=12,
)


def outcome(text: str) -> str:
    """'ok' when the text loads, else every problem line; anything else fails the test."""
    try:
        parse_audit(text, "a.yaml")
    except InputError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert LOCATED.match(str(problem)), str(problem)
            assert "Traceback" not in str(problem)
        return "error"
    return "ok"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_any_text_loads_or_gives_located_problems(text: str) -> None:
    outcome(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=records, tools=records)
def test_malformed_records_give_located_problems(steps: object, tools: object) -> None:
    document = {"organization": {"name": "X"}, "steps": steps}
    if isinstance(steps, dict):
        document["steps"] = {"tools": {"inventory": tools}, **steps}
    text = yaml.safe_dump(document, allow_unicode=True)
    if outcome(text) == "ok":
        # whatever loads must also save to text that loads back to the same bytes
        saved = to_yaml(parse_audit(text))
        assert to_yaml(parse_audit(saved)) == saved


@settings(max_examples=200, deadline=None)
@given(
    st.from_regex(r"\A\d{4}-\d{1,2}-\d{1,2}([Tt ]\d{1,2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?)?\Z"),
    st.sampled_from(["started", "updated"]),
)
def test_date_like_values_load_or_give_located_problems(value: str, key: str) -> None:
    outcome(f"organization: {{name: X}}\n{key}: {value}\n")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=120))
def test_validate_command_answers_any_file_with_0_or_2(text: str) -> None:
    import tempfile
    from pathlib import Path

    from typer.testing import CliRunner

    from omniready.cli import app

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.yaml"
        path.write_text(text, encoding="utf-8")
        before = path.read_bytes()
        result = CliRunner().invoke(app, ["validate", str(path)])
        assert result.exit_code in {0, 2}, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        assert path.read_bytes() == before  # never rewritten
        if result.exit_code == 2:
            assert result.stdout.startswith(str(path))
