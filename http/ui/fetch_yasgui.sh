#!/usr/bin/env bash
# Fetches the YASGUI query editor's browser bundle from the npm registry into OUTDIR, checking the
# package against the integrity hash pinned here (the registry's own sha512), so a build never
# bundles anything but this exact release. Called by http/CMakeLists.txt at configure time.
# YASGUI is MIT-licensed (package.json of the release).
# Usage: fetch_yasgui.sh OUTDIR
set -euo pipefail
VERSION=4.6.2
INTEGRITY='sha512-Zw45KdPoAE1KRaAoxIHdQqeJxvaVG1oQdntw0hy0ktX35Zu8ZccuOLrXCLwR+GU+0xMzLw8Mjw6BkSZV2vUuQw=='
out=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v npm >/dev/null || { echo "fetch_yasgui: npm is not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }
(cd "$work" && npm pack --silent "@zazuko/yasgui@$VERSION" >/dev/null)
tarball=$work/zazuko-yasgui-$VERSION.tgz
got="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [[ $got != "$INTEGRITY" ]]; then
  echo "fetch_yasgui: integrity mismatch for @zazuko/yasgui@$VERSION: $got" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work" package/build/yasgui.min.js package/build/yasgui.min.css
mkdir -p "$out"
cp "$work/package/build/yasgui.min.js" "$work/package/build/yasgui.min.css" "$out/"
echo "$VERSION" >"$out/VERSION"
