"""docs/ is installed as the package ``perfeval_gui.resources.help`` (pyproject package-dir) so
that the window's 帮助 → 填表说明 shows docs/user-guide.md itself: one file, no copy to drift.
Only user-guide.md is shipped (package-data); this file makes the folder importable in an
editable install too."""
