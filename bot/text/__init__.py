"""Pure language tools: word lemmas and search-query building (no I/O)."""
