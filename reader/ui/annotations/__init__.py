"""Bookmarking and annotating in the window: what the keys, menus and dialogs do, the two
highlight panels, and the thread that reads and writes ``reader.annotations``."""
