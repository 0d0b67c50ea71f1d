"""What a loader hands to ingest: records plus the problems found while reading them.

>>> batch = Batch()
>>> batch.problems.append(Problem("deals.csv", 14, "amount '7.5 bn EUR?' is not a number"))
>>> str(batch.problems[0])
"deals.csv:14: amount '7.5 bn EUR?' is not a number"
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..graph.model import Node, Relationship

__all__ = ["Batch", "Problem"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a source, located as precisely as the format allows."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.message}"


@dataclass
class Batch:
    """Records read from one source. Nothing is written while ``problems`` is non-empty,
    unless the caller asks to skip invalid records."""

    nodes: list[Node] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # what a loader repaired, merged or skipped on purpose, one line each: reported, not errors
    notes: list[str] = field(default_factory=list)

    def extend(self, other: Batch) -> None:
        self.nodes += other.nodes
        self.relationships += other.relationships
        self.problems += other.problems
        self.notes += other.notes
