#!/bin/sh
# Install the one-folder build (make package) for the current user, the freedesktop way:
#   ~/.local/opt/promptly/          the build
#   ~/.local/bin/promptly           a link to it
#   ~/.local/share/applications/    promptly.desktop
#   ~/.local/share/metainfo/        AppStream metadata
#   ~/.local/share/icons/hicolor/   the icons
# Autostart is switched on in Settings → General (it writes ~/.config/autostart/org.promptly.Promptly.desktop).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
build="$here/dist/promptly"
data=${XDG_DATA_HOME:-$HOME/.local/share}
[ -x "$build/promptly" ] || { echo "No build in $build: run 'make package' first." >&2; exit 1; }
mkdir -p "$HOME/.local/opt" "$HOME/.local/bin" "$data/applications" "$data/metainfo" "$data/icons"
rm -rf "$HOME/.local/opt/promptly"
cp -a "$build" "$HOME/.local/opt/promptly"
ln -sf "$HOME/.local/opt/promptly/promptly" "$HOME/.local/bin/promptly"
sed "s|^Exec=promptly|Exec=$HOME/.local/opt/promptly/promptly|" "$here/resources/promptly.desktop" \
    > "$data/applications/promptly.desktop"
cp "$here/resources/org.promptly.Promptly.metainfo.xml" "$data/metainfo/"
cp -r "$here/resources/icons/hicolor" "$data/icons/"
cp "$here/resources/icons/promptly.svg" "$data/icons/hicolor/scalable/apps/promptly.svg" 2>/dev/null || {
    mkdir -p "$data/icons/hicolor/scalable/apps"; cp "$here/resources/icons/promptly.svg" "$data/icons/hicolor/scalable/apps/"; }
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q "$data/icons/hicolor" || true
echo "Installed Promptly in $HOME/.local/opt/promptly; start it from the menu or with 'promptly'."
