#!/usr/bin/env bash
# Renders the icon's PNG sizes from the SVG master (needs rsvg-convert: Debian's librsvg2-bin).
# The PNGs are committed; run this again after changing the SVG.
set -euo pipefail
cd "$(dirname "$0")"
id=io.github.acupress.Acupress
for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "hicolor/${size}x${size}/apps"
    rsvg-convert -w "$size" -h "$size" "hicolor/scalable/apps/$id.svg" -o "hicolor/${size}x${size}/apps/$id.png"
done
