"""Offline full-text search: the engine interface, its Whoosh implementation, analysis,
query parsing and snippets. Callers use ``sync_index`` and ``search_library``."""
