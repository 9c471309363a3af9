"""The window shell: the main window and its wiring, menus and actions, the status bar,
messages, settings, theme and fonts, undo, and the threads the window's work runs on.
What the other rooms (``library``, ``reading``, ``search``, ``annotations``) plug into."""
