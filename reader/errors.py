"""The one exception type for problems a user must be told about.

The CLI prints its message and exits non-zero; the GUI shows it in a dialog. Anything else
that escapes is a bug, never something to show a user as a traceback.
"""


class ReaderError(Exception):
    """A failure with a message written for the person using the app."""


class NotAnArticle(ReaderError):
    """A file that cannot be turned into an article (binary, empty, undecodable...)."""
