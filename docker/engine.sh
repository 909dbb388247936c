#!/usr/bin/env bash
# Runs the container engine with the given arguments: docker when a Docker daemon answers, podman otherwise, with the
# settings that podman needs on machines like CI's (runc with cgroupfs, and docker/podman/containers.conf).
# The image build (build-image.sh) and the image tests go through it, so they always agree on the engine.
#
# Usage: docker/engine.sh ARGS...      e.g. docker/engine.sh run --rm kafkesc/ksunami:latest --version
#        docker/engine.sh --which      prints the engine it picks (docker or podman)
# Environment: KAFKESC_IMAGE_ENGINE=docker|podman forces one; KAFKESC_PODMAN_RUNTIME (default runc) and
# KAFKESC_PODMAN_CGROUP_MANAGER (default cgroupfs) change podman's; CONTAINERS_CONF, when set, is kept.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

engine=${KAFKESC_IMAGE_ENGINE:-}
if [ -z "$engine" ]; then
  if command -v docker > /dev/null && docker info > /dev/null 2>&1; then
    engine=docker
  elif command -v podman > /dev/null; then
    engine=podman
  else
    echo "engine.sh: no container engine: neither a Docker daemon answers nor podman is installed" >&2
    exit 127
  fi
fi

if [ "${1:-}" = "--which" ]; then
  echo "$engine"
  exit 0
fi

case $engine in
  docker)
    export DOCKER_BUILDKIT=1 # build secrets and cache mounts
    exec docker "$@"
    ;;
  podman)
    export CONTAINERS_CONF=${CONTAINERS_CONF:-$here/podman/containers.conf}
    exec podman --runtime "${KAFKESC_PODMAN_RUNTIME:-runc}" --cgroup-manager="${KAFKESC_PODMAN_CGROUP_MANAGER:-cgroupfs}" "$@"
    ;;
  *)
    echo "engine.sh: unknown engine '$engine' (docker or podman)" >&2
    exit 2
    ;;
esac
