"""Credentials in a Neo4j URI: read them out once, and keep them out of every message.

A URI is ``scheme:[//][userinfo@]host[:port][?query]``. People paste passwords into it
unencoded, so the userinfo may hold any character, ``@ / ? # %`` and spaces included; a
URL parser (``urllib.parse.urlsplit``) then cuts the URI at the first ``/ ? #`` and leaks the
rest of the password into the "host". Here the userinfo is everything between the scheme and
the **last** ``@`` (a host never contains ``@``), so no character of a password can end it
early. :func:`redact_uri` is the one redaction used for messages; :func:`scrub_secrets` walks an
exception chain for ``--debug`` tracebacks.

>>> parts = parse_neo4j_uri("bolt://neo4j:p@ss/w?rd#1@db.example:7687")
>>> parts.user, parts.password, parts.address
('neo4j', 'p@ss/w?rd#1', 'bolt://db.example:7687')
>>> redact_uri("bolt:neo4j:secret@localhost:7687")
'bolt:***@localhost:7687'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote

__all__ = ["Neo4jUri", "parse_neo4j_uri", "redact_text", "redact_uri", "scrub_secrets"]

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:(//)?")
MASK = "***"


@dataclass(frozen=True)
class Neo4jUri:
    """A URI taken apart: ``address`` is the URI without credentials (what the driver gets)."""

    address: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    @property
    def redacted(self) -> str:
        """The URI as messages show it: ``***@`` where credentials were."""
        if self.user is None:
            return self.address
        scheme = _SCHEME.match(self.address)
        head = scheme.group() if scheme else ""
        return f"{head}{MASK}@{self.address[len(head) :]}"


def parse_neo4j_uri(uri: str) -> Neo4jUri:
    """Split ``uri`` into its address and its (percent-decoded) user and password.

    >>> parse_neo4j_uri("neo4j+s://alice:s%3Acret@db.example")
    Neo4jUri(address='neo4j+s://db.example', user='alice')
    >>> parse_neo4j_uri("neo4j+s://alice:s%3Acret@db.example").password
    's:cret'
    """
    scheme = _SCHEME.match(uri)
    head = scheme.group() if scheme else ""
    rest = uri[len(head) :]
    at = rest.rfind("@")
    if at < 0:
        return Neo4jUri(uri)
    userinfo, host = rest[:at], rest[at + 1 :]
    user, _, password = userinfo.partition(":")
    # Decoding is by percent-escapes only (unquote, not unquote_plus): '+' is a character of
    # passwords, and a '%' not followed by two hex digits is kept as typed.
    return Neo4jUri(head + host, unquote(user), unquote(password) if ":" in userinfo else None)


def redact_uri(uri: str) -> str:
    """The URI without any user:password part, for messages.

    >>> redact_uri("neo4j://alice:s3cret@db.example:7687")
    'neo4j://***@db.example:7687'
    >>> redact_uri("bolt://localhost:7687")
    'bolt://localhost:7687'
    """
    return parse_neo4j_uri(uri).redacted


def redact_text(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every occurrence of each secret (and its percent-encoded form) masked.

    >>> redact_text("auth failed for p@ss and p%40ss", ["p@ss"])
    'auth failed for *** and ***'
    """
    from urllib.parse import quote

    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        for form in {secret, quote(secret, safe="")}:
            text = text.replace(form, MASK)
    return text


def scrub_secrets(exc: BaseException, secrets: Iterable[str]) -> BaseException:
    """Mask ``secrets`` in the string arguments and notes of ``exc`` and its whole chain, in place.

    For ``--debug``: the traceback printed afterwards shows each exception's message, which
    may quote a URI or a driver error that contains the password.

    >>> error = ValueError("bad URI bolt://neo4j:hunter2@x")
    >>> str(scrub_secrets(error, ["hunter2"]))
    'bad URI bolt://neo4j:***@x'
    """
    wanted = [s for s in secrets if s]
    if not wanted:
        return exc
    seen: set[int] = set()
    current: BaseException | None = exc
    pending = [exc]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        try:
            current.args = tuple(redact_text(a, wanted) if isinstance(a, str) else a for a in current.args)
        except (AttributeError, TypeError):  # an exception type with read-only args
            pass
        notes = getattr(current, "__notes__", None)
        if isinstance(notes, list):
            notes[:] = [redact_text(n, wanted) if isinstance(n, str) else n for n in notes]
        for attribute in ("message", "msg", "strerror"):  # where some types keep their text
            value = getattr(current, attribute, None)
            if isinstance(value, str):
                try:
                    setattr(current, attribute, redact_text(value, wanted))
                except (AttributeError, TypeError):
                    pass
        pending += [e for e in (current.__cause__, current.__context__) if e is not None]
    return exc
