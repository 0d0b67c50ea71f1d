"""A talentgraph loader plugin: founder lists, one "Person -> Organization" per line."""

from pathlib import Path

from talentgraph.graph.model import Label, Node, Relationship, RelType, slugify
from talentgraph.loaders import Batch, Problem


class FoundersLoader:
    name = "founders"
    description = "founder lists: one 'Person -> Organization' per line (.founders)"
    formats = (".founders",)

    def can_load(self, source: str) -> bool:
        return source.endswith(".founders") and Path(source).is_file()

    def load(self, source: str, progress=None) -> Batch:
        path = Path(source)
        source_id = slugify(path.stem)
        batch = Batch(
            nodes=[
                Node(
                    source_id,
                    Label.SOURCE,
                    {"name": f"Founder list {path.name}", "source_ids": [source_id], "locators": [path.name]},
                )
            ]
        )
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.startswith("#"):
                continue
            person, arrow, org = (part.strip() for part in line.partition("->"))
            if not (arrow and person and org):
                batch.problems.append(Problem(str(path), number, "write 'Person -> Organization'"))
                continue
            prov = {"source_ids": [source_id], "locators": [f"{path.name}#line {number}"]}
            batch.nodes += [
                Node(slugify(person), Label.PERSON, {"name": person, **prov}),
                Node(slugify(org), Label.ORGANIZATION, {"name": org, **prov}),
            ]
            batch.relationships.append(Relationship(RelType.FOUNDED, slugify(person), slugify(org), prov))
            if progress:
                progress(number, len(lines))
        return batch
