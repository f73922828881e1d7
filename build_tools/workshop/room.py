"""The room: which poll is on, who answered what, what each view may see, and the presenter's actions.

Three views read it, each seeing only its share: participants see the current question and their own
answer; the projector sees the question, the number of answers and, once revealed, the result; the
presenter sees everything. Changes wake the views' live streams (see `Signals`).
"""

from __future__ import annotations

import asyncio
import unicodedata
from collections import Counter

from .plan import LivePoll
from .security import RequestProblem
from .store import Store

MAX_TEXT = 280
"""Characters in a free-text answer: a sentence or two, readable on the projector."""


class Signals:
    """Wakes the live streams: `room` when the question or its state changes (everyone follows),
    `count` when an answer arrives (only the projector and the presenter show counts)."""

    def __init__(self):
        self._room = asyncio.Event()
        self._any = asyncio.Event()

    def room_changed(self) -> None:
        self._room.set()
        self._any.set()
        self._room, self._any = asyncio.Event(), asyncio.Event()

    def count_changed(self) -> None:
        self._any.set()
        self._any = asyncio.Event()

    async def wait(self, everything: bool, timeout: float) -> bool:
        """True when something changed before `timeout` seconds."""
        event = self._any if everything else self._room
        try:
            await asyncio.wait_for(event.wait(), timeout)
            return True
        except TimeoutError:
            return False


RATING_LABEL = "{prompt} (about question {number}: {rated})"
"""How the presenter's list names a confidence poll (`presenter.rating_label` in the room's language)."""


class Room:
    def __init__(self, store: Store, polls: list[LivePoll], rating_label: str = RATING_LABEL):
        self.store = store
        self.polls = polls
        self.rating_label = rating_label
        self.by_id = {poll.id: poll for poll in polls}
        self.signals = Signals()

    # --- where the session is ------------------------------------------------------------------

    @property
    def position(self) -> int:
        return min(max(int(self.store.meta("current", "0")), 0), len(self.polls) - 1)

    @property
    def paused(self) -> bool:
        return self.store.meta("paused") == "1"

    def current(self) -> LivePoll:
        return self.polls[self.position]

    def status(self, poll: LivePoll) -> str:
        state = self.store.poll(poll.id)
        return state.status if state else "ready"

    def revealed(self, poll: LivePoll) -> bool:
        state = self.store.poll(poll.id)
        return bool(state and state.revealed)

    # --- participants --------------------------------------------------------------------------

    def participant_view(self, participant: str) -> dict:
        poll = self.current()
        status = "paused" if self.paused else self.status(poll)
        view = {"status": status, "position": self.position + 1, "total": len(self.polls)}
        if status in ("open", "closed"):
            view["poll"] = poll.public()
            view["mine"] = self.store.answer_of(poll.id, participant)
        return view

    def answer(self, participant: str, data: dict) -> object:
        """Store one participant's answer to the open poll; returns the answer as stored.

        Raises:
            RequestProblem: 400 for a request of the wrong shape, 404 for an unknown poll, 409 when the
                poll is not open, 422 for an answer the poll does not offer.
        """
        if set(data) != {"poll", "answer"} or not isinstance(data["poll"], str):
            raise RequestProblem(400, 'Send {"poll": "<poll id>", "answer": ...} and nothing else.')
        poll = self.by_id.get(data["poll"])
        if poll is None:
            raise RequestProblem(404, "There is no such poll in this workshop.")
        if poll is not self.current() or self.paused or self.status(poll) != "open":
            raise RequestProblem(409, "This poll is closed: answers are no longer taken.")
        value = valid_answer(poll, data["answer"])
        self.store.save_answer(poll.id, participant, value)
        self.signals.count_changed()
        return value

    # --- the projector -------------------------------------------------------------------------

    def projector_view(self) -> dict:
        poll = self.current()
        status = "paused" if self.paused else self.status(poll)
        view = {"status": status, "position": self.position + 1, "total": len(self.polls)}
        if status in ("open", "closed"):
            view["poll"] = poll.public()
            view["count"] = self.store.answer_count(poll.id)
            if self.revealed(poll):
                view["result"] = self.result(poll, moderated=True)
        return view

    def result(self, poll: LivePoll, moderated: bool) -> dict:
        """Counts per choice (phones and a show of hands), the correct choices, and free texts."""
        answers = self.store.answers(poll.id)
        hands = self.store.hands(poll.id)
        result = {"answers": len(answers), "hands": sum(hands.values())}
        if poll.kind == "text":
            shown = [a for a in answers if not (moderated and a.hidden)]
            result["texts"] = [{"text": a.value, "ref": a.participant, "hidden": a.hidden} for a in shown]
            if moderated:
                result["texts"] = [{"text": t["text"]} for t in result["texts"]]
            return result
        counted = Counter(choice for a in answers for choice in ([a.value] if poll.kind == "one" else a.value))
        result["counts"] = {c.id: counted[c.id] + hands.get(c.id, 0) for c in poll.choices}
        result["respondents"] = respondents(poll, len(answers), hands)
        result["correct"] = sorted(poll.correct) if poll.graded else []
        return result

    # --- the presenter -------------------------------------------------------------------------

    def presenter_view(self) -> dict:
        poll = self.current()
        view = self.projector_view()
        view.update(
            status=self.status(poll),
            paused=self.paused,
            revealed=self.revealed(poll),
            poll=poll.public(),
            count=self.store.answer_count(poll.id),
            result=self.result(poll, moderated=False),
            hands=self.store.hands(poll.id),
            polls=[
                {"position": i + 1, "prompt": self.list_label(p), "status": self.status(p)}
                for i, p in enumerate(self.polls)
            ],
        )
        return view

    def list_label(self, poll: LivePoll, limit: int = 90) -> str:
        """A poll as the presenter's list names it: its prompt, cut at a word; a rating says which
        question it rates (its number and the start of its prompt)."""
        rated = self.by_id.get(poll.about or "")
        if rated is None:
            return cut_at_word(poll.prompt, limit)
        number = self.polls.index(rated) + 1
        return self.rating_label.format(
            prompt=cut_at_word(poll.prompt, limit), number=number, rated=cut_at_word(rated.prompt, 48)
        )

    def act(self, action: str, data: dict) -> None:
        """One presenter action on the current poll (or on the position).

        Raises:
            RequestProblem: 404 for an unknown action, 400 or 422 for bad details.
        """
        poll = self.current()
        if action in ("open", "close"):
            self.store.set_status(poll.id, "open" if action == "open" else "closed")
        elif action in ("reveal", "conceal"):
            self.store.set_revealed(poll.id, action == "reveal")
        elif action in ("pause", "resume"):
            self.store.set_meta("paused", "1" if action == "pause" else "0")
        elif action in ("next", "previous", "goto"):
            self._move(action, data)
        elif action == "hide":
            self._hide(poll, data)
        elif action == "hands":
            self.store.set_hands(poll.id, valid_hands(poll, data.get("counts")))
        else:
            raise RequestProblem(404, f"There is no presenter action '{action[:40]}'.")
        self.signals.room_changed()

    def _move(self, action: str, data: dict) -> None:
        if action == "goto":
            target = data.get("position")
            if type(target) is not int or not 1 <= target <= len(self.polls):
                raise RequestProblem(422, f"Give a position from 1 to {len(self.polls)}.")
            position = target - 1
        else:
            position = self.position + (1 if action == "next" else -1)
        position = min(max(position, 0), len(self.polls) - 1)
        if self.status(self.current()) == "open":  # moving on closes the poll that was open
            self.store.set_status(self.current().id, "closed")
        self.store.set_meta("current", str(position))

    def _hide(self, poll: LivePoll, data: dict) -> None:
        ref, hidden = data.get("ref"), data.get("hidden", True)
        if not isinstance(ref, str) or type(hidden) is not bool:
            raise RequestProblem(400, 'Send {"ref": "<answer ref>", "hidden": true or false}.')
        if poll.kind != "text" or not self.store.set_hidden(poll.id, ref, hidden):
            raise RequestProblem(404, "There is no such free-text answer to this poll.")


def respondents(poll: LivePoll, phones: int, hands: dict[str, int]) -> int:
    """How many people answered a choice poll: what its percentages are of.

    Each phone is one person. A show of hands on a single choice counts each hand once; on a "choose all
    that apply" poll a person may raise a hand for several options, so the most hands any option got
    is the fewest people who can have raised them.
    """
    if poll.kind == "many":
        return phones + max(hands.values(), default=0)
    return phones + sum(hands.values())


def valid_answer(poll: LivePoll, value: object) -> object:
    """The answer as it is stored, if the poll offers it.

    Raises:
        RequestProblem: 400 for the wrong type, 422 for a choice the poll does not offer or a text too long.
    """
    ids = [c.id for c in poll.choices]
    if poll.kind == "text":
        if not isinstance(value, str):
            raise RequestProblem(400, "This question takes a written answer (text).")
        text = clean_text(value)
        if not text:
            raise RequestProblem(422, "Write something before sending.")
        if len(text) > MAX_TEXT:
            raise RequestProblem(422, f"Your answer is too long: at most {MAX_TEXT} characters.")
        return text
    if poll.kind == "one":
        if not isinstance(value, str):
            raise RequestProblem(400, "This question takes one choice (the id of an option).")
        if value not in ids:
            raise RequestProblem(422, "That is not one of this question's options.")
        return value
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RequestProblem(400, "This question takes a list of choices.")
    if not value or len(set(value)) != len(value) or any(v not in ids for v in value):
        raise RequestProblem(422, "Choose one or more of this question's options, each once.")
    return [i for i in ids if i in value]


def valid_hands(poll: LivePoll, counts: object) -> dict[str, int]:
    if poll.kind == "text":
        raise RequestProblem(422, "A show of hands cannot count free-text answers.")
    if not isinstance(counts, dict) or not counts:
        raise RequestProblem(400, 'Send {"counts": {"<option id>": <number>, ...}}.')
    ids = {c.id for c in poll.choices}
    for key, number in counts.items():
        if key not in ids:
            raise RequestProblem(422, "That is not one of this question's options.")
        if type(number) is not int or not 0 <= number <= 10_000:
            raise RequestProblem(422, "Each count is a whole number from 0 to 10000.")
    return counts


def cut_at_word(text: str, limit: int) -> str:
    """`text` if it has at most `limit` characters, else its start cut at the last space (mid-word only
    when there is none), with "…"."""
    if len(text) <= limit:
        return text
    start = text[: limit - 1]
    if " " in start:
        start = start.rsplit(" ", 1)[0]
    return start.rstrip(" ,;:") + "…"


def clean_text(value: str) -> str:
    """Without control characters, blank lines and surrounding spaces: a line break stays, and tabs and
    runs of spaces become one space."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept = (" ".join("".join(_printable(ch) for ch in line).split()) for line in lines)
    return "\n".join(line for line in kept if line)


def _printable(ch: str) -> str:
    if ch == "\t":
        return " "
    return "" if unicodedata.category(ch)[0] == "C" else ch
