#!/usr/bin/env bash
# The reproducers of issue 15 (bounded work, clear refusals): each runs with a 60 s timeout and prints
# its exit code, wall time and the first line of its message. Every one must end well under 30 s with
# exit 2 at the key named (or 0 within the limits).
# Usage: scripts/reproducers.sh [BINARY]   (default: target/release/ablakbusz)
set -uo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-target/release/ablakbusz}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stop='[[season.stop]]
date = 2020-03-02
start = "08:00"
settlement = "Fülöpháza"
dwell_hours = 3
'
# Writes scenario NAME with the given text before the one stop.
scenario() { printf '%s\n%s' "$2" "$stop" >"$work/$1.toml"; }
# Runs a command, prints: name, exit code, seconds, the first line of stderr naming a problem.
try() {
  local name=$1; shift
  local start end rc
  start=$(date +%s.%N)
  (cd "$work" && timeout 60 "$bin" "$@" >"$work/$name.out" 2>"$work/$name.err"); rc=$?
  end=$(date +%s.%N)
  printf '%-24s exit %3s  %5.2f s  %s\n' "$name" "$rc" "$(echo "$end - $start" | bc)" \
    "$(grep -m1 -v '^\s*help:' "$work/$name.err" | cut -c1-150)"
}
scenario venue-2e31 $'[demand.venue]\nmunicipality = 2147483648'
scenario month-1e15 $'[demand.month]\nmar = 1e15'
scenario month-1e308 $'[demand.month]\nmar = 1e308'
scenario distance-1e6 $'[demand]\ndistance_coef_per_km = 1e6'
scenario rate-1e7 ''
sed -i 's/dwell_hours = 3/dwell_hours = 3\narrival_rate_per_hour = 1e7/' "$work/rate-1e7.toml"
scenario clients-1e9 ''
sed -i 's/dwell_hours = 3/dwell_hours = 3\nexpected_clients = 1e9/' "$work/clients-1e9.toml"
scenario step-1e-9 $'[[policy]]\nname = "fine"\npolicy = "demand_driven"\nstep_min = 1e-9'
scenario desks-1e6 $'[bus]\ndesks = 1000000\nclerks = 1000000'
scenario dwell-1e-300 ''
sed -i 's/dwell_hours = 3/dwell_hours = 1e-300/' "$work/dwell-1e-300.toml"
scenario errand-1e308 $'[[clients.errand]]\nname = "slow"\nshare = 1\ndistribution = "exponential"\nmean_min = 1e308'
scenario policy-hours-1e6 $'[[policy]]\nname = "long"\npolicy = "fixed"\nhours = 1e6'
printf 'date,start,settlement,venue,dwell_hours,date\n2020-03-02,08:00,Fülöpháza,municipality,3,2020-03-03\n' >"$work/twice.csv"
printf 'date,start,settlement,venue,dwell_hours\n2020-03-02,08:00,Baja,municipality,3,4\n2020-03-03,08:00,"Baja,municipality,3\n' >"$work/fields.csv"
printf '[season]\nstops_csv = "fields.csv"\n' >"$work/field-counts.toml"
printf 'date,settlement,venue,dwell_hours,clients\n2019-09-02,Baja,municipality,4,18446744073709551615\n' >"$work/huge-count.csv"
head -c 4096 /dev/urandom >"$work/random-bytes.csv"
printf '[bus]\nclerks = 2\nclerks = 3\n' >"$work/duplicate-key.toml"
printf 'name = "x"\nsettlement = "F\xfcl\xf6ph\xe1za"\n' >"$work/latin2.toml"
mkdir -p "$work/locked" && chmod 500 "$work/locked"
printf '[season]\nstops_csv = "twice.csv"\n' >"$work/date-twice.toml"
printf 'date,start,settlement,dwell_hours\n' | head -c0 >"$work/empty.csv"
printf '[season]\nstops_csv = "empty.csv"\n' >"$work/empty-csv.toml"
scenario big-valid $'[simulation]\nreplications = 2000'
sed -i 's/dwell_hours = 3/dwell_hours = 3\nexpected_clients = 1500/' "$work/big-valid.toml"
touch "$work/a-file"
try venue-2e31 check venue-2e31.toml
try month-1e15 check month-1e15.toml
try month-1e308 check month-1e308.toml
try distance-1e6 check distance-1e6.toml
try rate-1e7 run rate-1e7.toml --out o
try clients-1e9 run clients-1e9.toml --out o
try step-1e-9 policies step-1e-9.toml --out o
try desks-1e6 staff desks-1e6.toml --out o
try threads-100000 run --threads 100000 --replications 20 --out o
try threads-0 run --threads 0 --out o
try replications-minus-1 run --replications -1 --out o
try dev-zero check /dev/zero
try dwell-1e-300 check dwell-1e-300.toml
try errand-1e308 check errand-1e308.toml
try policy-hours-1e6 policies policy-hours-1e6.toml --out o
try date-twice check date-twice.toml
try empty-stops-csv check empty-csv.toml
try out-is-a-file run --replications 20 --out a-file
try out-below-a-file run --replications 100000 --out a-file/results
try field-counts check field-counts.toml
try stop-log-huge-count calibrate --log huge-count.csv --out o
try stop-log-random calibrate --log random-bytes.csv --out o
try duplicate-key check duplicate-key.toml
try not-utf8 check latin2.toml
try big-valid run big-valid.toml --out o
start=$(date +%s.%N)
(cd "$work" && "$bin" calibrate --replications 20 --out o 2>"$work/pipe.err" | head -1 >/dev/null); rc=${PIPESTATUS[0]}
printf '%-24s exit %3s  %5.2f s  %s\n' "calibrate-pipe" "$rc" "$(echo "$(date +%s.%N) - $start" | bc)" "$(head -c 150 "$work/pipe.err")"
