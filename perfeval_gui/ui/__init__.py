"""The editor window (PySide6): models, views, delegates, undo commands, printing, recovery."""
