"""The command line: argument parsing and output only, over the same core calls as the GUI.

The JSON shapes printed here are a contract that outside checks rely on: keys are added,
never renamed or dropped.

Other code imports from here (``from reader.cli import main``; the ``reader`` console
script is ``reader.cli:main``; ``python -m reader.cli`` runs ``__main__``), not from the
modules inside, which are:

- ``entry``: ``main``, the child-process dispatch, and the mapping of errors to one line
  and exit status 2;
- ``parser``: ``build_parser``, every command and option;
- ``library_commands``: import, list, show, parse, reindex, search;
- ``annotation_commands``: bookmark, annotate, annotations (export, import, backup);
- ``opening``: opening the library for a command (and refusing a write on a read-only
  one), and the JSON output;
- ``progress``: the progress bars on stderr.
"""

from reader.cli.entry import main
from reader.cli.parser import build_parser

__all__ = ["build_parser", "main"]
