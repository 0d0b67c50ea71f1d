"""Draft a graph from a new article: ``extract_article`` writes a reviewable curated
YAML draft, ``compare_drafts`` measures a draft against a reviewed file.

>>> from talentgraph.loaders.extract import extract_article
>>> draft = extract_article("Acme Labs hired Jane Roe from Beta Robotics in 2023, the startup said today.")
>>> draft.deals[0].kind
'hire'
"""

from .compare import Comparison, compare_drafts
from .draft import Draft
from .pipeline import extract_article
from .registry import ENTRY_POINT_GROUP, ExtractorRegistry, default_extractors

__all__ = [
    "ENTRY_POINT_GROUP",
    "Comparison",
    "Draft",
    "ExtractorRegistry",
    "compare_drafts",
    "default_extractors",
    "extract_article",
]
