#!/usr/bin/env python3
"""Measurement side of cluster-bench.sh: polls Herald's HTTP API and DNS, or Serf's CLI, and prints JSON.

Only 127.0.0.1 is ever contacted. Every wait has a deadline. Standard library only.
"""
import argparse
import calendar
import http.client
import json
import os
import random
import re
import signal
import socket
import statistics
import struct
import subprocess
import sys
import threading
import time

HOST = "127.0.0.1"
SERVICE_NAME = "web.prod.service"


def die(message):
    print(f"clusterbench: {message}", file=sys.stderr)
    sys.exit(2)


# ---------------------------------------------------------------- processes


def proc_alive(pid):
    """True while the process runs; a zombie (killed, not yet reaped by the script) counts as gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return False


def cpu_ticks(pid):
    """utime + stime of the whole thread group, in clock ticks."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rpartition(")")[2].split()
    return int(fields[11]) + int(fields[12])


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise OSError(f"no VmRSS for {pid}")


# ---------------------------------------------------------------- clients


def dns_query(sock, port, name, timeout):
    """One A query over UDP. Returns (rcode, [addresses]) or None on timeout or a malformed reply."""
    qid = random.getrandbits(16)
    question = b"".join(bytes([len(label)]) + label.encode() for label in name.split(".")) + b"\0"
    packet = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0) + question + struct.pack(">HH", 1, 1)
    deadline = time.monotonic() + timeout
    try:
        sock.sendto(packet, (HOST, port))
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            sock.settimeout(left)
            data = sock.recv(4096)
            if len(data) >= 12 and struct.unpack(">H", data[:2])[0] == qid:
                return parse_answers(data)
    except (OSError, ValueError, IndexError, struct.error):
        return None


def skip_name(data, i):
    while True:
        length = data[i]
        if length == 0:
            return i + 1
        if length & 0xC0 == 0xC0:
            return i + 2
        i += length + 1


def parse_answers(data):
    _, flags, qd, an, _, _ = struct.unpack(">HHHHHH", data[:12])
    i = 12
    for _ in range(qd):
        i = skip_name(data, i) + 4
    addresses = []
    for _ in range(an):
        i = skip_name(data, i)
        rtype, _, _, rdlen = struct.unpack(">HHIH", data[i:i + 10])
        i += 10
        if rtype == 1 and rdlen == 4:
            addresses.append(socket.inet_ntoa(data[i:i + 4]))
        i += rdlen
    return flags & 0xF, addresses


class Http:
    """One keep-alive connection to a node's HTTP API; reconnects after any error."""

    def __init__(self, port, timeout=1.0):
        self.port = port
        self.timeout = timeout
        self.conn = None

    def call(self, method, path, body=None):
        for attempt in (0, 1):  # a second try only covers a keep-alive connection the server closed
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
                headers = {"Content-Type": "application/json"} if body is not None else {}
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                payload = response.read()
                return response.status, payload
            except (OSError, http.client.HTTPException):
                self.close()
                if attempt == 1:
                    return None, b""
        return None, b""

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class HeraldView:
    def __init__(self, http_port):
        self.http = Http(http_port)

    def members(self):
        """name -> state (alive, suspect, left, failed), or None if the node does not answer."""
        status, payload = self.http.call("GET", "/v1/members")
        if status != 200:
            return None
        try:
            return {m["name"]: m["state"] for m in json.loads(payload)}
        except (ValueError, KeyError, TypeError):
            return None


class SerfView:
    def __init__(self, rpc_port):
        self.rpc = f"-rpc-addr={HOST}:{rpc_port}"

    def members(self):
        """name -> status (alive, leaving, left, failed), or None if the agent does not answer."""
        try:
            out = subprocess.run(["serf", "members", "-format=json", self.rpc],
                                 capture_output=True, timeout=2, check=False)
        except subprocess.TimeoutExpired:
            return None
        if out.returncode != 0:
            return None
        try:
            return {m["name"]: m["status"] for m in json.loads(out.stdout)["members"]}
        except (ValueError, KeyError, TypeError):
            return None


def views(kind, ports):
    return [HeraldView(p) if kind == "herald" else SerfView(p) for p in ports]


def all_alive(members, names):
    return members is not None and all(members.get(n) == "alive" for n in names) \
        and sum(1 for s in members.values() if s == "alive") == len(names)


# ---------------------------------------------------------------- commands


def cmd_ports(args):
    """Free TCP+UDP ports below the ephemeral range, so port-0 binds elsewhere on the host never take them."""
    lo, hi = 20000, 32000
    held, ports = [], []
    candidate = random.randrange(lo, hi)
    for _ in range(hi - lo):
        if len(ports) == args.count:
            break
        candidate = lo + (candidate - lo + 1) % (hi - lo)
        tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            tcp.bind((HOST, candidate))
            udp.bind((HOST, candidate))
        except OSError:
            tcp.close()
            udp.close()
            continue
        held += [tcp, udp]
        ports.append(candidate)
    for s in held:
        s.close()
    if len(ports) < args.count:
        die(f"found only {len(ports)} free ports of {args.count}")
    print(" ".join(map(str, ports)))


def until_all(checks, deadline_s, interval):
    """Poll each check in its own thread; return the wall time at which all were last seen true together, or None.

    A check returns True, False, or raises ProcessExited to abort the wait.
    """
    ok = [False] * len(checks)
    reached = [None]
    failure = []
    lock = threading.Lock()
    done = threading.Event()
    deadline = time.monotonic() + deadline_s

    def poll(i):
        while not done.is_set() and time.monotonic() < deadline:
            try:
                good = checks[i]()
            except ProcessExited as e:
                with lock:
                    failure.append(str(e))
                done.set()
                return
            now = time.time()
            with lock:
                if done.is_set():
                    return  # keep the state as it was when all were reached
                ok[i] = good
                if all(ok) and reached[0] is None:
                    reached[0] = now
                    done.set()
            time.sleep(interval)

    threads = [threading.Thread(target=poll, args=(i,), daemon=True) for i in range(len(checks))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()) + 3)
    done.set()
    if failure:
        raise ProcessExited(failure[0])
    return reached[0], ok


class ProcessExited(Exception):
    pass


def cmd_formed(args):
    """Time from t0 (wall clock, when the script launched the processes) until every node lists all names alive."""
    names = args.names.split(",")
    nodes = views(args.kind, [int(p) for p in args.ports.split(",")])
    pids = [int(p) for p in args.pids.split(",")]
    first_answer = [None] * len(nodes)

    def check(i):
        def run():
            if not proc_alive(pids[i]):
                raise ProcessExited(f"process {pids[i]} ({names[i]}) exited")
            members = nodes[i].members()
            if members is not None and first_answer[i] is None:
                first_answer[i] = time.time() - args.t0
            return all_alive(members, names)
        return run

    try:
        reached, ok = until_all([check(i) for i in range(len(nodes))], args.deadline, args.interval)
    except ProcessExited as e:
        print(json.dumps({"error": str(e)}))
        return 1
    result = {"formed": None if reached is None else reached - args.t0,
              "all_answering": None if None in first_answer else max(first_answer),
              "not_formed": [names[i] for i in range(len(nodes)) if not ok[i]]}
    if reached is None:
        # What each unfinished node lists instead of "everyone alive": members it lacks or does not hold alive.
        for i in range(len(nodes)):
            if not ok[i]:
                members = nodes[i].members()
                result.setdefault("views", {})[names[i]] = "no answer" if members is None else \
                    {n: members.get(n, "missing") for n in names if members.get(n) != "alive"}
    print(json.dumps(result))
    return 0 if reached is not None else 1


def cmd_register(args):
    """PUT one instance per node, retrying until the node's API answers (bounded)."""
    deadline = time.monotonic() + args.deadline
    for spec in args.instances:
        port, iid, address = spec.split(":")
        client = Http(int(port))
        body = json.dumps({"service": "web", "env": "prod", "id": iid, "address": address, "port": 80})
        while True:
            status, payload = client.call("PUT", "/v1/instances", body)
            if status == 200:
                break
            if time.monotonic() > deadline:
                die(f"registering {iid} on port {port} failed: {status} {payload[:200]!r}")
            time.sleep(0.1)
        client.close()
    return 0


def cmd_converged(args):
    """Time from t0 until every node lists all names alive and (Herald) every DNS answer holds exactly the addresses."""
    names = args.names.split(",")
    nodes = views(args.kind, [int(p) for p in args.ports.split(",")])
    dns_ports = [int(p) for p in args.dns_ports.split(",")] if args.dns_ports else []
    expected = sorted(args.addresses.split(",")) if args.addresses else []

    def check(i):
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)

        def run():
            if not all_alive(nodes[i].members(), names):
                return False
            if not dns_ports:
                return True
            reply = dns_query(sock, dns_ports[i], SERVICE_NAME, 0.3)
            return reply is not None and reply[0] == 0 and sorted(reply[1]) == expected
        return run

    reached, ok = until_all([check(i) for i in range(len(nodes))], args.deadline, args.interval)
    print(json.dumps({"converged": None if reached is None else reached - args.t0,
                      "not_converged": [names[i] for i in range(len(nodes)) if not ok[i]]}))
    return 0 if reached is not None else 1


def cmd_watch_kill(args):
    """Kill the victim by its PID once every survivor is seen serving it, then time how long each survivor takes.

    One thread per survivor polls its member list (and, for Herald, its DNS) with short timeouts until the
    victim is no longer alive there, marked failed, and gone from the DNS answer; all times are from the kill.
    """
    names = args.names.split(",")
    survivors = views(args.kind, [int(p) for p in args.ports.split(",")])
    dns_ports = [int(p) for p in args.dns_ports.split(",")] if args.dns_ports else []
    expected_rest = sorted(a for a in args.addresses.split(",") if a != args.victim_address) if args.addresses else []
    count = len(survivors)
    result = {"not_alive": [None] * count, "failed": [None] * count, "dns_gone": [None] * count,
              "dns_back": 0, "dns_wrong_rest": 0, "other_not_alive": {}, "states_seen": {}}
    lock = threading.Lock()
    t0 = [None]
    start = threading.Event()
    stop = threading.Event()
    deadline = time.monotonic() + args.deadline

    def since_kill():
        return time.monotonic() - t0[0]

    def watch_members(i):
        while not stop.is_set() and time.monotonic() < deadline:
            members = survivors[i].members()
            if members is not None:
                state = members.get(args.victim, "absent")
                with lock:
                    result["states_seen"][state] = result["states_seen"].get(state, 0) + 1
                    if state != "alive" and result["not_alive"][i] is None:
                        result["not_alive"][i] = since_kill()
                    if state in ("failed", "absent") and result["failed"][i] is None:
                        result["failed"][i] = since_kill()
                    for other, s in members.items():
                        if other != args.victim and other in names and s != "alive":  # a live member wrongly suspected
                            seen = result["other_not_alive"]
                            seen[f"{other}:{s}"] = seen.get(f"{other}:{s}", 0) + 1
                if result["failed"][i] is not None:
                    return
            time.sleep(args.member_interval)

    def watch_dns(i):
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        while not stop.is_set() and time.monotonic() < deadline:
            reply = dns_query(sock, dns_ports[i], SERVICE_NAME, args.dns_timeout)
            if reply is not None and reply[0] == 0:
                gone = args.victim_address not in reply[1]
                with lock:
                    if gone and result["dns_gone"][i] is None:
                        result["dns_gone"][i] = since_kill()
                    elif not gone and result["dns_gone"][i] is not None:
                        result["dns_back"] += 1  # served again after it was gone: a flap
                    if gone and sorted(reply[1]) != expected_rest:
                        result["dns_wrong_rest"] += 1  # a live survivor's instance missing too
                if gone and result["failed"][i] is not None:
                    return
            time.sleep(args.dns_interval)

    # Baseline: every survivor serves the victim before the kill.
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    baseline_deadline = time.monotonic() + 30
    while True:
        states = [s.members() for s in survivors]
        ready = all(m is not None and m.get(args.victim) == "alive" for m in states)
        for port in dns_ports:
            reply = dns_query(sock, port, SERVICE_NAME, 0.3)
            ready = ready and reply is not None and args.victim_address in reply[1]
        if ready:
            break
        if time.monotonic() > baseline_deadline:
            print(json.dumps({"error": "victim not served by every survivor before the kill"}))
            return 1
        time.sleep(0.1)

    threads = [threading.Thread(target=watch_members, args=(i,), daemon=True) for i in range(count)]
    threads += [threading.Thread(target=watch_dns, args=(i,), daemon=True) for i in range(len(dns_ports))]
    t0[0] = time.monotonic()
    killed_at = time.time()
    os.kill(args.pid, signal.SIGKILL)
    for t in threads:
        t.start()
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()) + 1)
    stop.set()

    def worst(values):
        return None if any(v is None for v in values) else max(values)

    summary = {"not_alive_all": worst(result["not_alive"]), "failed_all": worst(result["failed"]),
               "killed_at": killed_at}
    if dns_ports:
        summary["dns_gone_all"] = worst(result["dns_gone"])
    summary.update(result)
    print(json.dumps(summary))
    return 0


def cmd_idle(args):
    """CPU% of one core (utime+stime delta over the window) and RSS of each process, with nothing polling them."""
    pids = [int(p) for p in args.pids.split(",")]
    hz = os.sysconf("SC_CLK_TCK")
    start_ticks = {p: cpu_ticks(p) for p in pids}
    start = time.monotonic()
    peak = {p: rss_kib(p) for p in pids}
    end = start + args.seconds
    while time.monotonic() < end:
        time.sleep(min(1.0, max(0.0, end - time.monotonic())))
        for p in pids:
            if not proc_alive(p):
                die(f"process {p} exited during the idle window")
            peak[p] = max(peak[p], rss_kib(p))
    wall = time.monotonic() - start
    out = []
    for p in pids:
        cpu = (cpu_ticks(p) - start_ticks[p]) / hz / wall * 100
        out.append({"pid": p, "cpu_pct": cpu, "rss_mib": rss_kib(p) / 1024, "rss_peak_mib": peak[p] / 1024})
    print(json.dumps({"seconds": wall, "agents": out}))
    return 0


SOAK_COUNTERS = ("herald_dns_index_rebuild_time_seconds_count", 'herald_cluster_updates_total{kind="applied"}')


def counters(port):
    """Counters that move on any catalogue change: a suspicion shorter than the poll interval still moves them."""
    status, payload = Http(port).call("GET", "/metrics")
    values = {}
    if status == 200:
        for line in payload.decode(errors="replace").splitlines():
            name, _, value = line.rpartition(" ")
            if name in SOAK_COUNTERS:
                values[name] = float(value)
    return values


def cmd_soak(args):
    """Poll every node's member list every interval for the whole window; count every member seen not alive."""
    names = args.names.split(",")
    ports = [int(p) for p in args.ports.split(",")]
    nodes = views("herald", ports)
    before = [counters(p) for p in ports]
    start = time.monotonic()
    end = start + args.seconds
    polls = unanswered = not_alive = 0
    episodes = []
    open_episodes = {}
    next_report = start + 60
    while time.monotonic() < end:
        tick = time.monotonic()
        for observer, node in zip(names, nodes):
            members = node.members()
            polls += 1
            if members is None:
                unanswered += 1
                continue
            for name in names:
                state = members.get(name, "absent")
                key = (observer, name)
                if state != "alive":
                    not_alive += 1
                    if key not in open_episodes:
                        open_episodes[key] = {"at_s": round(tick - start, 1), "observer": observer,
                                              "member": name, "states": [state]}
                        episodes.append(open_episodes[key])
                    elif state not in open_episodes[key]["states"]:
                        open_episodes[key]["states"].append(state)
                else:
                    open_episodes.pop(key, None)
        if tick >= next_report:
            print(f"soak: {tick - start:.0f}s, {polls} polls, {not_alive} not-alive observations",
                  file=sys.stderr, flush=True)
            next_report += 60
        time.sleep(max(0.0, tick + args.interval - time.monotonic()))
    after = [counters(p) for p in ports]
    moved = {name: {key: after[i].get(key, float("nan")) - before[i].get(key, float("nan")) for key in SOAK_COUNTERS}
             for i, name in enumerate(names)}
    print(json.dumps({"seconds": time.monotonic() - start, "polls": polls, "unanswered": unanswered,
                      "not_alive_observations": not_alive, "episodes": episodes, "counter_deltas": moved}))
    return 0 if not_alive == 0 and unanswered == 0 else 1


HERALD_REMOVAL = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+)Z INFO \S+ - cluster: member (\S+) (failed and was removed|left)")
SERF_FAILURE = re.compile(r"^\s*(\d{4}/\d\d/\d\d \d\d:\d\d:\d\d) \[INFO\] serf: EventMember(Failed|Leave): (\S+)")


def cmd_departures(args):
    """Members that some node declared failed (or left) when nobody had been killed: false failure detections.

    Before the last cold start formed, every removal is false (nothing was killed). After it, a removal is false
    unless it names a trial's victim between that trial's kill and its restart.
    Log times are UTC (Herald, milliseconds) or local time (Serf, seconds); a window starts 1 s early for the
    coarser one.
    """
    expected = []  # (victim, from, to): from the kill until the victim was restarted
    for item in filter(None, args.expected.split(",")):
        name, killed, *restarted = item.split("@")
        end = float(restarted[0]) + 1 if restarted else float(killed) + args.window
        expected.append((name, float(killed) - 1, end))
    unexpected, total, during_start = [], 0, 0
    for root, _, files in os.walk(args.logs):
        for file in sorted(files):
            if not file.endswith(".log"):
                continue
            with open(os.path.join(root, file), errors="replace") as f:
                for line in f:
                    m = HERALD_REMOVAL.match(line)
                    if m:
                        at = calendar.timegm(time.strptime(m.group(1).split(".")[0], "%Y-%m-%dT%H:%M:%S")) \
                            + float("0." + m.group(1).split(".")[1])
                        member, how = m.group(2), "failed" if m.group(3).startswith("failed") else "left"
                        resolution = 0.0
                    else:
                        m = SERF_FAILURE.match(line)
                        if not m:
                            continue
                        at = time.mktime(time.strptime(m.group(1), "%Y/%m/%d %H:%M:%S"))
                        member, how = m.group(3), m.group(2).lower()
                        resolution = 1.0
                    if args.until is not None and at > args.until - resolution:
                        continue  # the script's own teardown kills every node
                    total += 1
                    if args.formed_at is None or at < args.formed_at:
                        during_start += 1  # cold starts: nothing was killed yet
                    elif not any(member == name and start <= at <= end for name, start, end in expected):
                        observer = os.path.splitext(file)[0]
                        unexpected.append(f"{time.strftime('%H:%M:%S', time.gmtime(at))} {observer} saw {member} {how}")
    print(json.dumps({"total": total, "during_cold_starts": during_start, "after_formed": unexpected}))
    return 0


def cmd_soak_summary(_args):
    """Markdown lines for the soak result JSON on stdin."""
    r = json.load(sys.stdin)
    print(f"- window: {r['seconds']:.0f} s, {r['polls']} polls of a member list, {r['unanswered']} unanswered")
    print(f"- members seen not alive: {r['not_alive_observations']} observations in {len(r['episodes'])} episodes")
    for e in r["episodes"]:
        print(f"  - at {e['at_s']} s: {e['observer']} listed {e['member']} as {', '.join(e['states'])}")
    for node, deltas in r.get("counter_deltas", {}).items():
        print(f"- {node}: " + ", ".join(f"`{k}` +{v:g}" for k, v in deltas.items()) + " during the window")
    return 0


# ---------------------------------------------------------------- report


def stats(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return min(values), statistics.median(values), max(values)


def fmt(triple, digits):
    if triple is None:
        return "n/a"
    return " / ".join(f"{v:.{digits}f}" for v in triple)


ROWS = [
    ("formed", "cluster formed from cold start (s)", 2),
    ("all_answering", "  every node's API answering (s)", 2),
    ("not_alive_all", "failure known to all survivors: not alive (s)", 2),
    ("failed_all", "failure known to all survivors: failed (s)", 2),
    ("dns_gone_all", "dead instance gone from DNS answers (s)", 2),
    ("rejoin", "restarted node alive on all members again (s)", 2),
    ("false_failures_start", "live members wrongly declared failed, during cold starts (total)", 0),
    ("false_failures_after", "live members wrongly declared failed, after formation (total)", 0),
    ("cpu_pct", "idle CPU per agent (% of one core)", 2),
    ("rss_mib", "RSS per agent (MiB)", 1),
]


def cmd_report(args):
    records = []
    with open(args.results) as f:
        for line in f:
            if line.strip():
                records.append(json.loads(line))
    records = [r for r in records if r["n"] == args.n]
    systems = [s for s in ("herald", "serf") if any(r["system"] == s for r in records)]
    counts = {s: {} for s in systems}
    values = {s: {} for s in systems}
    missing = {s: {} for s in systems}
    for r in records:
        if r["metric"] == "note":
            continue
        values[r["system"]].setdefault(r["metric"], []).append(r["value"])
        counts[r["system"]][r["metric"]] = counts[r["system"]].get(r["metric"], 0) + 1
        if r["value"] is None:
            missing[r["system"]][r["metric"]] = missing[r["system"]].get(r["metric"], 0) + 1
    header = ["metric (min / median / max)"] + [f"{s.capitalize()}" for s in systems]
    rows = []
    for key, label, digits in ROWS:
        if not any(key in values[s] for s in systems):
            continue
        cells = [label]
        for s in systems:
            if key.startswith("false_failures"):
                cells.append(str(int(sum(values[s][key]))) if key in values[s] else "n/a")
                continue
            cell = fmt(stats(values[s].get(key, [])), digits)
            if key in values[s]:
                timed_out = missing[s].get(key, 0)
                cell += f"  (n={counts[s][key] - timed_out}" + (f", {timed_out} more timed out" if timed_out else "") + ")"
            cells.append(cell)
        rows.append(cells)
    notes = [r for r in records if r["metric"] == "note"]

    width = [max(len(row[c]) for row in [header] + rows) for c in range(len(header))]
    text = [f"N = {args.n}"]
    text.append("  ".join(h.ljust(width[c]) for c, h in enumerate(header)))
    text.append("  ".join("-" * w for w in width))
    text += ["  ".join(cell.ljust(width[c]) for c, cell in enumerate(row)) for row in rows]
    for n in notes:
        text.append(f"note ({n['system']}): {n['text']}")
    print("\n".join(text))

    if args.markdown:
        md = [f"# Cluster benchmark, {args.n} nodes", "", args.context.strip(), "",
              "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        md += ["| " + " | ".join(cell.strip() for cell in row) + " |" for row in rows]
        if notes:
            md += ["", "Notes:", ""] + [f"- {n['system']}: {n['text']}" for n in notes]
        md += ["", "Raw values (seconds, or % / MiB per agent):", ""]
        for s in systems:
            for key, label, digits in ROWS:
                if key in values[s]:
                    raw = ", ".join("timeout" if v is None else f"{v:.{digits}f}" for v in values[s][key])
                    md.append(f"- {s} `{key}`: {raw}")
        with open(args.markdown, "w") as f:
            f.write("\n".join(md) + "\n")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ports")
    p.add_argument("count", type=int)

    p = sub.add_parser("formed")
    p.add_argument("--kind", choices=["herald", "serf"], required=True)
    p.add_argument("--t0", type=float, required=True)
    p.add_argument("--names", required=True)
    p.add_argument("--ports", required=True)
    p.add_argument("--pids", required=True)
    p.add_argument("--deadline", type=float, default=180)
    p.add_argument("--interval", type=float, default=0.05)

    p = sub.add_parser("register")
    p.add_argument("instances", nargs="+", help="http_port:id:address")
    p.add_argument("--deadline", type=float, default=60)

    p = sub.add_parser("converged")
    p.add_argument("--kind", choices=["herald", "serf"], required=True)
    p.add_argument("--t0", type=float, required=True)
    p.add_argument("--names", required=True)
    p.add_argument("--ports", required=True)
    p.add_argument("--dns-ports", default="")
    p.add_argument("--addresses", default="")
    p.add_argument("--deadline", type=float, default=120)
    p.add_argument("--interval", type=float, default=0.05)

    p = sub.add_parser("watch-kill")
    p.add_argument("--kind", choices=["herald", "serf"], required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--victim", required=True)
    p.add_argument("--victim-address", default="")
    p.add_argument("--names", required=True, help="all member names, victim included")
    p.add_argument("--ports", required=True, help="survivors' HTTP (Herald) or RPC (Serf) ports")
    p.add_argument("--dns-ports", default="")
    p.add_argument("--addresses", default="", help="all instance addresses, victim's included")
    p.add_argument("--deadline", type=float, default=60)
    p.add_argument("--member-interval", type=float, default=0.05)
    p.add_argument("--dns-interval", type=float, default=0.02)
    p.add_argument("--dns-timeout", type=float, default=0.25)

    p = sub.add_parser("departures")
    p.add_argument("--logs", required=True)
    p.add_argument("--expected", default="", help="victim@kill_epoch[@restart_epoch],...")
    p.add_argument("--window", type=float, default=60)
    p.add_argument("--formed-at", type=float, default=None,
                   help="wall time the last cold start formed; every removal before it happened while starting")
    p.add_argument("--until", type=float, default=None, help="wall time the teardown began; later lines are ignored")

    p = sub.add_parser("idle")
    p.add_argument("--pids", required=True)
    p.add_argument("--seconds", type=float, required=True)

    p = sub.add_parser("soak")
    p.add_argument("--names", required=True)
    p.add_argument("--ports", required=True)
    p.add_argument("--seconds", type=float, required=True)
    p.add_argument("--interval", type=float, default=0.5)

    sub.add_parser("soak-summary")

    p = sub.add_parser("report")
    p.add_argument("--results", required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--markdown", default="")
    p.add_argument("--context", default="")

    args = parser.parse_args()
    handler = {"ports": cmd_ports, "formed": cmd_formed, "register": cmd_register, "converged": cmd_converged,
               "watch-kill": cmd_watch_kill, "departures": cmd_departures, "idle": cmd_idle, "soak": cmd_soak,
               "soak-summary": cmd_soak_summary, "report": cmd_report}
    sys.exit(handler[args.command](args) or 0)


if __name__ == "__main__":
    main()
