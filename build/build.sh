#!/usr/bin/env bash
# One-folder desktop build with PyInstaller, then a smoke test of both programs.
# Usage: build/build.sh            → build/out/perfeval/{perfeval,perfeval-gui}
# Windows: the same steps in PowerShell (see README, "Desktop build").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/build"
python3 -m venv venv
venv/bin/python -m pip install -q --disable-pip-version-check "$root" "pyinstaller>=6.5"
venv/bin/pyinstaller --noconfirm --log-level WARN --distpath out --workpath work pyinstaller/perfeval.spec
app="$root/build/out/perfeval"
example="$app/_internal/perfeval_gui/resources/examples/seed1_key_enterprise_service.json"
tmp="$(mktemp -d)"
"$app/perfeval" --version
"$app/perfeval" pdf "$example" -o "$tmp/seed1.pdf"
grep -qa FontFile2 "$tmp/seed1.pdf" || { echo "smoke: no embedded TrueType font in the PDF" >&2; exit 1; }
QT_QPA_PLATFORM=offscreen "$app/perfeval-gui" --smoke-test "$example"
echo "smoke test passed; folder size: $(du -sh "$app" | cut -f1)"
