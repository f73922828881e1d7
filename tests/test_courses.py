"""Courses (`courses/<id>.yml`): bad course files give exact `path:line:` problems, the IPU course
composes to the content as it is, and a course of chosen modules gets only what belongs to it.

Bad input is data-driven, as in test_invalid_content.py: each file in tests/fixtures/invalid-courses
is a course file whose `# expect:` lines are the whole report; it is checked in a copy of the fixture
site with the fixture's other files (a local folder, a file that is not an image) beside it.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.cli import main
from build_tools.courses.branding import site_settings
from build_tools.courses.compose import compose
from build_tools.courses.links import page_of, unlink, without_invitations
from build_tools.courses.load import chosen_course, edition, load_course, load_course_content
from build_tools.courses.model import Course
from build_tools.loader import load_content
from build_tools.problems import ContentError

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "tests" / "fixtures" / "site"
INVALID = ROOT / "tests" / "fixtures" / "invalid-courses"
COURSE_ID = "institute-half-day"
ORDER = ["understanding-conflict", "parliaments-and-peace", "our-experience", "principles-of-mediation"]


def _expect(path: Path) -> list[str]:
    return sorted(
        line.removeprefix("# expect: ")
        for line in path.read_text("utf-8").splitlines()
        if line.startswith("# expect: ")
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory, copy_course_project) -> Path:
    return copy_course_project(tmp_path_factory.mktemp("courses") / "project")


@pytest.fixture(scope="module")
def loaded(project):
    return load_course_content(project, COURSE_ID)


@pytest.mark.parametrize("case", sorted(INVALID.glob("*.yml")), ids=lambda p: p.stem)
def test_bad_course_file_reports_exactly_its_problems(case, tmp_path):
    root = Path(shutil.copytree(SITE, tmp_path / "site"))
    for extra in ("clash", "files"):
        shutil.copytree(INVALID / extra, root / extra)
    (root / "courses").mkdir()
    shutil.copy2(case, root / "courses" / case.name)
    with pytest.raises(ContentError) as caught:
        load_course_content(root, case.stem)
    assert sorted(p.as_text() for p in caught.value.problems) == _expect(case)


def test_every_bad_course_at_once_in_check_without_a_traceback(tmp_path):
    root = Path(shutil.copytree(SITE, tmp_path / "site"))
    for extra in ("clash", "files"):
        shutil.copytree(INVALID / extra, root / extra)
    shutil.copytree(INVALID, root / "courses", ignore=shutil.ignore_patterns("clash", "files"))
    result = subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(root), "check"], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    expected = sorted({line for case in INVALID.glob("*.yml") for line in _expect(case)})
    assert result.stdout.splitlines()[:-1] == expected


def test_a_course_that_does_not_exist(tmp_path):
    root = Path(shutil.copytree(SITE, tmp_path / "site"))
    (root / "courses").mkdir()
    (root / "courses" / "half-day.yml").write_text("id: half-day\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_course_content(root, "half-dya")
    assert [p.as_text() for p in caught.value.problems] == [
        "courses/half-dya.yml: no such course file (hint: did you mean 'half-day'?)"
    ]


def test_the_ipu_course_composes_to_the_content_unchanged():
    loaded = load_course_content(ROOT, "ipu-workshop")
    assert loaded.content == load_content(ROOT)
    assert list(loaded.content.quizzes) == list(load_content(ROOT).quizzes)
    assert loaded.left_out == set() and loaded.warnings == []
    course = loaded.course
    assert (course.session.date, course.session.start, course.session.minutes) == ("2025-04-08", "16:30", 90)
    assert course.assessments == ["diagnostic", "post", "survey", "action-plan"]


def test_the_ipu_course_sets_the_site_as_mkdocs_yml_has_it():
    """`make build` builds the IPU course through its course file: the site's settings stay as they were."""
    settings = site_settings(ROOT, load_course(ROOT, "ipu-workshop"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"site_name: {settings.site_name}\n" in config
    assert f"site_description: {settings.site_description}\n" in config
    assert f"copyright: {settings.copyright}\n" in config
    assert config.count("primary: indigo") == config.count("accent: indigo") == 3
    assert (settings.primary, settings.accent, settings.logo, settings.site_url) == ("indigo", "indigo", None, "")
    assert 'site_url: ""' in config and "course: !ENV [COURSE, ipu-workshop]" in config


def test_modules_follow_the_course_order_numbered_from_one(loaded):
    assert [(m.number, m.id) for m in loaded.content.modules] == [
        (1, "understanding-conflict"),
        (2, "parliaments-and-peace"),
        (3, "our-experience"),
        (4, "principles-of-mediation"),
    ]
    assert loaded.content.source_of("modules", "our-experience") == "local/modules/our-experience.yml"


def test_quizzes_are_the_modules_own_and_the_chosen_assessments(loaded):
    assert sorted(loaded.content.quizzes) == sorted(
        ["conflict-self-check", "foundations-self-check", "our-experience-check", "principles-self-check"]
        + ["diagnostic", "post"]
    )
    assert [q.id for q in loaded.content.other_quizzes()] == ["diagnostic", "post"]


def test_assessments_keep_only_questions_on_the_courses_objectives(loaded):
    objectives = {o.id for m in loaded.content.modules for o in m.objectives}
    full = loaded.full
    for kind in ("diagnostic", "post"):
        quiz = loaded.content.quizzes[kind]
        graded = [q for q in quiz.questions if q.type != "likert"]
        expected = [q.id for q in full.quizzes[kind].questions if set(q.objectives) & objectives]
        assert [q.id for q in graded] == [q for q in expected if q in {g.id for g in graded}] == expected
        assert 0 < len(graded) < len([q for q in full.quizzes[kind].questions if q.type != "likert"])
        ratings = [q for q in quiz.questions if q.type == "likert"]
        assert {r.about for r in ratings} <= {q.id for q in graded}
        assert all(set(q.objectives) <= objectives for q in quiz.questions)
        assert all(q.section is None or q.section.split("#")[0] in {m.id for m in loaded.content.modules}
                   for q in quiz.questions)  # fmt: skip


def test_glossary_keeps_the_terms_the_chosen_modules_use(loaded):
    terms = {t.term for t in loaded.content.glossary.terms}
    assert 0 < len(terms) < len(loaded.full.glossary.terms)
    assert "conflict tree" in {t.lower() for t in terms}  # taught in understanding-conflict
    left_out = [t for t in loaded.full.glossary.terms if t.term not in terms]
    assert left_out and all(t.module not in {m.id for m in loaded.content.modules} for t in left_out)


def test_a_link_to_a_left_out_module_becomes_its_text_and_a_warning(loaded):
    module = loaded.content.module_by_id("our-experience")
    assert "[the global framework]" not in module.why_it_matters
    assert "Read the shared module on\nthe global framework for the wider picture." in module.why_it_matters
    assert [w.as_text() for w in loaded.warnings] == [
        "local/modules/our-experience.yml:6: warning: why_it_matters: links to '../global-framework/', which "
        "course institute-half-day leaves out: it shows as plain text there (hint: add global-framework to "
        "courses/institute-half-day.yml, or link to a page the course has)"
    ]
    assert "modules/global-framework" in loaded.left_out and "quizzes/action-plan" in loaded.left_out


@pytest.mark.parametrize(
    "target, base, page",
    [
        ("../global-framework/", "modules/our-experience", "modules/global-framework"),
        ("global-framework.html#x", "modules", "modules/global-framework"),
        ("quizzes/post.md", "", "quizzes/post"),
        ("../quizzes/post/index.html", "docs", "quizzes/post"),
        ("https://example.org/modules/x/", "modules", None),
        ("#section", "modules", None),
    ],
)
def test_page_of_a_relative_link(target, base, page):
    assert page_of(target, base) == page


def test_unlink_leaves_other_links_and_images_alone():
    text = "See [a](../x/), [b](https://example.org/x/) and [c](../y/)."
    assert unlink(text, ["modules/z"], {"modules/x"}) == (
        "See a, [b](https://example.org/x/) and [c](../y/).",
        ["../x/"],
    )


def test_an_item_or_paragraph_whose_first_link_is_left_out_is_left_out():
    """An invitation to a page the course leaves out goes with it; a later link only loses its link."""
    page = (
        "## After\n\n1. **Take the [post](quizzes/post.md).** It covers.\n"
        "2. **Write [your action plan](quizzes/action-plan.md):** steps,\n   each with who.\n"
        "   - nested [here](progress.md)\n3. Note it in a [survey](quizzes/capacity-survey.md).\n\n"
        "*Next week:* fill in [your action plan](quizzes/action-plan.md). Share\none action.\n\n"
        "See [progress](progress.md) and [the plan](quizzes/action-plan.md).\n"
    )
    assert without_invitations(page, [""], {"quizzes/action-plan", "quizzes/capacity-survey"}) == (
        "## After\n\n1. **Take the [post](quizzes/post.md).** It covers.\n\n\n"
        "See [progress](progress.md) and [the plan](quizzes/action-plan.md).\n"
    )
    assert without_invitations(page, [""], set()) == page


def test_the_fixture_course_passes_check_with_its_warning(project, capsys):
    assert main(["--root", str(project), "check"]) == 0
    out = capsys.readouterr().out
    assert "warning: why_it_matters: links to '../global-framework/'" in out
    assert "ok: course institute-half-day: 4 modules, 6 quizzes" in out


def test_course_new_writes_a_commented_file_that_passes_check(tmp_path, capsys, copy_course_project):
    root = copy_course_project(tmp_path / "project")
    assert main(["--root", str(root), "course", "new", "my-course"]) == 0
    text = (root / "courses" / "my-course.yml").read_text(encoding="utf-8")
    assert text.count("\n# ") >= 8 and "id: my-course\n" in text
    assert main(["--root", str(root), "check"]) == 0
    assert "ok: course my-course: 9 modules, 13 quizzes" in capsys.readouterr().out
    assert main(["--root", str(root), "course", "new", "my-course"]) == 1
    assert "already exists" in capsys.readouterr().out


def test_compose_reorders_and_renumbers_without_touching_the_content():
    content = load_content(ROOT)
    course = Course(id="t", title="T", organisation="O", modules=["global-framework", "parliaments-and-peace"])
    composed = compose(content, course)
    assert [(m.number, m.id) for m in composed.modules] == [(1, "global-framework"), (2, "parliaments-and-peace")]
    assert content.module_by_id("global-framework").number == 8


def test_a_primary_colour_that_makes_links_faint_is_a_warning(tmp_path, copy_course_project):
    root = copy_course_project(tmp_path / "project")
    path = root / "courses" / "institute-half-day.yml"
    path.write_text(path.read_text("utf-8").replace("primary: blue-grey", "primary: teal"), "utf-8")
    warnings = [w.as_text() for w in load_course_content(root, "institute-half-day").warnings if "primary" in w.field]
    assert warnings == [
        "courses/institute-half-day.yml:17: warning: branding.primary: links in 'teal' have a contrast of 3.77:1 "
        "on white, below the 4.5:1 that text needs (hint: choose purple, deep-purple, indigo, brown, grey, "
        "blue-grey or white; the accent colour is free)"
    ]


def test_chosen_course_and_edition(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSE", raising=False)
    monkeypatch.delenv("EDITION", raising=False)
    assert chosen_course(ROOT) == "ipu-workshop"
    assert chosen_course(tmp_path) is None  # no courses/: all content, as before courses
    monkeypatch.setenv("COURSE", "half-day")
    assert chosen_course(ROOT) == "half-day" and chosen_course(ROOT, "other") == "other"
    course = Course(id="t", title="T", organisation="O", modules=["x"], edition="trainer")
    assert edition(course) == "trainer" and edition(None) == "learner"
    monkeypatch.setenv("EDITION", "learner")
    assert edition(course) == "learner"


def test_report_follows_the_course_given(project, capsys):
    assert main(["--root", str(project), "report", "--course", COURSE_ID]) == 0
    out = capsys.readouterr().out
    positions = [out.index(module_id) for module_id in ORDER]
    assert positions == sorted(positions) and "global-framework" not in out


def test_course_build_without_a_name_says_how(project, capsys):
    assert main(["--root", str(project), "course", "build", ""]) == 2
    assert "name the course, such as `make course COURSE=ipu-workshop` (courses: institute-half-day, ipu-workshop)" in (
        capsys.readouterr().out
    )


def test_a_local_folder_outside_the_project_is_not_read(tmp_path):
    root = Path(shutil.copytree(SITE, tmp_path / "site"))
    (root / "courses").mkdir()
    course = "id: outside\ntitle: A course\norganisation: An institute\nmodules: [sample]\n"
    course += "local_folder: ../elsewhere\nassessments: [diagnostic, post]\n"
    (root / "courses" / "outside.yml").write_text(course, encoding="utf-8")
    (tmp_path / "elsewhere" / "modules").mkdir(parents=True)
    (tmp_path / "elsewhere" / "modules" / "broken.yml").write_text("id: [\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_course_content(root, "outside")
    assert [p.as_text() for p in caught.value.problems] == [
        "courses/outside.yml:5: local_folder: '../elsewhere' is outside the project folder "
        "(hint: name a folder beside modules/, such as local)"
    ]


def test_a_link_in_a_quiz_to_a_left_out_module_becomes_its_text():
    content = load_content(ROOT)
    quiz = content.quizzes["conflict-self-check"]
    linked = "See [the global framework](../../modules/global-framework/) and "
    linked += "[the tree](../../modules/understanding-conflict/#x)."
    question = quiz.questions[0].model_copy(update={"explanation": linked})
    quizzes = {**content.quizzes, quiz.id: quiz.model_copy(update={"questions": [question, *quiz.questions[1:]]})}
    content = dataclasses.replace(content, quizzes=quizzes)
    course = Course(id="t", title="T", organisation="O", modules=["understanding-conflict"], assessments=[])
    composed = compose(content, course)
    assert composed.quizzes["conflict-self-check"].questions[0].explanation == (
        "See the global framework and [the tree](../../modules/understanding-conflict/#x)."
    )
    assert list(composed.quizzes) == ["conflict-self-check"]
