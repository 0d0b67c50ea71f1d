"""How good a draft is: recall and precision against a reviewed curated file.

Matching rules (strict on purpose, so the figures mean something):

- **Entities**: a draft person or organization matches a reviewed one of the same
  label when one of its names (name or alias) equals one of the reviewed entity's
  names after ``normalize_name`` (case, accents, spaces and punctuation folded: "QQ-Mail"
  = "QQ Mail", "Character.ai" = "Character AI"). No fuzzy or partial matching: "Ilya"
  matches "Ilya Sutskever" only because the reviewed file lists "Ilya" as an alias.
  Matching is one-to-one: a second draft entity for the same reviewed one counts as a
  false positive.
- **Deals**: acquirer, target(s) and kind must all agree, the parties through the entity
  matching above. The kind may also be a value the reviewed deal records under
  ``disputed: {field: kind}`` — there the reviewer notes that the article itself states
  that kind (e.g. it calls a licence-and-hire a purchase).
- **Amounts** (price) and **statuses** are scored on matched deals only: recall over
  reviewed deals that state one, precision over draft deals that state one.

>>> doc = {"people": [{"id": "a", "name": "Ada Byron", "aliases": ["Ada"]}], "organizations": [], "deals": []}
>>> compare_drafts(doc, doc).entities.recall
1.0
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ...graph.errors import SourceError
from ...graph.identity.names import normalize_name
from .draft import Draft

__all__ = ["Comparison", "Score", "compare_drafts"]


@dataclass
class Score:
    reviewed: int  # items in the reviewed file
    drafted: int  # items in the draft
    matched: int  # draft items that match a reviewed one
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return round(self.matched / self.reviewed, 3) if self.reviewed else 1.0

    @property
    def precision(self) -> float:
        return round(self.matched / self.drafted, 3) if self.drafted else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "recall": self.recall, "precision": self.precision}


@dataclass
class Comparison:
    entities: Score
    people: Score
    organizations: Score
    deals: Score
    amounts: Score
    statuses: Score

    def as_dict(self) -> dict[str, Any]:
        return {
            name: getattr(self, name).as_dict()
            for name in ("entities", "people", "organizations", "deals", "amounts", "statuses")
        }


def _load(doc: Draft | dict | str | Path, role: str) -> dict[str, Any]:
    if isinstance(doc, Draft):
        return doc.to_document()
    if isinstance(doc, dict):
        return doc
    path = Path(doc)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"cannot read the {role} file {str(path)!r} ({exc}) — check the path") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise SourceError(f"{path}{line}: the {role} file is not valid YAML — fix it or re-run extract") from None
    if not isinstance(data, dict):
        raise SourceError(
            f"{path}: the {role} file is not a curated YAML mapping (source, people, organizations, deals)"
        )
    return data


def _names(entry: dict) -> set[str]:
    names = {normalize_name(str(entry.get("name", "")))} | {normalize_name(str(a)) for a in entry.get("aliases") or []}
    return {n for n in names if n}


def _match_entities(draft: list[dict], reviewed: list[dict]) -> tuple[dict[str, str], Score]:
    """draft id -> reviewed id, one to one, in draft order."""
    taken: set[str] = set()
    mapping: dict[str, str] = {}
    for entry in draft:
        names = _names(entry)
        for other in reviewed:
            if other["id"] not in taken and names & _names(other):
                mapping[str(entry["id"])] = str(other["id"])
                taken.add(other["id"])
                break
    score = Score(
        len(reviewed),
        len(draft),
        len(mapping),
        missed=[str(o.get("name")) for o in reviewed if o["id"] not in taken],
        extra=[str(e.get("name")) for e in draft if str(e["id"]) not in mapping],
    )
    return mapping, score


def _targets(deal: dict) -> tuple[str, ...]:
    target = deal.get("target")
    return tuple(sorted(str(t) for t in (target if isinstance(target, list) else [target])))


def _kinds(deal: dict) -> set[str]:
    kinds = {str(deal.get("kind"))}
    for row in deal.get("disputed") or []:
        if isinstance(row, dict) and row.get("field") == "kind":
            kinds.add(str(row.get("value")))
    return kinds


def compare_drafts(draft: Draft | dict | str | Path, reviewed: dict | str | Path) -> Comparison:
    """Recall and precision of ``draft`` against ``reviewed`` (see the module docstring).

    >>> ref = {"organizations": [{"id": "acme", "name": "Acme"}, {"id": "beta", "name": "Beta"}],
    ...        "deals": [{"id": "d", "acquirer": "acme", "target": "beta", "kind": "acquisition",
    ...                   "status": "completed"}]}
    >>> out = {"organizations": [{"id": "a", "name": "ACME"}, {"id": "b", "name": "Beta"}],
    ...        "deals": [{"id": "x", "acquirer": "a", "target": "b", "kind": "acquisition", "status": "failed"}]}
    >>> c = compare_drafts(out, ref); (c.deals.recall, c.statuses.recall)
    (1.0, 0.0)
    """
    mine, theirs = _load(draft, "draft"), _load(reviewed, "reviewed")
    people, people_score = _match_entities(mine.get("people") or [], theirs.get("people") or [])
    orgs, org_score = _match_entities(mine.get("organizations") or [], theirs.get("organizations") or [])
    entity_score = Score(
        people_score.reviewed + org_score.reviewed,
        people_score.drafted + org_score.drafted,
        people_score.matched + org_score.matched,
        people_score.missed + org_score.missed,
        people_score.extra + org_score.extra,
    )
    ids = {**people, **orgs}
    their_deals = [d for d in theirs.get("deals") or [] if isinstance(d, dict)]
    my_deals = [d for d in mine.get("deals") or [] if isinstance(d, dict)]
    taken: set[str] = set()
    pairs: list[tuple[dict, dict]] = []
    extra = []
    for deal in my_deals:
        acquirer = ids.get(str(deal.get("acquirer")))
        targets = tuple(sorted(ids.get(t, "?" + t) for t in _targets(deal)))
        match = next(
            (
                d
                for d in their_deals
                if d["id"] not in taken
                and str(d.get("acquirer")) == acquirer
                and _targets(d) == targets
                and str(deal.get("kind")) in _kinds(d)
            ),
            None,
        )
        if match is None:
            extra.append(str(deal.get("name", deal.get("id"))))
            continue
        taken.add(match["id"])
        pairs.append((deal, match))
    deal_score = Score(
        len(their_deals),
        len(my_deals),
        len(pairs),
        missed=[str(d.get("name", d["id"])) for d in their_deals if d["id"] not in taken],
        extra=extra,
    )
    return Comparison(
        entity_score,
        people_score,
        org_score,
        deal_score,
        _field_score(pairs, their_deals, my_deals, "amount"),
        _field_score(pairs, their_deals, my_deals, "status"),
    )


def _field_score(pairs: list[tuple[dict, dict]], theirs: list[dict], mine: list[dict], name: str) -> Score:
    def value(deal: dict) -> Any:
        if name == "amount":
            return (deal.get("amount"), deal.get("currency")) if deal.get("amount") is not None else None
        return deal.get(name)

    right = [(m, t) for m, t in pairs if value(t) is not None and value(m) == value(t)]
    wrong = [
        f"{m.get('name', m.get('id'))}: {value(m)} (reviewed: {value(t)})"
        for m, t in pairs
        if value(m) is not None and value(m) != value(t)
    ]
    missed = [str(t.get("name", t.get("id"))) for m, t in pairs if value(t) is not None and value(m) != value(t)]
    return Score(
        sum(value(t) is not None for t in theirs),
        sum(value(m) is not None for m, _ in pairs),
        len(right),
        missed=missed,
        extra=wrong,
    )
