#!/usr/bin/env bash
# npm test: installs the Debian packages the tests need (scripts/install-test-deps.sh), type-checks,
# runs the unit tests (Vitest), then the end-to-end tests in Chromium (npm run test:e2e).
#   npm test -- <vitest arguments>   the unit tests only, with those arguments (e.g. a path)
# With AKUTT_TEST_REPORT_DIR set, each suite also writes a JSON report there (unit.json, e2e.json);
# .ci/run reads them for its summary lines.
set -uo pipefail
cd "$(dirname "$0")/.."
PATH="$PWD/node_modules/.bin:$PATH"

bash scripts/install-test-deps.sh || exit 1
npm run -s typecheck || exit 1

report() { # the extra reporter arguments for suite $1
  if [ -n "${AKUTT_TEST_REPORT_DIR:-}" ]; then
    mkdir -p "$AKUTT_TEST_REPORT_DIR"
    printf '%s\n' --reporter=default --reporter=json "--outputFile=$AKUTT_TEST_REPORT_DIR/$1.json"
  fi
}
mapfile -t unit_report < <(report unit)
mapfile -t e2e_report < <(report e2e)

status=0
vitest run "${unit_report[@]}" "$@" || status=1
if [ $# -gt 0 ]; then
  echo "e2e tests not run (arguments given); npm run test:e2e runs them"
else
  vitest run --config apps/web/vitest.e2e.config.ts "${e2e_report[@]}" || status=1
fi
exit $status
