"""Requests per second of a generated app against bare FastAPI apps doing the same.

    .venv/bin/python bench/app.py [--python PATH] [--requests 3000] [--rounds 5]

Generates a project (`polepos start`, then `add module items --template crud`,
SQLite) and serves two routes in-process, through raw ASGI calls with 16 requests
in flight (like wrk's 16 connections, without the sockets, so only the
application's own cost is measured):

- `GET /api/v1/status` against a bare FastAPI app returning the same JSON;
- `GET /api/v1/items/` (20 rows) against a bare FastAPI + SQLAlchemy route running
  the same query on the same database.

Both apps run in the same process with LOG_LEVEL=WARNING; rounds alternate between
them and the ratio is the median of the per-round ratios (generated / bare).
Requests per second are counted per second of the process's CPU time (worker
threads included): what a saturated server can serve, and steady on a machine
other programs load, where wall-clock rates swing with the scheduler.
The generated app needs its own dependencies: pass `--python` for an interpreter
that has them, or the script builds a virtual environment with uv once (kept in
`$XDG_CACHE_HOME/poleposition/bench-runtime`). Goals: status >= 0.95, list >= 0.9.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGE = "bench_app"
GOALS = {"status": 0.95, "items list": 0.9}
RUNTIME_REQUIREMENTS = [
    "fastapi>=0.115",
    "uvicorn>=0.30",
    "pydantic-settings>=2.7",
    "pyjwt>=2.8",
    "sqlalchemy>=2.0",
    "alembic>=1.13",
]

# Runs in the runtime interpreter, in the generated project's folder.
LOAD = r"""
import asyncio, json, statistics, sys, time

from fastapi import FastAPI
from sqlalchemy import create_engine, select
from sqlalchemy.orm import sessionmaker

from {package} import __version__
from {package}.app import create_app
from {package}.db.base import Base
from {package}.db.session import get_engine, get_sessionmaker

REQUESTS, ROUNDS, IN_FLIGHT = int(sys.argv[1]), int(sys.argv[2]), 16
ROUTES = {{"status": "/api/v1/status", "items list": "/api/v1/items/"}}
MEASURED = sys.argv[3].split(",")

generated = create_app()
bare = FastAPI()
started_at = time.monotonic()


@bare.get("/api/v1/status")
async def bare_status():
    return {{"status": "ok", "service": "{package}", "version": __version__,
            "uptime_seconds": round(time.monotonic() - started_at, 3)}}


if "items list" in MEASURED:
    from {package}.modules.items.model import Item

    Base.metadata.create_all(get_engine())
    with get_sessionmaker()() as session:
        rows = (Item(name=f"item {{n}}", description="a row") for n in range(20))
        session.add_all(rows)
        session.commit()
    bare_sessions = sessionmaker(bind=create_engine(
        str(get_engine().url), connect_args={{"check_same_thread": False}}))

    @bare.get("/api/v1/items/")
    def bare_items():
        with bare_sessions() as session:
            rows = session.scalars(select(Item).order_by(Item.id))
            return [{{"id": r.id, "name": r.name, "description": r.description}}
                    for r in rows]


async def call(app, path):
    scope = {{"type": "http", "asgi": {{"version": "3.0"}}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": path, "raw_path": path.encode(),
             "root_path": "", "query_string": b"", "client": ("127.0.0.1", 5000),
             "server": ("127.0.0.1", 8000), "headers": [(b"host", b"127.0.0.1")]}}
    status, body = 0, []

    async def receive():
        return {{"type": "http.request", "body": b"", "more_body": False}}

    async def send(message):
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            body.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(body)


async def load(app, path):
    async def worker(count):
        for _ in range(count):
            await call(app, path)

    begin = time.process_time()
    await asyncio.gather(*(worker(REQUESTS // IN_FLIGHT) for _ in range(IN_FLIGHT)))
    return (REQUESTS // IN_FLIGHT) * IN_FLIGHT / (time.process_time() - begin)


async def main():
    async with generated.router.lifespan_context(generated):
        results = {{}}
        for name in MEASURED:
            path = ROUTES[name]
            ours, theirs = await call(generated, path), await call(bare, path)
            assert ours[0] == theirs[0] == 200, (ours, theirs)
            same = json.loads(ours[1]), json.loads(theirs[1])
            if isinstance(same[0], dict):  # uptimes differ
                same = tuple({{**body, "uptime_seconds": 0}} for body in same)
            assert same[0] == same[1], same
            await load(generated, path), await load(bare, path)  # warm up
            rounds = []
            for _ in range(ROUNDS):
                ours_rps = await load(generated, path)
                bare_rps = await load(bare, path)
                rounds.append((ours_rps, bare_rps, ours_rps / bare_rps))
            results[name] = {{
                "generated_rps": statistics.median(r[0] for r in rounds),
                "bare_rps": statistics.median(r[1] for r in rounds),
                "ratio": statistics.median(r[2] for r in rounds),
            }}
    json.dump(results, sys.stdout)


asyncio.run(main())
"""


def polepos(*args: str, cwd: Path) -> None:
    """Run this checkout's CLI."""
    subprocess.run(
        [sys.executable, "-m", "pole_position", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def runtime_python() -> Path:
    """An interpreter with the generated project's dependencies, built once with uv."""
    from uv import find_uv_bin

    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    venv = cache / "poleposition" / "bench-runtime"
    python = venv / "bin" / "python"
    if not python.exists():
        uv = str(find_uv_bin())
        subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, str(venv)])
        subprocess.run(
            [
                uv,
                "pip",
                "install",
                "--quiet",
                "--python",
                str(python),
                *RUNTIME_REQUIREMENTS,
            ],
            check=True,
        )
    return python


def measure(
    python: Path, root: Path, route: str, options: argparse.Namespace
) -> dict[str, dict[str, float]]:
    """Run the load script on `route` of the project at `root`."""
    completed = subprocess.run(
        [
            str(python),
            "-c",
            LOAD.format(package=PACKAGE),
            str(options.requests),
            str(options.rounds),
            route,
        ],
        cwd=root,
        env={
            **os.environ,
            "PYTHONPATH": str(root / "src"),
            "LOG_LEVEL": "WARNING",
            "DATABASE_URL": f"sqlite:///{root / 'bench.db'}",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        sys.exit(f"the load on {route} failed:\n{completed.stderr}")
    result: dict[str, dict[str, float]] = json.loads(completed.stdout)
    return result


def main() -> int:
    """Generate the project, run the load in the runtime interpreter, print ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", type=Path, help="interpreter with FastAPI etc.")
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    python = options.python or runtime_python()
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        polepos("start", PACKAGE, "--db", "sqlite", "--no-git", cwd=Path(scratch))
        root = Path(scratch) / PACKAGE
        # The status route of a fresh project, then a crud list once one is added.
        results.update(measure(python, root, "status", options))
        polepos("add", "module", "items", "--template", "crud", cwd=root)
        results.update(measure(python, root, "items list", options))
    failed = False
    print(f"{'route':<12} {'generated rps':>14} {'bare rps':>10} {'ratio':>6}  goal")
    for name, row in results.items():
        goal = GOALS[name]
        met = row["ratio"] >= goal
        failed |= not met
        print(
            f"{name:<12} {row['generated_rps']:>14.0f} {row['bare_rps']:>10.0f}"
            f" {row['ratio']:>6.2f}  >= {goal} {'ok' if met else 'MISSED'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
