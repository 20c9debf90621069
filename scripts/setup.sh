#!/usr/bin/env bash
# Set up everything yingji needs, idempotently: Debian packages (when root), a virtualenv in
# .venv with the pinned Python packages and the `yingji` command. A second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: CJK fonts for pages and PDFs, HarfBuzz's subsetter (50x faster PDF fonts),
# Chromium for the browser tests, poppler-utils (pdftotext/pdftoppm) for the PDF tests.
DEBS="fonts-noto-cjk libharfbuzz-subset0 chromium poppler-utils"
python_ok() { command -v python3 >/dev/null && python3 -c "import venv, ensurepip" 2>/dev/null; }
python_ok || DEBS="$DEBS python3 python3-venv python3-pip"

missing=""
for pkg in $DEBS; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "安装系统软件包:$missing"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
  elif command -v sudo >/dev/null; then
    sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
  else
    echo "缺少系统软件包:$missing —— 请以 root 身份运行 make，或先执行 apt-get install$missing" >&2
    exit 1
  fi
fi

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv

# Reinstall only when the pinned requirements or the package metadata changed.
stamp=.venv/.yingji-setup
want=$(cat requirements.txt pyproject.toml | sha256sum | cut -c1-16)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install -q --upgrade pip 2>/dev/null || true
  .venv/bin/python -m pip install -q -r requirements.txt
  .venv/bin/python -m pip install -q --no-deps --no-build-isolation -e .
  echo "$want" > "$stamp"
fi
