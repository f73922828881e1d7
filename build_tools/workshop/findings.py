"""What a session's answers say: each poll's distribution, the share correct per objective before and
after, confidence against correctness, the training the room wants, and learners' own results files.

Pure functions of the store's rows (and the results files), so the report's numbers are tested without
rendering anything.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .plan import LivePoll
from .room import respondents
from .store import Answer

RESULTS_FORMAT = "ipu-mediation-results"
"""The *My progress* export of the self-study site (docs/assets/javascripts/progress.js)."""
MAX_RESULTS_BYTES = 1024 * 1024


@dataclass(frozen=True)
class PollFinding:
    poll: LivePoll
    counts: dict[str, int]
    """Per choice: phones and hands together."""
    phones: int
    hands: dict[str, int]
    self_study: dict[str, int]
    texts: tuple[str, ...] = ()
    hidden: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values()) if self.poll.kind != "text" else self.phones

    @property
    def asked(self) -> bool:
        """Whether anyone answered it, in the room, by hand or in self-study."""
        return bool(self.phones or self.by_hand or any(self.self_study.values()))

    @property
    def by_hand(self) -> int:
        return sum(self.hands.values())

    @property
    def respondents(self) -> int:
        """The people who answered (see `room.respondents`); for a written answer, the phones."""
        return respondents(self.poll, self.phones, self.hands) if self.poll.kind != "text" else self.phones

    def share(self, choice: str) -> float:
        """The share of the people who answered who chose `choice` (not of all the ticks: on a "choose
        all that apply" poll, each person may tick several)."""
        return self.counts.get(choice, 0) / self.respondents if self.respondents else 0.0


@dataclass(frozen=True)
class ObjectiveFinding:
    objective: str
    text: str
    room: dict[str, tuple[int, int]]
    """Stage ("before", "after") → (correct, answered) in the room."""
    self_study: dict[str, tuple[int, int]]


@dataclass(frozen=True)
class ConfidenceFinding:
    poll: LivePoll
    rated: LivePoll
    levels: list[tuple[str, int, int]]
    """(label, answered, correct) per confidence level."""


@dataclass(frozen=True)
class SelfStudy:
    """Learners' results files: for each `quiz#question`, every learner's answer and score."""

    files: int = 0
    answers: dict[str, list[tuple[object, float | None]]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def read_results_files(paths: list[Path]) -> SelfStudy:
    """The results files learners exported from *My progress*; a file that is not one is named in
    `problems` and left out (one bad file does not stop the report)."""
    answers: dict[str, list] = defaultdict(list)
    files, problems = 0, []
    for path in paths:
        data = _results_data(path)
        if isinstance(data, str):
            problems.append(f"{path.name}: {data}")
            continue
        files += 1
        for quiz_id, state in data["quizzes"].items():
            entries = state.get("answers", {}) if isinstance(state, dict) else {}
            for question_id, entry in (entries if isinstance(entries, dict) else {}).items():
                if isinstance(entry, dict) and "answer" in entry:
                    score = entry.get("score")
                    answers[f"{quiz_id}#{question_id}"].append((entry["answer"], _number(score)))
    return SelfStudy(files, dict(answers), problems)


def _results_data(path: Path) -> dict | str:
    try:
        if path.stat().st_size > MAX_RESULTS_BYTES:
            return "larger than 1 MB: not a results file"
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "not readable as JSON"
    if not isinstance(data, dict) or data.get("format") != RESULTS_FORMAT or data.get("version") != 1:
        return "not a results file from the course's My progress page"
    if not isinstance(data.get("quizzes"), dict):
        return "has no quizzes"
    return data


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def participants(answers: list[Answer]) -> int:
    return len({a.participant for a in answers})


def poll_findings(polls: list[LivePoll], answers: list[Answer], hands: dict, study: SelfStudy) -> list[PollFinding]:
    by_poll: dict[str, list[Answer]] = defaultdict(list)
    for a in answers:
        by_poll[a.poll].append(a)
    return [_poll_finding(p, by_poll.get(p.id, []), hands.get(p.id, {}), study) for p in polls]


def _poll_finding(poll: LivePoll, answers: list[Answer], hands: dict[str, int], study: SelfStudy) -> PollFinding:
    if poll.kind == "text":
        texts = tuple(a.value for a in answers if not a.hidden)
        return PollFinding(poll, {}, len(answers), {}, {}, texts, sum(a.hidden for a in answers))
    phones = Counter(c for a in answers for c in _choices(a.value))
    counts = {c.id: phones[c.id] + hands.get(c.id, 0) for c in poll.choices}
    learned = Counter(c for value, _ in study.answers.get(poll.id, []) for c in _choices(value))
    return PollFinding(poll, counts, len(answers), dict(hands), {c.id: learned[c.id] for c in poll.choices})


def _choices(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value).lower() if isinstance(value, bool) else str(value)]


def is_correct(poll: LivePoll, value: object) -> bool:
    return set(_choices(value)) == set(poll.correct or ())


def objective_findings(
    findings: list[PollFinding], answers: list[Answer], texts: dict[str, str], assessed: dict, study: SelfStudy
) -> list[ObjectiveFinding]:
    """Share correct per objective, before (diagnostic) and after (post), in the room and in self-study."""
    room: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    by_poll: dict[str, list[Answer]] = defaultdict(list)
    for a in answers:
        by_poll[a.poll].append(a)
    for finding in findings:
        poll = finding.poll
        if not poll.graded or poll.stage not in ("before", "after"):
            continue
        right = sum(is_correct(poll, a.value) for a in by_poll.get(poll.id, []))
        if poll.kind == "one":  # a show of hands counts for single choices only
            right += sum(n for c, n in finding.hands.items() if c in poll.correct)
        total = finding.phones + (finding.by_hand if poll.kind == "one" else 0)
        for objective in poll.objectives:
            room[objective][poll.stage][0] += right
            room[objective][poll.stage][1] += total
    learned: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for question, given in study.answers.items():
        known = assessed.get(question)
        if not known:
            continue
        for objective in known["objectives"]:
            tally = learned[objective][known["stage"]]
            tally[0] += sum(1 for _, score in given if score is not None and score >= 1)
            tally[1] += len(given)
    answered = {o for tallies in (room, learned) for o, stages in tallies.items() if any(t[1] for t in stages.values())}
    ids = sorted(answered, key=lambda o: list(texts).index(o) if o in texts else len(texts))
    return [
        ObjectiveFinding(
            o,
            texts.get(o, o),
            {s: tuple(v) for s, v in room.get(o, {}).items()},
            {s: tuple(v) for s, v in learned.get(o, {}).items()},
        )
        for o in ids
    ]


def confidence_findings(polls: list[LivePoll], answers: list[Answer]) -> list[ConfidenceFinding]:
    """For each confidence rating asked with the question it rates: how often each level was right."""
    by_id = {p.id: p for p in polls}
    given: dict[str, dict[str, object]] = defaultdict(dict)
    for a in answers:
        given[a.poll][a.participant] = a.value
    found = []
    for poll in polls:
        rated = by_id.get(poll.about or "")
        if poll.scale != "confidence" or rated is None or not rated.graded:
            continue
        levels = []
        for choice in poll.choices:
            people = [who for who, level in given[poll.id].items() if level == choice.id and who in given[rated.id]]
            right = sum(is_correct(rated, given[rated.id][who]) for who in people)
            levels.append((choice.text, len(people), right))
        if any(n for _, n, _ in levels):
            found.append(ConfidenceFinding(poll, rated, levels))
    return found


def ranked_interest(findings: list[PollFinding]) -> list[tuple[PollFinding, list[tuple[str, int, int]]]]:
    """The survey's choice questions, each with its options ranked by how many chose them
    ((text, room, self-study)), most wanted first."""
    ranked = []
    for finding in findings:
        poll = finding.poll
        if poll.stage != "survey" or poll.kind == "text" or poll.scale:
            continue
        rows = [(c.text, finding.counts[c.id], finding.self_study.get(c.id, 0)) for c in poll.choices]
        if not any(room + study for _, room, study in rows):
            continue
        ranked.append((finding, sorted(rows, key=lambda r: (-(r[1] + r[2]), r[0]))))
    return ranked
