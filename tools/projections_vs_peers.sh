#!/usr/bin/env bash
# Runs the peer benchmark kit and the projections benchmark back to back on this machine and
# prints each one's replay rate with the ratios, so that the replay target is checked against
# the peers measured in the same sitting.
#
#   tools/projections_vs_peers.sh [LEDGER_DIR] [N=200000] [RUNS=3]
#
# LEDGER_DIR holds the projections benchmark's generated ledger (generated there first when
# missing; default: a new temporary directory). N and RUNS go to the peer kit's run_all.sh
# (PEERS: its directory, default ../shared/bench/peers beside the repository). The peers'
# replay decodes each event's JSON and counts it (lmdb_raw, the physical floor, reads the
# bytes without decoding them); the projections' replay decodes every event and folds it
# through every projection, and their full replay also evaluates every partnership.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
peers=${PEERS:-$root/../shared/bench/peers}
ledger=${1:-$(mktemp -d)/ledger}
n=${2:-200000}
runs=${3:-3}
out=$(mktemp -d)

(cd "$root" && swift build -c release --product projection-bench >/dev/null)
bench="$root/.build/release/projection-bench"
if [ ! -d "$ledger" ]; then
    echo "generating the projections ledger in $ledger" >&2
    "$bench" --ledger "$ledger" --updates 1 >/dev/null 2>&1
fi

echo "peers: run_all.sh $n $runs" >&2
(cd "$peers" && OUT="$out/peers.jsonl" ./run_all.sh "$n" "$runs" >"$out/peers.txt")
for run in $(seq "$runs"); do
    echo "projections: run $run of $runs" >&2
    "$bench" --ledger "$ledger" >"$out/projections-$run.jsonl" 2>"$out/projections-$run.txt"
done

python3 - "$out" "$runs" <<'PY'
import glob, json, statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
rates = {}
for line in open(f"{out}/peers.jsonl"):
    row = json.loads(line)
    if row.get("phase") == "replay":
        rates.setdefault(row["impl"], []).append(row["events_per_s"])
phases = {"replay": "projections replay (decode + fold through every projection)",
          "full-replay": "projections full replay (decode + fold + evaluate the portfolio)"}
ours = {phase: [] for phase in phases}
peak = []
for path in sorted(glob.glob(f"{out}/projections-*.jsonl")):
    rows = [json.loads(line) for line in open(path)]
    for phase in phases:
        ours[phase] += [row["events_per_s"] for row in rows if row["phase"] == phase]
    peak.append(max(row["peak_rss_mb"] for row in rows))
print(f"projections: peak RSS {max(peak):.0f} MB over {len(peak)} runs")
for phase, title in phases.items():
    mine = statistics.median(ours[phase])
    print(f"{title}: median {mine:,.0f} events/s ({min(ours[phase]):,.0f}-{max(ours[phase]):,.0f})")
    for impl, values in sorted(rates.items()):
        median = statistics.median(values)
        print(f"  {impl:12} replay median {median:>12,.0f} events/s   projections / {impl} = {mine / median:.2f}x")
print(f"raw results: {out}")
PY
