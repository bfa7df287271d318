"""``python -m perfeval_gui.pdf FILE...``: the ``perfeval pdf`` command on its own."""

import sys

from perfeval_gui.pdf.batch import main

sys.exit(main())
