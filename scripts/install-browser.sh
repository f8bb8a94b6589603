#!/bin/sh
# Installs Debian's chromium and a CJK font for the console's browser tests, when missing (run as root; CI calls it).
set -eu
missing=""
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing="$missing chromium"
dpkg -s fonts-wqy-zenhei >/dev/null 2>&1 || missing="$missing fonts-wqy-zenhei"
if [ -z "$missing" ]; then
  echo "chromium and fonts-wqy-zenhei are installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "run as root to install:$missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
