#!/usr/bin/env bash
# Register the editor with the desktop for the current user: menu entry, icon, .json association.
# Usage: build/linux/install-desktop-entry.sh   (perfeval-gui must be on PATH, or edit Exec= below)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
install -Dm644 "$here/perfeval-gui.desktop" "$data/applications/perfeval-gui.desktop"
install -Dm644 "$here/perfeval-selfeval.xml" "$data/mime/packages/perfeval-selfeval.xml"
install -Dm644 "$here/../../resources/icons/perfeval.png" "$data/icons/hicolor/256x256/apps/perfeval-gui.png"
install -Dm644 "$here/../../resources/icons/perfeval.svg" "$data/icons/hicolor/scalable/apps/perfeval-gui.svg"
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
command -v xdg-mime >/dev/null && xdg-mime default perfeval-gui.desktop application/x-perfeval-selfeval || true
echo "registered perfeval-gui for $(id -un)"
