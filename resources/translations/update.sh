#!/bin/sh
# Re-extract every tr()/translate() string of the Qt interface into perfeval_gui_en.ts
# (translations already made are kept; strings no longer in the code are dropped) and
# compile it to perfeval_gui_en.qm, which the application loads for `--lang en`.
# Then translate the new <translation type="unfinished"> entries (pyside6-linguist, or
# by hand) and run this script again. Chinese is the source language: no zh catalogue.
#
#   resources/translations/update.sh            # uses .venv/bin of the checkout
#   PYSIDE6_BIN=/path/to/bin resources/translations/update.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${PYSIDE6_BIN:-$root/.venv/bin}
cd "$root"
# Only the forms lupdate reads are extracted: self.tr("…") inside a class (context = class
# name), QCoreApplication.translate("context", "…") and QT_TRANSLATE_NOOP("context", "…")
# (the form spec's labels, context FormSpec); a helper such as _t(text) is not.
ts=resources/translations/perfeval_gui_en.ts
old=$(mktemp) && cp "$ts" "$old" && trap 'rm -f "$old"' EXIT
lupdate() {
  "$bin/pyside6-lupdate" -locations none -no-obsolete -source-language zh_CN -target-language en \
      perfeval_gui/ui/*.py perfeval_gui/spec.py -ts "$ts"
}
lupdate
# Strings whose code moved to another class keep their translation; lupdate again puts
# the file back in its own layout.
"$bin/python" "$here/carry_over.py" "$old" "$ts" && lupdate
"$bin/pyside6-lrelease" -removeidentical resources/translations/perfeval_gui_en.ts \
    -qm resources/translations/perfeval_gui_en.qm
