<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <source>Read and search your own offline archive of saved news articles. Nothing is fetched from the network.</source>
        <translation>閱讀和搜尋您自己儲存的離線新聞文章典藏。不會從網路取得任何內容。</translation>
    </message>
    <message>
        <source>Library data (catalogue, index, highlights, backups):</source>
        <translation>資料庫資料（目錄、索引、標示、備份）：</translation>
    </message>
    <message>
        <source>Settings:</source>
        <translation>設定：</translation>
    </message>
    <message>
        <source>Archive Reader {version}</source>
        <translation>典藏閱讀器 {version}</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>Ti&amp;meline</source>
        <translation>時間軸(&amp;M)</translation>
    </message>
    <message>
        <source>Show the articles by month above the list</source>
        <translation>在清單上方按月顯示文章數</translation>
    </message>
    <message>
        <source>★ Bookmarked</source>
        <translation>★ 已加書籤</translation>
    </message>
    <message>
        <source>☆ Bookmark</source>
        <translation>☆ 書籤</translation>
    </message>
    <message>
        <source>Bookmark this article (Ctrl+D)</source>
        <translation>為這篇文章加書籤（Ctrl+D）</translation>
    </message>
    <message>
        <source>&amp;Add Archive Folder…</source>
        <translation>新增典藏資料夾(&amp;A)…</translation>
    </message>
    <message>
        <source>Import a folder of saved articles (it is only read, never changed)</source>
        <translation>匯入一個儲存文章的資料夾（只讀取，絕不修改）</translation>
    </message>
    <message>
        <source>&amp;Re-scan Folders</source>
        <translation>重新掃描資料夾(&amp;R)</translation>
    </message>
    <message>
        <source>Look for new or changed files in the added folders</source>
        <translation>在已新增的資料夾中尋找新增或變更的檔案</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Search the Archive</source>
        <translation>搜尋典藏(&amp;S)</translation>
    </message>
    <message>
        <source>F&amp;ilter the List</source>
        <translation>篩選清單(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Find in Article…</source>
        <translation>在文章中尋找(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Mark as Read/Unread</source>
        <translation>標為已讀/未讀(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Copy Link to Original</source>
        <translation>複製原文連結(&amp;C)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>縮小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>實際大小(&amp;A)</translation>
    </message>
    <message>
        <source>Show &amp;Unread Only</source>
        <translation>只顯示未讀(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>後退(&amp;B)</translation>
    </message>
    <message>
        <source>Back to the previous article (Alt+Left)</source>
        <translation>回到上一篇文章（Alt+Left）</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>前進(&amp;F)</translation>
    </message>
    <message>
        <source>Forward again (Alt+Right)</source>
        <translation>再次前進（Alt+Right）</translation>
    </message>
    <message>
        <source>&amp;Next Article</source>
        <translation>下一篇文章(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Article</source>
        <translation>上一篇文章(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>復原(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Bookmark This Article</source>
        <translation>為這篇文章加書籤(&amp;B)</translation>
    </message>
    <message>
        <source>Edit Bookmark &amp;Tags…</source>
        <translation>編輯書籤標籤(&amp;T)…</translation>
    </message>
    <message>
        <source>Tags for this article&apos;s bookmark, comma separated</source>
        <translation>這篇文章書籤的標籤，用逗號分隔</translation>
    </message>
    <message>
        <source>&amp;Bookmarks Only</source>
        <translation>只顯示書籤(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Highlight</source>
        <translation>標示(&amp;H)</translation>
    </message>
    <message>
        <source>Highlight the selected passage</source>
        <translation>標示所選段落</translation>
    </message>
    <message>
        <source>Add &amp;Note…</source>
        <translation>新增筆記(&amp;N)…</translation>
    </message>
    <message>
        <source>A note on the selected passage</source>
        <translation>為所選段落新增筆記</translation>
    </message>
    <message>
        <source>&amp;Highlights in This Article</source>
        <translation>本文的標示(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;All Highlights</source>
        <translation>全部標示(&amp;A)</translation>
    </message>
    <message>
        <source>This Article&apos;s Highlights as Markdown…</source>
        <translation>本文的標示，匯出為 Markdown…</translation>
    </message>
    <message>
        <source>This Article&apos;s Highlights as W3C JSON-LD…</source>
        <translation>本文的標示，匯出為 W3C JSON-LD…</translation>
    </message>
    <message>
        <source>All Highlights as Markdown…</source>
        <translation>全部標示，匯出為 Markdown…</translation>
    </message>
    <message>
        <source>All Highlights as W3C JSON-LD…</source>
        <translation>全部標示，匯出為 W3C JSON-LD…</translation>
    </message>
    <message>
        <source>&amp;Import Highlights…</source>
        <translation>匯入標示(&amp;I)…</translation>
    </message>
    <message>
        <source>Merge highlights and bookmarks from a W3C JSON-LD file (never duplicates)</source>
        <translation>從 W3C JSON-LD 檔案合併標示和書籤（不會重複）</translation>
    </message>
    <message>
        <source>&amp;Back Up Now</source>
        <translation>立即備份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Open Backups Folder</source>
        <translation>開啟備份資料夾(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Restore from a Backup…</source>
        <translation>從備份還原(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Manage Tags…</source>
        <translation>管理標籤(&amp;M)…</translation>
    </message>
    <message>
        <source>Rename or delete a tag everywhere</source>
        <translation>在所有地方重新命名或刪除標籤</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>偏好設定(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Full Screen Reading</source>
        <translation>全螢幕閱讀(&amp;F)</translation>
    </message>
    <message>
        <source>Only the article (F11 again)</source>
        <translation>只顯示文章（再按 F11 返回）</translation>
    </message>
    <message>
        <source>&amp;Print Article…</source>
        <translation>列印文章(&amp;P)…</translation>
    </message>
    <message>
        <source>as &amp;Markdown (with highlights and notes)…</source>
        <translation>Markdown 格式（含標示和筆記）(&amp;M)…</translation>
    </message>
    <message>
        <source>as &amp;HTML (with highlights and notes)…</source>
        <translation>HTML 格式（含標示和筆記）(&amp;H)…</translation>
    </message>
    <message>
        <source>as &amp;PDF…</source>
        <translation>PDF 格式(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>鍵盤快捷鍵(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Search Syntax</source>
        <translation>搜尋語法(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;About Archive Reader</source>
        <translation>關於典藏閱讀器(&amp;A)</translation>
    </message>
    <message>
        <source>Follow &amp;System</source>
        <translation>依照系統(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>淺色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;System Language</source>
        <translation>系統語言(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>Export &amp;Article</source>
        <translation>匯出文章(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Export Highlights</source>
        <translation>匯出標示(&amp;E)</translation>
    </message>
    <message>
        <source>Highlight &amp;Backups</source>
        <translation>標示備份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <source>Highlight in &amp;Color</source>
        <translation>用顏色標示(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主題(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>語言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>前往(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>主工具列</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 後退</translation>
    </message>
    <message>
        <source>Forward ▶</source>
        <translation>前進 ▶</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>新增資料夾…</translation>
    </message>
</context>
<context>
    <name>Annotations</name>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown（*.md）</translation>
    </message>
    <message>
        <source>W3C Web Annotation JSON-LD (*.jsonld *.json)</source>
        <translation>W3C 網頁註解 JSON-LD（*.jsonld *.json）</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>標示</translation>
    </message>
    <message>
        <source>All Highlights</source>
        <translation>全部標示</translation>
    </message>
    <message>
        <source>Highlights and Bookmarks</source>
        <translation>標示和書籤</translation>
    </message>
    <message>
        <source>The highlights could not be read: {error}</source>
        <translation>無法讀取標示：{error}</translation>
    </message>
    <message>
        <source>this article</source>
        <translation>這篇文章</translation>
    </message>
    <message>
        <source>Open an article first.</source>
        <translation>請先開啟一篇文章。</translation>
    </message>
    <message>
        <source>Bookmarked (tags: {tags}): click to remove (Ctrl+D)</source>
        <translation>已加書籤（標籤：{tags}）：點選移除（Ctrl+D）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Bookmarked: click to remove (Ctrl+D)</source>
        <translation>已加書籤：點選移除（Ctrl+D）</translation>
    </message>
    <message>
        <source>Already bookmarked.</source>
        <translation>已經加過書籤。</translation>
    </message>
    <message>
        <source>None of them was bookmarked.</source>
        <translation>它們都沒有書籤。</translation>
    </message>
    <message>
        <source>Bookmark %Ln Article(s)</source>
        <translation>為 %Ln 篇文章加書籤</translation>
    </message>
    <message>
        <source>Remove %Ln Bookmark(s)</source>
        <translation>移除 %Ln 個書籤</translation>
    </message>
    <message>
        <source>Bookmarked %Ln article(s). Ctrl+Z undoes it.</source>
        <translation>已為 %Ln 篇文章加書籤。Ctrl+Z 可復原。</translation>
    </message>
    <message>
        <source>Removed %Ln bookmark(s). Ctrl+Z undoes it.</source>
        <translation>已移除 %Ln 個書籤。Ctrl+Z 可復原。</translation>
    </message>
    <message>
        <source>Bookmark removed from “{title}” (Ctrl+Z puts it back).</source>
        <translation>已移除「{title}」的書籤（Ctrl+Z 可還原）。</translation>
    </message>
    <message>
        <source>Bookmarked “{title}”. Ctrl+Shift+D adds tags; the ★ Bookmarks button above the list shows them all.</source>
        <translation>已為「{title}」加書籤。Ctrl+Shift+D 新增標籤；清單上方的「★ 書籤」按鈕顯示全部書籤。</translation>
    </message>
    <message>
        <source>Tags: {tags}.</source>
        <translation>標籤：{tags}。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>無</translation>
    </message>
    <message>
        <source>Select a passage of the article&apos;s text first, then highlight it (Ctrl+Shift+H) or add a note (Ctrl+Shift+N).</source>
        <translation>請先選取文章中的一段文字，再標示（Ctrl+Shift+H）或新增筆記（Ctrl+Shift+N）。</translation>
    </message>
    <message>
        <source>Note added. Hover over it to see the note; right-click it to edit, recolor or delete; Ctrl+Z undoes.</source>
        <translation>已新增筆記。滑鼠懸停可檢視筆記；右鍵可編輯、改色或刪除；Ctrl+Z 可復原。</translation>
    </message>
    <message>
        <source>Highlighted. Right-click it to add a note, recolor or delete; Ctrl+Z undoes.</source>
        <translation>已標示。右鍵可新增筆記、改色或刪除；Ctrl+Z 可復原。</translation>
    </message>
    <message>
        <source>That highlight is no longer there.</source>
        <translation>該標示已不存在。</translation>
    </message>
    <message>
        <source>Highlight deleted. Edit › Undo (Ctrl+Z) brings it back.</source>
        <translation>標示已刪除。編輯 › 復原（Ctrl+Z）可還原。</translation>
    </message>
    <message>
        <source>This passage is no longer in the article&apos;s text (it changed); the highlight is kept with its quote: “{quote}”</source>
        <translation>這段文字已不在文章中（文章已變更）；標示連同引文保留：「{quote}」</translation>
    </message>
    <message>
        <source>That article is not in the library at the moment (its file is gone); the highlight is kept and comes back with the file.</source>
        <translation>該文章目前不在資料庫中（其檔案已不存在）；標示會保留，檔案回來後隨之還原。</translation>
    </message>
    <message>
        <source>Edit Note…</source>
        <translation>編輯筆記…</translation>
    </message>
    <message>
        <source>Add Note to Highlight…</source>
        <translation>為標示新增筆記…</translation>
    </message>
    <message>
        <source>Delete Highlight</source>
        <translation>刪除標示</translation>
    </message>
    <message>
        <source>Color</source>
        <translation>顏色</translation>
    </message>
    <message>
        <source>Highlight in Color</source>
        <translation>用顏色標示</translation>
    </message>
    <message>
        <source>Show in the Article</source>
        <translation>在文章中顯示</translation>
    </message>
    <message>
        <source>Copy Quote</source>
        <translation>複製引文</translation>
    </message>
    <message>
        <source>Remove Bookmark</source>
        <translation>移除書籤</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>加書籤</translation>
    </message>
    <message>
        <source>Edit Bookmark Tags…</source>
        <translation>編輯書籤標籤…</translation>
    </message>
    <message>
        <source>Mark as Unread</source>
        <translation>標為未讀</translation>
    </message>
    <message>
        <source>Mark as Read</source>
        <translation>標為已讀</translation>
    </message>
    <message>
        <source>Mark %Ln as Read</source>
        <translation>將 %Ln 篇標為已讀</translation>
    </message>
    <message>
        <source>Mark %Ln as Unread</source>
        <translation>將 %Ln 篇標為未讀</translation>
    </message>
    <message>
        <source>Remove %Ln from Library…</source>
        <translation>從資料庫移除 %Ln 篇…</translation>
    </message>
    <message>
        <source>Open an article to export its highlights.</source>
        <translation>請開啟一篇文章以匯出其標示。</translation>
    </message>
    <message>
        <source>highlights</source>
        <translation>標示</translation>
    </message>
    <message>
        <source>Export Highlights</source>
        <translation>匯出標示</translation>
    </message>
    <message>
        <source>%Ln highlight(s)</source>
        <translation>%Ln 處標示</translation>
    </message>
    <message>
        <source>Exported {highlights} and {bookmarks} to {path}</source>
        <translation>已將 {highlights}和 {bookmarks}匯出到 {path}</translation>
    </message>
    <message>
        <source>Exported {highlights} to {path}</source>
        <translation>已將 {highlights}匯出到 {path}</translation>
    </message>
    <message>
        <source>%Ln bookmark(s)</source>
        <translation>%Ln 個書籤</translation>
    </message>
    <message>
        <source>Import Highlights</source>
        <translation>匯入標示</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有檔案（*）</translation>
    </message>
    <message>
        <source>Restore from Backup</source>
        <translation>從備份還原</translation>
    </message>
    <message>
        <source>Backups (*.jsonld)</source>
        <translation>備份（*.jsonld）</translation>
    </message>
    <message>
        <source>The backups are in {folder}</source>
        <translation>備份位於 {folder}</translation>
    </message>
    <message>
        <source>Backup written: {path}</source>
        <translation>備份已寫入：{path}</translation>
    </message>
    <message>
        <source>Nothing changed since the last backup.</source>
        <translation>自上次備份以來沒有變更。</translation>
    </message>
    <message>
        <source>{path} could not be written ({reason}).</source>
        <translation>無法寫入 {path}（{reason}）。</translation>
    </message>
    <message>
        <source>That highlight is no longer there (deleted meanwhile).</source>
        <translation>該標示已不存在（期間已被刪除）。</translation>
    </message>
</context>
<context>
    <name>ArticleList</name>
    <message>
        <source>{title}  · %Ln copies</source>
        <translation>{title}  · %Ln 份副本</translation>
    </message>
    <message>
        <source>  · %Ln copies</source>
        <translation>  · %Ln 份副本</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>網站</translation>
    </message>
    <message>
        <source>Unread: {title}</source>
        <translation>未讀：{title}</translation>
    </message>
    <message>
        <source>Bookmarked (tags: {tags})</source>
        <translation>已加書籤（標籤：{tags}）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Bookmarked</source>
        <translation>已加書籤</translation>
    </message>
    <message>
        <source>%Ln highlight(s)</source>
        <translation>%Ln 處標示</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Remove from Library</source>
        <translation>從資料庫移除</translation>
    </message>
    <message>
        <source>Remove “{title}” from the library?</source>
        <translation>從資料庫移除「{title}」？</translation>
    </message>
    <message>
        <source>Remove %Ln article(s) from the library?</source>
        <translation>從資料庫移除 %Ln 篇文章？</translation>
    </message>
    <message>
        <source>The files stay on disk: only the library forgets them, and re-scans of the folder skip them. Highlights, notes and bookmarks are kept.</source>
        <translation>檔案仍保留在磁碟上：只是資料庫不再收錄，重新掃描資料夾時也會跳過它們。標示、筆記和書籤都會保留。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>The articles could not be removed: {error}</source>
        <translation>無法移除這些文章：{error}</translation>
    </message>
    <message>
        <source>The articles could not be put back: {error}</source>
        <translation>無法還原這些文章：{error}</translation>
    </message>
</context>
<context>
    <name>ArticlePage</name>
    <message>
        <source>Other copies of this story</source>
        <translation>這篇報導的其他副本</translation>
    </message>
    <message>
        <source>… and %Ln more copies.</source>
        <translation>……還有 %Ln 份副本。</translation>
    </message>
    <message>
        <source>{chars} characters, {percent} of this one</source>
        <translation>{chars} 字，為本篇的 {percent}</translation>
    </message>
    <message>
        <source>Only there: “{text}”</source>
        <translation>僅那份有：「{text}」</translation>
    </message>
    <message>
        <source>Only here: “{text}”</source>
        <translation>僅本篇有：「{text}」</translation>
    </message>
    <message>
        <source>The same text.</source>
        <translation>正文相同。</translation>
    </message>
    <message>
        <source>This article has no body text (only its title was saved).</source>
        <translation>這篇文章沒有正文（只儲存了標題）。</translation>
    </message>
    <message>
        <source>Edit tags</source>
        <translation>編輯標籤</translation>
    </message>
    <message>
        <source>Add tags</source>
        <translation>新增標籤</translation>
    </message>
    <message>
        <source>★&amp;nbsp;Bookmarked</source>
        <translation>★&amp;nbsp;已加書籤</translation>
    </message>
    <message>
        <source>the source</source>
        <translation>來源</translation>
    </message>
    <message>
        <source>Original at {site}</source>
        <translation>原文：{site}</translation>
    </message>
    <message>
        <source>Note: {warning}</source>
        <translation>注意：{warning}</translation>
    </message>
    <message>
        <source>in the archive</source>
        <translation>在典藏中</translation>
    </message>
    <message>
        <source>Related links</source>
        <translation>相關連結</translation>
    </message>
    <message>
        <source>Linked from</source>
        <translation>連結到本文的文章</translation>
    </message>
    <message>
        <source>… and %Ln more archived article(s).</source>
        <translation>……還有 %Ln 篇典藏文章。</translation>
    </message>
    <message>
        <source>Similar in the archive</source>
        <translation>典藏中的相似文章</translation>
    </message>
    <message>
        <source>Looking for similar articles…</source>
        <translation>正在尋找相似文章…</translation>
    </message>
    <message>
        <source>None found.</source>
        <translation>未找到。</translation>
    </message>
</context>
<context>
    <name>Colors</name>
    <message>
        <source>Yellow</source>
        <translation>黃色</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>綠色</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>藍色</translation>
    </message>
    <message>
        <source>Pink</source>
        <translation>粉紅色</translation>
    </message>
    <message>
        <source>Orange</source>
        <translation>橙色</translation>
    </message>
    <message>
        <source>Purple</source>
        <translation>紫色</translation>
    </message>
</context>
<context>
    <name>CoreMessages</name>
    <message>
        <source>the automatic backup in {folder} could not be written ({why}); the change itself is saved in the library.</source>
        <translation>無法在 {folder} 中寫入自動備份（{why}）；更改本身已儲存在資料庫中。</translation>
    </message>
    <message>
        <source>the backup of bookmarks and notes was not written</source>
        <translation>書籤和筆記的備份未寫入</translation>
    </message>
    <message>
        <source>no space left for the automatic backup in {folder}; the change itself is saved in the library. Free some space: the next change (or &apos;reader annotations backup&apos;) writes the backup.</source>
        <translation>{folder} 中沒有空間寫入自動備份；更改本身已儲存在資料庫中。請騰出一些空間：下一次更改（或 &apos;reader annotations backup&apos;）會寫入備份。</translation>
    </message>
    <message>
        <source>binary data, not text or HTML</source>
        <translation>二進位資料，不是文字或 HTML</translation>
    </message>
    <message>
        <source>broken symbolic link (its target does not exist)</source>
        <translation>符號連結已失效（其目標不存在）</translation>
    </message>
    <message>
        <source>{name} cannot be used ({why}).</source>
        <translation>無法使用 {name}（{why}）。</translation>
    </message>
    <message>
        <source>The catalogue {path} cannot be opened ({error}).</source>
        <translation>無法開啟目錄 {path}（{error}）。</translation>
    </message>
    <message>
        <source>cannot be read: {why}</source>
        <translation>無法讀取：{why}</translation>
    </message>
    <message>
        <source>this change cannot be saved</source>
        <translation>此更改無法儲存</translation>
    </message>
    <message>
        <source>the catalogue {path} could not be read or written ({error}): the disk may be failing or was disconnected. Nothing was changed; check the disk, then try again.</source>
        <translation>無法讀寫目錄 {path}（{error}）：磁碟可能出現故障或已斷開連線。沒有做任何更改；請檢查磁碟，然後重試。</translation>
    </message>
    <message>
        <source>the change was not saved</source>
        <translation>更改未儲存</translation>
    </message>
    <message>
        <source>the catalogue {path} cannot be opened: it is damaged ({detail}). Besides the articles it holds your bookmarks, highlights, notes and reading state, so do not delete it: move it aside, import the archive again to rebuild the library, and {restore}.</source>
        <translation>無法開啟目錄 {path}：它已損壞（{detail}）。除了文章，它還儲存著您的書籤、標示、筆記和閱讀狀態，所以請不要刪除它：把它移到別處，重新匯入典藏以重建資料庫，{restore}。</translation>
    </message>
    <message>
        <source>the file holds a date but no title or text</source>
        <translation>檔案中只有日期，沒有標題或正文</translation>
    </message>
    <message>
        <source>the file disappeared while importing</source>
        <translation>匯入時檔案已不存在</translation>
    </message>
    <message>
        <source>{what} could not be read or written (input/output error): the disk may be failing or was disconnected. Check it, then try again.</source>
        <translation>無法讀寫 {what}（輸入/輸出錯誤）：磁碟可能出現故障或已斷開連線。請檢查磁碟，然後重試。</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>檔案為空</translation>
    </message>
    <message>
        <source>This HTML file is empty: there is no article text in it.</source>
        <translation>此 HTML 檔案為空：其中沒有文章正文。</translation>
    </message>
    <message>
        <source>file is {size}; only the first {read} were read</source>
        <translation>檔案大小為 {size}；只讀取了前 {read}</translation>
    </message>
    <message>
        <source>permission denied: the file cannot be read</source>
        <translation>權限不足：無法讀取該檔案</translation>
    </message>
    <message>
        <source>{path} is over {mb} MB: too big to be an annotation file; nothing was imported.</source>
        <translation>{path} 超過 {mb} MB：作為註解檔案過大；未匯入任何內容。</translation>
    </message>
    <message>
        <source>{path} cannot be read ({why}).</source>
        <translation>無法讀取 {path}（{why}）。</translation>
    </message>
    <message>
        <source>folder cannot be read: {why}</source>
        <translation>無法讀取資料夾：{why}</translation>
    </message>
    <message>
        <source>Another import is running on this library; try again when it has finished.</source>
        <translation>此資料庫正在進行另一項匯入；請在其完成後重試。</translation>
    </message>
    <message>
        <source>Another Archive Reader process is indexing this library; search works meanwhile and indexing resumes later.</source>
        <translation>另一個典藏閱讀器程序正在為此資料庫建立索引；在此期間搜尋仍可使用，索引稍後會繼續建立。</translation>
    </message>
    <message>
        <source>The search index of this library is damaged ({reason}), and it cannot be rebuilt on a read-only library.</source>
        <translation>此資料庫的搜尋索引已損壞（{reason}），而唯讀的資料庫無法重建索引。</translation>
    </message>
    <message>
        <source>The search index keeps failing its checks; the disk that holds {folder} may be failing.</source>
        <translation>搜尋索引反覆未通過檢查；存放 {folder} 的磁碟可能出現故障。</translation>
    </message>
    <message>
        <source>The search index of this library is missing, and it cannot be rebuilt on a read-only library.</source>
        <translation>此資料庫缺少搜尋索引，而唯讀的資料庫無法重建索引。</translation>
    </message>
    <message>
        <source>The search index must be rebuilt, but another Archive Reader process is writing it; try again when it has finished.</source>
        <translation>搜尋索引需要重建，但另一個典藏閱讀器程序正在寫入它；請在其完成後重試。</translation>
    </message>
    <message>
        <source>The search index is being written by another Archive Reader process; try again when it has finished.</source>
        <translation>另一個典藏閱讀器程序正在寫入搜尋索引；請在其完成後重試。</translation>
    </message>
    <message>
        <source>is a folder, not a file</source>
        <translation>是資料夾，不是檔案</translation>
    </message>
    <message>
        <source>This file is not an annotation file: its JSON is nested too deeply to read.</source>
        <translation>此檔案不是註解檔案：其 JSON 巢狀過深，無法讀取。</translation>
    </message>
    <message>
        <source>This file is not usable JSON ({error}).</source>
        <translation>此檔案不是可用的 JSON（{error}）。</translation>
    </message>
    <message>
        <source>a block device</source>
        <translation>區塊裝置</translation>
    </message>
    <message>
        <source>a character device</source>
        <translation>字元裝置</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>命名管道（FIFO）</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>通訊端</translation>
    </message>
    <message>
        <source>a special file</source>
        <translation>特殊檔案</translation>
    </message>
    <message>
        <source>the library at {folder} is busy: another Archive Reader process kept it locked for too long. Try again when it has finished.</source>
        <translation>位於 {folder} 的資料庫正忙：另一個典藏閱讀器程序鎖定它的時間過長。請在其完成後重試。</translation>
    </message>
    <message>
        <source>Another Archive Reader process is using this library.</source>
        <translation>另一個典藏閱讀器程序正在使用此資料庫。</translation>
    </message>
    <message>
        <source>symbolic link loop</source>
        <translation>符號連結迴圈</translation>
    </message>
    <message>
        <source>symbolic link to {target}, outside the folders being imported: not followed</source>
        <translation>指向 {target} 的符號連結，位於正在匯入的資料夾之外：未跟隨</translation>
    </message>
    <message>
        <source>The library folder {folder} is read-only ({why}); nothing can be changed in it.</source>
        <translation>資料庫資料夾 {folder} 是唯讀的（{why}）；其中的任何內容都無法更改。</translation>
    </message>
    <message>
        <source>The catalogue {path} was written by a newer version of this app.</source>
        <translation>目錄 {path} 由更新版本的本應用程式寫入。</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>注意：{note}</translation>
    </message>
    <message>
        <source>nothing was lost</source>
        <translation>沒有丟失任何內容</translation>
    </message>
    <message>
        <source>nothing saved before was lost</source>
        <translation>之前儲存的內容均未丟失</translation>
    </message>
    <message>
        <source>This file is not JSON ({error}, line {line}).</source>
        <translation>此檔案不是 JSON（{error}，第 {line} 行）。</translation>
    </message>
    <message>
        <source>could not be parsed ({detail})</source>
        <translation>無法解析（{detail}）</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>不是普通檔案</translation>
    </message>
    <message>
        <source>could not be stored in the library ({kind}: {error}); skipped</source>
        <translation>無法存入資料庫（{kind}：{error}）；已跳過</translation>
    </message>
    <message>
        <source>{path} is not UTF-8 text (byte 0x{byte} at offset {offset}); annotation files are JSON-LD in UTF-8.</source>
        <translation>{path} 不是 UTF-8 文字（偏移 {offset} 處的位元組 0x{byte}）；註解檔案是 UTF-8 編碼的 JSON-LD。</translation>
    </message>
    <message>
        <source>This file is not a W3C annotation file (no annotations in it).</source>
        <translation>此檔案不是 W3C 註解檔案（其中沒有註解）。</translation>
    </message>
    <message>
        <source>This file is not a W3C annotation file (&quot;first&quot; is {value}, not an annotation page).</source>
        <translation>此檔案不是 W3C 註解檔案（&quot;first&quot; 是 {value}，不是註解頁）。</translation>
    </message>
    <message>
        <source>This file is not a W3C annotation file (a page&apos;s &quot;items&quot; is {value}, not a list of annotations).</source>
        <translation>此檔案不是 W3C 註解檔案（某頁的 &quot;items&quot; 是 {value}，不是註解列表）。</translation>
    </message>
    <message>
        <source>No annotation with id {id}.</source>
        <translation>沒有 ID 為 {id} 的註解。</translation>
    </message>
    <message>
        <source>{path}: no annotations could be read ({first}).</source>
        <translation>{path}：無法讀取任何註解（{first}）。</translation>
    </message>
    <message>
        <source>{path}: no annotations could be read ({first}; {n} more skipped).</source>
        <translation>{path}：無法讀取任何註解（{first}；另有 {n} 條已跳過）。</translation>
    </message>
    <message>
        <source>No article with id {id}. &apos;reader list&apos; shows the ids.</source>
        <translation>沒有 ID 為 {id} 的文章。&apos;reader list&apos; 會列出各 ID。</translation>
    </message>
    <message>
        <source>This HTML page has no article text (only markup, scripts or navigation).</source>
        <translation>此 HTML 頁面沒有文章正文（只有標記、指令碼或導航）。</translation>
    </message>
    <message>
        <source>there is no backup of bookmarks and notes in {folder}, so keep the moved file: what it holds may still be recoverable</source>
        <translation>{folder} 中沒有書籤和筆記的備份，所以請保留移走的檔案：其中的內容也許仍可恢復</translation>
    </message>
    <message>
        <source>There is no database at {path}.</source>
        <translation>{path} 處沒有資料庫。</translation>
    </message>
    <message>
        <source>no space left on {where}: {stopped}, and {kept}. Free some space on that disk, then {then}.</source>
        <translation>{where}已沒有剩餘空間：{stopped}，{kept}。請在該磁碟上騰出一些空間，然後{then}。</translation>
    </message>
    <message>
        <source>{path}: no such file</source>
        <translation>{path}：沒有該檔案</translation>
    </message>
    <message>
        <source>{path}: no such file or folder</source>
        <translation>{path}：沒有該檔案或資料夾</translation>
    </message>
    <message>
        <source>no title or text found</source>
        <translation>未找到標題或正文</translation>
    </message>
    <message>
        <source>open it again</source>
        <translation>再次開啟它</translation>
    </message>
    <message>
        <source>open the library again</source>
        <translation>再次開啟資料庫</translation>
    </message>
    <message>
        <source>the process parsing it ended ({detail}); skipped</source>
        <translation>解析它的程序已結束（{detail}）；已跳過</translation>
    </message>
    <message>
        <source>{path}: permission denied</source>
        <translation>{path}：權限不足</translation>
    </message>
    <message>
        <source>a README/LICENSE file, not an article</source>
        <translation>README/LICENSE 檔案，不是文章</translation>
    </message>
    <message>
        <source>the library at {folder} is read-only: {cannot}. Reading, listing and searching it still work.</source>
        <translation>位於 {folder} 的資料庫是唯讀的：{cannot}。閱讀、列表和搜尋仍可使用。</translation>
    </message>
    <message>
        <source>its folders are not re-scanned, and reading state, bookmarks and highlights cannot be saved</source>
        <translation>不會重新掃描其資料夾，閱讀狀態、書籤和標示也無法儲存</translation>
    </message>
    <message>
        <source>the library at {folder} is read-only ({why}): {cannot}. Reading, listing and searching it still work.</source>
        <translation>位於 {folder} 的資料庫是唯讀的（{why}）：{cannot}。閱讀、列表和搜尋仍可使用。</translation>
    </message>
    <message>
        <source>then restore bookmarks, highlights and notes with &apos;reader annotations import {backup}&apos; (the newest backup in {folder})</source>
        <translation>然後用 &apos;reader annotations import {backup}&apos; 恢復書籤、標示和筆記（{folder} 中最新的備份）</translation>
    </message>
    <message>
        <source>its name, as shown, is the same name as another file in the library (one of them is not UTF-8); skipped: rename one of them</source>
        <translation>它顯示出的名稱與資料庫中另一個檔案的名稱相同（其中一個不是 UTF-8）；已跳過：請重新命名其中一個</translation>
    </message>
    <message>
        <source>they are saved in the library itself</source>
        <translation>它們已儲存在資料庫本身中</translation>
    </message>
    <message>
        <source>The search process stopped unexpectedly; it starts again with the next search.</source>
        <translation>搜尋程序意外停止；下一次搜尋時會重新啟動。</translation>
    </message>
    <message>
        <source>{path}: {reason}</source>
        <translation>{path}：{reason}</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>……另有 {n} 個</translation>
    </message>
    <message>
        <source>Something went wrong ({kind}: {error}).</source>
        <translation>出了點問題（{kind}：{error}）。</translation>
    </message>
    <message>
        <source>{kind}, not a regular file</source>
        <translation>{kind}，不是普通檔案</translation>
    </message>
    <message>
        <source>A tag cannot be empty.</source>
        <translation>標籤不能為空。</translation>
    </message>
    <message>
        <source>A tag is text, not {tag}.</source>
        <translation>標籤應為文字，而不是 {tag}。</translation>
    </message>
    <message>
        <source>A tag cannot contain , ; ， 、 or ； ({tag}).</source>
        <translation>標籤不能包含 , ; ， 、 或 ；（{tag}）。</translation>
    </message>
    <message>
        <source>the library</source>
        <translation>資料庫</translation>
    </message>
    <message>
        <source>took longer than {seconds} s to read and parse; skipped</source>
        <translation>讀取和解析耗時超過 {seconds} 秒；已跳過</translation>
    </message>
    <message>
        <source>try again</source>
        <translation>重試</translation>
    </message>
    <message>
        <source>cannot be decoded as text (tried {encoding})</source>
        <translation>無法解碼為文字（已嘗試 {encoding}）</translation>
    </message>
    <message>
        <source>the library was not closed cleanly and its latest changes, in {wal}, cannot be read here ({why}), so they may be missing from what is shown. They are not lost: open the library once where it is writable and has free space to see them.</source>
        <translation>資料庫上次未正常關閉，其最新更改（在 {wal} 中）在此無法讀取（{why}），所以顯示的內容可能缺少這些更改。它們並未丟失：在可寫且有剩餘空間的位置開啟一次資料庫即可看到。</translation>
    </message>
    <message>
        <source>The upgrade of {path} was cancelled.</source>
        <translation>{path} 的升級已取消。</translation>
    </message>
    <message>
        <source>it must first be upgraded for this version of the app, which needs space</source>
        <translation>必須先為此版本的應用程式升級它，而升級需要空間</translation>
    </message>
    <message>
        <source>it must first be upgraded for this version of the app, which writes to it</source>
        <translation>必須先為此版本的應用程式升級它，而升級需要寫入</translation>
    </message>
    <message>
        <source>Cancelled while waiting for another process.</source>
        <translation>在等待另一個程序時已取消。</translation>
    </message>
    <message>
        <source>the disk that holds {path}</source>
        <translation>存放 {path} 的磁碟</translation>
    </message>
    <message>
        <source>the library&apos;s disk</source>
        <translation>資料庫所在的磁碟</translation>
    </message>
    <message>
        <source>it cannot be written</source>
        <translation>無法寫入</translation>
    </message>
    <message>
        <source>no permission to write there</source>
        <translation>沒有寫入權限</translation>
    </message>
    <message>
        <source>no space left on its disk</source>
        <translation>其磁碟已沒有剩餘空間</translation>
    </message>
    <message>
        <source>read-only file system</source>
        <translation>唯讀檔案系統</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Edit Note</source>
        <translation>編輯筆記</translation>
    </message>
    <message>
        <source>Add Note</source>
        <translation>新增筆記</translation>
    </message>
    <message>
        <source>Your note (Ctrl+Enter saves)</source>
        <translation>您的筆記（Ctrl+Enter 儲存）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>筆記</translation>
    </message>
    <message>
        <source>Color:</source>
        <translation>顏色：</translation>
    </message>
    <message>
        <source>Delete Highlight</source>
        <translation>刪除標示</translation>
    </message>
    <message>
        <source>Bookmark Tags</source>
        <translation>書籤標籤</translation>
    </message>
    <message>
        <source>Tags, separated by commas, for “{title}”:</source>
        <translation>「{title}」的標籤，用逗號分隔：</translation>
    </message>
    <message>
        <source>Bookmark with the tags, separated by commas, for “{title}”:</source>
        <translation>為「{title}」加書籤，標籤用逗號分隔：</translation>
    </message>
    <message>
        <source>e.g. trade, ports, 海关、物流</source>
        <translation>例如：貿易、港口、海關、物流</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
</context>
<context>
    <name>Find</name>
    <message>
        <source>Find in article</source>
        <translation>在文章中尋找</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>上一個符合項目（Shift+Enter）</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>下一個符合項目（Enter）</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>關閉（Esc）</translation>
    </message>
    <message>
        <source>%Ln found</source>
        <translation>找到 %Ln 處</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>{at} of {total}</source>
        <translation>第 {at} 處，共 {total} 處</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>{percent}%</source>
        <translation>{percent}%</translation>
    </message>
    <message>
        <source>yyyy-MM-dd</source>
        <comment>a date, in QDate::toString&apos;s pattern</comment>
        <translation>yyyy年M月d日</translation>
    </message>
</context>
<context>
    <name>Highlights</name>
    <message>
        <source>(untitled)</source>
        <translation>（無標題）</translation>
    </message>
    <message>
        <source>article not in the library</source>
        <translation>文章不在資料庫中</translation>
    </message>
    <message>
        <source>⚠ no longer in the text</source>
        <translation>⚠ 已不在正文中</translation>
    </message>
    <message>
        <source>Highlights in this article</source>
        <translation>本文的標示</translation>
    </message>
    <message>
        <source>Open an article to see its highlights here.</source>
        <translation>開啟一篇文章，即可在此檢視其標示。</translation>
    </message>
    <message>
        <source>No highlights in this article yet. Select a passage, then &lt;b&gt;Ctrl+Shift+H&lt;/b&gt; to highlight it or &lt;b&gt;Ctrl+Shift+N&lt;/b&gt; to add a note (or right-click it).</source>
        <translation>本文還沒有標示。選取一段文字後，按 &lt;b&gt;Ctrl+Shift+H&lt;/b&gt; 標示，或按 &lt;b&gt;Ctrl+Shift+N&lt;/b&gt; 新增筆記（也可以右鍵點選）。</translation>
    </message>
    <message>
        <source>%Ln highlight(s), in reading order; {orphaned} no longer found in the text (kept with the quote, at the end).</source>
        <translation>%Ln 處標示，按閱讀順序排列；其中 {orphaned} 處已不在正文中（連同引文保留，列在最後）。</translation>
    </message>
    <message>
        <source>%Ln highlight(s), in reading order.</source>
        <translation>%Ln 處標示，按閱讀順序排列。</translation>
    </message>
    <message>
        <source>Filter by quote, note or title</source>
        <translation>按引文、筆記或標題篩選</translation>
    </message>
    <message>
        <source>Filter highlights</source>
        <translation>篩選標示</translation>
    </message>
    <message>
        <source>All colors</source>
        <translation>所有顏色</translation>
    </message>
    <message>
        <source>Only highlights of this color</source>
        <translation>只顯示此顏色的標示</translation>
    </message>
    <message>
        <source>All highlights</source>
        <translation>全部標示</translation>
    </message>
    <message>
        <source>No highlight matches.</source>
        <translation>沒有符合的標示。</translation>
    </message>
    <message>
        <source>No highlights yet: select a passage in an article and press &lt;b&gt;Ctrl+Shift+H&lt;/b&gt;.</source>
        <translation>還沒有標示：在文章中選取一段文字，然後按 &lt;b&gt;Ctrl+Shift+H&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>The newest %Ln highlights that match; type to narrow them down.</source>
        <translation>最新的 %Ln 處符合標示；繼續輸入可縮小範圍。</translation>
    </message>
    <message>
        <source>The newest %Ln highlights; type to narrow them down.</source>
        <translation>最新的 %Ln 處標示；輸入文字可縮小範圍。</translation>
    </message>
    <message>
        <source>%Ln matching highlight(s), newest first.</source>
        <translation>%Ln 處符合的標示，最新的在前。</translation>
    </message>
    <message>
        <source>%Ln highlight(s), newest first.</source>
        <translation>%Ln 處標示，最新的在前。</translation>
    </message>
    <message>
        <source>Highlight (no note)</source>
        <translation>標示（無筆記）</translation>
    </message>
    <message>
        <source>Right-click to edit the note, change the color or delete.</source>
        <translation>右鍵點選可編輯筆記、變更顏色或刪除。</translation>
    </message>
</context>
<context>
    <name>JobReports</name>
    <message>
        <source>Import finished</source>
        <translation>匯入完成</translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>匯入已取消</translation>
    </message>
    <message>
        <source>Folders re-scanned</source>
        <translation>資料夾已重新掃描</translation>
    </message>
    <message>
        <source>Folder removed</source>
        <translation>資料夾已移除</translation>
    </message>
    <message>
        <source>Folder not removed</source>
        <translation>資料夾未移除</translation>
    </message>
    <message>
        <source>{job} stopped</source>
        <translation>{job}已停止</translation>
    </message>
    <message>
        <source>{job} failed</source>
        <translation>{job}失敗</translation>
    </message>
    <message>
        <source>Cancelled while waiting for another import to finish; nothing was changed.</source>
        <translation>在等待另一個匯入完成時已取消；沒有任何變更。</translation>
    </message>
    <message>
        <source>The folder is remembered: Re-scan Folders (F5), or the next start, imports the rest.</source>
        <translation>已記住該資料夾：「重新掃描資料夾」（F5）或下次啟動時會匯入其餘部分。</translation>
    </message>
    <message>
        <source>{folders}: {counts} in {seconds} s.</source>
        <translation>{folders}：{counts}，用時 {seconds} 秒。</translation>
    </message>
    <message>
        <source>{folders}: import cancelled after {counts} in {seconds} s.</source>
        <translation>{folders}：匯入已取消，此前{counts}，用時 {seconds} 秒。</translation>
    </message>
    <message>
        <source>Folders re-scanned: {counts} in {seconds} s.</source>
        <translation>資料夾已重新掃描：{counts}，用時 {seconds} 秒。</translation>
    </message>
    <message>
        <source>Skipped: {names} (Details… says why).</source>
        <translation>已略過：{names}（原因見「詳細資訊…」）。</translation>
    </message>
    <message>
        <source>Skipped: {names} and {n} more (Details… says why).</source>
        <translation>已略過：{names} 及另外 {n} 個（原因見「詳細資訊…」）。</translation>
    </message>
    <message>
        <source>%n highlight(s) could no longer be found in the changed text: kept, and listed as no longer in the text.</source>
        <translation>有 %n 處標示在變更後的文字中找不到了：已保留，並標為不再在文中。</translation>
    </message>
    <message>
        <source>Indexing was left for later: {reason}</source>
        <translation>索引留待稍後進行：{reason}</translation>
    </message>
    <message>
        <source>Indexing was cancelled; it resumes the next time the app starts.</source>
        <translation>索引已取消；下次啟動應用程式時會繼續。</translation>
    </message>
    <message>
        <source>The search index was damaged (or from another version) and has been rebuilt.</source>
        <translation>搜尋索引已損壞（或來自其他版本），已重新建立。</translation>
    </message>
    <message>
        <source>Not available, so not re-scanned (their articles stay): {folders}.</source>
        <translation>無法存取，因此未重新掃描（其中的文章仍保留）：{folders}。</translation>
    </message>
    <message>
        <source>{folder} is no longer in the library: %n article(s) removed from it (the files are still on disk; highlights and bookmarks are kept and come back if you add the folder again).</source>
        <translation>{folder} 已不在資料庫中：從中移除了 %n 篇文章（檔案仍在磁碟上；標示和書籤會保留，再次加入該資料夾時會恢復）。</translation>
    </message>
    <message>
        <source>{job} stopped unexpectedly (exit status {code}). What it finished is kept; it resumes the next time the app starts.</source>
        <translation>{job}意外停止（結束狀態 {code}）。已完成的部分會保留；下次啟動應用程式時會繼續。</translation>
    </message>
    <message>
        <source>{n} imported</source>
        <translation>匯入 {n} 篇</translation>
    </message>
    <message>
        <source>{n} updated</source>
        <translation>更新 {n} 篇</translation>
    </message>
    <message>
        <source>{n} unchanged</source>
        <translation>{n} 篇未變</translation>
    </message>
    <message>
        <source>{n} moved</source>
        <translation>{n} 篇已移動</translation>
    </message>
    <message>
        <source>{n} removed (no longer on disk)</source>
        <translation>移除 {n} 篇（已不在磁碟上）</translation>
    </message>
    <message>
        <source>{n} skipped</source>
        <translation>略過 {n} 個</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>Add Archive Folder</source>
        <translation>新增典藏資料夾</translation>
    </message>
    <message>
        <source>{path} is not a folder that can be opened.</source>
        <translation>{path} 不是可以開啟的資料夾。</translation>
    </message>
    <message>
        <source>{path} cannot be read (permission denied).</source>
        <translation>無法讀取 {path}（權限被拒絕）。</translation>
    </message>
    <message>
        <source>Remove Folder</source>
        <translation>移除資料夾</translation>
    </message>
    <message>
        <source>Remove {folder} from the library?

Its articles leave the library; the files stay on disk, and your highlights and bookmarks are kept (they come back if you add the folder again).</source>
        <translation>從資料庫移除 {folder}？

其中的文章將離開資料庫；檔案仍保留在磁碟上，您的標示和書籤也會保留（再次新增該資料夾時會還原）。</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>正在匯入</translation>
    </message>
    <message>
        <source>Checking folders for changes</source>
        <translation>正在檢查資料夾的變更</translation>
    </message>
    <message>
        <source>Placing highlights</source>
        <translation>正在定位標示</translation>
    </message>
    <message>
        <source>Indexing</source>
        <translation>正在建立索引</translation>
    </message>
    <message>
        <source>Putting articles back</source>
        <translation>正在還原文章</translation>
    </message>
    <message>
        <source>Waiting for another import to finish</source>
        <translation>正在等待另一個匯入完成</translation>
    </message>
    <message>
        <source>Removing a folder</source>
        <translation>正在移除資料夾</translation>
    </message>
    <message>
        <source>Opening the sample archive</source>
        <translation>正在開啟範例典藏</translation>
    </message>
    <message>
        <source>Finding copies of the same story</source>
        <translation>尋找同一報導的副本</translation>
    </message>
    <message>
        <source>Importing {folder}</source>
        <translation>正在匯入 {folder}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop; what was imported so far is kept</source>
        <translation>停止；已匯入的內容會保留</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>詳細資訊…</translation>
    </message>
    <message>
        <source>What was skipped and why, in full</source>
        <translation>完整列出跳過了什麼以及原因</translation>
    </message>
    <message>
        <source>Put this message away</source>
        <translation>收起此訊息</translation>
    </message>
    <message>
        <source>Close the message</source>
        <translation>關閉訊息</translation>
    </message>
    <message>
        <source>{job} failed</source>
        <translation>{job}失敗</translation>
    </message>
</context>
<context>
    <name>KeysHelp</name>
    <message>
        <source>Ctrl+K  or  /</source>
        <translation>Ctrl+K  或  /</translation>
    </message>
    <message>
        <source>search the archive (words, &quot;phrases&quot;, -word, OR, site:, title:, lang:, date:2024-05)</source>
        <translation>搜尋典藏（詞語、&quot;片語&quot;、-詞語、OR、site:、title:、lang:、date:2024-05）</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>back from search to the list; clear the filter; close find</source>
        <translation>從搜尋返回清單；清除篩選；關閉尋找</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>filter the list by title or site</source>
        <translation>按標題或網站篩選清單</translation>
    </message>
    <message>
        <source>j / k  or  ↓ / ↑</source>
        <translation>j / k  或  ↓ / ↑</translation>
    </message>
    <message>
        <source>next / previous article</source>
        <translation>下一篇 / 上一篇文章</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>open the selected article</source>
        <translation>開啟所選文章</translation>
    </message>
    <message>
        <source>Space / Shift+Space</source>
        <translation>Space / Shift+Space</translation>
    </message>
    <message>
        <source>scroll the article (at its end, go to the next)</source>
        <translation>捲動文章（到末尾時前往下一篇）</translation>
    </message>
    <message>
        <source>Home / End</source>
        <translation>Home / End</translation>
    </message>
    <message>
        <source>the top or the end of the article</source>
        <translation>文章的開頭或末尾</translation>
    </message>
    <message>
        <source>Alt+← / Alt+→</source>
        <translation>Alt+← / Alt+→</translation>
    </message>
    <message>
        <source>back / forward (mouse buttons too)</source>
        <translation>後退 / 前進（滑鼠側鍵也可以）</translation>
    </message>
    <message>
        <source>Shift+↓ / Shift+↑, Ctrl+click</source>
        <translation>Shift+↓ / Shift+↑、Ctrl+點選</translation>
    </message>
    <message>
        <source>select several articles (right-click: act on all)</source>
        <translation>選擇多篇文章（右鍵：對全部操作）</translation>
    </message>
    <message>
        <source>m  or  Ctrl+M</source>
        <translation>m  或  Ctrl+M</translation>
    </message>
    <message>
        <source>mark the selected article(s) read or unread</source>
        <translation>將所選文章標為已讀或未讀</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>remove the selected article(s) from the library, never from disk</source>
        <translation>從資料庫移除所選文章（絕不從磁碟刪除）</translation>
    </message>
    <message>
        <source>Ctrl+Shift+U</source>
        <translation>Ctrl+Shift+U</translation>
    </message>
    <message>
        <source>show unread articles only</source>
        <translation>只顯示未讀文章</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>find in the article (Enter: next, Shift+Enter: previous)</source>
        <translation>在文章中尋找（Enter：下一個，Shift+Enter：上一個）</translation>
    </message>
    <message>
        <source>Ctrl+= / Ctrl+- / Ctrl+0</source>
        <translation>Ctrl+= / Ctrl+- / Ctrl+0</translation>
    </message>
    <message>
        <source>larger / smaller / normal text</source>
        <translation>放大 / 縮小 / 正常文字</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <source>add an archive folder (or drop one on the window)</source>
        <translation>新增典藏資料夾（或拖放到視窗上）</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>re-scan the added folders for changes</source>
        <translation>重新掃描已新增的資料夾，尋找變更</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>bookmark the article, or remove its bookmark (★ in the toolbar too)</source>
        <translation>為文章加書籤或移除書籤（也可用工具列中的 ★）</translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation>Ctrl+Shift+D</translation>
    </message>
    <message>
        <source>edit the bookmark&apos;s tags (comma separated)</source>
        <translation>編輯書籤的標籤（用逗號分隔）</translation>
    </message>
    <message>
        <source>Ctrl+Shift+B</source>
        <translation>Ctrl+Shift+B</translation>
    </message>
    <message>
        <source>bookmarks only in the list, by tag</source>
        <translation>清單中只顯示書籤，可按標籤篩選</translation>
    </message>
    <message>
        <source>Ctrl+Shift+H</source>
        <translation>Ctrl+Shift+H</translation>
    </message>
    <message>
        <source>highlight the selected passage (right-click: other colors)</source>
        <translation>標示所選段落（右鍵：其他顏色）</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>add a note to the selection, or edit the highlight&apos;s at the cursor</source>
        <translation>為所選內容新增筆記，或編輯游標處標示的筆記</translation>
    </message>
    <message>
        <source>Ctrl+Z / Ctrl+Shift+Z</source>
        <translation>Ctrl+Z / Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>undo / redo a highlight, note, bookmark or removal</source>
        <translation>復原 / 重做標示、筆記、書籤或移除</translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <source>this article&apos;s highlights, in reading order</source>
        <translation>本文的標示，按閱讀順序排列</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>all highlights, newest first, filtered as you type</source>
        <translation>全部標示，最新的在前，隨輸入篩選</translation>
    </message>
</context>
<context>
    <name>Links</name>
    <message>
        <source>This link is malformed; it was not opened.</source>
        <translation>此連結格式錯誤，未開啟。</translation>
    </message>
    <message>
        <source>This archive link names no article.</source>
        <translation>此典藏連結沒有指向任何文章。</translation>
    </message>
    <message>
        <source>This web link has no address.</source>
        <translation>此網頁連結沒有地址。</translation>
    </message>
    <message>
        <source>This file is in the archive but is not an article in the library.</source>
        <translation>此檔案在典藏中，但不是資料庫中的文章。</translation>
    </message>
    <message>
        <source>Not opened: a file: link outside the archive folders. The reader only opens files inside the archive.</source>
        <translation>未開啟：這是典藏資料夾之外的 file: 連結。閱讀器只打開典藏內的檔案。</translation>
    </message>
    <message>
        <source>Not opened: javascript: links run code, and the reader never runs code from saved pages.</source>
        <translation>未開啟：javascript: 連結會執行程式碼，而閱讀器絕不執行儲存的網頁中的程式碼。</translation>
    </message>
    <message>
        <source>Not opened: data: links carry embedded content that the reader does not display.</source>
        <translation>未開啟：data: 連結攜帶閱讀器不顯示的嵌入內容。</translation>
    </message>
    <message>
        <source>Not opened: a relative link with no web address (its page was not saved).</source>
        <translation>未開啟：這是沒有網址的相對連結（其頁面未被儲存）。</translation>
    </message>
    <message>
        <source>Not opened: {scheme}: links are not opened by the reader; only web (http, https) links open, in your browser.</source>
        <translation>未開啟：閱讀器不開啟 {scheme}: 連結；只有網頁（http、https）連結會在您的瀏覽器中開啟。</translation>
    </message>
</context>
<context>
    <name>ListPane</name>
    <message>
        <source>All copies</source>
        <translation>全部副本</translation>
    </message>
    <message>
        <source>Show every copy of a story saved more than once (re-posts, teasers, edits), not one row per story</source>
        <translation>顯示多次儲存的同一報導的每一份副本（轉載、摘要、修訂版），而不是每篇報導一列</translation>
    </message>
    <message>
        <source>All bookmarks</source>
        <translation>全部書籤</translation>
    </message>
    <message>
        <source>Filter by title or site  (Ctrl+L)</source>
        <translation>按標題或網站篩選（Ctrl+L）</translation>
    </message>
    <message>
        <source>Filter the list</source>
        <translation>篩選清單</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>未讀</translation>
    </message>
    <message>
        <source>Show only unread articles</source>
        <translation>只顯示未讀文章</translation>
    </message>
    <message>
        <source>★ Bookmarks</source>
        <translation>★ 書籤</translation>
    </message>
    <message>
        <source>Show only bookmarked articles (Ctrl+Shift+B)</source>
        <translation>只顯示加了書籤的文章（Ctrl+Shift+B）</translation>
    </message>
    <message>
        <source>Only the bookmarks with this tag</source>
        <translation>只顯示帶有此標籤的書籤</translation>
    </message>
    <message>
        <source>Bookmark tag</source>
        <translation>書籤標籤</translation>
    </message>
    <message>
        <source>Add Archive Folder…</source>
        <translation>新增典藏資料夾…</translation>
    </message>
    <message>
        <source>&lt;p&gt;No article title or site contains “{words}”.&lt;/p&gt;&lt;p&gt;Press Esc to clear the filter, or search the full text with Ctrl+K.&lt;/p&gt;</source>
        <translation>&lt;p&gt;沒有文章的標題或網站包含「{words}」。&lt;/p&gt;&lt;p&gt;按 Esc 清除篩選，或用 Ctrl+K 搜尋全文。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No bookmark is tagged “{tag}” among the unread articles.&lt;/p&gt;&lt;p&gt;Choose another tag, or &lt;b&gt;All bookmarks&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;未讀文章中沒有帶「{tag}」標籤的書籤。&lt;/p&gt;&lt;p&gt;請選擇其他標籤，或選擇&lt;b&gt;全部書籤&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No bookmark is tagged “{tag}”.&lt;/p&gt;&lt;p&gt;Choose another tag, or &lt;b&gt;All bookmarks&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;沒有帶「{tag}」標籤的書籤。&lt;/p&gt;&lt;p&gt;請選擇其他標籤，或選擇&lt;b&gt;全部書籤&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No unread bookmarked articles.&lt;/p&gt;</source>
        <translation>&lt;p&gt;沒有加了書籤的未讀文章。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No bookmarked articles.&lt;/p&gt;</source>
        <translation>&lt;p&gt;沒有加了書籤的文章。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Open an article and press &lt;b&gt;Ctrl+D&lt;/b&gt; (or ★ in the toolbar) to bookmark it; turn off &lt;b&gt;★ Bookmarks&lt;/b&gt; to see every article.&lt;/p&gt;</source>
        <translation>&lt;p&gt;開啟一篇文章並按 &lt;b&gt;Ctrl+D&lt;/b&gt;（或點選工具列中的 ★）即可加書籤；關閉 &lt;b&gt;★ 書籤&lt;/b&gt; 可檢視所有文章。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No unread articles.&lt;/p&gt;&lt;p&gt;Turn off &lt;b&gt;Unread&lt;/b&gt; to see them all.&lt;/p&gt;</source>
        <translation>&lt;p&gt;沒有未讀文章。&lt;/p&gt;&lt;p&gt;關閉&lt;b&gt;未讀&lt;/b&gt;即可檢視全部文章。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;{busy}…&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Articles appear here as soon as the import ends.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;{busy}…&lt;/b&gt;&lt;/p&gt;&lt;p&gt;匯入完成後，文章會立即顯示在這裡。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Your library is empty.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Choose &lt;b&gt;File › Add Archive Folder…&lt;/b&gt; (Ctrl+O), or drop a folder on this window, to import the articles you saved: text files and saved web pages, in any folder structure. The folder is only read, never changed.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;您的資料庫是空的。&lt;/b&gt;&lt;/p&gt;&lt;p&gt;選擇&lt;b&gt;檔案 › 新增典藏資料夾…&lt;/b&gt;（Ctrl+O），或將資料夾拖放到此視窗，即可匯入您儲存的文章：文字檔和儲存的網頁，資料夾結構不限。資料夾只會被讀取，絕不會被修改。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>less than a minute left</source>
        <translation>剩餘不到 1 分鐘</translation>
    </message>
    <message>
        <source>about 1 min left</source>
        <translation>剩餘約 1 分鐘</translation>
    </message>
    <message>
        <source>%Ln min left</source>
        <translation>剩餘 %Ln 分鐘</translation>
    </message>
    <message>
        <source>Reading progress</source>
        <translation>閱讀進度</translation>
    </message>
    <message>
        <source>The list could not be read: {error}</source>
        <translation>無法讀取清單：{error}</translation>
    </message>
    <message>
        <source>{percent} · the end</source>
        <translation>{percent} · 已讀完</translation>
    </message>
    <message>
        <source>{percent} · {left}</source>
        <translation>{percent} · {left}</translation>
    </message>
    <message>
        <source>{unread} unread of %Ln</source>
        <translation>%Ln 篇中 {unread} 篇未讀</translation>
    </message>
    <message>
        <source>%Ln bookmark(s) tagged “{tag}” of {size} articles</source>
        <translation>{size} 篇文章中有 %Ln 個書籤帶「{tag}」標籤</translation>
    </message>
    <message>
        <source>%Ln bookmark(s) of {size} articles</source>
        <translation>{size} 篇文章中有 %Ln 個書籤</translation>
    </message>
    <message>
        <source>{shown} of %Ln article(s)</source>
        <translation>%Ln 篇文章中的 {shown} 篇</translation>
    </message>
    <message>
        <source>%Ln article(s)</source>
        <translation>%Ln 篇文章</translation>
    </message>
    <message>
        <source>{counts} · %Ln selected</source>
        <translation>{counts} · 已選擇 %Ln 篇</translation>
    </message>
    <message>
        <source>Text size {percent}</source>
        <translation>文字大小 {percent}</translation>
    </message>
    <message>
        <source>The interface is already in this language.</source>
        <translation>介面已經是這種語言。</translation>
    </message>
    <message>
        <source>The language changes when Archive Reader is started again.</source>
        <translation>重新啟動典藏閱讀器後，語言將會變更。</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>鍵盤快捷鍵</translation>
    </message>
    <message>
        <source>Search Syntax</source>
        <translation>搜尋語法</translation>
    </message>
    <message>
        <source>About Archive Reader</source>
        <translation>關於典藏閱讀器</translation>
    </message>
    <message>
        <source>%Ln article(s) removed from the library (the files are still on disk; Edit › Undo puts them back).</source>
        <translation>已從資料庫移除 %Ln 篇文章（檔案仍在磁碟上；編輯 › 復原可還原）。</translation>
    </message>
    <message>
        <source>Removed from the library</source>
        <translation>已從資料庫移除</translation>
    </message>
    <message>
        <source>This article is no longer in the library; its file is still on disk.</source>
        <translation>這篇文章已不在資料庫中；其檔案仍在磁碟上。</translation>
    </message>
    <message>
        <source>%Ln article(s) back in the library.</source>
        <translation>%Ln 篇文章已回到資料庫。</translation>
    </message>
    <message>
        <source>%Ln could not be: the file is no longer on disk.</source>
        <translation>%Ln 篇無法還原：檔案已不在磁碟上。</translation>
    </message>
    <message>
        <source>Archive Reader</source>
        <translation>典藏閱讀器</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Details</source>
        <translation>詳細資訊</translation>
    </message>
    <message>
        <source>Something went wrong, but your library is safe. If it happens again, please report it with the details below.</source>
        <translation>出了點問題，但您的資料庫是安全的。如果再次發生，請附上下面的詳細資訊報告此問題。</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>That article is no longer in the library (its file was removed or changed into something that is not an article).</source>
        <translation>該文章已不在資料庫中（其檔案已被刪除，或已變成不是文章的內容）。</translation>
    </message>
    <message>
        <source>Similar articles are not available: {error}</source>
        <translation>無法取得相似文章：{error}</translation>
    </message>
    <message>
        <source>None found yet: the search index is still being built.</source>
        <translation>尚未找到：搜尋索引仍在建立中。</translation>
    </message>
    <message>
        <source>No similar articles in the archive.</source>
        <translation>典藏中沒有相似文章。</translation>
    </message>
    <message>
        <source>Marked unread.</source>
        <translation>已標為未讀。</translation>
    </message>
    <message>
        <source>Marked read.</source>
        <translation>已標為已讀。</translation>
    </message>
    <message>
        <source>Marked %Ln article(s) read.</source>
        <translation>已將 %Ln 篇文章標為已讀。</translation>
    </message>
    <message>
        <source>Marked %Ln article(s) unread.</source>
        <translation>已將 %Ln 篇文章標為未讀。</translation>
    </message>
    <message>
        <source>Could not save reading state: {error}</source>
        <translation>無法儲存閱讀狀態：{error}</translation>
    </message>
    <message>
        <source>Opened in your browser: {url}</source>
        <translation>已在瀏覽器中開啟：{url}</translation>
    </message>
    <message>
        <source>No browser could open {url}</source>
        <translation>沒有瀏覽器能開啟 {url}</translation>
    </message>
    <message>
        <source>Edit this bookmark&apos;s tags (Ctrl+Shift+D)</source>
        <translation>編輯此書籤的標籤（Ctrl+Shift+D）</translation>
    </message>
    <message>
        <source>an article</source>
        <translation>一篇文章</translation>
    </message>
    <message>
        <source>Open “{title}” from the archive (offline)</source>
        <translation>從典藏開啟「{title}」（離線）</translation>
    </message>
    <message>
        <source>{url}  — opens in your web browser when clicked</source>
        <translation>{url}  — 點選後在網頁瀏覽器中開啟</translation>
    </message>
    <message>
        <source>This article has no link to its original.</source>
        <translation>這篇文章沒有原文連結。</translation>
    </message>
    <message>
        <source>Copied {url}</source>
        <translation>已複製 {url}</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>System</source>
        <translation>依照系統</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>淺色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>偏好設定</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>閱讀</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>資料庫</translation>
    </message>
    <message>
        <source>By the article&apos;s language (Chinese and Latin fonts)</source>
        <translation>按文章的語言（中文和拉丁字型）</translation>
    </message>
    <message>
        <source>By script (taller for Chinese)</source>
        <translation>按文字（中文行距更大）</translation>
    </message>
    <message>
        <source> × text size</source>
        <translation> × 文字大小</translation>
    </message>
    <message>
        <source>About this many Chinese characters, or twice as many letters</source>
        <translation>大約這麼多個漢字，或兩倍數量的字母</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>還原預設值</translation>
    </message>
    <message>
        <source>Font:</source>
        <translation>字型：</translation>
    </message>
    <message>
        <source>Text size:</source>
        <translation>文字大小：</translation>
    </message>
    <message>
        <source>Line height:</source>
        <translation>行高：</translation>
    </message>
    <message>
        <source>Line width:</source>
        <translation>行寬：</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>主題：</translation>
    </message>
    <message>
        <source>Archive folders (read, never changed):</source>
        <translation>典藏資料夾（只讀取，絕不修改）：</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Take this folder&apos;s articles out of the library (the files stay on disk; highlights and bookmarks are kept and come back with the folder)</source>
        <translation>將此資料夾的文章移出資料庫（檔案仍保留在磁碟上；標示和書籤會保留，並隨資料夾一起還原）</translation>
    </message>
    <message>
        <source>Re-scan All</source>
        <translation>全部重新掃描</translation>
    </message>
    <message>
        <source>Watch folders for changes</source>
        <translation>監看資料夾的變更</translation>
    </message>
    <message>
        <source>While the app runs, files saved into these folders are imported, changed ones updated and deleted ones removed, within seconds</source>
        <translation>應用程式執行時，存入這些資料夾的檔案會在幾秒內匯入，變更的會更新，刪除的會移除</translation>
    </message>
    <message>
        <source>Library data (catalogue, index, highlights, backups):</source>
        <translation>資料庫資料（目錄、索引、標示、備份）：</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>開啟資料夾</translation>
    </message>
</context>
<context>
    <name>Reading</name>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Reading progress</source>
        <translation>閱讀進度</translation>
    </message>
    <message>
        <source>{percent} read</source>
        <translation>已讀 {percent}</translation>
    </message>
</context>
<context>
    <name>ReadingTools</name>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown（*.md）</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>網頁（*.html）</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF（*.pdf）</translation>
    </message>
    <message>
        <source>Open an article first: File › Export Article saves the one shown.</source>
        <translation>請先開啟一篇文章：檔案 › 匯出文章會儲存當前顯示的文章。</translation>
    </message>
    <message>
        <source>Export Article as {format}</source>
        <translation>將文章匯出為 {format}</translation>
    </message>
    <message>
        <source>Could not save {name}: {reason}.</source>
        <translation>無法儲存 {name}：{reason}。</translation>
    </message>
    <message>
        <source>Saved “{title}” as {format}: {path}</source>
        <translation>已將「{title}」儲存為 {format}：{path}</translation>
    </message>
    <message>
        <source>the PDF could not be written to {folder}</source>
        <translation>無法將 PDF 寫入 {folder}</translation>
    </message>
    <message>
        <source>Open an article first: File › Print prints the one shown.</source>
        <translation>請先開啟一篇文章：檔案 › 列印會列印當前顯示的文章。</translation>
    </message>
    <message>
        <source>Print Article</source>
        <translation>列印文章</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <source>+%Ln copies</source>
        <translation>另有 %Ln 份副本</translation>
    </message>
    <message>
        <source>All copies</source>
        <translation>全部副本</translation>
    </message>
    <message>
        <source>Show every copy of a story saved more than once, not only the best match</source>
        <translation>顯示多次儲存的同一報導的每一份副本，而不只是最相符的一份</translation>
    </message>
    <message>
        <source>Search the archive  (Ctrl+K)</source>
        <translation>搜尋典藏（Ctrl+K）</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜尋</translation>
    </message>
    <message>
        <source>✎ in your notes</source>
        <translation>✎ 在您的筆記中</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜尋結果</translation>
    </message>
    <message>
        <source>Best match</source>
        <translation>最相關</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>最新的在前</translation>
    </message>
    <message>
        <source>Order of the results</source>
        <translation>結果的排序方式</translation>
    </message>
    <message>
        <source>Back to the article list (Esc)</source>
        <translation>返回文章清單（Esc）</translation>
    </message>
    <message>
        <source>Show more results</source>
        <translation>顯示更多結果</translation>
    </message>
    <message>
        <source>Searching for “{query}”…</source>
        <translation>正在搜尋「{query}」…</translation>
    </message>
    <message>
        <source>No articles match “{query}”.</source>
        <translation>沒有文章符合「{query}」。</translation>
    </message>
    <message>
        <source>%Ln article(s) ({ms} ms)</source>
        <translation>%Ln 篇文章（{ms} 毫秒）</translation>
    </message>
    <message>
        <source>about %Ln article(s) ({ms} ms)</source>
        <translation>約 %Ln 篇文章（{ms} 毫秒）</translation>
    </message>
    <message>
        <source>The search index covers {indexed} of %Ln article(s) so far; indexing continues in the background.</source>
        <translation>搜尋索引目前涵蓋 %Ln 篇文章中的 {indexed} 篇；索引仍在背景繼續建立。</translation>
    </message>
    <message>
        <source>Search failed.</source>
        <translation>搜尋失敗。</translation>
    </message>
</context>
<context>
    <name>SearchNotes</name>
    <message>
        <source>The query could not be parsed; searched for its words instead</source>
        <translation>無法解析該查詢；已改為搜尋其中的詞語</translation>
    </message>
    <message>
        <source>Nothing to search for</source>
        <translation>沒有可搜尋的內容</translation>
    </message>
    <message>
        <source>The query was cut to its first {n} characters</source>
        <translation>查詢已截斷為前 {n} 個字元</translation>
    </message>
    <message>
        <source>The search index was missing or damaged ({what}) and has been repaired</source>
        <translation>搜尋索引遺失或損壞（{what}），已修復</translation>
    </message>
</context>
<context>
    <name>SearchSyntax</name>
    <message>
        <source>Articles holding every word, in the title or the text; best first.</source>
        <translation>標題或正文中包含所有詞語的文章，最相關的在前。</translation>
    </message>
    <message>
        <source>Either script: Simplified and Traditional forms find each other, Taiwan and Hong Kong variants too.</source>
        <translation>簡繁皆可：簡體和繁體互相符合，臺灣和香港的用字也一樣。</translation>
    </message>
    <message>
        <source>Any run of two or more Chinese characters that occurs in the text, even across word boundaries (国际贸易).</source>
        <translation>正文中出現的任意兩個或以上連續漢字，即使跨越詞語邊界（國際貿易）。</translation>
    </message>
    <message>
        <source>An exact phrase, in double quotes.</source>
        <translation>用雙引號括起來的精確片語。</translation>
    </message>
    <message>
        <source>A minus (or NOT) leaves out articles with the word.</source>
        <translation>減號（或 NOT）排除包含該詞語的文章。</translation>
    </message>
    <message>
        <source>Either word; parentheses group (words are joined by AND otherwise).</source>
        <translation>任一詞語；括號用於分組（否則詞語之間是 AND 關係）。</translation>
    </message>
    <message>
        <source>English by stem (ships, shipping, shipped) and, with *, by prefix.</source>
        <translation>英文按詞幹比對（ships、shipping、shipped），加 * 則按字首比對。</translation>
    </message>
    <message>
        <source>The word in the title.</source>
        <translation>標題中的詞語。</translation>
    </message>
    <message>
        <source>Articles from one site (its address or its name).</source>
        <translation>來自某個網站的文章（網址或網站名稱）。</translation>
    </message>
    <message>
        <source>Articles in a language: Traditional or Simplified Chinese, English.</source>
        <translation>某種語言的文章：繁體中文、簡體中文或英文。</translation>
    </message>
    <message>
        <source>A year, a month, a range, or everything up to a date (an undated article matches none).</source>
        <translation>某一年、某個月、某個範圍，或某日期之前的全部文章（沒有日期的文章不會符合）。</translation>
    </message>
    <message>
        <source>Your reading state, bookmarks and highlighted articles.</source>
        <translation>您的閱讀狀態、書籤和有標示的文章。</translation>
    </message>
    <message>
        <source>Bookmarks with a tag.</source>
        <translation>帶有某個標籤的書籤。</translation>
    </message>
    <message>
        <source>Words in your own notes and highlights.</source>
        <translation>您自己的筆記和標示中的詞語。</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Ctrl+K&lt;/b&gt; (or &lt;b&gt;/&lt;/b&gt;) and type. Searching works offline over the whole library, in Chinese and English; filters combine with words and with each other.</source>
        <translation>按 &lt;b&gt;Ctrl+K&lt;/b&gt;（或 &lt;b&gt;/&lt;/b&gt;）後輸入。搜尋離線進行，涵蓋整個資料庫，中英文皆可；篩選條件可以與詞語組合，也可以互相組合。</translation>
    </message>
    <message>
        <source>Case, full-width forms and accents do not matter (ＶＩＰ finds VIP, cafe finds café). A query with a mistake, such as an open quote, still searches for its words. Common English words (the, of, to) are skipped outside quotes. Results come best match first; the list above them can sort them newest first.</source>
        <translation>不區分大小寫、全形半形和重音符號（ＶＩＰ 能找到 VIP，cafe 能找到 café）。查詢有錯誤（例如引號未閉合）時仍會搜尋其中的詞語。引號之外的常見英文詞（the、of、to）會被忽略。結果按最相關排列；結果上方的清單可改為最新的在前。</translation>
    </message>
</context>
<context>
    <name>Tags</name>
    <message>
        <source>%Ln bookmark(s)</source>
        <translation>%Ln 個書籤</translation>
    </message>
    <message>
        <source>Renamed “{old}” to “{new}” on {bookmarks} (Ctrl+Z undoes).</source>
        <translation>已將 {bookmarks}上的「{old}」重新命名為「{new}」（Ctrl+Z 可復原）。</translation>
    </message>
    <message>
        <source>Removed “{old}” from {bookmarks} (Ctrl+Z undoes).</source>
        <translation>已從 {bookmarks}移除「{old}」（Ctrl+Z 可復原）。</translation>
    </message>
    <message>
        <source>Rename Tag</source>
        <translation>重新命名標籤</translation>
    </message>
    <message>
        <source>Rename “{tag}” on {bookmarks} to:</source>
        <translation>將 {bookmarks}上的「{tag}」重新命名為：</translation>
    </message>
    <message>
        <source>New tag name</source>
        <translation>新標籤名</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重新命名</translation>
    </message>
    <message>
        <source>Manage Tags</source>
        <translation>管理標籤</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>No tags yet: Ctrl+Shift+D tags a bookmark.</source>
        <translation>還沒有標籤：按 Ctrl+Shift+D 為書籤新增標籤。</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重新命名…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Delete Tag</source>
        <translation>刪除標籤</translation>
    </message>
    <message>
        <source>Remove the tag “{tag}” from {bookmarks}? The bookmarks stay; Edit › Undo puts the tag back.</source>
        <translation>從 {bookmarks}移除標籤「{tag}」？書籤會保留；編輯 › 復原可還原該標籤。</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>MMMM yyyy</source>
        <comment>a month, in QDate::toString&apos;s pattern</comment>
        <translation>yyyy年M月</translation>
    </message>
    <message>
        <source>No dated articles to show</source>
        <translation>沒有可顯示的有日期文章</translation>
    </message>
    <message>
        <source>Drag across the bars to search that date range; Esc or a double-click clears it.</source>
        <translation>拖過長條即可搜尋該日期範圍；按 Esc 或按兩下可清除。</translation>
    </message>
    <message>
        <source>Timeline of the articles shown</source>
        <translation>所顯示文章的時間軸</translation>
    </message>
    <message>
        <source>yyyy</source>
        <comment>a year, in QDate::toString&apos;s pattern</comment>
        <translation>yyyy年</translation>
    </message>
    <message>
        <source>{when}: %Ln article(s)</source>
        <translation>{when}: %Ln 篇</translation>
    </message>
    <message>
        <source>{when}: about %Ln article(s)</source>
        <translation>{when}: 約 %Ln 篇</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>Note {quote}</source>
        <translation>筆記 {quote}</translation>
    </message>
    <message>
        <source>Highlight {quote}</source>
        <translation>標示 {quote}</translation>
    </message>
    <message>
        <source>Delete {quote}</source>
        <translation>刪除 {quote}</translation>
    </message>
    <message>
        <source>Color of {quote}</source>
        <translation>{quote} 的顏色</translation>
    </message>
    <message>
        <source>Note of {quote}</source>
        <translation>{quote} 的筆記</translation>
    </message>
    <message>
        <source>Bookmark {title}</source>
        <translation>書籤 {title}</translation>
    </message>
    <message>
        <source>Remove Bookmark {title}</source>
        <translation>移除書籤 {title}</translation>
    </message>
    <message>
        <source>Bookmark Tags {title}</source>
        <translation>書籤標籤 {title}</translation>
    </message>
    <message>
        <source>Rename Tag {tag}</source>
        <translation>重新命名標籤 {tag}</translation>
    </message>
    <message>
        <source>Delete Tag {tag}</source>
        <translation>刪除標籤 {tag}</translation>
    </message>
    <message>
        <source>Remove {title} from Library</source>
        <translation>從資料庫移除 {title}</translation>
    </message>
    <message>
        <source>Remove %Ln Article(s) from Library</source>
        <translation>從資料庫移除 %Ln 篇文章</translation>
    </message>
</context>
<context>
    <name>Upgrade</name>
    <message>
        <source>Upgrading the library for this version of the app.
This happens once; your articles, highlights and notes are kept.</source>
        <translation>正在為此版本的應用程式升級資料庫。
此操作只進行一次；您的文章、標示和筆記都會保留。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stopping: the library is put back as it was…</source>
        <translation>正在停止：資料庫將還原原狀…</translation>
    </message>
</context>
<context>
    <name>Watching</name>
    <message>
        <source>Folders re-scanned every %n s</source>
        <translation>每 %n 秒重新掃描資料夾</translation>
    </message>
    <message>
        <source>The added folders are re-scanned for changes every %n s.</source>
        <translation>已加入的資料夾每 %n 秒重新掃描一次，以尋找變更。</translation>
    </message>
    <message>
        <source>The added folders cannot be watched for changes ({reason}): they are re-scanned every %n s instead.</source>
        <translation>無法監看已加入資料夾的變更（{reason}）：改為每 %n 秒重新掃描一次。</translation>
    </message>
    <message>
        <source>Too many folders to watch for changes (the system&apos;s limit of {limit} inotify watches is reached): the added folders are re-scanned every %n s instead. Raising fs.inotify.max_user_watches lets them be watched live.</source>
        <translation>要監看的資料夾太多（已達到系統 {limit} 個 inotify 監看的上限）：改為每 %n 秒重新掃描一次已加入的資料夾。調高 fs.inotify.max_user_watches 即可即時監看。</translation>
    </message>
    <message>
        <source>Watching folders</source>
        <translation>監看資料夾</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>The sample archive is being opened: twenty short articles on cross-border e-commerce in Chinese and English, so there is something to read and search right away.</source>
        <translation>正在開啟範例典藏：二十篇關於跨境電商的中英文短文，讓您馬上就有內容可以閱讀和搜尋。</translation>
    </message>
    <message>
        <source>Choose an article on the left: &lt;b&gt;j&lt;/b&gt;/&lt;b&gt;k&lt;/b&gt; or the arrow keys move, &lt;b&gt;Enter&lt;/b&gt; opens, &lt;b&gt;Space&lt;/b&gt; scrolls.</source>
        <translation>在左側選擇一篇文章：&lt;b&gt;j&lt;/b&gt;/&lt;b&gt;k&lt;/b&gt; 或方向鍵移動，&lt;b&gt;Enter&lt;/b&gt; 開啟，&lt;b&gt;Space&lt;/b&gt; 捲動。</translation>
    </message>
    <message>
        <source>To read your own saved articles, choose &lt;b&gt;File › Add Archive Folder…&lt;/b&gt; (Ctrl+O) or drop a folder on this window. Text files and saved web pages are imported; the folder is never changed.</source>
        <translation>要閱讀您自己儲存的文章，請選擇&lt;b&gt;檔案 › 新增典藏資料夾…&lt;/b&gt;（Ctrl+O），或將資料夾拖放到此視窗。文字檔和儲存的網頁會被匯入；資料夾絕不會被修改。</translation>
    </message>
    <message>
        <source>Search everything with &lt;b&gt;Ctrl+K&lt;/b&gt;: words, &quot;exact phrases&quot;, &lt;b&gt;-word&lt;/b&gt;, &lt;b&gt;OR&lt;/b&gt;, &lt;b&gt;site:&lt;/b&gt;, &lt;b&gt;title:&lt;/b&gt;, &lt;b&gt;date:2024-05&lt;/b&gt;. Help › Search Syntax has examples; Help › Keyboard Shortcuts lists the keys.</source>
        <translation>用 &lt;b&gt;Ctrl+K&lt;/b&gt; 搜尋全部內容：詞語、&quot;精確片語&quot;、&lt;b&gt;-詞語&lt;/b&gt;、&lt;b&gt;OR&lt;/b&gt;、&lt;b&gt;site:&lt;/b&gt;、&lt;b&gt;title:&lt;/b&gt;、&lt;b&gt;date:2024-05&lt;/b&gt;。說明 › 搜尋語法中有範例；說明 › 鍵盤快捷鍵列出所有按鍵。</translation>
    </message>
    <message>
        <source>Archive Reader</source>
        <translation>典藏閱讀器</translation>
    </message>
</context>
</TS>
