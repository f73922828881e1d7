"""Who may do what: signed participant cookies, CSRF tokens, the presenter's token, capped bodies, headers."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets

from starlette.requests import Request

COOKIE = "workshop_participant"
PARTICIPANT_ID = re.compile(r"^[A-Za-z0-9_-]{16}$")
MAX_BODY = 2048
"""Bytes in one answer or presenter request: a free-text answer of 280 characters fits with room to spare."""
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'"
"""The report is one self-contained file (charts as data: images, its CSS inside it) with no script at all."""
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


class RequestProblem(Exception):
    """A request the server refuses, with the status and the sentence the client shows."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def new_participant_id() -> str:
    return secrets.token_urlsafe(12)


def _sign(secret: str, purpose: str, value: str) -> str:
    return hmac.new(secret.encode(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()[:32]


def participant_cookie(secret: str, participant: str) -> str:
    return f"{participant}.{_sign(secret, 'participant', participant)}"


def participant_from(secret: str, cookie: str | None) -> str | None:
    """The participant id of a cookie this server signed, or None (missing, malformed or tampered with)."""
    if not cookie or cookie.count(".") != 1:
        return None
    participant, signature = cookie.split(".")
    if not PARTICIPANT_ID.match(participant):
        return None
    return participant if hmac.compare_digest(signature, _sign(secret, "participant", participant)) else None


def csrf_token(secret: str, participant: str) -> str:
    return _sign(secret, "csrf", participant)


def same_token(given: str | None, expected: str) -> bool:
    """Compared in constant time, so that the time taken says nothing of how much of a guess was right."""
    return hmac.compare_digest((given or "").encode(), expected.encode())


def check_origin(request: Request) -> None:
    """A browser says where a request comes from: a page of another site may not change anything here."""
    origin = request.headers.get("origin")
    if origin and origin != f"{request.url.scheme}://{request.headers.get('host', '')}":
        raise RequestProblem(403, "This request came from another site and was refused.")


async def read_json(request: Request, limit: int = MAX_BODY) -> dict:
    """The request's JSON object, read up to `limit` bytes.

    Raises:
        RequestProblem: 415 when it is not JSON, 413 when it is too large, 400 when it is not an object.
    """
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise RequestProblem(415, "Send the answer as JSON (Content-Type: application/json).")
    declared = request.headers.get("content-length", "0")
    if declared.isdigit() and int(declared) > limit:
        raise RequestProblem(413, f"The request is too large: at most {limit} bytes.")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise RequestProblem(413, f"The request is too large: at most {limit} bytes.")
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise RequestProblem(400, "The request is not valid JSON.") from None
    if not isinstance(data, dict):
        raise RequestProblem(400, "The request must be a JSON object.")
    return data
