#!/usr/bin/env bash
# Installs what the geography tests need beyond Node: PostgreSQL with pgRouting (the independent
# router the travel-time matrices are compared with) and osmium-tool (converts OSM XML fixtures
# to PBF). Debian packages only; does nothing when everything is already there.
set -euo pipefail

need=()
command -v osmium >/dev/null 2>&1 || need+=(osmium-tool)
pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
dir="$(pg_bin_dir || true)"
if [ -z "$dir" ] || [ ! -x "$dir/initdb" ] || [ ! -x "$dir/pg_ctl" ]; then need+=(postgresql); fi
if ! ls /usr/share/postgresql/*/extension/pgrouting.control >/dev/null 2>&1; then need+=(postgresql-15-pgrouting); fi

if [ ${#need[@]} -eq 0 ]; then
  echo "geo test dependencies present (osmium-tool, postgresql, pgrouting)"
  exit 0
fi

echo "installing geo test dependencies: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
echo "installed: ${need[*]}"
