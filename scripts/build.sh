#!/usr/bin/env bash
# Configures and builds Cairn in build-<kind>/ (kind: release, asan, debug).
# Usage: scripts/build.sh [release|asan|debug] [extra cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-release}
shift || true
case $kind in
  release) args=(-DCMAKE_BUILD_TYPE=Release) ;;
  asan) args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCAIRN_SANITIZE=ON) ;;
  debug) args=(-DCMAKE_BUILD_TYPE=Debug) ;;
  *) echo "usage: $0 [release|asan|debug]" >&2; exit 2 ;;
esac
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B "build-$kind" "${args[@]}" "$@" >/dev/null
cmake --build "build-$kind" -j"$jobs"
