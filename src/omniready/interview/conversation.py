"""The interactive interview: walks the checklist with a person, shows each question with rich,
reads the answer through a Terminal and saves at once.

Decisions are made by walk.py (where to go), parse.py (what a line means), apply.py (what an
answer changes) and records.py (the records of each step); this module asks, shows and saves.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import replace
from typing import Any, Literal

from rich.progress_bar import ProgressBar
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from omniready import channels, numbers
from omniready.audit.model import Audit, Journey, JourneyStep, Response
from omniready.checklist import Checklist, Question
from omniready.interview import apply, parse, records, walk
from omniready.interview.parse import BadValue
from omniready.interview.terminal import Terminal
from omniready.interview.walk import Stop
from omniready.texts import text

Move = Literal["next", "back", "quit"]


Saver = Callable[[Audit], None]


class QuitRequested(Exception):
    """`q` typed at a yes/no question inside a step: save (already done) and stop."""


class FormInterrupted(KeyboardInterrupt):
    """Ctrl-C inside a record form; carries what was typed so far, to offer keeping it."""

    def __init__(self, values: dict[str, Any]) -> None:
        super().__init__()
        self.values = values


class Interview:
    """One interactive walk over the checklist; `audit` always holds what was saved last."""

    def __init__(
        self,
        term: Terminal,
        checklist: Checklist,
        audit: Audit,
        save: Saver,
        lang: str,
        file: str,
        *,
        second_opinion: str | None = None,
    ) -> None:
        self.term, self.checklist, self.audit = term, checklist, audit
        self.save_to_disk, self.lang, self.file = save, lang, file
        self.respondent: str | None = audit.respondent  # kept in the file between sessions
        # --respondent NAME: the walk also stops at questions only other respondents answered,
        # to take this one's answer beside theirs (`quien` alone changes who answers next).
        self.second_opinion = second_opinion
        # What a Ctrl-C inside a record form did with that record, said when the run stops.
        self.interrupted_record: str | None = None
        # One question at a time with progress bars on a real terminal; line by line otherwise.
        self.fancy = bool(getattr(term, "fancy", False))
        self.last_saved: Text | None = None

    def t(self, key: str, **values: Any) -> str:
        """The catalogue's `interview.<key>` in the interview's language, filled with `values`."""
        return text(f"interview.{key}", self.lang, **values)

    def note(self, key: str, style: str = "dim", **values: Any) -> None:
        """Show one message line, in `style`."""
        self.term.show(Text(self.t(key, **values), style=style))

    def warn(self, bad: BadValue, style: str = "yellow") -> None:
        """Say why a typed value was refused, in the interview's language."""
        self.term.show(Text(bad.message.render(self.lang), style=style))

    def commit(self, audit: Audit) -> None:
        """Save at once: an answer is on disk before the next question is shown."""
        if audit is not self.audit:
            # Taken first: if Ctrl-C arrives while saving, the interrupt handler saves this one.
            self.audit = audit
            self.save_to_disk(audit)

    # --- the walk --------------------------------------------------------------------------

    def run(self, start: Stop | None, *, step: str | None = None) -> Move:
        """Walk from `start` to the end; returns "quit" when the user asked to stop. With `step`,
        walk that step only, every question of it (answered ones too), then its records."""
        try:
            return self._walk(start, step)
        except QuitRequested:
            return "quit"

    def run_question(self, question: Question) -> Move:
        """Ask one question, answered or not (`--question ID`)."""
        try:
            return self.ask(Stop(question.step, question))
        except QuitRequested:
            return "quit"

    def _walk(self, start: Stop | None, only: str | None = None) -> Move:
        stop = start
        offered_revisit = False
        while True:
            while stop is not None:
                move = self.step_records(stop.step) if stop.is_records else self.ask(stop)
                if move == "quit":
                    return "quit"
                if move == "back":
                    previous = walk.before(self.checklist, self.audit, stop)
                    if previous is not None and only and previous.step != only:
                        previous = None
                    if previous is None:
                        self.note("errors.at-first", style="yellow")
                    stop = previous or stop
                else:
                    # A second pass is for the questions left unanswered, not the records again.
                    stop = walk.after(
                        self.checklist,
                        self.audit,
                        stop,
                        everything=only is not None,
                        records=not offered_revisit,
                        respondent=self.second_opinion,
                    )
                    if stop is not None and only and stop.step != only:
                        stop = None
            todo = walk.missing(self.checklist, self.audit)
            if not todo or offered_revisit or only:
                return "next"
            offered_revisit = True
            if not self.confirm(
                self.t("prompts.revisit", n=len(todo)) + " " + self.t("prompts.yes-no")
            ):
                return "next"
            stop = Stop(todo[0].step, todo[0])

    def confirm(self, prompt: str, *, default: bool = False) -> bool:
        """A yes/no question: only yes or no words count, Enter is `default`, anything else is
        asked again saying what is expected; `q` quits the interview (see run)."""
        while True:
            answer = self.term.ask(prompt)
            if not answer.strip():
                return default
            if parse.command(answer) == "quit":
                raise QuitRequested
            said = parse.yes_no(answer)
            if said is not None:
                return said
            self.note("errors.yes-no-expected", style="yellow")

    # --- review ------------------------------------------------------------------------------

    def review(self, step: str) -> Move:
        """List every question of a step with its number and answer; a number changes that one,
        > and < move to the next or previous step, Enter ends the review."""
        while True:
            questions = walk.applicable(self.checklist, self.audit, step)
            self.show_review(step, questions)
            raw = self.term.ask(self.t("prompts.review", n=len(questions))).strip()
            index = walk.STEPS.index(step)
            if not raw:
                return "next"
            if parse.command(raw) == "quit":
                return "quit"
            if raw in {">", "<"}:
                index += 1 if raw == ">" else -1
                if not 0 <= index < len(walk.STEPS):
                    return "next"
                step = walk.STEPS[index]
                continue
            if raw.isdigit() and 1 <= int(raw) <= len(questions):
                if self.ask(Stop(step, questions[int(raw) - 1])) == "quit":
                    return "quit"
                continue
            self.note("errors.review-bad", style="yellow", n=len(questions))

    def show_review(self, step: str, questions: list[Question]) -> None:
        """The review table of one step: number, question, answer."""
        number = walk.STEPS.index(step) + 1
        title = self.checklist.titles[step](self.lang)
        where = self.t("screen.step", k=number, n=len(walk.STEPS))
        self.clear()
        self.term.show(
            Text(""),
            Rule(
                Text(f"{self.t('review.title')} · {where} · {title}", style="bold"),
                align="left",
            ),
        )
        table = Table(show_edge=False, pad_edge=False, expand=True)
        table.add_column("#", justify="right", style="bold cyan", no_wrap=True)
        table.add_column(self.t("review.question"), ratio=3)
        table.add_column(self.t("review.answer"), ratio=1)
        for i, question in enumerate(questions, start=1):
            table.add_row(str(i), question.text(self.lang), self.answer_text(question))
        self.term.show(table)

    def answer_text(self, question: Question) -> Text:
        """How a question's stored answer reads in the review: label, n/a, passed or nothing."""
        current = walk.answer_of(self.audit, question)
        if current is None or not (current.is_answered or current.skipped):
            return Text("—", style="dim")
        if current.na:
            return Text(self.t("review.na"), style="yellow")
        if current.answer is None:
            return Text(self.t("review.skipped"), style="dim")
        shown = self.label(question, current.answer)
        if question.type == "text" and len(shown) > 60:
            shown = shown[:59].rstrip() + "…"  # a free text would fill the table; the file has it
        return Text(shown, style="green")

    # --- one question -----------------------------------------------------------------------

    def ask(self, stop: Stop) -> Move:
        """Show one question and read lines until one moves on: an answer, a pass, n/a, back or
        quit; notes, evidence, the respondent and clearing are saved and the question stays."""
        question = stop.question
        assert question is not None
        self.render(stop)
        while True:
            raw = self.term.ask(self.prompt_for(question))
            action = parse.command(raw)
            if action == "value":
                try:
                    value = parse.parse_value(question, raw, self.lang)
                except BadValue as bad:
                    self.warn(bad, style="yellow")
                    continue
                self.commit(apply.give(self.audit, question, value, self.respondent))
                given = walk.answer_of(self.audit, question)
                shown: Any = value
                if given is not None and given.responses:
                    # Beside another respondent's answer: theirs is kept, the consensus is asked.
                    mine = self.label(question, value)
                    said = self.t("respondents.saved-response", value=mine, who=self.respondent)
                    self.term.show(Text(said, style="green"))
                    self.agree(question)
                    agreed = walk.answer_of(self.audit, question)
                    shown = agreed.answer if agreed is not None else value
                saved = Text(self.t("saved.answer", value=self.label(question, shown)))
                saved.stylize("green")
                self.last_saved = saved
                self.term.show(saved)
                return "next"
            if action == "pass":
                self.commit(apply.pass_over(self.audit, question))
                if not walk.is_answered(self.audit, question):
                    self.note("saved.passed")
                return "next"
            if action in {"back", "quit"}:
                return "back" if action == "back" else "quit"
            if action == "na":
                reason = self.term.ask(self.t("prompts.na-reason")).strip()
                if not reason:
                    self.note("errors.na-needs-reason", style="yellow")
                    continue
                self.commit(apply.mark_na(self.audit, question, reason, self.respondent))
                self.note("saved.na", style="green")
                return "next"
            if action == "note":
                text = self.term.ask(self.t("prompts.note"))
                self.commit(apply.set_note(self.audit, question, text))
                self.note("saved.note", style="green")
            elif action == "evidence":
                text = self.term.ask(self.t("prompts.evidence"))
                self.commit(apply.add_evidence(self.audit, question, text))
                self.note("saved.evidence", style="green")
            elif action == "who":
                self.respondent = self.term.ask(self.t("prompts.respondent")).strip() or None
                self.commit(self.audit.model_copy(update={"respondent": self.respondent}))
                self.note("saved.respondent", style="green", who=self.respondent or "—")
            elif action == "review":
                if self.review(stop.step) == "quit":
                    return "quit"
                self.render(stop)
            elif action == "clear":
                self.commit(apply.clear(self.audit, question))
                self.note("saved.cleared", style="green")
            elif action == "help":
                self.term.show(Text(self.t("screen.help", file=self.file)))

    def prompt_for(self, question: Question) -> str:
        """The prompt for a question's type: option numbers, yes/no, a number or free text."""
        if question.type in {"scale", "choice"}:
            return self.t("prompts.options", n=len(question.options))
        if question.type == "yesno":
            return self.t("prompts.yesno")
        if question.type == "number":
            return self.t("prompts.number")
        return self.t("prompts.text")

    def label(self, question: Question, value: Any) -> str:
        """How an answer value reads on screen: its option's label, or the value itself."""
        option = question.option(value) if question.options else None
        if option is not None:
            return option.label(self.lang)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return numbers.number(value, self.lang, None)
        return str(value)

    def render(self, stop: Stop) -> None:
        """Show a question: step and progress, its text and help, its options and what it holds."""
        question = stop.question
        assert question is not None
        lang = self.lang
        where = walk.progress(self.checklist, self.audit, stop)
        title = self.checklist.titles[stop.step](lang)
        step_line = f"{self.t('screen.step', k=where.step_no, n=where.step_count)} · {title}"
        if self.fancy:
            self.clear()
            if self.last_saved is not None:
                self.term.show(self.last_saved)
            self.term.show(self.progress_bars(step_line, where))
        else:
            self.term.show(Text(""), Rule(Text(step_line, style="bold"), align="left"))
        head = Table.grid(expand=True)
        head.add_column()
        head.add_column(justify="right")
        counters = self.t("screen.question", i=where.question_no, n=where.question_count)
        if not self.fancy:  # the bars above say it on a terminal
            counters += (
                f"  ·  {self.t('screen.answered-total', done=where.answered, total=where.total)}"
            )
        head.add_row(Text(counters, style="cyan"), Text(question.id, style="dim"))
        self.term.show(head, Text(""), Text(question.text(lang), style="bold"))
        if question.help:
            self.term.show(Text(question.help(lang), style="italic dim"))
        current = walk.answer_of(self.audit, question)
        chosen = current.answer if current else None
        if question.type in {"scale", "choice", "yesno"}:
            grid = Table.grid(padding=(0, 2))
            grid.add_column(justify="right", style="bold cyan")
            grid.add_column()
            for number, option in enumerate(question.options, start=1):
                picked = chosen is not None and question.option(chosen) == option
                label = Text(option.label(lang), style="bold green" if picked else "")
                if picked:
                    label.append(f"  ← {self.t('screen.current')}", style="green")
                grid.add_row(f"{number}", label)
            self.term.show(Text(""), grid)
        elif question.type == "number" and (question.min is not None or question.max is not None):
            self.term.show(Text(self.bounds(question), style="dim"))
        self.term.show(Text(""))
        if current is not None:
            self.show_current(question, current)
        self.term.show(Text.from_markup(self.t("screen.keys"), style="dim"))

    def clear(self) -> None:
        """A fresh screen for the next question, on a real terminal only."""
        clear = getattr(self.term, "clear", None)
        if self.fancy and clear is not None:
            clear()

    def progress_bars(self, step_line: str, where: walk.Progress) -> Table:
        """Two bars: the questions answered in this step, and in the whole audit."""
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column(width=30)
        grid.add_column(no_wrap=True, style="cyan")
        grid.add_row(
            step_line,
            ProgressBar(
                total=max(where.question_count, 1), completed=where.step_answered, width=30
            ),
            self.t("screen.answered-total", done=where.step_answered, total=where.question_count),
        )
        grid.add_row(
            self.t("screen.whole-audit"),
            ProgressBar(total=max(where.total, 1), completed=where.answered, width=30),
            self.t("screen.answered-total", done=where.answered, total=where.total),
        )
        return grid

    def bounds(self, question: Question) -> str:
        """The allowed range of a number question, as one line."""
        low = numbers.number(question.min, self.lang, None) if question.min is not None else None
        high = numbers.number(question.max, self.lang, None) if question.max is not None else None
        if low is not None and high is not None:
            return self.t("screen.range", min=low, max=high)
        return (
            self.t("screen.min-only", min=low)
            if low is not None
            else self.t("screen.max-only", max=high)
        )

    def show_current(self, question: Question, current: Any) -> None:
        """What the question already holds: answer, n/a, pass, note, evidence, respondent."""
        lines: list[str] = []
        if current.na:
            lines.append(self.t("screen.na-current", reason=current.note))
        elif current.answer is not None and question.type in {"number", "text"}:
            lines.append(
                self.t("screen.current-answer", value=self.label(question, current.answer))
            )
        elif current.skipped:
            lines.append(self.t("screen.skipped-before"))
        if current.note and not current.na:
            lines.append(self.t("screen.note-current", note=current.note))
        if current.evidence:
            lines.append(self.t("screen.evidence-current", evidence="; ".join(current.evidence)))
        earlier = self.earlier_answers(question, current)
        if earlier:
            lines += earlier
        elif current.respondent:
            lines.append(self.t("screen.respondent-current", who=current.respondent))
        for line in lines:
            self.term.show(Text(line, style="green"))

    # --- several respondents -----------------------------------------------------------------

    def earlier_answers(self, question: Question, current: Any) -> list[str]:
        """Who answered what before, when it is not (only) the respondent now answering: each
        respondent's answer, and the consensus when there are several."""
        responses = list(current.responses)
        if not responses:
            if current.answer is None or not current.respondent or not self.respondent:
                return []
            if current.respondent == self.respondent:
                return []
            responses = [Response(respondent=current.respondent, answer=current.answer)]
        lines = [self.t("respondents.earlier")]
        lines += [
            self.t("respondents.one", who=r.respondent, answer=self.label(question, r.answer))
            for r in responses
        ]
        if len(responses) > 1 and current.answer is not None:
            shown = self.label(question, current.answer)
            lines.append(self.t("respondents.consensus-now", answer=shown))
        return lines

    def agree(self, question: Question) -> None:
        """When respondents answered differently: say so and ask the consultant for the consensus
        (Enter, or `q` to stop, keeps the one proposed by apply.consensus, saved already); when
        they agree, nothing to ask."""
        current = walk.answer_of(self.audit, question)
        assert current is not None
        if len({repr(r.answer) for r in current.responses}) < 2:
            return
        answers = " · ".join(
            f"{r.respondent}: {self.label(question, r.answer)}" for r in current.responses
        )
        self.note("respondents.differ", style="yellow", answers=answers)
        proposed = self.label(question, current.answer)
        while True:
            raw = self.term.ask(self.t("respondents.consensus-prompt", answer=proposed))
            if not raw.strip():
                return
            if parse.command(raw) == "quit":
                raise QuitRequested  # the proposed consensus is saved already
            try:
                value = parse.parse_value(question, raw, self.lang)
            except BadValue as bad:
                self.warn(bad)
                continue
            self.commit(apply.set_consensus(self.audit, question, value))
            self.note(
                "respondents.consensus-saved", style="green", answer=self.label(question, value)
            )
            return

    # --- the records of a step ----------------------------------------------------------------

    def step_records(self, step: str) -> Move:
        """The records stop of a step: list what it holds and add records while the user says
        yes; `<` goes back, `q` quits."""
        form = records.FORMS[step]
        title = self.checklist.titles[step](self.lang)
        number = walk.STEPS.index(step) + 1
        self.term.show(
            Text(""),
            Rule(
                Text(
                    f"{self.t('screen.step', k=number, n=len(walk.STEPS))} · {title}", style="bold"
                ),
                align="left",
            ),
        )
        first = True
        while True:
            ids = records.record_ids(self.audit, step)
            what = ", ".join(self.listed_name(step, i) for i in ids) or self.t("records.none")
            many = form.many_text(self.lang)
            self.term.show(Text(self.t("records.title", many=many, what=what), style="cyan"))
            key = "prompts.records-add" if first and not ids else "prompts.records-add-more"
            prompt = self.t(key, one=form.one_text(self.lang), another=form.another_text(self.lang))
            answer = self.term.ask(prompt)
            action = parse.command(answer)
            if action == "pass":
                return "next"  # Enter: no
            if action in {"back", "quit"}:
                return "back" if action == "back" else "quit"
            said = parse.yes_no(answer)
            if said is None:
                # A sentence typed at the wrong prompt is never taken for "no": ask again.
                self.note("errors.yes-no-expected", style="yellow")
                continue
            first = False
            if not said:
                return "next"
            self.add_record(step)

    def fill(self, form: records.RecordForm, skip: set[str] | None = None) -> dict[str, Any] | None:
        """Ask a form's fields in order; None when the user cancels with `<`."""
        values: dict[str, Any] = {}
        for spec in form.fields:
            if skip and spec.name in skip:
                continue
            if spec.choices_from:
                existing = tuple(records.record_ids(self.audit, spec.choices_from))
                if not existing:
                    continue  # nothing to refer to yet; the file can be edited later
                spec = replace(spec, choices=existing)
            default = None
            if spec.default_from and values.get(spec.default_from):
                default = records.slugify(str(values[spec.default_from]))
            prompt = spec.text(self.lang)
            if spec.choices:
                prompt += (
                    " ("
                    + " · ".join(
                        f"{i} {records.choice_label(c, self.lang)}"
                        for i, c in enumerate(spec.choices, start=1)
                    )
                    + ")"
                )
            elif spec.kind == "bool":
                prompt += " " + self.t("prompts.yes-no-unknown")
            if default:
                prompt += f" [{default}]"
            while True:
                try:
                    raw = self.term.ask(prompt)
                except KeyboardInterrupt:
                    raise FormInterrupted(values) from None
                if raw.strip() == "<":
                    self.note("records.cancelled", style="yellow")
                    return None
                try:
                    value = records.parse_field(spec, raw or (default or ""), self.lang)
                    if form is records.SEGMENT and spec.name == "share" and value is not None:
                        records.check_share(self.audit, str(values.get("id")), value, self.lang)
                    if spec.name == form.key and records.FORMS.get(form.step) is form:
                        # Asked at once, before the other fields are typed for nothing.
                        try:
                            value = self.unique_id(form.step, value)
                        except KeyboardInterrupt:
                            raise FormInterrupted(values) from None
                        if value is None:
                            self.note("records.cancelled", style="yellow")
                            return None
                    values[spec.name] = value
                    break
                except BadValue as bad:
                    self.warn(bad, style="yellow")
        return values

    def add_record(self, step: str) -> None:
        """Fill and save one record of `step` (replacing one with the same identifier when the
        user chose so); a journey's steps follow."""
        form = records.FORMS[step]
        self.note("records.hint")
        try:
            values = self.fill(form)
        except FormInterrupted as stopped:
            self.keep_partial(form, stopped.values)
            raise KeyboardInterrupt from None
        if values is None:
            return
        # An existing record here is one the user chose to replace (see unique_id).
        old = records.find(self.audit, step, str(values[form.key]))
        asked: set[str] = set()
        if form is records.BRAND:
            shown: dict[str, str] = {}
            try:
                self.brand_channels(shown)
            except KeyboardInterrupt:
                self.keep_partial(form, {**values, "channels": shown or None})
                raise
            values["channels"] = shown or None
            if values["channels"]:
                asked.add("channels")
        try:
            ident, record = records.make(form, values)
        except BadValue as bad:
            self.warn(bad, style="red")
            return
        if old is not None:
            record = records.keep_unasked(form, old, record, asked)
        record = record.model_copy(update={"incomplete": None})  # complete now
        self.commit(records.put(self.audit, step, ident, record))
        self.note("saved.record", style="green", id=self.record_name(step, ident))
        if isinstance(record, Journey):
            if old is not None and record.steps:
                self.note("records.journey-keeps-steps", n=len(record.steps))
            self.journey_steps(ident, replacing=bool(record.steps))

    def keep_partial(self, form: records.RecordForm, values: dict[str, Any]) -> None:
        """After Ctrl-C inside a form: offer to keep what was typed as an incomplete record."""
        self.term.show(Text(""))
        key = values.get(form.key)
        if key is None:
            self.interrupted_record = self.t("partial.nothing", one=form.one_text(self.lang))
            return
        ident = str(key)

        def saved() -> Audit:
            record = records.partial(form, self.audit, values)
            return records.put(self.audit, form.step, ident, record)

        self.offer_partial(form, values, ident, saved)

    def offer_partial(
        self,
        form: records.RecordForm,
        values: dict[str, Any],
        ident: str,
        saved: Callable[[], Audit],
        skip: Collection[str] = (),
    ) -> None:
        """Ask whether to keep a record left half-way (yes by default, also on a second Ctrl-C),
        save it with `saved`, and remember for the final message exactly what was kept."""
        one = form.one_text(self.lang)
        typed = [spec for spec in form.fields if values.get(spec.name) is not None]
        fields = ", ".join(self.field_name(spec) for spec in typed) or "—"
        try:
            keep = self.confirm(
                self.t("prompts.partial-keep", one=one, id=ident, fields=fields), default=True
            )
        except (KeyboardInterrupt, EOFError, QuitRequested):
            keep = True  # the default: nothing typed is thrown away by a second Ctrl-C
        if not keep:
            self.interrupted_record = self.t("partial.dropped", one=one, id=ident)
            return
        try:
            self.commit(saved())
        except BadValue as bad:
            why = bad.message.render(self.lang)
            self.interrupted_record = self.t("partial.unsaved", one=one, id=ident, why=why)
            return
        missing = [
            spec
            for spec in form.fields
            if spec not in typed and spec.name != form.key and spec.name not in skip
        ]
        left = ", ".join(self.field_name(spec) for spec in missing) or "—"
        self.interrupted_record = self.t(
            "partial.saved", one=one, id=ident, fields=fields, missing=left
        )

    def field_name(self, spec: records.FieldSpec) -> str:
        """A form field's short name, for what was saved and what is missing."""
        return spec.short(self.lang)

    def unique_id(self, step: str, ident: str) -> str | None:
        """The identifier to save under: `ident`, unless it exists and the user would rather
        not replace that record; then a new one, or None to cancel."""
        spec = records.FieldSpec("id", "id", "channel" if step == "metrics" else "slug")
        while ident in records.record_ids(self.audit, step):
            shown = self.record_name(step, ident)
            if self.confirm(
                self.t("prompts.record-exists", id=shown) + " " + self.t("prompts.yes-no")
            ):
                return ident
            while True:
                raw = self.term.ask(self.t("prompts.record-new-id"))
                if not raw.strip() or raw.strip() == "<":
                    return None
                try:
                    ident = records.parse_field(spec, raw, self.lang)
                    break
                except BadValue as bad:
                    self.warn(bad, style="yellow")
        return ident

    def record_name(self, step: str, ident: str) -> str:
        """How a record is named on screen: a channel's figures by the channel's name in the
        screen's language, anything else by its id."""
        return channels.label(ident, self.lang) if step == "metrics" else ident

    def listed_name(self, step: str, ident: str) -> str:
        """A record as the step's list shows it: its name, marked when left incomplete."""
        record = records.find(self.audit, step, ident)
        name = self.record_name(step, ident)
        return (
            self.t("records.incomplete-mark", name=name)
            if getattr(record, "incomplete", False)
            else name
        )

    def journey_steps(self, journey_id: str, *, replacing: bool = False) -> None:
        """Ask the steps of a journey; with `replacing`, the first new step replaces the steps
        it had, which are kept if none is added."""
        count = 0
        while self.confirm(self.t("prompts.journey-step-add", id=journey_id)):
            self.note("records.journey-step-n", style="cyan", n=count + 1)
            # The first step has nothing before it to carry context from.
            try:
                values = self.fill(
                    records.JOURNEY_STEP, skip={"context_carried"} if not count else None
                )
            except FormInterrupted as stopped:
                self.keep_partial_step(journey_id, stopped.values, count, replacing)
                raise KeyboardInterrupt from None
            if values is None:
                continue
            try:
                step = records.build(JourneyStep, values)
            except BadValue as bad:
                self.warn(bad, style="red")
                continue
            count += 1
            first = replacing and count == 1
            self.commit(records.add_journey_step(self.audit, journey_id, step, first=first))
            self.note("saved.record", style="green", id=f"{journey_id} #{count}")

    def keep_partial_step(
        self, journey_id: str, values: dict[str, Any], count: int, replacing: bool
    ) -> None:
        """After Ctrl-C inside a journey step: offer to keep it, marked incomplete, when its
        phase and channel were typed."""
        self.term.show(Text(""))
        try:
            step = records.build(JourneyStep, {**values, "incomplete": True})
        except BadValue:  # no phase or channel yet: there is no step to keep
            self.interrupted_record = self.t(
                "partial.nothing", one=records.JOURNEY_STEP.one_text(self.lang)
            )
            return
        first = replacing and count == 0

        def saved() -> Audit:
            return records.add_journey_step(self.audit, journey_id, step, first=first)

        where = f"{journey_id} #{count + 1}"
        # The first step is never asked whether context arrived: nothing came before it.
        skip = {"context_carried"} if not count else set()
        self.offer_partial(records.JOURNEY_STEP, values, where, saved, skip)

    def brand_channels(self, shown: dict[str, str]) -> dict[str, str]:
        """Ask how a brand item reads in each channel: channel, then its text; empty ends.
        Filled into `shown` as they come, so a Ctrl-C keeps those already typed."""
        spec = records.FieldSpec("channel", "channel.channel", "channel")
        prompt = f"{self.t('prompts.brand-channel-add')} ({records.channel_examples(self.lang)})"
        while True:
            raw = self.term.ask(prompt)
            if not raw.strip():
                return shown
            try:
                channel = records.parse_field(spec, raw, self.lang)
            except BadValue as bad:
                self.warn(bad, style="yellow")
                continue
            name = channels.label(channel, self.lang)
            text = self.term.ask(self.t("prompts.brand-channel-text", channel=name)).strip()
            if text:
                shown[channel] = text

    # --- start and end --------------------------------------------------------------------

    def summary(self, *, paused: bool) -> None:
        """What was done; `paused` when the interview stopped before its end (q, end of input)."""
        every = walk.applicable(self.checklist, self.audit)
        todo = walk.missing(self.checklist, self.audit)
        na = sum(1 for q in every if (a := walk.answer_of(self.audit, q)) and a.na)
        done = len(every) - len(todo)
        # "Finished" only when nothing is left: after q the interview is saved and paused.
        title = self.t("end.paused-title" if paused or todo else "end.done-title")
        self.term.show(Text(""), Rule(Text(title, style="bold"), align="left"))
        self.note(
            "end.summary", style="bold", done=done, total=len(every), na=na, missing=len(todo)
        )
        if todo:
            # A long list would bury the resume hint; the file and validate have the rest.
            ids = ", ".join(q.id for q in todo[:6])
            more = self.t("end.and-more", n=len(todo) - 6) if len(todo) > 6 else ""
            self.note("end.missing-list", style="yellow", ids=ids + more)
