#!/usr/bin/env bash
# Installs what `mvn -B verify` needs beyond Java and Maven, on Debian, as root: dig (DNS client tests), iproute2
# (network-namespace tests) and rootful podman with Herald's image (container tests, see containers/setup.sh).
# Idempotent: a second run only rebuilds the Herald image when a source changed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
command -v dig >/dev/null || packages+=(bind9-dnsutils)
command -v ip >/dev/null || packages+=(iproute2)
if [ ${#packages[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
fi

bash containers/setup.sh
