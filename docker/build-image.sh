#!/usr/bin/env bash
# Builds the tools' container images from docker/Dockerfile, one target each, and tags them
# kafkesc/<tool>:<version> and :latest: ksunami and kommitted by default, or the tools named as arguments.
# With docker when a Docker daemon answers, with podman otherwise (installed with apt when missing, as root).
# Works offline: when the base image (the Dockerfile's BASE_IMAGE) is neither present nor pullable, it is made
# locally under that same name (docker/base/prepare-base.sh: Debian bookworm from debootstrap, Node from npm),
# and the build never pulls. Safe to run again: the base and unchanged layers are reused.
#
# Usage: bash docker/build-image.sh [ksunami] [kommitted]
# Environment:
#   KAFKESC_IMAGE_NAMESPACE  namespace of the repositories to tag (default kafkesc: kafkesc/ksunami, kafkesc/kommitted)
#   KAFKESC_BASE_IMAGE     base image (default: the Dockerfile's ARG BASE_IMAGE, node:24-bookworm-slim)
#   KAFKESC_BASE_PULL=0    never try to pull the base; make it locally when missing
#   KAFKESC_HOST_CA        CA bundle the build trusts for the npm registry, for TLS-inspecting proxies
#                          (default /etc/ssl/certs/ca-certificates.crt when it exists; empty: none). It is handed
#                          to the build as a secret: it is in no layer of the image.
#   KAFKESC_IMAGE_ENGINE   docker or podman, to choose (see docker/engine.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
engine=docker/engine.sh

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. The engine: docker if a daemon answers, else podman (with runc and debootstrap for the local base).
if [ -z "${KAFKESC_IMAGE_ENGINE:-}" ] && ! { command -v docker > /dev/null && docker info > /dev/null 2>&1; }; then
  missing=()
  for p in podman runc debootstrap; do dpkg -s "$p" > /dev/null 2>&1 || missing+=("$p"); done
  if ((${#missing[@]})); then
    echo "image: installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
  fi
fi
echo "image: engine $("$engine" --which) ($("$engine" --version))"

# 2. The base image, under the exact name the FROM line resolves to.
base=${KAFKESC_BASE_IMAGE:-$(sed -n 's/^ARG BASE_IMAGE=//p' docker/Dockerfile)}
case $base in
  */*/*|localhost/*) qualified=$base ;;                                                    # registry/namespace/name
  */*) first=${base%%/*}; case $first in *.*|*:*) qualified=$base ;; *) qualified=docker.io/$base ;; esac ;;
  *) qualified=docker.io/library/$base ;;
esac
started=$(now)
if ! "$engine" image inspect "$qualified" > /dev/null 2>&1; then
  if [ "${KAFKESC_BASE_PULL:-1}" != 0 ] && timeout 600 "$engine" pull "$qualified" > /dev/null 2>&1; then
    echo "image: base $qualified pulled"
  else
    echo "image: base $qualified cannot be pulled: making it locally"
    bash docker/base/prepare-base.sh "$engine" "$qualified"
  fi
elif "$engine" image inspect --format '{{ json .Config.Labels }}' "$qualified" | grep -q '"io.kafkesc.base.recipe"'; then
  bash docker/base/prepare-base.sh "$engine" "$qualified" # made here before: reused, or remade when its recipe changed
else
  echo "image: base $qualified is present, used as is"
fi
base_secs=$(since "$started")

# 3. The images: one target of the Dockerfile each, sharing the build stage and the runtime base layers.
tools=("$@")
((${#tools[@]})) || tools=(ksunami kommitted)
namespace=${KAFKESC_IMAGE_NAMESPACE:-kafkesc}
revision=$(git rev-parse HEAD 2> /dev/null || echo unknown)
client=$(node -p 'require("./package-lock.json").packages["node_modules/@confluentinc/kafka-javascript"].version')
ca=${KAFKESC_HOST_CA-/etc/ssl/certs/ca-certificates.crt}
for tool in "${tools[@]}"; do
  case $tool in
    ksunami | kommitted) ;;
    *) echo "image: unknown tool '$tool' (ksunami or kommitted)" >&2; exit 2 ;;
  esac
  repo=$namespace/$tool
  version=$(node -p "require('./packages/$tool/package.json').version")
  build_args=(-f docker/Dockerfile --target "$tool" -t "$repo:$version" -t "$repo:latest"
    --build-arg "BASE_IMAGE=$qualified" --build-arg "${tool^^}_VERSION=$version" --build-arg "REVISION=$revision"
    --build-arg "CKJS_VERSION=$client")
  [ -n "$ca" ] && [ -s "$ca" ] && build_args+=(--secret "id=host-ca,src=$ca")
  # podman: the base is local (never pulled), the build's RUN steps use the host's network as the tests do, and the
  # docker format keeps kommitted's HEALTHCHECK (the OCI format has no place for it).
  [ "$("$engine" --which)" = podman ] && build_args+=(--pull=never --network=host --format=docker)
  log=${TMPDIR:-/tmp}/kafkesc-image-build-$tool.log
  echo "image: building $repo:$version (log: $log)"
  started=$(now)
  if ! "$engine" build "${build_args[@]}" . > "$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "image: build of $repo failed" >&2
    exit 1
  fi
  build_secs=$(since "$started")
  size=$("$engine" image inspect --format '{{.Size}}' "$repo:$version")
  echo "image: $repo:$version and :latest, $((size / 1000000)) MB; base ${base_secs} s, build ${build_secs} s"
done
