"""The loaders that ship with talentgraph, registered like any plugin."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .curated_yaml import parse_curated, read_curated
from .deal_sheet import DealSheetLoader
from .records import Batch

__all__ = ["ARTICLE_ID", "ArticleLoader", "CuratedYamlLoader", "register_builtins"]

ARTICLE_ID = "36kr-2025-07-11"


class ArticleLoader:
    """The 36Kr article of 2025-07-11, curated by hand; loaded by the name ``article``."""

    name = "article"
    description = "built-in: the 36Kr article of 2025-07-11 on AI talent acquisitions (curated facts with locators)"
    formats = ("article",)
    aliases = ("article", ARTICLE_ID, "36kr")

    def can_load(self, source: str) -> bool:
        return source in self.aliases

    def load(self, source: str = "article") -> Batch:
        data = resources.files("talentgraph.loaders").joinpath("data", f"{ARTICLE_ID}.yaml")
        return parse_curated(data.read_text(encoding="utf-8"), f"{ARTICLE_ID}.yaml")


class CuratedYamlLoader:
    """Any source described in the curated YAML format (see loaders/curated_yaml.py)."""

    name = "curated"
    description = "curated YAML: people, organizations, deals and relations of one source, with locators"
    formats = (".yaml", ".yml")

    def can_load(self, source: str) -> bool:
        path = Path(source)
        if path.suffix.lower() not in self.formats or not path.is_file():
            return False
        try:
            with open(path, encoding="utf-8") as fh:
                head = fh.read(4096)
        except (OSError, UnicodeDecodeError):
            return False
        return any(line.startswith("source:") for line in head.splitlines())

    def load(self, source: str) -> Batch:
        return read_curated(source)


def register_builtins(registry, version: str = "") -> None:
    from .node_link_json import NodeLinkJsonLoader
    from .positions import PositionsLoader
    from .wikidata import WikidataLoader

    # Order matters when several loaders could read a file: the ones that recognise a
    # specific layout (positions, Wikidata) go before the general deal sheet.
    registry.register(ArticleLoader(), version=version)
    registry.register(CuratedYamlLoader(), version=version)
    registry.register(PositionsLoader(), version=version)
    registry.register(WikidataLoader(), version=version)
    registry.register(NodeLinkJsonLoader(), version=version)
    registry.register(DealSheetLoader(), version=version)
