"""The desktop app: the only package that imports Qt.

Everything here is a face on the core calls (``reader.library``, the catalogue, search,
annotations); no library logic lives in a widget, so what the CLI tests holds here too.
Qt names come in through ``reader.ui.qt`` so the binding is chosen in one place. Rooms,
as a person sees the window:

- ``app``: start-up; ``window/``: the shell (main window, actions and menus, status bar,
  messages, settings, theme, undo, the threads work runs on);
- ``library/``: the article list and its filters;
- ``reading/``: the reader pane, its HTML, links, Back/Forward, highlight painting;
- ``search/``: search as you type and the results panel;
- ``annotations/``: bookmarks, highlights and notes: controller, panels, dialogs.

The work that runs outside the window's process (import jobs, the search process) lives
in ``reader.background``, which has no Qt.
"""
