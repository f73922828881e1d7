"""The room as the presenter and the projector see it, without a server: the presenter's list of polls
names each poll readably, and a "choose all that apply" poll's shares are of the people who answered."""

from __future__ import annotations

from pathlib import Path

import pytest
from workshopkit import copy_course

from build_tools.loader import load_content
from build_tools.workshop.plan import load_workshop
from build_tools.workshop.room import Room, clean_text, cut_at_word
from build_tools.workshop.session import start_session
from build_tools.workshop.words import workshop_words


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    root = copy_course(tmp_path_factory.mktemp("room") / "course")
    content = load_content(root)
    return root, content, load_workshop(root, content, "ipu-workshop")


@pytest.fixture
def room(plan, tmp_path: Path):
    root, content, workshop = plan
    store = start_session(tmp_path / "session", workshop, "ipu-workshop", "Test", content)
    yield Room(store, list(workshop.polls))
    store.close()


def test_a_long_prompt_is_cut_at_a_word_with_an_ellipsis():
    text = "Which fundamental would your parliament find hardest to meet in a dialogue it hosted: preparedness"
    assert cut_at_word(text, 60) == "Which fundamental would your parliament find hardest to…"
    assert cut_at_word("Short enough", 60) == "Short enough"
    assert cut_at_word("W" * 100, 20) == "W" * 19 + "…"  # no space at all: cut where it must


def test_the_presenters_list_cuts_at_words_and_says_which_question_a_rating_rates(room):
    labels = [item["prompt"] for item in room.presenter_view()["polls"]]
    assert len(labels) == len(room.polls)
    for label, poll in zip(labels, room.polls, strict=True):
        if label != poll.prompt and poll.about is None:
            assert label.endswith("…") and poll.prompt.startswith(label[:-1])
            assert not poll.prompt[len(label) - 1].isalnum(), f"cut mid-word: {label}"
    ratings = [label for label, poll in zip(labels, room.polls, strict=True) if poll.about]
    assert len(ratings) == 8 and len(set(ratings)) == 8  # eight ratings, each named apart
    first = room.polls.index(room.by_id["diagnostic#friendship-visit-confidence"])
    assert labels[first].startswith("How sure are you of your answer? (about question 1: ")
    assert (
        labels[first]
        .removeprefix("How sure are you of your answer? (about question 1: ")
        .startswith(room.by_id["diagnostic#friendship-visit"].prompt[:20])
    )


def test_the_presenters_list_names_a_rating_in_the_rooms_language(room):
    """A French room's list says « sur la question 1 », from the translated strings."""
    label = workshop_words("fr").table["presenter"]["rating_label"]
    french = Room(room.store, room.polls, rating_label=label)
    first = room.polls.index(room.by_id["diagnostic#friendship-visit-confidence"])
    named = french.presenter_view()["polls"][first]["prompt"]
    assert "(sur la question 1\u00a0: " in named and "about question" not in named


def test_a_written_answer_keeps_its_lines_but_no_blank_ones():
    assert clean_text("A\r\nB\n\n\nC  \n") == "A\nB\nC"
    assert clean_text("  two   spaces\tand a tab ") == "two spaces and a tab"


def test_a_choose_all_polls_shares_are_of_the_people_who_answered_not_of_the_ticks(room):
    from build_tools.workshop.findings import SelfStudy, poll_findings

    poll = room.by_id["capacity-survey#topics"]
    assert poll.kind == "many"
    room.store.save_answer(poll.id, "participant0000001", ["parliamentary-diplomacy", "inclusion"])
    room.store.save_answer(poll.id, "participant0000002", ["parliamentary-diplomacy"])
    result = room.result(poll, moderated=True)
    assert result["respondents"] == 2  # not the 3 ticks
    finding = poll_findings([poll], room.store.answers(), {}, SelfStudy())[0]
    assert finding.share("parliamentary-diplomacy") == 1.0 and finding.share("inclusion") == 0.5
    # by a show of hands, each person may raise a hand for several options: at least the most hands
    room.store.set_hands(poll.id, {"inclusion": 4, "fundamentals": 1})
    assert room.result(poll, moderated=True)["respondents"] == 2 + 4


def test_a_single_choice_polls_shares_count_each_phone_and_hand_once(room):
    poll = room.by_id["diagnostic#friendship-visit"]
    room.store.save_answer(poll.id, "participant0000001", poll.choices[0].id)
    room.store.set_hands(poll.id, {poll.choices[1].id: 3})
    assert room.result(poll, moderated=True)["respondents"] == 4
