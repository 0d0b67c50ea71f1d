"""A seeded synthetic talent graph, for parity tests between stores and for benchmarks.

``synthetic_graph(people, orgs, deals, seed)`` returns valid model records — every node
and relationship with provenance pointing at one synthetic Source — and the same records
for the same arguments. The shapes the catalogue asks about all occur: founders whose
company is bought, people moved by deals who take roles in units of the acquirer,
boomerangs, co-movers, failed bids followed by hires, stakes, deals without a year,
career moves between consecutive stints, disputed deal figures (amounts and years
that a second report states differently), group hires with a headcount above the people
named, and claims about deals and their buyers (one per ten deals).

>>> nodes, rels = synthetic_graph(people=20, orgs=8, deals=6, seed=1)
>>> nodes == synthetic_graph(people=20, orgs=8, deals=6, seed=1)[0], len(nodes)
(True, 35)

As a script (no CLI needed): ``python -m talentgraph.graph.synthetic --relationships
100000 --seed 7 -o synthetic.json`` writes networkx node-link JSON (key "edges").
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

from .model import DISPUTE, ClaimKind, DealKind, DealStatus, Label, Node, OrgKind, Relationship, RelType, value_to_text

__all__ = ["sizes_for", "synthetic_graph", "synthetic_store"]

COUNTRIES = ("US", "CN", "GB", "FR", "DE", "IL", "CA", None)
CURRENCIES = ("USD", "USD", "USD", "EUR", "CNY")
TO_USD = {"USD": 1.0, "EUR": 1.1, "CNY": 0.14}
SYLLABLES = (
    "an",
    "bel",
    "cor",
    "da",
    "el",
    "fen",
    "gar",
    "hu",
    "is",
    "jo",
    "ka",
    "lin",
    "mo",
    "na",
    "or",
    "pe",
    "qi",
    "ra",
    "su",
    "ta",
    "ul",
    "ve",
    "wu",
    "xi",
    "ya",
    "zo",
)
# Deal kinds and statuses, weighted towards what the article describes.
KINDS = (
    (DealKind.ACQUISITION,) * 3
    + (DealKind.ACQUIHIRE,) * 2
    + (DealKind.LICENCE_AND_HIRE, DealKind.STAKE, DealKind.HIRE, DealKind.HIRE, DealKind.MERGER)
)
STATUSES = (DealStatus.COMPLETED,) * 6 + (
    DealStatus.FAILED,
    DealStatus.REJECTED,
    DealStatus.ABANDONED,
    DealStatus.ANNOUNCED,
    DealStatus.RUMOURED,
)
NOT_DONE = {DealStatus.FAILED, DealStatus.REJECTED, DealStatus.ABANDONED, DealStatus.RUMOURED}


def sizes_for(relationships: int) -> tuple[int, int, int]:
    """``(people, orgs, deals)`` giving roughly ``relationships`` relationships."""
    # measured: about 4.4 relationships per person at these proportions
    return max(4, relationships * 10 // 44), max(4, relationships // 18), max(2, relationships // 9)


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def synthetic_graph(people: int, orgs: int, deals: int, seed: int = 0) -> tuple[list[Node], list[Relationship]]:
    """Nodes and relationships of a random but deterministic talent graph."""
    rng = random.Random(seed)
    source_id = f"synthetic-{seed}"
    prov_counter = iter(range(10**12))

    def prov(**props: Any) -> dict[str, Any]:
        clean = {k: v for k, v in props.items() if v is not None}
        return {**clean, "source_ids": [source_id], "locators": [f"{source_id}#r{next(prov_counter)}"]}

    nodes = [Node(source_id, Label.SOURCE, prov(name=f"Synthetic graph (seed {seed})", publisher="talentgraph"))]
    rels: dict[tuple[str, RelType, str, str], Relationship] = {}

    def relate(rel_type: RelType, start: str, end: str, key: str = "", **props: Any) -> None:
        rels.setdefault((start, rel_type, end, key), Relationship(rel_type, start, end, prov(**props), key))

    org_ids: list[str] = []
    companies: list[str] = []
    units_of: dict[str, list[str]] = {}
    org_names: dict[str, str] = {}
    for i in range(orgs):
        oid = f"o-{i:06d}"
        parent = rng.choice(companies) if companies and rng.random() < 0.3 else None
        org_kind = rng.choice((OrgKind.UNIT, OrgKind.PRODUCT, OrgKind.LAB)) if parent else OrgKind.COMPANY
        name = f"{_word(rng, 2)} {'AI' if rng.random() < 0.5 else 'Labs'} {i}"
        nodes.append(
            Node(
                oid,
                Label.ORGANIZATION,
                prov(
                    name=name,
                    kind=org_kind.value,
                    country=rng.choice(COUNTRIES),
                    founded=rng.choice((None, rng.randint(1990, 2024))),
                    aliases=[name.upper()] if rng.random() < 0.1 else None,
                ),
            )
        )
        org_ids.append(oid)
        org_names[oid] = name
        if parent:
            relate(RelType.PART_OF, oid, parent)
            units_of.setdefault(parent, []).append(oid)
        else:
            companies.append(oid)

    person_ids: list[str] = []
    staff: dict[str, list[str]] = {}
    for i in range(people):
        pid = f"p-{i:06d}"
        name = f"{_word(rng, 2)} {_word(rng, 3)}"
        nodes.append(Node(pid, Label.PERSON, prov(name=name, country=rng.choice(COUNTRIES))))
        person_ids.append(pid)
        start = rng.randint(1995, 2015)
        for stint in range(rng.choice((1, 1, 2, 2, 3))):
            org = rng.choice(org_ids)
            end = start + rng.randint(1, 6)
            still = stint > 0 and rng.random() < 0.3
            relate(
                RelType.WORKED_AT,
                pid,
                org,
                f"s{stint}",
                role=rng.choice(("engineer", "researcher", "CEO", None)),
                **{"from": start, "to": None if still else end},
            )
            staff.setdefault(org, []).append(pid)
            start = end
        if rng.random() < 0.3:
            org = rng.choice(companies)
            relate(RelType.FOUNDED, pid, org, year=rng.choice((None, rng.randint(1995, 2020))))
            staff.setdefault(org, []).append(pid)
        if rng.random() < 0.15:
            relate(RelType.LEADS, pid, rng.choice(org_ids), "", role="head", **{"from": rng.randint(2000, 2025)})

    buyers: dict[str, str] = {}
    for i in range(deals):
        did = f"d-{i:06d}"
        target, acquirer = rng.sample(companies, 2) if len(companies) > 1 else (org_ids[0], org_ids[-1])
        kind, status = rng.choice(KINDS), rng.choice(STATUSES)
        year = rng.choice((None, *range(2000, 2026)))
        currency = rng.choice(CURRENCIES)
        amount = rng.choice((None, rng.randint(1, 5000) * 1_000_000)) if kind != DealKind.HIRE else None
        props = prov(
            name=f"{org_names[acquirer]} / {org_names[target]} ({kind.value} {i})",
            kind=kind.value,
            status=status.value,
            year=year,
            amount=amount,
            currency=currency if amount else None,
            amount_usd=int(amount * TO_USD[currency]) if amount else None,
            stake_pct=rng.randint(5, 60) if kind == DealKind.STAKE else None,
            valuation_usd=rng.randint(1, 100) * 100_000_000 if rng.random() < 0.3 else None,
            pay_usd=rng.randint(1, 100) * 1_000_000 if kind == DealKind.HIRE else None,
            summary=f"synthetic {kind.value}: {org_names[acquirer]} and {org_names[target]}",
        )
        _dispute(props, i, source_id)
        if i % 11 == 2:  # a group hire: more people moved than the deal names
            props.update(headcount=3 + i % 5, group=f"a team of {3 + i % 5} from {org_names[target]}")
        nodes.append(Node(did, Label.DEAL, props))
        relate(RelType.TARGET, did, target)
        relate(RelType.ACQUIRER, did, acquirer)
        buyers[did] = acquirer
        if status in NOT_DONE and kind == DealKind.MERGER:
            continue
        pool = sorted(set(staff.get(target, []))) or person_ids
        for person in rng.sample(pool, min(len(pool), rng.choice((0, 1, 1, 2, 3)))):
            relate(RelType.MOVED, did, person, role=rng.choice(("founder", "team lead", None)))
            if year and rng.random() < 0.1:  # a boomerang: they had worked for the buyer before
                relate(
                    RelType.WORKED_AT,
                    person,
                    acquirer,
                    f"before-{did}",
                    role="engineer",
                    **{"from": year - rng.randint(5, 9), "to": year - rng.randint(1, 4)},
                )
            if rng.random() < 0.5:
                where = rng.choice(units_of.get(acquirer, [acquirer]))
                rel_type = rng.choice((RelType.LEADS, RelType.WORKED_AT))
                relate(rel_type, person, where, f"after-{did}", role="head of unit", **{"from": year})
    # claims last and by position, not from the random stream, so every other record stays as it was
    kinds = list(ClaimKind)
    for j in range(deals // 10):
        cid, deal = f"c-{j:06d}", f"d-{10 * j:06d}"
        buyer = buyers[deal]
        nodes.append(
            Node(
                cid,
                Label.CLAIM,
                prov(
                    name=f"claim {j}",
                    kind=kinds[j % len(kinds)].value,
                    text=f"synthetic claim {j} about {org_names[buyer]}",
                    values=[j, 100 - j],
                    unit="percent",
                ),
            )
        )
        relate(RelType.ABOUT, cid, buyer, "subject", role="subject")
        relate(RelType.ABOUT, cid, f"d-{10 * j + 1:06d}", "example", role="example")
    return nodes, list(rels.values())


def _dispute(props: dict[str, Any], i: int, source_id: str) -> None:
    """Give some deals a second report of their amount or year, as ``merge_props`` records
    one: both values with where they come from. Chosen by position, not drawn from the
    random stream, so every other record stays as it was."""
    rows = []
    if i % 9 == 4 and props.get("amount") is not None:
        rows.append(("amount", props["amount"] + props["amount"] // 10))
    if i % 13 == 6 and props.get("year") is not None:
        rows.append(("year", props["year"] - 1))
    for field, other in rows:
        for value, locator in ((props[field], props["locators"][0]), (other, f"{source_id}#d{i}-{field}")):
            for key, item in zip(
                DISPUTE,
                (field, value_to_text(value), source_id, locator, "" if value == props[field] else "a second report"),
                strict=True,
            ):
                props.setdefault(key, []).append(item)


def synthetic_store(people: int, orgs: int, deals: int, seed: int = 0):
    """An ``EmbeddedStore`` holding ``synthetic_graph(...)``."""
    from .embedded.nx_store import EmbeddedStore

    store = EmbeddedStore()
    store.write(*synthetic_graph(people, orgs, deals, seed))
    return store


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a seeded synthetic talent graph as node-link JSON.")
    parser.add_argument("--relationships", type=int, default=10_000, help="about how many relationships")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    from .export.node_link import graph_to_node_link

    store = synthetic_store(*sizes_for(args.relationships), seed=args.seed)
    args.output.write_text(json.dumps(graph_to_node_link(store.graph), ensure_ascii=False) + "\n", "utf-8")
    counts = store.stats()
    print(
        f"wrote {args.output}: {sum(counts['nodes'].values())} nodes, "
        f"{sum(counts['relationships'].values())} relationships"
    )


if __name__ == "__main__":
    main()
