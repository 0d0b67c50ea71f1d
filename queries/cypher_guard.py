"""What the read-only ``cypher`` command refuses, found by tokenizing the Cypher text.

A read transaction stops writes to the graph, but not everything that reaches past it:
``LOAD CSV`` reads files and URLs from the server, ``SHOW``/``TERMINATE TRANSACTIONS`` see and
kill other clients' work, ``CALL dbms.*`` reads or changes the server's configuration, and
``CALL db.clear*`` empties its caches. :func:`refused_clauses` names those it finds.

The check reads tokens, not substrings: text inside string literals, comments and
identifiers (``MATCH (n {note: 'LOAD CSV'})``, a property called ``terminate``) is not a clause,
while a procedure name in backticks (``CALL `dbms`.`listConfig```) still is one. It is
hand-written: the Cypher parser on PyPI (antlr4-cypher) covers openCypher 9, not Neo4j 5's
``SHOW``/``TERMINATE`` commands, and brings the ANTLR runtime for what is ~60 lines of lexing
here. It is the second line of defence; the first is the server's own — a user with Neo4j's
``reader`` role (Enterprise, Aura) cannot do any of it (README "Neo4j").

>>> refused_clauses("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row")
['LOAD CSV']
>>> refused_clauses("MATCH (n {note: 'LOAD CSV'}) // TERMINATE TRANSACTIONS\\nRETURN n")
[]
>>> refused_clauses("CALL `dbms`.listConfig() YIELD name RETURN name")
['CALL dbms.*']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["REFUSED_IN_READ_ONLY", "Token", "refused_clauses", "tokenize_cypher"]

# The one line that says what read-only refuses, quoted in every refusal.
REFUSED_IN_READ_ONLY = "LOAD CSV, SHOW TRANSACTIONS, TERMINATE TRANSACTIONS, CALL dbms.*, CALL db.clear*"

_WORD = re.compile(r"[^\W\d]\w*|\d\w*", re.UNICODE)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Token:
    """One Cypher token: ``kind`` is word, name (in backticks), string, param or symbol."""

    kind: str
    text: str


def tokenize_cypher(text: str) -> list[Token]:
    """Cypher ``text`` as tokens, without comments; string contents are kept but never keywords.

    An unclosed string, comment or backtick name runs to the end (the server rejects it anyway).

    >>> [t.text for t in tokenize_cypher("MATCH (n) /* x */ WHERE n.`a``b` = 'LOAD CSV' RETURN $p")]
    ['MATCH', '(', 'n', ')', 'WHERE', 'n', '.', 'a`b', '=', 'LOAD CSV', 'RETURN', 'p']
    """
    tokens: list[Token] = []
    i, end = 0, len(text)
    while i < end:
        char = text[i]
        if char.isspace():
            i = _SPACE.match(text, i).end()  # type: ignore[union-attr]
        elif text.startswith("//", i):
            newline = text.find("\n", i)
            i = end if newline < 0 else newline + 1
        elif text.startswith("/*", i):
            close = text.find("*/", i + 2)
            i = end if close < 0 else close + 2
        elif char in "'\"":
            j, chars = i + 1, []
            while j < end and text[j] != char:
                if text[j] == "\\" and j + 1 < end:
                    j += 1
                chars.append(text[j])
                j += 1
            tokens.append(Token("string", "".join(chars)))
            i = j + 1
        elif char == "`":
            j, chars = i + 1, []
            while j < end:
                if text[j] == "`":
                    if text.startswith("``", j):  # a doubled backtick is a literal one
                        chars.append("`")
                        j += 2
                        continue
                    break
                chars.append(text[j])
                j += 1
            tokens.append(Token("name", "".join(chars)))
            i = j + 1
        elif char == "$":
            word = _WORD.match(text, i + 1)
            j = word.end() if word else i + 1
            tokens.append(Token("param", text[i + 1 : j]))
            i = j
        elif word := _WORD.match(text, i):
            tokens.append(Token("word", word.group()))
            i = word.end()
        else:
            tokens.append(Token("symbol", char))
            i += 1
    return tokens


def _keyword(token: Token, *words: str) -> bool:
    return token.kind == "word" and token.text.upper() in words


def _procedure_name(tokens: list[Token], start: int) -> list[str]:
    # CALL a.b.c(...): the dotted name after CALL, bare or in backticks; [] for CALL { ... }.
    parts: list[str] = []
    i = start
    while i < len(tokens) and tokens[i].kind in ("word", "name"):
        parts.append(tokens[i].text)
        if i + 1 < len(tokens) and tokens[i + 1].text == "." and tokens[i + 1].kind == "symbol":
            i += 2
        else:
            break
    return parts


def refused_clauses(text: str) -> list[str]:
    """The clauses of ``text`` that read-only mode refuses, in the order of ``REFUSED_IN_READ_ONLY``.

    >>> refused_clauses("SHOW TRANSACTIONS YIELD transactionId TERMINATE TRANSACTIONS transactionId")
    ['SHOW TRANSACTIONS', 'TERMINATE TRANSACTIONS']
    >>> refused_clauses("CALL db.clearQueryCaches()"), refused_clauses("CALL db.labels()")
    (['CALL db.clear*'], [])
    """
    tokens = tokenize_cypher(text)
    found: set[str] = set()
    for i, token in enumerate(tokens):
        following = tokens[i + 1 : i + 3]
        if _keyword(token, "LOAD") and following and _keyword(following[0], "CSV"):
            found.add("LOAD CSV")
        elif _keyword(token, "SHOW", "TERMINATE"):
            # SHOW TRANSACTIONS, SHOW ALL TRANSACTIONS, TERMINATE TRANSACTION 'id'
            if any(_keyword(t, "TRANSACTION", "TRANSACTIONS") for t in following):
                found.add(f"{token.text.upper()} TRANSACTIONS")
        elif _keyword(token, "CALL"):
            name = [part.lower() for part in _procedure_name(tokens, i + 1)]
            if name[:1] == ["dbms"]:
                found.add("CALL dbms.*")
            elif len(name) >= 2 and name[0] == "db" and name[1].startswith("clear"):
                found.add("CALL db.clear*")
    order = [part.strip() for part in REFUSED_IN_READ_ONLY.split(",")]
    return [clause for clause in order if clause in found]
