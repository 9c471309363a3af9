"""The desktop app: the only package that imports Qt.

Everything here is a face on the core calls (catalogue, importer, search); no library
logic lives in a widget, so what the CLI tests holds here too. Qt names come in through
``reader.ui.qt`` so the binding is chosen in one place.
"""
