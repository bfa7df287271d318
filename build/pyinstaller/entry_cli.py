"""PyInstaller entry point for the `perfeval` command line."""

import sys

from perfeval_gui.cli import main

if __name__ == "__main__":
    sys.exit(main())
