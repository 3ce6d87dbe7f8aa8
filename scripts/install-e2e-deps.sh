#!/usr/bin/env bash
# Debian's Chromium for the end-to-end tests (npm run test:e2e): scripts/install-test-deps.sh e2e.
exec bash "$(dirname "$0")/install-test-deps.sh" e2e
