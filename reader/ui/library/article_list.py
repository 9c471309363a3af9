"""The article list: a lazy table model over the catalogue, and the view a person drives.

At 100,000 articles the design decides everything: the model holds only the ids in
display order (one covering-index query) and fetches the columns of a visible page of
rows when the view first asks for one of them, so a first paint reads a few dozen rows,
never 100,000 (a widget per row took 3.2 s; this takes milliseconds). Sorting and
filtering ask the catalogue for a new id list in a worker thread (``ListQueries``), and
the model swaps it in when it arrives. The last column marks bookmarks (★) and highlights
(✎): read with the page, two indexed queries for its hundred ids, never one per row.

Copies of one story (issue 14) take one row, the first of them in the list's order, its
title saying "3 copies"; ``set_show_all_copies(True)`` (the list pane's toggle) shows
every copy. The folding happens on the id list the model is given, in memory: it reads
only the grouped articles' ids (an index of them), nothing when the library has none.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.annotations import marks
from reader.catalogue import Catalogue, CopyStore, collapse_ids
from reader.ui.i18n import QT_TRANSLATE_NOOP, translate
from reader.ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QGuiApplication,
    QHeaderView,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QMessageBox,
    QModelIndex,
    QMouseEvent,
    QObject,
    QPainter,
    QPalette,
    QPersistentModelIndex,
    QPixmap,
    QPoint,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    Qt,
    QTableView,
    QWidget,
    Signal,
)
from reader.ui.window.fonts import ui_font
from reader.ui.window.messages import plain_tip
from reader.ui.window.workers import TaskThread

if TYPE_CHECKING:
    from reader.library import Library, RemoveResult, RestoreResult

COLUMNS = ("title", "date", "site", "marks")
HEADERS = {
    "title": QT_TRANSLATE_NOOP("ArticleList", "Title"),
    "date": QT_TRANSLATE_NOOP("ArticleList", "Date"),
    "site": QT_TRANSLATE_NOOP("ArticleList", "Site"),
    "marks": "★",
}
SORTABLE = ("title", "date", "site")
MARKS_COLUMN = COLUMNS.index("marks")
PAGE = 100  # rows fetched together: a screenful or two
CACHE_PAGES = 60  # pages kept; scrolling back is free, memory stays bounded
ID_ROLE = Qt.ItemDataRole.UserRole + 1
READ_ROLE = Qt.ItemDataRole.UserRole + 2
BOOKMARK_ROLE = Qt.ItemDataRole.UserRole + 3  # the bookmark's tags, or None
COPIES_ROLE = Qt.ItemDataRole.UserRole + 4  # title column: (title, copies of its story)

_Index = QModelIndex | QPersistentModelIndex


def _dot_icon(color: QColor | None, size: int = 10) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    if color is not None:
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawEllipse(1, 1, size - 2, size - 2)
        painter.end()
    return QIcon(pixmap)


class ArticleListModel(QAbstractTableModel):
    """Ordered ids in memory; row columns fetched by page, on demand."""

    sortRequested = Signal(str, bool)  # column name, descending

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._ids: list[int] = []
        self._all_ids: list[int] = []  # before copies of one story were folded into one
        self._groups: dict[int, int] = {}  # article id -> its story's first copy
        self._copies: dict[int, int] = {}  # first copy -> how many copies its story has
        self.show_all_copies = False
        self._row_of: dict[int, int] | None = None
        self._pages: OrderedDict[int, dict[int, dict[str, Any]]] = OrderedDict()
        self._overrides: dict[int, bool] = {}  # read marks made since the page was fetched
        self._bookmarks: dict[int, tuple[str, ...] | None] = {}  # changed since, likewise
        self._highlights: dict[int, int] = {}
        self.sort_column = "date"
        self.sort_descending = True
        self.rows_fetched = 0  # for tests and the bench: proof of laziness
        self._fonts: dict[tuple[bool, bool], QFont] = {}
        self._unread_icon: QIcon | None = None
        self._read_icon: QIcon | None = None

    # -- contents --------------------------------------------------------------------

    def set_ids(self, ids: list[int]) -> None:
        """Show *ids* (in order), copies of one story folded into one row unless
        ``show_all_copies``; the stories are read afresh (an import may have changed them)."""
        self._all_ids = ids
        self._groups = CopyStore(self._catalogue).groups()
        self._copies = {}
        for group in self._groups.values():
            self._copies[group] = self._copies.get(group, 0) + 1
        self._show_ids()

    def set_show_all_copies(self, show_all: bool) -> None:
        """Every copy of a story on its own row (True), or one row per story."""
        if show_all != self.show_all_copies:
            self.show_all_copies = show_all
            self._show_ids()

    @property
    def has_copies(self) -> bool:
        """Whether any story in the library has more than one copy."""
        return bool(self._groups)

    def copies_of(self, article_id: int) -> int:
        """How many copies the story of *article_id* has in the library (1: no other)."""
        group = self._groups.get(article_id)
        return self._copies.get(group, 1) if group is not None else 1

    def _show_ids(self) -> None:
        ids = self._all_ids
        if self._groups and not self.show_all_copies:
            ids = collapse_ids(ids, self._groups)[0]
        self.beginResetModel()
        self._ids = ids
        self._row_of = None
        self._pages.clear()
        self._overrides.clear()
        self._bookmarks.clear()
        self._highlights.clear()
        self.endResetModel()

    def refresh_rows(self) -> None:
        """Forget fetched rows (titles may have changed after an import); ids stay."""
        self._pages.clear()
        self._overrides.clear()
        self._bookmarks.clear()
        self._highlights.clear()
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1)
            )

    @property
    def ids(self) -> list[int]:
        return self._ids

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, article_id: int) -> int | None:
        if self._row_of is None:  # built in C: ~5 ms at 100,000 rows (a comprehension: 30)
            self._row_of = dict(zip(self._ids, range(len(self._ids)), strict=True))
        return self._row_of.get(article_id)

    def _row(self, row: int) -> dict[str, Any] | None:
        page = row // PAGE
        rows = self._pages.get(page)
        if rows is None:
            chunk = self._ids[page * PAGE : (page + 1) * PAGE]
            rows = self._catalogue.list_rows(chunk)
            db = self._catalogue.connection
            bookmarks = marks.bookmark_marks(db, chunk)
            counts = marks.annotation_counts(db, chunk)
            for article_id, data in rows.items():
                data["bookmark"] = bookmarks.get(article_id)
                data["highlights"] = counts.get(article_id, 0)
            self.rows_fetched += len(rows)
            self._pages[page] = rows
            while len(self._pages) > CACHE_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        return rows.get(self._ids[row])

    def is_read(self, article_id: int) -> bool | None:
        if article_id in self._overrides:
            return self._overrides[article_id]
        row = self.row_of(article_id)
        data = self._row(row) if row is not None else None
        return None if data is None else bool(data["read"])

    def set_read(self, article_id: int, read: bool) -> None:
        """Show a read mark at once; the write happens in the background."""
        self._overrides[article_id] = read
        row = self.row_of(article_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def bookmark_of(self, article_id: int) -> tuple[str, ...] | None:
        """The bookmark's tags as the list shows them (None: not bookmarked)."""
        if article_id in self._bookmarks:
            return self._bookmarks[article_id]
        row = self.row_of(article_id)
        page = self._pages.get(row // PAGE) if row is not None else None
        data = page.get(article_id) if page is not None else None
        if data is None:  # not on a page read yet: one row's query, not a page's
            return marks.bookmark_marks(self._catalogue.connection, [article_id]).get(article_id)
        return data["bookmark"]

    def set_marks(self, article_id: int, bookmark: tuple[str, ...] | None, highlights: int) -> None:
        """Show a bookmark or highlight change at once (the page is not read again)."""
        self._bookmarks[article_id] = bookmark
        self._highlights[article_id] = highlights
        row = self.row_of(article_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, MARKS_COLUMN), self.index(row, MARKS_COLUMN))

    def _marks(self, data: dict[str, Any]) -> tuple[tuple[str, ...] | None, int]:
        article_id = data["id"]
        return (
            self._bookmarks[article_id] if article_id in self._bookmarks else data.get("bookmark"),
            self._highlights.get(article_id, data.get("highlights", 0)),
        )

    # -- Qt model interface ----------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("ArticleList", HEADERS[COLUMNS[section]])
        return None

    def _font(self, bold: bool, traditional: bool) -> QFont:
        """A title's font: Latin families first (an English title's quotes and
        apostrophes are Latin glyphs), then the SC or TC family for its Han characters."""
        key = (bold, traditional)
        font = self._fonts.get(key)
        if font is None:
            font = ui_font("zh-Hant" if traditional else "zh-Hans")
            font.setBold(bold)
            self._fonts[key] = font
        return font

    def _icons(self) -> tuple[QIcon, QIcon]:
        if self._unread_icon is None or self._read_icon is None:
            accent = QGuiApplication.palette().color(QPalette.ColorRole.Highlight)
            self._unread_icon = _dot_icon(accent)
            self._read_icon = _dot_icon(None)
        return self._unread_icon, self._read_icon

    def palette_changed(self) -> None:
        self._unread_icon = self._read_icon = None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if row >= len(self._ids):
            return None
        column = COLUMNS[index.column()]
        if role == ID_ROLE:
            return self._ids[row]
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.FontRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.DecorationRole,
            Qt.ItemDataRole.ForegroundRole,
            READ_ROLE,
            BOOKMARK_ROLE,
            COPIES_ROLE,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.TextAlignmentRole,
        ):
            return None
        data = self._row(row)
        if data is None:  # deleted by an import since the ids were read
            return "—" if role == Qt.ItemDataRole.DisplayRole and column == "title" else None
        read = self._overrides.get(data["id"], data["read"])
        if role == READ_ROLE:
            return read
        if role == BOOKMARK_ROLE:
            return self._marks(data)[0]
        if role == COPIES_ROLE:
            return (data["title"] or "", self.copies_of(data["id"])) if column == "title" else None
        if column == "marks":
            return self._marks_data(data, role)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = data[column] or ""
            copies = self.copies_of(data["id"]) if column == "title" else 1
            if copies > 1:  # a story saved several times: one row, saying so
                text = translate("ArticleList", "{title}  · %Ln copies", "", copies).format(
                    title=text
                )
            if role == Qt.ItemDataRole.AccessibleTextRole and column == "title" and not read:
                return translate("ArticleList", "Unread: {title}").format(title=text)
            return text
        if role == Qt.ItemDataRole.ToolTipRole:  # a tooltip sniffs for markup: escape
            return plain_tip(data["title"] or "") if column == "title" else None
        if role == Qt.ItemDataRole.FontRole:
            lang = (data["language"] or "").lower()
            return self._font(
                bold=not read and column == "title", traditional=lang.startswith("zh-hant")
            )
        if role == Qt.ItemDataRole.DecorationRole and column == "title":
            unread_icon, read_icon = self._icons()
            return read_icon if read else unread_icon
        if role == Qt.ItemDataRole.ForegroundRole and column != "title":
            palette = QGuiApplication.palette()
            return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)
        return None

    def _marks_data(self, data: dict[str, Any], role: int) -> Any:
        bookmark, highlights = self._marks(data)
        if role == Qt.ItemDataRole.DisplayRole:
            return ("★" if bookmark is not None else "") + ("✎" if highlights else "")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            parts = []
            if bookmark is not None:
                parts.append(
                    translate("ArticleList", "Bookmarked (tags: {tags})").format(
                        tags=translate("ArticleList", ", ").join(bookmark)
                    )
                    if bookmark
                    else translate("ArticleList", "Bookmarked")
                )
            if highlights:
                parts.append(translate("ArticleList", "%Ln highlight(s)", "", highlights))
            if not parts:
                return None
            said = " · ".join(parts)  # names the tags: escaped for the tooltip
            return plain_tip(said) if role == Qt.ItemDataRole.ToolTipRole else said
        if role == Qt.ItemDataRole.ForegroundRole and bookmark is not None:
            return QGuiApplication.palette().color(QPalette.ColorRole.Highlight)
        if role == Qt.ItemDataRole.ForegroundRole:
            palette = QGuiApplication.palette()
            return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The view asks; the window runs the query in the background and calls set_ids.
        if COLUMNS[column] not in SORTABLE:
            return  # the view puts its sort indicator back (ArticleListView)
        self.sort_column = COLUMNS[column]
        self.sort_descending = order == Qt.SortOrder.DescendingOrder
        self.sortRequested.emit(self.sort_column, self.sort_descending)


class TitleDelegate(QStyledItemDelegate):
    """The title cell of a story saved several times: the title elided so that its
    "· 3 copies" always shows. Elided as one text, the count went first, and a long
    title at the default width said nothing of its copies."""

    SLACK = 12  # px: the style's text margins around the icon and the text

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        found = index.data(COPIES_ROLE)
        if not found or found[1] < 2:
            return
        title, copies = found
        badge = translate("ArticleList", "  · %Ln copies", "", copies)
        metrics = option.fontMetrics
        room = option.rect.width() - option.decorationSize.width() - self.SLACK
        room -= metrics.horizontalAdvance(badge)
        option.text = metrics.elidedText(title, Qt.TextElideMode.ElideRight, max(room, 0)) + badge


class ArticleListView(QTableView):
    """j/k and arrows move, Enter opens, Space pages the article, / jumps to search."""

    openRequested = Signal(int)  # article id, opened at once (Enter, click)
    currentMoved = Signal(int)  # the person moved to another row (keys, click, wheel)
    pageArticle = Signal(int)  # +1: Space, -1: Shift+Space
    searchRequested = Signal()
    toggleReadRequested = Signal()
    navigate = Signal(int)  # mouse Back (-1) / Forward (+1) buttons
    menuRequested = Signal(int, QPoint)  # article id under the pointer, screen point
    removeRequested = Signal(list)  # ids of the selected articles (Delete, the menu action)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows at once (Shift/Ctrl+click, Shift+arrows, Ctrl+A) for the menu's
        # bookmark, mark-read and remove; j/k and a plain click still select one.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSortingEnabled(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.title_delegate = TitleDelegate(self)
        self.setItemDelegateForColumn(COLUMNS.index("title"), self.title_delegate)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTabKeyNavigation(False)
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        # Fixed row heights: the view never measures 100,000 rows.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(False)
        header.setStretchLastSection(False)
        self.clicked.connect(self._clicked)
        self.setAccessibleName(translate("ArticleList", "Articles"))
        self.quiet = False  # set while the program (not the person) moves the selection
        # For the window's context menu (it shows the Delete shortcut): ArticleRemover
        # hears removeRequested, asks, and removes.
        self.remove_action = QAction(translate("ArticleList", "Remove from Library"), self)
        self.remove_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self.remove_selected_articles)
        self.addAction(self.remove_action)

    def selected_ids(self) -> list[int]:
        """The selected articles' ids in list order (else the current one's)."""
        model = self.model()
        selection = self.selectionModel()
        rows = sorted({i.row() for i in selection.selectedRows()}) if selection else []
        ids = [int(v) for r in rows if (v := model.index(r, 0).data(ID_ROLE)) is not None]
        current = self.current_id()
        return ids or ([current] if current is not None else [])

    def selected_count(self) -> int:
        """How many rows are selected, from the selection's ranges (Ctrl+A on 100,000
        rows is one range: no index per row)."""
        selection = self.selectionModel()
        if selection is None:
            return 0
        ranges = selection.selection()
        return sum(ranges.at(i).height() for i in range(ranges.count()))

    def remove_selected_articles(self) -> None:
        """Ask to remove the selected articles from the library (removeRequested)."""
        ids = self.selected_ids()
        if ids:
            self.removeRequested.emit(ids)

    def focusInEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        # Qt makes the first row current when a list without one gets the focus; that
        # must not open (and mark read) an article nobody chose.
        quiet, self.quiet = self.quiet, True
        try:
            super().focusInEvent(event)
        finally:
            self.quiet = quiet

    def currentChanged(self, current: _Index, previous: _Index) -> None:  # noqa: N802
        super().currentChanged(current, previous)
        if not self.quiet and current.isValid() and current.row() != previous.row():
            value = current.data(ID_ROLE)
            if value is not None:
                self.currentMoved.emit(int(value))

    def setModel(self, model: Any) -> None:  # noqa: N802 - Qt's name
        super().setModel(model)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MARKS_COLUMN, QHeaderView.ResizeMode.Fixed)
        metrics = self.fontMetrics()
        header.resizeSection(1, metrics.horizontalAdvance("2026-06-30") + 24)
        header.resizeSection(2, metrics.horizontalAdvance("跨境电商资讯跨境") + 24)
        header.resizeSection(MARKS_COLUMN, metrics.horizontalAdvance("★✎") + 16)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)

    def _sort_indicator_changed(self, section: int, _order: Qt.SortOrder) -> None:
        # The marks column does not sort: put the indicator back where the list is.
        model = self.model()
        if isinstance(model, ArticleListModel) and COLUMNS[section] not in SORTABLE:
            header = self.horizontalHeader()
            order = (
                Qt.SortOrder.DescendingOrder
                if model.sort_descending
                else Qt.SortOrder.AscendingOrder
            )
            header.blockSignals(True)
            header.setSortIndicator(COLUMNS.index(model.sort_column), order)
            header.blockSignals(False)

    def current_id(self) -> int | None:
        index = self.currentIndex()
        value = index.data(ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def select_row(self, row: int, *, scroll: bool = True, quiet: bool = False) -> None:
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return
        was, self.quiet = self.quiet, self.quiet or quiet
        try:
            self.setCurrentIndex(model.index(row, 0))
        finally:
            self.quiet = was
        if scroll:
            self.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.EnsureVisible)

    def step_by(self, step: int) -> None:
        model = self.model()
        if model is None or model.rowCount() == 0:
            return
        row = self.currentIndex().row()
        row = 0 if row < 0 else max(0, min(model.rowCount() - 1, row + step))
        self.select_row(row)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() in (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton):
            self.navigate.emit(-1 if event.button() == Qt.MouseButton.BackButton else 1)
            return
        super().mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt's name
        index = self.indexAt(event.pos())
        value = index.data(ID_ROLE) if index.isValid() else None
        if value is not None:
            selection = self.selectionModel()
            if selection is not None and selection.isRowSelected(index.row(), QModelIndex()):
                # within a selection of several: keep it, the menu acts on all of them
                selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)
            else:
                self.select_row(index.row(), scroll=False)
            self.menuRequested.emit(int(value), event.globalPos())

    def _clicked(self, index: QModelIndex) -> None:
        value = index.data(ID_ROLE)
        if value is not None:
            self.openRequested.emit(int(value))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = mods == Qt.KeyboardModifier.NoModifier
        if plain and key == Qt.Key.Key_J:
            self.step_by(1)
        elif plain and key == Qt.Key.Key_K:
            self.step_by(-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            article_id = self.current_id()
            if article_id is not None:
                self.openRequested.emit(article_id)
        elif key == Qt.Key.Key_Space and plain:
            self.pageArticle.emit(1)
        elif key == Qt.Key.Key_Space and mods == Qt.KeyboardModifier.ShiftModifier:
            self.pageArticle.emit(-1)
        elif key == Qt.Key.Key_Slash and plain:
            self.searchRequested.emit()
        elif key == Qt.Key.Key_M and plain:
            self.toggleReadRequested.emit()
        elif key == Qt.Key.Key_Delete and plain:  # when the shortcut did not take it
            self.remove_selected_articles()
        else:
            super().keyPressEvent(event)


def _library(data_dir: Path) -> Library:
    """Loaded in the remover's thread, on first use: the window's start does not need
    the library's workflow (nor the annotation store it imports)."""
    from reader.library import Library

    return Library(data_dir)


class ArticleRemover(QObject):
    """ "Remove from Library" for the list's selected articles: asks (the files stay on
    disk), then runs ``Library.remove_articles`` in a thread of its own (it waits for a
    running import's writer lock, then updates the index), never in the GUI's; when it
    is done, ``on_removed`` (the window's list reload) runs and ``removed`` is emitted.

    A removal the person asked for also emits ``undoable`` with what it did: the window
    makes it an Edit › Undo step, whose undo is ``restore`` (the files imported again,
    highlights re-attached, read state back) and whose redo is ``remove_paths``."""

    removed = Signal(list)  # the ids that left the library
    undoable = Signal(object)  # RemoveResult of a removal the person asked for
    restored = Signal(object)  # RestoreResult: articles back in the library
    failed = Signal(str)  # why the removal failed, in words

    def __init__(
        self,
        view: ArticleListView,
        data_dir: Path,
        on_removed: Callable[[], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or view)
        self._view = view
        self._on_removed = on_removed
        self.last_box: QMessageBox | None = None  # the latest question, for tests
        self._thread: TaskThread[Library] = TaskThread("remove", lambda: _library(data_dir))
        view.removeRequested.connect(self.remove)

    def _titles(self, ids: list[int]) -> list[str]:
        model = self._view.model()
        if not isinstance(model, ArticleListModel):
            return []
        titles = []
        for article_id in ids[:1]:
            row = model.row_of(article_id)
            if row is not None:
                titles.append(str(model.index(row, 0).data() or ""))
        return titles

    def confirm(self, ids: list[int]) -> bool:
        """Ask before removing; true when the person said Remove."""
        titles = self._titles(ids)
        box = QMessageBox(self._view.window())
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(translate("ArticleList", "Remove from Library"))
        n = len(ids)  # a plain name: lupdate skips a call with an expression
        box.setText(
            translate("ArticleList", "Remove “{title}” from the library?").format(title=titles[0])
            if n == 1 and titles
            else translate("ArticleList", "Remove %Ln article(s) from the library?", "", n)
        )
        box.setInformativeText(
            translate(
                "ArticleList",
                "The files stay on disk: only the library forgets them, and re-scans of the "
                "folder skip them. Highlights, notes and bookmarks are kept.",
            )
        )
        remove = box.addButton(
            translate("ArticleList", "Remove"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.last_box = box
        box.exec()
        return box.clickedButton() is remove

    def remove(self, ids: list[int]) -> None:
        """Confirm, then remove *ids* in the background."""
        if not ids or not self.confirm(list(ids)):
            return
        chosen = list(ids)
        self._thread.submit(
            lambda library: library.remove_articles(chosen),
            on_done=lambda result: self._done(result, asked=True),
            on_error=self._failed,
        )

    def remove_paths(self, paths: list[str]) -> None:
        """Remove the articles imported from *paths* again, without asking (Edit ›
        Redo of a removal: restoring gave them new ids)."""
        chosen = list(paths)
        self._thread.submit(
            lambda library: library.remove_articles(library.ids_at_paths(chosen)),
            on_done=lambda result: self._done(result, asked=False),
            on_error=self._failed,
        )

    def restore(self, paths: list[str], read: list[str]) -> None:
        """Put removed articles back (Edit › Undo of a removal), in the thread."""
        chosen, was_read = list(paths), list(read)
        self._thread.submit(
            lambda library: library.restore_articles(chosen, read=was_read),
            on_done=self._restored,
            on_error=self._restore_failed,
        )

    def _failed(self, exc: BaseException) -> None:
        from reader.ui.error_text import error_text

        self.failed.emit(
            translate("ArticleList", "The articles could not be removed: {error}").format(
                error=error_text(exc)
            )
        )

    def _restore_failed(self, exc: BaseException) -> None:
        from reader.ui.error_text import error_text

        self.failed.emit(
            translate("ArticleList", "The articles could not be put back: {error}").format(
                error=error_text(exc)
            )
        )

    def _done(self, result: RemoveResult, *, asked: bool) -> None:
        if self._on_removed is not None:
            self._on_removed()
        self.removed.emit(list(result.ids))
        if asked and result.ids:
            self.undoable.emit(result)

    def _restored(self, result: RestoreResult) -> None:
        if self._on_removed is not None:
            self._on_removed()
        self.restored.emit(result)

    def wait_idle(self, timeout: float = 20.0) -> bool:
        return self._thread.wait_idle(timeout)

    def stop(self) -> None:
        self._thread.stop()
