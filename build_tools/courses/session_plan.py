"""The session plan: a timed agenda built from the modules' facilitator timings and a course's session.

Plain Python (no mkdocs): the trainer edition's page and the session plan's PDF render what
`plan_session` returns. When the modules take longer than the session leaves for teaching, the plan
is fitted by one written rule (docs/for-trainers.md, "When the plan is too long"):

1. Teaching time is the session's minutes less its breaks' minutes.
2. Shorten: while the plan is too long, take up to 5 minutes (never more than it is still too long)
   from the longest segment that is longer than 5 minutes; of equally long ones, the latest in the
   plan. No segment is shortened below 5 minutes.
3. Drop: if every segment is down to 5 minutes (or was shorter) and the plan is still too long, drop
   whole segments, latest in the plan first, keeping each module's first segment and its live-poll
   segment.
4. Drop more: if the plan is still too long, drop the kept segments too, latest in the plan first,
   until it fits; a module left with no segment is listed as dropped.

Breaks are never shortened or moved earlier. A break is taken at its time if a segment ends then,
else at the end of the segment running at that time (the plan says how late it starts); a break
after the last segment comes after it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..loader import Content
from ..model import Module
from .model import Break, Session

FLOOR = 5
"""No segment is shortened below this many minutes."""
STEP = 5
"""A segment is shortened by at most this many minutes at a time."""
DAY = 24 * 60


@dataclass(frozen=True)
class Material:
    """Something a trainer has ready for a module: its handout or its self-check quiz."""

    kind: str  # "handout" or "quiz"
    name: str  # the file (`<module>.pdf`) or the quiz's id
    title: str


@dataclass(frozen=True)
class Slot:
    """One segment of one module, as its notes plan it and as the session plan gives it.

    Attributes:
        order: the segment's place in the whole plan, from 0.
        planned: its minutes in the module's facilitator notes.
        minutes: its minutes in the plan; 0 when dropped.
        live_poll: the live-poll question, on the segment that asks it.
        keep: a module's first segment or its live-poll segment: dropped only by rule 4.
    """

    order: int
    module: Module
    activity: str
    planned: int
    minutes: int
    live_poll: str | None = None
    keep: bool = False

    @property
    def status(self) -> str:
        if self.minutes == 0:
            return "dropped"
        return "shortened" if self.minutes < self.planned else "kept"


@dataclass(frozen=True)
class Row:
    """A line of the agenda: a segment (with its module's materials on its first row) or a break."""

    start: str
    end: str
    minutes: int
    slot: Slot | None = None
    pause: Break | None = None
    materials: tuple[Material, ...] = ()
    late: int = 0
    """For a break: how many minutes after its written time it starts."""


@dataclass(frozen=True)
class SessionPlan:
    """The agenda and what was changed to fit it into the session."""

    session: Session
    rows: tuple[Row, ...]
    slots: tuple[Slot, ...]
    untimed: tuple[Module, ...]
    """Modules whose notes give no minutes: the plan cannot time them."""

    @property
    def planned_minutes(self) -> int:
        return sum(s.planned for s in self.slots)

    @property
    def teaching_minutes(self) -> int:
        return teaching_minutes(self.session)

    @property
    def overrun(self) -> int:
        """How many minutes longer than the teaching time the modules' timings are; 0 if they fit."""
        return max(0, self.planned_minutes - self.teaching_minutes)

    @property
    def used_minutes(self) -> int:
        return sum(s.minutes for s in self.slots)

    @property
    def spare_minutes(self) -> int:
        return max(0, self.teaching_minutes - self.used_minutes)

    @property
    def shortened(self) -> tuple[Slot, ...]:
        return tuple(s for s in self.slots if s.status == "shortened")

    @property
    def dropped(self) -> tuple[Slot, ...]:
        return tuple(s for s in self.slots if s.status == "dropped")

    @property
    def dropped_modules(self) -> tuple[Module, ...]:
        """Modules none of whose segments is left in the plan."""
        kept = {s.module.id for s in self.slots if s.minutes}
        seen: dict[str, Module] = {s.module.id: s.module for s in self.slots if s.module.id not in kept}
        return tuple(seen.values())

    @property
    def end(self) -> str:
        return self.rows[-1].end if self.rows else self.session.start

    @property
    def session_end(self) -> str:
        return clock(to_minutes(self.session.start) + self.session.minutes)


def plan_session(content: Content, session: Session) -> SessionPlan:
    """The agenda of `content`'s modules, in order, fitted into `session` by the rule above."""
    slots = fit(segments_of(content.modules), teaching_minutes(session))
    untimed = tuple(m for m in content.modules if m.facilitator_notes.minutes is None)
    return SessionPlan(session, tuple(agenda(slots, session, content)), tuple(slots), untimed)


def with_break_labels(session: Session, labels: dict[str, str]) -> Session:
    """The session with its breaks' labels in the plan's language (`labels`, by `at`; see
    branding.break_labels): the plan shows each break by its label."""
    breaks = [b.model_copy(update={"label": labels.get(b.at, b.label)}) for b in session.breaks]
    return session.model_copy(update={"breaks": breaks})


def teaching_minutes(session: Session) -> int:
    return max(0, session.minutes - sum(b.minutes for b in session.breaks))


def segments_of(modules: tuple[Module, ...] | list[Module]) -> list[Slot]:
    """Every module's segments in teaching order; a module with minutes but no segments is one segment."""
    slots: list[Slot] = []
    for module in modules:
        notes = module.facilitator_notes
        if notes.minutes is None:
            continue
        parts = [(s.activity, s.minutes, s.live_poll) for s in notes.segments] or [(module.title, notes.minutes, False)]
        for index, (activity, minutes, polled) in enumerate(parts):
            question = notes.live_poll if polled else None
            slot = Slot(len(slots), module, activity, minutes, minutes, question, keep=index == 0 or polled)
            slots.append(slot)
    return slots


def fit(slots: list[Slot], available: int) -> list[Slot]:
    """The segments fitted into `available` minutes: shortened, then dropped (rules 2 to 4)."""
    slots = list(slots)
    _shorten(slots, available)
    _drop(slots, available, lambda s: not s.keep)
    _drop(slots, available, lambda s: True)
    return slots


def _over(slots: list[Slot], available: int) -> int:
    return sum(s.minutes for s in slots) - available


def _shorten(slots: list[Slot], available: int) -> None:
    while (over := _over(slots, available)) > 0:
        longer = [s for s in slots if s.minutes > FLOOR]
        if not longer:
            return
        longest = max(longer, key=lambda s: (s.minutes, s.order))
        cut = min(STEP, longest.minutes - FLOOR, over)
        slots[longest.order] = replace(longest, minutes=longest.minutes - cut)


def _drop(slots: list[Slot], available: int, may_drop) -> None:
    for slot in reversed(list(slots)):
        if _over(slots, available) <= 0:
            return
        if slot.minutes and may_drop(slot):
            slots[slot.order] = replace(slot, minutes=0)


def agenda(slots: list[Slot], session: Session, content: Content) -> list[Row]:
    """The rows of the plan from the session's start: segments in order, breaks where they fall."""
    rows: list[Row] = []
    now = to_minutes(session.start)
    pending = sorted(session.breaks, key=lambda b: offset(session.start, b.at))
    shown: set[str] = set()
    for slot in (s for s in slots if s.minutes):
        while pending and offset(session.start, pending[0].at) <= now - to_minutes(session.start):
            now = _take_break(rows, pending.pop(0), now, session)
        materials = () if slot.module.id in shown else materials_of(content, slot.module)
        shown.add(slot.module.id)
        rows.append(Row(clock(now), clock(now + slot.minutes), slot.minutes, slot=slot, materials=materials))
        now += slot.minutes
    for pause in pending:
        now = _take_break(rows, pause, now, session)
    return rows


def _take_break(rows: list[Row], pause: Break, now: int, session: Session) -> int:
    written = to_minutes(session.start) + offset(session.start, pause.at)
    late = max(0, now - written)
    rows.append(Row(clock(now), clock(now + pause.minutes), pause.minutes, pause=pause, late=late))
    return now + pause.minutes


def materials_of(content: Content, module: Module) -> tuple[Material, ...]:
    """A module's handout and its self-check quizzes."""
    handout = Material("handout", f"{module.id}.pdf", module.title)
    quizzes = [Material("quiz", q.id, q.title) for q in content.quizzes_of(module) if q.kind == "self-check"]
    return (handout, *quizzes)


def to_minutes(time: str) -> int:
    """`16:30` → 990, minutes since midnight."""
    hours, minutes = time.split(":")
    return int(hours) * 60 + int(minutes)


def clock(minutes: int) -> str:
    """990 → `16:30`; past midnight it goes round."""
    minutes %= DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def offset(start: str, time: str) -> int:
    """Minutes from `start` to `time`, going round midnight: a session may run past it."""
    return (to_minutes(time) - to_minutes(start)) % DAY


def session_problems(session: Session) -> list[tuple[tuple, str, str]]:
    """(field path under `session`, message, hint) for breaks that a plan cannot hold.

    The course loader turns them into `path:line:` problems of the course file.
    """
    span = f"{session.start}–{clock(to_minutes(session.start) + session.minutes)}"
    hint = f"a break starts and ends within the session, {span}"
    problems = []
    previous_end = 0
    for index, pause in sorted(enumerate(session.breaks), key=lambda item: offset(session.start, item[1].at)):
        starts = offset(session.start, pause.at)
        where = ("breaks", index, "at")
        if starts >= session.minutes:
            problems.append((where, f"the break at {pause.at} is outside the session, {span}", hint))
        elif starts + pause.minutes > session.minutes:
            problems.append(
                (where, f"the break at {pause.at} ({pause.minutes} minutes) runs past the session's end", hint)
            )
        elif starts < previous_end:
            problems.append((where, f"the break at {pause.at} starts before the break before it ends", hint))
        previous_end = max(previous_end, starts + pause.minutes)
    taken = sum(b.minutes for b in session.breaks)
    if session.breaks and taken >= session.minutes:
        message = f"the breaks take {taken} of the session's {session.minutes} minutes: none is left for teaching"
        problems.append((("minutes",), message, "lengthen the session or shorten the breaks"))
    return problems
