#!/usr/bin/env bash
# Sets up a fresh Debian machine for Kafkesc: native build dependencies of the Kafka client,
# the npm workspace, and the Kafka jars (cached outside the repo). Safe to run again: each step
# is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

# librdkafka (inside @confluentinc/kafka-javascript) builds from its bundled source against these.
apt_packages=(zlib1g-dev libssl-dev libzstd-dev liblz4-dev libsasl2-dev pkg-config)
# openssl makes the certificates of the harness's secure (SASL_SSL) brokers.
apt_packages+=(openssl)
# kommitted's tests: a real Prometheus (and promtool) for the rules and dashboard, headless Chromium for the web page
# and for the parser libraries' browser test (test/browser.int.test.ts).
apt_packages+=(prometheus chromium)
missing=()
for p in "${apt_packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=(); [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The client's prebuilt binary download fails on machines without open internet: build it from source,
# linked against the system libraries above.
export CKJS_LINKING=dynamic
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi
# node_modules can outlive its native build (a cleaned build tree, a copied node_modules): rebuild only the binding
if [ ! -f node_modules/@confluentinc/kafka-javascript/build/Release/confluent-kafka-javascript.node ]; then
  echo "setup: building @confluentinc/kafka-javascript's native binding"
  npm rebuild @confluentinc/kafka-javascript
fi

echo "setup: building TypeScript"
npm run build --silent

echo "setup: fetching Kafka jars"
node kafka/dist/cli.js fetch --all
