#!/usr/bin/env bash
# Installs every Debian 12 package Cairn needs to build, run and test.
# Usage: scripts/install-deps.sh [--bench]   (--bench adds the peers used by tests/bench)
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO="sudo"

packages=(
  g++ cmake make pkg-config ccache          # toolchain
  librocksdb-dev                           # storage engine
  libserd-dev libsord-dev serdi            # RDF syntax (serdi: parse-rate reference)
  libboost1.81-dev                         # Beast, Asio, Spirit X3, JSON
  libcli11-dev                             # command-line parsing
  libxxhash-dev                            # dictionary hashing (XXH3-128)
  libabsl-dev                              # flat hash maps in the bulk loader
  zlib1g-dev zstd                          # .gz input; benchmark data is .zst
  catch2                                   # unit tests (v2)
  raptor2-utils                            # rapper: independent RDF parser for cross-checks
  time                                     # GNU time: peak memory in benchmarks
  libicu-dev                               # SPARQL UCASE/LCASE case mapping, REGEX/REPLACE (ICU regex)
  libssl-dev                               # SPARQL MD5/SHA1/SHA256/SHA384/SHA512 (libcrypto)
  libexpat1-dev                            # SPARQL XML results (SRX) reader
  curl                                     # tests/http: end-to-end checks of cairn serve
  chromium                                 # tests/http: headless browser checks of the HTML pages
  nodejs npm openssl                       # the YASGUI query page (fetched from npm at configure time, sha512-checked)
  python3-rdflib                           # tests/http: W3C Protocol/GSP manifests, RDF in answers
  python3-sparqlwrapper                    # tests/http: a real SPARQL client against cairn serve
)
if [[ ${1:-} == --bench ]]; then
  packages+=(virtuoso-opensource)
  packages+=(wrk)                          # tests/bench/http_bench.sh: HTTP load generator
fi

missing=()
for p in "${packages[@]}"; do
  # A Node.js from elsewhere (NodeSource's nodejs bundles npm) is as good as Debian's npm.
  [[ $p == npm ]] && command -v npm >/dev/null && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
