"""Words people read in the probe's output, in Spanish and English; ids and values stay as
they are (conditions, statuses and evidence levels are data, not prose)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from omniready.audit.probe_record import Finding

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "unreachable": "base_url gave no usable answer ({status}): {error}",
        "not-found": "{url} answered {status}: nothing there, and no API description found",
        "insecure-token": "the token in ${var} is for a plain http:// base_url ({url}): anyone on "
        "the way can read it",
        "no-api": "no API description found",
        "no-api-error": "no API description found ({error})",
        "no-webhooks": "no webhook evidence: no webhooks in the description, no WebSub hub, "
        "no consented handshake",
        "claims-api": "claims an API, but no API description was found",
        "claims-no-api": "claims no API, but an API description was found",
        "claims-webhooks": "claims webhooks, but no evidence of them was found",
        "claims-no-webhooks": "claims no webhooks, but evidence of them was found",
        "tls-expiring": "TLS certificate expires in {days} days (threshold {limit})",
        "sunset": "vendor announces: {what}",
        "deprecated": "deprecated",
        "since": " since {date}",
        "sunset-on": "sunset on {date}",
        "waiver-expired": "{message} (waiver expired on {date})",
        "deadline": "the probe's deadline{limit} ran out",
        "deadline-limit": " of {seconds:g} s",
        "base-answered": "{url} answered {status}",
        "rate-limited": "{url} answered 429: rate-limited{retry}",
        "retry-after": ", Retry-After {value}",
        "warning": "warning",
        "internal": "internal error ({detail}); run again with --debug and report it",
        "no-token": "{tool}: ${var} is not set; probing without credentials",
        "bad-token": (
            "{tool}: ${var} holds spaces, control or non-ASCII characters, which no HTTP header"
            " can carry; probing without credentials"
        ),
        "skipped": "{tool}: no base_url and no claim to check; not probed",
        "insecure-token-warn": (
            "{tool}: ${var} goes over plain http:// to {origin}, readable on the way; use https,"
            " or --fail-on insecure-token to refuse it"
        ),
        "insecure-token-refused": (
            "{tool}: ${var} is not sent over plain http:// to {origin} (--fail-on insecure-token);"
            " probing without credentials"
        ),
        "tools": "{count} tool(s)",
        "summary": "{count} tool(s), {failed} failed{classes}, {failing} failing --fail-on",
        "probed": "probed {count} tool(s), {failed} failed{classes}, {failing} failing --fail-on",
        "failed": "failed",
        "saved": "; saved into {path}",
        "pass": "pass",
        "FAIL": "FAIL",
        "waived": "waived",
        "FAIL-expired": "FAIL (waiver expired)",
        "waived-until": "waived until {date}: {reason}",
        "title": "omniready probe: {path}",
        "h-tool": "tool",
        "h-status": "status",
        "h-http": "http",
        "h-api": "api",
        "h-webhooks": "webhooks",
        "h-findings": "findings",
        "h-verdict": "verdict",
        "ops": "ops",
        "hooks": "webhooks",
        "callbacks": "callbacks",
        "handshake-ok": "handshake ok",
        "handshake-refused": "handshake refused",
    },
    "es": {
        "unreachable": "base_url no dio una respuesta útil ({status}): {error}",
        "not-found": "{url} respondió {status}: no hay nada allí ni se encontró descripción de API",
        "insecure-token": "el token de ${var} es para una base_url http:// sin cifrar ({url}): "
        "cualquiera en el camino puede leerlo",
        "no-api": "no se encontró una descripción de la API",
        "no-api-error": "no se encontró una descripción de la API ({error})",
        "no-webhooks": "sin evidencia de webhooks: ni webhooks en la descripción, ni hub WebSub, "
        "ni handshake aceptado",
        "claims-api": "declara una API, pero no se encontró su descripción",
        "claims-no-api": "declara no tener API, pero se encontró una descripción",
        "claims-webhooks": "declara webhooks, pero no se encontró evidencia de ellos",
        "claims-no-webhooks": "declara no tener webhooks, pero se encontró evidencia de ellos",
        "tls-expiring": "el certificado TLS vence en {days} días (umbral {limit})",
        "sunset": "el proveedor anuncia: {what}",
        "deprecated": "obsoleto",
        "since": " desde el {date}",
        "sunset-on": "retiro el {date}",
        "waiver-expired": "{message} (la excepción venció el {date})",
        "deadline": "se agotó el plazo del sondeo{limit}",
        "deadline-limit": " de {seconds:g} s",
        "base-answered": "{url} respondió {status}",
        "rate-limited": "{url} respondió 429: límite de solicitudes{retry}",
        "retry-after": ", Retry-After {value}",
        "warning": "aviso",
        "internal": "error interno ({detail}); ejecute de nuevo con --debug e infórmelo",
        "no-token": "{tool}: ${var} no está definida; se sondea sin credenciales",
        "bad-token": (
            "{tool}: ${var} contiene espacios, caracteres de control o no ASCII, que ninguna"
            " cabecera HTTP admite; se sondea sin credenciales"
        ),
        "skipped": "{tool}: sin base_url ni capacidades declaradas; no se sondea",
        "insecure-token-warn": (
            "{tool}: ${var} va por http:// sin cifrar a {origin}, legible en el camino; use https,"
            " o --fail-on insecure-token para no enviarlo"
        ),
        "insecure-token-refused": (
            "{tool}: ${var} no se envía por http:// sin cifrar a {origin} (--fail-on"
            " insecure-token); se sondea sin credenciales"
        ),
        "tools": "{count} herramienta(s)",
        "summary": (
            "{count} herramienta(s), {failed} fallaron{classes}, {failing} con fallas según"
            " --fail-on"
        ),
        "probed": (
            "{count} herramienta(s) sondeadas, {failed} fallaron{classes}, {failing} con fallas"
            " según --fail-on"
        ),
        "failed": "falló",
        "saved": "; guardado en {path}",
        "pass": "ok",
        "FAIL": "FALLA",
        "waived": "exceptuado",
        "FAIL-expired": "FALLA (excepción vencida)",
        "waived-until": "exceptuado hasta el {date}: {reason}",
        "title": "omniready probe: {path}",
        "h-tool": "herramienta",
        "h-status": "estado",
        "h-http": "http",
        "h-api": "api",
        "h-webhooks": "webhooks",
        "h-findings": "hallazgos",
        "h-verdict": "veredicto",
        "ops": "ops",
        "hooks": "webhooks",
        "callbacks": "callbacks",
        "handshake-ok": "handshake aceptado",
        "handshake-refused": "handshake rechazado",
    },
}

RULES: dict[str, dict[str, str]] = {
    "en": {
        "no-api": "The tool publishes no API description that the probe could find.",
        "no-webhooks": "There is no evidence that the tool can push events (webhooks).",
        "claim-mismatch": "What the inventory claims disagrees with what the probe found.",
        "tls-expiring": "The TLS certificate of the tool's base_url expires soon.",
        "sunset": "The vendor announces deprecation or a sunset date.",
        "unreachable": "The tool's base_url gave no usable answer.",
        "not-found": "The tool's base_url answered 404, 410 or 5xx and no API description was "
        "found.",
        "insecure-token": "A token is configured for a base_url over plain http://.",
    },
    "es": {
        "no-api": "La herramienta no publica una descripción de API que el sondeo encontrara.",
        "no-webhooks": "No hay evidencia de que la herramienta pueda enviar eventos (webhooks).",
        "claim-mismatch": "Lo que declara el inventario no coincide con lo que encontró el sondeo.",
        "tls-expiring": "El certificado TLS de la base_url de la herramienta vence pronto.",
        "sunset": "El proveedor anuncia obsolescencia o una fecha de retiro.",
        "unreachable": "La base_url de la herramienta no dio una respuesta útil.",
        "not-found": "La base_url de la herramienta respondió 404, 410 o 5xx y no se encontró "
        "descripción de API.",
        "insecure-token": "Hay un token configurado para una base_url http:// sin cifrar.",
    },
}


def t(lang: str, key: str, **values: Any) -> str:
    """The message `key` in `lang` (English when the language is unknown), filled in."""
    table = MESSAGES.get(lang, MESSAGES["en"])
    return table[key].format(**values)


def finding_text(finding: Finding, lang: str) -> str:
    """The sentence of a saved finding in `lang`: from its code and values, or, for a finding
    saved before codes (or by a newer release with a code unknown here), as it was saved."""
    code, params = finding.code, finding.params
    try:
        if code == "sunset":
            return t(lang, "sunset", what=_announced(params, lang))
        if code == "claims":  # several claims wrong at once: one finding, each sentence
            return "; ".join(t(lang, str(each)) for each in params["codes"])
        if code in MESSAGES["en"]:
            return t(lang, code, **params)
    except (KeyError, IndexError, ValueError):
        pass  # values missing or of another shape: fall back to the saved words
    return finding.message or code or finding.condition


def _announced(params: dict[str, Any], lang: str) -> str:
    parts = []
    if params.get("deprecated"):
        since = params.get("deprecation")
        parts.append(t(lang, "deprecated") + (t(lang, "since", date=since) if since else ""))
    if params.get("sunset"):
        parts.append(t(lang, "sunset-on", date=params["sunset"]))
    return ", ".join(parts)
