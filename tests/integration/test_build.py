"""End-to-end builds: `mkdocs build --strict` on a copy of tests/fixtures/site, then the HTML it wrote.

The fixture site is built once per session (fixtures `site_build` and `offline_build` in
tests/conftest.py). HTML is read with the standard library's parser into a small tree, so the
assertions are about elements and attributes rather than about how the markup happens to be spaced.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest
import yaml

from build_tools.loader import load_content
from build_tools.report import reading_minutes

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
GRADED = {"single", "multiple", "true-false", "ordering", "matching"}
MINUTES = reading_minutes(load_content(FIXTURE_SITE).modules[0])  # worked out from the words


# --- a small HTML tree ------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Node]:
        """Descendants in document order."""
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        return [
            n
            for n in self.iter()
            if (tag is None or n.tag == tag)
            and (cls is None or cls in n.classes)
            and all(n.attrs.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items())
        ]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert found, f"no <{tag or '*'}> with class={cls!r} {attrs} in <{self.tag} {self.attrs}>"
        return found[0]

    def raw_text(self) -> str:
        return "".join(c if isinstance(c, str) else c.raw_text() for c in self.children)

    def text(self) -> str:
        """Visible text with whitespace collapsed (headerlink pilcrows dropped)."""
        return " ".join(self.raw_text().replace("\u00b6", "").split())

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def describe(self) -> str:
        return self.tag + "".join(f".{c}" for c in sorted(self.classes))


class TreeBuilder(HTMLParser):
    """Builds a Node tree; an end tag that does not close the innermost open element is recorded.

    Like a browser, an end tag with no matching open element is ignored, and one that matches an
    element further out closes everything inside it.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.mismatches: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: (v if v is not None else "") for k, v in attrs}, self.stack[-1]))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self.stack[-1].tag != tag:
            self.mismatches.append((f"</{tag}>", self.stack[-1].describe()))
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> TreeBuilder:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder


@cache
def _parsed(path: Path) -> Node:
    return parse(path.read_text(encoding="utf-8")).root


def html_of(site: Path, rel: str) -> str:
    path = site / rel
    assert path.is_file(), (
        f"{rel} was not built; pages: {sorted(p.relative_to(site).as_posix() for p in site.rglob('*.html'))}"
    )
    return path.read_text(encoding="utf-8")


def page(site: Path, rel: str) -> Node:
    html_of(site, rel)
    return _parsed(site / rel)


def article(root: Node) -> Node:
    return root.find("article", "md-content__inner")


def article_html(html: str) -> str:
    match = re.search(r'<article class="md-content__inner[^"]*">(.*?)</article>', html, re.S)
    assert match, "no <article class=md-content__inner> in page"
    return match.group(1)


def resolve(site: Path, page_rel: str, href: str) -> tuple[Path, str]:
    """The file a relative link on page `page_rel` points to, and its fragment."""
    url, fragment = urldefrag(urljoin("http://site/" + page_rel, href))
    path = urlparse(url).path.lstrip("/")
    target = site / path
    if path == "" or path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, fragment


def config_json(root: Node) -> dict:
    return json.loads(root.find("script", id="__config").raw_text())


@pytest.fixture(scope="module")
def site(site_build) -> Path:
    return site_build.site


@pytest.fixture(scope="module")
def offline_site(offline_build) -> Path:
    return offline_build.site


@pytest.fixture(scope="module")
def module_yaml() -> dict:
    return yaml.safe_load((FIXTURE_SITE / "modules" / "sample.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def quiz_yaml() -> dict:
    return yaml.safe_load((FIXTURE_SITE / "quizzes" / "sample-check.yml").read_text(encoding="utf-8"))


MODULE = "modules/sample/index.html"
QUIZ = "quizzes/sample-check/index.html"
HOME = "index.html"


# --- the module page --------------------------------------------------------------------------


def _section_after(heading: Node) -> list[Node]:
    """The block elements after an <h2>, up to the next <h2>."""
    siblings = [c for c in heading.parent.children if isinstance(c, Node)]
    start = siblings.index(heading) + 1
    blocks = []
    for node in siblings[start:]:
        if node.tag == "h2" or node.tag == "details":  # the references are a heading inside <details>
            break
        blocks.append(node)
    return blocks


def _text_after(heading: Node) -> str:
    return " ".join(n.text() for n in _section_after(heading))


def test_module_page_is_built_with_title_and_meta(site, module_yaml):
    root = page(site, MODULE)
    assert root.find("h1").text() == module_yaml["title"]
    descriptions = root.find_all("meta", name="description")
    assert [m.attrs["content"] for m in descriptions] == [module_yaml["summary"]]
    assert module_yaml["summary"].startswith("A small module that exercises")
    meta = article(root).find("p", "module-meta").text()
    assert f"Module {module_yaml['number']}" in meta and f"{MINUTES} minute" in meta


def test_module_page_lists_objectives(site, module_yaml):
    body = article(page(site, MODULE))
    heading = body.find("h2", id="learning-objectives")
    items = [li.text() for block in _section_after(heading) if block.tag == "ul" for li in block.find_all("li")]
    assert items == [o["text"] for o in module_yaml["objectives"]]


def test_module_sections_have_headings_with_anchors(site, module_yaml):
    body = article(page(site, MODULE))
    for section in module_yaml["sections"]:
        heading = body.find("h2", id=section["id"])
        assert heading.text() == section["heading"]
        assert heading.find("a", "headerlink").attrs["href"] == f"#{section['id']}"
    who = body.find("h2", id="who-decides")
    assert "In mediation the parties decide." in _text_after(who)
    assert _section_after(who)[0].find("strong").text() == "parties"  # the body's Markdown was rendered
    assert [li.text() for li in _section_after(who)[1].find_all("li")] == ["one", "two"]


def test_module_case_study(site, module_yaml):
    body = article(page(site, MODULE))
    case = module_yaml["case_studies"][0]
    heading = body.find("h2", id=f"case-{case['id']}")
    assert heading.text() == f"Case study: {case['title']}"
    text = _text_after(heading)
    assert f"When: {case['when']}" in text
    for label, key in [
        ("What happened", "what_happened"),
        ("What parliamentarians did", "what_parliamentarians_did"),
        ("What it teaches", "lesson"),
        ("Its limits", "limits"),
    ]:
        assert label in [h.text() for h in _section_after(heading) if h.tag == "h3"]
        assert case[key] in text


def test_module_action_points_takeaways_and_why(site, module_yaml):
    body = article(page(site, MODULE))
    points = body.find("h2", id="action-points")
    assert [li.text() for b in _section_after(points) for li in b.find_all("li")] == module_yaml["action_points"]
    takeaways = body.find("h2", id="key-takeaways")
    assert [li.text() for b in _section_after(takeaways) for li in b.find_all("li")] == module_yaml["takeaways"]
    why = body.find("div", "admonition")
    assert why.find("em").text() == "conflict"


def test_module_references(site, module_yaml):
    """Collapsed under one heading that gives their number, in a <details> that quiz.js opens to print."""
    body = article(page(site, MODULE))
    heading = body.find("h2", id="references")
    assert heading.text().startswith("References (1)")
    assert heading.parent.tag == "summary" and heading.parent.parent.tag == "details"
    items = [li for b in heading.parent.parent.children if getattr(b, "tag", "") == "ol" for li in b.find_all("li")]
    ref = module_yaml["references"][0]
    assert len(items) == len(module_yaml["references"]) == 1
    assert items[0].text().startswith(f"{ref['title']}. {ref['publisher']}, {ref['year']}.")
    assert items[0].find("a").attrs["href"] == ref["url"]


def test_module_links_to_its_quiz(site):
    body = article(page(site, MODULE))
    heading = body.find("h2", id="test-yourself")
    links = [a for b in _section_after(heading) for a in b.find_all("a")]
    assert [a.text() for a in links] == ["Sample self-check"]
    target, _ = resolve(site, "modules/sample/", links[0].attrs["href"])
    assert target == site / QUIZ and target.is_file()


def test_module_page_does_not_show_facilitator_notes(site, module_yaml):
    text = article(page(site, MODULE)).text()
    assert module_yaml["facilitator_notes"]["live_poll"] not in text


# --- the quiz page ----------------------------------------------------------------------------


def _fieldsets(site: Path, rel: str = QUIZ) -> list[Node]:
    return article(page(site, rel)).find_all("fieldset", "quiz-question")


def test_quiz_has_one_fieldset_per_question_in_order(site, quiz_yaml):
    fieldsets = _fieldsets(site)
    assert [(f.attrs["data-question-id"], f.attrs["data-question-type"]) for f in fieldsets] == [
        (q["id"], q["type"]) for q in quiz_yaml["questions"]
    ]
    for fieldset in fieldsets:
        assert re.fullmatch(r"[0-9a-f]{8}", fieldset.attrs["data-fingerprint"])
        rating = "quiz-confidence" in fieldset.attrs["class"].split()  # rates the question it sits in
        assert fieldset.find("legend").text().startswith("Question ") is not rating
    form = article(page(site, QUIZ)).find("form", "quiz")
    assert form.attrs["data-quiz-id"] == quiz_yaml["id"]


def _controls(fieldset: Node) -> list[Node]:
    """The question's own controls, without those of a confidence rating inside it."""
    inner = [n for n in fieldset.iter() if n.tag == "fieldset" and n is not fieldset]
    theirs = {id(c) for f in inner for c in f.iter()}
    return [n for n in fieldset.iter() if n.tag in ("input", "select", "textarea") and id(n) not in theirs]


def test_quiz_uses_native_controls(site, quiz_yaml):
    by_id = {f.attrs["data-question-id"]: f for f in _fieldsets(site)}
    for question in quiz_yaml["questions"]:
        fieldset = by_id[question["id"]]
        controls = _controls(fieldset)
        kinds = [(c.tag, c.attrs.get("type")) for c in controls]
        expected = {
            "single": [("input", "radio")] * len(question.get("options", [])),
            "multiple": [("input", "checkbox")] * len(question.get("options", [])),
            "true-false": [("input", "radio")] * 2,
            "likert": [("input", "radio")] * 3,
            "ordering": [("input", "number")] * len(question.get("items", [])),
            "matching": [("select", None)] * len(question.get("pairs", [])),
            "reflection": [("textarea", None)],
        }[question["type"]]
        assert kinds == expected, question["id"]
        if question["type"] in ("single", "multiple"):
            assert sorted(c.attrs["value"] for c in controls) == sorted(o["id"] for o in question["options"])
            assert len({c.attrs["name"] for c in controls}) == 1
        if question["type"] == "true-false":
            assert [c.attrs["value"] for c in controls] == ["true", "false"]
        if question["type"] == "ordering":
            assert {c.attrs["max"] for c in controls} == {str(len(question["items"]))}
        if question["type"] == "matching":
            for select in controls:
                values = [o.attrs["value"] for o in select.find_all("option")]
                assert values[0] == "" and sorted(values[1:]) == sorted(p["id"] for p in question["pairs"])


def test_every_quiz_control_has_a_label(site):
    """Each control has its own accessible name: a <label for>, aria-label or aria-labelledby
    pointing at an element that exists (the fieldset's legend names the group, not the control)."""
    body = article(page(site, QUIZ))
    labelled = {n.attrs.get("for") for n in body.find_all("label") if n.text()}
    texts = {n.attrs["id"]: n.text() for n in body.iter() if "id" in n.attrs}

    def labelled_by(control: Node) -> bool:
        ids = control.attrs.get("aria-labelledby", "").split()
        return bool(ids) and all(texts.get(i) for i in ids)

    unlabelled = []
    for fieldset in _fieldsets(site):
        for control in _controls(fieldset):
            named = (
                control.attrs.get("id") in labelled
                or control.attrs.get("aria-label", "").strip()
                or labelled_by(control)
                or any(a.tag == "label" and a.text() for a in control.ancestors())
            )
            if not named:
                unlabelled.append((fieldset.attrs["data-question-type"], control.tag, control.attrs.get("id")))
    assert unlabelled == []


def test_graded_questions_have_answer_details_with_explanation(site, quiz_yaml):
    by_id = {f.attrs["data-question-id"]: f for f in _fieldsets(site)}
    for question in quiz_yaml["questions"]:
        details = by_id[question["id"]].find_all("details", "quiz-answer")
        if question["type"] not in GRADED:
            assert details == [], f"{question['id']} is not graded but shows an answer"
            continue
        assert len(details) == 1, question["id"]
        assert details[0].find("summary").text() == "Answer and explanation"
        assert question["explanation"] in details[0].find("div", "quiz-explanation").text()
    who = by_id["who"].find("details")
    assert who.find("p", "quiz-key").text() == "Correct answer: The parties"
    assert {li.attrs["data-option-id"]: li.attrs["class"] for li in who.find_all("li")} == {
        "parties": "is-correct",
        "mediator": "is-wrong",
    }


def test_quiz_markup_is_balanced(site):
    """Every end tag closes the element it should; otherwise browsers move content around.

    (An `<ol class="quiz-key-order">` closed by `</ul>` once put the ordering question's explanation
    inside the list.)
    """
    mismatches = parse(article_html(html_of(site, QUIZ))).mismatches
    assert mismatches == []


def test_quiz_section_link_resolves_to_module_anchor(site, quiz_yaml):
    links = article(page(site, QUIZ)).find_all("p", "quiz-read-more")
    with_section = [q for q in quiz_yaml["questions"] if q.get("section")]
    assert len(links) == len(with_section) >= 1
    for paragraph in links:
        anchor = paragraph.find("a")
        target, fragment = resolve(site, "quizzes/sample-check/", anchor.attrs["href"])
        assert target == site / MODULE, anchor.attrs["href"]
        assert fragment == "who-decides"
        assert page(site, MODULE).find_all(id=fragment), f"no id={fragment!r} in {MODULE}"
        assert anchor.text() == "The parties decide in mediation"


def test_quiz_prompt_with_script_tag_is_escaped(site):
    html = html_of(site, QUIZ)
    legend = re.search(r'data-question-id="who".*?<legend[^>]*>(.*?)</legend>', html, re.S)
    assert legend and "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in legend.group(1)
    assert "<script>alert(1)" not in html
    assert "alert(1)</script>" not in html
    # The browser sees the prompt as text.
    who = _fieldsets(site)[0]
    assert who.find("legend").text().endswith("</script><script>alert(1)</script>")
    scripts = page(site, QUIZ).find_all("script")
    assert not any(s.raw_text().strip() == "alert(1)" for s in scripts), "the prompt injected a <script>"


def test_quiz_data_is_safe_json(site, quiz_yaml):
    """The engine's data is a single-quoted attribute of the form: no raw quote, < or & can break out."""
    html = html_of(site, QUIZ)
    blocks = re.findall(r"<form[^>]*\sdata-quiz='([^']*)'", html)
    assert len(blocks) == 1
    raw = blocks[0]
    assert "<" not in raw and ">" not in raw and "'" not in raw
    form = next(f for f in page(site, QUIZ).find_all("form") if "data-quiz" in f.attrs)
    data = json.loads(form.attrs["data-quiz"])
    assert data["id"] == quiz_yaml["id"]
    assert [q["id"] for q in data["questions"]] == [q["id"] for q in quiz_yaml["questions"]]
    fingerprints = {f.attrs["data-question-id"]: f.attrs["data-fingerprint"] for f in _fieldsets(site)}
    assert {q["id"]: q["fingerprint"] for q in data["questions"]} == fingerprints
    assert next(q for q in data["questions"] if q["id"] == "who")["answer"] == "parties"


# --- the home page and the navigation ---------------------------------------------------------


def test_home_lists_module_with_minutes_and_objectives(site, module_yaml):
    body = article(page(site, HOME))
    link = next(a for a in body.find_all("a") if a.text() == f"Module 1: {module_yaml['title']}")
    target, _ = resolve(site, "", link.attrs["href"])
    assert target == site / MODULE
    heading = next(a for a in link.ancestors() if a.tag.startswith("h"))
    blocks = _section_after_any(heading)
    text = " ".join(b.text() for b in blocks)
    assert f"{MINUTES} minute" in text
    assert module_yaml["summary"] in text
    assert [li.text() for b in blocks if b.tag == "ul" for li in b.find_all("li")] == [
        o["text"] for o in module_yaml["objectives"]
    ]
    assert "<!-- module-list -->" not in html_of(site, HOME)


def _section_after_any(heading: Node) -> list[Node]:
    siblings = [c for c in heading.parent.children if isinstance(c, Node)]
    blocks = []
    for node in siblings[siblings.index(heading) + 1 :]:
        if re.fullmatch(r"h[1-6]", node.tag):
            break
        blocks.append(node)
    return blocks


def _navigation(root: Node) -> list[tuple]:
    """Primary navigation in order: ("page", href, title) and ("section", title, [its page hrefs])."""
    nav = root.find("nav", "md-nav--primary")
    entries: list[tuple] = []
    for node in nav.iter():
        if "md-nav--secondary" in node.classes or any("md-nav--secondary" in a.classes for a in node.ancestors()):
            continue  # the table of contents of the current page
        if node.tag == "a" and "md-nav__link" in node.classes and not node.attrs["href"].startswith("#"):
            entries.append(("page", node.attrs["href"], node.text()))
        if node.tag == "label" and "md-nav__link" in node.classes and node.attrs.get("for", "").startswith("__nav_"):
            item = next(a for a in node.ancestors() if a.tag == "li")
            hrefs = [a.attrs["href"] for a in item.find_all("a", "md-nav__link") if not a.attrs["href"].startswith("#")]
            entries.append(("section", node.text(), hrefs))
    return entries


def test_navigation_order_home_then_module_section(site, module_yaml):
    """Home first, then the module's section holding the module page and then its quiz.

    Pages that may follow (other sections, hand-written pages) are not this test's business.
    """
    nav = _navigation(page(site, HOME))
    assert nav[:4] == [
        ("page", ".", "Sample course"),
        ("section", f"{module_yaml['number']}. {module_yaml['title']}", ["modules/sample/", "quizzes/sample-check/"]),
        ("page", "modules/sample/", module_yaml["title"]),
        ("page", "quizzes/sample-check/", "Sample self-check"),
    ]
    root = page(site, MODULE)
    assert root.find("link", rel="prev").attrs["href"] == "../.."
    assert root.find("link", rel="next").attrs["href"] == "../../quizzes/sample-check/"


# --- a content error aborts the build ---------------------------------------------------------

BROKEN_QUIZ = """\
id: broken
title: Broken quiz
kind: self-check
questions:
  - id: q1
    type: single
    prompt: Which one?
    objectives: [sample-distinguish]
    options:
      - id: a
        text: A
        feedback: A is the one.
      - id: b
        text: B
        feedback: B is not the one.
    answer: c
    explanation: Because.
"""


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    } | {p.relative_to(folder).as_posix() + "/": (0, b"") for p in folder.rglob("*") if p.is_dir()}


def test_content_error_aborts_build_and_leaves_previous_site(tmp_path, copy_fixture_site, run_mkdocs_build):
    project = copy_fixture_site(tmp_path / "project")
    (project / "quizzes" / "broken.yml").write_text(BROKEN_QUIZ, encoding="utf-8")
    site = tmp_path / "site"
    (site / "modules").mkdir(parents=True)
    (site / "marker-from-previous-build.txt").write_text("previous build\n", encoding="utf-8")
    (site / "index.html").write_text("<p>previous build</p>\n", encoding="utf-8")
    before = _snapshot(site)

    build = run_mkdocs_build(project, site)

    assert build.returncode != 0, build.output
    assert "Traceback" not in build.output, build.output
    assert re.search(r"^quizzes/broken\.yml:16: questions\[1\]\.answer: .*'c'.*$", build.output, re.M), build.output
    assert re.search(r"^\S+\.yml:\d+: [\w\[\].-]+: .+$", build.output, re.M)
    assert "1 problem found in content." in build.output
    assert _snapshot(site) == before, "the previous site was changed by a failed build"


# --- the offline edition ----------------------------------------------------------------------

OFFLINE_PAGES = ["index.html", "modules/sample.html", "quizzes/sample-check.html"]


def test_offline_pages_are_html_files(offline_site):
    pages = sorted(p.relative_to(offline_site).as_posix() for p in offline_site.rglob("*.html"))
    assert set(OFFLINE_PAGES) <= set(pages)
    assert not (offline_site / "modules" / "sample").exists()
    assert not (offline_site / "quizzes" / "sample-check").exists()
    home = article(page(offline_site, "index.html"))
    assert any(a.attrs.get("href") == "modules/sample.html" for a in home.find_all("a"))
    module = article(page(offline_site, "modules/sample.html"))
    assert any(a.attrs.get("href") == "../quizzes/sample-check.html" for a in module.find_all("a"))
    # The read-more link is written by the renderer inside HTML, where mkdocs does not rewrite it.
    for anchor in article(page(offline_site, "quizzes/sample-check.html")).find_all("a"):
        if "quiz-read-more" in anchor.parent.classes:
            target, fragment = resolve(offline_site, "quizzes/sample-check.html", anchor.attrs["href"])
            assert target == offline_site / "modules" / "sample.html" and target.is_file()
            assert page(offline_site, "modules/sample.html").find_all(id=fragment)
    assert (offline_site / "search" / "search_index.js").is_file()


def test_offline_has_no_instant_navigation(offline_site, site):
    assert "navigation.instant" in config_json(page(site, HOME))["features"]  # so the check means something
    for rel in OFFLINE_PAGES:
        features = config_json(page(offline_site, rel))["features"]
        assert not [f for f in features if f.startswith("navigation.instant")], rel
        assert "search.highlight" in features


def test_offline_uses_local_iframe_worker_shim(offline_site):
    shim = "assets/javascripts/iframe-worker-shim.js"
    assert (offline_site / shim).is_file()
    for rel in OFFLINE_PAGES:
        srcs = [s.attrs["src"] for s in page(offline_site, rel).find_all("script") if "src" in s.attrs]
        prefix = "../" * rel.count("/")
        assert prefix + shim in srcs, (rel, srcs)
        assert not [s for s in srcs if "iframe-worker" in s and s != prefix + shim], srcs


# Material's own bundle carries fallback URLs on unpkg.com (mermaid, a ResizeObserver polyfill),
# loaded only for diagrams or browsers without ResizeObserver; that is the theme's code, not ours.
MATERIAL_BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js(\.map)?")
MATERIAL_UNPKG = {"https://unpkg.com/resize-observer-polyfill", "https://unpkg.com/mermaid@11/dist/mermaid.min.js"}


def test_offline_output_never_mentions_unpkg(offline_site):
    offenders = []
    for path in offline_site.rglob("*"):
        rel = path.relative_to(offline_site).as_posix()
        if not path.is_file() or path.suffix not in {".html", ".js", ".json", ".css", ".xml", ".map", ".txt"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if MATERIAL_BUNDLE.fullmatch(rel):
            urls = set(re.findall(r"https?://unpkg\.com[^\"'`)\s\\]*", text))
            assert urls <= MATERIAL_UNPKG, f"{rel}: unexpected unpkg URLs {urls - MATERIAL_UNPKG}"
        elif "unpkg.com" in text:
            offenders.append(rel)
    assert offenders == []


def test_offline_flag_never_builds_the_wrong_edition_silently(tmp_path, copy_fixture_site, run_mkdocs_build):
    """OFFLINE=1 (not the documented OFFLINE=true) either builds the offline edition or fails loudly.

    What must not happen is a successful build of the online edition, which would then be shipped
    for file:// and not work there.
    """
    build = run_mkdocs_build(copy_fixture_site(tmp_path / "project"), tmp_path / "site", offline="1")
    if build.returncode == 0:
        assert (tmp_path / "site" / "modules" / "sample.html").is_file(), "OFFLINE=1 built the online edition"
    else:
        assert "OFFLINE" in build.output or "'enabled'" in build.output, build.output
        assert "Traceback" not in build.output
        assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.parametrize(
    ("setting", "hint"),
    [
        ("edition: fr", "the languages are the course file's `languages:`"),
        ("editions: trainer", "for the trainers' site, set `edition: trainer`"),
    ],
)
def test_edition_and_editions_mistaken_for_each_other_say_which_is_which(
    setting, hint, tmp_path, copy_fixture_site, run_mkdocs_build
):
    """They differ by one letter: `edition` is the learners' or the trainers' site, `editions` the
    other languages. The error said only "Expected one of: ['learner', 'trainer']"."""
    project = copy_fixture_site(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - mediation " in text
    config.write_text(text.replace("  - mediation ", f"  - mediation:\n      {setting}\n  # ", 1), encoding="utf-8")
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert f"option '{setting.split(':')[0]}'" in build.output and hint in build.output, build.output
    assert "Traceback" not in build.output and not (tmp_path / "site" / "index.html").exists()


# --- no third-party hosts ---------------------------------------------------------------------


@pytest.mark.parametrize("edition", ["site", "offline_site"])
def test_no_remote_scripts_or_stylesheets(edition, request):
    site_dir: Path = request.getfixturevalue(edition)
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) >= 4
    remote = []
    for path in pages:
        root = _parsed(path)
        refs = [s.attrs["src"] for s in root.find_all("script") if "src" in s.attrs]
        refs += [link.attrs["href"] for link in root.find_all("link") if "href" in link.attrs]
        remote += [(path.relative_to(site_dir).as_posix(), r) for r in refs if re.match(r"(?i)(https?:)?//", r)]
        html = path.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, path
    assert remote == []


# --- the real project -------------------------------------------------------------------------


def test_real_project_builds(tmp_path):
    """The project itself builds with --strict, whatever content it has at the moment."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "404.html").is_file()


def test_the_site_serves_our_scripts_and_style_sheets_minified_and_materials_as_shipped(site):
    """docs/assets/ keeps the comments for developers; a reader downloads the files without them.
    Material's own files are left alone (its lunr helpers are not minified, and stay as they are)."""
    import material

    for name in ("javascripts/quiz.js", "javascripts/course.js", "stylesheets/quiz.css"):
        written = (ROOT / "docs" / "assets" / name).read_text(encoding="utf-8")
        served = (site / "assets" / name).read_text(encoding="utf-8")
        assert "/*" in written and "/*" not in served, name
        assert len(served) < 0.8 * len(written), name
    theme = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "lunr" / "tinyseg.js"
    assert (site / "assets" / "javascripts" / "lunr" / "tinyseg.js").read_bytes() == theme.read_bytes()
