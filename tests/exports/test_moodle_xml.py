"""Moodle XML banks read back by independent parsers, question by question.

moodle-xml-parser (PyPI, pinned) reads the multichoice questions (single and multiple choice): the
only Moodle types it knows besides cloze. The other types (truefalse, matching, ordering, essay) are
read with the standard library's XML parser, element by element as Moodle's format defines them.
moodle-xml-parser returns text HTML-unescaped (`html.unescape`), so the expected HTML is compared the
same way there.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

import pytest
from moodle_xml_parser.parser import parse_string

from build_tools.exports.moodle import course_xml, quiz_xml
from build_tools.exports.templating import cdata

from .expected import block, choices, exported, general_feedback, inline, match_text

XML_TYPES = ("single", "multiple", "true-false", "matching", "ordering", "reflection")
MOODLE_TYPE = {
    "single": "multichoice",
    "multiple": "multichoice",
    "true-false": "truefalse",
    "matching": "matching",
    "ordering": "ordering",
    "reflection": "essay",
}


def squeeze(text: str | None) -> str:
    return " ".join((text or "").split())


def unescaped(text: str) -> str:
    return squeeze(html.unescape(text))


def test_multichoice_read_back_by_moodle_xml_parser(content):
    for quiz in content.quizzes.values():
        expected = [q for q in exported(quiz, ("single", "multiple"))]
        parsed = parse_string(quiz_xml(quiz, "Course"))["multichoice"]
        assert len(parsed) == len(expected), quiz.id
        for q, got in zip(expected, parsed, strict=True):
            assert unescaped(got.text_pre_parse) == unescaped(block(q.prompt)), q.id
            assert unescaped(got.general_feedback) == unescaped(general_feedback(q)), q.id
            assert got.single is (q.type == "single"), q.id
            assert got.shuffle_answers is q.shuffle, q.id
            want = choices(q)
            assert [unescaped(o.answer) for o in got.options] == [unescaped(c.text) for c in want], q.id
            assert [o.score_fraction for o in got.options] == pytest.approx([c.weight for c in want], abs=1e-4)
            assert [unescaped(o.feedback) for o in got.options] == [unescaped(c.feedback) for c in want], q.id
            positive = sum(o.score_fraction for o in got.options if o.score_fraction > 0)
            assert positive == pytest.approx(100, abs=1e-3), q.id  # the right options add up to full marks


def test_every_type_read_back_element_by_element(content):
    for quiz in content.quizzes.values():
        root = ET.fromstring(quiz_xml(quiz, "Course"))
        questions = [q for q in root.findall("question") if q.get("type") != "category"]
        expected = exported(quiz, XML_TYPES)
        assert [q.findtext("idnumber") for q in questions] == [f"{quiz.id}/{q.id}" for q in expected]
        for q, got in zip(expected, questions, strict=True):
            assert got.get("type") == MOODLE_TYPE[q.type], q.id
            assert squeeze(got.findtext("questiontext/text")) == block(q.prompt), q.id
            assert got.find("questiontext").get("format") == "html"
            assert squeeze(got.findtext("generalfeedback/text")) == general_feedback(q), q.id
            _compare(q, got)


def _compare(q, got: ET.Element) -> None:
    answers = got.findall("answer")
    if q.type in ("single", "multiple"):
        want = choices(q)
        assert [squeeze(a.findtext("text")) for a in answers] == [c.text for c in want]
        assert [float(a.get("fraction")) for a in answers] == pytest.approx([c.weight for c in want], abs=1e-4)
        assert [squeeze(a.findtext("feedback/text")) for a in answers] == [c.feedback for c in want]
    elif q.type == "true-false":
        by_answer = {a.findtext("text"): a for a in answers}
        assert float(by_answer["true"].get("fraction")) == (100 if q.answer else 0), q.id
        assert float(by_answer["false"].get("fraction")) == (0 if q.answer else 100), q.id
        assert squeeze(by_answer["true"].findtext("feedback/text")) == inline(q.feedback_true), q.id
        assert squeeze(by_answer["false"].findtext("feedback/text")) == inline(q.feedback_false), q.id
    elif q.type == "matching":
        subquestions = got.findall("subquestion")
        assert [squeeze(s.findtext("text")) for s in subquestions] == [inline(p.prompt) for p in q.pairs]
        assert [s.findtext("answer/text") for s in subquestions] == [match_text(p.match) for p in q.pairs]
    elif q.type == "ordering":
        # Moodle's ordering type keeps the correct order in the answers' fractions: 1, 2, 3...
        assert [squeeze(a.findtext("text")) for a in answers] == [inline(i.text) for i in q.items]
        assert [int(a.get("fraction")) for a in answers] == list(range(1, len(q.items) + 1))
        assert got.findtext("gradingtype") == "RELATIVE_ALL_PREVIOUS_AND_NEXT"  # pairs in order, as the engine
    else:
        assert float(got.findtext("defaultgrade")) == 0, q.id  # a reflection is never scored


def test_course_bank_has_one_category_per_module_then_the_assessments(content):
    root = ET.fromstring(course_xml(content, "A/B course"))
    names = [q.findtext("category/text") for q in root.findall("question") if q.get("type") == "category"]
    modules = [m for m in content.modules if any(exported(q, XML_TYPES) for q in content.quizzes_of(m))]
    expected = [f"$course$/top/A//B course/{m.number}. {m.title.replace('/', '//')}" for m in modules]
    expected += [
        f"$course$/top/A//B course/{q.title.replace('/', '//')}"
        for q in content.other_quizzes()
        if exported(q, XML_TYPES)
    ]
    assert names == [" ".join(n.split()) for n in expected]
    idnumbers = [q.findtext("idnumber") for q in root.findall("question") if q.get("type") != "category"]
    every = [f"{quiz.id}/{q.id}" for quiz in content.quizzes.values() for q in exported(quiz, XML_TYPES)]
    assert sorted(idnumbers) == sorted(every)
    assert len(set(idnumbers)) == len(idnumbers)


def test_likert_and_poll_are_left_out(content):
    for quiz in content.quizzes.values():
        text = quiz_xml(quiz, "Course")
        for q in quiz.questions:
            if q.type in ("likert", "poll"):
                assert f"<idnumber>{quiz.id}/{q.id}</idnumber>" not in text


@pytest.mark.parametrize("text", ["a ]]> b", "]]>]]>", "<![CDATA[ x ]]> y ]]", "]]]]><![CDATA[>"])
def test_cdata_keeps_any_text_whole(text):
    parsed = ET.fromstring(f"<text>{cdata(text)}</text>")
    assert parsed.text == text
