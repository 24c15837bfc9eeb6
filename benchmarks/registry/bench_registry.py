"""Load on the registry: ``openness serve`` on a seeded database, wrk on loopback, requests/s and p99.

    .venv/bin/python benchmarks/registry/bench_registry.py --database URL [--workers 2] [--seconds 15]

The database is seeded first (see README.md: the MOT's records and 10,000 generated releases). Each
scenario runs wrk (``apt-get install wrk``) for ``--seconds`` with ``--connections`` open connections
after a short warm-up; rate limits are off (``--no-rate-limits``), logs go to /dev/null. Scenarios:

- ``/api/v1/models`` (the MOT pager's first page: 100 models), and a page deep in the list;
- one model page (``/models/ID``) and its MOT API answer (``/api/v1/model/ID``);
- model pages and API answers for random models across the whole registry (a Lua script picks the id);
- the same list with ``If-None-Match`` (a client that has it: 304).

Besides requests/s and p99, it reports the server's CPU time per request (all its processes, from
/proc): on a shared machine, where wrk and other work take cores, that is the figure to compare.

``--no-cache`` serves with ``OPENNESS_CACHE=off`` to show what each answer costs when computed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(database: str, workers: int, cache: bool) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = dict(os.environ, OPENNESS_CACHE="on" if cache else "off")
    openness = str(Path(sys.executable).parent / "openness")
    command = [openness, "serve", "--database", database, "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(
        [*command, "--no-rate-limits", "--job-workers", "0"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/readyz", timeout=5):
                return proc, base
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the registry did not start")


def server_cpu(pid: int) -> float:
    """Seconds of CPU the server and its worker processes have used (Linux /proc)."""
    total = 0.0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        pending += [int(c) for c in children]
    return total


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return dict(response.headers), response.read()


def wrk(
    url: str, seconds: int, connections: int, script: Path | None = None, header: str = ""
) -> dict[str, float]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    if header:
        command += ["-H", header]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    done = re.search(r"(\d+) requests in", out)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    found = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    p99 = float(found.group(1)) * UNITS[found.group(2)] if found else float("nan")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    failed = re.search(r"Socket errors: (.*)", out)
    return {
        "requests": float(done.group(1)) if done else 0.0,
        "rps": rate,
        "p99_ms": p99,
        "non_2xx_3xx": float(errors.group(1)) if errors else 0.0,
        "socket_errors": 0.0
        if not failed
        else float(sum(int(n) for n in re.findall(r"\d+", failed.group(1)))),
    }


def random_ids_script(folder: Path, template: str, ids: list[int]) -> Path:
    path = folder / (re.sub(r"\W", "_", template) + ".lua")
    listed = ",".join(str(i) for i in ids)
    path.write_text(
        f"local ids = {{{listed}}}\n"
        "math.randomseed(7)\n"
        "request = function()\n"
        f'  return wrk.format(nil, string.format("{template}", ids[math.random(#ids)]))\n'
        "end\n"
    )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--only", default="", help="only the scenarios whose name holds this text")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    proc, base = start(args.database, args.workers, cache=not args.no_cache)
    try:
        listed = json.loads(fetch(base + "/api/v2/models?limit=1000")[1])
        total = listed["pager"]["total_items"]
        ids: list[int] = []
        for page in range(1, listed["pager"]["total_pages"] + 1):
            body = json.loads(fetch(f"{base}/api/v2/models?limit=1000&page={page}")[1])
            ids += [m["id"] for m in body["models"]]
        one = ids[len(ids) // 2]
        deep = max(1, (total // 100) - 1)
        etag = fetch(base + "/api/v1/models")[0]["etag"] if not args.no_cache else ""
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            scenarios = [
                ("/api/v1/models", base + "/api/v1/models", None, ""),
                (f"/api/v1/models?page={deep}", f"{base}/api/v1/models?page={deep}", None, ""),
                (f"/models/{one}", f"{base}/models/{one}", None, ""),
                (f"/api/v1/model/{one}", f"{base}/api/v1/model/{one}", None, ""),
                ("/models/RANDOM", base, random_ids_script(folder, "/models/%d", ids), ""),
                ("/api/v1/model/RANDOM", base, random_ids_script(folder, "/api/v1/model/%d", ids), ""),
            ]
            if etag:
                scenarios.append(
                    (
                        "/api/v1/models (If-None-Match)",
                        base + "/api/v1/models",
                        None,
                        f"If-None-Match: {etag}",
                    )
                )
            print(
                f"{total} models, {args.workers} workers, cache {'off' if args.no_cache else 'on'}, "
                f"{args.connections} connections, {args.seconds} s each"
            )
            print(
                f"{'scenario':40} {'req/s':>8} {'p99 ms':>8} {'server CPU ms/req':>18} "
                f"{'non-2xx/3xx':>12} {'socket errors':>14}  load average (1 min) before → after"
            )
            for name, url, script, header in scenarios:
                if args.only not in name:
                    continue
                wrk(url, 2, args.connections, script, header)  # warm-up: caches, pools, page cache
                before, load = server_cpu(proc.pid), os.getloadavg()[0]
                r = wrk(url, args.seconds, args.connections, script, header)
                cpu_ms = (server_cpu(proc.pid) - before) * 1000 / max(1.0, r["requests"])
                loads = f"{load:.1f} → {os.getloadavg()[0]:.1f}"
                print(
                    f"{name:40} {r['rps']:8.0f} {r['p99_ms']:8.1f} {cpu_ms:18.2f} "
                    f"{r['non_2xx_3xx']:12.0f} {r['socket_errors']:14.0f}  {loads}"
                )
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(60)


if __name__ == "__main__":
    main()
