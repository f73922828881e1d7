"""The real course's quizzes measure knowledge: no key found by its position, its length, "always
false", the search box or the Downloads page.

The numbers are read back from the built site (the order learners see) and must equal the numbers
`make report` prints (build_tools.cues), so a report that says "balanced" is about the real pages.
"""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path

import pypdf
import pytest

from build_tools.cues import (
    FOUR_OPTION_POSITION_SHARE,
    LONGEST_SHARE_MAX,
    QUIZ_POSITION_SHARE_MAX,
    TRUE_SHARE,
    cue_stats,
)
from build_tools.handouts.documents import HandoutOptions, workbook
from build_tools.handouts.typst_markup import inline_to_typst
from build_tools.loader import load_content
from build_tools.presentation import numbered_questions, presented_options
from build_tools.rendering import load_strings

ROOT = Path(__file__).resolve().parents[2]
CONTENT = load_content(ROOT)
QUIZZES, COURSE = cue_stats(CONTENT)
S = load_strings("en")
CHOICE_QUIZZES = [q for q in CONTENT.quizzes.values() if any(x.type in ("single", "multiple") for x in q.questions)]


def _page(site: Path, quiz_id: str) -> str:
    return (site / "quizzes" / quiz_id / "index.html").read_text(encoding="utf-8")


def shown_order(page: str, quiz_id: str, question_id: str) -> list[str]:
    """The option ids of one question in the order the built page shows them (what no-JS readers see)."""
    name = re.escape(f"{quiz_id}--{question_id}")
    return re.findall(rf'<input type="(?:radio|checkbox)" id="{name}--([a-z0-9-]+)" name="{name}"', page)


def engine_data(page: str) -> dict:
    return json.loads(html.unescape(re.search(r"data-quiz='([^']*)'", page).group(1)))


# --- key positions, read from the built pages ----------------------------------------------------


def test_key_positions_on_the_pages_are_the_ones_the_report_counts(course_site):
    counted = {}
    for stats in QUIZZES:
        page = _page(course_site, stats.name)
        positions = {}
        for q in engine_data(page)["questions"]:
            if q["type"] == "single":
                position = shown_order(page, stats.name, q["id"]).index(q["answer"])
                positions[position] = positions.get(position, 0) + 1
        counted[stats.name] = positions
    assert counted == {s.name: dict(s.positions) for s in QUIZZES}


def test_course_wide_each_position_of_four_option_questions_holds_15_to_35_percent_of_keys():
    low, high = FOUR_OPTION_POSITION_SHARE
    shares = COURSE.four_option_shares()
    assert sum(COURSE.four_option_positions.values()) >= 40, "the course has four-option questions"
    assert all(low <= share <= high for share in shares.values()), shares


@pytest.mark.parametrize("stats", [s for s in QUIZZES if s.singles >= 2], ids=lambda s: s.name)
def test_within_a_quiz_no_position_holds_more_than_half_the_single_choice_keys(stats):
    assert stats.largest_position_share() <= QUIZ_POSITION_SHARE_MAX, dict(stats.positions)


def test_multiple_response_keys_are_not_simply_the_first_options():
    first = 0
    multiples = [(quiz, q) for quiz in CONTENT.quizzes.values() for q in quiz.questions if q.type == "multiple"]
    for quiz, q in multiples:
        shown = [o.id for o in presented_options(quiz, q)]
        first += set(shown[: len(q.answer)]) == set(q.answer)
    assert first <= len(multiples) // 2, f"{first} of {len(multiples)} keys are the first options shown"


# --- cues the content must avoid (the content rewrite of issue 8 brought the course inside) -------


def test_content_true_false_keys_are_balanced_course_wide():
    low, high = TRUE_SHARE
    assert low <= COURSE.true_share <= high, f"{COURSE.true_keys} true, {COURSE.false_keys} false"


def test_content_correct_option_is_rarely_the_longest_course_wide():
    assert COURSE.longest_share <= LONGEST_SHARE_MAX, f"{COURSE.longest_correct} of {COURSE.singles}"


# --- the same order on the page, in the worksheet and in the answer key --------------------------


@pytest.fixture(scope="module")
def workbook_text(course_site) -> str:
    reader = pypdf.PdfReader(io.BytesIO((course_site / "downloads" / "workbook.pdf").read_bytes()))
    text = _plain("".join(page.extract_text() for page in reader.pages))
    furniture = _plain(f"{S['handout']['course']}{S['handout']['edition_workbook']}")  # each page's footer
    return re.sub(rf"Page\d+of\d+{re.escape(furniture)}", "", text)


def _plain(text: str) -> str:
    """Text without spaces, Markdown marks or typographic quotes: what page and PDF both say."""
    text = re.sub(r"[*_`]", "", text)
    for fancy, plain in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")):
        text = text.replace(fancy, plain)
    return "".join(text.split())


@pytest.mark.parametrize("quiz", CHOICE_QUIZZES, ids=lambda q: q.id)
def test_options_show_in_the_same_order_on_the_page_and_in_the_pdf_worksheet(course_site, workbook_text, quiz):
    page = _page(course_site, quiz.id)
    for shown in numbered_questions(quiz):
        q = shown.question
        if q.type not in ("single", "multiple"):
            continue
        order = [o.id for o in presented_options(quiz, q)]
        assert shown_order(page, quiz.id, q.id) == order, q.id
        # `check` keeps every prompt unique in the course, so the question is found by its own text
        start = workbook_text.index(_plain(f"{S['handout']['question']} {shown.number}. {q.prompt}"))
        texts = {o.id: _plain(o.text) for o in q.options}
        found = [workbook_text.find(texts[option], start) for option in order]
        assert -1 not in found and found == sorted(found), f"{quiz.id} {q.id}: the PDF shows another order"


def test_trainer_answer_key_lists_the_correct_options_in_the_order_shown():
    data = workbook(CONTENT, HandoutOptions(), trainer=True).data
    checked = 0
    for quiz_data in data["quizzes"]:
        quiz = CONTENT.quizzes[quiz_data["id"]]
        for item, shown in zip(quiz_data["questions"], numbered_questions(quiz), strict=True):
            q = shown.question
            if q.type in ("single", "multiple"):
                options = presented_options(quiz, q)
                correct = {q.answer} if q.type == "single" else set(q.answer)
                assert item["options"] == [inline_to_typst(o.text) for o in options]
                assert item["key"] == "; ".join(inline_to_typst(o.text) for o in options if o.id in correct)
                checked += 1
    assert checked >= 70


# --- confidence belongs to its question ------------------------------------------------------------


@pytest.mark.parametrize("quiz_id", ["diagnostic", "post"])
def test_assessments_number_their_18_questions_with_the_rating_inside(course_site, quiz_id):
    page = _page(course_site, quiz_id)
    numbers = re.findall(r'<span class="quiz-number">Question (\d+)\.</span>', page)
    assert numbers == [str(n) for n in range(1, 19)]
    assert page.count('class="quiz-question quiz-confidence"') == 18


# --- keys out of casual reach ----------------------------------------------------------------------


def test_search_index_holds_no_answer_key_explanation_or_feedback(course_site):
    index = json.loads((course_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    quizzes = [doc for doc in index["docs"] if doc["location"].startswith("quizzes/")]
    text = html.unescape(" ".join(doc["title"] + " " + doc["text"] for doc in quizzes))
    flat = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    everything = html.unescape(" ".join(doc["text"] for doc in index["docs"]))
    assert S["correct_answer"] not in everything and S["correct_order"] not in everything
    leaks = []
    for quiz in CONTENT.quizzes.values():
        for q in quiz.questions:
            texts = [getattr(q, "explanation", None), getattr(q, "feedback_true", None)]
            texts += [o.feedback for o in getattr(q, "options", []) if hasattr(o, "feedback")]
            for written in filter(None, texts):
                words = " ".join(re.sub(r"[*_`\[\]]|\(https?://[^)]*\)", "", written).split())[:60]
                if words in flat:
                    leaks.append(f"{quiz.id} {q.id}: {words}")
    assert leaks == []
    assert "BATNA" in everything and len(quizzes) >= 13, "the index still holds the course and its questions"


def test_learner_downloads_page_has_no_trainer_edition(course_site):
    assert not list(course_site.rglob("trainer-edition*"))
    page = (course_site / "downloads" / "index.html").read_text(encoding="utf-8")
    assert "trainer-edition" not in page and S["handout"]["edition_trainer"] not in page


def test_search_index_keeps_reference_titles_but_not_their_long_addresses(course_site):
    """A reader searches for a source by its title; nobody searches for `https://undocs.org/...`."""
    index = json.loads((course_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    everything = html.unescape(" ".join(doc["text"] for doc in index["docs"]))
    references = [r for module in CONTENT.modules for r in module.references if r.url]
    assert references
    indexed = [r.url for r in references if r.url in everything]
    assert indexed == []
    assert all(" ".join(r.title.split())[:40] in " ".join(everything.split()) for r in references[:10])


def test_search_finds_a_question_by_its_prompt_but_not_by_its_options(course_site):
    """Options are claims to weigh, many of them wrong: a search for a concept should land on the
    module that teaches it, not on a distractor. The prompts stay indexed, so a quiz can be found."""
    index = json.loads((course_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    quizzes = [doc for doc in index["docs"] if doc["location"].startswith("quizzes/")]
    flat = " ".join(
        re.sub(r"<[^>]+>", " ", html.unescape(" ".join(d["title"] + " " + d["text"] for d in quizzes))).split()
    )
    options = [o.text for quiz in CONTENT.quizzes.values() for q in quiz.questions for o in getattr(q, "options", [])]
    assert options and [text for text in options if " ".join(text.split()) in flat and len(text) > 40] == []
    prompts = [q.prompt for quiz in CONTENT.quizzes.values() for q in quiz.questions if len(q.prompt) > 40]
    found = [p for p in prompts if " ".join(re.sub(r"[*_`]", "", p).split())[:40] in flat]
    assert len(found) > len(prompts) * 0.8
