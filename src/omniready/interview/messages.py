"""Every text the interview shows, in Spanish and English: data, kept apart from the code."""

from __future__ import annotations

from typing import Any

# key → (es, en). Placeholders use str.format names.
MESSAGES: dict[str, tuple[str, str]] = {
    "step": ("Paso {k} de {n}", "Step {k} of {n}"),
    "question": ("Pregunta {i} de {n}", "Question {i} of {n}"),
    "answered_total": ("{done} de {total} respondidas", "{done} of {total} answered"),
    "keys": (
        "[bold]Enter[/] pasar · [bold]<[/] atrás · [bold]na[/] no aplica · [bold]nota[/] · "
        "[bold]revisar[/] · [bold]q[/] guardar y salir · [bold]?[/] ayuda",
        "[bold]Enter[/] pass · [bold]<[/] back · [bold]na[/] not applicable · [bold]note[/] · "
        "[bold]review[/] · [bold]q[/] save and quit · [bold]?[/] help",
    ),
    "help": (
        "Escriba la respuesta y pulse Enter. Para opciones, el número o el valor.\n"
        "  Enter (vacío)  pasar: queda sin responder (o conserva la respuesta actual)\n"
        "  <              volver a la pregunta anterior\n"
        "  na             no aplica: se excluye del puntaje y pide el motivo\n"
        "  nota           añadir o cambiar la nota de esta pregunta\n"
        "  quien          quién responde (se recuerda para las siguientes)\n"
        "  evidencia      añadir dónde consta la respuesta (documento, enlace)\n"
        "  borrar         quitar la respuesta de esta pregunta\n"
        "  revisar        ver todas las respuestas del paso y cambiar una por su número\n"
        "  q              guardar y salir; se retoma con: omniready audit {file}\n"
        "Cada respuesta se guarda en el acto.",
        "Type the answer and press Enter. For options, the number or the value.\n"
        "  Enter (empty)  pass: left unanswered (or keeps the current answer)\n"
        "  <              back to the previous question\n"
        "  na             not applicable: left out of the score, asks for the reason\n"
        "  note           add or change this question's note\n"
        "  who            who answers (remembered for the next questions)\n"
        "  evidence       add where the answer is backed (document, link)\n"
        "  clear          remove this question's answer\n"
        "  review         list every answer of the step and change one by its number\n"
        "  q              save and quit; resume with: omniready audit {file}\n"
        "Every answer is saved at once.",
    ),
    "prompt_options": ("Respuesta [1-{n}]", "Answer [1-{n}]"),
    "prompt_yesno": ("Respuesta [s/n]", "Answer [y/n]"),
    "prompt_number": ("Número", "Number"),
    "prompt_text": ("Texto", "Text"),
    "current": ("actual", "current"),
    "current_answer": ("Respuesta actual: {value}", "Current answer: {value}"),
    "na_current": ("No aplica: {reason}", "Not applicable: {reason}"),
    "note_current": ("Nota: {note}", "Note: {note}"),
    "respondent_current": ("Responde: {who}", "Answered by: {who}"),
    "evidence_current": ("Evidencia: {evidence}", "Evidence: {evidence}"),
    "skipped_before": ("(se pasó antes sin responder)", "(passed over before)"),
    "range": ("entre {min} y {max}", "between {min} and {max}"),
    "min_only": ("mínimo {min}", "at least {min}"),
    "max_only": ("máximo {max}", "at most {max}"),
    "saved_answer": ("✓ {value}", "✓ {value}"),
    "passed": ("→ queda sin responder", "→ left unanswered"),
    "saved_na": ("✓ no aplica", "✓ not applicable"),
    "saved_note": ("✓ nota guardada", "✓ note saved"),
    "saved_cleared": ("✓ respuesta borrada", "✓ answer cleared"),
    "ask_na_reason": ("¿Por qué no aplica?", "Why does it not apply?"),
    "na_needs_reason": (
        "Sin motivo no se marca como no aplica.",
        "Without a reason it is not marked as not applicable.",
    ),
    "ask_note": ("Nota (vacío para borrarla)", "Note (empty to remove it)"),
    "ask_respondent": (
        "¿Quién responde? (vacío: nadie en particular)",
        "Who answers? (empty: nobody in particular)",
    ),
    "ask_evidence": (
        "Evidencia que respalda la respuesta (documento, enlace)",
        "Evidence backing the answer (document, link)",
    ),
    "saved_evidence": ("✓ evidencia guardada", "✓ evidence saved"),
    "at_first": ("Ya está en la primera pregunta.", "This is already the first question."),
    "bad_option": (
        "Escriba el número (1 a {n}) o el comienzo de una opción: {options}",
        "Type the number (1 to {n}) or the start of an option: {options}",
    ),
    "ambiguous_option": (
        "«{typed}» puede ser {matches}; escriba más letras o el número: {options}",
        "“{typed}” could be {matches}; type more letters or the number: {options}",
    ),
    "bad_yesno": ("Responda sí (s) o no (n), o 1 o 2.", "Answer yes (y) or no (n), or 1 or 2."),
    "yes_no_expected": (
        "Aquí se espera sí o no (s/n); Enter es no. Se vuelve a preguntar.",
        "A yes or no is expected here (y/n); Enter is no. Asking again.",
    ),
    "bad_number": (
        "Escriba un número (por ejemplo 1200 o 0,5).",
        "Type a number (for example 1200 or 0.5).",
    ),
    "below_min": ("Debe ser al menos {min}.", "It must be at least {min}."),
    "above_max": ("Debe ser como mucho {max}.", "It must be at most {max}."),
    "new_audit": ("Nueva auditoría: {file}", "New audit: {file}"),
    "resume_audit": ("Auditoría de {org}: {file}", "Audit of {org}: {file}"),
    "intro": (
        "Cada respuesta se guarda en el acto. q guarda y sale; ? muestra las teclas.",
        "Every answer is saved at once. q saves and quits; ? shows the keys.",
    ),
    "ask_org": ("Nombre de la organización", "Organization name"),
    "ask_assessor": (
        "Nombre de quien evalúa (vacío para omitir)",
        "Assessor's name (empty to leave out)",
    ),
    "org_required": (
        "El nombre de la organización es obligatorio.",
        "The organization name is required.",
    ),
    "all_answered": (
        "Todas las preguntas que aplican están respondidas.",
        "Every question that applies is answered.",
    ),
    "done_title": ("Entrevista terminada", "Interview finished"),
    "paused_title": ("Entrevista guardada y en pausa", "Interview saved and paused"),
    "summary": (
        "Respondidas: {done} de {total} (no aplica: {na}) · sin responder: {missing}",
        "Answered: {done} of {total} (not applicable: {na}) · unanswered: {missing}",
    ),
    "missing_list": ("Sin responder: {ids}", "Unanswered: {ids}"),
    "and_more": (" y {n} más", " and {n} more"),
    "revisit": (
        "Preguntas sin responder: {n}. ¿Volver a ellas ahora?",
        "Unanswered questions: {n}. Go back to them now?",
    ),
    "saved_to": ("Guardado en {file}", "Saved to {file}"),
    "resume_hint": ("Para seguir: omniready audit {file}", "To continue: omniready audit {file}"),
    "interrupted": (
        "Interrumpido. Todo lo respondido está guardado en {file}.",
        "Interrupted. Everything answered is saved in {file}.",
    ),
    "input_ended": (
        "La entrada terminó. Todo lo respondido está guardado en {file}.",
        "Input ended. Everything answered is saved in {file}.",
    ),
    "yes_no": ("[s/N]", "[y/N]"),
    # Records
    "records_title": ("{many}: {what}", "{many}: {what}"),
    "records_none": ("sin registros todavía", "none yet"),
    "records_add": ("¿Añadir {one}? [s/N, < atrás]", "Add {one}? [y/N, < back]"),
    "records_add_more": ("¿Añadir {another}? [s/N, < atrás]", "Add {another}? [y/N, < back]"),
    "record_hint": (
        "Vacío omite un campo opcional · < cancela este registro",
        "Empty leaves an optional field out · < cancels this record",
    ),
    "record_saved": ("✓ guardado: {id}", "✓ saved: {id}"),
    "bad_url": ("Escriba la URL completa, con https://", "Type the full URL, with https://"),
    "bad_env": (
        "Nombre de variable: letras, números y _ (ej. ZENDESK_TOKEN).",
        "A variable name: letters, digits and _ (e.g. ZENDESK_TOKEN).",
    ),
    "bad_age": ("Rango como 18-30 o 60+.", "A range such as 18-30 or 60+."),
    "record_cancelled": (
        "Registro cancelado; no se guardó nada.",
        "Record cancelled; nothing was saved.",
    ),
    "record_exists": (
        "Ya existe «{id}». ¿Reemplazarlo por este? (no: elegir otro identificador)",
        "“{id}” exists already. Replace it with this one? (no: pick another identifier)",
    ),
    "record_new_id": (
        "Otro identificador (vacío cancela)",
        "Another identifier (empty cancels)",
    ),
    "journey_keeps_steps": (
        "Se conservan sus {n} etapas; si añade etapas, reemplazan a las anteriores.",
        "Its {n} steps are kept; steps you add replace them.",
    ),
    "bad_channel": (
        "Escriba un canal, por su nombre o su identificador (ej. whatsapp, Teléfono).",
        "Type a channel, by name or identifier (e.g. whatsapp, Phone).",
    ),
    "field_required": ("Este campo es obligatorio.", "This field is required."),
    "bad_slug": (
        "Use minúsculas, números, puntos o guiones (ej. zendesk, tienda-centro).",
        "Use lowercase letters, digits, dots or dashes (e.g. zendesk, store-centre).",
    ),
    "bad_share": (
        "Una proporción se escribe 0,35, 35 % o 35 (entre 0 y 100 %).",
        "A share is written 0.35, 35 % or 35 (between 0 and 100 %).",
    ),
    "share_over": (
        "Con los otros segmentos se pasaría del 100 %; quedan {left}.",
        "With the other segments it would exceed 100%; {left} is left.",
    ),
    "bad_int": (
        "Escriba un número entero (sin decimales): aquí se cuenta.",
        "Type a whole number (no decimals): this is a count.",
    ),
    "bad_months": (
        "Meses del 1 al 12 separados por comas (ej. 11, 12).",
        "Months 1 to 12 separated by commas (e.g. 11, 12).",
    ),
    "bad_bool": (
        "Responda sí (s) o no (n); vacío: no se sabe.",
        "Answer yes (y) or no (n); empty: unknown.",
    ),
    "bad_record": ("No se pudo guardar: {why}", "Could not save: {why}"),
    "journey_step_add": (
        "¿Añadir una etapa al recorrido «{id}»? [s/N]",
        "Add a step to journey “{id}”? [y/N]",
    ),
    "journey_step_n": ("Etapa {n} del recorrido", "Journey step {n}"),
    "brand_channel_add": ("Canal (vacío para terminar)", "Channel (empty to finish)"),
    "brand_channel_text": (
        "Cómo se ve o suena en {channel}",
        "How it looks or sounds on {channel}",
    ),
    "choices": ("Elija una de estas opciones: {choices}.", "Pick one of these: {choices}."),
    # Review of a step
    "review_title": ("Revisión", "Review"),
    "review_question": ("Pregunta", "Question"),
    "review_answer": ("Respuesta", "Answer"),
    "review_na": ("no aplica", "not applicable"),
    "review_skipped": ("pasada, sin responder", "passed, unanswered"),
    "review_prompt": (
        "Número a cambiar (1-{n}) · > paso siguiente · < paso anterior · Enter termina",
        "Number to change (1-{n}) · > next step · < previous step · Enter ends",
    ),
    "review_bad": (
        "Escriba un número de la lista (1 a {n}), > o <; Enter termina.",
        "Type a number from the list (1 to {n}), > or <; Enter ends.",
    ),
    "whole_audit": ("Toda la auditoría", "Whole audit"),
    "saved_respondent": (
        "✓ responde: {who} (queda guardado para las siguientes)",
        "✓ answered by: {who} (kept for the next ones)",
    ),
    # Ctrl-C inside a record form
    "partial_keep": (
        "¿Guardar {one} «{id}» como incompleto, con lo escrito ({fields})? [S/n]",
        "Save {one} “{id}” as incomplete, with what was typed ({fields})? [Y/n]",
    ),
    "partial_saved": (
        "Guardado como incompleto: {one} «{id}» con {fields}; falta: {missing}.",
        "Saved as incomplete: {one} “{id}” with {fields}; missing: {missing}.",
    ),
    "partial_dropped": (
        "No se guardó: {one} «{id}», que se estaba escribiendo.",
        "Not saved: {one} “{id}”, which was being typed.",
    ),
    "partial_nothing": (
        "No se guardó: {one}, que se estaba escribiendo y aún no tenía identificador.",
        "Not saved: {one}, which was being typed and had no identifier yet.",
    ),
    "partial_unsaved": (
        "No se guardó: {one} «{id}», incompleto, porque {why}",
        "Not saved: {one} “{id}”, incomplete, because {why}",
    ),
    "incomplete_mark": (
        "{name} (incompleto: añádalo de nuevo con el mismo identificador para completarlo)",
        "{name} (incomplete: add it again with the same identifier to complete it)",
    ),
    "interrupted_answers": (
        "Interrumpido. Todas las respuestas dadas están guardadas en {file}.",
        "Interrupted. Every answer given is saved in {file}.",
    ),
    # --no-input
    "no_input_missing": ("{file}: sin responder ({n}):", "{file}: unanswered ({n}):"),
    "no_input_complete": ("{file}: completa", "{file}: complete"),
    "example_written": ("Ejemplo escrito en {file}", "Example written to {file}"),
}


def message(key: str, lang: str, **values: Any) -> str:
    """The text of `key` in `lang` (Spanish unless "en"), with its placeholders filled."""
    es, en = MESSAGES[key]
    text = en if lang == "en" else es
    return text.format(**values) if values else text
