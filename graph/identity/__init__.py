"""Names and identity: name lookup, one identity per entity across sources, merges."""
