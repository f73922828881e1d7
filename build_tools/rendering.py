"""Renders the content model into page sources (Markdown with HTML where forms need it).

One Jinja2 environment, templates in `templates/`, autoescape on. Author text reaches a page one
way only (safe_html.py): plain text is escaped for where it goes (`plain` in Markdown, `meta_text`
in front matter); author Markdown is rendered here to sanitised HTML. In a Markdown page, that HTML
is held back as a *fragment*: the page source carries only an unguessable placeholder word, and
`fill` puts the HTML in after mkdocs' Markdown has run, so Python-Markdown (with attr_list,
md_in_html and abbr) never reads author text as Markdown or HTML.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from pathlib import Path
from urllib.parse import quote

import jinja2
import yaml
from babel.numbers import format_decimal
from markupsafe import Markup

from .citations import after_title, title_parts
from .exports.trainer_downloads import SCORM_KINDS, lms_downloads
from .loader import Content
from .model import GRADED_TYPES, Module, Question, Quiz
from .presentation import numbered_questions, presented_options
from .report import reading_minutes
from .safe_html import (
    GlossaryTerms,
    escape_meta,
    escape_title,
    markdown_to_text,
    plain_in_markdown,
    render_markdown,
    tooltip_text,
)

TEMPLATES = Path(__file__).parent / "templates"
STRINGS = Path(__file__).parent / "strings"


PROGRESS_URI = "progress.md"
GLOSSARY_URI = "glossary.md"
DOWNLOADS_URI = "downloads/index.md"
SESSION_PLAN_URI = "session-plan.md"
"""The session plan's page: in the trainer edition only."""


WORKBOOK = re.compile(r"workbook(?:-(\d+))?\.pdf")
"""The learner workbook's file name: `workbook.pdf`, or `workbook-2.pdf` for a volume of a large course."""


PROJECT_ROOT = Path(__file__).resolve().parent.parent
"""The project folder, where `translations/` is (the default for `load_strings`)."""


def load_strings(language: str = "en", root: Path | None = None) -> dict:
    """The interface strings of one language: page labels, and the quiz engine's under `engine`.

    English is `strings/en.yml`; another language is that table translated by
    `translations/<language>/strings.po` under `root` (the project folder by default), where a missing
    string stays English. Read again only when the PO file changes; callers must not change the table.
    """
    po = (root or PROJECT_ROOT) / "translations" / language / "strings.po"
    stamp = po.stat().st_mtime_ns if language != "en" and po.is_file() else 0
    return _strings_table(language, (root or PROJECT_ROOT).resolve(), stamp)


@lru_cache(maxsize=16)
def _strings_table(language: str, root: Path, stamp: int) -> dict:
    english = _english_strings()
    if language == "en" or not stamp:
        return english
    from .i18n.apply import translated_strings

    return translated_strings(english, root, language)


def _is_page_template(name: str) -> bool:
    """A page's template (`module.md.j2`); not a new module's scaffold or a handout's Typst."""
    return name.endswith(".j2") and "/" not in name


def compile_ahead(env: jinja2.Environment, chosen: Callable[[str], bool]) -> list[str]:
    """Compile each template of `env` whose name is `chosen` into the environment's bytecode cache,
    rendering none; one that does not compile (it needs a filter of a plugin not in use, such as
    the blog's `date`) is left to a build that uses it. The names compiled."""
    compiled = []
    for name in env.list_templates(filter_func=chosen):
        try:
            env.get_template(name)
        except jinja2.TemplateError:
            continue
        compiled.append(name)
    return compiled


def template_cache(folder: Path) -> jinja2.BytecodeCache:
    """Jinja's cache of compiled templates in `folder`: a template is compiled once, and again only
    when its text (or Jinja or Python) changes, which Jinja checks itself on every load."""
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))


@lru_cache(maxsize=1)
def _english_strings() -> dict:
    """strings/en.yml, read once (with libyaml when PyYAML has it: this file is ours, not an author's)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load((STRINGS / "en.yml").read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader


def module_uri(module_id: str) -> str:
    """Where a module's generated page lives in the docs tree."""
    return f"modules/{module_id}.md"


def quiz_uri(quiz_id: str) -> str:
    return f"quizzes/{quiz_id}.md"


def question_fingerprint(question: Question) -> str:
    """A short hash of what the learner answers: saved answers are dropped when it changes.

    A translated question gives its English source's fingerprint, so that a learner's answers stay
    when they switch language (and still reset when the English changes).
    """
    if question._source_fingerprint:
        return question._source_fingerprint
    answered = question.model_dump(include={"type", "prompt", "options", "items", "pairs", "answer", "scale"})
    for option in answered.get("options", []):
        option.pop("feedback", None)
    canonical = json.dumps(answered, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:8]


def shuffled(items: list, salt: str) -> list:
    """A stable order that differs from the authored one (which is the answer)."""
    order = sorted(items, key=lambda item: hashlib.sha256(f"{salt}:{item.id}".encode()).hexdigest())
    return order[1:] + order[:1] if order == list(items) else order


def quiz_data(quiz: Quiz) -> list[dict]:
    """What the quiz engine needs beyond the form: answer keys and fingerprints, keyed by id."""
    return [_question_data(q) for q in quiz.questions]


def _question_data(q: Question) -> dict:
    data = {"id": q.id, "type": q.type, "fingerprint": question_fingerprint(q), "objectives": q.objectives}
    if q.type in ("single", "multiple", "true-false"):
        data["answer"] = q.answer
    if q.type == "multiple":
        data["scoring"] = q.scoring
    if q.type == "ordering":
        data["answer"] = [item.id for item in q.items]
    if q.type == "matching":
        data["answer"] = {pair.id: pair.id for pair in q.pairs}
    if q.type == "likert":
        data.update(scale=q.scale, about=q.about)
    if q.type == "poll":
        data["multiple"] = q.multiple
    return data


def human_size(size: int, strings: dict | None = None, language: str = "en") -> str:
    """`123 KB`, `1.2 MB` (`1,2 Mo` in French): sizes as a reader on a slow connection wants to see them."""
    strings = strings or load_strings("en")
    if size >= 1024 * 1024:
        megabytes = format_decimal(round(size / (1024 * 1024), 1), format="0.0", locale=language)
        return strings["size_mb"].format(size=megabytes)
    return strings["size_kb"].format(size=max(1, round(size / 1024)))


@dataclass
class Renderer:
    """Renders pages for one content model.

    Attributes:
        content: the validated content.
        directory_urls: whether pages are served as `page/` (True) or `page.html` (False), which
            decides the links written inside HTML blocks, where mkdocs does not rewrite them.
        language: the language of the interface strings.
    """

    content: Content
    directory_urls: bool = True
    language: str = "en"
    strings_root: Path | None = None
    """The project folder whose translations/ hold the interface strings (default: this project)."""
    downloads: dict[str, int] = field(default_factory=dict)
    """Files offered under downloads/ (a module's PDF is `<id>.pdf`) and their sizes in bytes."""
    edition: str = "learner"
    """`trainer` adds the facilitator notes to module pages and the answer keys to quiz pages."""
    nonce: str = field(default_factory=lambda: secrets.token_hex(8))
    """Part of every fragment placeholder, so that no author text can spell one."""
    fragments: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    templates_cache: Path | None = None
    """A folder to keep the compiled templates in between builds (see `template_cache`)."""

    def compile_templates(self) -> list[str]:
        """Compile every page template into `templates_cache` without rendering any: what install
        does (see precompile.py), so that a first build loads them. The names compiled."""
        return compile_ahead(self.env, _is_page_template)

    @cached_property
    def env(self) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATES),
            bytecode_cache=template_cache(self.templates_cache) if self.templates_cache else None,
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        env.filters.update(
            markdown=self.markdown_fragment,
            markdown_inline=lambda text: self.markdown_fragment(text, inline=True),
            markdown_item=lambda text: self.markdown_fragment(text, item=True),
            html_block=self.html_fragment,
            md_inline=lambda text: render_markdown(text, inline=True),
            md_block=render_markdown,
            plain=plain_in_markdown,
            meta_text=lambda text: _yaml_text(escape_meta(text)),
            title_text=lambda text: _yaml_text(escape_title(text)),
            meta_markdown=lambda text: _yaml_text(escape_meta(markdown_to_text(text))),
            yaml_text=_yaml_text,
            link=_autolink,
            indent_md=_indent,
            fmt=_fill_in,
            after_title=after_title,
        )
        env.globals.update(
            t=self.strings,
            module_uri=module_uri,
            quiz_uri=quiz_uri,
            fingerprint=question_fingerprint,
            shuffled=shuffled,
            presented=presented_options,
            numbered=numbered_questions,
            is_graded=lambda q: isinstance(q, GRADED_TYPES),
            section_href=self.section_href,
            quiz_data=quiz_data,
            size=lambda size: human_size(size, self.strings, self.language),
            downloads=self.downloads,
            anchor=lambda id: Markup("{#" + id + "}"),
            reading_time=self.reading_time,
            trainer=self.edition == "trainer",
            title_parts=lambda reference: title_parts(reference, self.language),
        )
        return env

    @cached_property
    def glossary_terms(self) -> GlossaryTerms:
        """Every form of every glossary term, with its definition."""
        if not self.content.glossary:
            return GlossaryTerms()
        return GlossaryTerms({form: t.definition for t in self.content.glossary.terms for form in [t.term, *t.forms]})

    def markdown_fragment(self, text: str, inline: bool = False, item: bool = False) -> Markup:
        """Author Markdown rendered to sanitised HTML, held back; returns the placeholder for the page.

        The placeholder is one word of letters and digits, which Markdown leaves as it is. A block
        placeholder stands alone in its paragraph; `fill` replaces that whole `<p>`.

        Args:
            inline: one line of text (an objective): no block syntax.
            item: the text of a list item: a single paragraph loses its `<p>`, as in a tight list.
        """
        key = f"authortext{self.nonce}x{len(self.fragments)}x"
        rendered = str(render_markdown(text, inline=inline, glossary=self.glossary_terms))
        if item:
            rendered = _unwrap_paragraph(rendered)
        self.fragments[key] = rendered
        return Markup(key)

    def html_fragment(self, html: str) -> Markup:
        """A block of our own HTML (a quiz's form, a module's list of sources), held back like author
        text: Python-Markdown would pass it through unchanged, after parsing every tag of it."""
        key = f"authortext{self.nonce}x{len(self.fragments)}x"
        self.fragments[key] = html.strip("\n")
        return Markup(f"\n{key}\n")

    def fill(self, page_html: str) -> str:
        """Put the held-back HTML of author Markdown in place of its placeholders in a built page."""
        if self.nonce not in page_html:
            return page_html
        pattern = re.compile(rf"<p>(authortext{self.nonce}x\d+x)</p>|authortext{self.nonce}x\d+x")
        return pattern.sub(lambda m: self.fragments.get(m.group(1) or m.group(0), ""), page_html)

    @cached_property
    def strings(self) -> dict:
        return load_strings(self.language, self.strings_root)

    def reading_time(self, module: Module) -> str:
        """`13 minutes` (or `1 minute`), worked out from the module's words."""
        minutes = reading_minutes(module)
        return f"{minutes} {self.strings['minute' if minutes == 1 else 'minutes']}"

    def module_page(self, module: Module) -> str:
        return self.env.get_template("module.md.j2").render(module=module, quizzes=self.content.quizzes_of(module))

    def quiz_page(self, quiz: Quiz) -> str:
        modules = [m.id for m in self.content.modules if quiz.id in m.quizzes]
        next_module = self.next_module(modules[0]) if modules else None
        if next_module:
            next_href = self.page_root(2) + self.page_href("modules", next_module.id)
        else:
            next_href = self.page_root(2) + ("progress/" if self.directory_urls else "progress.html")
        return self.env.get_template("quiz.md.j2").render(
            quiz=quiz, modules=modules, next_module=next_module, next_href=next_href
        )

    def next_module(self, module_id: str) -> Module | None:
        """The module after this one in teaching order, or None after the last."""
        ids = [m.id for m in self.content.modules]
        position = ids.index(module_id) + 1
        return self.content.modules[position] if position < len(ids) else None

    def progress_page(self) -> str:
        """The learner's progress page: a catalogue of modules and quizzes for the script to fill in."""
        return self.env.get_template("progress.md.j2").render(catalogue=self.catalogue(), root=self.page_root(1))

    def downloads_page(self) -> str:
        """The list of handouts (and the offline edition) with their sizes; in the trainer edition,
        the trainers' files too, and the exports for learning platforms with how to import each."""
        page = self.env.get_template("downloads.md.j2")
        lms = lms_downloads(self.downloads) if self.edition == "trainer" else []
        scorm_left_out = not any(kind in SCORM_KINDS for kind, _ in lms)  # a quick preview makes none
        return page.render(
            modules=self.content.modules,
            module_pdfs={name.removesuffix(".pdf") for name in self.downloads},
            workbooks=self._workbooks(),
            lms=lms,
            scorm_left_out=scorm_left_out,
        )

    def _workbooks(self) -> list[tuple[str, int | None]]:
        """(file name, volume number or None) of the workbook's PDFs, in order."""
        found = [(name, WORKBOOK.fullmatch(name)) for name in self.downloads]
        volumes = [(name, int(match.group(1)) if match.group(1) else None) for name, match in found if match]
        return sorted(volumes, key=lambda item: item[1] or 0)

    def session_plan_page(self, plan, guide: str | None = None) -> str:
        """The trainer edition's session plan (a `courses.session_plan.SessionPlan`) as a page.

        Args:
            guide: the address of the guide for trainers from the site's root, for the link to the
                rule that fits the plan; None when the site has no such page.
        """
        return self.env.get_template("session_plan.md.j2").render(
            plan=plan, guide=guide, root=self.page_root(1), plan_href=self.page_href
        )

    def glossary_page(self) -> str:
        """The glossary as a definition list, terms in alphabetical order."""
        terms = sorted(self.content.glossary.terms, key=lambda term: term.term.casefold())
        return self.env.get_template("glossary.md.j2").render(terms=terms, module_title=self._module_title)

    def abbreviation_titles(self) -> dict[str, str]:
        """Every form of every glossary term with its tooltip, for Python-Markdown's `abbr` extension
        (its `glossary` setting): each term on every page becomes a tooltip."""
        titles: dict[str, str] = {}
        for term in self.content.glossary.terms if self.content.glossary else ():
            # Python-Markdown copies character references into the title as they are: escape once more.
            definition = tooltip_text(term.definition).replace("&", "&amp;")
            titles.update({form: definition for form in [term.term, *term.forms]})
        return titles

    def abbreviations(self) -> str:
        """The same as Markdown abbreviation lines (`*[term]: definition`), as a plain Material site
        appends them to every page (Material's documented glossary: a snippet auto-appended). The
        build gives `abbreviation_titles` to the extension instead: Python-Markdown parses appended
        lines one per pass over what is left of them, every block test again each time."""
        titles = self.abbreviation_titles()
        lines = [f"*[{form}]: {title}" for form, title in titles.items()]
        return "\n\n" + "\n".join(lines) + "\n" if lines else ""

    def _module_title(self, module_id: str) -> str | None:
        module = self.content.module_by_id(module_id)
        return module.title if module else None

    def catalogue(self) -> dict:
        """What the progress page needs to know of the course, with links relative to that page."""
        root = self.page_root(1)
        about = {
            q.about for quiz in self.content.quizzes.values() for q in quiz.questions if q.type == "likert" and q.about
        }
        return {
            "modules": [
                {
                    "id": m.id,
                    "number": m.number,
                    "title": m.title,
                    "href": root + self.page_href("modules", m.id),
                    "quizzes": m.quizzes,
                    "objectives": [{"id": o.id, "text": o.text, "key": o.key} for o in m.objectives],
                }
                for m in self.content.modules
            ],
            "quizzes": [
                {
                    "id": quiz.id,
                    "title": quiz.title,
                    "kind": quiz.kind,
                    "href": root + self.page_href("quizzes", quiz.id),
                    "questions": [
                        dict(_question_data(q), prompt=q.prompt if q.id in about else None) for q in quiz.questions
                    ],
                }
                for quiz in self.content.quizzes.values()
            ],
        }

    def page_href(self, folder: str, page_id: str) -> str:
        return f"{folder}/{page_id}/" if self.directory_urls else f"{folder}/{page_id}.html"

    def page_root(self, depth: int) -> str:
        """The way back to the site root from a page `depth` folders down."""
        return "../" * depth if self.directory_urls else "../" * (depth - 1)

    def essentials_section(self, module_id: str, *, for_counting: bool = False) -> str:
        """The essentials page's part on a module that the page does not sum up (a trainer's local
        module): its title, summary and takeaways, and the link to go deeper (see courses.summaries).

        Args:
            for_counting: the takeaways as their author wrote them, to count the page's words (see
                courses.facts), rather than held back for `fill`.
        """
        module = self.content.module_by_id(module_id)
        text = str if for_counting else partial(self.markdown_fragment, item=True)
        return self.env.get_template("essentials_section.md.j2").render(module=module, text=text)

    def module_list(self) -> str:
        """The list of modules, their minutes and objectives, for the home page."""
        return self.env.get_template("module_list.md.j2").render(modules=self.content.modules)

    def section_href(self, link: str) -> tuple[str, str]:
        """A section link `module#section` as (href from a quiz page, heading of the section)."""
        module_id, section_id = link.split("#", 1)
        module = self.content.module_by_id(module_id)
        heading = next(s.heading for s in module.sections if s.id == section_id)
        return f"{self.page_root(2)}{self.page_href('modules', module_id)}#{section_id}", heading


EMAIL = re.compile(r"^[^@\s<>()\[\]:]+@[^@\s<>()\[\]]+\.[A-Za-z]{2,}$")
WEB_ADDRESS = re.compile(r"^https?://[^\s<>()\[\]]+$")


def contact_kind(contact: str) -> str | None:
    """`email` or `link` for an address readers can write to, None for anything else."""
    if EMAIL.match(contact):
        return "email"
    return "link" if WEB_ADDRESS.match(contact) else None


def contact_sentence(contact: str | None, language: str = "en", root: Path | None = None) -> str:
    """The About page's sentence on where to report an error (Markdown), from the `contact` setting."""
    strings = load_strings(language, root)
    kind = contact_kind(contact) if contact else None
    return strings[f"contact_{kind or 'none'}"].format(contact=contact)


def _unwrap_paragraph(rendered: str) -> str:
    inner = rendered.strip().removeprefix("<p>").removesuffix("</p>")
    return inner if rendered.strip() == f"<p>{inner}</p>" and "<p>" not in inner else rendered


def _autolink(url: str) -> Markup:
    """A checked http(s) address as a Markdown autolink; characters that could end it are %-encoded."""
    return Markup("<" + quote(url, safe=";/?:@&=+$,#%[]!*()~-_.") + ">")


def _yaml_text(text: str) -> Markup:
    return Markup(json.dumps(text, ensure_ascii=False))


def _fill_in(template: str, **values) -> Markup:
    """An interface string with its `{names}` filled in; values that are not Markup are escaped."""
    return Markup(template).format(**values)


def _indent(text: str, width: int = 4) -> Markup:
    """Indents Markdown so it sits inside an admonition block."""
    pad = " " * width
    return Markup("\n".join(pad + line if line.strip() else "" for line in str(text).splitlines()))
