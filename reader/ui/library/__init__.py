"""The left side of the window: the article list (a lazy model over the catalogue), its
quick filter and its Unread and Bookmarks toggles."""
