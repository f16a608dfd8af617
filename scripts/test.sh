#!/usr/bin/env bash
# The second README command: installs what Cairn needs, builds it with AddressSanitizer and
# UndefinedBehaviorSanitizer, and runs every test with ctest (unit tests, command-line tests,
# W3C suites). Expects the shared material at ../shared (override: CAIRN_SHARED_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
shared=${CAIRN_SHARED_DIR:-$(cd .. && pwd)/shared}
scripts/build.sh asan -DCAIRN_SHARED_DIR="$shared"
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd build-asan
ctest --output-on-failure -j2
