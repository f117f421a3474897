# Helpers of bench/run: processes, the database, the shaped link, one checked load run.
# Sourced by bench/run, which sets ROOT, JAR, OUT, PG, DB, DB_CONNECTIONS, NS, NS_ADDR, ROOT_ADDR.

declare -A PIDS=()
FAILURES=0
T0=$(date +%s)

say() { printf '[%s] %s\n' "$(elapsed)" "$*" >&2; }

elapsed() { local s=$(( $(date +%s) - T0 )); printf '%d:%02d' $((s / 60)) $((s % 60)); }

# start NAME ARGS...: a server in the background, its PID kept for cleanup, its output in logs/.
start() {
  local name=$1; shift
  "$@" >"$OUT/logs/$name.log" 2>&1 &
  PIDS[$name]=$!
}

# ready NAME HOST PORT: waits until the server accepts connections (60 s at most).
ready() {
  local name=$1 host=$2 port=$3 i
  for ((i = 0; i < 600; i++)); do
    if ! kill -0 "${PIDS[$name]}" 2>/dev/null; then
      say "$name exited during start-up:"; tail -5 "$OUT/logs/$name.log" >&2; return 1
    fi
    if timeout 1 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  say "$name does not listen on $host:$port after 60 s"; return 1
}

# memory NAME: VmHWM and VmRSS (kB) of a running server, as JSON.
memory() {
  local pid=${PIDS[$1]}
  awk -v name="$1" -v pid="$pid" '/^VmHWM:/ {h = $2} /^VmRSS:/ {r = $2}
    END {printf "{\"server\":\"%s\",\"pid\":%s,\"vmhwm_kb\":%d,\"vmrss_kb\":%d}\n", name, pid, h, r}' \
    "/proc/$pid/status"
}

# stop NAME: SIGTERM, then SIGKILL after 15 s; only the PID this script started.
stop() {
  local pid=${PIDS[$1]:-} i
  [[ -n $pid ]] || return 0
  unset "PIDS[$1]"
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 150; i++)); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# publisher_up: one publisher JVM (publish-series) for every loopback run. A fresh JVM per run spent
# its first tens of seconds compiling, on the cores the servers it measured were using: the bare
# server then took 7-13k/s from a 4 s-old publisher and 25-35k/s from a warm one.
# With arguments (ip netns exec NS), the publisher runs through them: the shaped runs use one of
# their own in the namespace, started after the loopback one is stopped (bash keeps one coprocess).
publisher_up() {
  if (($#)); then PUBLISHER_LINK=namespace; else PUBLISHER_LINK=loopback; fi
  coproc PUBLISHER { exec "$@" java -jar "$JAR" publish-series 2>>"$OUT/logs/publisher.log"; }
  PIDS[publisher]=$PUBLISHER_PID
}

# publish LOG ARGS...: one run by the warm publisher; its exit status.
publish() {
  local log=$1 reply IFS=$'\t'; shift
  # Not in a subshell: the coprocess's descriptors are not there.
  printf '%s\n' "$log"$'\t'"$*" >&"${PUBLISHER[1]}"
  read -r reply <&"${PUBLISHER[0]}" || { echo "the publisher (publish-series) has gone" >>"$log"; return 3; }
  return "${reply#exit }"
}

psql_db() { psql -X -q -v ON_ERROR_STOP=1 -tA "$PG/$1" -c "$2"; }

rows() { psql_db "$DB" 'SELECT count(*) FROM notification'; }

fresh_database() {
  psql_db postgres "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
  psql_db postgres "CREATE DATABASE $DB" >/dev/null
}

# The shaped link: the publisher in namespace $NS at $NS_ADDR, the receiver in the root namespace
# on the veth's other end at $ROOT_ADDR. Traffic to $ROOT_ADDR from the root namespace itself goes
# over loopback, so the same receiver serves the unshaped runs too.
netns_up() {
  netns_down
  ip netns add "$NS" &&
    ip link add "$NS-r" type veth peer name "$NS-p" netns "$NS" &&
    ip addr add "$ROOT_ADDR/30" dev "$NS-r" &&
    ip link set "$NS-r" up &&
    ip -n "$NS" addr add "$NS_ADDR/30" dev "$NS-p" &&
    ip -n "$NS" link set "$NS-p" up &&
    ip -n "$NS" link set lo up
}

netns_down() {
  ip link del "$NS-r" 2>/dev/null || true
  ip netns del "$NS" 2>/dev/null || true
}

# shape MBIT: a token-bucket filter on both ends of the veth, with the reference script's burst and
# latency; shape 0 removes them.
shape() {
  local mbit=$1
  if ((mbit == 0)); then
    tc qdisc del dev "$NS-r" root 2>/dev/null || true
    tc -n "$NS" qdisc del dev "$NS-p" root 2>/dev/null || true
    return
  fi
  tc qdisc replace dev "$NS-r" root tbf rate "${mbit}mbit" burst "$TBF_BURST" latency "$TBF_LATENCY"
  tc -n "$NS" qdisc replace dev "$NS-p" root tbf rate "${mbit}mbit" burst "$TBF_BURST" latency "$TBF_LATENCY"
}

# load ID GROUP SERVER LINK -- PUBLISH-ARGS...: one publish run, then its checks. Every request must
# get a 2xx; against a storing receiver (SERVER full*) the table must also have grown by exactly the
# acknowledged count. The run, its checks and its summary go to runs.jsonl; a failed check counts in
# FAILURES and the run's figures are not reported.
load() {
  local id=$1 group=$2 server=$3 link=$4; shift 5
  local json="$OUT/json/$id.json" before=-1 after=-1 rc=0 problems=() side=loopback
  [[ $link == loopback ]] || side=namespace
  # Emptied first, so that counting stays cheap and the disk bounded however long the benchmark runs.
  [[ $server == full* ]] && { psql_db "$DB" 'TRUNCATE notification' >/dev/null; before=$(rows); }
  local cpu_before; cpu_before=$(cpu_ticks)
  if [[ $side != "${PUBLISHER_LINK:-}" ]]; then
    echo "the publisher runs on the ${PUBLISHER_LINK:-no} link, this run needs the $side one" >"$OUT/logs/$id.out"
    rc=3
  else
    publish "$OUT/logs/$id.out" -k --json "$json" "$@" || rc=$?
  fi
  local cpu; cpu=$(cpu_ticks | awk -v b="$cpu_before" 'BEGIN { split(b, x) }
    { printf "{\"busy\":%d,\"idle\":%d,\"iowait\":%d}", $1 - x[1], $2 - x[2], $3 - x[3] }')
  [[ $server == full* ]] && after=$(rows)
  if [[ ! -s $json ]]; then
    problems+=("publish exited $rc without a summary: $(grep -m1 -i error "$OUT/logs/$id.out" || tail -1 "$OUT/logs/$id.out")")
  else
    ((rc == 0)) || problems+=("publish exited $rc")
    local bad
    bad=$(jq -r '[.statuses | to_entries[] | select(.key | startswith("2") | not) | "\(.value) x \(.key)"]
      + [.errors | to_entries[] | "\(.value) x \(.key)"] | join(", ")' "$json")
    [[ -z $bad ]] || problems+=("not every request got a 2xx: $bad")
    jq -e '.sent == .acknowledged and .answered == .sent' "$json" >/dev/null ||
      problems+=("$(jq -r '"sent \(.sent), answered \(.answered), acknowledged \(.acknowledged)"' "$json")")
    if [[ $server == full* ]]; then
      local acked; acked=$(jq .acknowledged "$json")
      ((after - before == acked)) ||
        problems+=("the database grew by $((after - before)) rows, $acked were acknowledged")
    fi
  fi
  local status=OK
  if ((${#problems[@]})); then status=FAILED; FAILURES=$((FAILURES + 1)); fi
  local problem_json; problem_json=$(printf '%s\n' "${problems[@]}" | jq -R . | jq -sc 'map(select(. != ""))')
  jq -nc --arg id "$id" --arg group "$group" --arg server "$server" --arg link "$link" \
    --arg status "$status" --argjson problems "$problem_json" --argjson before "$before" \
    --argjson after "$after" --argjson exit "$rc" --arg args "$*" --argjson cpu "$cpu" \
    --slurpfile summary <([[ -s $json ]] && cat "$json" || echo null) \
    '{id: $id, group: $group, server: $server, link: $link, status: $status, problems: $problems,
      exit: $exit, rows_before: $before, rows_after: $after, args: $args, cpu_ticks: $cpu,
      summary: $summary[0]}' \
    >>"$OUT/runs.jsonl"
  if [[ $status == OK ]]; then
    say "$id: $(jq -r '"\(.measured.acknowledged_rate | floor)/s, p99 \(.measured.latency_ms.p99) ms, \(.acknowledged) acknowledged"' "$json")$( [[ $server == full* ]] && echo ", +$((after - before)) rows")"
  else
    say "$id: FAILED: ${problems[*]}"
  fi
}

# floor ID ROWS_PER_S SECONDS: the storage floor beside a half-rate run, which must have just ended.
# PostgreSQL alone commits what the receiver committed in that run, at its rate and in commits of its
# mean size (rows / distinct xmin), nothing else running: pgbench over the receiver's pool of
# DB_CONNECTIONS inserts copies of the run's last row into floor_notification, a table like notification.
# Each commit's latency counts from when it was due (pgbench -R: Poisson arrivals; time plus
# schedule lag), as the publisher's does. Summary to floor.jsonl.
floor() {
  local id=$1 rate=$2 secs=$3 size tps rc=0
  command -v pgbench >/dev/null || { say "$id: no pgbench (PostgreSQL's server package): not run"; return 0; }
  size=$(psql_db "$DB" "SELECT greatest(1, round(count(*) / greatest(1, count(DISTINCT xmin::text))::numeric))
    FROM notification")
  psql_db "$DB" "SET client_min_messages = warning;
    CREATE TABLE IF NOT EXISTS floor_notification (LIKE notification INCLUDING ALL);
    TRUNCATE floor_notification; DROP TABLE IF EXISTS floor_row;
    CREATE TABLE floor_row AS SELECT * FROM notification ORDER BY id DESC LIMIT 1" >/dev/null
  tps=$(awk -v r="$rate" -v s="$size" 'BEGIN { printf "%.1f", r / s }')
  psql_db "$DB" CHECKPOINT >/dev/null
  sync
  pgbench -n -c "$DB_CONNECTIONS" -j 2 -R "$tps" -T "$secs" -D rows="$size" -f "$BENCH/floor.sql" --log \
    --log-prefix "$OUT/logs/$id" "$PG/$DB" >"$OUT/logs/$id.out" 2>&1 || rc=$?
  # Log lines: client, transaction, latency us, script, epoch s, us, schedule lag us.
  { cat "$OUT/logs/$id".[0-9]* 2>/dev/null || true; } | awk '{ print ($3 + $7) / 1000 }' | sort -n |
    awk -v id="$id" -v rc="$rc" -v rate="$rate" -v size="$size" -v tps="$tps" -v c="$DB_CONNECTIONS" '
      { v[NR] = $1 }
      function p(q) { return NR ? v[int(q * (NR - 1)) + 1] : 0 }
      END { printf "{\"id\":\"%s\",\"exit\":%d,\"connections\":%d,\"rows_per_s\":%s,\"rows_per_commit\":%d,\"commits_per_s\":%s,\"commits\":%d,\"latency_ms\":{\"p50\":%s,\"p90\":%s,\"p99\":%s,\"p99_9\":%s,\"max\":%s}}\n",
        id, rc, c, rate, size, tps, NR, p(0.5), p(0.9), p(0.99), p(0.999), p(1) }' >>"$OUT/floor.jsonl"
  rm -f "$OUT/logs/$id".[0-9]*
  say "$id: PostgreSQL alone, $rate rows/s in commits of $size: $(tail -1 "$OUT/floor.jsonl" |
    jq -r '"p50 \(.latency_ms.p50) ms, p99 \(.latency_ms.p99) ms, max \(.latency_ms.max) ms, \(.commits) commits"')"
}

# cpu_ticks: the whole machine's CPU time so far (/proc/stat, all cores): busy (steal included),
# idle, waiting for I/O. A flat-out run that leaves the CPU idle was waiting on something else.
cpu_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5, $6 }' /proc/stat; }

# link_time FACTOR MIN_MS MBIT FILE: FACTOR times what the link takes to carry one body per
# connection, at least MIN_MS, as a duration. On a slow link the connections' requests cross it in
# waves (100 bodies take 3-4 s at 1 Mbit/s): the warm-up must last past the first wave, and the
# window several waves, or the count in it depends on where the waves fall.
link_time() {
  awk -v f="$1" -v min="$2" -v m="$3" -v c="$CONNECTIONS" -v b="$(stat -c %s "$4")" \
    'BEGIN { t = f * c * b * 8 / (m * 1e6) * 1000; printf "%dms", (t < min ? min : t) }'
}

# rate_of ID: the acknowledged rate an earlier run measured, 0 if it failed.
rate_of() {
  jq -r --arg id "$1" 'select(.id == $id) | if .status == "OK" then .summary.measured.acknowledged_rate else 0 end' \
    "$OUT/runs.jsonl" | tail -1
}
