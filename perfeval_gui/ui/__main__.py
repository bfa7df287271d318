"""``python -m perfeval_gui.ui [FILE]``: the same as ``perfeval-gui``."""

import sys

from perfeval_gui.ui.app import main

sys.exit(main())
