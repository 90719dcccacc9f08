#!/usr/bin/env bash
# Bytes per key, haredis vs a real redis-server, for issue 3's datasets (see MemoryFootprint).
# Expects the benchmarks jar: mvn -B -q package -DskipTests -pl benchmarks -am
# Usage: benchmarks/memory-vs-redis.sh [scale]   (scale N divides the key counts by N)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar=$root/benchmarks/target/benchmarks.jar
[[ -f $jar ]] || { echo "missing $jar; build: mvn -B -q package -DskipTests -pl benchmarks -am" >&2; exit 1; }
port=$((30000 + RANDOM % 20000))
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((30000 + RANDOM % 20000)); done
dir=$(mktemp -d)
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" --daemonize no --loglevel warning > "$dir/redis.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.05; done
echo "redis-server $(redis-server --version | awk '{print $3}') on :$port; haredis embedded (java -Xmx4g, compressed oops)"
java -Xmx4g -cp "$jar" io.haredis.bench.MemoryFootprint "$port" "${1:-1}"
