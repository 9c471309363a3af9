<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>About</name>
    <message>
        <source>Read and search your own offline archive of saved news articles. Nothing is fetched from the network.</source>
        <translation>阅读和搜索您自己保存的离线新闻文章存档。不会从网络获取任何内容。</translation>
    </message>
    <message>
        <source>Library data (catalogue, index, highlights, backups):</source>
        <translation>资料库数据（目录、索引、高亮、备份）：</translation>
    </message>
    <message>
        <source>Settings:</source>
        <translation>设置：</translation>
    </message>
    <message>
        <source>Archive Reader {version}</source>
        <translation>存档阅读器 {version}</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>Ti&amp;meline</source>
        <translation>时间线(&amp;M)</translation>
    </message>
    <message>
        <source>Show the articles by month above the list</source>
        <translation>在列表上方按月显示文章数</translation>
    </message>
    <message>
        <source>★ Bookmarked</source>
        <translation>★ 已加书签</translation>
    </message>
    <message>
        <source>☆ Bookmark</source>
        <translation>☆ 书签</translation>
    </message>
    <message>
        <source>Bookmark this article (Ctrl+D)</source>
        <translation>为这篇文章加书签（Ctrl+D）</translation>
    </message>
    <message>
        <source>&amp;Add Archive Folder…</source>
        <translation>添加存档文件夹(&amp;A)…</translation>
    </message>
    <message>
        <source>Import a folder of saved articles (it is only read, never changed)</source>
        <translation>导入一个保存文章的文件夹（只读取，绝不修改）</translation>
    </message>
    <message>
        <source>&amp;Re-scan Folders</source>
        <translation>重新扫描文件夹(&amp;R)</translation>
    </message>
    <message>
        <source>Look for new or changed files in the added folders</source>
        <translation>在已添加的文件夹中查找新增或更改的文件</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Search the Archive</source>
        <translation>搜索存档(&amp;S)</translation>
    </message>
    <message>
        <source>F&amp;ilter the List</source>
        <translation>筛选列表(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Find in Article…</source>
        <translation>在文章中查找(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Mark as Read/Unread</source>
        <translation>标为已读/未读(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Copy Link to Original</source>
        <translation>复制原文链接(&amp;C)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>Show &amp;Unread Only</source>
        <translation>只显示未读(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>后退(&amp;B)</translation>
    </message>
    <message>
        <source>Back to the previous article (Alt+Left)</source>
        <translation>回到上一篇文章（Alt+Left）</translation>
    </message>
    <message>
        <source>&amp;Forward</source>
        <translation>前进(&amp;F)</translation>
    </message>
    <message>
        <source>Forward again (Alt+Right)</source>
        <translation>再次前进（Alt+Right）</translation>
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
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Bookmark This Article</source>
        <translation>为这篇文章加书签(&amp;B)</translation>
    </message>
    <message>
        <source>Edit Bookmark &amp;Tags…</source>
        <translation>编辑书签标签(&amp;T)…</translation>
    </message>
    <message>
        <source>Tags for this article&apos;s bookmark, comma separated</source>
        <translation>这篇文章书签的标签，用逗号分隔</translation>
    </message>
    <message>
        <source>&amp;Bookmarks Only</source>
        <translation>只显示书签(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Highlight</source>
        <translation>高亮(&amp;H)</translation>
    </message>
    <message>
        <source>Highlight the selected passage</source>
        <translation>高亮所选段落</translation>
    </message>
    <message>
        <source>Add &amp;Note…</source>
        <translation>添加笔记(&amp;N)…</translation>
    </message>
    <message>
        <source>A note on the selected passage</source>
        <translation>为所选段落添加笔记</translation>
    </message>
    <message>
        <source>&amp;Highlights in This Article</source>
        <translation>本文的高亮(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;All Highlights</source>
        <translation>全部高亮(&amp;A)</translation>
    </message>
    <message>
        <source>This Article&apos;s Highlights as Markdown…</source>
        <translation>本文的高亮，导出为 Markdown…</translation>
    </message>
    <message>
        <source>This Article&apos;s Highlights as W3C JSON-LD…</source>
        <translation>本文的高亮，导出为 W3C JSON-LD…</translation>
    </message>
    <message>
        <source>All Highlights as Markdown…</source>
        <translation>全部高亮，导出为 Markdown…</translation>
    </message>
    <message>
        <source>All Highlights as W3C JSON-LD…</source>
        <translation>全部高亮，导出为 W3C JSON-LD…</translation>
    </message>
    <message>
        <source>&amp;Import Highlights…</source>
        <translation>导入高亮(&amp;I)…</translation>
    </message>
    <message>
        <source>Merge highlights and bookmarks from a W3C JSON-LD file (never duplicates)</source>
        <translation>从 W3C JSON-LD 文件合并高亮和书签（不会重复）</translation>
    </message>
    <message>
        <source>&amp;Back Up Now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Open Backups Folder</source>
        <translation>打开备份文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Restore from a Backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Manage Tags…</source>
        <translation>管理标签(&amp;M)…</translation>
    </message>
    <message>
        <source>Rename or delete a tag everywhere</source>
        <translation>在所有地方重命名或删除标签</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Full Screen Reading</source>
        <translation>全屏阅读(&amp;F)</translation>
    </message>
    <message>
        <source>Only the article (F11 again)</source>
        <translation>只显示文章（再按 F11 返回）</translation>
    </message>
    <message>
        <source>&amp;Print Article…</source>
        <translation>打印文章(&amp;P)…</translation>
    </message>
    <message>
        <source>as &amp;Markdown (with highlights and notes)…</source>
        <translation>Markdown 格式（含高亮和笔记）(&amp;M)…</translation>
    </message>
    <message>
        <source>as &amp;HTML (with highlights and notes)…</source>
        <translation>HTML 格式（含高亮和笔记）(&amp;H)…</translation>
    </message>
    <message>
        <source>as &amp;PDF…</source>
        <translation>PDF 格式(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Search Syntax</source>
        <translation>搜索语法(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;About Archive Reader</source>
        <translation>关于存档阅读器(&amp;A)</translation>
    </message>
    <message>
        <source>Follow &amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;System Language</source>
        <translation>系统语言(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Export &amp;Article</source>
        <translation>导出文章(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Export Highlights</source>
        <translation>导出高亮(&amp;E)</translation>
    </message>
    <message>
        <source>Highlight &amp;Backups</source>
        <translation>高亮备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Highlight in &amp;Color</source>
        <translation>用颜色高亮(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 后退</translation>
    </message>
    <message>
        <source>Forward ▶</source>
        <translation>前进 ▶</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
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
        <translation>W3C 网页注释 JSON-LD（*.jsonld *.json）</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>高亮</translation>
    </message>
    <message>
        <source>All Highlights</source>
        <translation>全部高亮</translation>
    </message>
    <message>
        <source>Highlights and Bookmarks</source>
        <translation>高亮和书签</translation>
    </message>
    <message>
        <source>The highlights could not be read: {error}</source>
        <translation>无法读取高亮：{error}</translation>
    </message>
    <message>
        <source>this article</source>
        <translation>这篇文章</translation>
    </message>
    <message>
        <source>Open an article first.</source>
        <translation>请先打开一篇文章。</translation>
    </message>
    <message>
        <source>Bookmarked (tags: {tags}): click to remove (Ctrl+D)</source>
        <translation>已加书签（标签：{tags}）：点击移除（Ctrl+D）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Bookmarked: click to remove (Ctrl+D)</source>
        <translation>已加书签：点击移除（Ctrl+D）</translation>
    </message>
    <message>
        <source>Already bookmarked.</source>
        <translation>已经加过书签。</translation>
    </message>
    <message>
        <source>None of them was bookmarked.</source>
        <translation>它们都没有书签。</translation>
    </message>
    <message>
        <source>Bookmark %Ln Article(s)</source>
        <translation>为 %Ln 篇文章加书签</translation>
    </message>
    <message>
        <source>Remove %Ln Bookmark(s)</source>
        <translation>移除 %Ln 个书签</translation>
    </message>
    <message>
        <source>Bookmarked %Ln article(s). Ctrl+Z undoes it.</source>
        <translation>已为 %Ln 篇文章加书签。Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <source>Removed %Ln bookmark(s). Ctrl+Z undoes it.</source>
        <translation>已移除 %Ln 个书签。Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <source>Bookmark removed from “{title}” (Ctrl+Z puts it back).</source>
        <translation>已移除“{title}”的书签（Ctrl+Z 可恢复）。</translation>
    </message>
    <message>
        <source>Bookmarked “{title}”. Ctrl+Shift+D adds tags; the ★ Bookmarks button above the list shows them all.</source>
        <translation>已为“{title}”加书签。Ctrl+Shift+D 添加标签；列表上方的“★ 书签”按钮显示全部书签。</translation>
    </message>
    <message>
        <source>Tags: {tags}.</source>
        <translation>标签：{tags}。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Select a passage of the article&apos;s text first, then highlight it (Ctrl+Shift+H) or add a note (Ctrl+Shift+N).</source>
        <translation>请先选中文章中的一段文字，再高亮（Ctrl+Shift+H）或添加笔记（Ctrl+Shift+N）。</translation>
    </message>
    <message>
        <source>Note added. Hover over it to see the note; right-click it to edit, recolor or delete; Ctrl+Z undoes.</source>
        <translation>已添加笔记。鼠标悬停可查看笔记；右键可编辑、改色或删除；Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <source>Highlighted. Right-click it to add a note, recolor or delete; Ctrl+Z undoes.</source>
        <translation>已高亮。右键可添加笔记、改色或删除；Ctrl+Z 可撤销。</translation>
    </message>
    <message>
        <source>That highlight is no longer there.</source>
        <translation>该高亮已不存在。</translation>
    </message>
    <message>
        <source>Highlight deleted. Edit › Undo (Ctrl+Z) brings it back.</source>
        <translation>高亮已删除。编辑 › 撤销（Ctrl+Z）可恢复。</translation>
    </message>
    <message>
        <source>This passage is no longer in the article&apos;s text (it changed); the highlight is kept with its quote: “{quote}”</source>
        <translation>这段文字已不在文章中（文章已更改）；高亮连同引文保留：“{quote}”</translation>
    </message>
    <message>
        <source>That article is not in the library at the moment (its file is gone); the highlight is kept and comes back with the file.</source>
        <translation>该文章目前不在资料库中（其文件已不存在）；高亮会保留，文件回来后随之恢复。</translation>
    </message>
    <message>
        <source>Edit Note…</source>
        <translation>编辑笔记…</translation>
    </message>
    <message>
        <source>Add Note to Highlight…</source>
        <translation>为高亮添加笔记…</translation>
    </message>
    <message>
        <source>Delete Highlight</source>
        <translation>删除高亮</translation>
    </message>
    <message>
        <source>Color</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Highlight in Color</source>
        <translation>用颜色高亮</translation>
    </message>
    <message>
        <source>Show in the Article</source>
        <translation>在文章中显示</translation>
    </message>
    <message>
        <source>Copy Quote</source>
        <translation>复制引文</translation>
    </message>
    <message>
        <source>Remove Bookmark</source>
        <translation>移除书签</translation>
    </message>
    <message>
        <source>Bookmark</source>
        <translation>加书签</translation>
    </message>
    <message>
        <source>Edit Bookmark Tags…</source>
        <translation>编辑书签标签…</translation>
    </message>
    <message>
        <source>Mark as Unread</source>
        <translation>标为未读</translation>
    </message>
    <message>
        <source>Mark as Read</source>
        <translation>标为已读</translation>
    </message>
    <message>
        <source>Mark %Ln as Read</source>
        <translation>将 %Ln 篇标为已读</translation>
    </message>
    <message>
        <source>Mark %Ln as Unread</source>
        <translation>将 %Ln 篇标为未读</translation>
    </message>
    <message>
        <source>Remove %Ln from Library…</source>
        <translation>从资料库移除 %Ln 篇…</translation>
    </message>
    <message>
        <source>Open an article to export its highlights.</source>
        <translation>请打开一篇文章以导出其高亮。</translation>
    </message>
    <message>
        <source>highlights</source>
        <translation>高亮</translation>
    </message>
    <message>
        <source>Export Highlights</source>
        <translation>导出高亮</translation>
    </message>
    <message>
        <source>%Ln highlight(s)</source>
        <translation>%Ln 处高亮</translation>
    </message>
    <message>
        <source>Exported {highlights} and {bookmarks} to {path}</source>
        <translation>已将 {highlights}和 {bookmarks}导出到 {path}</translation>
    </message>
    <message>
        <source>Exported {highlights} to {path}</source>
        <translation>已将 {highlights}导出到 {path}</translation>
    </message>
    <message>
        <source>%Ln bookmark(s)</source>
        <translation>%Ln 个书签</translation>
    </message>
    <message>
        <source>Import Highlights</source>
        <translation>导入高亮</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件（*）</translation>
    </message>
    <message>
        <source>Restore from Backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Backups (*.jsonld)</source>
        <translation>备份（*.jsonld）</translation>
    </message>
    <message>
        <source>The backups are in {folder}</source>
        <translation>备份位于 {folder}</translation>
    </message>
    <message>
        <source>Backup written: {path}</source>
        <translation>备份已写入：{path}</translation>
    </message>
    <message>
        <source>Nothing changed since the last backup.</source>
        <translation>自上次备份以来没有更改。</translation>
    </message>
    <message>
        <source>{path} could not be written ({reason}).</source>
        <translation>无法写入 {path}（{reason}）。</translation>
    </message>
    <message>
        <source>That highlight is no longer there (deleted meanwhile).</source>
        <translation>该高亮已不存在（期间已被删除）。</translation>
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
        <translation>标题</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>网站</translation>
    </message>
    <message>
        <source>Unread: {title}</source>
        <translation>未读：{title}</translation>
    </message>
    <message>
        <source>Bookmarked (tags: {tags})</source>
        <translation>已加书签（标签：{tags}）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Bookmarked</source>
        <translation>已加书签</translation>
    </message>
    <message>
        <source>%Ln highlight(s)</source>
        <translation>%Ln 处高亮</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Remove from Library</source>
        <translation>从资料库移除</translation>
    </message>
    <message>
        <source>Remove “{title}” from the library?</source>
        <translation>从资料库移除“{title}”？</translation>
    </message>
    <message>
        <source>Remove %Ln article(s) from the library?</source>
        <translation>从资料库移除 %Ln 篇文章？</translation>
    </message>
    <message>
        <source>The files stay on disk: only the library forgets them, and re-scans of the folder skip them. Highlights, notes and bookmarks are kept.</source>
        <translation>文件仍保留在磁盘上：只是资料库不再收录，重新扫描文件夹时也会跳过它们。高亮、笔记和书签都会保留。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>The articles could not be removed: {error}</source>
        <translation>无法移除这些文章：{error}</translation>
    </message>
    <message>
        <source>The articles could not be put back: {error}</source>
        <translation>无法恢复这些文章：{error}</translation>
    </message>
</context>
<context>
    <name>ArticlePage</name>
    <message>
        <source>Other copies of this story</source>
        <translation>这篇报道的其他副本</translation>
    </message>
    <message>
        <source>… and %Ln more copies.</source>
        <translation>……还有 %Ln 份副本。</translation>
    </message>
    <message>
        <source>{chars} characters, {percent} of this one</source>
        <translation>{chars} 字，为本篇的 {percent}</translation>
    </message>
    <message>
        <source>Only there: “{text}”</source>
        <translation>仅那份有：“{text}”</translation>
    </message>
    <message>
        <source>Only here: “{text}”</source>
        <translation>仅本篇有：“{text}”</translation>
    </message>
    <message>
        <source>The same text.</source>
        <translation>正文相同。</translation>
    </message>
    <message>
        <source>This article has no body text (only its title was saved).</source>
        <translation>这篇文章没有正文（只保存了标题）。</translation>
    </message>
    <message>
        <source>Edit tags</source>
        <translation>编辑标签</translation>
    </message>
    <message>
        <source>Add tags</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <source>★&amp;nbsp;Bookmarked</source>
        <translation>★&amp;nbsp;已加书签</translation>
    </message>
    <message>
        <source>the source</source>
        <translation>来源</translation>
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
        <translation>在存档中</translation>
    </message>
    <message>
        <source>Related links</source>
        <translation>相关链接</translation>
    </message>
    <message>
        <source>Linked from</source>
        <translation>链接到本文的文章</translation>
    </message>
    <message>
        <source>… and %Ln more archived article(s).</source>
        <translation>……还有 %Ln 篇存档文章。</translation>
    </message>
    <message>
        <source>Similar in the archive</source>
        <translation>存档中的相似文章</translation>
    </message>
    <message>
        <source>Looking for similar articles…</source>
        <translation>正在查找相似文章…</translation>
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
        <translation>黄色</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <source>Pink</source>
        <translation>粉色</translation>
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
        <translation>无法在 {folder} 中写入自动备份（{why}）；更改本身已保存在资料库中。</translation>
    </message>
    <message>
        <source>the backup of bookmarks and notes was not written</source>
        <translation>书签和笔记的备份未写入</translation>
    </message>
    <message>
        <source>no space left for the automatic backup in {folder}; the change itself is saved in the library. Free some space: the next change (or &apos;reader annotations backup&apos;) writes the backup.</source>
        <translation>{folder} 中没有空间写入自动备份；更改本身已保存在资料库中。请腾出一些空间：下一次更改（或 &apos;reader annotations backup&apos;）会写入备份。</translation>
    </message>
    <message>
        <source>binary data, not text or HTML</source>
        <translation>二进制数据，不是文本或 HTML</translation>
    </message>
    <message>
        <source>broken symbolic link (its target does not exist)</source>
        <translation>符号链接已失效（其目标不存在）</translation>
    </message>
    <message>
        <source>{name} cannot be used ({why}).</source>
        <translation>无法使用 {name}（{why}）。</translation>
    </message>
    <message>
        <source>The catalogue {path} cannot be opened ({error}).</source>
        <translation>无法打开目录 {path}（{error}）。</translation>
    </message>
    <message>
        <source>cannot be read: {why}</source>
        <translation>无法读取：{why}</translation>
    </message>
    <message>
        <source>this change cannot be saved</source>
        <translation>此更改无法保存</translation>
    </message>
    <message>
        <source>the catalogue {path} could not be read or written ({error}): the disk may be failing or was disconnected. Nothing was changed; check the disk, then try again.</source>
        <translation>无法读写目录 {path}（{error}）：磁盘可能出现故障或已断开连接。没有做任何更改；请检查磁盘，然后重试。</translation>
    </message>
    <message>
        <source>the change was not saved</source>
        <translation>更改未保存</translation>
    </message>
    <message>
        <source>the catalogue {path} cannot be opened: it is damaged ({detail}). Besides the articles it holds your bookmarks, highlights, notes and reading state, so do not delete it: move it aside, import the archive again to rebuild the library, and {restore}.</source>
        <translation>无法打开目录 {path}：它已损坏（{detail}）。除了文章，它还保存着您的书签、高亮、笔记和阅读状态，所以请不要删除它：把它移到别处，重新导入存档以重建资料库，{restore}。</translation>
    </message>
    <message>
        <source>the file holds a date but no title or text</source>
        <translation>文件中只有日期，没有标题或正文</translation>
    </message>
    <message>
        <source>the file disappeared while importing</source>
        <translation>导入时文件已不存在</translation>
    </message>
    <message>
        <source>{what} could not be read or written (input/output error): the disk may be failing or was disconnected. Check it, then try again.</source>
        <translation>无法读写 {what}（输入/输出错误）：磁盘可能出现故障或已断开连接。请检查磁盘，然后重试。</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>This HTML file is empty: there is no article text in it.</source>
        <translation>此 HTML 文件为空：其中没有文章正文。</translation>
    </message>
    <message>
        <source>file is {size}; only the first {read} were read</source>
        <translation>文件大小为 {size}；只读取了前 {read}</translation>
    </message>
    <message>
        <source>permission denied: the file cannot be read</source>
        <translation>权限不足：无法读取该文件</translation>
    </message>
    <message>
        <source>{path} is over {mb} MB: too big to be an annotation file; nothing was imported.</source>
        <translation>{path} 超过 {mb} MB：作为注释文件过大；未导入任何内容。</translation>
    </message>
    <message>
        <source>{path} cannot be read ({why}).</source>
        <translation>无法读取 {path}（{why}）。</translation>
    </message>
    <message>
        <source>folder cannot be read: {why}</source>
        <translation>无法读取文件夹：{why}</translation>
    </message>
    <message>
        <source>Another import is running on this library; try again when it has finished.</source>
        <translation>此资料库正在进行另一项导入；请在其完成后重试。</translation>
    </message>
    <message>
        <source>Another Archive Reader process is indexing this library; search works meanwhile and indexing resumes later.</source>
        <translation>另一个存档阅读器进程正在为此资料库建立索引；在此期间搜索仍可使用，索引稍后会继续建立。</translation>
    </message>
    <message>
        <source>The search index of this library is damaged ({reason}), and it cannot be rebuilt on a read-only library.</source>
        <translation>此资料库的搜索索引已损坏（{reason}），而只读的资料库无法重建索引。</translation>
    </message>
    <message>
        <source>The search index keeps failing its checks; the disk that holds {folder} may be failing.</source>
        <translation>搜索索引反复未通过检查；存放 {folder} 的磁盘可能出现故障。</translation>
    </message>
    <message>
        <source>The search index of this library is missing, and it cannot be rebuilt on a read-only library.</source>
        <translation>此资料库缺少搜索索引，而只读的资料库无法重建索引。</translation>
    </message>
    <message>
        <source>The search index must be rebuilt, but another Archive Reader process is writing it; try again when it has finished.</source>
        <translation>搜索索引需要重建，但另一个存档阅读器进程正在写入它；请在其完成后重试。</translation>
    </message>
    <message>
        <source>The search index is being written by another Archive Reader process; try again when it has finished.</source>
        <translation>另一个存档阅读器进程正在写入搜索索引；请在其完成后重试。</translation>
    </message>
    <message>
        <source>is a folder, not a file</source>
        <translation>是文件夹，不是文件</translation>
    </message>
    <message>
        <source>This file is not an annotation file: its JSON is nested too deeply to read.</source>
        <translation>此文件不是注释文件：其 JSON 嵌套过深，无法读取。</translation>
    </message>
    <message>
        <source>This file is not usable JSON ({error}).</source>
        <translation>此文件不是可用的 JSON（{error}）。</translation>
    </message>
    <message>
        <source>a block device</source>
        <translation>块设备</translation>
    </message>
    <message>
        <source>a character device</source>
        <translation>字符设备</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>命名管道（FIFO）</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>a special file</source>
        <translation>特殊文件</translation>
    </message>
    <message>
        <source>the library at {folder} is busy: another Archive Reader process kept it locked for too long. Try again when it has finished.</source>
        <translation>位于 {folder} 的资料库正忙：另一个存档阅读器进程锁定它的时间过长。请在其完成后重试。</translation>
    </message>
    <message>
        <source>Another Archive Reader process is using this library.</source>
        <translation>另一个存档阅读器进程正在使用此资料库。</translation>
    </message>
    <message>
        <source>symbolic link loop</source>
        <translation>符号链接循环</translation>
    </message>
    <message>
        <source>symbolic link to {target}, outside the folders being imported: not followed</source>
        <translation>指向 {target} 的符号链接，位于正在导入的文件夹之外：未跟随</translation>
    </message>
    <message>
        <source>The library folder {folder} is read-only ({why}); nothing can be changed in it.</source>
        <translation>资料库文件夹 {folder} 是只读的（{why}）；其中的任何内容都无法更改。</translation>
    </message>
    <message>
        <source>The catalogue {path} was written by a newer version of this app.</source>
        <translation>目录 {path} 由更新版本的本应用写入。</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>注意：{note}</translation>
    </message>
    <message>
        <source>nothing was lost</source>
        <translation>没有丢失任何内容</translation>
    </message>
    <message>
        <source>nothing saved before was lost</source>
        <translation>之前保存的内容均未丢失</translation>
    </message>
    <message>
        <source>This file is not JSON ({error}, line {line}).</source>
        <translation>此文件不是 JSON（{error}，第 {line} 行）。</translation>
    </message>
    <message>
        <source>could not be parsed ({detail})</source>
        <translation>无法解析（{detail}）</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <source>could not be stored in the library ({kind}: {error}); skipped</source>
        <translation>无法存入资料库（{kind}：{error}）；已跳过</translation>
    </message>
    <message>
        <source>{path} is not UTF-8 text (byte 0x{byte} at offset {offset}); annotation files are JSON-LD in UTF-8.</source>
        <translation>{path} 不是 UTF-8 文本（偏移 {offset} 处的字节 0x{byte}）；注释文件是 UTF-8 编码的 JSON-LD。</translation>
    </message>
    <message>
        <source>This file is not a W3C annotation file (no annotations in it).</source>
        <translation>此文件不是 W3C 注释文件（其中没有注释）。</translation>
    </message>
    <message>
        <source>This file is not a W3C annotation file (&quot;first&quot; is {value}, not an annotation page).</source>
        <translation>此文件不是 W3C 注释文件（&quot;first&quot; 是 {value}，不是注释页）。</translation>
    </message>
    <message>
        <source>This file is not a W3C annotation file (a page&apos;s &quot;items&quot; is {value}, not a list of annotations).</source>
        <translation>此文件不是 W3C 注释文件（某页的 &quot;items&quot; 是 {value}，不是注释列表）。</translation>
    </message>
    <message>
        <source>No annotation with id {id}.</source>
        <translation>没有 ID 为 {id} 的注释。</translation>
    </message>
    <message>
        <source>{path}: no annotations could be read ({first}).</source>
        <translation>{path}：无法读取任何注释（{first}）。</translation>
    </message>
    <message>
        <source>{path}: no annotations could be read ({first}; {n} more skipped).</source>
        <translation>{path}：无法读取任何注释（{first}；另有 {n} 条已跳过）。</translation>
    </message>
    <message>
        <source>No article with id {id}. &apos;reader list&apos; shows the ids.</source>
        <translation>没有 ID 为 {id} 的文章。&apos;reader list&apos; 会列出各 ID。</translation>
    </message>
    <message>
        <source>This HTML page has no article text (only markup, scripts or navigation).</source>
        <translation>此 HTML 页面没有文章正文（只有标记、脚本或导航）。</translation>
    </message>
    <message>
        <source>there is no backup of bookmarks and notes in {folder}, so keep the moved file: what it holds may still be recoverable</source>
        <translation>{folder} 中没有书签和笔记的备份，所以请保留移走的文件：其中的内容也许仍可恢复</translation>
    </message>
    <message>
        <source>There is no database at {path}.</source>
        <translation>{path} 处没有数据库。</translation>
    </message>
    <message>
        <source>no space left on {where}: {stopped}, and {kept}. Free some space on that disk, then {then}.</source>
        <translation>{where}已没有剩余空间：{stopped}，{kept}。请在该磁盘上腾出一些空间，然后{then}。</translation>
    </message>
    <message>
        <source>{path}: no such file</source>
        <translation>{path}：没有该文件</translation>
    </message>
    <message>
        <source>{path}: no such file or folder</source>
        <translation>{path}：没有该文件或文件夹</translation>
    </message>
    <message>
        <source>no title or text found</source>
        <translation>未找到标题或正文</translation>
    </message>
    <message>
        <source>open it again</source>
        <translation>再次打开它</translation>
    </message>
    <message>
        <source>open the library again</source>
        <translation>再次打开资料库</translation>
    </message>
    <message>
        <source>the process parsing it ended ({detail}); skipped</source>
        <translation>解析它的进程已结束（{detail}）；已跳过</translation>
    </message>
    <message>
        <source>{path}: permission denied</source>
        <translation>{path}：权限不足</translation>
    </message>
    <message>
        <source>a README/LICENSE file, not an article</source>
        <translation>README/LICENSE 文件，不是文章</translation>
    </message>
    <message>
        <source>the library at {folder} is read-only: {cannot}. Reading, listing and searching it still work.</source>
        <translation>位于 {folder} 的资料库是只读的：{cannot}。阅读、列表和搜索仍可使用。</translation>
    </message>
    <message>
        <source>its folders are not re-scanned, and reading state, bookmarks and highlights cannot be saved</source>
        <translation>不会重新扫描其文件夹，阅读状态、书签和高亮也无法保存</translation>
    </message>
    <message>
        <source>the library at {folder} is read-only ({why}): {cannot}. Reading, listing and searching it still work.</source>
        <translation>位于 {folder} 的资料库是只读的（{why}）：{cannot}。阅读、列表和搜索仍可使用。</translation>
    </message>
    <message>
        <source>then restore bookmarks, highlights and notes with &apos;reader annotations import {backup}&apos; (the newest backup in {folder})</source>
        <translation>然后用 &apos;reader annotations import {backup}&apos; 恢复书签、高亮和笔记（{folder} 中最新的备份）</translation>
    </message>
    <message>
        <source>its name, as shown, is the same name as another file in the library (one of them is not UTF-8); skipped: rename one of them</source>
        <translation>它显示出的名称与资料库中另一个文件的名称相同（其中一个不是 UTF-8）；已跳过：请重命名其中一个</translation>
    </message>
    <message>
        <source>they are saved in the library itself</source>
        <translation>它们已保存在资料库本身中</translation>
    </message>
    <message>
        <source>The search process stopped unexpectedly; it starts again with the next search.</source>
        <translation>搜索进程意外停止；下一次搜索时会重新启动。</translation>
    </message>
    <message>
        <source>{path}: {reason}</source>
        <translation>{path}：{reason}</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>……另有 {n} 个</translation>
    </message>
    <message>
        <source>Something went wrong ({kind}: {error}).</source>
        <translation>出了点问题（{kind}：{error}）。</translation>
    </message>
    <message>
        <source>{kind}, not a regular file</source>
        <translation>{kind}，不是普通文件</translation>
    </message>
    <message>
        <source>A tag cannot be empty.</source>
        <translation>标签不能为空。</translation>
    </message>
    <message>
        <source>A tag is text, not {tag}.</source>
        <translation>标签应为文本，而不是 {tag}。</translation>
    </message>
    <message>
        <source>A tag cannot contain , ; ， 、 or ； ({tag}).</source>
        <translation>标签不能包含 , ; ， 、 或 ；（{tag}）。</translation>
    </message>
    <message>
        <source>the library</source>
        <translation>资料库</translation>
    </message>
    <message>
        <source>took longer than {seconds} s to read and parse; skipped</source>
        <translation>读取和解析耗时超过 {seconds} 秒；已跳过</translation>
    </message>
    <message>
        <source>try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>cannot be decoded as text (tried {encoding})</source>
        <translation>无法解码为文本（已尝试 {encoding}）</translation>
    </message>
    <message>
        <source>the library was not closed cleanly and its latest changes, in {wal}, cannot be read here ({why}), so they may be missing from what is shown. They are not lost: open the library once where it is writable and has free space to see them.</source>
        <translation>资料库上次未正常关闭，其最新更改（在 {wal} 中）在此无法读取（{why}），所以显示的内容可能缺少这些更改。它们并未丢失：在可写且有剩余空间的位置打开一次资料库即可看到。</translation>
    </message>
    <message>
        <source>The upgrade of {path} was cancelled.</source>
        <translation>{path} 的升级已取消。</translation>
    </message>
    <message>
        <source>it must first be upgraded for this version of the app, which needs space</source>
        <translation>必须先为此版本的应用升级它，而升级需要空间</translation>
    </message>
    <message>
        <source>it must first be upgraded for this version of the app, which writes to it</source>
        <translation>必须先为此版本的应用升级它，而升级需要写入</translation>
    </message>
    <message>
        <source>Cancelled while waiting for another process.</source>
        <translation>在等待另一个进程时已取消。</translation>
    </message>
    <message>
        <source>the disk that holds {path}</source>
        <translation>存放 {path} 的磁盘</translation>
    </message>
    <message>
        <source>the library&apos;s disk</source>
        <translation>资料库所在的磁盘</translation>
    </message>
    <message>
        <source>it cannot be written</source>
        <translation>无法写入</translation>
    </message>
    <message>
        <source>no permission to write there</source>
        <translation>没有写入权限</translation>
    </message>
    <message>
        <source>no space left on its disk</source>
        <translation>其磁盘已没有剩余空间</translation>
    </message>
    <message>
        <source>read-only file system</source>
        <translation>只读文件系统</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Edit Note</source>
        <translation>编辑笔记</translation>
    </message>
    <message>
        <source>Add Note</source>
        <translation>添加笔记</translation>
    </message>
    <message>
        <source>Your note (Ctrl+Enter saves)</source>
        <translation>您的笔记（Ctrl+Enter 保存）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>Color:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <source>Delete Highlight</source>
        <translation>删除高亮</translation>
    </message>
    <message>
        <source>Bookmark Tags</source>
        <translation>书签标签</translation>
    </message>
    <message>
        <source>Tags, separated by commas, for “{title}”:</source>
        <translation>“{title}”的标签，用逗号分隔：</translation>
    </message>
    <message>
        <source>Bookmark with the tags, separated by commas, for “{title}”:</source>
        <translation>为“{title}”加书签，标签用逗号分隔：</translation>
    </message>
    <message>
        <source>e.g. trade, ports, 海关、物流</source>
        <translation>例如：贸易、港口、海关、物流</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
</context>
<context>
    <name>Find</name>
    <message>
        <source>Find in article</source>
        <translation>在文章中查找</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>上一个匹配（Shift+Enter）</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>下一个匹配（Enter）</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>%Ln found</source>
        <translation>找到 %Ln 处</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>{at} of {total}</source>
        <translation>第 {at} 处，共 {total} 处</translation>
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
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>article not in the library</source>
        <translation>文章不在资料库中</translation>
    </message>
    <message>
        <source>⚠ no longer in the text</source>
        <translation>⚠ 已不在正文中</translation>
    </message>
    <message>
        <source>Highlights in this article</source>
        <translation>本文的高亮</translation>
    </message>
    <message>
        <source>Open an article to see its highlights here.</source>
        <translation>打开一篇文章，即可在此查看其高亮。</translation>
    </message>
    <message>
        <source>No highlights in this article yet. Select a passage, then &lt;b&gt;Ctrl+Shift+H&lt;/b&gt; to highlight it or &lt;b&gt;Ctrl+Shift+N&lt;/b&gt; to add a note (or right-click it).</source>
        <translation>本文还没有高亮。选中一段文字后，按 &lt;b&gt;Ctrl+Shift+H&lt;/b&gt; 高亮，或按 &lt;b&gt;Ctrl+Shift+N&lt;/b&gt; 添加笔记（也可以右键点击）。</translation>
    </message>
    <message>
        <source>%Ln highlight(s), in reading order; {orphaned} no longer found in the text (kept with the quote, at the end).</source>
        <translation>%Ln 处高亮，按阅读顺序排列；其中 {orphaned} 处已不在正文中（连同引文保留，列在最后）。</translation>
    </message>
    <message>
        <source>%Ln highlight(s), in reading order.</source>
        <translation>%Ln 处高亮，按阅读顺序排列。</translation>
    </message>
    <message>
        <source>Filter by quote, note or title</source>
        <translation>按引文、笔记或标题筛选</translation>
    </message>
    <message>
        <source>Filter highlights</source>
        <translation>筛选高亮</translation>
    </message>
    <message>
        <source>All colors</source>
        <translation>所有颜色</translation>
    </message>
    <message>
        <source>Only highlights of this color</source>
        <translation>只显示此颜色的高亮</translation>
    </message>
    <message>
        <source>All highlights</source>
        <translation>全部高亮</translation>
    </message>
    <message>
        <source>No highlight matches.</source>
        <translation>没有匹配的高亮。</translation>
    </message>
    <message>
        <source>No highlights yet: select a passage in an article and press &lt;b&gt;Ctrl+Shift+H&lt;/b&gt;.</source>
        <translation>还没有高亮：在文章中选中一段文字，然后按 &lt;b&gt;Ctrl+Shift+H&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>The newest %Ln highlights that match; type to narrow them down.</source>
        <translation>最新的 %Ln 处匹配高亮；继续输入可缩小范围。</translation>
    </message>
    <message>
        <source>The newest %Ln highlights; type to narrow them down.</source>
        <translation>最新的 %Ln 处高亮；输入文字可缩小范围。</translation>
    </message>
    <message>
        <source>%Ln matching highlight(s), newest first.</source>
        <translation>%Ln 处匹配的高亮，最新的在前。</translation>
    </message>
    <message>
        <source>%Ln highlight(s), newest first.</source>
        <translation>%Ln 处高亮，最新的在前。</translation>
    </message>
    <message>
        <source>Highlight (no note)</source>
        <translation>高亮（无笔记）</translation>
    </message>
    <message>
        <source>Right-click to edit the note, change the color or delete.</source>
        <translation>右键点击可编辑笔记、更改颜色或删除。</translation>
    </message>
</context>
<context>
    <name>JobReports</name>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>Import cancelled</source>
        <translation>导入已取消</translation>
    </message>
    <message>
        <source>Folders re-scanned</source>
        <translation>文件夹已重新扫描</translation>
    </message>
    <message>
        <source>Folder removed</source>
        <translation>文件夹已移除</translation>
    </message>
    <message>
        <source>Folder not removed</source>
        <translation>文件夹未移除</translation>
    </message>
    <message>
        <source>{job} stopped</source>
        <translation>{job}已停止</translation>
    </message>
    <message>
        <source>{job} failed</source>
        <translation>{job}失败</translation>
    </message>
    <message>
        <source>Cancelled while waiting for another import to finish; nothing was changed.</source>
        <translation>在等待另一个导入完成时已取消；没有任何改动。</translation>
    </message>
    <message>
        <source>The folder is remembered: Re-scan Folders (F5), or the next start, imports the rest.</source>
        <translation>已记住该文件夹：“重新扫描文件夹”（F5）或下次启动时会导入其余部分。</translation>
    </message>
    <message>
        <source>{folders}: {counts} in {seconds} s.</source>
        <translation>{folders}：{counts}，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>{folders}: import cancelled after {counts} in {seconds} s.</source>
        <translation>{folders}：导入已取消，此前{counts}，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>Folders re-scanned: {counts} in {seconds} s.</source>
        <translation>文件夹已重新扫描：{counts}，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>Skipped: {names} (Details… says why).</source>
        <translation>已跳过：{names}（原因见“详细信息…”）。</translation>
    </message>
    <message>
        <source>Skipped: {names} and {n} more (Details… says why).</source>
        <translation>已跳过：{names} 及另外 {n} 个（原因见“详细信息…”）。</translation>
    </message>
    <message>
        <source>%n highlight(s) could no longer be found in the changed text: kept, and listed as no longer in the text.</source>
        <translation>有 %n 处高亮在改动后的文本中找不到了：已保留，并标为不再在文中。</translation>
    </message>
    <message>
        <source>Indexing was left for later: {reason}</source>
        <translation>索引留待稍后进行：{reason}</translation>
    </message>
    <message>
        <source>Indexing was cancelled; it resumes the next time the app starts.</source>
        <translation>索引已取消；下次启动应用时会继续。</translation>
    </message>
    <message>
        <source>The search index was damaged (or from another version) and has been rebuilt.</source>
        <translation>搜索索引已损坏（或来自其他版本），已重新建立。</translation>
    </message>
    <message>
        <source>Not available, so not re-scanned (their articles stay): {folders}.</source>
        <translation>无法访问，因此未重新扫描（其中的文章仍保留）：{folders}。</translation>
    </message>
    <message>
        <source>{folder} is no longer in the library: %n article(s) removed from it (the files are still on disk; highlights and bookmarks are kept and come back if you add the folder again).</source>
        <translation>{folder} 已不在资料库中：从中移除了 %n 篇文章（文件仍在磁盘上；高亮和书签会保留，再次添加该文件夹时会恢复）。</translation>
    </message>
    <message>
        <source>{job} stopped unexpectedly (exit status {code}). What it finished is kept; it resumes the next time the app starts.</source>
        <translation>{job}意外停止（退出状态 {code}）。已完成的部分会保留；下次启动应用时会继续。</translation>
    </message>
    <message>
        <source>{n} imported</source>
        <translation>导入 {n} 篇</translation>
    </message>
    <message>
        <source>{n} updated</source>
        <translation>更新 {n} 篇</translation>
    </message>
    <message>
        <source>{n} unchanged</source>
        <translation>{n} 篇未变</translation>
    </message>
    <message>
        <source>{n} moved</source>
        <translation>{n} 篇已移动</translation>
    </message>
    <message>
        <source>{n} removed (no longer on disk)</source>
        <translation>移除 {n} 篇（已不在磁盘上）</translation>
    </message>
    <message>
        <source>{n} skipped</source>
        <translation>跳过 {n} 个</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>Add Archive Folder</source>
        <translation>添加存档文件夹</translation>
    </message>
    <message>
        <source>{path} is not a folder that can be opened.</source>
        <translation>{path} 不是可以打开的文件夹。</translation>
    </message>
    <message>
        <source>{path} cannot be read (permission denied).</source>
        <translation>无法读取 {path}（权限被拒绝）。</translation>
    </message>
    <message>
        <source>Remove Folder</source>
        <translation>移除文件夹</translation>
    </message>
    <message>
        <source>Remove {folder} from the library?

Its articles leave the library; the files stay on disk, and your highlights and bookmarks are kept (they come back if you add the folder again).</source>
        <translation>从资料库移除 {folder}？

其中的文章将离开资料库；文件仍保留在磁盘上，您的高亮和书签也会保留（再次添加该文件夹时会恢复）。</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>Checking folders for changes</source>
        <translation>正在检查文件夹的更改</translation>
    </message>
    <message>
        <source>Placing highlights</source>
        <translation>正在定位高亮</translation>
    </message>
    <message>
        <source>Indexing</source>
        <translation>正在建立索引</translation>
    </message>
    <message>
        <source>Putting articles back</source>
        <translation>正在恢复文章</translation>
    </message>
    <message>
        <source>Waiting for another import to finish</source>
        <translation>正在等待另一个导入完成</translation>
    </message>
    <message>
        <source>Removing a folder</source>
        <translation>正在移除文件夹</translation>
    </message>
    <message>
        <source>Opening the sample archive</source>
        <translation>正在打开示例存档</translation>
    </message>
    <message>
        <source>Finding copies of the same story</source>
        <translation>查找同一报道的副本</translation>
    </message>
    <message>
        <source>Importing {folder}</source>
        <translation>正在导入 {folder}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop; what was imported so far is kept</source>
        <translation>停止；已导入的内容会保留</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>详细信息…</translation>
    </message>
    <message>
        <source>What was skipped and why, in full</source>
        <translation>完整列出跳过了什么以及原因</translation>
    </message>
    <message>
        <source>Put this message away</source>
        <translation>收起此消息</translation>
    </message>
    <message>
        <source>Close the message</source>
        <translation>关闭消息</translation>
    </message>
    <message>
        <source>{job} failed</source>
        <translation>{job}失败</translation>
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
        <translation>搜索存档（词语、&quot;短语&quot;、-词语、OR、site:、title:、lang:、date:2024-05）</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>back from search to the list; clear the filter; close find</source>
        <translation>从搜索返回列表；清除筛选；关闭查找</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>filter the list by title or site</source>
        <translation>按标题或网站筛选列表</translation>
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
        <translation>打开所选文章</translation>
    </message>
    <message>
        <source>Space / Shift+Space</source>
        <translation>Space / Shift+Space</translation>
    </message>
    <message>
        <source>scroll the article (at its end, go to the next)</source>
        <translation>滚动文章（到末尾时转到下一篇）</translation>
    </message>
    <message>
        <source>Home / End</source>
        <translation>Home / End</translation>
    </message>
    <message>
        <source>the top or the end of the article</source>
        <translation>文章的开头或末尾</translation>
    </message>
    <message>
        <source>Alt+← / Alt+→</source>
        <translation>Alt+← / Alt+→</translation>
    </message>
    <message>
        <source>back / forward (mouse buttons too)</source>
        <translation>后退 / 前进（鼠标侧键也可以）</translation>
    </message>
    <message>
        <source>Shift+↓ / Shift+↑, Ctrl+click</source>
        <translation>Shift+↓ / Shift+↑、Ctrl+点击</translation>
    </message>
    <message>
        <source>select several articles (right-click: act on all)</source>
        <translation>选择多篇文章（右键：对全部操作）</translation>
    </message>
    <message>
        <source>m  or  Ctrl+M</source>
        <translation>m  或  Ctrl+M</translation>
    </message>
    <message>
        <source>mark the selected article(s) read or unread</source>
        <translation>将所选文章标为已读或未读</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>remove the selected article(s) from the library, never from disk</source>
        <translation>从资料库移除所选文章（绝不从磁盘删除）</translation>
    </message>
    <message>
        <source>Ctrl+Shift+U</source>
        <translation>Ctrl+Shift+U</translation>
    </message>
    <message>
        <source>show unread articles only</source>
        <translation>只显示未读文章</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>find in the article (Enter: next, Shift+Enter: previous)</source>
        <translation>在文章中查找（Enter：下一个，Shift+Enter：上一个）</translation>
    </message>
    <message>
        <source>Ctrl+= / Ctrl+- / Ctrl+0</source>
        <translation>Ctrl+= / Ctrl+- / Ctrl+0</translation>
    </message>
    <message>
        <source>larger / smaller / normal text</source>
        <translation>放大 / 缩小 / 正常文字</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <source>add an archive folder (or drop one on the window)</source>
        <translation>添加存档文件夹（或拖放到窗口上）</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>re-scan the added folders for changes</source>
        <translation>重新扫描已添加的文件夹，查找更改</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>bookmark the article, or remove its bookmark (★ in the toolbar too)</source>
        <translation>为文章加书签或移除书签（也可用工具栏中的 ★）</translation>
    </message>
    <message>
        <source>Ctrl+Shift+D</source>
        <translation>Ctrl+Shift+D</translation>
    </message>
    <message>
        <source>edit the bookmark&apos;s tags (comma separated)</source>
        <translation>编辑书签的标签（用逗号分隔）</translation>
    </message>
    <message>
        <source>Ctrl+Shift+B</source>
        <translation>Ctrl+Shift+B</translation>
    </message>
    <message>
        <source>bookmarks only in the list, by tag</source>
        <translation>列表中只显示书签，可按标签筛选</translation>
    </message>
    <message>
        <source>Ctrl+Shift+H</source>
        <translation>Ctrl+Shift+H</translation>
    </message>
    <message>
        <source>highlight the selected passage (right-click: other colors)</source>
        <translation>高亮所选段落（右键：其他颜色）</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>add a note to the selection, or edit the highlight&apos;s at the cursor</source>
        <translation>为所选内容添加笔记，或编辑光标处高亮的笔记</translation>
    </message>
    <message>
        <source>Ctrl+Z / Ctrl+Shift+Z</source>
        <translation>Ctrl+Z / Ctrl+Shift+Z</translation>
    </message>
    <message>
        <source>undo / redo a highlight, note, bookmark or removal</source>
        <translation>撤销 / 重做高亮、笔记、书签或移除</translation>
    </message>
    <message>
        <source>Ctrl+Shift+A</source>
        <translation>Ctrl+Shift+A</translation>
    </message>
    <message>
        <source>this article&apos;s highlights, in reading order</source>
        <translation>本文的高亮，按阅读顺序排列</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>all highlights, newest first, filtered as you type</source>
        <translation>全部高亮，最新的在前，随输入筛选</translation>
    </message>
</context>
<context>
    <name>Links</name>
    <message>
        <source>This link is malformed; it was not opened.</source>
        <translation>此链接格式错误，未打开。</translation>
    </message>
    <message>
        <source>This archive link names no article.</source>
        <translation>此存档链接没有指向任何文章。</translation>
    </message>
    <message>
        <source>This web link has no address.</source>
        <translation>此网页链接没有地址。</translation>
    </message>
    <message>
        <source>This file is in the archive but is not an article in the library.</source>
        <translation>此文件在存档中，但不是资料库中的文章。</translation>
    </message>
    <message>
        <source>Not opened: a file: link outside the archive folders. The reader only opens files inside the archive.</source>
        <translation>未打开：这是存档文件夹之外的 file: 链接。阅读器只打开存档内的文件。</translation>
    </message>
    <message>
        <source>Not opened: javascript: links run code, and the reader never runs code from saved pages.</source>
        <translation>未打开：javascript: 链接会运行代码，而阅读器绝不运行保存的网页中的代码。</translation>
    </message>
    <message>
        <source>Not opened: data: links carry embedded content that the reader does not display.</source>
        <translation>未打开：data: 链接携带阅读器不显示的嵌入内容。</translation>
    </message>
    <message>
        <source>Not opened: a relative link with no web address (its page was not saved).</source>
        <translation>未打开：这是没有网址的相对链接（其页面未被保存）。</translation>
    </message>
    <message>
        <source>Not opened: {scheme}: links are not opened by the reader; only web (http, https) links open, in your browser.</source>
        <translation>未打开：阅读器不打开 {scheme}: 链接；只有网页（http、https）链接会在您的浏览器中打开。</translation>
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
        <translation>显示多次保存的同一报道的每一份副本（转载、摘要、修订版），而不是每篇报道一行</translation>
    </message>
    <message>
        <source>All bookmarks</source>
        <translation>全部书签</translation>
    </message>
    <message>
        <source>Filter by title or site  (Ctrl+L)</source>
        <translation>按标题或网站筛选（Ctrl+L）</translation>
    </message>
    <message>
        <source>Filter the list</source>
        <translation>筛选列表</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>未读</translation>
    </message>
    <message>
        <source>Show only unread articles</source>
        <translation>只显示未读文章</translation>
    </message>
    <message>
        <source>★ Bookmarks</source>
        <translation>★ 书签</translation>
    </message>
    <message>
        <source>Show only bookmarked articles (Ctrl+Shift+B)</source>
        <translation>只显示加了书签的文章（Ctrl+Shift+B）</translation>
    </message>
    <message>
        <source>Only the bookmarks with this tag</source>
        <translation>只显示带有此标签的书签</translation>
    </message>
    <message>
        <source>Bookmark tag</source>
        <translation>书签标签</translation>
    </message>
    <message>
        <source>Add Archive Folder…</source>
        <translation>添加存档文件夹…</translation>
    </message>
    <message>
        <source>&lt;p&gt;No article title or site contains “{words}”.&lt;/p&gt;&lt;p&gt;Press Esc to clear the filter, or search the full text with Ctrl+K.&lt;/p&gt;</source>
        <translation>&lt;p&gt;没有文章的标题或网站包含“{words}”。&lt;/p&gt;&lt;p&gt;按 Esc 清除筛选，或用 Ctrl+K 搜索全文。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No bookmark is tagged “{tag}” among the unread articles.&lt;/p&gt;&lt;p&gt;Choose another tag, or &lt;b&gt;All bookmarks&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;未读文章中没有带“{tag}”标签的书签。&lt;/p&gt;&lt;p&gt;请选择其他标签，或选择&lt;b&gt;全部书签&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No bookmark is tagged “{tag}”.&lt;/p&gt;&lt;p&gt;Choose another tag, or &lt;b&gt;All bookmarks&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;没有带“{tag}”标签的书签。&lt;/p&gt;&lt;p&gt;请选择其他标签，或选择&lt;b&gt;全部书签&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No unread bookmarked articles.&lt;/p&gt;</source>
        <translation>&lt;p&gt;没有加了书签的未读文章。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No bookmarked articles.&lt;/p&gt;</source>
        <translation>&lt;p&gt;没有加了书签的文章。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Open an article and press &lt;b&gt;Ctrl+D&lt;/b&gt; (or ★ in the toolbar) to bookmark it; turn off &lt;b&gt;★ Bookmarks&lt;/b&gt; to see every article.&lt;/p&gt;</source>
        <translation>&lt;p&gt;打开一篇文章并按 &lt;b&gt;Ctrl+D&lt;/b&gt;（或点击工具栏中的 ★）即可加书签；关闭 &lt;b&gt;★ 书签&lt;/b&gt; 可查看所有文章。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;No unread articles.&lt;/p&gt;&lt;p&gt;Turn off &lt;b&gt;Unread&lt;/b&gt; to see them all.&lt;/p&gt;</source>
        <translation>&lt;p&gt;没有未读文章。&lt;/p&gt;&lt;p&gt;关闭&lt;b&gt;未读&lt;/b&gt;即可查看全部文章。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;{busy}…&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Articles appear here as soon as the import ends.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;{busy}…&lt;/b&gt;&lt;/p&gt;&lt;p&gt;导入完成后，文章会立即显示在这里。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Your library is empty.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Choose &lt;b&gt;File › Add Archive Folder…&lt;/b&gt; (Ctrl+O), or drop a folder on this window, to import the articles you saved: text files and saved web pages, in any folder structure. The folder is only read, never changed.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;您的资料库是空的。&lt;/b&gt;&lt;/p&gt;&lt;p&gt;选择&lt;b&gt;文件 › 添加存档文件夹…&lt;/b&gt;（Ctrl+O），或将文件夹拖放到此窗口，即可导入您保存的文章：文本文件和保存的网页，文件夹结构不限。文件夹只会被读取，绝不会被修改。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>less than a minute left</source>
        <translation>剩余不到 1 分钟</translation>
    </message>
    <message>
        <source>about 1 min left</source>
        <translation>剩余约 1 分钟</translation>
    </message>
    <message>
        <source>%Ln min left</source>
        <translation>剩余 %Ln 分钟</translation>
    </message>
    <message>
        <source>Reading progress</source>
        <translation>阅读进度</translation>
    </message>
    <message>
        <source>The list could not be read: {error}</source>
        <translation>无法读取列表：{error}</translation>
    </message>
    <message>
        <source>{percent} · the end</source>
        <translation>{percent} · 已读完</translation>
    </message>
    <message>
        <source>{percent} · {left}</source>
        <translation>{percent} · {left}</translation>
    </message>
    <message>
        <source>{unread} unread of %Ln</source>
        <translation>%Ln 篇中 {unread} 篇未读</translation>
    </message>
    <message>
        <source>%Ln bookmark(s) tagged “{tag}” of {size} articles</source>
        <translation>{size} 篇文章中有 %Ln 个书签带“{tag}”标签</translation>
    </message>
    <message>
        <source>%Ln bookmark(s) of {size} articles</source>
        <translation>{size} 篇文章中有 %Ln 个书签</translation>
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
        <translation>{counts} · 已选择 %Ln 篇</translation>
    </message>
    <message>
        <source>Text size {percent}</source>
        <translation>文字大小 {percent}</translation>
    </message>
    <message>
        <source>The interface is already in this language.</source>
        <translation>界面已经是这种语言。</translation>
    </message>
    <message>
        <source>The language changes when Archive Reader is started again.</source>
        <translation>重新启动存档阅读器后，语言将会更改。</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Search Syntax</source>
        <translation>搜索语法</translation>
    </message>
    <message>
        <source>About Archive Reader</source>
        <translation>关于存档阅读器</translation>
    </message>
    <message>
        <source>%Ln article(s) removed from the library (the files are still on disk; Edit › Undo puts them back).</source>
        <translation>已从资料库移除 %Ln 篇文章（文件仍在磁盘上；编辑 › 撤销可恢复）。</translation>
    </message>
    <message>
        <source>Removed from the library</source>
        <translation>已从资料库移除</translation>
    </message>
    <message>
        <source>This article is no longer in the library; its file is still on disk.</source>
        <translation>这篇文章已不在资料库中；其文件仍在磁盘上。</translation>
    </message>
    <message>
        <source>%Ln article(s) back in the library.</source>
        <translation>%Ln 篇文章已回到资料库。</translation>
    </message>
    <message>
        <source>%Ln could not be: the file is no longer on disk.</source>
        <translation>%Ln 篇无法恢复：文件已不在磁盘上。</translation>
    </message>
    <message>
        <source>Archive Reader</source>
        <translation>存档阅读器</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>Something went wrong, but your library is safe. If it happens again, please report it with the details below.</source>
        <translation>出了点问题，但您的资料库是安全的。如果再次发生，请附上下面的详细信息报告此问题。</translation>
    </message>
</context>
<context>
    <name>Navigation</name>
    <message>
        <source>That article is no longer in the library (its file was removed or changed into something that is not an article).</source>
        <translation>该文章已不在资料库中（其文件已被删除，或已变成不是文章的内容）。</translation>
    </message>
    <message>
        <source>Similar articles are not available: {error}</source>
        <translation>无法获取相似文章：{error}</translation>
    </message>
    <message>
        <source>None found yet: the search index is still being built.</source>
        <translation>尚未找到：搜索索引仍在建立中。</translation>
    </message>
    <message>
        <source>No similar articles in the archive.</source>
        <translation>存档中没有相似文章。</translation>
    </message>
    <message>
        <source>Marked unread.</source>
        <translation>已标为未读。</translation>
    </message>
    <message>
        <source>Marked read.</source>
        <translation>已标为已读。</translation>
    </message>
    <message>
        <source>Marked %Ln article(s) read.</source>
        <translation>已将 %Ln 篇文章标为已读。</translation>
    </message>
    <message>
        <source>Marked %Ln article(s) unread.</source>
        <translation>已将 %Ln 篇文章标为未读。</translation>
    </message>
    <message>
        <source>Could not save reading state: {error}</source>
        <translation>无法保存阅读状态：{error}</translation>
    </message>
    <message>
        <source>Opened in your browser: {url}</source>
        <translation>已在浏览器中打开：{url}</translation>
    </message>
    <message>
        <source>No browser could open {url}</source>
        <translation>没有浏览器能打开 {url}</translation>
    </message>
    <message>
        <source>Edit this bookmark&apos;s tags (Ctrl+Shift+D)</source>
        <translation>编辑此书签的标签（Ctrl+Shift+D）</translation>
    </message>
    <message>
        <source>an article</source>
        <translation>一篇文章</translation>
    </message>
    <message>
        <source>Open “{title}” from the archive (offline)</source>
        <translation>从存档打开“{title}”（离线）</translation>
    </message>
    <message>
        <source>{url}  — opens in your web browser when clicked</source>
        <translation>{url}  — 点击后在网页浏览器中打开</translation>
    </message>
    <message>
        <source>This article has no link to its original.</source>
        <translation>这篇文章没有原文链接。</translation>
    </message>
    <message>
        <source>Copied {url}</source>
        <translation>已复制 {url}</translation>
    </message>
</context>
<context>
    <name>Preferences</name>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>阅读</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>资料库</translation>
    </message>
    <message>
        <source>By the article&apos;s language (Chinese and Latin fonts)</source>
        <translation>按文章的语言（中文和拉丁字体）</translation>
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
        <translation>大约这么多个汉字，或两倍数量的字母</translation>
    </message>
    <message>
        <source>Restore Defaults</source>
        <translation>恢复默认值</translation>
    </message>
    <message>
        <source>Font:</source>
        <translation>字体：</translation>
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
        <translation>行宽：</translation>
    </message>
    <message>
        <source>Theme:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>Archive folders (read, never changed):</source>
        <translation>存档文件夹（只读取，绝不修改）：</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Take this folder&apos;s articles out of the library (the files stay on disk; highlights and bookmarks are kept and come back with the folder)</source>
        <translation>将此文件夹的文章移出资料库（文件仍保留在磁盘上；高亮和书签会保留，并随文件夹一起恢复）</translation>
    </message>
    <message>
        <source>Re-scan All</source>
        <translation>全部重新扫描</translation>
    </message>
    <message>
        <source>Watch folders for changes</source>
        <translation>监视文件夹的变化</translation>
    </message>
    <message>
        <source>While the app runs, files saved into these folders are imported, changed ones updated and deleted ones removed, within seconds</source>
        <translation>应用运行时，存入这些文件夹的文件会在几秒内导入，改动的会更新，删除的会移除</translation>
    </message>
    <message>
        <source>Library data (catalogue, index, highlights, backups):</source>
        <translation>资料库数据（目录、索引、高亮、备份）：</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>打开文件夹</translation>
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
        <translation>阅读进度</translation>
    </message>
    <message>
        <source>{percent} read</source>
        <translation>已读 {percent}</translation>
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
        <translation>网页（*.html）</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF（*.pdf）</translation>
    </message>
    <message>
        <source>Open an article first: File › Export Article saves the one shown.</source>
        <translation>请先打开一篇文章：文件 › 导出文章会保存当前显示的文章。</translation>
    </message>
    <message>
        <source>Export Article as {format}</source>
        <translation>将文章导出为 {format}</translation>
    </message>
    <message>
        <source>Could not save {name}: {reason}.</source>
        <translation>无法保存 {name}：{reason}。</translation>
    </message>
    <message>
        <source>Saved “{title}” as {format}: {path}</source>
        <translation>已将“{title}”保存为 {format}：{path}</translation>
    </message>
    <message>
        <source>the PDF could not be written to {folder}</source>
        <translation>无法将 PDF 写入 {folder}</translation>
    </message>
    <message>
        <source>Open an article first: File › Print prints the one shown.</source>
        <translation>请先打开一篇文章：文件 › 打印会打印当前显示的文章。</translation>
    </message>
    <message>
        <source>Print Article</source>
        <translation>打印文章</translation>
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
        <translation>显示多次保存的同一报道的每一份副本，而不只是最匹配的一份</translation>
    </message>
    <message>
        <source>Search the archive  (Ctrl+K)</source>
        <translation>搜索存档（Ctrl+K）</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>✎ in your notes</source>
        <translation>✎ 在您的笔记中</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Best match</source>
        <translation>最佳匹配</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>最新的在前</translation>
    </message>
    <message>
        <source>Order of the results</source>
        <translation>结果的排序方式</translation>
    </message>
    <message>
        <source>Back to the article list (Esc)</source>
        <translation>返回文章列表（Esc）</translation>
    </message>
    <message>
        <source>Show more results</source>
        <translation>显示更多结果</translation>
    </message>
    <message>
        <source>Searching for “{query}”…</source>
        <translation>正在搜索“{query}”…</translation>
    </message>
    <message>
        <source>No articles match “{query}”.</source>
        <translation>没有文章匹配“{query}”。</translation>
    </message>
    <message>
        <source>%Ln article(s) ({ms} ms)</source>
        <translation>%Ln 篇文章（{ms} 毫秒）</translation>
    </message>
    <message>
        <source>about %Ln article(s) ({ms} ms)</source>
        <translation>约 %Ln 篇文章（{ms} 毫秒）</translation>
    </message>
    <message>
        <source>The search index covers {indexed} of %Ln article(s) so far; indexing continues in the background.</source>
        <translation>搜索索引目前涵盖 %Ln 篇文章中的 {indexed} 篇；索引仍在后台继续建立。</translation>
    </message>
    <message>
        <source>Search failed.</source>
        <translation>搜索失败。</translation>
    </message>
</context>
<context>
    <name>SearchNotes</name>
    <message>
        <source>The query could not be parsed; searched for its words instead</source>
        <translation>无法解析该查询；已改为搜索其中的词语</translation>
    </message>
    <message>
        <source>Nothing to search for</source>
        <translation>没有可搜索的内容</translation>
    </message>
    <message>
        <source>The query was cut to its first {n} characters</source>
        <translation>查询已截断为前 {n} 个字符</translation>
    </message>
    <message>
        <source>The search index was missing or damaged ({what}) and has been repaired</source>
        <translation>搜索索引缺失或损坏（{what}），已修复</translation>
    </message>
</context>
<context>
    <name>SearchSyntax</name>
    <message>
        <source>Articles holding every word, in the title or the text; best first.</source>
        <translation>标题或正文中包含所有词语的文章，最佳匹配在前。</translation>
    </message>
    <message>
        <source>Either script: Simplified and Traditional forms find each other, Taiwan and Hong Kong variants too.</source>
        <translation>简繁皆可：简体和繁体互相匹配，台湾和香港的用字也一样。</translation>
    </message>
    <message>
        <source>Any run of two or more Chinese characters that occurs in the text, even across word boundaries (国际贸易).</source>
        <translation>正文中出现的任意两个或以上连续汉字，即使跨越词语边界（国际贸易）。</translation>
    </message>
    <message>
        <source>An exact phrase, in double quotes.</source>
        <translation>用双引号括起来的精确短语。</translation>
    </message>
    <message>
        <source>A minus (or NOT) leaves out articles with the word.</source>
        <translation>减号（或 NOT）排除包含该词语的文章。</translation>
    </message>
    <message>
        <source>Either word; parentheses group (words are joined by AND otherwise).</source>
        <translation>任一词语；括号用于分组（否则词语之间是 AND 关系）。</translation>
    </message>
    <message>
        <source>English by stem (ships, shipping, shipped) and, with *, by prefix.</source>
        <translation>英文按词干匹配（ships、shipping、shipped），加 * 则按前缀匹配。</translation>
    </message>
    <message>
        <source>The word in the title.</source>
        <translation>标题中的词语。</translation>
    </message>
    <message>
        <source>Articles from one site (its address or its name).</source>
        <translation>来自某个网站的文章（网址或网站名称）。</translation>
    </message>
    <message>
        <source>Articles in a language: Traditional or Simplified Chinese, English.</source>
        <translation>某种语言的文章：繁体中文、简体中文或英文。</translation>
    </message>
    <message>
        <source>A year, a month, a range, or everything up to a date (an undated article matches none).</source>
        <translation>某一年、某个月、某个范围，或某日期之前的全部文章（没有日期的文章不会匹配）。</translation>
    </message>
    <message>
        <source>Your reading state, bookmarks and highlighted articles.</source>
        <translation>您的阅读状态、书签和有高亮的文章。</translation>
    </message>
    <message>
        <source>Bookmarks with a tag.</source>
        <translation>带有某个标签的书签。</translation>
    </message>
    <message>
        <source>Words in your own notes and highlights.</source>
        <translation>您自己的笔记和高亮中的词语。</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Ctrl+K&lt;/b&gt; (or &lt;b&gt;/&lt;/b&gt;) and type. Searching works offline over the whole library, in Chinese and English; filters combine with words and with each other.</source>
        <translation>按 &lt;b&gt;Ctrl+K&lt;/b&gt;（或 &lt;b&gt;/&lt;/b&gt;）后输入。搜索离线进行，涵盖整个资料库，中英文皆可；筛选条件可以与词语组合，也可以互相组合。</translation>
    </message>
    <message>
        <source>Case, full-width forms and accents do not matter (ＶＩＰ finds VIP, cafe finds café). A query with a mistake, such as an open quote, still searches for its words. Common English words (the, of, to) are skipped outside quotes. Results come best match first; the list above them can sort them newest first.</source>
        <translation>不区分大小写、全角半角和重音符号（ＶＩＰ 能找到 VIP，cafe 能找到 café）。查询有错误（例如引号未闭合）时仍会搜索其中的词语。引号之外的常见英文词（the、of、to）会被忽略。结果按最佳匹配排列；结果上方的列表可改为最新的在前。</translation>
    </message>
</context>
<context>
    <name>Tags</name>
    <message>
        <source>%Ln bookmark(s)</source>
        <translation>%Ln 个书签</translation>
    </message>
    <message>
        <source>Renamed “{old}” to “{new}” on {bookmarks} (Ctrl+Z undoes).</source>
        <translation>已将 {bookmarks}上的“{old}”重命名为“{new}”（Ctrl+Z 可撤销）。</translation>
    </message>
    <message>
        <source>Removed “{old}” from {bookmarks} (Ctrl+Z undoes).</source>
        <translation>已从 {bookmarks}移除“{old}”（Ctrl+Z 可撤销）。</translation>
    </message>
    <message>
        <source>Rename Tag</source>
        <translation>重命名标签</translation>
    </message>
    <message>
        <source>Rename “{tag}” on {bookmarks} to:</source>
        <translation>将 {bookmarks}上的“{tag}”重命名为：</translation>
    </message>
    <message>
        <source>New tag name</source>
        <translation>新标签名</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Manage Tags</source>
        <translation>管理标签</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>No tags yet: Ctrl+Shift+D tags a bookmark.</source>
        <translation>还没有标签：按 Ctrl+Shift+D 为书签添加标签。</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete Tag</source>
        <translation>删除标签</translation>
    </message>
    <message>
        <source>Remove the tag “{tag}” from {bookmarks}? The bookmarks stay; Edit › Undo puts the tag back.</source>
        <translation>从 {bookmarks}移除标签“{tag}”？书签会保留；编辑 › 撤销可恢复该标签。</translation>
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
        <translation>没有可显示的带日期文章</translation>
    </message>
    <message>
        <source>Drag across the bars to search that date range; Esc or a double-click clears it.</source>
        <translation>拖过柱条即可搜索该日期范围；按 Esc 或双击可清除。</translation>
    </message>
    <message>
        <source>Timeline of the articles shown</source>
        <translation>所显示文章的时间线</translation>
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
        <translation>{when}: 约 %Ln 篇</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <source>Note {quote}</source>
        <translation>笔记 {quote}</translation>
    </message>
    <message>
        <source>Highlight {quote}</source>
        <translation>高亮 {quote}</translation>
    </message>
    <message>
        <source>Delete {quote}</source>
        <translation>删除 {quote}</translation>
    </message>
    <message>
        <source>Color of {quote}</source>
        <translation>{quote} 的颜色</translation>
    </message>
    <message>
        <source>Note of {quote}</source>
        <translation>{quote} 的笔记</translation>
    </message>
    <message>
        <source>Bookmark {title}</source>
        <translation>书签 {title}</translation>
    </message>
    <message>
        <source>Remove Bookmark {title}</source>
        <translation>移除书签 {title}</translation>
    </message>
    <message>
        <source>Bookmark Tags {title}</source>
        <translation>书签标签 {title}</translation>
    </message>
    <message>
        <source>Rename Tag {tag}</source>
        <translation>重命名标签 {tag}</translation>
    </message>
    <message>
        <source>Delete Tag {tag}</source>
        <translation>删除标签 {tag}</translation>
    </message>
    <message>
        <source>Remove {title} from Library</source>
        <translation>从资料库移除 {title}</translation>
    </message>
    <message>
        <source>Remove %Ln Article(s) from Library</source>
        <translation>从资料库移除 %Ln 篇文章</translation>
    </message>
</context>
<context>
    <name>Upgrade</name>
    <message>
        <source>Upgrading the library for this version of the app.
This happens once; your articles, highlights and notes are kept.</source>
        <translation>正在为此版本的应用升级资料库。
此操作只进行一次；您的文章、高亮和笔记都会保留。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stopping: the library is put back as it was…</source>
        <translation>正在停止：资料库将恢复原状…</translation>
    </message>
</context>
<context>
    <name>Watching</name>
    <message>
        <source>Folders re-scanned every %n s</source>
        <translation>每 %n 秒重新扫描文件夹</translation>
    </message>
    <message>
        <source>The added folders are re-scanned for changes every %n s.</source>
        <translation>已添加的文件夹每 %n 秒重新扫描一次，以查找变化。</translation>
    </message>
    <message>
        <source>The added folders cannot be watched for changes ({reason}): they are re-scanned every %n s instead.</source>
        <translation>无法监视已添加文件夹的变化（{reason}）：改为每 %n 秒重新扫描一次。</translation>
    </message>
    <message>
        <source>Too many folders to watch for changes (the system&apos;s limit of {limit} inotify watches is reached): the added folders are re-scanned every %n s instead. Raising fs.inotify.max_user_watches lets them be watched live.</source>
        <translation>要监视的文件夹太多（已达到系统 {limit} 个 inotify 监视的上限）：改为每 %n 秒重新扫描一次已添加的文件夹。调高 fs.inotify.max_user_watches 即可实时监视。</translation>
    </message>
    <message>
        <source>Watching folders</source>
        <translation>监视文件夹</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>The sample archive is being opened: twenty short articles on cross-border e-commerce in Chinese and English, so there is something to read and search right away.</source>
        <translation>正在打开示例存档：二十篇关于跨境电商的中英文短文，让您马上就有内容可以阅读和搜索。</translation>
    </message>
    <message>
        <source>Choose an article on the left: &lt;b&gt;j&lt;/b&gt;/&lt;b&gt;k&lt;/b&gt; or the arrow keys move, &lt;b&gt;Enter&lt;/b&gt; opens, &lt;b&gt;Space&lt;/b&gt; scrolls.</source>
        <translation>在左侧选择一篇文章：&lt;b&gt;j&lt;/b&gt;/&lt;b&gt;k&lt;/b&gt; 或方向键移动，&lt;b&gt;Enter&lt;/b&gt; 打开，&lt;b&gt;Space&lt;/b&gt; 滚动。</translation>
    </message>
    <message>
        <source>To read your own saved articles, choose &lt;b&gt;File › Add Archive Folder…&lt;/b&gt; (Ctrl+O) or drop a folder on this window. Text files and saved web pages are imported; the folder is never changed.</source>
        <translation>要阅读您自己保存的文章，请选择&lt;b&gt;文件 › 添加存档文件夹…&lt;/b&gt;（Ctrl+O），或将文件夹拖放到此窗口。文本文件和保存的网页会被导入；文件夹绝不会被修改。</translation>
    </message>
    <message>
        <source>Search everything with &lt;b&gt;Ctrl+K&lt;/b&gt;: words, &quot;exact phrases&quot;, &lt;b&gt;-word&lt;/b&gt;, &lt;b&gt;OR&lt;/b&gt;, &lt;b&gt;site:&lt;/b&gt;, &lt;b&gt;title:&lt;/b&gt;, &lt;b&gt;date:2024-05&lt;/b&gt;. Help › Search Syntax has examples; Help › Keyboard Shortcuts lists the keys.</source>
        <translation>用 &lt;b&gt;Ctrl+K&lt;/b&gt; 搜索全部内容：词语、&quot;精确短语&quot;、&lt;b&gt;-词语&lt;/b&gt;、&lt;b&gt;OR&lt;/b&gt;、&lt;b&gt;site:&lt;/b&gt;、&lt;b&gt;title:&lt;/b&gt;、&lt;b&gt;date:2024-05&lt;/b&gt;。帮助 › 搜索语法中有示例；帮助 › 键盘快捷键列出所有按键。</translation>
    </message>
    <message>
        <source>Archive Reader</source>
        <translation>存档阅读器</translation>
    </message>
</context>
</TS>
