#!/usr/bin/env bash
# The Debian packages the tests need beyond Node.js, installed when missing (npm test and .ci/run
# run this first):
#   geo  PostgreSQL with pgRouting (the independent router the travel-time matrices are compared
#        with) and osmium-tool (turns the OSM XML fixtures into PBF)
#   e2e  Chromium at /usr/bin/chromium, driven by playwright-core in the end-to-end tests
#   mip  CBC (coinor-cbc), the second solver the optimisation models' files are checked with
#   queue  Redis (redis-server), which the distributed-ranking tests start on a free port (BullMQ)
# Usage: install-test-deps.sh [geo] [e2e] [mip] [queue]   (no argument: all)
# Idempotent and quiet when everything is there. Installs as root, or through sudo; without either
# it stops with one line naming the packages.
set -euo pipefail

parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(geo e2e mip queue)

# PostgreSQL's major version: the installed server's, else the one apt would install, else Debian 12's.
pg_version() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [ -n "$dir" ]; then basename "$(dirname "$dir")"; return; fi
  apt-cache depends postgresql 2>/dev/null | sed -n 's/^ *Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -n 1 | grep . || echo 15
}

missing() {
  need=()
  for part in "${parts[@]}"; do
    case "$part" in
      geo)
        local v
        v="$(pg_version)"
        # postgresql-N-pgrouting brings the postgresql-N server with it.
        if [ ! -f "/usr/share/postgresql/$v/extension/pgrouting.control" ]; then
          need+=("postgresql-$v-pgrouting")
        elif [ ! -x "/usr/lib/postgresql/$v/bin/initdb" ] || [ ! -x "/usr/lib/postgresql/$v/bin/pg_ctl" ]; then
          need+=("postgresql-$v")
        fi
        [ -x "$(command -v osmium || true)" ] || need+=(osmium-tool)
        ;;
      e2e)
        [ -x /usr/bin/chromium ] || need+=(chromium)
        [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
        ;;
      mip)
        [ -x "$(command -v cbc || true)" ] || need+=(coinor-cbc)
        ;;
      queue)
        [ -x "$(command -v redis-server || true)" ] || need+=(redis-server)
        ;;
      *)
        echo "install-test-deps.sh: unknown part '$part' (expected geo, e2e, mip or queue)" >&2
        exit 2
        ;;
    esac
  done
}

missing
if [ ${#need[@]} -eq 0 ]; then
  echo "test dependencies present (${parts[*]}: Debian packages)"
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
    sudo=(sudo)
  else
    echo "npm test needs Debian packages ${need[*]}: run as root or install them (sudo apt-get install ${need[*]})" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "npm test needs Debian packages ${need[*]}, and this system has no apt-get: install them (or their equivalents) yourself" >&2
  exit 1
fi

echo "installing Debian packages for the tests: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# The package mirrors sometimes time out; try three times. The package list is worked out again
# after apt-get update, which may name another PostgreSQL version.
for attempt in 1 2 3; do
  if "${sudo[@]}" apt-get update -qq >"$log" 2>&1 && missing \
    && "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >>"$log" 2>&1; then
    break
  fi
  if [ "$attempt" = 3 ]; then
    cat "$log" >&2
    echo "apt-get could not install ${need[*]} (output above)" >&2
    exit 1
  fi
  sleep 10
done

missing
if [ ${#need[@]} -ne 0 ]; then
  echo "still missing after installing: ${need[*]}" >&2
  exit 1
fi
echo "installed; test dependencies present (${parts[*]})"
