#!/usr/bin/env bash
# Installs Debian's Chromium for the end-to-end tests of the web application (npm run test:e2e),
# driven by playwright-core at /usr/bin/chromium. Idempotent; CI runs it as root on a fresh machine.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium fonts-dejavu-core
echo "chromium: $(/usr/bin/chromium --version)"
