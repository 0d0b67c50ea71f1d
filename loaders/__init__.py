"""Sources -> records: the loader registry, the built-in article and the ingest step.

>>> from talentgraph.loaders import default_registry
>>> "article" in default_registry().names()
True
"""

from .curated_yaml import parse_curated, read_curated
from .ingest import LoadReport, load_sources, read_source, validate_sources
from .records import Batch, Problem
from .registry import ENTRY_POINT_GROUP, Loader, LoaderInfo, LoaderRegistry, default_registry

__all__ = [
    "ENTRY_POINT_GROUP",
    "Batch",
    "LoadReport",
    "Loader",
    "LoaderInfo",
    "LoaderRegistry",
    "Problem",
    "default_registry",
    "load_sources",
    "parse_curated",
    "read_curated",
    "read_source",
    "validate_sources",
]
