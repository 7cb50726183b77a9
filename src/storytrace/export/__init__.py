"""Exporters: jsonl (the EXPORT.md contract), csv (a table per layer), plover, stories."""
