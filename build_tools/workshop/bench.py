"""The workshop's load figure (part of `make bench`): 300 simulated phones on 127.0.0.1 answer one poll
within 5 seconds. It prints how many answers were counted, the median and 95th-percentile response
time, and how long after the last answer the projector showed the final count.

A benchmark, not a test: it prints figures (aims: p95 under 200 ms, projector current within 1 s) and
never fails on a timing. Traffic goes only to a server it starts itself on the loopback address.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..project import copy_project

PARTS = ("glossary.yml", "modules", "quizzes", "figures", "courses", "workshops")
HOST = "127.0.0.1"
POLL_POSITION = 9  # the first module's live poll in the default plan: a single choice


def main(root: Path, phones: int = 300, seconds: float = 5.0) -> int:
    with tempfile.TemporaryDirectory() as temp:
        project = copy_project(root, Path(temp) / "course", PARTS)
        server, url, token = _start(project)
        try:
            figures = asyncio.run(_burst(url, token, phones, seconds))
        finally:
            server.terminate()
            server.wait(timeout=10)
    _print(figures, phones, seconds)
    return 0


def _start(project: Path) -> tuple[subprocess.Popen, str, str]:
    import socket

    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port = sock.getsockname()[1]
    command = [sys.executable, "-m", "build_tools", "--root", str(project), "workshop", "serve", "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    token = None
    for line in server.stdout:
        found = re.search(r"presenter\?token=(\S+)", line)
        if found:
            token = found.group(1)
            break
    if token is None:
        server.kill()
        raise SystemExit("the workshop server did not start")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection((HOST, port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.1)
    return server, f"http://{HOST}:{port}/", token


async def _burst(url: str, token: str, phones: int, seconds: float) -> dict:
    import httpx

    limits = httpx.Limits(max_connections=phones + 10, max_keepalive_connections=phones + 10)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:
        joined = await asyncio.gather(*(_join(client) for _ in range(phones)))
        presenter = {"X-Presenter-Token": token}
        await client.post("/api/presenter/goto", json={"position": POLL_POSITION}, headers=presenter)
        await client.post("/api/presenter/open", json={}, headers=presenter)
        poll = (await client.get("/api/now", headers={"Cookie": joined[0][0]})).json()["poll"]
        choices = [c["id"] for c in poll["choices"]]
        seen: dict[str, float] = {}
        projector = asyncio.create_task(_watch_projector(url, phones, seen))
        await asyncio.sleep(0.3)  # the projector is connected before the first answer
        start = time.perf_counter()
        results = await asyncio.gather(
            *(_answer(url, cookie, csrf, poll["id"], random.choice(choices), seconds) for cookie, csrf in joined)
        )
        last_ack = max(done for _, _, done in results)
        try:
            await asyncio.wait_for(projector, timeout=10)
        except TimeoutError:
            pass
        view = await _first_view(client, f"/events/presenter?token={token}")
    return {
        "acknowledged": sum(1 for status, _, _ in results if status == 200),
        "counted": view["count"],
        "times": [took for status, took, _ in results if status == 200],
        "projector_lag": (seen["final"] - last_ack) if "final" in seen else None,
        "spread": last_ack - start,
    }


async def _join(client) -> tuple[str, str]:
    page = await client.get("/")
    cookie = "; ".join(f"{k}={v}" for k, v in page.cookies.items())
    csrf = re.search(r'name="csrf-token" content="([0-9a-f]+)"', page.text).group(1)
    return cookie, csrf


async def _answer(url: str, cookie: str, csrf: str, poll: str, choice: str, seconds: float):
    """One phone: its own connection (opened before the burst, as a phone keeps its page's), then one
    answer at a random moment. Raw HTTP/1.1, so that the client's own overhead stays out of the figure."""
    host, port = url.split("//")[1].rstrip("/").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    body = json.dumps({"poll": poll, "answer": choice}).encode()
    request = (
        f"POST /api/answer HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nCookie: {cookie}\r\nX-CSRF-Token: {csrf}\r\n\r\n"
    ).encode() + body
    await asyncio.sleep(random.uniform(0, seconds))
    sent = time.perf_counter()
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    length = int(re.search(rb"content-length: (\d+)", head, re.IGNORECASE).group(1))
    await reader.readexactly(length)
    done = time.perf_counter()
    writer.close()
    return int(head.split()[1]), done - sent, done


async def _watch_projector(url: str, phones: int, seen: dict) -> None:
    import httpx

    async with httpx.AsyncClient(base_url=url, timeout=None) as client:
        async with client.stream("GET", "/events/projector") as stream:
            async for line in stream.aiter_lines():
                if line.startswith("data: ") and json.loads(line[6:]).get("count", 0) >= phones:
                    seen["final"] = time.perf_counter()
                    return


async def _first_view(client, path: str) -> dict:
    async with client.stream("GET", path) as stream:
        async for line in stream.aiter_lines():
            if line.startswith("data: "):
                return json.loads(line[6:])
    return {}


def _print(figures: dict, phones: int, seconds: float) -> None:
    times = sorted(figures["times"]) or [0.0]
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    lag = figures["projector_lag"]
    print(f"\nworkshop: {phones} phones on {HOST} answer one poll within {seconds:.0f} s")
    print(f"  acknowledged {figures['acknowledged']}, counted {figures['counted']} (every answer counted: ", end="")
    print("yes)" if figures["counted"] == phones == figures["acknowledged"] else "NO)")
    print(
        f"  response time: median {1000 * statistics.median(times):.0f} ms, p95 {1000 * p95:.0f} ms (aim: p95 < 200 ms)"
    )
    shown = f"{1000 * lag:.0f} ms" if lag is not None else "never (within 10 s)"
    print(f"  projector showed the final count {shown} after the last answer (aim: within 1 s)")


if __name__ == "__main__":
    raise SystemExit(main(Path.cwd()))
