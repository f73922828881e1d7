"""A composed course built as a trainer builds it: `python -m build_tools course build <id>` on the
project's modules plus the fixture course (tests/fixtures/course: three shared modules in a new
order and one local module, with its own logo and colours).

Checks the navigation, the numbering, the workbook's table of contents (read back from the PDF), the
assessments' questions, the glossary, the branding, and that no built page has a broken link.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from pypdf import PdfReader

from build_tools.courses.load import load_course_content

COURSE_ID = "institute-half-day"

ORDER = ["understanding-conflict", "parliaments-and-peace", "our-experience", "principles-of-mediation"]


@pytest.fixture(scope="module")
def built(composed_course):
    """(project, dist/<id>/, the loaded course)."""
    return composed_course, composed_course / "dist" / COURSE_ID, load_course_content(composed_course, COURSE_ID)


def _nav(page: str) -> str:
    return page.split('class="md-nav md-nav--primary"', 1)[1].split('class="md-content"', 1)[0]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_everything_is_in_dist(built):
    _, dist, _ = built
    downloads = dist / "site" / "downloads"
    assert sorted(p.name for p in downloads.glob("*.pdf")) == sorted([f"{m}.pdf" for m in ORDER] + ["workbook.pdf"])
    assert (dist / "trainer" / "trainer-edition.pdf").is_file()
    assert not list((dist / "site").rglob("trainer-edition.pdf"))
    assert (downloads / "offline-edition.zip").read_bytes() == (dist / "offline-edition.zip").read_bytes()
    with zipfile.ZipFile(dist / "offline-edition.zip") as archive:
        names = archive.namelist()
    assert "mediation-course/modules/our-experience.html" in names
    assert not any("global-framework" in name for name in names)


def test_navigation_lists_the_modules_in_the_courses_order_numbered_from_one(built):
    _, dist, _ = built
    nav = _nav(_read(dist / "site" / "index.html"))
    modules = re.findall(r'href="modules/([a-z0-9-]+)/"', nav)
    assert list(dict.fromkeys(modules)) == ORDER
    titles = [
        html.unescape(t).strip()
        for t in re.findall(r'md-nav__link[^>]*>\s*<span class="md-ellipsis">\s*(\d\. [^<]+)', nav)
    ]
    assert [t.split(".")[0] for t in titles] == ["1", "2", "3", "4"]
    assert titles[2] == "3. Our parliament's experience"
    quizzes = list(dict.fromkeys(re.findall(r'href="quizzes/([a-z0-9-]+)/"', nav)))
    assert sorted(quizzes) == sorted(
        [
            "conflict-self-check",
            "foundations-self-check",
            "our-experience-check",
            "principles-self-check",
            "diagnostic",
            "post",
        ]
    )


def test_home_lists_the_modules_in_order_under_the_courses_title(built):
    _, dist, _ = built
    page = _read(dist / "site" / "index.html")
    article = page.split('<article class="md-content__inner', 1)[1]
    assert re.search(r"<h1[^>]*>Mediation for members, a half day", article)
    numbered = re.findall(r"Module (\d): ([^<]+)</a>", article)
    assert [n for n, _ in numbered] == ["1", "2", "3", "4"]
    assert html.unescape(numbered[2][1]).strip() == "Our parliament's experience"


def test_branding_logo_colours_and_footer(built):
    _, dist, _ = built
    page = _read(dist / "site" / "index.html")
    assert 'data-md-color-primary="blue-grey"' in page and 'data-md-color-accent="amber"' in page
    assert 'data-md-color-primary="indigo"' not in page
    logo = re.search(r'<img src="([^"]+)" alt="Example Training Institute"', page)
    assert logo and (dist / "site" / logo.group(1)).read_bytes().startswith(b"<svg")
    footer = page.split('class="md-copyright"', 1)[1][:400]
    assert "Example Training Institute" in footer
    assert "<title>Home - Mediation for members, a half day</title>" in page


def test_workbook_contents_follow_the_course(built):
    _, dist, loaded = built
    for pdf in (dist / "site" / "downloads" / "workbook.pdf", dist / "trainer" / "trainer-edition.pdf"):
        outline = [item.title for item in PdfReader(pdf).outline if not isinstance(item, list)]
        modules = [title for title in outline if title.startswith("Module ")]
        assert modules == [f"Module {m.number}: {m.title}" for m in loaded.content.modules], pdf.name
        assert "Module 1: Understanding conflict: root causes and early warning" in modules
        assert not any("Global framework" in title for title in outline)


def test_assessment_pages_ask_only_the_courses_questions(built):
    _, dist, loaded = built
    for kind in ("diagnostic", "post"):
        page = _read(dist / "site" / "quizzes" / kind / "index.html")
        asked = set(re.findall(r'data-question-id="([a-z0-9-]+)"', page))
        assert asked == {q.id for q in loaded.content.quizzes[kind].questions}
        assert len(asked) < len(loaded.full.quizzes[kind].questions)
    assert not (dist / "site" / "quizzes" / "action-plan").exists()
    assert not (dist / "site" / "quizzes" / "capacity-survey").exists()


def test_glossary_lists_the_terms_of_the_chosen_modules(built):
    _, dist, loaded = built
    page = _read(dist / "site" / "glossary" / "index.html")
    assert sorted(re.findall(r'<dt id="term-([a-z0-9-]+)">', page)) == sorted(
        t.id for t in loaded.content.glossary.terms
    )


def test_progress_catalogue_holds_only_the_courses_quizzes(built):
    _, dist, loaded = built
    page = _read(dist / "site" / "progress" / "index.html")
    for quiz_id in loaded.full.quizzes:
        assert (f'"id": "{quiz_id}"' in page or f'"id":"{quiz_id}"' in page) == (quiz_id in loaded.content.quizzes), (
            quiz_id
        )


def test_the_left_out_link_is_plain_text(built):
    _, dist, _ = built
    page = _read(dist / "site" / "modules" / "our-experience" / "index.html")
    assert "the global framework for the wider picture" in " ".join(re.sub(r"<[^>]+>", "", page).split())
    assert "global-framework" not in page


def test_the_essentials_sum_up_the_courses_modules_in_its_order_and_numbers(built):
    _, dist, _ = built
    essentials = _read(dist / "site" / "essentials" / "index.html")
    headings = [html.unescape(re.sub(r"<[^>]+>", "", h)) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", essentials)]
    assert [" ".join(h.rstrip("¶").split()) for h in headings] == [
        "1. Understanding conflict",
        "2. Parliaments and peace",
        "3. Our parliament's experience",  # the local module: the page has no part on it, the build writes one
        "4. The principles of effective mediation",
        "What next",
    ]
    deeper = re.findall(r'<a href="([^"]+)">(Go deeper: Module \d+)', essentials)
    assert deeper == [
        ("../modules/understanding-conflict/", "Go deeper: Module 1"),
        ("../modules/parliaments-and-peace/", "Go deeper: Module 2"),
        ("../modules/our-experience/", "Go deeper: Module 3"),
        ("../modules/principles-of-mediation/", "Go deeper: Module 4"),
    ]
    assert "The global framework" not in essentials and "Human security" not in essentials


def test_the_essentials_part_on_a_local_module_gives_its_summary_and_takeaways(built):
    """It had none: the page promises "the key points of every module" and skipped the trainer's own."""
    _, dist, loaded = built
    essentials = _read(dist / "site" / "essentials" / "index.html")
    part = essentials.split('id="3-our-parliaments-experience"', 1)[1].split("<h2", 1)[0]
    module = next(m for m in loaded.content.modules if m.id == "our-experience")
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", part)).split())
    assert module.summary in text
    assert re.search(r"<li>\s*A hearing that gives each side the same time is a first step", part)
    assert "authortext" not in essentials  # every held-back text was put in its place


LINK = re.compile(r'(?:href|src)="([^"]*)"')


def _target(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file and anchor an internal link leads to; None for a link out of the site."""
    parsed = urlparse(html.unescape(href))
    if parsed.scheme or parsed.netloc or href.startswith(("mailto:", "javascript:", "data:")):
        return None
    path = unquote(parsed.path)
    if path.startswith("/"):  # the 404 page's links start from the site's root
        target = (site / path.lstrip("/")).resolve()
    else:
        target = page if not path else (page.parent / path).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, parsed.fragment


def test_no_built_page_has_a_broken_link(built):
    """Every internal href and src of every page leads to a built file, and every #anchor to an id there."""
    _, dist, _ = built
    site = (dist / "site").resolve()
    broken, ids = [], {}
    for page in sorted(site.rglob("*.html")):
        for href in LINK.findall(_read(page)):
            found = _target(site, page, href)
            if found is None:
                continue
            target, anchor = found
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {href}")
                continue
            if anchor and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(re.findall(r'\bid="([^"]+)"', _read(target)))
                if anchor not in ids[target]:
                    broken.append(f"{page.relative_to(site)}: {href} (no id '{anchor}')")
    assert not broken, "\n".join(broken[:40])


def test_a_course_file_with_a_problem_stops_the_site_build_with_it(tmp_path, copy_fixture_site, run_mkdocs_build):
    project = copy_fixture_site(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  - mediation ", "  - mediation:\n      handouts: false\n      course: short\n  #"
        ),
        "utf-8",
    )
    (project / "courses").mkdir()
    (project / "courses" / "short.yml").write_text(
        "id: short\ntitle: Short\norganisation: An institute\nmodules: [sampel]\nassessments: [diagnostic]\n", "utf-8"
    )
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "courses/short.yml:4: modules[1]: no module 'sampel' (hint: did you mean 'sample'?)" in build.output
    assert "Traceback" not in build.output
