"""A draft in the curated YAML format (``loaders/curated_yaml.py``), ready for review.

Every entry carries ``at`` (its locators), ``evidence`` (the cue words that support it,
never a sentence of the article), ``confidence`` (0..1) and ``review: true`` where the
pipeline is unsure. These keys are ordinary properties for the curated loader, so a
reviewed draft loads with ``talentgraph load draft.yaml``; delete ``review`` once an
entry is checked. Entities linked to the store keep the store's id, name and aliases.

>>> slug("Character.ai / Google (2024)")
'character-ai-google-2024'
"""

from __future__ import annotations

import errno
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ...graph.atomic_files import write_text_atomic
from ...graph.errors import SourceError
from .deals import DraftDeal, DraftRelation
from .names import Entity

__all__ = ["Draft", "slug"]


def slug(text: str) -> str:
    """A lowercase ASCII id from a name: "Scale AI" -> "scale-ai"."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    result = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return result or "x" + str(abs(hash(text)) % 10_000)


@dataclass
class Draft:
    """What the pipeline found in one article; ``to_yaml`` writes the curated format."""

    source: dict[str, Any]
    entities: list[Entity] = field(default_factory=list)
    deals: list[DraftDeal] = field(default_factory=list)
    relations: list[DraftRelation] = field(default_factory=list)
    language: str = "en"
    words: int = 0

    @property
    def people(self) -> list[Entity]:
        return [e for e in self.entities if e.label == "Person"]

    @property
    def organizations(self) -> list[Entity]:
        return [e for e in self.entities if e.label == "Organization"]

    def name_of(self, entity_id: str) -> str:
        return next((e.name for e in self.entities if e.id == entity_id), entity_id)

    def to_document(self) -> dict[str, Any]:
        """The draft as the mapping the curated YAML format describes."""
        doc: dict[str, Any] = {"source": {k: v for k, v in self.source.items() if v is not None}}
        doc["people"] = [self._entity(e) for e in self.people]
        doc["organizations"] = [self._entity(e) for e in self.organizations]
        doc["deals"] = self._deals()
        doc["relations"] = self._relations()
        return doc

    def to_yaml(self) -> str:
        """The draft as curated YAML text, with a header that explains the review keys."""
        header = (
            f"# Draft made by `talentgraph extract` from {self.source.get('seed_file') or self.source['id']}.\n"
            "# Review it before loading: every entry has its locators (at), the cue words behind it\n"
            "# (evidence) and a confidence; entries marked `review: true` are the pipeline's guesses.\n"
            "# Fix or delete them, then `talentgraph validate` and `talentgraph load` this file.\n"
        )
        body = yaml.safe_dump(self.to_document(), sort_keys=False, allow_unicode=True, width=110)
        return header + body

    def write(self, path: str | Path) -> Path:
        """Write ``to_yaml`` to ``path`` (through a temporary file: nothing half-written)."""
        path = Path(path)
        text = self.to_yaml()
        try:
            write_text_atomic(path, text)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise SourceError(
                    f"cannot write the draft to {str(path)!r}: no space left on the device — free some space, "
                    "then run it again"
                ) from None
            raise SourceError(
                f"cannot write the draft to {str(path)!r} ({exc.strerror or exc}) — "
                "check that the folder exists and is writable"
            ) from None
        return path

    def _entity(self, entity: Entity) -> dict[str, Any]:
        row: dict[str, Any] = {"id": entity.id, "name": entity.name}
        if entity.label == "Organization":
            row["kind"] = entity.kind
        if entity.aliases:
            row["aliases"] = list(entity.aliases)
        row["at"] = list(entity.locators)
        if entity.store_id:
            row["evidence"] = "linked to the store entity with this id"
        else:
            row["evidence"] = "cues: " + (", ".join(entity.cues) if entity.cues else "capitalised name")
        row["confidence"] = entity.confidence if not entity.store_id else 1.0
        if entity.review:
            row["review"] = True
        return row

    def _deals(self) -> list[dict[str, Any]]:
        rows, used = [], set()
        for deal in self.deals:
            base = slug(
                f"{deal.acquirer}-{'-'.join(deal.targets)}-{deal.kind}" + (f"-{deal.year}" if deal.year else "")
            )
            deal_id, n = base, 2
            while deal_id in used:
                deal_id, n = f"{base}-{n}", n + 1
            used.add(deal_id)
            targets = ", ".join(self.name_of(t) for t in deal.targets)
            row: dict[str, Any] = {
                "id": deal_id,
                "name": f"{self.name_of(deal.acquirer)} / {targets}" + (f" ({deal.year})" if deal.year else ""),
                "kind": deal.kind,
                "status": deal.status,
                "acquirer": deal.acquirer,
                "target": deal.targets[0] if len(deal.targets) == 1 else list(deal.targets),
            }
            if deal.amount is not None:
                row["amount"], row["currency"] = deal.amount, deal.currency
                if deal.currency == "USD":
                    row["amount_usd"] = deal.amount
                if deal.amount_qualifier:
                    row["amount_qualifier"] = deal.amount_qualifier
            if deal.stake_pct is not None:
                row["stake_pct"] = deal.stake_pct
            if deal.valuation is not None:
                row["valuation"], row["valuation_currency"] = deal.valuation, deal.valuation_currency
                if deal.valuation_currency == "USD":
                    row["valuation_usd"] = deal.valuation
            if deal.pay is not None:
                row["pay"], row["pay_currency"] = deal.pay, deal.pay_currency
            if deal.year is not None:
                row["year"] = deal.year
            if deal.date:
                row["date"], row["date_precision"] = deal.date, deal.date_precision
            if deal.hedge:
                row["hedged"] = True
            row["at"] = list(deal.locators)
            row["evidence"] = "; ".join(deal.evidence)
            row["confidence"] = deal.confidence
            if deal.confidence < 0.7 or deal.hedge or deal.status in {"announced", "rumoured"}:
                row["review"] = True
            if deal.moved:
                row["moved"] = [
                    {"person": person, "role": role, "at": [locator]} for person, (role, locator) in deal.moved.items()
                ]
            rows.append(row)
        return rows

    def _relations(self) -> list[dict[str, Any]]:
        rows, seen = [], set()
        for rel in self.relations:
            key = (rel.start, rel.type, rel.end)
            if key in seen or rel.start == rel.end:
                continue
            seen.add(key)
            row: dict[str, Any] = {"start": rel.start, "type": rel.type, "end": rel.end}
            if rel.role:
                row["role"] = rel.role
            row.update({"at": [rel.locator], "evidence": rel.evidence, "confidence": 0.5, "review": True})
            rows.append(row)
        return rows
