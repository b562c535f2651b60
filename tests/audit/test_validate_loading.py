"""What stops the reading of a file (its YAML, the loader's limits, its encoding, its schema
version) is one located line in the chosen language, with the usual fix; no library's words."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from omniready.cli import app

runner = CliRunner()

HEAD = "organization: {name: A}\n"
# Words of PyYAML, libyaml and Python that must not reach a Spanish reader.
FOREIGN = ("invalid YAML", "not allowed", "found", "expected", "mapping", "is not a valid")

# A file's text (or bytes), then its one problem: LINE:COL, Spanish, English.
CASES: dict[str, tuple[str | bytes, str, str, str]] = {
    "missing colon": (
        "organization:\n  name Acme\n  country: CL\n",
        "3:10",
        "YAML no válido: un «: » donde no cabe; si un texto lleva «: », póngalo entre comillas, "
        "y si empieza una clave nueva, revise la línea anterior",
        "invalid YAML: a ': ' where none fits; put a text holding ': ' in quotes, and if a new "
        "key starts here, check the line above",
    ),
    "tab": (
        "organization:\n\tname: Acme\n",
        "2:1",
        "YAML no válido: un carácter que no puede empezar un valor (un tabulador: use espacios; "
        "@ o `: ponga el texto entre comillas)",
        "invalid YAML: a character that cannot start a value (a tab: use spaces; @ or `: put "
        "the text in quotes)",
    ),
    "unclosed quote": (
        "organization: {name: 'Acme\n",
        "2:1",
        "YAML no válido: el archivo termina antes de cerrar una comilla, un corchete o una llave",
        "invalid YAML: the file ends before a quote, bracket or brace is closed",
    ),
    "unclosed list": (
        "organization: {name: Acme}\nsteps:\n  tools: [\n",
        "4:1",
        "YAML no válido: el archivo termina antes de cerrar una comilla, un corchete o una llave",
        "invalid YAML: the file ends before a quote, bracket or brace is closed",
    ),
    "indentation": (
        "organization:\n    name: Acme\n  country: CL\n",
        "3:3",
        "YAML no válido: la sangría no cuadra (las claves de un mismo grupo van alineadas y un "
        "«- elemento» no cabe entre claves), o sobra un corchete o una llave",
        "invalid YAML: the indentation does not line up (keys of one group are aligned and a "
        "'- item' cannot sit between keys), or a bracket or brace is one too many",
    ),
    "alias": (
        "organization: &o {name: A}\nassessor: *o\n",
        "2:11",
        "no se permiten alias (*o) en un archivo de auditoría: escriba el valor completo",
        "aliases (*o) are not allowed in an audit file: write the value out",
    ),
    "tag": (
        "organization: !!python/object {name: A}\n",
        "1:15",
        "la etiqueta !!python/object no está permitida en un archivo de auditoría",
        "tag !!python/object is not allowed in an audit file",
    ),
    "duplicate key": (
        "organization: {name: A}\norganization: {name: B}\n",
        "2:1",
        "clave repetida 'organization': cada clave va una sola vez en su grupo",
        "duplicate key 'organization': each key comes once in its group",
    ),
    "impossible date": (
        HEAD + "started: 2026-02-30\n",
        "2:10",
        "«2026-02-30» no es una fecha u hora válida: escríbala AAAA-MM-DD (2026-03-31)",
        "invalid date or time '2026-02-30': write it YYYY-MM-DD (2026-03-31)",
    ),
    "explicit bad boolean": (
        HEAD + "assessor: !!bool maybe\n",
        "2:11",
        "«maybe» no es un valor !!bool válido",
        "'maybe' is not a valid !!bool value",
    ),
    "too deep": (
        HEAD + "x: " + "[" * 70 + "]" * 70 + "\n",
        "2:67",
        "listas o grupos anidados a más de 64 niveles (defina OMNIREADY_MAX_DEPTH para subir el "
        "límite)",
        "lists or mappings nested deeper than 64 (set OMNIREADY_MAX_DEPTH to raise the limit)",
    ),
    "latin-1": (
        'organization: {name: "Acm\xe9"}\n'.encode("latin-1"),
        "1:26",
        "no es texto UTF-8 (byte 25): guárdelo con la codificación UTF-8",
        "not UTF-8 text (byte 25): save it in the UTF-8 encoding",
    ),
    "a value missing": (
        "organization:\n  - [a,,b]\n",
        "2:8",
        "YAML no válido: falta un valor donde se espera uno; un texto que empieza por %, @, ` o | "
        "va entre comillas",
        "invalid YAML: a value is missing where one is expected; a text starting with %, @, ` or "
        "| goes in quotes",
    ),
    "a list": (
        "- a\n- b\n",
        "1:1",
        "un archivo de auditoría debe ser un grupo de campos YAML (clave: valor)",
        "an audit file must be a YAML mapping (key: value)",
    ),
    "schema not a number": (
        "schema: zero\n" + HEAD,
        "1:9",
        "schema debe ser un número entero positivo",
        "schema must be a positive whole number",
    ),
    "schema too new": (
        "schema: 99\n" + HEAD,
        "1:9",
        "el esquema 99 es más nuevo que el que entiende esta versión (2): actualice omniready",
        "schema 99 is newer than this release understands (2): upgrade omniready",
    ),
}


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_what_stops_the_reading_is_one_line_in_plain_words(
    tmp_path: Path, case: str, lang: str
) -> None:
    content, where, spanish, english = CASES[case]
    path = tmp_path / "a.audit.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path), "--lang", lang])
    assert result.exit_code == 2
    assert result.stdout == f"{path}:{where}: {spanish if lang == 'es' else english}\n"
    if lang == "es":
        assert not [w for w in FOREIGN if w in result.output]


def test_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["validate", str(tmp_path / "no.yaml"), str(tmp_path), "--lang", "es"]
    )
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'no.yaml'}: no existe el archivo",
        f"{tmp_path}: es una carpeta, no un archivo",
    ]
    assert "2 de 2 archivo(s) no válidos" in result.stderr


def test_a_bad_limit_in_the_environment_is_named(tmp_path: Path) -> None:
    path = tmp_path / "a.audit.yaml"
    path.write_text(HEAD, encoding="utf-8")
    result = runner.invoke(
        app, ["validate", str(path), "--lang", "es"], env={"OMNIREADY_MAX_NODES": "mucho"}
    )
    assert result.exit_code == 2
    assert "OMNIREADY_MAX_NODES=mucho: debe ser un número entero positivo" in result.stderr
