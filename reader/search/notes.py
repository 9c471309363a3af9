"""The notes a search can attach to its answer, as the core writes them (English clauses,
joined by "; " when there are several).

A module of its own, with nothing to import, so that the window can recognise the notes
and say them in its language (``reader.ui.search.notes``) without loading the query
parser (Whoosh's qparser: 0.1 s of a start-up that must stay near a bare table's).
"""

from __future__ import annotations

MAX_QUERY_CHARS = 2_000
"""Longer queries are cut here (with a note): a pasted paragraph still searches at once."""
WORDS_NOTE = "the query could not be parsed; searched for its words instead"
NOTHING_NOTE = "nothing to search for"
CUT_NOTE = f"the query was cut to its first {MAX_QUERY_CHARS:,} characters"
