"""The Typer app and the one place where errors become messages and exit codes."""

from __future__ import annotations

import functools
import os
import sys
from typing import Any

import typer
import typer.main
from typer.core import TyperGroup

from omniready import __version__

EXIT_FOUND = 1  # the run worked and found what --fail-on asked to fail on
EXIT_INPUT = 2  # bad input or usage
EXIT_INTERNAL = 3  # a bug: ask for --debug
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report SIGINT
EXIT_PIPE = 141  # the reader went away (`| head`), as shells report SIGPIPE


def _debug_wanted() -> bool:
    return os.environ.get("OMNIREADY_DEBUG") == "1"


def _want_debug(ctx: typer.Context, value: bool) -> None:
    if value:
        if ctx.obj is None:
            ctx.obj = {}
        ctx.obj["debug"] = True  # the dict every context of the run shares with the root's


@functools.cache
def _debug_option() -> Any:
    """The --debug option as Typer builds it (declared on a one-command app), shared by every
    command; it only sets the run's debug flag, so it is not passed to the command itself."""
    declare = typer.Typer()

    @declare.command()
    def _declared(
        debug: bool = typer.Option(
            False,
            "--debug",
            callback=_want_debug,
            help="Show tracebacks instead of one-line errors.",
        ),
    ) -> None:
        """Where --debug is declared."""

    option = next(p for p in typer.main.get_command(declare).params if p.name == "debug")
    option.expose_value = False
    return option


class _Group(TyperGroup):
    """Translate our errors once, at the edge: one line and exit 2; anything else exit 3.

    Every command also takes --debug after its name (`omniready report x --debug`), declared
    on the command so the parser reads it where the user put it."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None and not any(p.name == "debug" for p in command.params):
            command.params.append(_debug_option())
        return command

    def invoke(self, ctx: Any) -> Any:
        from omniready.errors import OmnireadyError
        from omniready.texts import run_lang, text

        try:
            return super().invoke(ctx)
        except OmnireadyError as exc:
            if ctx.obj and ctx.obj.get("debug") or _debug_wanted():
                raise
            error(exc.message)
            if exc.hint:
                error(text("cli.hint", run_lang(), hint=exc.hint))
            raise typer.Exit(EXIT_INPUT) from None
        except KeyboardInterrupt:
            error(text("cli.interrupted", run_lang()))
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            silence_stdout()
            raise typer.Exit(EXIT_PIPE) from None
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if _is_cli_flow(exc):
                raise  # usage errors and exits of the CLI framework itself
            if ctx.obj and ctx.obj.get("debug") or _debug_wanted():
                raise
            error(text("cli.internal", run_lang(), kind=type(exc).__name__, detail=exc))
            error(text("cli.internal-next", run_lang()))
            raise typer.Exit(EXIT_INTERNAL) from None


def silence_stdout() -> None:
    """Point stdout and stderr at /dev/null so the interpreter's final flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError):
            pass  # a stream without a file descriptor (tests): nothing to flush at exit


def _is_cli_flow(exc: BaseException) -> bool:
    # Typer vendors click in newer releases; match both by module rather than private imports.
    return type(exc).__module__.split(".")[0] in {"typer", "click"}


def error(message: str) -> None:
    """Print one message line to stderr (never to stdout, which carries data)."""
    typer.echo(message, err=True)


app = typer.Typer(
    cls=_Group,
    name="omniready",
    help=(
        "Omnichannel readiness audit: interview the five steps, probe vendors, score, report.\n\n"
        "Example:\n\n    omniready demo ./omniready-demo"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"omniready {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
    debug: bool = typer.Option(
        False,
        "--debug",
        help="Show tracebacks instead of one-line errors (also after the command).",
    ),
) -> None:
    ctx.obj = {"debug": debug}


LangOption = typer.Option(
    None,
    "--lang",
    metavar="es|en",
    help="Language of what people read: es or en (default: the locale's, else es).",
)


ChecklistDirOption = typer.Option(
    None,
    "--checklist-dir",
    metavar="DIR",
    help="Folder of extra checklist YAML files that add or override questions.",
)


def resolve_lang(lang: str | None) -> str:
    """Validate --lang or fall back to the locale; the run's errors are then shown in it."""
    from omniready.texts import locale_lang, text, use_lang

    if lang is None:
        lang = locale_lang()
    elif lang not in {"es", "en"}:
        raise typer.BadParameter(text("cli.lang", locale_lang()), param_hint="--lang")
    use_lang(lang)
    return lang
