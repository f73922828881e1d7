"""`python -m build_tools workshop serve|report`: start the room's server, or write a session's report."""

from __future__ import annotations

import argparse
import io
import socket
import sys
from pathlib import Path

import segno

from ..problems import ContentError, format_report
from .app import WorkshopServer, create_app
from .report import build_report
from .room import Room
from .session import (
    DATA_FOLDER,
    language_of,
    load_for_course,
    new_session_name,
    polls_of,
    session_folder,
    start_session,
)
from .words import workshop_words

DEFAULT_PORT = 8765
LOOPBACK = "127.0.0.1"


def add_commands(commands) -> None:
    """The `workshop` command and its verbs, on the main command line's sub-parsers."""
    workshop = commands.add_parser("workshop", help="live polls in the room (serve) and their report")
    verbs = workshop.add_subparsers(dest="verb", required=True)
    serve = verbs.add_parser("serve", help="start the workshop server (participants, projector, presenter)")
    serve.add_argument("--course", help="the course whose plan to run (default: ipu-workshop)")
    serve.add_argument("--plan", help="the plan in workshops/ (default: the course's id)")
    serve.add_argument("--language", help="the room's language, one of the course's (default: its first)")
    serve.add_argument("--lan", action="store_true", help="listen on the network so phones in the room can join")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument("--session", help="the session's name (default: <course>-<today>, resumed if it exists)")
    serve.add_argument("--new", action="store_true", help="start a new session even if today's exists")
    report = verbs.add_parser("report", help="write a session's report (HTML, PDF, CSV, JSON), in its language")
    report.add_argument("session", help="the session's name in .workshop/, or its folder")
    report.add_argument("--results", nargs="*", type=Path, default=[], help="learners' My progress results files")


def run(args: argparse.Namespace) -> int:
    if args.verb == "report":
        return _report(args.root, args.session, args.results)
    return _serve(args)


def _report(root: Path, session: str, results: list[Path]) -> int:
    folder = session_folder(root, session)
    if folder is None:
        known = sorted(p.name for p in (root / DATA_FOLDER).glob("*") if p.is_dir())
        print(f"error: no workshop session '{session}' (hint: one of: {', '.join(known) or 'none yet'})")
        return 2
    for path in build_report(folder, results, root):
        print(f"wrote {path}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    root: Path = args.root
    try:
        prepared = load_for_course(root, args.course, args.plan, args.language)
    except ContentError as error:
        print(format_report(error.problems))
        return 1
    if not 1 <= args.port <= 65535:
        print("error: --port takes a number from 1 to 65535")
        return 2
    if prepared.warnings:
        print(format_report(prepared.warnings))
    workshop, course_id, language = prepared.workshop, prepared.course_id, prepared.language
    data = root / DATA_FOLDER
    name = args.session or new_session_name(data, course_id, fresh=args.new)
    folder = data / name
    resumed = folder.exists()
    kept = language_of(folder)
    if kept not in (None, language):
        print(f"error: the session {name} runs in '{kept}', not '{language}'")
        print(f"(hint: start it with --language {kept}, or start a new session with --new)")
        return 2
    store = start_session(folder, workshop, course_id, prepared.course_title, prepared.content, language)
    host = "0.0.0.0" if args.lan else LOOPBACK
    addresses = lan_addresses() if args.lan else []
    join_url = f"http://{(addresses or [LOOPBACK])[0]}:{args.port}/"
    words = workshop_words(language, root)
    app = create_app(
        WorkshopServer(
            Room(store, polls_of(store), rating_label=words.table["presenter"]["rating_label"]),
            join_url,
            qr_svg(join_url),
            lambda: build_report(folder, root=root),
            workshop.plan.title,
            words,
        )
    )
    _announce(name, resumed, join_url, store.meta("token"), args.lan, folder, language)
    if args.lan and not addresses:
        print("No network address found: join the room's Wi-Fi or turn on the hotspot, then start again.")
    elif len(addresses) > 1:
        others = ", ".join(f"http://{a}:{args.port}/" for a in addresses[1:])
        print(f"This laptop is on several networks; phones on another one join at: {others}")
    return _run_server(app, host, args.port)


def _announce(name: str, resumed: bool, join_url: str, token: str, lan: bool, folder: Path, language: str) -> None:
    print(f"{'Resumed' if resumed else 'Started'} workshop session {name} (answers kept in {folder})")
    print(f"The room's language: {language}")
    print()
    print(f"Participants join at:  {join_url}")
    segno.make(join_url, error="m").terminal(out=sys.stdout, compact=True)
    print(f"Projector:             {join_url}projector")
    print(f"Presenter (keep this address to yourself): {join_url}presenter?token={token}")
    if not lan:
        print("Only this computer can reach it. For phones in the room, run it with --lan (make workshop LAN=1).")
    print("Stop it with Ctrl+C; answers are kept and it resumes when started again today.")
    sys.stdout.flush()


def _run_server(app, host: str, port: int) -> int:
    import uvicorn

    config = uvicorn.Config(
        app, host=host, port=port, log_level="warning", access_log=False, timeout_graceful_shutdown=2, lifespan="off"
    )
    try:
        uvicorn.Server(config).run()
    except OSError as error:
        print(f"error: could not listen on port {port}: {error} (hint: choose another with --port)")
        return 1
    return 0


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses on its networks, as phones in the room reach it. Read from the
    system (host name and, on Linux, each interface); no packet is sent to find them."""
    found = set()
    try:
        found |= {info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)}
    except OSError:
        pass
    if sys.platform.startswith("linux"):
        found |= set(_interface_addresses())
    return sorted(a for a in found if not a.startswith(("127.", "169.254.", "0.")))


def _interface_addresses() -> list[str]:
    import fcntl
    import struct

    addresses = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for _, name in socket.if_nameindex():
            try:
                packed = fcntl.ioctl(sock.fileno(), 0x8915, struct.pack("256s", name[:15].encode()))  # SIOCGIFADDR
            except OSError:
                continue  # an interface with no IPv4 address
            addresses.append(socket.inet_ntoa(packed[20:24]))
    return addresses


def qr_svg(url: str) -> str:
    """The join address as an SVG file (with its namespace, so that it shows as an image)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=6, border=2, dark="#000", light="#fff", xmldecl=False)
    return out.getvalue().decode("utf-8")
