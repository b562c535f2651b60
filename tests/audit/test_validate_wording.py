"""`omniready validate` in a consultant's words: every problem of a file in one pass, located,
in Spanish and English, with the fix; never pydantic's wording."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from omniready.cli import app

runner = CliRunner()

HEAD = "organization: {name: Acme}\n"
PYDANTIC = (
    "Input should",
    "Field required",
    "validation error",
    "type=",
    "For further information",
)
SHARE_EN = "is not a share: a share is a fraction between 0 and 1; write 0.35 for 35 %"
SHARE_ES = (
    "no es una proporción: una proporción es una fracción entre 0 y 1; escriba 0.35 para un 35 %"
)
COUNT_EN = (
    "is not a count: write a whole number, 0 or more, without decimals or thousands separators "
    "(12500)"
)
COUNT_ES = (
    "no es un recuento: escriba un número entero, 0 o más, sin decimales ni separadores de miles "
    "(12500)"
)
TEXT_EN = 'expected a text; if it looks like a number, a date or yes/no, put it in quotes ("007")'
TEXT_ES = (
    'se esperaba un texto; si parece un número, una fecha o sí/no, escríbalo entre comillas ("007")'
)
OPTIONS = "none, some, half, most, all, unknown"

# One file per kind of error: its text, then each problem as (LINE:COL, English, Spanish).
CORPUS: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "missing": (
        HEAD + "steps:\n  tools:\n    inventory:\n    - id: crm\n",
        [("5:7", "name: required field is missing", "name: falta este campo, que es obligatorio")],
    ),
    "extra_forbidden": (
        "organization: {name: Acme, contry: CL}\n",
        [
            (
                "1:28",
                "contry: unknown field; did you mean country?",
                "contry: campo desconocido; ¿quiso decir country?",
            )
        ],
    ),
    "int_from_float": (
        HEAD + "steps:\n  metrics:\n    channels:\n      web: {unique_users: 2.5}\n",
        [("5:27", f"unique_users: '2.5' {COUNT_EN}", f"unique_users: «2.5» {COUNT_ES}")],
    ),
    "int_parsing": (
        HEAD + "steps:\n  metrics:\n    channels:\n      web: {monthly_contacts: '12,500'}\n",
        [
            (
                "5:31",
                f"monthly_contacts: '12,500' {COUNT_EN}",
                f"monthly_contacts: «12,500» {COUNT_ES}",
            )
        ],
    ),
    "count_negative": (
        HEAD + "steps:\n  metrics:\n    channels:\n      web: {unique_users: -3}\n",
        [("5:27", f"unique_users: '-3' {COUNT_EN}", f"unique_users: «-3» {COUNT_ES}")],
    ),
    "float_parsing": (
        HEAD + "steps:\n  metrics:\n    channels:\n      web: {wait_avg_s: 30s}\n",
        [
            (
                "5:25",
                "wait_avg_s: '30s' is not a number: write digits with a decimal point (2.5), "
                "without units or thousands separators",
                "wait_avg_s: «30s» no es un número: escriba cifras con punto decimal (2.5), "
                "sin unidades ni separadores de miles",
            )
        ],
    ),
    "share_above_one": (
        HEAD + "steps:\n  segments:\n    segments:\n    - {id: young, share: 35}\n",
        [("5:26", f"share: '35' {SHARE_EN}", f"share: «35» {SHARE_ES}")],
    ),
    "share_as_percent_text": (
        HEAD + "steps:\n  metrics:\n    channels:\n      web: {incident_rate: 35 %}\n",
        [("5:28", f"incident_rate: '35 %' {SHARE_EN}", f"incident_rate: «35 %» {SHARE_ES}")],
    ),
    "score_out_of_range": (
        HEAD + "targets: {tools: 7}\n",
        [
            (
                "2:18",
                "tools: '7' does not fit: write a whole number from 1 to 5",
                "tools: «7» no sirve: escriba un número entero de 1 a 5",
            )
        ],
    ),
    "literal_error": (
        HEAD + "lang: fr\n",
        [
            (
                "2:7",
                "lang: 'fr' is not one of: es, en",
                "lang: «fr» no es una de las opciones: es, en",
            )
        ],
    ),
    "string_type": (
        "organization: {name: 123}\n",
        [("1:22", f"name: {TEXT_EN}", f"name: {TEXT_ES}")],
    ),
    "bool_parsing": (
        HEAD + "steps:\n  tools:\n    answers:\n      tools.data-export: {na: maybe}\n",
        [
            (
                "5:31",
                "na: 'maybe' is not yes or no: write true or false",
                "na: «maybe» no es sí ni no: escriba true o false",
            )
        ],
    ),
    "date_parsing": (
        HEAD + "started: next monday\n",
        [
            (
                "2:10",
                "started: 'next monday' is not a date: write it YYYY-MM-DD (2026-03-31)",
                "started: «next monday» no es una fecha: escríbala AAAA-MM-DD (2026-03-31)",
            )
        ],
    ),
    "datetime_parsing": (
        HEAD + "updated: yesterday\n",
        [
            (
                "2:10",
                "updated: 'yesterday' is not a date and time: "
                "write it YYYY-MM-DDTHH:MM:SSZ (2026-03-31T09:30:00Z)",
                "updated: «yesterday» no es una fecha con hora: "
                "escríbala AAAA-MM-DDTHH:MM:SSZ (2026-03-31T09:30:00Z)",
            )
        ],
    ),
    "list_type": (
        HEAD + "steps:\n  tools:\n    inventory:\n    - {id: crm, name: CRM, channels: web}\n",
        [
            (
                "5:38",
                "channels: expected a list: one `- item` per line",
                "channels: se esperaba una lista: un «- elemento» por línea",
            )
        ],
    ),
    "dict_type": (
        "organization: Acme\n",
        [
            (
                "1:15",
                "organization: expected a group of fields (key: value), one per line and indented",
                "organization: se esperaba un grupo de campos (clave: valor), uno por línea y con "
                "sangría",
            )
        ],
    ),
    "url": (
        HEAD + "steps:\n  tools:\n    inventory:\n    - {id: crm, name: CRM, base_url: ftp://x}\n",
        [
            (
                "5:38",
                "base_url: 'ftp://x' is not a web address: start it with http:// or https://",
                "base_url: «ftp://x» no es una dirección web: empiece por http:// o https://",
            )
        ],
    ),
    "too_long": (
        HEAD + "steps:\n  tools:\n    inventory:\n    - {id: " + "a" * 81 + ", name: CRM}\n",
        [
            (
                "5:12",
                "id: too long: at most 80 characters",
                "id: demasiado largo: como máximo 80 caracteres",
            )
        ],
    ),
    "slug_pattern": (
        HEAD + "steps:\n  tools:\n    inventory:\n    - {id: Tienda Centro, name: T}\n",
        [
            (
                "5:12",
                "id: 'Tienda Centro' cannot be an id: use lowercase letters without accents, "
                "digits, dots, dashes and underscores, starting with a letter or digit "
                "(store-downtown)",
                "id: «Tienda Centro» no sirve como identificador: use minúsculas sin tildes, "
                "cifras, puntos, guiones y guiones bajos, empezando por letra o cifra "
                "(tienda-centro)",
            )
        ],
    ),
    "value_error_of_our_validator": (
        HEAD + "steps:\n  tools:\n    answers:\n      tools.api-available: {na: true}\n",
        [
            (
                "5:28",
                "tools.api-available: a not-applicable answer (na: true) needs its reason in note",
                "tools.api-available: una respuesta que no aplica (na: true) necesita su motivo "
                "en note",
            )
        ],
    ),
    "unknown_option": (
        HEAD + "steps:\n  tools:\n    answers:\n      tools.api-available: {answer: mots}\n",
        [
            (
                "5:37",
                f"tools.api-available: 'mots' is not one of: {OPTIONS}; did you mean most?",
                f"tools.api-available: «mots» no es una de las opciones: {OPTIONS}; "
                "¿quiso decir most?",
            )
        ],
    ),
    "count_not_whole": (
        HEAD + "steps:\n  tools:\n    answers:\n      tools.tool-count: {answer: 2.5}\n",
        [
            (
                "5:34",
                "tools.tool-count: '2.5' is not a whole number and this question counts: "
                "write 2 or 3",
                "tools.tool-count: «2.5» no es un número entero y esta pregunta cuenta: "
                "escriba 2 o 3",
            )
        ],
    ),
    "duplicate_id": (
        HEAD + "steps:\n  segments:\n    segments:\n    - {id: young}\n    - {id: young}\n",
        [("6:12", "duplicate id 'young'", "id repetido «young»")],
    ),
}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def expected(path: Path, problems: list[tuple[str, str, str]], lang: str) -> list[str]:
    return [f"{path}:{where}: {en if lang == 'en' else es}" for where, en, es in problems]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("case", sorted(CORPUS))
def test_each_kind_of_error_is_one_located_line_in_plain_words(
    tmp_path: Path, case: str, lang: str
) -> None:
    text, problems = CORPUS[case]
    path = write(tmp_path, f"{case}.audit.yaml", text)
    result = runner.invoke(app, ["validate", str(path), "--lang", lang])
    assert result.exit_code == 2, result.output
    assert result.stdout.splitlines() == expected(path, problems, lang)
    assert not [p for p in PYDANTIC if p in result.output]


THREE_KINDS = (
    HEAD
    + "steps:\n"
    + "  tools:\n"
    + "    answers:\n"
    + "      tools.nope: {answer: all}\n"  # line 5: the checklist's (unknown question)
    + "  segments:\n"
    + "    segments:\n"
    + "    - {id: young, share: 35}\n"  # line 8: the schema's (a share above 1)
    + "    - {id: young}\n"  # line 9: the checklist's again, on a record the schema accepted
    + "lang: fr\n"  # line 10: the schema's (not a language)
)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_three_errors_of_three_kinds_are_three_lines_in_line_order(
    tmp_path: Path, lang: str
) -> None:
    text = THREE_KINDS.replace("    - {id: young}\n", "")  # keep exactly three
    path = write(tmp_path, "three.audit.yaml", text)
    result = runner.invoke(app, ["validate", str(path), "--lang", lang])
    assert result.exit_code == 2
    english = [
        f"{path}:5:7: unknown question id 'tools.nope' (checklist core@2026.1)",
        f"{path}:8:26: share: '35' {SHARE_EN}",
        f"{path}:9:7: lang: 'fr' is not one of: es, en",
    ]
    spanish = [
        f"{path}:5:7: pregunta desconocida «tools.nope» (lista de preguntas core@2026.1)",
        f"{path}:8:26: share: «35» {SHARE_ES}",
        f"{path}:9:7: lang: «fr» no es una de las opciones: es, en",
    ]
    assert result.stdout.splitlines() == (english if lang == "en" else spanish)
    assert not [p for p in PYDANTIC if p in result.output]


def test_a_refused_record_does_not_hide_the_checks_of_the_others(tmp_path: Path) -> None:
    # The first segment is refused by the schema (and left out); the duplicate after it is
    # still found, at its own line: list indexes are mapped back to the file's.
    text = (
        HEAD
        + "steps:\n  segments:\n    segments:\n"
        + "    - {id: Bad Id}\n"
        + "    - {id: young}\n"
        + "    - {id: young}\n"
        + "  processes:\n    journeys:\n    - {id: j, segment: nobody}\n"
    )
    path = write(tmp_path, "a.audit.yaml", text)
    result = runner.invoke(app, ["validate", str(path), "--lang", "en"])
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{path}:5:12",
        f"{path}:7:12",
        f"{path}:10:24",
    ]
    assert lines[1].endswith("duplicate id 'young'")
    assert lines[2].endswith("journey 'j' names unknown segment 'nobody'")


def test_each_response_is_checked_like_the_answer_at_its_own_line(tmp_path: Path) -> None:
    text = HEAD + (
        "steps:\n  tools:\n    answers:\n"
        "      tools.api-available:\n"
        "        answer: most\n"
        "        responses:\n"
        "        - {respondent: TI, answer: most}\n"
        "        - {respondent: Tiendas, answer: plenty}\n"
        "  segments:\n    answers:\n"
        "      segments.count:\n"
        "        answer: 3\n"
        "        responses:\n"
        "        - {respondent: TI, answer: 2.5}\n"
        "        - {respondent: Ventas, answer: 60}\n"
        "        - {respondent: Marketing, answer: 4}\n"
    )
    path = write(tmp_path, "r.audit.yaml", text)
    result = runner.invoke(app, ["validate", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        f"{path}:9:41: tools.api-available (answer of Tiendas): 'plenty' is not one of: {OPTIONS}",
        f"{path}:15:36: segments.count (answer of TI): '2.5' is not a whole number and this "
        "question counts: write 2 or 3",
        f"{path}:16:40: segments.count (answer of Ventas): '60' is above the maximum, 50",
    ]
    spanish = runner.invoke(app, ["validate", str(path), "--lang", "es"]).stdout.splitlines()
    assert spanish[0].endswith(
        f"tools.api-available (respuesta de Tiendas): «plenty» no es una de las opciones: {OPTIONS}"
    )


def test_a_yaml_syntax_error_stops_the_reading_with_one_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "s.audit.yaml", THREE_KINDS + "steps: [\n")
    result = runner.invoke(app, ["validate", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 1
    assert result.stdout.startswith(f"{path}:12:1: ")


def test_the_first_hundred_of_all_kinds_in_line_order_and_the_count(tmp_path: Path) -> None:
    # Unknown question ids (the checklist's) above, bad segment ids (the schema's) below.
    answers = "".join(f"      tools.x{i}: {{answer: all}}\n" for i in range(80))
    segments = "".join(f"    - {{id: Bad {i}}}\n" for i in range(80))
    text = HEAD + "steps:\n  tools:\n    answers:\n" + answers
    text += "  segments:\n    segments:\n" + segments
    path = write(tmp_path, "many.audit.yaml", text)
    result = runner.invoke(app, ["validate", str(path), "--lang", "es"])
    lines = result.stdout.splitlines()
    assert len(lines) == 101
    numbers = [int(line.split(":")[1]) for line in lines[:100]]
    assert numbers == sorted(numbers) and numbers[0] == 5 and numbers[-1] == 106
    assert "Bad 19" in lines[99]
    assert lines[-1] == f"{path}: … y 60 problemas más (160 en total)"


@pytest.mark.parametrize(("lang", "word"), [("en", "is not one of"), ("es", "no es una de")])
def test_the_installed_command_speaks_the_chosen_language(
    tmp_path: Path, lang: str, word: str
) -> None:
    script = Path(sys.executable).with_name("omniready")
    path = write(tmp_path, "three.audit.yaml", THREE_KINDS)
    done = subprocess.run(
        [str(script), "validate", str(path), "--lang", lang],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    lines = done.stdout.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{path}:{where}" for where in ("5:7", "8:26", "9:12", "10:7")
    ]
    assert word in lines[-1]
    assert not [p for p in PYDANTIC if p in done.stdout + done.stderr]
    assert "Traceback" not in done.stderr


def test_the_locale_chooses_the_language_without_lang(tmp_path: Path) -> None:
    path = write(tmp_path, "l.audit.yaml", HEAD + "lang: fr\n")
    english = runner.invoke(app, ["validate", str(path)], env={"LANG": "en_US.UTF-8", "LC_ALL": ""})
    spanish = runner.invoke(app, ["validate", str(path)], env={"LANG": "es_CL.UTF-8", "LC_ALL": ""})
    assert english.stdout == f"{path}:2:7: lang: 'fr' is not one of: es, en\n"
    assert spanish.stdout == f"{path}:2:7: lang: «fr» no es una de las opciones: es, en\n"


DOC = Path(__file__).resolve().parents[2] / "docs" / "validate.md"


@pytest.mark.parametrize(("lang", "index"), [("es", 0), ("en", 1)])
def test_the_guide_s_example_prints_what_the_guide_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, index: int
) -> None:
    guide = DOC.read_text(encoding="utf-8")
    sample = re.findall(r"```yaml\n(.*?)```", guide, flags=re.S)[0]
    outputs = re.findall(r"```\n(acme\.audit\.yaml:.*?)```", guide, flags=re.S)
    write(tmp_path, "acme.audit.yaml", sample)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "acme.audit.yaml", "--lang", lang])
    assert result.exit_code == 2
    assert result.stdout == outputs[index]


def test_an_answer_written_as_a_label_suggests_its_value(tmp_path: Path) -> None:
    text = HEAD + (
        "steps:\n  tools:\n    answers:\n"
        "      tools.api-available: {answer: en la mayoria}\n"
        "      tools.tool-owners: {answer: xyz}\n"
    )
    path = write(tmp_path, "l.audit.yaml", text)
    result = runner.invoke(app, ["validate", str(path), "--lang", "es"])
    assert result.stdout.splitlines() == [
        f"{path}:5:37: tools.api-available: «en la mayoria» no es una de las opciones: "
        f"{OPTIONS}; ¿quiso decir most?",
        f"{path}:6:35: tools.tool-owners: «xyz» no es una de las opciones: {OPTIONS}",
    ]
