"""The PDF handouts, read back: build_tools/handouts (documents, build) and the Typst template.

The handouts of the fixture site (tests/fixtures/site: one module, three quizzes, no glossary) are
built once per module of tests into a temporary cache, then every PDF is read back with pypdf and
pikepdf: pages, title and language, tags, embedded fonts, the text of each heading in order, the
quiz link and its QR code, the workbook's contents page, worksheets and (trainer edition only)
facilitator notes and answer keys. The first pages are rendered with poppler's pdftoppm.

tests/fixtures/handout-injection is a course whose every printed field is full of Typst syntax; it
goes through the real template and must print exactly what its author wrote.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import pikepdf
import pypdf
import pytest
import segno
from PIL import Image

from build_tools.handouts.build import Handout, HandoutError, _render_in_child, build_handouts, render
from build_tools.handouts.documents import Document, HandoutOptions, all_documents, module_handout, public_address
from build_tools.loader import Content, load_content
from build_tools.presentation import numbered_questions, presented_options
from build_tools.problems import ContentError
from build_tools.rendering import Renderer, load_strings

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
INJECTION = ROOT / "tests" / "fixtures" / "handout-injection"
SITE_URL = "https://example.org/course"
T = load_strings("en")["handout"]
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


# --- reading a PDF back ------------------------------------------------------------------------


@dataclass
class Pdf:
    name: str
    data: bytes

    @cached_property
    def reader(self) -> pypdf.PdfReader:
        return pypdf.PdfReader(io.BytesIO(self.data), strict=True)

    @cached_property
    def pike(self) -> pikepdf.Pdf:
        return pikepdf.open(io.BytesIO(self.data))

    @cached_property
    def pages(self) -> list[str]:
        return [page.extract_text() for page in self.reader.pages]

    @cached_property
    def text(self) -> str:
        """All text, whitespace collapsed: line breaks are layout."""
        return " ".join(" ".join(self.pages).split())

    @cached_property
    def compact(self) -> str:
        """All text without any whitespace, for strings that may wrap anywhere (addresses, code)."""
        return "".join(self.text.split())

    def links(self) -> list[tuple[int, pikepdf.Dictionary]]:
        """(page index, annotation) of every link annotation."""
        return [
            (index, annot)
            for index, page in enumerate(self.pike.pages)
            for annot in page.obj.get("/Annots", [])
            if annot.get("/Subtype") == "/Link"
        ]

    def uris(self) -> list[str]:
        return [str(a.A.URI) for _, a in self.links() if "/A" in a and "/URI" in a.A]

    def structure(self) -> list[pikepdf.Dictionary]:
        """Every structure element, in document order."""
        found = []

        def walk(node):
            if isinstance(node, pikepdf.Array):
                for child in node:
                    walk(child)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                found.append(node)
                if "/K" in node:
                    walk(node.K)

        walk(self.pike.Root.StructTreeRoot.get("/K", pikepdf.Array()))
        return found

    def tags(self) -> list[str]:
        roles = self.pike.Root.StructTreeRoot.get("/RoleMap", {})
        return [str(roles.get(str(e.S), e.S)) for e in self.structure()]


def squeeze(text: str) -> str:
    return "".join(text.split())


def in_order(text: str, parts: list[str]) -> list[str]:
    """The parts that are missing from `text` or out of order (empty when all is well)."""
    problems, position = [], 0
    for part in parts:
        found = text.find(part, position)
        if found < 0:
            problems.append(part if part not in text else f"{part} (out of order)")
        else:
            position = found + len(part)
    return problems


def fonts_of(resources, seen: set) -> list[pikepdf.Dictionary]:
    """Fonts in a resource dictionary and in the resources of its form XObjects, recursively."""
    if resources is None or resources.objgen in seen and resources.objgen != (0, 0):
        return []
    seen.add(resources.objgen)
    fonts = list(resources.get("/Font", {}).values())
    for xobject in resources.get("/XObject", {}).values():
        if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
            fonts += fonts_of(xobject.Resources, seen)
    for font in list(fonts):
        if font.get("/Subtype") == "/Type3" and "/Resources" in font:
            fonts += fonts_of(font.Resources, seen)
    return fonts


def build(content: Content, cache: Path | None, **options) -> dict[str, Handout]:
    handouts = build_handouts(content, HandoutOptions(site_url=SITE_URL, **options), cache=cache, edition="all")
    return {h.name: h for h in handouts}


# --- the fixture site's handouts -------------------------------------------------------------


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(FIXTURE_SITE)


@pytest.fixture(scope="module")
def cold(content, tmp_path_factory) -> tuple[dict[str, Handout], float, Path]:
    """The handouts built once into an empty cache, with the time it took."""
    cache = tmp_path_factory.mktemp("handout-cache")
    start = time.perf_counter()
    handouts = build(content, cache)
    return handouts, time.perf_counter() - start, cache


@pytest.fixture(scope="module")
def pdfs(cold) -> dict[str, Pdf]:
    return {name: Pdf(name, handout.pdf) for name, handout in cold[0].items()}


@pytest.fixture(scope="module")
def module_pdf(pdfs) -> Pdf:
    return pdfs["sample.pdf"]


NAMES = ["sample.pdf", "workbook.pdf", "trainer-edition.pdf"]
LEARNER_NAMES = ["sample.pdf", "workbook.pdf"]


def test_one_pdf_per_module_then_the_workbook_and_the_trainer_edition(cold, content):
    handouts, seconds, _ = cold
    assert list(handouts) == [f"{m.id}.pdf" for m in content.modules] + ["workbook.pdf", "trainer-edition.pdf"]
    assert list(handouts) == NAMES
    assert not any(h.cached for h in handouts.values()), "a cold build rendered from a cache"
    assert seconds < 30, f"the fixture's handouts took {seconds:.1f} s"


@pytest.mark.parametrize("name", NAMES)
def test_every_pdf_has_pages_a_title_and_a_language(pdfs, content, name):
    pdf = pdfs[name]
    assert pdf.data.startswith(b"%PDF-")
    assert len(pdf.reader.pages) > 0
    title = content.modules[0].title if name == "sample.pdf" else T["course"]
    assert pdf.reader.metadata.title == title
    assert str(pdf.pike.Root.Lang) == "en"
    with pdf.pike.open_metadata() as xmp:
        assert xmp.get("dc:title") == title
        assert xmp.get("pdfuaid:part") == "1", "not identified as PDF/UA-1"
    assert pdf.pike.Root.ViewerPreferences.DisplayDocTitle is True, "viewers would show the file name"


@pytest.mark.parametrize("name", NAMES)
def test_every_pdf_is_tagged_with_headings_as_structure(pdfs, name):
    pdf = pdfs[name]
    assert "/StructTreeRoot" in pdf.pike.Root
    assert pdf.pike.Root.MarkInfo.Marked is True
    tags = pdf.tags()
    assert tags.count("/H1") >= 1 and tags.count("/H2") >= 1, "headings are not real structure"
    assert {"/P", "/L", "/LI", "/Link"} <= set(tags)
    for page in pdf.pike.pages:
        assert "/StructParents" in page.obj, "a page's content is not tied to the structure tree"


@pytest.mark.parametrize("name", NAMES)
def test_every_font_is_embedded(pdfs, name):
    pdf = pdfs[name]
    fonts, seen = [], set()
    for page in pdf.pike.pages:
        fonts += fonts_of(page.obj.get("/Resources"), seen)
    assert fonts, "no fonts found"
    for font in fonts:
        if font.get("/Subtype") == "/Type3":  # glyphs drawn in the file itself
            continue
        described = font.DescendantFonts[0] if font.get("/Subtype") == "/Type0" else font
        descriptor = described.FontDescriptor
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), (
            f"{font.get('/BaseFont')} is not embedded"
        )


@pytest.mark.parametrize("name", NAMES)
def test_every_link_has_text_and_an_absolute_address(pdfs, name):
    pdf = pdfs[name]
    links = pdf.links()
    assert links
    for _, link in links:
        assert str(link.get("/Contents", "")).strip(), "a link without alternative text"
        if "/A" in link and "/URI" in link.A:
            assert re.match(r"https?://", str(link.A.URI)), f"relative link {link.A.URI} breaks in a download"


def test_module_handout_headings_are_all_there_and_in_order(module_pdf, content):
    module = content.modules[0]
    case = module.case_studies[0]
    expected = [
        T["course"].upper(),
        module.title,
        T["subtitle_module"],
        f"{T['module']} {module.number}: {module.title}",
        T["why_it_matters"],
        T["objectives"],
        *[o.text for o in module.objectives],
        *[s.heading for s in module.sections],
        f"{T['case_study']}: {case.title}",
        T["what_happened"],
        T["what_parliamentarians_did"],
        T["lesson"],
        T["limits"],
        T["action_points"],
        *module.action_points,
        T["takeaways"],
        *module.takeaways,
        T["quizzes"],
        T["references"],
        f"1. {module.references[0].title}",
    ]
    assert in_order(module_pdf.text, expected) == []
    for section in module.sections:
        assert section.body.split()[0] in module_pdf.text


def test_module_handout_bodies_keep_their_markdown_structure(module_pdf):
    text = module_pdf.text
    assert "In mediation the parties decide. In arbitration a third party decides." in text
    assert "• one • two" in text, "the section's bullet list is not a list"
    assert "**" not in text and "*conflict*" not in text, "Markdown markers printed"


def test_module_handout_links_to_its_quiz_with_a_qr_code(module_pdf):
    url = f"{SITE_URL}/quizzes/sample-check/"
    assert url in module_pdf.uris()
    assert url in module_pdf.compact
    figures = [e for e in module_pdf.structure() if e.S == "/Figure"]
    # The section's picture (its alt text from the module), then the QR code.
    assert [str(f.get("/Alt")) for f in figures][-1] == T["qr_alt"]
    assert [str(f.get("/Alt")) for f in figures].count(T["qr_alt"]) == 1
    assert qr_matrix_near_link(module_pdf, url) == "match"


def qr_matrix_near_link(pdf: Pdf, url: str, dpi: int = 150) -> str:
    """Render the page with the quiz link and compare the QR code beside it with segno's for `url`."""
    [(index, link)] = [(i, a) for i, a in pdf.links() if "/A" in a and str(a.A.get("/URI")) == url]
    page = pdf.pike.pages[index]
    left, bottom, right, top = (float(v) for v in page.MediaBox)
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "handout.pdf", Path(folder) / "page"
        source.write_bytes(pdf.data)
        page_number = str(index + 1)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", "-f", page_number, "-l", page_number, "-singlefile", source, target],
            capture_output=True,
            check=True,
        )
        png = target.with_suffix(".png").read_bytes()
    image = Image.open(io.BytesIO(png)).convert("L")
    scale = dpi / 72
    rect = [float(v) for v in link.Rect]
    middle = top - (rect[1] + rect[3]) / 2
    margin_right = right - 62  # the template's 2.2 cm margin; the QR code sits in the right column
    crop = image.crop(
        (
            int((margin_right - 95) * scale),
            int((middle - 55) * scale),
            int((margin_right + 5) * scale),
            int((middle + 55) * scale),
        )
    )
    box = crop.point(lambda v: 255 if v < 128 else 0).getbbox()
    if box is None:
        return "no QR code beside the link"
    symbol = crop.crop(box)
    for error in ("l", "m", "q", "h"):
        matrix = segno.make(url, error=error).matrix
        size = len(matrix)
        step_x, step_y = symbol.size[0] / size, symbol.size[1] / size
        seen = [
            [symbol.getpixel((int((c + 0.5) * step_x), int((r + 0.5) * step_y))) < 128 for c in range(size)]
            for r in range(size)
        ]
        if seen == [[bool(v) for v in row] for row in matrix]:
            return "match"
    return f"the image beside the link ({symbol.size[0]}x{symbol.size[1]} px) is not the QR code of {url}"


def test_module_handout_has_no_trainer_material(module_pdf, content):
    notes = content.modules[0].facilitator_notes
    assert T["facilitator_notes"] not in module_pdf.text
    assert notes.live_poll not in module_pdf.text
    assert T["answer_key"] not in module_pdf.text


def test_case_study_sources_start_their_own_line(module_pdf):
    page = next(p for p in module_pdf.pages if T["sources_of_case"] + ":" in p)
    assert any(line.startswith(T["sources_of_case"] + ":") for line in page.splitlines())


# --- the workbook and the trainer edition -----------------------------------------------------


def contents_entries(pdf: Pdf) -> list[tuple[str, int]]:
    """(title, page number) of each line of the contents page (dot leaders between them)."""
    [page] = [p for p in pdf.pages[:3] if T["contents"] in p.splitlines()[:3]]
    entries = []
    for line in page.splitlines():
        match = re.fullmatch(r"(.+?)\s*(?:\.\s*){3,}(\d+)", line.strip())
        if match:
            entries.append((match.group(1), int(match.group(2))))
    return entries


@pytest.mark.parametrize("name", ["workbook.pdf", "trainer-edition.pdf"])
def test_workbook_contents_page_lists_modules_and_worksheets_with_their_pages(pdfs, content, name):
    pdf = pdfs[name]
    entries = contents_entries(pdf)
    titles = [title for title, _ in entries]
    expected = [f"{T['module']} {m.number}: {m.title}" for m in content.modules]
    if content.glossary:
        expected.append(T["glossary_title"])
    quizzes = [content.quizzes[q] for m in content.modules for q in m.quizzes]
    quizzes += [q for q_id, q in sorted(content.quizzes.items()) if q not in quizzes]
    expected += [f"{T['worksheet']}: {q.title}" for q in quizzes]
    assert titles == expected
    numbers = [number for _, number in entries]
    assert numbers == sorted(numbers)
    for title, number in entries:
        assert number <= len(pdf.pages)
        lines = pdf.pages[number - 1].splitlines()
        assert title in lines[:3], f"contents say '{title}' is on page {number}; that page starts {lines[:3]}"
    # each line of the contents is a working internal link to that page
    contents_page = next(i for i, p in enumerate(pdf.pages) if T["contents"] in p.splitlines()[:3])
    internal = [a for i, a in pdf.links() if i == contents_page and "/Dest" in a]
    internal.sort(key=lambda a: -float(a.Rect[3]))
    targets = [pdf.pike.pages.index(pikepdf.Page(a.Dest[0])) + 1 for a in internal]
    assert targets == numbers
    # and the bookmarks of a PDF viewer follow the same outline
    outline = [item["/Title"] for item in pdf.reader.outline if not isinstance(item, list)]
    assert outline == expected


def test_fixture_site_has_no_glossary_so_the_workbook_has_none(pdfs, content):
    assert content.glossary is None
    assert T["glossary_title"] not in pdfs["workbook.pdf"].text


@pytest.mark.parametrize("name", ["workbook.pdf", "trainer-edition.pdf"])
def test_workbook_has_every_module_and_a_worksheet_for_every_quiz(pdfs, content, module_pdf, name):
    pdf = pdfs[name]
    for module in content.modules:
        assert in_order(pdf.text, [s.heading for s in module.sections]) == []
    for quiz in content.quizzes.values():
        heading = f"{T['worksheet']}: {quiz.title}"
        assert heading in pdf.text
        worksheet = pdf.text[pdf.text.index(heading) :]
        items = []
        for shown in numbered_questions(quiz):
            question = shown.question
            prompt = " ".join(question.prompt.split())
            items += [f"{T['question']} {shown.number}. {prompt}"]
            if question.type in ("single", "multiple"):
                items += [o.text for o in presented_options(quiz, question)]
            elif question.type == "true-false":
                items += [T["label_true"], T["label_false"]]
            if shown.confidence:  # under the question it rates, with no number of its own
                items += [shown.confidence.prompt, *T["scale_confidence"]]
        assert in_order(worksheet, items) == [], f"worksheet of {quiz.id}"


def test_worksheets_are_blank_in_the_learner_workbook(pdfs, content, module_pdf):
    workbook = pdfs["workbook.pdf"]
    for text in (T["facilitator_notes"], T["answer_key"], T["live_poll"], T["timing"] + ":"):
        assert text not in workbook.text
    notes = content.modules[0].facilitator_notes
    assert notes.live_poll not in workbook.text
    for quiz in content.quizzes.values():
        for question in quiz.questions:
            explanation = getattr(question, "explanation", None)
            if explanation and explanation not in module_pdf.text:
                assert explanation not in workbook.text, "an answer's explanation is in the learner workbook"
    assert "Negotiation → Mediation → Arbitration" not in workbook.text


def test_trainer_edition_adds_facilitator_notes_and_answer_keys(pdfs, content):
    trainer = pdfs["trainer-edition.pdf"]
    notes = content.modules[0].facilitator_notes
    assert in_order(
        trainer.text,
        [T["facilitator_notes"], f"{T['timing']}: {notes.timing}", *notes.discussion_prompts,
         f"{T['live_poll']}: {notes.live_poll}"],
    ) == []  # fmt: skip
    for quiz in content.quizzes.values():
        assert f"{T['answer_key']}: {quiz.title}" in trainer.text
    key = trainer.text[trainer.text.index(f"{T['answer_key']}: Sample self-check") :]
    assert in_order(
        key,
        [
            f"{T['question']} 1. The parties", f"{T['why']}: Mediation is non-binding",
            f"{T['question']} 2. Consent of the parties; Voluntary outcome", f"{T['why']}: Mediation rests on consent.",
            f"{T['question']} 3. {T['label_false']}", f"{T['why']}: Only the parties can bind themselves.",
            f"{T['question']} 4. Negotiation → Mediation → Arbitration",
            f"{T['why']}: Control moves from the parties to a third party.",
        ],
    ) == []  # fmt: skip
    assert re.search(r"Question 5\. 1–[AB]; 2–[AB] Why: Who decides is the key difference\.", key)
    # ungraded questions (the reflection; the confidence rating is part of question 1) have no key
    assert f"{T['question']} 6. " not in key.split(f"{T['worksheet']}: Sample diagnostic")[0]


def test_us_letter_option_gives_letter_pages(content):
    handouts = build(content, None, paper="letter")
    for name, handout in handouts.items():
        pdf = Pdf(name, handout.pdf)
        sizes = {tuple(round(float(v), 2) for v in page.mediabox.upper_right) for page in pdf.reader.pages}
        assert sizes == {LETTER}, name


@pytest.mark.parametrize("name", NAMES)
def test_a4_is_the_default(pdfs, name):
    sizes = {tuple(round(float(v), 2) for v in page.mediabox.upper_right) for page in pdfs[name].reader.pages}
    assert sizes == {A4}


def test_first_two_pages_of_a_module_handout_render_and_are_not_blank(module_pdf, tmp_path):
    (tmp_path / "sample.pdf").write_bytes(module_pdf.data)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "2", str(tmp_path / "sample.pdf"), str(tmp_path / "page")],
        check=True,
        capture_output=True,
    )
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == 2
    for path in images:
        image = Image.open(path).convert("L")
        width, height = image.size
        assert (width, height) == (round(A4[0] * 40 / 72), round(A4[1] * 40 / 72))
        histogram = image.histogram()
        ink = sum(histogram[:200]) / (width * height)
        assert ink > 0.004, f"{path.name} is blank ({ink:.2%} of pixels have ink)"
        assert image.getextrema()[0] < 100, f"{path.name} has no dark text"


# --- the cache ----------------------------------------------------------------------------------


def two_module_course(tmp: Path) -> Path:
    """A copy of the fixture site with a second module, so that one can change alone."""
    root = tmp / "course"
    shutil.copytree(FIXTURE_SITE, root, ignore=shutil.ignore_patterns("site", "docs"))
    text = (root / "modules" / "sample.yml").read_text(encoding="utf-8")
    second = (
        text.replace("id: sample\n", "id: second\n")
        .replace("number: 1\n", "number: 2\n")
        .replace("title: A sample module", "title: A second module")
        .replace("sample-distinguish", "second-distinguish")
        .replace("sample-apply", "second-apply")
        .replace("quizzes: [sample-check]", "quizzes: []")
    )
    (root / "modules" / "second.yml").write_text(second, encoding="utf-8")
    return root


def test_an_unchanged_build_is_all_cached_and_a_change_rebuilds_only_what_shows_it(tmp_path):
    root = two_module_course(tmp_path)
    cache = tmp_path / "cache"
    first = build(load_content(root), cache)
    assert list(first) == ["sample.pdf", "second.pdf", "workbook.pdf", "trainer-edition.pdf"]
    assert not any(h.cached for h in first.values())
    assert len(list(cache.rglob("*.pdf"))) == 4

    again = build(load_content(root), cache)
    assert all(h.cached for h in again.values()), {n: h.cached for n, h in again.items()}
    assert {n: h.pdf for n, h in again.items()} == {n: h.pdf for n, h in first.items()}

    module = root / "modules" / "second.yml"
    module.write_text(
        module.read_text(encoding="utf-8").replace("Nobody can be mediated", "No party can be mediated"),
        encoding="utf-8",
    )
    changed = build(load_content(root), cache)
    assert {n: h.cached for n, h in changed.items()} == {
        "sample.pdf": True, "second.pdf": False, "workbook.pdf": False, "trainer-edition.pdf": False,
    }  # fmt: skip
    assert "No party can be mediated" in Pdf("second.pdf", changed["second.pdf"].pdf).text
    assert "No party can be mediated" in Pdf("workbook.pdf", changed["workbook.pdf"].pdf).text
    assert len(list(cache.rglob("*.pdf"))) == 4, "the cache keeps PDFs that no document uses"

    quiz = root / "quizzes" / "sample-diagnostic.yml"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace("against its will.", "against its own will."), encoding="utf-8"
    )
    after_quiz = build(load_content(root), cache)
    assert {n: h.cached for n, h in after_quiz.items()} == {
        "sample.pdf": True, "second.pdf": True, "workbook.pdf": False, "trainer-edition.pdf": False,
    }  # fmt: skip


def test_other_options_do_not_reuse_an_a4_pdf(tmp_path, content):
    cache = tmp_path / "cache"
    build(content, cache)
    letter = build(content, cache, paper="letter")
    assert not any(h.cached for h in letter.values())


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("modules/sample.yml", "    - Who decides?\n", '    - "# Who decides?"\n'),
        (
            "quizzes/sample-check.yml",
            "    explanation: Mediation rests on consent.\n",
            '    explanation: "![A diagram](diagram.png) Mediation rests on consent."\n',
        ),
    ],
    ids=["heading in a discussion prompt", "image in a quiz explanation"],
)
def test_text_outside_the_subset_is_refused_by_check_or_printed(tmp_path, file, old, new):
    root = tmp_path / "course"
    shutil.copytree(FIXTURE_SITE, root, ignore=shutil.ignore_patterns("site", "docs"))
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    try:
        content = load_content(root)
    except ContentError:
        return  # `check` refused it, with a message that names the file and line: fine
    build(content, None)


# --- injection through the real template ------------------------------------------------------

# (where, what the author wrote in the YAML, what the reader must see)
INJECTED = [
    ("title", 'Brackets ] [ and #import "x" in a title', 'Brackets ] [ and #import "x" in a title'),
    (
        "why",
        '#sys.inputs, #read("/etc/passwd") and #upper("executed")',
        '#sys.inputs, #read("/etc/passwd") and #upper("executed")',
    ),
    (
        "objective",
        r"Explain why $x$ and \<label\> and @ref stay text.",
        "Explain why $x$ and <label> and @ref stay text.",
    ),
    (
        "objective",
        r"Apply a \ backslash, u{41} and \u{41} as written.",
        r"Apply a \ backslash, u{41} and \u{41} as written.",
    ),
    ("heading", "Comments // and /* */ are not comments", "Comments // and /* */ are not comments"),
    (
        "body",
        "A // line comment and a /* block */ comment stay text.",
        "A // line comment and a /* block */ comment stay text.",
    ),
    ("body", "So do 2 * 3 * 4 and snake_case_name.", "So do 2 * 3 * 4 and snake_case_name."),
    ("body", "= not a heading", "= not a heading"),
    ("body", r"\- not a list item", "- not a list item"),
    ("body", '3. third step with `#eval("1 + 1")`', '3. third step with #eval("1 + 1")'),
    ("body", "4. fourth step", "4. fourth step"),
    ("body", "- nested ] item", "• nested ] item"),
    ("body", "> A quoted #strong[not bold] line.", "A quoted #strong[not bold] line."),
    ("table", "| Syntax | Shown as |", "Syntax Shown as"),
    ("table", "| `$x$` | $y$ stays |", "$x$ $y$ stays"),
    ("table", "| #sys.inputs | [a link](https://example.org/table) |", "#sys.inputs a link"),
    ("heading", "Labels @label and references @ref", "Labels @label and references @ref"),
    ("body", r"Ask @ref or mail a@example.org. A \<label\> stays.", "Ask @ref or mail a@example.org. A <label> stays."),
    (
        "body",
        "Quotes 'single' and \"double\", dashes -- --- and dots ... and a ~ tilde.",
        "Quotes 'single' and \"double\", dashes -- --- and dots ... and a ~ tilde.",
    ),
    ("case title", "The case of ] and [", "Case study: The case of ] and ["),
    ("case when", "Spring 2001 #datetime", "When: Spring 2001 #datetime"),
    ("case", 'Something #panic("happened").', 'Something #panic("happened").'),
    ("case", "MPs wrote = at the start of a line.", "MPs wrote = at the start of a line."),
    ("case", r"A \ is a backslash.", r"A \ is a backslash."),
    ("case", "It did not settle $everything$.", "It did not settle $everything$."),
    (
        "case sources",
        'A source with #link("https://evil.example") inside',
        'Sources: A source with #link("https://evil.example") inside',
    ),
    ("action", "Write #let x = 1 on the board.", "• Write #let x = 1 on the board."),
    ("takeaway", "A takeaway with **bold #strong[x]** and *em ]*.", "• A takeaway with bold #strong[x] and em ]."),
    (
        "reference",
        'A source with #link("https://evil.example") inside. Publisher // ltd, 2020.',
        '1. A source with #link("https://evil.example") inside. Publisher // ltd, 2020. https://example.org/source',
    ),
]
NOTES = [
    ("timing", "15 minutes, #pagebreak() not run", "Timing: 15 minutes, #pagebreak() not run"),
    ("prompt", "Why does #sys.inputs show as text?", "• Why does #sys.inputs show as text?"),
    ("poll", "Is $1 + 1$ maths here?", "Live poll: Is $1 + 1$ maths here?"),
]
WORKSHEET = [
    "Worksheet: Self-check #sys.inputs ]",
    "Question 1. Which shows #sys.inputs as text?",
    'The handout #upper("executed")',
    "Nothing ]",
    "Question 2. Which are Typst syntax: $x$, <l>, @r?",
    "$x$ math",
    "<l> label",
    "Question 3. A \\ backslash starts an escape.",
    "Question 4. Order the // comments.",
    "Question 5. Match the #keywords.",
    "1. #let",
    "2. #import",
]
ANSWERS = [
    "Answer key: Self-check #sys.inputs ]",
    'Question 1. The handout #upper("executed")',
    'Why: Every character is escaped: #read("/etc/passwd") stays text.',
    "Question 2. $x$ math; <l> label",
    "Why: Both $x$ and <l> would be syntax if not escaped.",
    "Question 3. True",
    "Question 4. first // one → second /* two */ → third ] three",
    "Why: They stay in the order /* written */.",
    "Why: Keywords start with #.",
]
GLOSSARY = [
    "Glossary",
    "comment Text after // or between /* and */ that Typst would drop: $x$ @label.",
    'tilde The ~ character, which Typst reads as a non-breaking space: #upper("executed").',
]


@pytest.fixture(scope="module")
def injected() -> dict[str, Pdf]:
    handouts = build(load_content(INJECTION), None)
    return {name: Pdf(name, handout.pdf) for name, handout in handouts.items()}


def test_injection_fixture_is_content_that_check_accepts():
    """So these are things an author may really write, not inputs the build never sees."""
    content = load_content(INJECTION)
    module_file = squeeze((INJECTION / "modules" / "injection.yml").read_text(encoding="utf-8"))
    for _, written, _ in INJECTED + NOTES:
        assert squeeze(written.split(". Publisher")[0]) in module_file, written
    assert content.glossary is not None


@pytest.mark.parametrize("name", ["injection.pdf", "workbook.pdf", "trainer-edition.pdf"])
def test_typst_syntax_in_author_text_prints_as_written(injected, name):
    pdf = injected[name]
    missing = in_order(pdf.text, [shown for _, _, shown in INJECTED])
    assert missing == [], f"{name}: text not printed as written, in order"
    assert "EXECUTED" not in pdf.text and "root:" not in pdf.text, "author code ran"


@pytest.mark.parametrize("name", ["injection.pdf", "workbook.pdf", "trainer-edition.pdf"])
def test_author_text_adds_no_links_headings_or_structure(injected, name):
    pdf = injected[name]
    assert sorted(set(pdf.uris())) == [
        "https://example.org/course/quizzes/injection-check/", "https://example.org/source", "https://example.org/table",
    ]  # fmt: skip
    bookmarks = []

    def walk(items):
        for item in items:
            walk(item) if isinstance(item, list) else bookmarks.append(item["/Title"])

    walk(pdf.reader.outline)
    assert "not a heading" not in " ".join(bookmarks)
    assert [b for b in bookmarks if "Comments" in b or "Labels" in b] == [
        "Comments // and /* */ are not comments", "Labels @label and references @ref",
    ]  # fmt: skip
    tags = pdf.tags()
    assert tags.count("/Table") == 1 and tags.count("/TH") == 2, "the table lost its header row"
    assert "/Formula" not in tags, "author text became maths"


def test_injected_title_is_the_documents_title(injected):
    assert injected["injection.pdf"].reader.metadata.title == 'Brackets ] [ and #import "x" in a title'


def test_injected_notes_worksheets_keys_and_glossary_print_as_written(injected):
    trainer, workbook, handout = injected["trainer-edition.pdf"], injected["workbook.pdf"], injected["injection.pdf"]
    assert in_order(trainer.text, [shown for _, _, shown in NOTES]) == []
    assert in_order(trainer.text, GLOSSARY + WORKSHEET + ANSWERS) == []
    assert in_order(workbook.text, GLOSSARY + WORKSHEET) == []
    for _, _, shown in NOTES:
        assert shown not in workbook.text and shown not in handout.text
    assert "Answer key" not in workbook.text
    assert "Glossary" not in handout.text, "a module handout has no glossary"


# --- the command line ---------------------------------------------------------------------------


def test_cli_handouts_writes_the_learners_pdfs_and_exits_0(tmp_path):
    root = tmp_path / "site"  # a copy: the command keeps its cache in <root>/.cache/handouts
    shutil.copytree(FIXTURE_SITE, root, ignore=shutil.ignore_patterns("site", "site-offline", ".cache"))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "build_tools", "--root", str(root), "handouts", "--out", str(out)]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    seconds = time.perf_counter() - start
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(LEARNER_NAMES)
    for name in LEARNER_NAMES:
        pdf = Pdf(name, (out / name).read_bytes())
        assert len(pdf.reader.pages) > 0 and "/StructTreeRoot" in pdf.pike.Root
        assert re.search(rf"^{re.escape(name)}\s+\d+ KB\s+rendered in", result.stdout, re.M), result.stdout
    assert seconds < 120

    again = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert again.returncode == 0
    assert again.stdout.count("unchanged") == len(LEARNER_NAMES), again.stdout

    letter = subprocess.run(
        [*command, "--paper", "letter", "--site-url", SITE_URL], capture_output=True, text=True, timeout=300,
        cwd=tmp_path,
    )  # fmt: skip
    assert letter.returncode == 0, letter.stdout + letter.stderr
    pdf = Pdf("sample.pdf", (out / "sample.pdf").read_bytes())
    assert tuple(round(float(v), 2) for v in pdf.reader.pages[0].mediabox.upper_right) == LETTER
    assert f"{SITE_URL}/quizzes/sample-check/" in pdf.uris()


def test_cli_handouts_without_site_url_links_relative_to_the_downloads_folder(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, root, ignore=shutil.ignore_patterns("site", "site-offline", ".cache"))
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(root), "handouts", "--out", str(out)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0
    pdf = Pdf("sample.pdf", (out / "sample.pdf").read_bytes())
    assert "../quizzes/sample-check/" in pdf.uris()
    alts = [str(e.get("/Alt")) for e in pdf.structure() if e.S == "/Figure"]
    assert T["qr_alt"] not in alts, "a QR code of a relative address"


def test_the_site_and_the_offline_edition_share_the_cache_without_evicting_each_other(tmp_path, content):
    cache = tmp_path / "cache"
    build(content, cache, directory_urls=True)
    build(content, cache, directory_urls=False)
    again = build(content, cache, directory_urls=True)
    assert all(h.cached for h in again.values()), {n: h.cached for n, h in again.items()}


# --- where a handout sends its reader ------------------------------------------------------------


@pytest.mark.parametrize(
    "given, printed",
    [
        ("http://127.0.0.1:8000/", ""),  # what `mkdocs serve` sets
        ("http://localhost:8000/course/", ""),
        ("http://[::1]:8000/", ""),
        ("http://127.5.0.1/", ""),
        ("http://0.0.0.0:8000/", ""),
        ("", ""),
        (None, ""),
        ("https://example.org/course/", "https://example.org/course/"),
        ("http://192.168.1.20:8000/", "http://192.168.1.20:8000/"),  # a laptop on the room's network
    ],
)
def test_a_handout_never_prints_this_computers_own_address(given, printed):
    assert public_address(given) == printed


def test_offline_handouts_name_the_quiz_file_on_the_usb_stick(content, tmp_path):
    handouts = build_handouts(content, HandoutOptions(site_url=SITE_URL, offline=True), cache=tmp_path)
    pdf = Pdf("sample.pdf", next(h.pdf for h in handouts if h.name == "sample.pdf"))
    assert "mediation-course/quizzes/sample-check.html" in pdf.compact
    assert T["quiz_text_offline"].split(":")[0] in pdf.text
    assert T["quizzes_offline"] in pdf.text and "online" not in pdf.text, "an offline handout says online"
    assert "../quizzes/sample-check.html" in pdf.uris()
    assert f"{SITE_URL}/quizzes" not in pdf.compact and not [u for u in pdf.uris() if u.startswith(SITE_URL)]
    alts = [str(e.get("/Alt")) for e in pdf.structure() if e.S == "/Figure"]
    assert T["qr_alt"] not in alts, "a QR code in the offline edition"


def test_worksheets_tell_one_answer_from_all_that_apply(pdfs, content):
    workbook = pdfs["workbook.pdf"]
    quiz = content.quizzes["sample-check"]
    for question in quiz.questions:
        if question.type not in ("single", "multiple"):
            continue
        marker, words = ("☐", T["choose_all"]) if question.type == "multiple" else ("○", T["choose_one"])
        printed = [f"{marker} {option.text}" for option in presented_options(quiz, question)]
        assert in_order(workbook.text, [question.prompt, words, *printed]) == [], question.id


def test_worksheets_of_the_course_keep_no_web_wording(tmp_path):
    course = load_content(ROOT)
    [workbook] = [h for h in build_handouts(course, HandoutOptions(), cache=tmp_path) if h.name == "workbook.pdf"]
    text = Pdf("workbook.pdf", workbook.pdf).text
    worksheets = text.split(T["worksheet"] + ":", 1)[1]
    for web in ("When you submit", "this device", "print the page", "comes with feedback"):
        assert web not in worksheets, web
    for quiz in course.quizzes.values():
        if quiz.worksheet_introduction:
            assert " ".join(quiz.worksheet_introduction.split()) in worksheets, quiz.id


def test_cli_trainer_writes_only_the_trainer_edition_beside_the_site(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(FIXTURE_SITE, root, ignore=shutil.ignore_patterns("site", "site-offline", ".cache"))
    command = [sys.executable, "-m", "build_tools", "--root", str(root), "trainer"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    written = root / "dist" / "trainer"
    assert sorted(p.name for p in written.iterdir()) == ["trainer-edition.pdf"]
    assert T["answer_key"] in Pdf("trainer-edition.pdf", (written / "trainer-edition.pdf").read_bytes()).text
    assert not (root / "site").exists(), "the trainer edition went into the site"


# --- large courses: volumes, and rendering in child processes ---------------------------------------


def course_of(modules: int, tmp_path: Path) -> Content:
    """The fixture site grown to `modules` modules (the sample module under new ids)."""
    root = Path(shutil.copytree(FIXTURE_SITE, tmp_path / "site", ignore=shutil.ignore_patterns("site")))
    text = (root / "modules" / "sample.yml").read_text(encoding="utf-8")
    for number in range(2, modules + 1):
        copy = text.replace("id: sample\n", f"id: copy-{number}\n").replace("number: 1\n", f"number: {number}\n")
        copy = copy.replace("id: sample-", f"id: copy-{number}-").replace("quizzes: [sample-check]\n", "")
        (root / "modules" / f"copy-{number}.yml").write_text(copy, encoding="utf-8")
    return load_content(root)


def test_a_course_of_twelve_modules_has_one_workbook(tmp_path):
    names = [d.name for d in all_documents(course_of(12, tmp_path), HandoutOptions(), "all")]
    assert names[-2:] == ["workbook.pdf", "trainer-edition.pdf"]


def test_a_larger_course_gets_volumes_of_eight_modules(tmp_path):
    content = course_of(13, tmp_path)
    documents = {d.name: d for d in all_documents(content, HandoutOptions(), "all")}
    volumes = [name for name in documents if name.startswith("workbook")]
    assert volumes == ["workbook-1.pdf", "workbook-2.pdf"]
    assert [name for name in documents if name.startswith("trainer")] == [
        "trainer-edition-1.pdf",
        "trainer-edition-2.pdf",
    ]
    first, second = documents["workbook-1.pdf"].data, documents["workbook-2.pdf"].data
    assert [m["number"] for m in first["modules"]] == list(range(1, 9))
    assert [m["number"] for m in second["modules"]] == list(range(9, 14))
    assert first["subtitle"].endswith("Volume 1 of 2: modules 1 to 8")
    assert second["subtitle"].endswith("Volume 2 of 2: modules 9 to 13")
    course_wide = {q.id for q in content.other_quizzes()}
    assert course_wide and not course_wide & {q["id"] for q in first["quizzes"]}
    assert course_wide <= {q["id"] for q in second["quizzes"]}, "the assessments go in the last volume"
    assert "sample-check" in {q["id"] for q in first["quizzes"]}
    assert first["glossary"] == second["glossary"]


def test_a_handout_rendered_in_a_child_process_is_the_one_rendered_here(content):
    document = next(d for d in all_documents(content, HandoutOptions(), "learner") if d.name == "workbook.pdf")
    here, there = (
        pypdf.PdfReader(io.BytesIO(render(document))),
        pypdf.PdfReader(io.BytesIO(_render_in_child([document])[0])),
    )
    assert len(here.pages) == len(there.pages) > 1
    assert [p.extract_text() for p in here.pages] == [p.extract_text() for p in there.pages]


def test_a_typst_failure_in_a_child_process_names_the_document(content):
    document = next(d for d in all_documents(content, HandoutOptions(), "learner") if d.name == "workbook.pdf")
    broken = Document("workbook.pdf", {**document.data, "modules": "not a list"})
    with pytest.raises(HandoutError, match="workbook.pdf: Typst could not render it"):
        _render_in_child([broken])


def test_the_downloads_page_lists_each_volume_of_the_workbook(content):
    sizes = {"sample.pdf": 2048, "workbook-1.pdf": 4096, "workbook-2.pdf": 4096, "workbook-10.pdf": 4096}
    page = Renderer(content, downloads=sizes).downloads_page()
    listed = re.findall(r"\]\((workbook[^)]*)\)", page)
    assert listed == ["workbook-1.pdf", "workbook-2.pdf", "workbook-10.pdf"]
    assert "(volume 2)" in page


# --- the trainer edition's answer keys -----------------------------------------------------------


def _pages_text(pdf: bytes, folder: Path) -> list[str]:
    """Each page's text as pdftotext lays it out."""
    path = folder / "trainer.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_trainer_edition_has_no_key_heading_without_a_key_and_none_alone_at_a_page_foot(tmp_path, language):
    from build_tools.handouts.documents import workbook_volumes
    from build_tools.i18n import translate_content

    course = load_content(ROOT)
    if language != "en":
        course, _ = translate_content(course, ROOT, language, strict=True)
    first = course.modules[0]
    keep = set(first.quizzes) | {"action-plan", "capacity-survey"}
    course = replace(course, modules=(first,), quizzes={k: q for k, q in course.quizzes.items() if k in keep})
    options = HandoutOptions(language=language, strings_root=ROOT)
    [document] = workbook_volumes(course, options, trainer=True)
    keyless = [q["title"] for q in document.data["quizzes"] if all(x["key"] is None for x in q["questions"])]
    assert len(keyless) == 2, "the action plan and the survey have no graded question"
    heading = load_strings(language, ROOT)["handout"]["answer_key"]
    pages = _pages_text(render(document), tmp_path)
    text = " ".join(" ".join(pages).split())
    assert text.count(heading) == len(document.data["quizzes"]) - 2
    for title in keyless:
        assert f"{heading} : {title}" not in text and f"{heading}: {title}" not in text, title
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        body = lines[:-1]  # the last line is the page number
        assert body and heading not in body[-1], f"page {number} ends with the heading {body[-1]!r}"


@pytest.mark.parametrize(("language", "online"), [("en", "online"), ("fr", "en ligne")])
def test_the_offline_handouts_quiz_heading_does_not_say_online_and_the_online_ones_does(tmp_path, language, online):
    from build_tools.i18n import translate_content

    course = load_content(ROOT)
    if language != "en":
        course, _ = translate_content(course, ROOT, language, strict=True)
    module = course.modules[0]
    strings = load_strings(language, ROOT)["handout"]
    for offline in (True, False):
        options = HandoutOptions(language=language, strings_root=ROOT, offline=offline, site_url=SITE_URL)
        text = " ".join(Pdf("m.pdf", render(module_handout(course, module, options))).text.split())
        heading = strings["quizzes_offline" if offline else "quizzes"]
        assert heading in text, (offline, heading)
        assert (online in heading) is not offline
        if offline:
            assert strings["quizzes"] not in text, "the offline edition's handout says online"
