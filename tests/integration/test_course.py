"""The real course, built as learners get it: every module page has its parts, terms have tooltips.

These tests read the project's own content (modules/, quizzes/, glossary.yml), so they also guard
the curriculum: a module that loses its case study or references fails here, not in front of MPs.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.loader import load_content
from build_tools.project import PARTS, copy_project
from build_tools.report import module_stats

ROOT = Path(__file__).resolve().parents[2]
CONTENT = load_content(ROOT)


def _page(site: Path, folder: str, page_id: str) -> str:
    return (site / folder / page_id / "index.html").read_text(encoding="utf-8")


def _article(page: str) -> str:
    return page.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]


@pytest.mark.parametrize("module", CONTENT.modules, ids=lambda m: m.id)
def test_module_page_shows_objectives_case_study_actions_and_references(course_site, module):
    article = _article(_page(course_site, "modules", module.id))
    text = html.unescape(re.sub(r"<[^>]+>", "", article))
    for heading in ("Learning objectives", "What you can do as an MP", "Key takeaways", "References"):
        assert f">{heading}" in article, heading
    for case in module.case_studies:
        assert f'id="case-{case.id}"' in article
    for objective in module.objectives:
        assert " ".join(objective.text.split()) in " ".join(text.split())
    for reference in module.references:
        assert html.unescape(reference.title) in text
    notes = module.facilitator_notes  # for trainers only
    assert notes.timing not in text and " ".join(notes.discussion_prompts[0].split()) not in " ".join(text.split())
    assert f'href="../../downloads/{module.id}.pdf"' in article


@pytest.mark.parametrize("module", CONTENT.modules, ids=lambda m: m.id)
def test_every_module_has_a_self_check_that_assesses_each_objective(module):
    self_checks = [q for q in CONTENT.quizzes_of(module) if q.kind == "self-check"]
    assert self_checks, f"{module.id} has no self-check"
    tagged = {tag for quiz in self_checks for question in quiz.questions for tag in question.objectives}
    assert {o.id for o in module.objectives} <= tagged
    assert sum(1 for quiz in self_checks for q in quiz.questions if q.objectives) >= 6


def test_glossary_terms_appear_as_tooltips_on_module_pages(course_site):
    terms = {t.term for t in CONTENT.glossary.terms}
    shown: set[str] = set()
    for module in CONTENT.modules:
        article = _article(_page(course_site, "modules", module.id))
        shown |= {html.unescape(m) for m in re.findall(r'<abbr [^>]*title="[^"]+"[^>]*>([^<]+)</abbr>', article)}
    assert len(CONTENT.glossary.terms) >= 30
    assert len(terms & shown) >= 30, sorted(terms - shown)


def test_glossary_page_lists_every_term(course_site):
    page = html.unescape((course_site / "glossary" / "index.html").read_text(encoding="utf-8"))
    for term in CONTENT.glossary.terms:
        assert term.term in page


def test_glossary_page_gives_each_term_one_entry(course_site):
    """One term and one definition each: a definition must not be read as the next term."""
    article = _article((course_site / "glossary" / "index.html").read_text(encoding="utf-8"))
    terms = re.findall(r'<dt id="term-([a-z0-9-]+)">', article)
    assert sorted(terms) == sorted(t.id for t in CONTENT.glossary.terms)
    assert article.count("<dt") == len(CONTENT.glossary.terms) == article.count("<dd")


def test_assessments_compare_before_and_after():
    diagnostic, post = CONTENT.quizzes["diagnostic"], CONTENT.quizzes["post"]
    graded = [q for q in diagnostic.questions if q.type != "likert"]
    assert len(graded) >= 12
    assert {t for q in diagnostic.questions for t in q.objectives} == {t for q in post.questions for t in q.objectives}
    for quiz in (diagnostic, post):  # each graded question is followed by a confidence rating about it
        for index, question in enumerate(quiz.questions):
            if question.type != "likert":
                following = quiz.questions[index + 1] if index + 1 < len(quiz.questions) else None
                assert following and following.type == "likert" and following.about == question.id, question.id


def test_survey_is_ungraded_and_asks_nothing_personal():
    survey = CONTENT.quizzes["capacity-survey"]
    assert survey.kind == "survey"
    assert {q.type for q in survey.questions} <= {"likert", "poll", "reflection"}
    prompts = " ".join(q.prompt.lower() for q in survey.questions)
    for personal in ("your name", "email", "which country", "your party"):
        assert personal not in prompts


@pytest.mark.parametrize("uri", ["how-to-use", "essentials", "for-trainers", "about", "downloads", "progress"])
def test_guidance_pages_are_built(course_site, uri):
    assert (course_site / uri / "index.html").is_file()


def test_assessments_come_in_a_learners_order(course_site):
    """Diagnostic before the workshop, then the post-workshop assessment, then the surveys."""
    page = (course_site / "index.html").read_text(encoding="utf-8")
    nav = page.split('class="md-nav md-nav--primary"', 1)[1]
    nav = nav.split('class="md-content"', 1)[0]
    others = {quiz.id for quiz in CONTENT.other_quizzes()}
    assessments = [q for q in re.findall(r'href="quizzes/([a-z0-9-]+)/"', nav) if q in others]
    assert assessments == ["diagnostic", "post", "capacity-survey"]


def test_home_names_each_quiz_as_the_navigation_does(course_site):
    article = _article((course_site / "index.html").read_text(encoding="utf-8"))
    linked = re.findall(r'<a href="quizzes/([a-z0-9-]+)/">(.*?)</a>', article)
    assert linked, "Home links to no quiz"
    for quiz_id, text in linked:
        assert html.unescape(re.sub(r"<[^>]+>", "", text)) == CONTENT.quizzes[quiz_id].title


def test_reading_times_are_worked_out_from_the_words(course_site):
    for stats in module_stats(CONTENT):
        article = _article(_page(course_site, "modules", stats.module.id))
        shown = int(re.search(r"Module \d+ · (\d+) minutes", article).group(1))
        assert abs(shown - stats.minutes) <= 0.15 * stats.minutes, stats.module.id


def test_no_glossary_tooltip_inside_a_link_or_a_heading_and_each_is_focusable(course_site):
    pages = [p for p in course_site.rglob("*.html") if p.name != "404.html"]
    for page in pages:
        article = _article(page.read_text(encoding="utf-8"))
        for tag in ("a", "h1", "h2", "h3", "h4", "dt"):
            for inner in re.findall(rf"<{tag}[ >].*?</{tag}>", article, flags=re.S):
                assert "<abbr" not in inner, f"{page.relative_to(course_site)}: a tooltip inside <{tag}>"
        for abbr in re.findall(r"<abbr [^>]*>", article):
            assert 'tabindex="0"' in abbr, f"{page.relative_to(course_site)}: {abbr}"


@pytest.mark.parametrize(
    "setting, shown",
    [
        ("      contact: errors@parliament.example\n", 'href="mailto:errors@parliament.example"'),
        ("", "the trainer or the parliamentary staff who gave you this course"),
    ],
)
def test_about_names_the_contact_set_in_mkdocs_yml(tmp_path, setting, shown):
    project = tmp_path / "project"
    copy_project(ROOT, project, [part for part in PARTS if part != "mkdocs.yml"])
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      handouts: !ENV [HANDOUTS, true]", "      handouts: false\n" + setting.rstrip("\n"))
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert shown in (tmp_path / "site" / "about" / "index.html").read_text(encoding="utf-8")
    assert ("names no contact" in result.stderr) == (not setting)


@pytest.mark.parametrize("name", sorted(CONTENT.figures))
def test_the_french_site_shows_each_figure_with_french_labels_and_the_english_site_the_english(course_site, name):
    english = (course_site / "figures" / name).read_bytes()
    french = (course_site / "fr" / "figures" / name).read_text(encoding="utf-8")
    assert english == CONTENT.figures[name]
    english_labels = {
        html.unescape(label).strip() for label in re.findall(r"<text[^>]*>([^<]+)</text>", english.decode("utf-8"))
    }
    french_labels = {html.unescape(label).strip() for label in re.findall(r"<text[^>]*>([^<]+)</text>", french)}
    kept = {"Art. 33", "Conciliation", "Facilitation", "Attitudes", "Contradiction", "Ratification", "Budgets"}
    left_in_english = {label for label in english_labels & french_labels if not label.isdigit()} - kept
    assert left_in_english == set(), name
    shown = {
        (page.parent / src).resolve()
        for page in (course_site / "fr" / "modules").glob("*/index.html")
        for src in re.findall(rf'<img[^>]*src="([^"]*figures/{re.escape(name)})"', page.read_text(encoding="utf-8"))
    }
    assert shown == {(course_site / "fr" / "figures" / name).resolve()}, "the French page shows the French figure"
