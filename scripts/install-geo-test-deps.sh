#!/usr/bin/env bash
# PostgreSQL with pgRouting and osmium-tool for the geography tests: scripts/install-test-deps.sh geo.
exec bash "$(dirname "$0")/install-test-deps.sh" geo
