#!/usr/bin/env bash
# Runs the JMH benchmarks of benchmarks/target/benchmarks.jar with a named profile and keeps the results.
#
#   benchmarks/run-jmh.sh quick|full [regex] [more JMH options...]
#
#   quick  1 fork,  2 warm-up x 2 s, 3 measurements x 2 s   (a look: ~15 s per parameter set plus set-up)
#   full   3 forks, 5 warm-up x 5 s, 5 measurements x 5 s   (numbers to publish: ~3 min per parameter set)
#
# regex selects benchmarks (default: LedgerStageBenchmark); JMH options after it override the profile, e.g.
#   benchmarks/run-jmh.sh quick LedgerStage -p workload=uniform-10k,zipf -p batchSize=1000
# Writes benchmarks/results/<UTC time>-<profile>-<regex>.json (JMH JSON) and .txt (console log with java -version).
# Build the jar first: mvn -o -q -pl engine,benchmarks -am -DskipTests package
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
jar="$here/target/benchmarks.jar"
profile="${1:-quick}"
regex="${2:-LedgerStageBenchmark}"
shift $(( $# < 2 ? $# : 2 ))

case "$profile" in
  quick) options=(-f 1 -wi 2 -w 2s -i 3 -r 2s) ;;
  full) options=(-f 3 -wi 5 -w 5s -i 5 -r 5s) ;;
  *) echo "usage: $0 quick|full [regex] [JMH options...]" >&2; exit 2 ;;
esac

if [[ ! -f "$jar" ]]; then
  echo "no $jar: build it with mvn -o -q -pl engine,benchmarks -am -DskipTests package" >&2
  exit 1
fi

mkdir -p "$here/results"
name="$(date -u +%Y%m%dT%H%M%SZ)-$profile-$(printf '%s' "$regex" | tr -c 'A-Za-z0-9._-' '_')"
json="$here/results/$name.json"
log="$here/results/$name.txt"

{
  echo "# $0 $profile $regex $*"
  echo "# $(nproc) cores, $(uname -srm)"
  java -version 2>&1 | sed 's/^/# /'
} > "$log"
java -jar "$jar" "$regex" "${options[@]}" -rf json -rff "$json" "$@" 2>&1 | tee -a "$log"

# Summary: the per-event throughput (the "events" counter) and the rejected share, per parameter set.
if command -v python3 > /dev/null; then
  python3 - "$json" <<'PY' | tee -a "$log"
import json, sys
rows = json.load(open(sys.argv[1]))
print()
print(f"{'benchmark':<22} {'workload':<12} {'batch':>6} {'events/s':>12} {'error':>11} {'rejected':>9}")
for r in rows:
    s = r.get("secondaryMetrics", {})
    if "events" not in s:
        continue
    ev, rej = s["events"], s.get("rejected", {"score": 0})
    p = r.get("params", {})
    share = 100 * rej["score"] / ev["score"] if ev["score"] else 0
    print(f"{r['benchmark'].split('.')[-2]:<22} {p.get('workload', ''):<12} {p.get('batchSize', ''):>6} "
          f"{ev['score']:>12,.0f} {ev['scoreError']:>11,.0f} {share:>8.2f}%")
PY
fi
echo "results: $json"
