"""Work the desktop app runs outside the window's process, and no Qt.

- ``jobs``: import a folder, re-scan on start-up (each one call of ``reader.library``),
  and ``ProcessJob``, which runs one in a child process and reads its progress back;
- ``job_process``: that child's main;
- ``search_process``: the long-lived search process and its client.

They sit beside the core rather than inside ``reader.ui`` because the child processes
must start without loading Qt; the window (``reader.ui``) drives them.
"""
