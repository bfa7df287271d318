"""``python -m perfeval_gui`` runs the ``perfeval`` command (same as the console script)."""

from perfeval_gui.cli import main

raise SystemExit(main())
