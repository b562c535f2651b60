"""No Python module holds a sentence for people: every text a person reads is in the catalogue
(src/omniready/texts/<lang>/<domain>.yaml), looked up by key (issue 12, point 5).

Every module under src/omniready is read as Python (ast) and each string constant that reads as
prose is reported with its line. What is not for people, or by convention stays in the code,
is left out: docstrings, `--help` texts (English by CLI convention), logging and --debug text,
SQL, regular expressions, format specs, dict keys and ids, and the messages of exceptions that
mean a bug in the program (assert, AssertionError, RuntimeError, TypeError, ValueError, ...).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import omniready

SRC = Path(omniready.__file__).resolve().parent

# Modules whose texts are still being moved into the catalogue (issue 12): none any more. The
# test asserts this list is exact, so it can only shrink and a module that gains a sentence fails.
PENDING: frozenset[str] = frozenset()

# Keyword arguments whose strings are not run-time text for people: CLI help (English by
# convention), option metavars and panels, the encoding of a file, and so on.
NOT_FOR_PEOPLE_KEYWORDS = frozenset(
    {
        "help",
        "short_help",
        "epilog",
        "rich_help_panel",
        "metavar",
        "encoding",
        "errors",
        "sep",
        "end",
        "pattern",
        "description",
    }
)
# Calls whose string arguments are logs, regexes, SQL or programmer-facing.
LOG_OWNERS = frozenset({"log", "logger", "logging", "_log", "LOG"})
LOG_METHODS = frozenset({"debug", "info", "warning", "error", "exception", "critical", "log"})
REGEX_CALLS = frozenset(
    {"compile", "match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer"}
)
SQL_CALLS = frozenset({"execute", "executemany", "sql", "query", "fetchall", "fetchone"})
# Exceptions raised for a bug in the program, whose message is for a developer.
BUG_EXCEPTIONS = frozenset(
    {
        "AssertionError",
        "RuntimeError",
        "TypeError",
        "ValueError",
        "NotImplementedError",
        "KeyError",
        "IndexError",
        "AttributeError",
        "MissingText",
    }
)

# A word of prose: letters only (an apostrophe or hyphen inside), with the punctuation a
# sentence puts around words; "file=x", "a/b", "--lang" or "`pattern`" are not.
WORD = re.compile(r"^[¿¡(«“\"']?[A-Za-zÁÉÍÓÚÜÑáéíóúüñ][A-Za-zÁÉÍÓÚÜÑáéíóúüñ'’-]+[.,:;!?)»”\"']*$")
SPANISH = re.compile(r"[áéíóúüñÁÉÍÓÚÜÑ]")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# Markup (SVG, HTML, XML) whose words come in through placeholders, and SQL.
MARKUP = re.compile(r"<[A-Za-z?/][^>]*>|\w=\"")
SQL = re.compile(
    r"\b(SELECT|CAST|NULLIF|VARCHAR|UNION ALL|INTEGER|DOUBLE|BIGINT|TIMESTAMP|WHERE|GROUP BY"
    r"|CASE|WHEN|THEN|LEFT JOIN|IS NULL|IS NOT NULL)\b"
)


@dataclass(frozen=True)
class Prose:
    """A string constant that reads as a sentence for people."""

    module: str
    line: int
    text: str


def reads_as_prose(value: str) -> bool:
    """Three words of letters in a row of text, or a Spanish question or exclamation, or two
    words with a Spanish letter; markup and SQL are not prose."""
    if MARKUP.search(value) or SQL.search(value):
        return False
    tokens = PLACEHOLDER.sub("X", value).split()
    words = [t for t in tokens if WORD.match(t)]
    if any(t[0] in "¿¡" for t in words):
        return True
    if len(words) >= 2 and any(SPANISH.search(w) for w in words):
        return True
    return len(words) >= 3


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Call):
        return _name(node.func)
    return ""


def _owner(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return _name(node.value)
    return ""


class _Scan(ast.NodeVisitor):
    """Collects prose strings, pruning the parts of the tree that are not for people."""

    def __init__(self, module: str) -> None:
        self.module = module
        self.found: list[Prose] = []

    # Docstrings: the first statement of a module, class or function.
    def _body(self, body: list[ast.stmt]) -> None:
        start = 0
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            start = 1
        for stmt in body[start:]:
            self.visit(stmt)

    def visit_Module(self, node: ast.Module) -> None:
        self._body(node.body)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        for item in (*node.decorator_list, *node.bases, *node.keywords):
            self.visit(item)
        self._body(node.body)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        for item in (*node.decorator_list, node.args):
            self.visit(item)
        if node.returns is not None:
            self.visit(node.returns)
        self._body(node.body)

    visit_AsyncFunctionDef = visit_FunctionDef  # noqa: N815 - the visitor's naming

    def visit_Assign(self, node: ast.Assign) -> None:
        # A `--help` text kept in a constant (TEMPLATES_HELP = "...") before it is passed on.
        if any(isinstance(t, ast.Name) and t.id.upper().endswith("HELP") for t in node.targets):
            return
        self.generic_visit(node)

    def visit_Assert(self, node: ast.Assert) -> None:
        self.visit(node.test)  # the message of an assert is for a developer

    def visit_Raise(self, node: ast.Raise) -> None:
        if node.exc is not None and _name(node.exc) in BUG_EXCEPTIONS:
            return
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        for value in node.values:  # keys are ids
            self.visit(value)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        self.visit(node.value)  # a subscript's key is an id

    def visit_Compare(self, node: ast.Compare) -> None:
        return  # a comparison with a string tests an id or a value, it does not show one

    def visit_keyword(self, node: ast.keyword) -> None:
        if node.arg not in NOT_FOR_PEOPLE_KEYWORDS:
            self.visit(node.value)

    def visit_Call(self, node: ast.Call) -> None:
        name, owner = _name(node.func), _owner(node.func)
        if (owner in LOG_OWNERS and name in LOG_METHODS) or (owner == "re" and name in REGEX_CALLS):
            return
        if name in SQL_CALLS or name in {"Option", "Argument", "command", "callback", "Typer"}:
            for keyword in node.keywords:  # only the non-help keywords of a CLI definition
                if keyword.arg not in NOT_FOR_PEOPLE_KEYWORDS and name not in SQL_CALLS:
                    self.visit(keyword.value)
            return
        self.generic_visit(node)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        parts = [v.value if isinstance(v, ast.Constant) else "{}" for v in node.values]
        self._check("".join(str(p) for p in parts), node.lineno)
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                self.visit(value.value)  # a format spec is not prose; the value may hold some

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            self._check(node.value, node.lineno)

    def _check(self, value: str, line: int) -> None:
        if reads_as_prose(value):
            self.found.append(Prose(self.module, line, value))


def module_name(path: Path) -> str:
    return ".".join(("omniready", *path.relative_to(SRC).with_suffix("").parts))


def scan_source(source: str, module: str = "m") -> list[Prose]:
    """The prose strings of one module's source."""
    scan = _Scan(module)
    scan.visit(ast.parse(source))
    return scan.found


def scan_package() -> Iterator[Prose]:
    for path in sorted(SRC.rglob("*.py")):
        yield from scan_source(path.read_text(encoding="utf-8"), module_name(path))


def test_the_scan_tells_prose_from_code() -> None:
    # Texts for people are found...
    found = scan_source(
        'print("the audit file has no steps")\n'
        'x = f"el puntaje bajó {d} puntos"\n'
        'y = Text(es="¿Cuántas?", en="How many are there?")\n'
        'z = ["está en la mayoría"]\n'
    )
    assert [p.line for p in found] == [1, 2, 3, 3, 4]
    # ...and what is not for people is left alone.
    assert (
        scan_source(
            '"""A module docstring with many words in it."""\n'
            "def f(a):\n"
            '    """A function docstring, also prose."""\n'
            '    log.debug("reading the file now %s", a)\n'
            '    re.compile(r"^(\\d+) (días|days) ago$")\n'
            '    con.execute("SELECT a FROM t WHERE b = 1")\n'
            '    typer.Option("--lang", help="Language of the report, es or en.")\n'
            '    raise ValueError(f"no style for language {a!r} in this table")\n'
            '    assert a, "the caller passed no value at all"\n'
            '    b = {"a key with spaces in it": 1}\n'
            '    return f"{a:>10.2f}", "steps.metrics.channels", a == "three word id"\n'
        )
        == []
    )


def test_no_module_outside_the_pending_list_holds_prose_for_people() -> None:
    assert len(list(SRC.rglob("*.py"))) > 100  # the package is really read
    offenders: dict[str, list[str]] = {}
    for prose in scan_package():
        offenders.setdefault(prose.module, []).append(f"{prose.line}: {prose.text[:70]!r}")
    new = {m: lines for m, lines in offenders.items() if m not in PENDING}
    assert new == {}, "move these texts into src/omniready/texts/<lang>/<domain>.yaml"
    # The list only shrinks: a pending module that became clean must leave it.
    clean = sorted(PENDING - set(offenders))
    assert clean == [], "remove these modules from PENDING: they hold no prose any more"
