"""Sources -> records: the loader registry, the built-in article and the ingest step.

>>> from talentgraph.loaders import default_registry
>>> "article" in default_registry().names()
True
"""

from .curated_yaml import parse_curated, read_curated
from .deal_sheet import DealSheetLoader, SheetOptions, parse_column_map, parse_deals, read_deals, sheet_registry
from .ingest import LoadReport, load_sources, read_source, validate_sources
from .records import Batch, Problem
from .registry import ENTRY_POINT_GROUP, Loader, LoaderInfo, LoaderRegistry, PluginWarning, default_registry
from .row_limits import MAX_ROWS, row_limit

__all__ = [
    "ENTRY_POINT_GROUP",
    "MAX_ROWS",
    "Batch",
    "DealSheetLoader",
    "LoadReport",
    "Loader",
    "LoaderInfo",
    "LoaderRegistry",
    "PluginWarning",
    "Problem",
    "SheetOptions",
    "default_registry",
    "load_sources",
    "parse_column_map",
    "parse_curated",
    "parse_deals",
    "read_curated",
    "read_deals",
    "read_source",
    "row_limit",
    "sheet_registry",
    "validate_sources",
]
