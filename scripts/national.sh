#!/usr/bin/env bash
# Times `run` and `report` on a synthetic national-size season (issue 14): the 2020 plan's 200
# stops 20 times over, 4,000 stops on the same days (as if 20 buses ran the county's plan), given
# as a stops CSV to the 2020 plan's scenario without its [season.generate] tables. Prints each
# command's CPU time, wall time and peak memory as GNU time measures them.
#
#     scripts/national.sh [FOLDER]      (default /tmp/ablakbusz-national)
#
# ABLAKBUSZ=/path/to/ablakbusz times that binary instead of building target/release/ablakbusz
# (to alternate two versions' binaries on a shared machine).
set -euo pipefail
cd "$(dirname "$0")/.."
# Copies of the county's plan: issue 14's national size (20 copies, about 4,000 stops).
copies=20
dir=${1:-/tmp/ablakbusz-national}
if [[ -n ${ABLAKBUSZ:-} ]]; then
    bin=$ABLAKBUSZ
else
    bin=$PWD/target/release/ablakbusz
    cargo build --release --quiet
fi
mkdir -p "$dir"
"$bin" plan scenarios/2020-plan.toml --out "$dir/plan" > /dev/null
{
    head -n 1 "$dir/plan/itinerary.csv"
    for _ in $(seq "$copies"); do tail -n +2 "$dir/plan/itinerary.csv"; done
} > "$dir/national-stops.csv"
awk '
    /^\[\[?season\.generate/ { skip = 1; next }
    /^\[/ { skip = 0 }
    !skip { sub(/^name = "2020-plan"/, "name = \"national-synthetic\""); print }
    END { print "\n[season]\nstops_csv = \"national-stops.csv\"\ndepot = \"Kecskemét\"" }
' scenarios/2020-plan.toml > "$dir/national.toml"
for command in run report; do
    /usr/bin/time -f "$command: %U s user CPU, %S s system, %e s wall, %M kB peak memory" \
        "$bin" "$command" "$dir/national.toml" --quiet --out "$dir/$command" > /dev/null
done
