"""Workshop plans: the default plan loads with the course's ids, and each bad plan in
tests/fixtures/invalid-workshops reports exactly its `# expect:` lines (path:line: field: message)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from workshopkit import copy_course

from build_tools.loader import load_content
from build_tools.problems import ContentError
from build_tools.workshop.plan import load_workshop
from build_tools.workshop.room import clean_text, valid_answer
from build_tools.workshop.security import RequestProblem

ROOT = Path(__file__).resolve().parents[1]
INVALID = Path(__file__).parent / "fixtures" / "invalid-workshops"


@pytest.fixture(scope="module")
def course(tmp_path_factory) -> Path:
    return copy_course(tmp_path_factory.mktemp("plans") / "course")


@pytest.fixture(scope="module")
def content(course):
    return load_content(course)


def test_the_default_plan_runs_the_ipu_workshop_in_90_minutes(course, content):
    workshop = load_workshop(course, content, "ipu-workshop")
    assert workshop.plan.minutes == 90 and workshop.plan.course == "ipu-workshop"
    stages = [poll.stage for poll in workshop.polls]
    assert stages.index("before") < stages.index("room") < stages.index("after") < stages.index("survey")
    ids = [poll.id for poll in workshop.polls]
    assert "diagnostic#friendship-visit" in ids and "capacity-survey#topics" in ids
    assert "parliaments-and-peace#live-poll" in ids  # a module's live-poll question keeps the module's id
    live = workshop.by_id["parliaments-and-peace#live-poll"]
    assert live.prompt == content.module_by_id("parliaments-and-peace").facilitator_notes.live_poll
    rating = workshop.by_id["diagnostic#friendship-visit-confidence"]
    assert rating.about == "diagnostic#friendship-visit" and [c.text for c in rating.choices][0] == "Not sure"


def test_graded_polls_know_the_correct_answer_but_never_tell_participants(course, content):
    poll = load_workshop(course, content, "ipu-workshop").by_id["diagnostic#peaceful-country"]
    assert poll.correct == frozenset({"false"}) and [c.id for c in poll.choices] == ["true", "false"]
    assert "correct" not in poll.public() and "objectives" not in poll.public()


def _case(path: Path) -> tuple[list[str], bytes]:
    data = path.read_bytes()
    expected = [line.decode()[len("# expect: ") :] for line in data.splitlines() if line.startswith(b"# expect: ")]
    return expected, data


@pytest.mark.parametrize("path", sorted(INVALID.glob("*.yml")), ids=lambda p: p.stem)
def test_a_bad_plan_reports_each_problem_with_its_line(course, content, path):
    expected, data = _case(path)
    assert expected, f"{path.name} needs `# expect:` lines"
    (course / "workshops" / path.name).write_bytes(data)
    try:
        with pytest.raises(ContentError) as error:
            load_workshop(course, content, path.stem)
        assert sorted(p.as_text() for p in error.value.problems) == sorted(expected)
    finally:
        (course / "workshops" / path.name).unlink()


def test_check_reports_bad_plans_without_a_traceback(tmp_path):
    project = copy_course(tmp_path / "course")
    shutil.copy(INVALID / "not-pollable.yml", project / "workshops" / "not-pollable.yml")
    done = _build_tools(project, "check")
    assert done.returncode == 1
    assert "workshops/not-pollable.yml:9: polls[1].question: a matching question cannot be polled live" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_a_missing_plan_says_where_to_write_it(course, content):
    with pytest.raises(ContentError) as error:
        load_workshop(course, content, "no-such-plan")
    assert error.value.problems[0].as_text().startswith("workshops/no-such-plan.yml: no such workshop plan")


def test_serve_with_an_unknown_course_says_so(tmp_path):
    project = copy_course(tmp_path / "course")
    done = _build_tools(project, "workshop", "serve", "--course", "no-such")
    assert done.returncode == 1 and "courses/no-such.yml" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_answers_keep_the_polls_option_order_and_text_is_cleaned(course, content):
    poll = load_workshop(course, content, "ipu-workshop").by_id["capacity-survey#formats"]
    ids = [c.id for c in poll.choices]
    assert valid_answer(poll, [ids[2], ids[0]]) == [ids[0], ids[2]]
    with pytest.raises(RequestProblem):
        valid_answer(poll, [ids[0], "other"])
    assert clean_text("a\u202e\u0000b\n\tc ") == "ab\nc"


def test_a_plan_runs_only_with_its_course(tmp_path):
    from build_tools.workshop.session import load_for_course

    project = copy_course(tmp_path / "course")
    plan = project / "workshops" / "other.yml"
    plan.write_text((project / "workshops" / "test-room.yml").read_text().replace("course: ipu-workshop", "course: x"))
    with pytest.raises(ContentError) as error:
        load_for_course(project, "ipu-workshop", "other")
    assert [p.as_text() for p in error.value.problems] == [
        "workshops/other.yml:2: course: this plan is for the course 'x', not 'ipu-workshop' "
        "(hint: run it with --course x, or change `course:` in the plan)"
    ]


def test_the_course_plan_asks_every_live_poll_the_session_plan_schedules(course):
    from build_tools.courses.load import load_course_content
    from build_tools.workshop.plan import scheduled_live_polls

    loaded = load_course_content(course, "ipu-workshop")
    scheduled = scheduled_live_polls(loaded.content, loaded.course.session)
    assert [p.module for p in scheduled] == [m.id for m in loaded.content.modules]  # one per module, in order
    assert scheduled[3].start == "17:05"  # module 4's, where the session plan puts it
    workshop = load_workshop(course, loaded.content, "ipu-workshop", course=loaded)
    asked = [p.id.removesuffix("#live-poll") for p in workshop.polls if p.id.endswith("#live-poll")]
    assert asked == [p.module for p in scheduled]  # in the same order


def test_check_says_which_scheduled_live_poll_the_course_plan_lacks(tmp_path):
    project = _course_plan_without(tmp_path, "understanding-conflict", "mediation-process")
    (project / "translations" / "fr" / "workshops" / "ipu-workshop.po").unlink()  # else its left-over entries
    done = _build_tools(project, "check")
    assert done.returncode == 1
    assert (
        "workshops/ipu-workshop.yml:9: polls: the session plan asks the live poll of module 'understanding-conflict'"
        " at 17:05, but this plan does not (hint: add `- live_poll: understanding-conflict` with its `options:`"
        " (or `free_text: true`), after the live poll of 'principles-of-mediation')"
    ) in done.stdout.splitlines()
    assert "Traceback" not in done.stdout + done.stderr


def test_the_server_refuses_a_course_plan_that_lacks_a_scheduled_live_poll(tmp_path):
    from build_tools.workshop.session import load_for_course

    project = _course_plan_without(tmp_path, "global-framework", "mediation-in-practice")
    with pytest.raises(ContentError) as error:
        load_for_course(project, "ipu-workshop")
    assert [p.as_text() for p in error.value.problems] == [
        "workshops/ipu-workshop.yml:9: polls: the session plan asks the live poll of module 'global-framework'"
        " at 17:45, but this plan does not (hint: add `- live_poll: global-framework` with its `options:`"
        " (or `free_text: true`), after the live poll of 'inclusion-wps-yps')"
    ]
    load_for_course(project, "ipu-workshop", "test-room")  # a plan of its own is free to ask fewer


def test_a_plans_texts_are_translated_by_the_module_and_answer_they_belong_to(course):
    """The PO entries of a plan are named by module and answer id, never by position: a poll added
    before them leaves every translation in place."""
    from build_tools.i18n.units import PLAN, fields_of, walk_of
    from build_tools.strict_yaml import read_yaml

    assert walk_of("workshops/test-room.yml") is PLAN
    document, _ = read_yaml(course / "workshops" / "test-room.yml", "workshops/test-room.yml")
    contexts = {field.context: field.text for field in fields_of(document.data, PLAN)}
    assert contexts["test-room/title"] == "Test room"
    assert contexts["test-room/polls/mediation-and-its-neighbours/options/good-offices/text"] == "Good offices"
    assert not [text for text in contexts.values() if "#" in text or text == "ipu-workshop"]  # ids stay ids


def test_a_french_room_takes_the_plans_answers_from_its_po_file_or_says_they_are_english(course):
    from build_tools.workshop.session import load_for_course

    own = load_for_course(course, "ipu-workshop", "ipu-workshop", "fr")
    assert own.language == "fr" and own.warnings == []
    assert own.workshop.plan.title == "Diplomatie parlementaire et médiation"
    assert [c.text for c in own.workshop.by_id["parliaments-and-peace#live-poll"].choices] == [
        "Oui",
        "Non",
        "Je ne sais pas",
    ]
    assert own.workshop.by_id["diagnostic#peaceful-country"].choices[0].text == "Vrai"
    untranslated = load_for_course(course, "ipu-workshop", "test-room", "fr")  # no PO file for this plan
    assert untranslated.workshop.plan.title == "Test room"
    assert [p.file for p in untranslated.warnings] == ["translations/fr/workshops/test-room.po"]
    assert "make translations" in untranslated.warnings[0].as_text()


def _build_tools(project: Path, *command: str) -> subprocess.CompletedProcess:
    """`python -m build_tools --root <project> <command...>`, its output captured."""
    return subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(project), *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _course_plan_without(tmp_path: Path, module: str, next_module: str) -> Path:
    """A copy of the course whose plan lacks `module`'s live poll (the poll of `next_module` follows it)."""
    project = copy_course(tmp_path / "course")
    plan = project / "workshops" / "ipu-workshop.yml"
    text = plan.read_text(encoding="utf-8")
    start, end = text.index(f"  - live_poll: {module}\n"), text.index(f"  - live_poll: {next_module}")
    plan.write_text(text[:start] + text[end:], encoding="utf-8")
    return project
