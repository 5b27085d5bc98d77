#!/usr/bin/env bash
# The failover measurements, in containers: kill an app (its HTTP health check catches it), then kill a whole
# Herald container (SWIM catches it), TRIALS times each (default 5), timing each from the kill until every
# client's getent and curl reach only the surviving app. Prints min/median/max per kind and the TTL Herald was
# handing out; fails when a trial exceeds the bound. It runs container-tests' HeraldContainersIT (which CI runs
# with one trial of each). Run containers/setup.sh once first.   Usage: containers/failover.sh [TRIALS]
set -uo pipefail
cd "$(dirname "$0")/.."
trials=${1:-5}
log=$(mktemp)
trap 'rm -f "$log"' EXIT
mvn -B -pl container-tests verify -Dit.test=HeraldContainersIT -Dherald.failover.trials="$trials" >"$log" 2>&1
status=$?
grep -E '^failover, |Tests run:|FAIL|ERROR\]' "$log" | grep -v '^\[ERROR\] *$' | head -40
exit $status
