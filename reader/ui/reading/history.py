"""Back/Forward through the articles read, as a browser does; no Qt, so it is tested alone."""

from __future__ import annotations


class History:
    """A back stack, the current article and a forward stack.

    Visiting a new article clears the forward stack (as in every browser); visiting the
    current one again changes nothing, so re-opening from the list does not fill Back with
    duplicates.
    """

    def __init__(self, limit: int = 500) -> None:
        self.limit = limit
        self._back: list[int] = []
        self._forward: list[int] = []
        self.current: int | None = None

    def visit(self, article_id: int) -> None:
        if article_id == self.current:
            return
        if self.current is not None:
            self._back.append(self.current)
            del self._back[: -self.limit]
        self._forward.clear()
        self.current = article_id

    def can_go_back(self) -> bool:
        return bool(self._back)

    def can_go_forward(self) -> bool:
        return bool(self._forward)

    def back(self) -> int | None:
        if not self._back:
            return None
        if self.current is not None:
            self._forward.append(self.current)
        self.current = self._back.pop()
        return self.current

    def forward(self) -> int | None:
        if not self._forward:
            return None
        if self.current is not None:
            self._back.append(self.current)
        self.current = self._forward.pop()
        return self.current

    def forget(self, article_id: int) -> None:
        """Drop an article that left the library, so Back never lands on a ghost."""
        self._back = [i for i in self._back if i != article_id]
        self._forward = [i for i in self._forward if i != article_id]
        if self.current == article_id:
            self.current = None
