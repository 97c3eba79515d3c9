"""The peers of `pnpm bench:peers`: the same work as the engine, done the way an analyst would in Python.

Reads the inputs scripts/bench/peers.bench.ts wrote (GeoJSON of the decoded communes with their EPCI,
100,000 points per size, the France coverage tables as CSV), times each operation (best and median
of several runs after a warm-up), and writes the timings and the answers to peers-result.json for the TypeScript
side to check (EPCI areas, point answers, covered population by department).

    python peers.py DIR AS_OF
"""

import json
import resource
import sys
import time

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely


def timed(out, op, size, fn, runs, warmup=2):
    """Times `runs` calls after `warmup` untimed ones: the best and the median time (ms) go to
    out["best"][op][size] and out["median"][op][size] (size None: out[...][op]), the memory pages touched
    for the first time per call (minor page faults) to out["faults"][op][size]; returns the last result."""
    value = None
    for _ in range(warmup):
        value = fn()
    times = []
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(runs):
        t0 = time.perf_counter()
        value = fn()
        times.append((time.perf_counter() - t0) * 1000)
    faults = (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults) / runs
    times.sort()
    for key, v in (("best", times[0]), ("median", times[len(times) // 2]), ("faults", faults)):
        if size is None:
            out[key][op] = v
        else:
            out[key].setdefault(op, {})[size] = v
    return value


def planar_area(geom):
    """Planar area (degrees²) of a polygon or multipolygon: the measure the TypeScript side uses."""
    return shapely.area(geom)


def main(folder, as_of):
    out = {"best": {}, "median": {}, "faults": {}, "answers": {}}
    for size in ("region", "france"):
        communes = gpd.read_file(f"{folder}/communes-{size}.geojson", engine="pyogrio")
        groups = communes.groupby("epci")["geometry"]
        arrays = {k: np.asarray(v.values) for k, v in groups}

        def dissolve():
            return {k: shapely.coverage_union_all(v) for k, v in arrays.items()}

        merged = timed(out, "dissolve", size, dissolve, 10 if size == "region" else 5)
        areas = {k: planar_area(g) for k, g in merged.items()}

        pts = pd.read_csv(f"{folder}/points-{size}.csv")
        points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(pts.lon, pts.lat), crs=communes.crs)

        def build():
            return shapely.STRtree(communes.geometry.values)

        timed(out, "build", size, build, 10)
        communes.sindex  # built once, as geopandas keeps it

        def lookups():
            return gpd.sjoin(points, communes[["code", "geometry"]], how="left", predicate="within")

        joined = timed(out, "lookups", size, lookups, 5)
        # A point on a shared boundary is within no polygon ("within" is strict): null, as the engine's
        # boundary rule does not apply to random points. One answer per point, in input order.
        joined = joined[~joined.index.duplicated(keep="first")].sort_index()
        codes = [None if pd.isna(c) else c for c in joined["code"].tolist()]
        out["answers"][size] = {"areas": areas, "codes": codes}

    con = duckdb.connect()
    con.execute(f"CREATE TABLE communes AS SELECT * FROM read_csv('{folder}/communes-france.csv', all_varchar=false, types={{'code': 'VARCHAR', 'department': 'VARCHAR'}})")
    con.execute(f"CREATE TABLE documents AS SELECT * FROM read_csv('{folder}/documents.csv', types={{'id': 'VARCHAR', 'signed_on': 'DATE', 'ends_on': 'DATE'}})")
    con.execute(f"CREATE TABLE members AS SELECT * FROM read_csv('{folder}/document-communes.csv', types={{'id': 'VARCHAR', 'code': 'VARCHAR'}})")
    query = """
        SELECT c.department, SUM(c.population)::BIGINT AS covered
        FROM communes c
        WHERE c.code IN (
            SELECT m.code FROM members m JOIN documents d ON d.id = m.id
            WHERE d.signed_on <= ?::DATE AND (d.ends_on IS NULL OR d.ends_on >= ?::DATE)
        )
        GROUP BY c.department
    """

    def coverage():
        return con.execute(query, [as_of, as_of]).fetchall()

    rows = timed(out, "coverage", None, coverage, 30, 5)
    out["coveredByDepartment"] = {dep: int(n) for dep, n in rows}
    out["versions"] = (
        f"shapely {shapely.__version__} (GEOS {'.'.join(map(str, shapely.geos_version))}), "
        f"geopandas {gpd.__version__}, DuckDB {duckdb.__version__}, Python {sys.version.split()[0]}"
    )
    with open(f"{folder}/peers-result.json", "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
