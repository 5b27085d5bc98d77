#!/usr/bin/env bash
# Herald vs NSD vs Knot on one machine: the same workload, the same client, server and client on different cores.
# Not part of the build or CI; see bench/README.md. Usage: bench/run.sh [--quick]
#
# Environment knobs (defaults in brackets):
#   REPS [3]  DURATION [15]  FIXED_QPS [10000]  SERVER_CPU [0]  CLIENT_CPU [1]  OUT [/tmp/herald-bench]
#   QUIET_IDLE [85]  minimum idle % of the machine (5 s sample) before each run; QUIET_WAIT [300] seconds to wait
#   SERVERS ["herald nsd knot"]  CHURN [1] run the churn scenario  MEMORY [100000] instances for the memory
#   report (0 skips)  HERALD_JVM [see below]  HERALD_MODE [jar when app/target/herald.jar exists, else embedded]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
REPS=${REPS:-3}
DURATION=${DURATION:-15}
FIXED_QPS=${FIXED_QPS:-10000}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
OUT=${OUT:-/tmp/herald-bench}
QUIET_IDLE=${QUIET_IDLE:-85}
QUIET_WAIT=${QUIET_WAIT:-300}
SERVERS=${SERVERS:-"herald nsd knot"}
CHURN=${CHURN:-1}
MEMORY=${MEMORY:-100000}
# One core: the serial collector has no threads to compete with the event loop, and with near-zero allocation
# per query young collections are rare and short. Leak detection samples buffers with stack traces: off.
HERALD_JVM=${HERALD_JVM:-"-XX:+UseSerialGC -Xms1g -Xmx1g -Xmn256m -XX:MetaspaceSize=128m -XX:+AlwaysPreTouch -Dio.netty.leakDetection.level=disabled"}
if [[ "${1:-}" == "--quick" ]]; then
  REPS=1 DURATION=4 QUIET_WAIT=0 MEMORY=${MEMORY_QUICK:-20000}
fi

PORT_HERALD=18600 PORT_HTTP=18500 PORT_NSD=18601 PORT_KNOT=18602
JAR="$ROOT/dns-bench/target/herald-bench.jar"
HERALD_JAR=${HERALD_JAR:-"$ROOT/app/target/herald.jar"}
# jar: the packaged launcher (app/target/herald.jar) loading the workload from its config file;
# embedded: dns-bench's BenchServer (DNS server and HTTP API over an in-memory catalogue).
HERALD_MODE=${HERALD_MODE:-$([[ -f $HERALD_JAR ]] && echo jar || echo embedded)}
HZ=$(getconf CLK_TCK)
PIDS=()

log() { echo "[bench] $*" >&2; }

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

need_tools() {
  local missing=()
  for t in dnsperf nsd knotd taskset dig; do command -v "$t" >/dev/null || missing+=("$t"); done
  if ((${#missing[@]})); then
    log "installing dnsperf nsd knot bind9-dnsutils (missing: ${missing[*]})"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q dnsperf nsd knot bind9-dnsutils >/dev/null
  fi
  if [[ ! -f "$JAR" ]]; then
    log "building $JAR"
    (cd "$ROOT" && mvn -B -q -pl dns-bench -am package -DskipTests)
  fi
}

# Sum of user+system ticks of a process and all its descendants (NSD forks its serving child).
cpu_ticks() {
  local root=$1 total=0 pid
  for pid in $(descendants "$root"); do
    if [[ -r /proc/$pid/stat ]]; then
      total=$((total + $(awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
    fi
  done
  echo "$total"
}

descendants() {
  local pid=$1 child
  echo "$pid"
  for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do descendants "$child"; done
}

# Idle % of the whole machine over 5 s, from /proc/stat.
machine_idle() {
  local a b
  a=($(head -1 /proc/stat)); sleep 5; b=($(head -1 /proc/stat))
  local idle=$(( (b[4] + b[5]) - (a[4] + a[5]) )) total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  echo $((100 * idle / (total > 0 ? total : 1)))
}

wait_quiet() {
  local start=$SECONDS idle
  while true; do
    idle=$(machine_idle)
    if ((idle >= QUIET_IDLE)) || ((SECONDS - start >= QUIET_WAIT)); then
      echo "$idle"
      return
    fi
    log "machine ${idle}% idle, waiting for ${QUIET_IDLE}% (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  done
}

await_dns() {
  local port=$1 name=$2
  for _ in $(seq 1 240); do
    if dig @127.0.0.1 -p "$port" +time=1 +tries=1 +short "$name" A 2>/dev/null | grep -qE '^[0-9]'; then return 0; fi
    sleep 0.5
  done
  log "server on port $port never answered $name"; exit 1
}

start_herald() {
  if [[ $HERALD_MODE == jar ]]; then
    # The launcher as shipped, the workload from its config file; fixed TTL 5 (adaptive TTLs off) like the zone
    # file, no forwarding (NSD and Knot do not recurse either).
    # shellcheck disable=SC2086
    taskset -c "$SERVER_CPU" java $HERALD_JVM -jar "$HERALD_JAR" --config "$OUT/herald.yaml" \
        --dns-port $PORT_HERALD --http-port $PORT_HTTP --forward-enabled false --ttl-default 5s --ttl-min 5s \
        --ttl-negative 5s --ttl-stable-after 0s >"$OUT/herald.log" 2>&1 &
  else
    # shellcheck disable=SC2086
    taskset -c "$SERVER_CPU" java $HERALD_JVM -cp "$JAR" io.herald.bench.BenchServer \
        --dns-port $PORT_HERALD --http-port $PORT_HTTP >"$OUT/herald.log" 2>&1 &
  fi
  HERALD_PID=$!; PIDS+=("$HERALD_PID")
  await_dns $PORT_HERALD svc-0000.prod.service
}

start_nsd() {
  mkdir -p "$OUT/nsd"
  cat >"$OUT/nsd/nsd.conf" <<EOF
server:
  ip-address: 127.0.0.1@$PORT_NSD
  server-count: 1
  do-ip6: no
  username: ""
  chroot: ""
  zonesdir: "$OUT"
  database: ""
  zonelistfile: "$OUT/nsd/zone.list"
  xfrdfile: "$OUT/nsd/xfrd.state"
  xfrdir: "$OUT/nsd"
  pidfile: "$OUT/nsd/nsd.pid"
  logfile: "$OUT/nsd/nsd.log"
  verbosity: 0
  rrl-ratelimit: 0
remote-control:
  control-enable: no
zone:
  name: service
  zonefile: "$OUT/service.zone"
EOF
  taskset -c "$SERVER_CPU" nsd -d -c "$OUT/nsd/nsd.conf" >"$OUT/nsd/stdout.log" 2>&1 &
  NSD_PID=$!; PIDS+=("$NSD_PID")
  await_dns $PORT_NSD svc-0000.prod.service
}

start_knot() {
  mkdir -p "$OUT/knot/db"
  cat >"$OUT/knot/knot.conf" <<EOF
server:
  rundir: "$OUT/knot"
  listen: 127.0.0.1@$PORT_KNOT
  udp-workers: 1
  tcp-workers: 1
  background-workers: 1
database:
  storage: "$OUT/knot/db"
log:
  - target: stderr
    any: warning
template:
  - id: default
    storage: "$OUT"
    zonefile-sync: -1
    journal-content: none
zone:
  - domain: service
    file: "$OUT/service.zone"
EOF
  taskset -c "$SERVER_CPU" knotd -c "$OUT/knot/knot.conf" >"$OUT/knot/stdout.log" 2>&1 &
  KNOT_PID=$!; PIDS+=("$KNOT_PID")
  await_dns $PORT_KNOT svc-0000.prod.service
}

port_of() { case $1 in herald) echo $PORT_HERALD ;; nsd) echo $PORT_NSD ;; knot) echo $PORT_KNOT ;; esac; }
pid_of() { case $1 in herald) echo "$HERALD_PID" ;; nsd) echo "$NSD_PID" ;; knot) echo "$KNOT_PID" ;; esac; }

# One dnsperf run; prints "qps lost cpu% p50_ms p99_ms avg_ms qps_per_core". With a rate (-Q) every query's latency is
# taken from dnsperf -v; at peak -v would make the client the bottleneck, so only dnsperf's average is known.
run_dnsperf() {
  local server=$1 rate=$2 port pid t0 t1 out verbose=()
  port=$(port_of "$server"); pid=$(pid_of "$server")
  out="$OUT/dnsperf-$server-$rate-$RANDOM.txt"
  local args=(-s 127.0.0.1 -p "$port" -d "$OUT/queries.txt" -l "$DURATION" -q 100)
  if [[ $rate != peak ]]; then args+=(-Q "$rate" -v); fi
  t0=$(cpu_ticks "$pid")
  taskset -c "$CLIENT_CPU" dnsperf "${args[@]}" >"$out" 2>&1
  t1=$(cpu_ticks "$pid")
  local qps lost avg cpu p50=- p99=-
  qps=$(awk '/Queries per second/ {printf "%.0f", $4}' "$out")
  lost=$(awk '/Queries lost/ {print $3}' "$out")
  avg=$(awk '/Average Latency/ {printf "%.3f", $4 * 1000}' "$out")
  cpu=$(awk -v d=$((t1 - t0)) -v hz="$HZ" -v s="$DURATION" 'BEGIN {printf "%.1f", 100 * d / hz / s}')
  if [[ $rate != peak ]]; then
    read -r p50 p99 < <(awk '/^> / {print $NF * 1000}' "$out" | sort -g | awk '{v[NR] = $1}
      END {
        if (!NR) { print "- -"; exit }
        i = int(NR * 0.50); if (i < 1) i = 1
        j = int(NR * 0.99); if (j < 1) j = 1
        printf "%.3f %.3f\n", v[i], v[j]
      }')
  fi
  rm -f "$out"
  local percore
  percore=$(awk -v q="$qps" -v c="$cpu" 'BEGIN {printf "%.0f", (c > 0 ? q / (c / 100) : 0)}')
  echo "$qps $lost $cpu $p50 $p99 $avg $percore"
}

# Median of the numbers on stdin; "-" when there are none (latency percentiles of peak runs).
median() {
  { grep -v '^-$' || true; } | sort -g | awk '{v[NR] = $1}
    END { if (!NR) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

main() {
  need_tools
  mkdir -p "$OUT"
  java -cp "$JAR" io.herald.bench.Workload "$OUT" >&2
  for s in $SERVERS; do "start_$s"; done
  log "servers up: $SERVERS (herald: $HERALD_MODE; server cpu $SERVER_CPU, client cpu $CLIENT_CPU); warming up"
  for s in $SERVERS; do run_dnsperf "$s" peak >/dev/null; done

  declare -A R
  local idle_seen=()
  for rep in $(seq 1 "$REPS"); do
    for s in $SERVERS; do
      for rate in peak "$FIXED_QPS"; do
        local idle; idle=$(wait_quiet); idle_seen+=("$idle")
        R[$s,$rate,$rep]=$(run_dnsperf "$s" "$rate")
        log "rep $rep $s $rate: ${R[$s,$rate,$rep]} (machine ${idle}% idle before)"
      done
    done
  done

  echo
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); kernel $(uname -r)"
  echo "herald: $HERALD_MODE ($HERALD_JVM)"
  echo "idle before runs: ${idle_seen[*]} (%); median of $REPS runs of ${DURATION}s, server on cpu $SERVER_CPU, dnsperf on cpu $CLIENT_CPU"
  printf '%-7s %-6s %9s %6s %7s %9s %9s %9s %12s\n' server load qps lost cpu% p50_ms p99_ms avg_ms qps/core
  declare -A M
  for s in $SERVERS; do
    for rate in peak "$FIXED_QPS"; do
      local col
      # Each column is the median over the repetitions on its own (QPS per core per run, then the median).
      for col in 1 2 3 4 5 6 7; do
        M[$s,$rate,$col]=$(for rep in $(seq 1 "$REPS"); do echo "${R[$s,$rate,$rep]}" | cut -d' ' -f$col; done | median)
      done
      printf '%-7s %-6s %9.0f %6s %7s %9s %9s %9s %12.0f\n' "$s" "$rate" "${M[$s,$rate,1]}" "${M[$s,$rate,2]}" \
        "${M[$s,$rate,3]}" "${M[$s,$rate,4]}" "${M[$s,$rate,5]}" "${M[$s,$rate,6]}" "${M[$s,$rate,7]}"
    done
  done
  if [[ " $SERVERS " == *" herald "* ]]; then
    for other in nsd knot; do
      [[ " $SERVERS " == *" $other "* ]] || continue
      awk -v o="$other" -v hq="${M[herald,peak,1]}" -v oq="${M[$other,peak,1]}" \
          -v hc="${M[herald,$FIXED_QPS,3]}" -v oc="${M[$other,$FIXED_QPS,3]}" \
          -v hp="${M[herald,$FIXED_QPS,5]}" -v op="${M[$other,$FIXED_QPS,5]}" \
          -v hk="${M[herald,peak,7]}" -v ok="${M[$other,peak,7]}" 'BEGIN {
        printf "herald/%s: peak qps %.2fx, cpu@10k %.2fx, p99@10k %.2fx, qps/core %.2fx\n", o,
          oq ? hq / oq : 0, oc ? hc / oc : 0, op ? hp / op : 0, ok ? hk / ok : 0 }'
    done
  fi

  if [[ $CHURN == 1 && " $SERVERS " == *" herald "* ]]; then
    echo
    # The change path (HTTP, catalogue, index) is compiled by the JIT during its first seconds: warm it up first.
    taskset -c "$CLIENT_CPU" java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx128m -cp "$JAR" io.herald.bench.Churn \
        --http-port $PORT_HTTP --dns-port $PORT_HERALD --rate 100 --seconds "$DURATION" >/dev/null 2>&1
    for rate in peak "$FIXED_QPS"; do
      wait_quiet >/dev/null
      # The churn driver shares the client core with dnsperf; light JIT and GC keep its footprint small.
      taskset -c "$CLIENT_CPU" java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx128m -cp "$JAR" io.herald.bench.Churn --http-port $PORT_HTTP \
          --dns-port $PORT_HERALD --rate 100 --seconds "$DURATION" >"$OUT/churn.txt" 2>&1 &
      local churn=$!
      local r; r=$(run_dnsperf herald "$rate")
      wait $churn || true
      read -r q l c p50 p99 avg pc <<<"$r"
      echo "herald with 100 changes/s, $rate: qps $q lost $l cpu% $c p50 ${p50}ms p99 ${p99}ms avg ${avg}ms qps/core $pc"
      echo "  $(grep -A1 churn: "$OUT/churn.txt" || tail -3 "$OUT/churn.txt")"
    done
  fi

  if ((MEMORY > 0)); then
    echo
    # shellcheck disable=SC2086
    # No pre-touched heap here: RSS should show what the data needs.
    taskset -c "$SERVER_CPU" java -XX:+UseSerialGC -Xmx2g -cp "$JAR" io.herald.bench.BenchServer --memory "$MEMORY" \
      | grep -E '^(memory|index|rebuild)'
  fi
}

main "$@"
