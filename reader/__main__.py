"""``python -m reader``: the same entry point as the ``reader`` command, and the way the
app's child processes start from source (``reader.children``): a child skips the CLI."""

import sys

from reader.children import child_role, run_child

role = child_role(sys.argv[1:])
if role is not None:
    sys.exit(run_child(role))

from reader.cli import main  # noqa: E402

sys.exit(main())
