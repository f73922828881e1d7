"""Helpers for the workshop tests: a copy of the course with a test plan, the real server started as
`python -m build_tools workshop serve` on a free loopback port, and participants and the presenter as
HTTP clients."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from build_tools.project import copy_project

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("glossary.yml", "modules", "quizzes", "figures", "courses", "translations", "workshops")
HOST = "127.0.0.1"
TEST_PLAN = """\
id: test-room
course: ipu-workshop
title: Test room
minutes: 30
polls:
  - live_poll: parliaments-and-peace
    free_text: true
  - question: diagnostic#friendship-visit
  - question: diagnostic#friendship-visit-confidence
  - live_poll: mediation-and-its-neighbours
    options:
      - {id: none, text: None}
      - {id: good-offices, text: Good offices}
      - {id: facilitation, text: Facilitation}
      - {id: mediation, text: Mediation}
      - {id: not-sure, text: Not sure}
  - question: post#dam-row-invitation
  - question: capacity-survey#formats
"""
FREE_TEXT = "parliaments-and-peace#live-poll"
SINGLE = "diagnostic#friendship-visit"
CONFIDENCE = "diagnostic#friendship-visit-confidence"
LIVE = "mediation-and-its-neighbours#live-poll"
AFTER = "post#dam-row-invitation"
FORMATS = "capacity-survey#formats"


def copy_course(dest: Path) -> Path:
    """The project's course and its workshop plans, with the test plan beside them."""
    copy_project(ROOT, dest, PARTS)
    (dest / "workshops" / "test-room.yml").write_text(TEST_PLAN, encoding="utf-8")
    return dest


def french_course(dest: Path) -> Path:
    """The course as a French-only course (`languages: [fr]`, its title in French), as a francophone
    parliament would run it, with the test plan beside its own."""
    root = copy_course(dest)
    path = root / "courses" / "ipu-workshop.yml"
    text = path.read_text(encoding="utf-8")
    french = re.sub(r"\ntranslations:\n(?:  .*\n)+", "\n", text.replace("languages: [en, fr]", "languages: [fr]"))
    french = french.replace("\ntitle: Parliamentary diplomacy and mediation\n", f"\ntitle: {FRENCH_TITLE}\n")
    assert "languages: [fr]" in french and FRENCH_TITLE in french and "translations:" not in french
    path.write_text(french, encoding="utf-8")
    return root


FRENCH_TITLE = "Diplomatie parlementaire et médiation"


def position_of(server: Server, poll_id: str, plan: str = "ipu-workshop") -> int:
    """Where a poll comes in a plan of the server's course (1 for the first)."""
    from build_tools.loader import load_content
    from build_tools.workshop.plan import load_workshop

    polls = load_workshop(server.root, load_content(server.root), plan).polls
    return [poll.id for poll in polls].index(poll_id) + 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    root: Path
    port: int
    session: str
    process: subprocess.Popen
    token: str
    output: list[str]

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    @property
    def folder(self) -> Path:
        return self.root / ".workshop" / self.session

    @property
    def presenter_url(self) -> str:
        return f"{self.url}presenter?token={self.token}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def kill(self) -> None:
        """SIGKILL: no chance to flush or close anything."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


def start_server(
    root: Path, port: int | None = None, session: str = "test", plan: str = "test-room", extra: tuple = ()
) -> Server:
    port = port or free_port()
    command = [sys.executable, "-m", "build_tools", "--root", str(root), "workshop", "serve"]
    command += ["--port", str(port), "--session", session, "--plan", plan, *extra]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output, token = [], None
    for line in process.stdout:
        output.append(line)
        found = re.search(r"presenter\?token=(\S+)", line)
        token = found.group(1) if found else token
        if line.startswith("Stop it with"):
            break
    assert token, "the server printed no presenter address:\n" + "".join(output)
    threading.Thread(target=lambda: output.extend(process.stdout), daemon=True).start()  # never a full pipe
    _wait_for_port(port, process, output)
    return Server(root, port, session, process, token, output)


def _wait_for_port(port: int, process: subprocess.Popen, output: list[str]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server stopped:\n" + "".join(output)
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"the server did not listen on port {port}")


class Participant:
    """A phone: joins (gets its cookie and the page's CSRF token) and answers."""

    def __init__(self, server: Server):
        self.server = server
        self.client = httpx.Client(base_url=server.url, timeout=10)
        page = self.client.get("/")
        assert page.status_code == 200
        self.csrf = re.search(r'name="csrf-token" content="([0-9a-f]+)"', page.text).group(1)

    def answer(self, poll: str, value, **headers) -> httpx.Response:
        return self.client.post(
            "/api/answer", json={"poll": poll, "answer": value}, headers={"X-CSRF-Token": self.csrf, **headers}
        )

    def close(self) -> None:
        self.client.close()


def act(server: Server, action: str, token: str | None = None, **body) -> httpx.Response:
    headers = {"X-Presenter-Token": server.token if token is None else token}
    return httpx.post(f"{server.url}api/presenter/{action}", json=body, headers=headers, timeout=60)


def go_to(server: Server, position: int, open_it: bool = True) -> None:
    assert act(server, "goto", position=position).status_code == 200
    if open_it:
        assert act(server, "open").status_code == 200


LONG_WORD = "W" * 280
LINK = "https://www.ipu.org/" + "/".join(f"section-{n}" for n in range(1, 22))
LINES = "First line\nSecond line\n\n\nThird line"


def written_answers_report(base: Path) -> dict[str, Path]:
    """The report of a session of the test plan whose written answers are a 280-character word, a long
    link and an answer on several lines (cleaned as the server cleans them): its files, by name."""
    from build_tools.loader import load_content
    from build_tools.workshop.plan import load_workshop
    from build_tools.workshop.report import build_report
    from build_tools.workshop.room import clean_text
    from build_tools.workshop.session import start_session

    root = copy_course(base / "course")
    content = load_content(root)
    folder = root / ".workshop" / "answers"
    store = start_session(folder, load_workshop(root, content, "test-room"), "ipu-workshop", "Test", content)
    for who, text in enumerate([LONG_WORD, LINK, LINES]):
        store.save_answer(FREE_TEXT, f"participant{who:07d}", clean_text(text))
    store.close()
    return {path.name: path for path in build_report(folder)}
