"""``chorus bench load``: a bounded load test of the web app on loopback.

Starts ``chorus serve`` in a subprocess on 127.0.0.1 and a free port, then
sends a fixed number of GET requests (default 5,000, 32 at a time over
keep-alive connections) alternating between event pages and the JSON API
for every event in the database, and reports requests per second and
latency percentiles. It stops the server when done. The exit status is 0
only when every request got a 200.

The client is a minimal HTTP/1.1 keep-alive client on asyncio streams, so
that on a small machine the load generator costs far less CPU than the
server it measures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default="chorus.db", help="database (or events.json) to serve (default: chorus.db)")
    parser.add_argument("--requests", type=int, default=5000, help="requests to send (default: 5000)")
    parser.add_argument("--concurrency", type=int, default=32, help="requests in flight at once (default: 32)")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes (default: 1)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one response; return (status, keep the connection)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip().lower()
    if headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.readexactly(int(headers.get("content-length", "0")))
    return status, headers.get("connection") != "close"


async def _drive(host: str, port: int, paths: list[str], total: int, concurrency: int) -> dict:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors: list[str] = []
    counter = iter(range(total))

    async def worker() -> None:
        reader = writer = None
        for i in counter:
            path = paths[i % len(paths)]
            req = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUser-Agent: chorus-bench\r\n\r\n".encode()
            t0 = time.perf_counter()
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(host, port)
                writer.write(req)
                status, keep = await asyncio.wait_for(_read_response(reader), 30)
                latencies.append(time.perf_counter() - t0)
                statuses[status] = statuses.get(status, 0) + 1
                if not keep:
                    writer.close()
                    reader = writer = None
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.TimeoutError,
                    ValueError, IndexError) as exc:
                errors.append(f"{path}: {type(exc).__name__}: {exc}")
                if writer is not None:
                    writer.close()
                reader = writer = None
        if writer is not None:
            writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - t0
    lat = sorted(latencies)
    ok = statuses.get(200, 0)
    return {
        "requests": total, "concurrency": concurrency, "elapsed_s": round(elapsed, 3),
        "ok": ok, "errors": len(errors) + (total - ok - len(errors)), "statuses": statuses,
        "error_samples": errors[:5],
        "requests_per_s": round(total / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(_percentile(lat, 50) * 1000, 2), "p95_ms": round(_percentile(lat, 95) * 1000, 2),
        "p99_ms": round(_percentile(lat, 99) * 1000, 2), "max_ms": round((lat[-1] if lat else 0) * 1000, 2),
    }


def _wait_ready(host: str, port: int, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with status {proc.returncode}")
        try:
            with socket.create_connection((host, port), timeout=0.5) as s:
                s.sendall(f"GET /api/events?q=x HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
                if s.recv(64).startswith(b"HTTP/1.1 200"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError("the server did not start in time")


def load_paths(db: Path | str) -> list[str]:
    """The URLs to load: each event's page and its JSON, interleaved."""
    from chorus.web.data import open_source

    ids = [e["id"] for e in open_source(db).events()]
    if not ids:
        raise RuntimeError(f"{db} has no events to load")
    out = []
    for eid in ids:
        q = quote(eid, safe="")
        out += [f"/events/{q}", f"/api/events/{q}"]
    return out


def run_load(db: Path | str, requests: int = 5000, concurrency: int = 32, workers: int = 1) -> dict:
    """Serve ``db`` in a subprocess on loopback, load it, stop it; return the measurements."""
    if requests < 1 or concurrency < 1 or workers < 1:
        raise ValueError("requests, concurrency and workers must be at least 1")
    paths = load_paths(db)
    host, port = "127.0.0.1", _free_port()
    code = ("import sys; from chorus.web.app import serve; "
            "serve(sys.argv[1], host=sys.argv[2], port=int(sys.argv[3]), workers=int(sys.argv[4]))")
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    proc = subprocess.Popen([sys.executable, "-c", code, str(db), host, str(port), str(workers)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_ready(host, port, proc)
        asyncio.run(_drive(host, port, paths, len(paths) * max(1, workers), min(concurrency, 4)))  # warm caches
        result = asyncio.run(_drive(host, port, paths, requests, concurrency))
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    result.update({"workers": workers, "urls": len(paths), "cpus": os.cpu_count(),
                   "server": f"chorus serve on {host}, uvicorn"})
    return result


def run(args: argparse.Namespace) -> int:
    """Entry point of ``chorus bench load``; exit status 0 when no request failed."""
    try:
        r = run_load(args.db, args.requests, args.concurrency, args.workers)
    except (RuntimeError, ValueError, OSError) as exc:
        print(f"chorus bench load: {exc}", file=sys.stderr)
        return 2
    if getattr(args, "json", False):
        print(json.dumps(r, indent=2))
    else:
        from chorus.progress import format_table

        rows = [["requests", f"{r['requests']:,} ({r['concurrency']} at a time, {r['urls']} URLs)"],
                ["errors", str(r["errors"])],
                ["requests/s", f"{r['requests_per_s']:,.1f}"],
                ["latency p50 / p95 / p99", f"{r['p50_ms']:.1f} / {r['p95_ms']:.1f} / {r['p99_ms']:.1f} ms"],
                ["server", f"{r['workers']} worker(s), {r['cpus']} CPUs"]]
        print(format_table(["load test", "result"], rows))
    return 0 if r["errors"] == 0 else 1
