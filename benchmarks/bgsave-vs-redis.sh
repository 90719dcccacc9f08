#!/usr/bin/env bash
# Issue 4's snapshot benchmark: BGSAVE under a writing client, haredis (the launcher) vs redis-server.
# Prints worst/p99.9 SET latency during the save, save duration and MB/s, extra memory, and the load
# throughput of DEBUG RELOAD NOSAVE. Both servers get the same data, one after the other.
# Build first: mvn -B -q install -DskipTests
# Usage: benchmarks/bgsave-vs-redis.sh [keys]   (default 1000000)
# HAREDIS_JAVA_OPTS: JVM options for the launcher, default the README's recommendation for a server
# (-XX:+UseShenandoahGC; "" for G1 with its defaults, or e.g. -XX:MaxTenuringThreshold=0)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/benchmarks/target/benchmarks.jar
server=$root/examples/launcher/target/haredis-server.jar
for f in "$jar" "$server"; do [[ -f $f ]] || { echo "missing $f; build: mvn -B -q install -DskipTests" >&2; exit 1; }; done
keys=${1:-1000000}
free_port() {
  local p=$((30000 + RANDOM % 20000))
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((30000 + RANDOM % 20000)); done
  echo "$p"
}
wait_ping() { for _ in $(seq 300); do redis-cli -p "$1" ping 2>/dev/null | grep -q PONG && return 0; sleep 0.1; done; return 1; }
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; rm -rf "$work"' EXIT

mkdir -p "$work/redis" "$work/haredis"
port=$(free_port)
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work/redis" --daemonize no --enable-debug-command yes \
  --loglevel warning > "$work/redis.log" 2>&1 &
pids+=($!)
wait_ping "$port"
java -cp "$jar" io.haredis.bench.BgsaveLatency "$port" "$work/redis" "$keys" "redis-server"
redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true

port=$(free_port)
opts=${HAREDIS_JAVA_OPTS--XX:+UseShenandoahGC}
echo "haredis JVM options: -Xmx4g $opts"
java -Xmx4g $opts -jar "$server" --port "$port" --save '' --dir "$work/haredis" > "$work/haredis.log" 2>&1 &
pids+=($!)
wait_ping "$port"
java -cp "$jar" io.haredis.bench.BgsaveLatency "$port" "$work/haredis" "$keys" haredis
redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
