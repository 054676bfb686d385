"""Keeping credentials out of log lines: bearer tokens, JWTs, URI passwords and the configured secrets.

The gateway never logs a credential on purpose; this filter catches the accidents (a driver
error quoting a URI, a library logging a header, an exception message) before a line is written.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

REDACTED = "[REDACTED]"

_PATTERNS = (
    # `Authorization: Bearer <token>`, whatever the token looks like.
    (re.compile(r"(?i)\b(bearer\s+)[^\s'\",;]+"), rf"\g<1>{REDACTED}"),
    # A bare JWT: three base64url parts, the first one a JSON header ("eyJ" is `{"`).
    (re.compile(r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"), REDACTED),
    # The password of a URI's user info: bolt://user:password@host.
    (re.compile(r"(://[^/\s:@]*:)[^/\s@]+@"), rf"\g<1>{REDACTED}@"),
)

# Shorter values (e.g. a test password "x") would redact ordinary words, and are no secret anyway.
MIN_SECRET_LENGTH = 6


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with every credential it carries replaced by [REDACTED]."""
    for secret in secrets:
        if len(secret) >= MIN_SECRET_LENGTH:
            text = text.replace(secret, REDACTED)
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites a record's message (and exception text) with the credentials redacted."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = tuple(secret for secret in secrets if len(secret) >= MIN_SECRET_LENGTH)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message, self.secrets)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and record.exc_info[1] is not None:
            # The formatter would print the exception's text verbatim; render it now, redacted.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info), self.secrets)
            record.exc_info = None
        return True
