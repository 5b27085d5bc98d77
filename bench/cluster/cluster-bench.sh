#!/usr/bin/env bash
# Herald (Atomix SWIM) vs Serf (memberlist) clusters of N processes on 127.0.0.1: time to form from a cold start,
# time until every survivor knows of a SIGKILLed member (and, for Herald, stops answering its instance in DNS),
# time for the killed member to rejoin under its old name, and idle CPU and RSS per agent.
# Not part of the build or CI; see bench/cluster/README.md.
#
# Usage: bench/cluster/cluster-bench.sh [options]
#   --nodes "5 10 20"     cluster sizes
#   --trials 5            SIGKILL trials per cluster size (the victim is restarted under its name between trials)
#   --cold-starts 3       cold starts per cluster size (formation time is measured on each)
#   --idle 60             idle window in seconds for CPU and RSS
#   --systems "herald serf"
#   --profile lan         Herald cluster.profile and Serf -profile (lan, wan or local)
#   --serf-retry 5s       Serf -retry-interval; 5s matches Herald's lan cluster.rejoin_interval
#   --soak [SECONDS]      instead of the benchmark: a quiet 5-node Herald cluster for SECONDS (default 600),
#                         counting every member any node lists as not alive (polled every 500 ms)
#   --build               build app/target/herald.jar first (otherwise only when it is missing)
#   --out DIR             where results-<N>.md go (default: this folder)
#   --keep-logs           keep the temporary directory with every node's log
#   environment HERALD_JVM  Herald's JVM flags [-Xms16m -Xmx256m -XX:+UseSerialGC]
set -euo pipefail
ARGS_TEXT=""
for arg in "$@"; do [[ $arg == *" "* ]] && arg="\"$arg\""; ARGS_TEXT+="${ARGS_TEXT:+ }$arg"; done

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
HELPER="$HERE/clusterbench.py"

NODES="5 10 20"
TRIALS=5
COLD_STARTS=3
IDLE=60
SYSTEMS="herald serf"
PROFILE=lan
SERF_RETRY=5s
SOAK=0
BUILD=0
OUT="$HERE"
KEEP_LOGS=0
FORM_DEADLINE=240   # seconds for N cold JVMs on a busy 2-core host
REJOIN_DEADLINE=120
KILL_DEADLINE=60
SETTLE=10           # seconds of quiet after the last restart, before the idle window
# Herald's JVM flags (environment). A small initial heap: the JVM default (1/64 of RAM) is what made RSS ~200 MiB.
HERALD_JVM=${HERALD_JVM:-"-Xms16m -Xmx256m -XX:+UseSerialGC"}

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }

while (($#)); do
  case "$1" in
    --nodes) NODES=$2; shift 2 ;;
    --trials) TRIALS=$2; shift 2 ;;
    --cold-starts) COLD_STARTS=$2; shift 2 ;;
    --idle) IDLE=$2; shift 2 ;;
    --systems) SYSTEMS=$2; shift 2 ;;
    --profile) PROFILE=$2; shift 2 ;;
    --serf-retry) SERF_RETRY=$2; shift 2 ;;
    --soak)
      if [[ ${2:-} =~ ^[0-9]+$ ]]; then SOAK=$2; shift 2; else SOAK=600; shift; fi ;;
    --build) BUILD=1; shift ;;
    --out) OUT=$2; shift 2 ;;
    --keep-logs) KEEP_LOGS=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for v in TRIALS COLD_STARTS IDLE SOAK; do
  [[ ${!v} =~ ^[0-9]+$ ]] || { flag=${v,,}; echo "--${flag//_/-} must be a whole number, got '${!v}'" >&2; exit 2; }
done
for n in $NODES; do
  [[ $n =~ ^[0-9]+$ ]] && ((n >= 3 && n <= 60)) || { echo "--nodes: each size must be 3..60, got '$n'" >&2; exit 2; }
done
((COLD_STARTS >= 1)) || { echo "--cold-starts must be at least 1" >&2; exit 2; }
[[ $PROFILE =~ ^(lan|wan|local)$ ]] || { echo "--profile must be lan, wan or local, got '$PROFILE'" >&2; exit 2; }

log() { echo "[cluster-bench $(date +%T)] $*" >&2; }
helper() { python3 "$HELPER" "$@"; }
measure() {  # VAR args...: a long helper step in the background, so that a signal interrupts the wait at once
  local var=$1 pid rc=0
  shift
  python3 "$HELPER" "$@" >"$WORK/step.out" &
  pid=$!
  STARTED[$pid]=helper
  wait "$pid" || rc=$?
  unset "STARTED[$pid]"
  printf -v "$var" '%s' "$(<"$WORK/step.out")"
  return "$rc"
}
field() {  # a number from the helper's JSON on stdin, or null when it is absent or the JSON is broken
  python3 -c '
import json, sys
try:
    v = json.load(sys.stdin).get(sys.argv[1])
except (ValueError, AttributeError):
    v = None
print("null" if v is None else v)' "$1"
}
join_by() { local IFS=$1; shift; echo "$*"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# ---------------------------------------------------------------- processes: started here, stopped here, by PID

declare -A STARTED=()   # pid -> label of every process this script started and has not reaped
WORK=""

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for pid in "${!STARTED[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  for pid in "${!STARTED[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ -n $WORK ]]; then
    if ((rc == 0 && KEEP_LOGS == 0)); then rm -rf "$WORK"; else log "logs kept in $WORK"; fi
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

WORK=$(mktemp -d -t herald-cluster-bench.XXXXXX)
RESULTS="$WORK/results.jsonl"
: >"$RESULTS"

reap() {  # SIGKILL one started process (no-op if already dead) and collect it, so its PID is never reused under us
  local pid=$1
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  unset "STARTED[$pid]"
}

# ---------------------------------------------------------------- results

record() {  # system n metric value(number|null)
  printf '{"system":"%s","n":%d,"metric":"%s","value":%s}\n' "$1" "$2" "$3" "$4" >>"$RESULTS"
}
note() {  # system n text
  log "NOTE ($1, N=$2): $3"
  python3 -c 'import json,sys; print(json.dumps({"system":sys.argv[1],"n":int(sys.argv[2]),"metric":"note","text":sys.argv[3]}))' \
    "$1" "$2" "$3" >>"$RESULTS"
}

# ---------------------------------------------------------------- cluster state (one cluster at a time)

declare -a NAME PID ADDR P_A P_B P_C   # Herald: P_A dns, P_B http, P_C cluster; Serf: P_A bind, P_B rpc
SIZE=0

allocate() {  # system n: names, addresses and free ports for a new cluster
  local system=$1 n=$2 i ports
  SIZE=$n
  read -r -a ports <<<"$(helper ports $((3 * n)))"
  NAME=() PID=() ADDR=() P_A=() P_B=() P_C=()
  for ((i = 1; i <= n; i++)); do
    if [[ $system == herald ]]; then NAME[i]=node-$i; else NAME[i]=s$i; fi
    ADDR[i]=198.18.$((i / 200)).$((10 + i % 200))
    P_A[i]=${ports[3 * i - 3]} P_B[i]=${ports[3 * i - 2]} P_C[i]=${ports[3 * i - 1]}
  done
}

start_herald() {  # i
  local i=$1
  java $HERALD_JVM -jar "$JAR" --node-name "${NAME[i]}" --dns-port "${P_A[i]}" --http-port "${P_B[i]}" \
    --forward-enabled false --cluster-enabled true --cluster-port "${P_C[i]}" --join "127.0.0.1:${P_C[1]}" \
    --cluster-profile "$PROFILE" --ttl-stable-after 0s </dev/null >>"$RUN_DIR/${NAME[i]}.log" 2>&1 &
  PID[i]=$!
  STARTED[$!]=${NAME[i]}
}

start_serf() {  # i
  local i=$1 join=()
  ((i > 1)) && join=(-retry-join="127.0.0.1:${P_A[1]}" -retry-interval="$SERF_RETRY")
  serf agent -node="${NAME[i]}" -bind="127.0.0.1:${P_A[i]}" -rpc-addr="127.0.0.1:${P_B[i]}" -profile="$PROFILE" \
    "${join[@]}" </dev/null >>"$RUN_DIR/${NAME[i]}.log" 2>&1 &
  PID[i]=$!
  STARTED[$!]=${NAME[i]}
}

start_node() { if [[ $1 == herald ]]; then start_herald "$2"; else start_serf "$2"; fi; }

stop_cluster() {  # all at once, so that no node lives long enough to log the others as failed
  local i
  for ((i = 1; i <= SIZE; i++)); do if [[ -n ${PID[i]:-} ]]; then kill -KILL "${PID[i]}" 2>/dev/null || true; fi; done
  for ((i = 1; i <= SIZE; i++)); do if [[ -n ${PID[i]:-} ]]; then reap "${PID[i]}"; fi; done
  PID=()
}

names() { join_by , "${NAME[@]:1}"; }
pids() { join_by , "${PID[@]:1}"; }
api_ports() { join_by , "${P_B[@]:1}"; }   # Herald HTTP or Serf RPC
dns_ports() { join_by , "${P_A[@]:1}"; }
addresses() { join_by , "${ADDR[@]:1}"; }

register() {  # indices...: one instance per node, web-<i> at its address
  local specs=() i
  for i in "$@"; do specs+=("${P_B[i]}:web-$i:${ADDR[i]}"); done
  local ignored
  measure ignored register "${specs[@]}"
}

converged() {  # system t0: CONVERGED = JSON with seconds since t0 until every node lists every member alive
  local system=$1 t0=$2 extra=()   # (Herald: and every DNS answer holds every address)
  [[ $system == herald ]] && extra=(--dns-ports "$(dns_ports)" --addresses "$(addresses)")
  measure CONVERGED converged --kind "$system" --t0 "$t0" --names "$(names)" --ports "$(api_ports)" \
    --deadline "$REJOIN_DEADLINE" "${extra[@]}"
}

# ---------------------------------------------------------------- one system, one size

run_system() {  # system n
  local system=$1 n=$2 c i t trial_t0 out victim survivors_api survivors_dns value rc
  RUN_DIR="$WORK/$system-$n"
  mkdir -p "$RUN_DIR"
  log "$system, $n nodes: load $(load)"

  # 1. Cold starts: launch all N at once, time until every node lists N alive members.
  # A cold start that does not form is recorded as a timeout and replaced (at most twice), so the rest still runs.
  FORMED_AT=""
  local last_ok=0
  for ((c = 1; c <= COLD_STARTS + 2; c++)); do
    if ((c > COLD_STARTS && last_ok == 1)); then break; fi
    allocate "$system" "$n"
    RUN_DIR="$WORK/$system-$n/cold-$c"
    mkdir -p "$RUN_DIR"
    local t0=$EPOCHREALTIME
    for ((i = 1; i <= n; i++)); do start_node "$system" "$i"; done
    rc=0
    measure out formed --kind "$system" --t0 "$t0" --names "$(names)" --ports "$(api_ports)" --pids "$(pids)" \
      --deadline "$FORM_DEADLINE" || rc=$?
    log "$system, $n nodes, cold start $c: $out"
    record "$system" "$n" formed "$(field formed <<<"$out")"
    record "$system" "$n" all_answering "$(field all_answering <<<"$out")"
    if ((rc != 0)); then
      note "$system" "$n" "cold start $c did not form within ${FORM_DEADLINE}s: $out"
      stop_cluster
      last_ok=0
      continue
    fi
    last_ok=1
    FORMED_AT=$(python3 -c "print($t0 + $(field formed <<<"$out"))")
    if ((c < COLD_STARTS)); then stop_cluster; fi
  done
  if ((last_ok == 0)); then
    note "$system" "$n" "no cluster formed; kill trials and idle window skipped"
    TEARDOWN_AT=$EPOCHREALTIME
    KILLS=()
    false_failures "$system" "$n"
    return 0
  fi

  # 2. One instance per node (Herald), then wait until every node agrees.
  if [[ $system == herald ]]; then
    register $(seq 1 "$n")
    if ! converged "$system" "$EPOCHREALTIME"; then
      out=$CONVERGED
      note "$system" "$n" "registrations did not reach every node's DNS: $out"
      TEARDOWN_AT=$EPOCHREALTIME
      stop_cluster
      KILLS=()
      false_failures "$system" "$n"
      return 0
    fi
    log "every node answers $(dig @127.0.0.1 -p "${P_A[1]}" web.prod.service A +short +time=1 +tries=1 | wc -l) A records (dig)"
  fi

  # 3. Kill trials: SIGKILL a non-seed member, time detection on every survivor, restart it under its name.
  KILLS=()
  for ((t = 1; t <= TRIALS; t++)); do
    victim=$((2 + (t - 1) % (n - 1)))
    survivors_api=() survivors_dns=()
    for ((i = 1; i <= n; i++)); do
      ((i == victim)) && continue
      survivors_api+=("${P_B[i]}") survivors_dns+=("${P_A[i]}")
    done
    local extra=(--member-interval 0.2)
    [[ $system == herald ]] && extra=(--victim-address "${ADDR[victim]}" --dns-ports "$(join_by , "${survivors_dns[@]}")"
      --addresses "$(addresses)" --member-interval 0.05)
    rc=0
    measure out watch-kill --kind "$system" --pid "${PID[victim]}" --victim "${NAME[victim]}" --names "$(names)" \
      --ports "$(join_by , "${survivors_api[@]}")" --deadline "$KILL_DEADLINE" "${extra[@]}" || rc=$?
    reap "${PID[victim]}"
    log "$system, $n nodes, trial $t, killed ${NAME[victim]}: $out"
    if ((rc != 0)); then
      note "$system" "$n" "trial $t: $out"
      break
    fi
    for value in not_alive_all failed_all; do record "$system" "$n" "$value" "$(field $value <<<"$out")"; done
    if [[ $system == herald ]]; then record "$system" "$n" dns_gone_all "$(field dns_gone_all <<<"$out")"; fi
    KILLS+=("${NAME[victim]}@$(field killed_at <<<"$out")")   # completed with @<restart> below
    for value in dns_back dns_wrong_rest other_not_alive; do
      [[ $(field $value <<<"$out") =~ ^(0|null|\{\})$ ]] || note "$system" "$n" "trial $t (victim ${NAME[victim]}): $value = $(field $value <<<"$out")"
    done

    trial_t0=$EPOCHREALTIME
    KILLS[-1]+="@$trial_t0"
    start_node "$system" "$victim"
    if [[ $system == herald ]]; then register "$victim"; fi
    rc=0
    converged "$system" "$trial_t0" || rc=$?
    out=$CONVERGED
    if ((rc != 0)); then
      note "$system" "$n" "trial $t: ${NAME[victim]} restarted under its name did not rejoin within ${REJOIN_DEADLINE}s: $out"
      break
    fi
    record "$system" "$n" rejoin "$(field converged <<<"$out")"
    log "$system, $n nodes, trial $t: ${NAME[victim]} back everywhere after $(field converged <<<"$out") s"
  done

  # 4. Idle cost: nothing polls the nodes during the window.
  sleep "$SETTLE"
  if ((IDLE > 0)); then
    measure out idle --pids "$(pids)" --seconds "$IDLE"
    python3 -c '
import json, sys
for a in json.load(sys.stdin)["agents"]:
    print(a["cpu_pct"], a["rss_mib"])' <<<"$out" | while read -r cpu rss; do
      record "$system" "$n" cpu_pct "$cpu"
      record "$system" "$n" rss_mib "$rss"
    done
    log "$system, $n nodes idle: $out"
  fi
  log "$system, $n nodes done: load $(load)"
  TEARDOWN_AT=$EPOCHREALTIME
  stop_cluster
  false_failures "$system" "$n"
}

false_failures() {  # system n: removals in the node logs that no kill explains
  local out line cold after formed_at=()
  [[ -n $FORMED_AT ]] && formed_at=(--formed-at "$FORMED_AT")
  out=$(helper departures --logs "$WORK/$1-$2" --expected "$(join_by , "${KILLS[@]}")" --window "$KILL_DEADLINE" \
    --until "$TEARDOWN_AT" "${formed_at[@]}")
  cold=$(field during_cold_starts <<<"$out")
  after=$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["after_formed"]))' <<<"$out")
  record "$1" "$2" false_failures_start "$cold"
  record "$1" "$2" false_failures_after "$after"
  if ((cold > 0)); then
    note "$1" "$2" "$cold removals of live members while the $COLD_STARTS cold starts formed (see the node logs)"
  fi
  python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)["after_formed"]))' <<<"$out" | while read -r line; do
    if [[ -n $line ]]; then note "$1" "$2" "live member wrongly declared failed after formation: $line"; fi
  done
  return 0
}

context() {  # Markdown paragraph describing the run
  cat <<EOF
Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') RAM;
load average $LOAD_START at the start and $(load) at the end.
Command: \`bench/cluster/cluster-bench.sh $ARGS_TEXT\` (trials $TRIALS, cold starts $COLD_STARTS, idle window ${IDLE} s,
profile $PROFILE, Serf -retry-interval $SERF_RETRY). Times are seconds; CPU is % of one core over the idle window;
RSS is VmRSS at the end of it. Herald: herald.jar built $JAR_BUILT (sha256 ${JAR_SHA:0:12}), $HERALD_JVM.
Serf: $(serf version 2>/dev/null | head -1).
EOF
}

# ---------------------------------------------------------------- soak

run_soak() {
  local n=5 out rc=0
  allocate herald "$n"
  RUN_DIR="$WORK/soak"
  mkdir -p "$RUN_DIR"
  local t0=$EPOCHREALTIME
  for ((i = 1; i <= n; i++)); do start_herald "$i"; done
  measure out formed --kind herald --t0 "$t0" --names "$(names)" --ports "$(api_ports)" --pids "$(pids)" \
    --deadline "$FORM_DEADLINE" || { log "soak cluster did not form: $out"; exit 1; }
  register $(seq 1 "$n")
  converged herald "$EPOCHREALTIME" || { log "soak cluster did not converge: $CONVERGED"; exit 1; }
  log "soak: 5 Herald nodes ($PROFILE), quiet for $SOAK s, polling every node's /v1/members every 500 ms"
  local departures_before departures_after
  departures_before=$(cat "$RUN_DIR"/*.log | grep -c -E 'failed and was removed|member .* left' || true)
  measure out soak --names "$(names)" --ports "$(api_ports)" --seconds "$SOAK" || rc=$?
  departures_after=$(cat "$RUN_DIR"/*.log | grep -c -E 'failed and was removed|member .* left' || true)
  log "soak result: $out"
  local alive=0 i
  for ((i = 1; i <= n; i++)); do if kill -0 "${PID[i]}" 2>/dev/null; then alive=$((alive + 1)); fi; done
  {
    echo "# Cluster soak, 5 Herald nodes, profile $PROFILE"
    echo
    echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores; load average $LOAD_START at the start and $(load) at the end."
    echo "Herald: herald.jar built $JAR_BUILT (sha256 ${JAR_SHA:0:12}), $HERALD_JVM."
    echo "Command: \`bench/cluster/cluster-bench.sh $ARGS_TEXT\`. Every node's \`/v1/members\` polled every 500 ms;"
    echo "a suspicion refuted between two polls is invisible there, but it changes the catalogue (the member's"
    echo "instances are hidden and shown again), which moves the DNS index rebuild counter below."
    echo
    helper soak-summary <<<"$out"
    echo "- departures logged during the window (failed and removed, or left): $((departures_after - departures_before))"
    echo "- nodes still running at the end: $alive of $n"
  } | tee "$OUT/results-soak.md"
  stop_cluster
  return "$rc"
}

# ---------------------------------------------------------------- main

LOAD_START=$(load)
JAR_SRC="$ROOT/app/target/herald.jar"
if [[ $SYSTEMS == *herald* || $SOAK -gt 0 ]]; then
  if [[ ! -f $JAR_SRC || $BUILD == 1 ]]; then
    log "building $JAR_SRC"
    (cd "$ROOT" && mvn -B -q -pl app -am install -DskipTests -Denforcer.skip)
  fi
  newer=$(find "$ROOT"/*/src/main -type f -newer "$JAR_SRC" -print -quit 2>/dev/null || true)
  [[ -n $newer ]] && log "warning: $JAR_SRC is older than $newer (use --build to rebuild)"
  JAR="$WORK/herald.jar"
  cp "$JAR_SRC" "$JAR"   # a private copy: a rebuild during the run cannot change the nodes under test
  JAR_BUILT=$(date -u -r "$JAR_SRC" '+%Y-%m-%d %H:%M UTC')
  JAR_SHA=$(sha256sum "$JAR" | cut -d' ' -f1)
fi
if [[ $SYSTEMS == *serf* && $SOAK -eq 0 ]] && ! command -v serf >/dev/null; then
  log "installing serf"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q serf >/dev/null
fi
command -v python3 >/dev/null && command -v dig >/dev/null || { log "needs python3 and dig (bind9-dnsutils)"; exit 2; }
log "machine: $(nproc) cores, load $LOAD_START; temporary directory $WORK"

if ((SOAK > 0)); then
  run_soak
  exit $?
fi

ARGS_TEXT=${ARGS_TEXT:-"(defaults)"}
mkdir -p "$OUT"
for n in $NODES; do
  for system in $SYSTEMS; do run_system "$system" "$n"; done
  echo
  helper report --results "$RESULTS" --n "$n" --markdown "$OUT/results-$n.md" --context "$(context)" ||
    log "report for N=$n failed; raw results in $RESULTS"
  echo
done
