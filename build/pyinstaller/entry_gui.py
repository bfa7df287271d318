"""PyInstaller entry point for the `perfeval-gui` window."""

import sys

from perfeval_gui.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
