"""``python -m reader.cli``: the same as the ``reader`` command (tests and benchmarks run
the CLI this way)."""

import sys

from reader.cli import main

sys.exit(main())
