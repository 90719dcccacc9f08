#!/usr/bin/env bash
# Compares haredis with a real redis-server under redis-benchmark.
#
# Builds nothing: it expects the launcher jar, built with
#   mvn -B -q -o package -pl examples/launcher -am -DskipTests
# Starts the launcher and redis-server on free loopback ports, runs
#   redis-benchmark -t <test> -c 50 -n 200000 -P <1|16> --csv
# against each in turn (haredis first gets a short unmeasured warm-up so the JIT has compiled
# the hot path), prints requests/s for both and the ratio haredis/Redis, then stops both.
#
# Environment: JAR (launcher jar), REDIS_SERVER, REDIS_BENCHMARK, TESTS ("set get incr mset"),
# PIPELINES ("1 16"), CLIENTS (50), REQUESTS (200000), JAVA_OPTS ("-Xmx1g"), WARMUP (1/0).
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
JAVA_OPTS=${JAVA_OPTS:-"-Xmx1g"}
WARMUP=${WARMUP:-1}

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
    p=$((30000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return
    fi
  done
}

work=$(mktemp -d -t compare-with-redis.XXXXXX)
ours_pid=""
redis_pid=""
cleanup() {
  [[ -n $ours_pid ]] && kill "$ours_pid" 2>/dev/null && wait "$ours_pid" 2>/dev/null || true
  [[ -n $redis_pid ]] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

await_ping() { # port name
  for _ in $(seq 1 150); do
    if [[ $("$REDIS_CLI" -h 127.0.0.1 -p "$1" ping 2>/dev/null) == PONG ]]; then
      return 0
    fi
    sleep 0.2
  done
  echo "$2 did not answer PING on port $1; log:" >&2
  cat "$work/$2.log" >&2
  exit 1
}

ours_port=$(free_port)
# shellcheck disable=SC2086
java $JAVA_OPTS -jar "$JAR" --port "$ours_port" --bind 127.0.0.1 --dir "$work" >"$work/haredis.log" 2>&1 &
ours_pid=$!
redis_port=$(free_port)
while [[ $redis_port == "$ours_port" ]]; do redis_port=$(free_port); done
"$REDIS_SERVER" --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
  --daemonize no >"$work/redis.log" 2>&1 &
redis_pid=$!
await_ping "$ours_port" haredis
await_ping "$redis_port" redis

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

echo "redis-benchmark -c $CLIENTS -n $REQUESTS --csv; haredis on :$ours_port ($(java -version 2>&1 | head -1)), $("$REDIS_SERVER" --version | cut -d' ' -f1-3) on :$redis_port"
printf '%-8s %3s %14s %14s %8s\n' test P haredis_rps redis_rps ratio
for p in $PIPELINES; do
  for t in $TESTS; do
    ours=$(rps "$ours_port" "$t" "$p")
    theirs=$(rps "$redis_port" "$t" "$p")
    ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.2f", a / b }')
    printf '%-8s %3s %14s %14s %8s\n' "$t" "$p" "$ours" "$theirs" "$ratio"
  done
done
