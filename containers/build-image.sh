#!/usr/bin/env bash
# Builds localhost/herald:local from the Dockerfile and this checkout, on the local stand-in base images that
# setup.sh makes (run that once first), with the host's ~/.m2 mounted so Maven finds its dependencies. Layers are
# cached, so when no source file changed this takes a few seconds. The container tests run it before starting.
set -euo pipefail
cd "$(dirname "$0")/.."
source containers/limits.sh
for image in localhost/debian-jdk:bookworm localhost/debian-jre:bookworm; do
  podman image exists "$image" || { echo "build-image: $image is missing: run containers/setup.sh first" >&2; exit 1; }
done
previous=$(podman image inspect --format '{{.Id}}' localhost/herald:local 2>/dev/null || true)
m2="${HOME:-/root}/.m2"
mkdir -p "$m2"
# --format docker keeps the Dockerfile's HEALTHCHECK (the OCI format has none).
podman build -q --layers --format docker -t localhost/herald:local "${build_limits[@]}" \
  --build-arg BUILD_IMAGE=localhost/debian-jdk:bookworm \
  --build-arg BASE_IMAGE=localhost/debian-jre:bookworm \
  -v "$m2:/root/.m2" -f Dockerfile . >/dev/null
current=$(podman image inspect --format '{{.Id}}' localhost/herald:local)
# The image this one replaced, unless a container still uses it. The build stage's cached layers stay.
if [ -n "$previous" ] && [ "$previous" != "$current" ]; then podman rmi "$previous" >/dev/null 2>&1 || true; fi
# Build-stage layers of sources long since changed; today's stay for the cache.
podman image prune -f --filter until=24h >/dev/null
