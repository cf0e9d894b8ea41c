#!/usr/bin/env python3
"""The least bus-days, then km, of any plan of one round of the 2020 plan's visits: an exact
set partitioning (a check of the planner's optimiser, not part of the program).

Every settlement without a permanent office is visited once; every feasible bus-day of 1 to 3
stops (window, earliest opening, opening grid, set-up and pack-up, drives rounded up to whole
minutes, straight-line km x 1.3 at 50 km/h, each group in its shortest feasible order) is a
column; the mixed-integer program picks columns covering each visit exactly once, minimising
bus-days first, then metres. Needs `pip install highspy numpy`.

    python3 scripts/least-km.py DEPOT DAY_START_MIN DAY_END_MIN GRID_MIN EARLIEST_MIN [VISITS_EACH]

e.g. `python3 scripts/least-km.py Kecskemét 420 1020 15 480` (the 2020 plan: one round, so the
season's least is twice it), or VISITS_EACH = 2 for each settlement twice with no rounds.
The dwell follows the 2020 plan's by-size rule (2/3/4/5 h from 0/1,000/2,500/5,000 residents).
"""
import csv
import itertools
import math
import sys

import highspy
import numpy as np

EARTH_RADIUS_KM = 6371.0088
ROAD_FACTOR = 1.3
SPEED_KMH = 50.0
SETUP_MIN = 15
PACKUP_MIN = 15
# Bus-days weigh more than any season's metres: fewest days first.
DAY_WEIGHT = 10**8


def great_circle_km(a, b):
    lat1, lat2 = math.radians(a[0]), math.radians(b[0])
    half_dlat = (lat2 - lat1) / 2
    half_dlon = math.radians(b[1] - a[1]) / 2
    h = math.sin(half_dlat) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(half_dlon) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def main():
    depot_name = sys.argv[1]
    start, end, grid, earliest = map(int, sys.argv[2:6])
    each = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    rows = list(csv.DictReader(open("scenarios/data/bacs-kiskun-settlements.csv", encoding="utf-8")))
    depot = next((float(r["lat"]), float(r["lon"])) for r in rows if r["name"] == depot_name)
    visits = []
    for r in rows:
        if r["has_government_window"] == "no":
            people = int(r["population"])
            hours = 2 if people < 1000 else 3 if people < 2500 else 4 if people < 5000 else 5
            visits.append(((float(r["lat"]), float(r["lon"])), hours * 60))
    points = [depot] + [v[0] for v in visits]
    km = [[great_circle_km(a, b) * ROAD_FACTOR for b in points] for a in points]
    minutes = [[math.ceil(k / SPEED_KMH * 60 - 1e-9) for k in row] for row in km]
    dwell = [0] + [v[1] for v in visits]

    def day(order):
        clock, here, metres = start, 0, 0.0
        for i, x in enumerate(order):
            ready = clock + minutes[here][x] + SETUP_MIN
            if i == 0:
                ready = max(ready, earliest)
            opens = -(-ready // grid) * grid
            clock = opens + dwell[x] + PACKUP_MIN
            metres += km[here][x]
            here = x
        return clock + minutes[here][0] <= end, round((metres + km[here][0]) * 1000)

    def best(group):
        costs = [m for ok, m in map(day, itertools.permutations(group)) if ok]
        return min(costs) if costs else None

    n = len(visits)
    columns = []
    pairs = set()
    for size in (1, 2, 3):
        for group in itertools.combinations(range(1, n + 1), size):
            if size == 3 and not all(p in pairs for p in itertools.combinations(group, 2)):
                continue
            cost = best(group)
            if cost is not None:
                columns.append((group, cost))
                if size == 2:
                    pairs.add(group)
    print(f"{len(columns)} feasible bus-days", flush=True)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    count = len(columns)
    for _ in columns:
        h.addVar(0, each)
    index = np.arange(count, dtype=np.int32)
    h.changeColsCost(count, index, np.array([DAY_WEIGHT + c for _, c in columns], dtype=float))
    h.changeColsIntegrality(count, index, np.array([highspy.HighsVarType.kInteger] * count))
    for x in range(1, n + 1):
        cols = np.array([i for i, (g, _) in enumerate(columns) if x in g], dtype=np.int32)
        h.addRow(each, each, len(cols), cols, np.ones(len(cols)))
    h.run()
    info = h.getInfo()
    value = round(info.objective_function_value)
    print(f"{h.modelStatusToString(h.getModelStatus())}: {value // DAY_WEIGHT} bus-days, "
          f"{(value % DAY_WEIGHT) / 1000:.3f} km (gap {info.mip_gap})")


if __name__ == "__main__":
    main()
