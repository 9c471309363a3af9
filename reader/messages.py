"""The core's messages for a person, as templates the window can translate.

The core never loads Qt and its messages travel as English text: out of the job and
search processes, through the command line, into logs. So that a Chinese window does
not show them in English, every message (and every fragment a message is made of) that
can reach the window is a template here, filled with ``str.format`` where it is raised;
the window (``reader.ui.window.error_text``) recognises a message by its template,
translates the template and, recursively, the fragments in its fields. A message it does
not recognise is shown as written: an unlisted one is untranslated, never lost.

``tests/test_error_text.py`` checks that the window's table holds every template listed
in ``TEMPLATES``. The English text is what the command line prints and the tests read:
changing a template changes that output.

A field is ``{name}``; the window fills a translation by putting each field's text back,
so fields hold text (a path, a number already formatted, the system's words for an error)
or another template's sentence (a fragment, translated in turn).
"""

from __future__ import annotations

# -- a full disk, a read-only library, a failing disk (reader.errors, catalogue.storage) --
NO_SPACE = (
    "no space left on {where}: {stopped}, and {kept}. Free some space on that disk, then {then}."
)
WHERE_DISK_OF = "the disk that holds {path}"
WHERE_LIBRARY_DISK = "the library's disk"
CHANGE_NOT_SAVED = "the change was not saved"
NOTHING_SAVED_LOST = "nothing saved before was lost"
TRY_AGAIN = "try again"
NOTHING_LOST = "nothing was lost"
READ_ONLY = (
    "the library at {folder} is read-only: {cannot}. Reading, listing and searching it still work."
)
READ_ONLY_WHY = (
    "the library at {folder} is read-only ({why}): {cannot}. Reading, listing and "
    "searching it still work."
)
CANNOT_SAVE_CHANGE = "this change cannot be saved"
WHY_READ_ONLY_FS = "read-only file system"
WHY_NO_PERMISSION = "no permission to write there"
WHY_NO_SPACE = "no space left on its disk"
WHY_NOT_WRITABLE = "it cannot be written"
CANNOT_BE_USED = "{name} cannot be used ({why})."
DISK_FAILING = (
    "{what} could not be read or written (input/output error): the disk may be failing or "
    "was disconnected. Check it, then try again."
)
THE_LIBRARY = "the library"
CATALOGUE_FAILING = (
    "the catalogue {path} could not be read or written ({error}): the disk may be failing "
    "or was disconnected. Nothing was changed; check the disk, then try again."
)
LIBRARY_BUSY = (
    "the library at {folder} is busy: another Archive Reader process kept it locked for "
    "too long. Try again when it has finished."
)
DAMAGED = (
    "the catalogue {path} cannot be opened: it is damaged ({detail}). Besides the articles "
    "it holds your bookmarks, highlights, notes and reading state, so do not delete it: "
    "move it aside, import the archive again to rebuild the library, and {restore}."
)
RESTORE_FROM = (
    "then restore bookmarks, highlights and notes with 'reader annotations import "
    "{backup}' (the newest backup in {folder})"
)
NO_BACKUP = (
    "there is no backup of bookmarks and notes in {folder}, so keep the moved file: what "
    "it holds may still be recoverable"
)
UNREAD_CHANGES = (
    "the library was not closed cleanly and its latest changes, in {wal}, cannot be read "
    "here ({why}), so they may be missing from what is shown. They are not lost: open the "
    "library once where it is writable and has free space to see them."
)

# -- opening a library read-only (the window's start-up note) ----------------------------
READ_ONLY_CANNOT = (
    "its folders are not re-scanned, and reading state, bookmarks and highlights cannot be saved"
)
OPEN_AGAIN_LIBRARY = "open the library again"
NOTE = "Note: {note}"

# -- the catalogue's file and its upgrade (catalogue.connection) -------------------------
CANNOT_OPEN = "The catalogue {path} cannot be opened ({error})."
NEWER_VERSION = "The catalogue {path} was written by a newer version of this app."
UPGRADE_CANCELLED = "The upgrade of {path} was cancelled."
UPGRADE_NEEDS_SPACE = "it must first be upgraded for this version of the app, which needs space"
UPGRADE_WRITES = "it must first be upgraded for this version of the app, which writes to it"
OPEN_AGAIN = "open it again"
NO_DATABASE = "There is no database at {path}."

# -- locks (reader.locks, search.sync) ---------------------------------------------------
LOCK_FOLDER_READ_ONLY = (
    "The library folder {folder} is read-only ({why}); nothing can be changed in it."
)
LIBRARY_IN_USE = "Another Archive Reader process is using this library."
IMPORT_RUNNING = "Another import is running on this library; try again when it has finished."
INDEXING_ELSEWHERE = (
    "Another Archive Reader process is indexing this library; search works meanwhile and "
    "indexing resumes later."
)
WAIT_CANCELLED = "Cancelled while waiting for another process."

# -- the search index and the search process ---------------------------------------------
INDEX_MISSING_READ_ONLY = (
    "The search index of this library is missing, and it cannot be rebuilt on a read-only library."
)
INDEX_DAMAGED_READ_ONLY = (
    "The search index of this library is damaged ({reason}), and it cannot be rebuilt on "
    "a read-only library."
)
INDEX_REBUILD_BUSY = (
    "The search index must be rebuilt, but another Archive Reader process is writing it; "
    "try again when it has finished."
)
INDEX_KEEPS_FAILING = (
    "The search index keeps failing its checks; the disk that holds {folder} may be failing."
)
INDEX_WRITE_BUSY = (
    "The search index is being written by another Archive Reader process; try again when "
    "it has finished."
)
SEARCH_PROCESS_STOPPED = (
    "The search process stopped unexpectedly; it starts again with the next search."
)
SOMETHING_WRONG = "Something went wrong ({kind}: {error})."

# -- importing: a path that cannot be imported, a file skipped (importer, parse) ---------
NO_SUCH_PATH = "{path}: no such file or folder"
PATH_PERMISSION_DENIED = "{path}: permission denied"
SKIPPED_FILE = "{path}: {reason}"
SKIPPED_MORE_LINES = "… and {n} more"
TOO_SLOW = "took longer than {seconds} s to read and parse; skipped"
PARSER_DIED = "the process parsing it ended ({detail}); skipped"
NOT_PARSED = "could not be parsed ({detail})"
DISAPPEARED = "the file disappeared while importing"
CANNOT_READ = "cannot be read: {why}"
FOLDER_CANNOT_READ = "folder cannot be read: {why}"
LINK_OUTSIDE = "symbolic link to {target}, outside the folders being imported: not followed"
BROKEN_LINK = "broken symbolic link (its target does not exist)"
LINK_LOOP = "symbolic link loop"
NOT_REGULAR = "not a regular file"
SPECIAL_FILE = "{kind}, not a regular file"
KIND_FIFO = "a named pipe (FIFO)"
KIND_SOCKET = "a socket"
KIND_CHAR_DEVICE = "a character device"
KIND_BLOCK_DEVICE = "a block device"
KIND_SPECIAL = "a special file"
IS_FOLDER = "is a folder, not a file"
FILE_PERMISSION_DENIED = "permission denied: the file cannot be read"
README_FILE = "a README/LICENSE file, not an article"
EMPTY_FILE = "the file is empty"
BINARY_FILE = "binary data, not text or HTML"
UNDECODABLE = "cannot be decoded as text (tried {encoding})"
DATE_ONLY = "the file holds a date but no title or text"
NO_TITLE_OR_TEXT = "no title or text found"
EMPTY_HTML = "This HTML file is empty: there is no article text in it."
FILE_CUT = "file is {size}; only the first {read} were read"
NO_ARTICLE_TEXT = "This HTML page has no article text (only markup, scripts or navigation)."
SAME_NAME = (
    "its name, as shown, is the same name as another file in the library (one of them is "
    "not UTF-8); skipped: rename one of them"
)
NOT_STORED = "could not be stored in the library ({kind}: {error}); skipped"

# -- bookmarks, tags, backups ------------------------------------------------------------
TAG_NOT_TEXT = "A tag is text, not {tag}."
TAG_EMPTY = "A tag cannot be empty."
TAG_SEPARATOR = "A tag cannot contain , ; ， 、 or ； ({tag})."
BACKUP_NOT_WRITTEN = "the backup of bookmarks and notes was not written"
SAVED_IN_LIBRARY = "they are saved in the library itself"
BACKUP_NO_SPACE = (
    "no space left for the automatic backup in {folder}; the change itself is saved in "
    "the library. Free some space: the next change (or 'reader annotations backup') "
    "writes the backup."
)
BACKUP_FAILED = (
    "the automatic backup in {folder} could not be written ({why}); the change itself is "
    "saved in the library."
)

# -- annotation files (annotations.export: the window's Import Annotations…) -------------
NOT_W3C = "This file is not a W3C annotation file (no annotations in it)."
NOT_W3C_FIRST = (
    'This file is not a W3C annotation file ("first" is {value}, not an annotation page).'
)
NOT_W3C_ITEMS = (
    'This file is not a W3C annotation file (a page\'s "items" is {value}, not a list of '
    "annotations)."
)
NOT_JSON = "This file is not JSON ({error}, line {line})."
JSON_TOO_DEEP = "This file is not an annotation file: its JSON is nested too deeply to read."
JSON_UNUSABLE = "This file is not usable JSON ({error})."
NO_SUCH_FILE = "{path}: no such file"
FILE_UNREADABLE = "{path} cannot be read ({why})."
FILE_TOO_BIG = "{path} is over {mb} MB: too big to be an annotation file; nothing was imported."
NOT_UTF8 = (
    "{path} is not UTF-8 text (byte 0x{byte} at offset {offset}); annotation files are "
    "JSON-LD in UTF-8."
)
NO_ANNOTATIONS_READ = "{path}: no annotations could be read ({first})."
NO_ANNOTATIONS_READ_MORE = "{path}: no annotations could be read ({first}; {n} more skipped)."
NO_ARTICLE = "No article with id {id}. 'reader list' shows the ids."
NO_ANNOTATION = "No annotation with id {id}."

TEMPLATES: tuple[str, ...] = tuple(
    value for name, value in sorted(globals().items()) if name.isupper() and isinstance(value, str)
)
"""Every template above (the window's table must hold each one)."""
