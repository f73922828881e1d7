"""One workshop session's answers and poll states in one SQLite file (WAL mode).

Every answer is one autocommitted statement: when the server says "received", the answer is in the
write-ahead log, and a server killed at any moment (SIGKILL included) finds it there on restart.
`synchronous=NORMAL` is durable across a crash of the process; only a power cut could lose the last
commits, which a laptop on battery makes unlikely and which is not worth an fsync per tap.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS polls (
    position INTEGER PRIMARY KEY,
    id TEXT UNIQUE NOT NULL,
    status TEXT NOT NULL DEFAULT 'ready' CHECK (status IN ('ready', 'open', 'closed')),
    revealed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS answers (
    poll TEXT NOT NULL,
    participant TEXT NOT NULL,
    value TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    hidden INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (poll, participant)
);
CREATE TABLE IF NOT EXISTS hands (
    poll TEXT NOT NULL,
    choice TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (poll, choice)
);
"""
DATABASE = "answers.sqlite3"


@dataclass(frozen=True)
class PollState:
    position: int
    id: str
    status: str
    revealed: bool


@dataclass(frozen=True)
class Answer:
    poll: str
    participant: str
    value: object
    answered_at: str
    hidden: bool


class Store:
    """The session's database: opened once by the server (one writer), read by the report."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.db = sqlite3.connect(folder / DATABASE, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA busy_timeout=5000")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    # --- the session ---------------------------------------------------------------------------

    def start(self, poll_ids: list[str], meta: dict[str, str]) -> None:
        """Fill a new session (its secrets, course and polls), or keep what a resumed one has."""
        defaults = {"secret": secrets.token_hex(32), "token": secrets.token_urlsafe(24), "current": "0", "paused": "0"}
        defaults["started"] = datetime.now(UTC).isoformat(timespec="seconds")
        for key, value in {**defaults, **meta}.items():
            self.db.execute("INSERT OR IGNORE INTO meta VALUES (?, ?)", (key, value))
        known = {row[0] for row in self.db.execute("SELECT id FROM polls")}
        position = self.db.execute("SELECT COALESCE(MAX(position), -1) FROM polls").fetchone()[0]
        for poll_id in poll_ids:
            if poll_id not in known:
                position += 1
                self.db.execute("INSERT INTO polls (position, id) VALUES (?, ?)", (position, poll_id))

    def meta(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value)
        )

    # --- polls ---------------------------------------------------------------------------------

    def polls(self) -> list[PollState]:
        rows = self.db.execute("SELECT position, id, status, revealed FROM polls ORDER BY position")
        return [PollState(p, i, s, bool(r)) for p, i, s, r in rows]

    def poll(self, poll_id: str) -> PollState | None:
        row = self.db.execute("SELECT position, id, status, revealed FROM polls WHERE id = ?", (poll_id,)).fetchone()
        return PollState(row[0], row[1], row[2], bool(row[3])) if row else None

    def set_status(self, poll_id: str, status: str) -> None:
        self.db.execute("UPDATE polls SET status = ? WHERE id = ?", (status, poll_id))

    def set_revealed(self, poll_id: str, revealed: bool) -> None:
        self.db.execute("UPDATE polls SET revealed = ? WHERE id = ?", (int(revealed), poll_id))

    # --- answers -------------------------------------------------------------------------------

    def save_answer(self, poll_id: str, participant: str, value: object) -> None:
        """One answer per participant and poll: a second one replaces the first."""
        now = datetime.now(UTC).isoformat(timespec="milliseconds")
        self.db.execute(
            "INSERT INTO answers (poll, participant, value, answered_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(poll, participant) DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at",
            (poll_id, participant, json.dumps(value, ensure_ascii=False), now),
        )

    def answer_of(self, poll_id: str, participant: str) -> object | None:
        row = self.db.execute(
            "SELECT value FROM answers WHERE poll = ? AND participant = ?", (poll_id, participant)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def answer_count(self, poll_id: str) -> int:
        return self.db.execute("SELECT COUNT(*) FROM answers WHERE poll = ?", (poll_id,)).fetchone()[0]

    def answers(self, poll_id: str | None = None) -> list[Answer]:
        query = "SELECT poll, participant, value, answered_at, hidden FROM answers"
        rows = self.db.execute(query + " WHERE poll = ? ORDER BY answered_at, rowid", (poll_id,)) if poll_id else None
        rows = rows if rows is not None else self.db.execute(query + " ORDER BY poll, answered_at, rowid")
        return [Answer(p, who, json.loads(v), at, bool(h)) for p, who, v, at, h in rows]

    def set_hidden(self, poll_id: str, participant: str, hidden: bool) -> bool:
        cursor = self.db.execute(
            "UPDATE answers SET hidden = ? WHERE poll = ? AND participant = ?", (int(hidden), poll_id, participant)
        )
        return cursor.rowcount == 1

    # --- counts from a show of hands -----------------------------------------------------------

    def set_hands(self, poll_id: str, counts: dict[str, int]) -> None:
        self.db.execute("BEGIN")
        self.db.execute("DELETE FROM hands WHERE poll = ?", (poll_id,))
        self.db.executemany("INSERT INTO hands VALUES (?, ?, ?)", [(poll_id, c, n) for c, n in counts.items()])
        self.db.execute("COMMIT")

    def hands(self, poll_id: str) -> dict[str, int]:
        rows = self.db.execute("SELECT choice, count FROM hands WHERE poll = ?", (poll_id,))
        return dict(rows.fetchall())

    def all_hands(self) -> dict[str, dict[str, int]]:
        found: dict[str, dict[str, int]] = {}
        for poll, choice, count in self.db.execute("SELECT poll, choice, count FROM hands ORDER BY poll, choice"):
            found.setdefault(poll, {})[choice] = count
        return found
