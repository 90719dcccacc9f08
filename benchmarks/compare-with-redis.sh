#!/usr/bin/env bash
# Compares haredis with a real redis-server under redis-benchmark.
#
# Builds nothing: it expects the launcher jar, built with
#   mvn -B -q -o package -pl examples/launcher -am -DskipTests
# Starts the launcher and redis-server (both with --save '', so no background save runs in the
# middle of a measurement) on free loopback ports, runs
#   redis-benchmark -t <test> -c 50 -n 200000 -P <1|16> --csv
# against each, ROUNDS times per test and pipeline, alternating which server goes first (haredis
# first gets a short unmeasured warm-up so the JIT has compiled the hot path), prints the median
# requests/s of each and the ratio of the medians haredis/Redis, then stops both. Single runs are
# noisy on a small shared machine; the median of a few alternated rounds is steadier.
#
# Environment: JAR (launcher jar), REDIS_SERVER, REDIS_BENCHMARK, TESTS ("set get incr mset"),
# PIPELINES ("1 16"), CLIENTS (50), REQUESTS (200000), ROUNDS (3), JAVA_OPTS ("-Xmx1g -XX:+UseShenandoahGC", as the README runs the server),
# WARMUP (1/0), PORT_RANGE ("30000-59999", where the free ports are picked), VERBOSE (1 prints
# every round's requests/s on stderr), SERVER_ARGS (given to both servers, e.g.
# "--appendonly yes --appendfsync always"; default none).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$root/examples/launcher/target/haredis-server.jar}
REDIS_SERVER=${REDIS_SERVER:-redis-server}
REDIS_BENCHMARK=${REDIS_BENCHMARK:-redis-benchmark}
REDIS_CLI=${REDIS_CLI:-redis-cli}
TESTS=${TESTS:-"set get incr mset"}
PIPELINES=${PIPELINES:-"1 16"}
CLIENTS=${CLIENTS:-50}
REQUESTS=${REQUESTS:-200000}
JAVA_OPTS=${JAVA_OPTS:-"-Xmx1g -XX:+UseShenandoahGC"}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-1}
PORT_RANGE=${PORT_RANGE:-30000-59999}
VERBOSE=${VERBOSE:-0}
port_min=${PORT_RANGE%-*}
port_max=${PORT_RANGE#*-}
if ! [[ $ROUNDS =~ ^[1-9][0-9]*$ && $port_min =~ ^[0-9]+$ && $port_max =~ ^[0-9]+$ && $port_min -le $port_max ]]; then
  echo "ROUNDS must be a positive integer and PORT_RANGE look like 30000-59999" >&2
  exit 1
fi

if [[ ! -f $JAR ]]; then
  echo "missing $JAR; build it first: mvn -B -q -o package -pl examples/launcher -am -DskipTests" >&2
  exit 1
fi
for tool in "$REDIS_SERVER" "$REDIS_BENCHMARK" "$REDIS_CLI" java; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done

# A loopback port nobody listens on (a connect attempt fails).
free_port() {
  local p
  while true; do
    p=$((port_min + RANDOM % (port_max - port_min + 1)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
}

work=$(mktemp -d -t compare-with-redis.XXXXXX)
ours_pid=""
redis_pid=""
started_pid=""
cleanup() {
  [[ -n $started_pid ]] && kill "$started_pid" 2>/dev/null && wait "$started_pid" 2>/dev/null || true
  [[ -n $ours_pid ]] && kill "$ours_pid" 2>/dev/null && wait "$ours_pid" 2>/dev/null || true
  [[ -n $redis_pid ]] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Waits until the server answers PING. Returns 1 when its process exits first (it could not
# bind the port, say); gives up with its log after 30 s.
await_ping() { # port pid name
  for _ in $(seq 1 150); do
    if [[ $("$REDIS_CLI" -h 127.0.0.1 -p "$1" ping 2>/dev/null) == PONG ]]; then
      return 0
    fi
    if ! kill -0 "$2" 2>/dev/null; then
      return 1
    fi
    sleep 0.2
  done
  echo "$3 did not answer PING on port $1; log:" >&2
  cat "$work/$3.log" >&2
  exit 1
}

# Starts a server on a free port, and again on another one when the process exits before
# answering PING (another process took the port between free_port and the bind).
start_server() { # name command... (the command gets --port <port> appended); sets started_pid, started_port
  local name=$1 attempt
  shift
  for attempt in 1 2 3 4 5; do
    started_port=$(free_port)
    "$@" --port "$started_port" >"$work/$name.log" 2>&1 &
    started_pid=$!
    if await_ping "$started_port" "$started_pid" "$name"; then
      return 0
    fi
    wait "$started_pid" 2>/dev/null || true
    started_pid=""
    echo "$name exited before answering PING on port $started_port (attempt $attempt); last log lines:" >&2
    tail -n 3 "$work/$name.log" >&2
  done
  echo "$name did not start" >&2
  exit 1
}

mkdir -p "$work/haredis-data" "$work/redis-data" # apart: with SERVER_ARGS both may write an AOF
# shellcheck disable=SC2086
start_server haredis java $JAVA_OPTS -jar "$JAR" --bind 127.0.0.1 --save '' --dir "$work/haredis-data" ${SERVER_ARGS:-}
ours_pid=$started_pid
ours_port=$started_port
started_pid=""
start_server redis "$REDIS_SERVER" --bind 127.0.0.1 --save '' --appendonly no --dir "$work/redis-data" --daemonize no ${SERVER_ARGS:-}
redis_pid=$started_pid
redis_port=$started_port
started_pid=""

if [[ $WARMUP == 1 ]]; then
  "$REDIS_BENCHMARK" -h 127.0.0.1 -p "$ours_port" -t set,get -c "$CLIENTS" -n 200000 -P 16 -q >/dev/null 2>&1 || true
  "$REDIS_BENCHMARK" -h 127.0.0.1 -p "$ours_port" -t set,get -c "$CLIENTS" -n 100000 -q >/dev/null 2>&1 || true
fi

# Requests per second of one test, or "n/a" when the server rejects the command.
rps() { # port test pipeline
  local out
  if ! out=$("$REDIS_BENCHMARK" -h 127.0.0.1 -p "$1" -t "$2" -c "$CLIENTS" -n "$REQUESTS" -P "$3" --csv 2>&1); then
    echo n/a
    return
  fi
  if grep -q "Error from server\|ERR " <<<"$out"; then
    echo n/a
    return
  fi
  awk -F'","' 'NF > 1 && $1 != "\"test" { gsub(/"/, "", $2); print $2; exit }' <<<"$out"
}

# The median of numbers, or "n/a" when any of them is.
median() {
  if [[ " $* " == *" n/a "* || $# == 0 ]]; then
    echo n/a
    return
  fi
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "redis-benchmark -c $CLIENTS -n $REQUESTS --csv; haredis on :$ours_port ($(java -version 2>&1 | head -1)), $("$REDIS_SERVER" --version | cut -d' ' -f1-3) on :$redis_port"
echo "requests/s are medians of $ROUNDS rounds (haredis and Redis alternate; ratio = median / median)"
printf '%-8s %3s %14s %14s %8s\n' test P haredis_rps redis_rps ratio
for p in $PIPELINES; do
  for t in $TESTS; do
    ours_runs=()
    redis_runs=()
    for ((r = 1; r <= ROUNDS; r++)); do
      if ((r % 2)); then
        ours_runs+=("$(rps "$ours_port" "$t" "$p")")
        redis_runs+=("$(rps "$redis_port" "$t" "$p")")
      else
        redis_runs+=("$(rps "$redis_port" "$t" "$p")")
        ours_runs+=("$(rps "$ours_port" "$t" "$p")")
      fi
    done
    if [[ $VERBOSE == 1 ]]; then
      echo "$t P=$p haredis: ${ours_runs[*]}; redis: ${redis_runs[*]}" >&2
    fi
    ours=$(median "${ours_runs[@]}")
    theirs=$(median "${redis_runs[@]}")
    ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.2f", a / b }')
    printf '%-8s %3s %14s %14s %8s\n' "$t" "$p" "$ours" "$theirs" "$ratio"
  done
done
