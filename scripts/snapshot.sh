#!/usr/bin/env bash
# Behaviour snapshot: runs every command on every shipped scenario with a fixed seed and few
# replications, and prints one SHA-256 line per output file and per captured terminal output.
# A refactoring is behaviour-preserving when the printed manifest does not change:
#   scripts/snapshot.sh > after.sha256 && diff scripts/snapshot-manifest.sha256 after.sha256
# Usage: scripts/snapshot.sh [BINARY]   (default: target/release/ablakbusz, built first)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [[ -z "$bin" ]]; then
  cargo build --release --quiet
  bin=target/release/ablakbusz
fi
bin=$(realpath "$bin")
repo=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sim=(--replications 40 --seed 20200 --threads 2)

# Runs one command; its terminal output (stdout, stderr, exit code) goes to NAME.txt beside its files.
snap() {
  local name=$1; shift
  mkdir -p "$work/$name"
  local rc=0
  (cd "$work/$name" && "$bin" "$@" >stdout.txt 2>stderr.txt) || rc=$?
  echo "$rc" >"$work/$name/exit.txt"
}

for path in scenarios/*.toml; do
  s=$(realpath "$path")
  n=$(basename "$path" .toml)
  snap "check-$n" check "$s"
  snap "plan-$n" plan "$s" --out out
  snap "run-$n" run "$s" "${sim[@]}" --out out
  # One crew per bus-day: bus_days.csv for every shipped scenario.
  snap "staff-$n" staff "$s" "${sim[@]}" --out out
done
main=$(realpath scenarios/2020-plan.toml)
snap run-embedded run "${sim[@]}" --out out
snap check-hu check "$main" --lang hu
snap run-hu run "$main" "${sim[@]}" --out out --lang hu
snap staff-hu staff "$(realpath scenarios/whatif-3-desks.toml)" "${sim[@]}" --out out --lang hu
snap report-en report "$main" "${sim[@]}" --out out
snap report-hu report "$main" "${sim[@]}" --out out --lang hu
snap policies-2020 policies "$main" "${sim[@]}" --out out
snap compare compare "$main" "$(realpath scenarios/whatif-3-desks.toml)" "$(realpath scenarios/whatif-fixed-3h-dwell.toml)" "${sim[@]}" --out out
snap calibrate calibrate "${sim[@]}" --out out
snap calibrate-backtest calibrate --backtest "${sim[@]}" --out out
# The log's path is drawn into the calibration chart: give it the same relative path wherever the repository is.
mkdir -p "$work/calibrate-log"
cp scenarios/data/example-stop-log.csv "$work/calibrate-log/"
snap calibrate-log calibrate --log example-stop-log.csv --out out
snap calibrate-2019 calibrate "$(realpath scenarios/2019-baseline.toml)" "${sim[@]}" --out out
snap plan-hu plan "$main" --out out --lang hu
snap policies-hu policies "$main" "${sim[@]}" --out out --lang hu
snap compare-hu compare "$main" "$(realpath scenarios/whatif-3-desks.toml)" "${sim[@]}" --out out --lang hu
snap calibrate-backtest-hu calibrate --backtest "${sim[@]}" --out out --lang hu
mkdir -p "$work/calibrate-log-hu"
cp scenarios/data/example-stop-log.csv "$work/calibrate-log-hu/"
snap calibrate-log-hu calibrate --log example-stop-log.csv --out out --lang hu
printf 'arrival_min,service_min,patience_min,errands\n0,10,,1\n1,12,5,2\n2,8,30,1\n3,15,,1\n40,9,20,1\n170,20,,1\n175,6,3,1\n' >"$work/day.csv"
for closing in serve_all turn_away last_entry; do
  snap "replay-$closing" replay "$work/day.csv" --clerks 1 --dwell 3 --closing "$closing" --last-entry-min 10 --trace
done
snap replay-hu replay "$work/day.csv" --clerks 1 --dwell 3 --closing turn_away --trace --lang hu
for f in tests/fixtures/broken/*.toml; do
  snap "broken-$(basename "$f" .toml)" check "$(realpath "$f")"
done
# Paths of the temporary folder are replaced so that the manifest does not depend on it.
(cd "$work" && find . -type f ! -name day.csv ! -name example-stop-log.csv | LC_ALL=C sort | while read -r f; do
  printf '%s  %s\n' "$(sed "s#$work#WORK#g; s#$repo#REPO#g" "$f" | sha256sum | cut -d' ' -f1)" "$f"
done)
