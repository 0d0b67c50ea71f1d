"""Neo4j driver errors as one-line ``TalentGraphError`` messages, translated in one place.

Every ``Neo4jStore`` method that talks to the server after ``connect`` runs inside
``neo4j_errors(uri, action)``: a ``neo4j.exceptions`` error raised there leaves as a
``QueryError`` (the query is wrong: syntax, a write without ``--write``, a missing
parameter) or a ``StoreError`` (the server: credentials, rights, a dropped connection),
with a message that says what failed, where, and how to fix it. The server's message
can span several lines (a syntax error quotes the query and draws a caret under it);
only its first line is kept, and the position is restated as "line L, column C".

>>> import neo4j.exceptions as ne
>>> print(translate(ne.ServiceUnavailable("gone"), "bolt://db:7687", LOAD))
the connection to Neo4j at bolt://db:7687 dropped during the load; loads are idempotent — run it again
"""

from __future__ import annotations

import contextlib
import contextvars
import re
from collections.abc import Iterator

from ..errors import QueryError, StoreError, TalentGraphError

__all__ = ["LOAD", "QUERY", "READ", "WRITE", "neo4j_errors", "translate"]

# What was running when the error came, as messages name it.
LOAD = "the load"
WRITE = "the write"
READ = "the read"
QUERY = "the query"

# The outermost action running: a read inside a load reports the load.
_running: contextvars.ContextVar[str | None] = contextvars.ContextVar("talentgraph_neo4j_action", default=None)
_POSITION = re.compile(r"\s*\(line (\d+), column (\d+) \(offset: \d+\)\)")
_MAX_MESSAGE = 300


def _first_line(message: str | None) -> str:
    text = (message or "").strip()
    return text.splitlines()[0] if text else ""


def _shorten(text: str, limit: int = _MAX_MESSAGE) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def translate(exc: BaseException, uri: str, action: str) -> TalentGraphError | None:
    """The one-line error for a neo4j driver exception ``exc``, or None if it is not one.

    ``uri`` is the redacted server URI, ``action`` what was running (``LOAD``, ``QUERY``, ...).
    """
    from neo4j import exceptions as ne

    if isinstance(exc, TalentGraphError):
        return exc
    where = f"Neo4j at {uri}"
    if isinstance(exc, ne.ServiceUnavailable | ne.SessionExpired | ne.IncompleteCommit):
        if action == LOAD:
            return StoreError(f"the connection to {where} dropped during the load; loads are idempotent — run it again")
        return StoreError(
            f"the connection to {where} dropped during {action} — check that the server runs, then run it again"
        )
    if isinstance(exc, ne.AuthError):
        return StoreError(f"{where} refused the credentials — check NEO4J_USERNAME and NEO4J_PASSWORD")
    if isinstance(exc, ne.Neo4jError):
        code = exc.code or "Neo.DatabaseError.Unknown"
        first = _first_line(exc.message)
        message = _shorten(first)
        if code == "Neo.ClientError.Statement.AccessMode":
            return QueryError(f"this query writes but ran read-only on {where} — pass --write to allow it")
        if isinstance(exc, ne.CypherSyntaxError) or code == "Neo.ClientError.Statement.SyntaxError":
            found = _POSITION.search(first)
            if found:
                text = _shorten(_POSITION.sub("", first).strip(), 200)
                return QueryError(
                    f"Cypher syntax error at line {found[1]}, column {found[2]}: {text} — fix the query text"
                )
            return QueryError(f"Cypher syntax error: {message} — fix the query text")
        if code == "Neo.ClientError.Statement.ParameterMissing":
            return QueryError(f"{message} — bind it with -p NAME=VALUE")
        if code.startswith("Neo.ClientError.Security."):
            return StoreError(
                f"{where} refused {action} ({code.rsplit('.', 1)[1]}: {message}) — use a user with the rights it needs"
            )
        if code == "Neo.ClientError.Database.DatabaseNotFound":
            return StoreError(f"{where}: {message} — set NEO4J_DATABASE to one that exists (SHOW DATABASES lists them)")
        if isinstance(exc, ne.ClientError):
            return QueryError(f"{where} rejected {action}: {code}: {message}")
        if isinstance(exc, ne.TransientError):
            return StoreError(f"{where} could not finish {action} for now ({code}: {message}) — run it again")
        return StoreError(f"{where} failed during {action} ({code}: {message}) — see the server's debug.log")
    if isinstance(exc, ne.DriverError):
        detail = _shorten(_first_line(str(exc))) or type(exc).__name__
        return StoreError(f"the Neo4j driver failed during {action} on {uri} ({type(exc).__name__}: {detail})")
    return None


@contextlib.contextmanager
def neo4j_errors(uri: str, action: str) -> Iterator[None]:
    """Run the block; a neo4j driver error raised in it leaves as a one-line ``TalentGraphError``.

    Nested blocks report the outermost ``action`` (a read that is part of a load is the load).
    """
    outer = _running.get()
    token = _running.set(outer or action)
    try:
        yield
    except TalentGraphError:
        raise
    except Exception as exc:
        translated = translate(exc, uri, outer or action)
        if translated is None:
            raise
        raise translated from exc
    finally:
        _running.reset(token)
