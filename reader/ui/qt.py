"""Every Qt name the app uses, imported in one place (PySide6).

Keeping the binding behind this module means a switch (PyQt6, a newer PySide) touches one
file, and a grep for "PySide6" outside it finds a layering mistake.
"""

from __future__ import annotations

import sys


def _keep_none_alive() -> None:
    """Work around PySide6 6.12 on Python 3.11: its wrappers of C++ ``void`` methods
    (``QPainter.save``, ``QWidget.update``, ``QStyle.drawPrimitive``...) return ``None``
    without taking a reference. From Python 3.12 on, None is immortal and that is
    harmless; on 3.11 every such call drops None's reference count by one, and after a few
    thousand calls the interpreter aborts ("Fatal Python error: none_dealloc"): the window
    died mid-benchmark, and a plain loop of QPainter.save/restore reproduces it. Giving
    None a reference count no process can use up makes it as immortal as 3.12 does.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < 1 << 40:
        refcount.value += 1 << 40


_keep_none_alive()

from PySide6.QtCore import (  # noqa: E402 - after the work-around above
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QEvent,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSettings,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import (  # noqa: E402
    QAction,
    QActionGroup,
    QBrush,
    QCloseEvent,
    QColor,
    QContextMenuEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QFontDatabase,
    QFontMetrics,
    QGuiApplication,
    QHelpEvent,
    QIcon,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPalette,
    QPixmap,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextLayout,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleFactory,
    QStyleOptionViewItem,
    QTableView,
    QTextBrowser,
    QTextEdit,
    QToolBar,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

__all__ = [
    "QAbstractItemView",
    "QAbstractListModel",
    "QAbstractTableModel",
    "QAction",
    "QActionGroup",
    "QApplication",
    "QBrush",
    "QByteArray",
    "QCloseEvent",
    "QColor",
    "QComboBox",
    "QCompleter",
    "QContextMenuEvent",
    "QDesktopServices",
    "QDialog",
    "QDialogButtonBox",
    "QDockWidget",
    "QDragEnterEvent",
    "QDropEvent",
    "QEvent",
    "QFileDialog",
    "QFont",
    "QFontDatabase",
    "QFontMetrics",
    "QGuiApplication",
    "QHBoxLayout",
    "QHeaderView",
    "QHelpEvent",
    "QIcon",
    "QInputMethodEvent",
    "QKeyEvent",
    "QKeySequence",
    "QLabel",
    "QLineEdit",
    "QListView",
    "QMainWindow",
    "QMenu",
    "QMessageBox",
    "QMimeData",
    "QModelIndex",
    "QMouseEvent",
    "QObject",
    "QPainter",
    "QPalette",
    "QPersistentModelIndex",
    "QPixmap",
    "QPlainTextEdit",
    "QPoint",
    "QPointF",
    "QProgressBar",
    "QPushButton",
    "QRect",
    "QRectF",
    "QResizeEvent",
    "QSettings",
    "QSize",
    "QSizePolicy",
    "QSplitter",
    "QStackedWidget",
    "QStyle",
    "QStyledItemDelegate",
    "QStyleFactory",
    "QStyleOptionViewItem",
    "Qt",
    "QTableView",
    "QTextBrowser",
    "QTextCharFormat",
    "QTextCursor",
    "QTextDocument",
    "QTextEdit",
    "QTextLayout",
    "QTimer",
    "QToolBar",
    "QToolButton",
    "QToolTip",
    "QUndoCommand",
    "QUndoStack",
    "QUrl",
    "QVBoxLayout",
    "QWidget",
    "Signal",
    "Slot",
]
