#!/usr/bin/env bash
# Renders an HTML report to a PNG in headless Chromium, to look at it as a reader would.
#
#   tools/render_report.sh REPORT.html [OUT.png] [WIDTH] [HEIGHT]
#
# OUT.png defaults to REPORT.png beside the report; WIDTH to 1200 CSS pixels; HEIGHT to
# 16000, after which the blank bottom is trimmed when python3 has Pillow. The page is
# loaded from the file with the network disabled, so a report that needs anything
# outside itself shows the gap. Installs Debian's chromium when it is missing (as root).
set -euo pipefail

html=${1:?usage: tools/render_report.sh REPORT.html [OUT.png] [WIDTH] [HEIGHT]}
png=${2:-${html%.*}.png}
width=${3:-1200}
height=${4:-16000}
[ -f "$html" ] || { echo "render_report: no such file: $html" >&2; exit 66; }

browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "render_report: chromium is missing; install it with: sudo apt-get install -y chromium" >&2
        exit 69
    fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    browser=$(command -v chromium)
fi

absolute=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
    --proxy-server="127.0.0.1:9" --proxy-bypass-list="<-loopback>" \
    --window-size="$width,$height" --screenshot="$png" "file://$absolute" >/dev/null 2>&1

python3 - "$png" <<'PY' || true
import sys
try:
    from PIL import Image, ImageChops
except ImportError:
    sys.exit(0)
path = sys.argv[1]
image = Image.open(path).convert("RGB")
background = Image.new("RGB", image.size, image.getpixel((image.width - 1, image.height - 1)))
box = ImageChops.difference(image, background).getbbox()
if box:
    image.crop((0, 0, image.width, min(image.height, box[3] + 24))).save(path)
PY
echo "$png"
