"""The exceptions talentgraph raises, one tree for the library and the CLI.

::

    TalentGraphError              anything talentgraph reports to a user
    ├── ModelError                a node or relationship breaks the graph model
    ├── StoreError                a store cannot be opened, read or written
    │   ├── StoreLockedError      another writer holds the store
    │   └── Neo4jServerError      the local Neo4j server cannot be fetched or started
    │                             (graph/neo4j/server.py)
    ├── NameNotFoundError         a name matches no entity (carries suggestions)
    ├── AmbiguousNameError        a name matches several entities
    ├── SourceError               a source cannot be read or parsed
    │   ├── AmountError           an amount cannot be read without guessing
    │   │                         (loaders/amounts.py; also a ValueError)
    │   └── DateError             a date cannot be read without guessing
    │                             (loaders/dates.py; also a ValueError)
    ├── ExportError               the graph cannot be written in the requested format
    └── QueryError                a query or its parameters are wrong

Every message is one line that says what failed, where, and how to fix it; the
CLI prints it as is. Errors of the neo4j driver never leave the Neo4j store raw:
``graph/neo4j/errors.py`` turns each into a ``QueryError`` (the query is wrong: syntax,
a write without ``--write``) or a ``StoreError`` (the server: credentials, rights, a
dropped connection), in one place.
"""

from __future__ import annotations

__all__ = [
    "AmbiguousNameError",
    "ExportError",
    "ModelError",
    "NameNotFoundError",
    "QueryError",
    "SourceError",
    "StoreError",
    "StoreLockedError",
    "TalentGraphError",
]


class TalentGraphError(Exception):
    """Base class: a problem the user can fix, described in one line."""


class ModelError(TalentGraphError):
    """A node or relationship does not fit the graph model."""


class StoreError(TalentGraphError):
    """A store cannot be opened, read or written."""


class ExportError(TalentGraphError):
    """The graph holds something the requested export format cannot express."""


class StoreLockedError(StoreError):
    """Another process is writing to the same store."""


class NameNotFoundError(TalentGraphError):
    """A name or alias matches no entity; ``suggestions`` holds the closest names."""

    def __init__(self, name: str, suggestions: list[str]):
        self.name = name
        self.suggestions = suggestions
        hint = (
            "did you mean " + ", ".join(repr(s) for s in suggestions) + "?"
            if suggestions
            else "try `talentgraph stats` to see what is loaded"
        )
        super().__init__(f"no entity named {name!r} — {hint}")


class AmbiguousNameError(TalentGraphError):
    """A name matches more than one entity; ``candidates`` holds their ids."""

    def __init__(self, name: str, candidates: list[str]):
        self.name = name
        self.candidates = candidates
        super().__init__(f"{name!r} matches several entities: {', '.join(candidates)} — use one of these ids instead")


class SourceError(TalentGraphError):
    """A source cannot be read or parsed."""


class QueryError(TalentGraphError):
    """A query name, its parameters or its text are wrong."""
