"""Archive Reader: a desktop reader for local archives of saved news articles.

The core (everything outside ``reader.ui``) never imports Qt, so the CLI, the tests and
the benchmarks run without a display.
"""

__version__ = "0.1.0"
