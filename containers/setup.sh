#!/usr/bin/env bash
# Prepares this machine to run Herald in containers without any image registry, then builds the Herald image
# from this checkout. Idempotent: what is already in place is kept, so a second run only rebuilds the Herald
# image (and Maven runs again only when a source file changed). Needs root (rootful podman).
#
#   localhost/debian-base:bookworm  mmdebstrap of Debian's mirror, imported into podman
#   localhost/debian-jdk:bookworm   + JDK 17 and Maven from Debian      (stand-in for the Dockerfile's BUILD_IMAGE)
#   localhost/debian-jre:bookworm   + jlinked Java 17 runtime, python3, curl, dig (stand-in for BASE_IMAGE)
#   localhost/herald:local          the Dockerfile, built on the two stand-ins with the host's ~/.m2
set -euo pipefail
cd "$(dirname "$0")/.."
here=containers
started=$SECONDS
log() { printf 'setup: %s (%ss)\n' "$*" $((SECONDS - started)); }

# --- packages -------------------------------------------------------------------------------------------------
needed=()
for pair in podman:podman buildah:buildah runc:runc newuidmap:uidmap slirp4netns:slirp4netns \
            fuse-overlayfs:fuse-overlayfs mmdebstrap:mmdebstrap jlink:openjdk-17-jdk-headless; do
  command -v "${pair%%:*}" >/dev/null || needed+=("${pair#*:}")
done
if [ ${#needed[@]} -gt 0 ]; then
  log "installing ${needed[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${needed[@]}" >/dev/null
fi

# --- podman configuration -------------------------------------------------------------------------------------
# runc: crun cannot run under this host's hybrid cgroups. Subnets only from 198.18.0.0/15 (the benchmarking
# range, never routed). Limits: see limits.sh.
source "$here/limits.sh"
conf=$(cat <<EOF
# Written by Herald's containers/setup.sh.
[containers]
default_ulimits = ["nofile=${nofile}:${nofile}", "nproc=${nproc}:${nproc}"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"

[network]
default_subnet = "198.19.0.0/24"
default_subnet_pools = [{"base" = "198.19.0.0/16", "size" = 24}]
EOF
)
if [ "$(cat /etc/containers/containers.conf 2>/dev/null)" != "$conf" ]; then
  log "writing /etc/containers/containers.conf"
  mkdir -p /etc/containers
  printf '%s\n' "$conf" > /etc/containers/containers.conf
fi
podman info >/dev/null
build() { podman build -q "${build_limits[@]}" "$@" >/dev/null; }

# --- images -----------------------------------------------------------------------------------------------------
# A derived image carries the hash of what it was made from; it is rebuilt only when that changes.
recipe_of() { podman image inspect --format '{{index .Labels "herald.recipe"}}' "$1" 2>/dev/null || true; }

if ! podman image exists localhost/debian-base:bookworm; then
  mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | grep -v security | head -1)
  mirror=${mirror:-http://deb.debian.org/debian}
  log "making localhost/debian-base:bookworm from $mirror"
  mmdebstrap --quiet --variant=apt bookworm - "$mirror" | podman import -q - localhost/debian-base:bookworm >/dev/null
fi

base_id=$(podman image inspect --format '{{.Id}}' localhost/debian-base:bookworm)
recipe=$( (cat "$here/debian-jdk.Containerfile"; echo "$base_id") | sha256sum | cut -c1-16)
if [ "$(recipe_of localhost/debian-jdk:bookworm)" != "$recipe" ]; then
  log "building localhost/debian-jdk:bookworm"
  build --label herald.recipe="$recipe" -t localhost/debian-jdk:bookworm -f "$here/debian-jdk.Containerfile" "$here"
fi

# The runtime is jlinked from the host's JDK 17 (a few seconds, ~50 MB) rather than downloaded.
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml
modules=$modules,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs
java_home=$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")
recipe=$( (cat "$here/debian-jre.Containerfile"; echo "$modules $base_id"; cat "$java_home/release") \
  | sha256sum | cut -c1-16)
if [ "$(recipe_of localhost/debian-jre:bookworm)" != "$recipe" ]; then
  log "building localhost/debian-jre:bookworm"
  ctx=$(mktemp -d)
  trap 'rm -rf "$ctx"' EXIT
  jlink --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 --output "$ctx/openjdk"
  build --label herald.recipe="$recipe" -t localhost/debian-jre:bookworm -f "$here/debian-jre.Containerfile" "$ctx"
  rm -rf "$ctx"
  trap - EXIT
fi

log "building localhost/herald:local"
"$here/build-image.sh"
podman run --rm --no-healthcheck localhost/herald:local --version
log "ready"
