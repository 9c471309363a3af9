"""Search in the window: the field that searches as you type, and the results panel with
its snippets and hit marks. The search itself runs in ``reader.background.search_process``."""
