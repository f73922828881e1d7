"""The mkdocs adapter: the only module that imports mkdocs.

It loads the content through the core, adds one generated page per module and quiz, builds the
navigation in module order, fills the home page's module list, and turns content problems into
one `PluginError` that mkdocs prints without a traceback, before anything is written to `site/`.

In the preview (`mkdocs serve`), content problems never stop the server: it goes on serving the
last content that had none, shows the problems at the top of every page and prints them on every
rebuild, until the files are fixed.
"""

from __future__ import annotations

import threading
import time
from contextvars import ContextVar
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.commands.build import build as build_site
from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import is_error_template
from mkdocs.utils.meta import get_data

from . import collector, memo
from .courses.branding import SiteSettings, session_in, site_settings, with_course_title
from .courses.facts import course_facts, fill_course_facts, placeholder_problems
from .courses.links import unlink, without_invitations
from .courses.load import COURSES, LoadedCourse, edition, handout_cache, load_course_content
from .courses.model import Course, Session
from .courses.session_plan import SessionPlan, plan_session
from .courses.summaries import follow_course
from .exports.course import DEFAULT_COURSE_ID
from .exports.scorm import PackageError
from .exports.trainer_downloads import LearnerBuild, is_current, learner_edition_downloads, question_banks
from .figure_checks import FIGURES
from .glossary_terms import GlossaryTermsExtension
from .handouts.build import HandoutError, build_handouts
from .handouts.documents import HandoutOptions, public_address
from .handouts.session_plan import NAME as SESSION_PLAN_PDF
from .handouts.session_plan import session_plan_pdf
from .i18n import html_with_untranslated, languages, translate_content, translate_page, without_marks
from .i18n.editions import (
    alternates,
    edition_languages,
    edition_site_url,
    error_page_base,
    folded_search_language,
    folder_of,
    is_translated,
    typeset_page,
)
from .loader import GLOSSARY, Content, load_content
from .minify import is_minifiable, minified
from .preview import NO_CONTENT, with_banner
from .problems import ContentError, Problem, display_path, format_report
from .rendering import (
    DOWNLOADS_URI,
    GLOSSARY_URI,
    PROGRESS_URI,
    SESSION_PLAN_URI,
    Renderer,
    compile_ahead,
    contact_kind,
    contact_sentence,
    load_strings,
    module_uri,
    quiz_uri,
    template_cache,
)
from .safe_html import escape_title

MEMO = Path(".cache") / "memo"
"""Where checked and rendered text is kept between builds, under the project's folder (see `memo`)."""
TEMPLATES = Path(".cache") / "templates"
"""Compiled templates: the theme's in `theme/`, the pages' in `pages/`. Not with the memo, which a change to
this project's code discards: Jinja checks each template's text itself (see `rendering.template_cache`)."""

MODULE_LIST_MARKER = "<!-- module-list -->"
SUMMARIES_PAGE = "essentials.md"
"""The hand-written page that sums up each module: it keeps the course's modules, with their numbers."""
CONTACT_MARKER = "<!-- contact -->"
# The generated pages use these Markdown extensions: admonitions, heading ids, tooltips, glossary.
REQUIRED_EXTENSIONS = ("admonition", "attr_list", "abbr", "def_list", "tables")
OFFLINE_SHIM = "assets/javascripts/iframe-worker-shim.js"
TRAINER_CSS = "assets/stylesheets/trainer.css"
TRAINER_GUIDE = "for-trainers.md"
THEME_DIR = Path(__file__).parent / "theme"
TRANSLATIONS = "translations"
SEARCH_PIPELINE = ("trimmer", "stopWordFilter", "stemmer")
SEARCH_SEPARATOR = r"[\s\-'’«»]+"
log = get_plugin_logger(__name__)


@dataclass(frozen=True)
class _EditionBuild:
    """What the first language's build tells the build of another language it starts."""

    language: str
    previewing: bool
    loaded: Content | LoadedCourse | None = None
    """The English content as the first language's build loaded and checked it: the other languages
    translate it instead of reading and checking the same files again."""


_OTHER_EDITION: ContextVar[_EditionBuild | None] = ContextVar("other_edition", default=None)


class _Switch(c.Type):
    """A true/false setting whose error says what else the author may have meant."""

    def __init__(self, hint: str, default: bool):
        super().__init__(bool, default=default)
        self.hint = hint

    def run_validation(self, value):
        try:
            return super().run_validation(value)
        except base.ValidationError:
            raise base.ValidationError(f"Expected true or false, but received: {value!r}. {self.hint}") from None


class _EditionChoice(c.Choice):
    """`learner` or `trainer`, whose error says where the languages are set: `edition` and
    `editions` differ by one letter."""

    HINT = (
        "`edition` chooses the learners' or the trainers' site; the languages are the course file's "
        "`languages:`, and `editions: false` builds only the first"
    )

    def run_validation(self, value):
        try:
            return super().run_validation(value)
        except base.ValidationError as error:
            raise base.ValidationError(f"{error}. {self.HINT}") from None


class MediationConfig(base.Config):
    content_dir = c.Optional(c.Dir(exists=True))
    """Folder holding `modules/` and `quizzes/`; defaults to the folder of mkdocs.yml."""
    nav_assessments_title = c.Type(str, default="Assessments")
    nav_intro = c.ListOfItems(c.Type(str), default=[])
    """Hand-written pages listed after the home page and before the modules, in this order."""
    handouts = c.Type(bool, default=True)
    """Render the PDF handouts into downloads/; switch off for the fastest previews."""
    handouts_paper = c.Choice(["a4", "letter"], default="a4")
    handouts_site_url = c.Optional(c.Type(str))
    """Address of the published site, for the quiz links and QR codes; defaults to site_url."""
    offline_zip = c.Optional(c.Type(str))
    """A zip of the offline edition to publish under downloads/, when the file exists."""
    contact = c.Optional(c.Type(str))
    """Where readers report errors, shown on a page holding `<!-- contact -->` (About): an e-mail
    address or a web address such as an issue tracker. Defaults to `repo_url`'s issues page."""
    edit_uri_content = c.Optional(c.Type(str))
    """Path under `repo_url` to the project root for "edit this page", e.g. `edit/main/`."""
    editions = _Switch(
        "`editions` builds the course's other languages too (true) or only the first (false); for the "
        "trainers' site, set `edition: trainer` or EDITION=trainer",
        default=True,
    )
    """Build the course's other languages too (its `languages`; without a course, English and those of
    translations/languages.yml), each into its folder (`fr/`) with the first at the root;
    `EDITIONS=false` builds only the first, for faster previews."""
    course = c.Optional(c.Type(str))
    """The course to build, `courses/<id>.yml` (`!ENV [COURSE, ipu-workshop]`); without it, all content."""
    edition = c.Optional(_EditionChoice(["learner", "trainer"]))
    """`trainer` builds the trainer edition: facilitator notes, answer keys, the session plan and its
    PDFs, every page marked noindex. mkdocs.yml reads it from EDITION (`make trainer` sets it);
    without it, the course file's `edition`."""


class MediationPlugin(BasePlugin[MediationConfig]):
    """Generates the course's pages from the YAML content."""

    def __init__(self):
        self.content: Content | None = None
        self.renderer: Renderer | None = None
        self.contact: str | None = None
        self.downloads: dict[str, bytes] = {}
        self.root = Path.cwd()
        self.previewing = False
        self.problems: list[Problem] = []
        self.language = "en"
        self.languages = ["en"]
        self.pages: dict[str, str] = {}
        """The hand-written pages of docs/ in this edition's language, by path."""
        self.facts: dict[str, str] = {}
        """The figures the hand-written pages state about the course (see courses/facts.py)."""
        self.course: Course | None = None
        self.left_out: set[str] = set()
        """Pages of the content that the course leaves out: links to them become plain text."""
        self.site: SiteSettings | None = None
        self.edition = "learner"
        """The edition being built (see courses.load.edition): the trainer edition's hook."""
        self.plan: SessionPlan | None = None
        """The session plan, in the trainer edition of a course that has a session."""
        self.later: list = []
        """Handouts to render once the pages are written (during `mkdocs serve`; see build_handouts)."""
        self.memo_loaded = False
        self.loaded: Content | LoadedCourse | None = None
        """The English content of this build, loaded and checked (see `_EditionBuild`)."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """`mkdocs serve` keeps this plugin between rebuilds, and with it the last good content."""
        self.previewing = command == "serve"

    @event_priority(50)  # before the search plugin's, which reads the edition's language and search settings
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and check all content first: a problem stops the build before `site/` is touched."""
        self.root = Path(self.config.content_dir or Path(config.config_file_path).parent)
        self.problems = []
        self.loaded = None
        other = self._other_edition()
        if other is None:  # a preview's rebuild: the last build's content is garbage now
            collector.release_earlier()
        if not self.memo_loaded:  # once: a preview keeps the results in memory between rebuilds
            with collector.long_lived():
                memo.load(self.root / MEMO)
            self.memo_loaded = True
        try:
            with collector.long_lived():  # the content stays loaded until the build ends
                loaded = self._load()
                self._choose_language(other)
                self.site = site_settings(self.root, self.course, self.language) if self.course else None
                self.content = self._translated(loaded, config)
            _check_placeholders(Path(config.docs_dir), self.root)
        except ContentError as error:
            self._choose_language(other)
            if not self.previewing:
                raise PluginError("Content problems:\n" + format_report(error.problems)) from None
            self._keep_previewing(error.problems)
        self.contact = self._contact(config)
        self.edition = edition(self.course, self.config.edition)
        if self.site:
            _apply_site_settings(config, self.site, previewing=self.previewing)
        session = self._session()
        self.plan = plan_session(self.content, session) if self.trainer and session else None
        _set_language(config, self.language, self.root, course_texts=self.site is not None)
        if self.trainer:
            _prepare_trainer(config, self.root)
        if len(self.languages) > 1:  # after the course's settings: its address is the first language's
            _set_edition(config, self.languages, self.language)
        if _offline_enabled(config):
            _prepare_offline(config)
        _add_theme_overrides(config, self.root)
        config.extra["quiz_course"] = {
            m.id: [q.id for q in self.content.quizzes_of(m) if q.kind == "self-check"] for m in self.content.modules
        }
        config.markdown_extensions += [e for e in REQUIRED_EXTENSIONS if e not in config.markdown_extensions]
        config.markdown_extensions.append(GlossaryTermsExtension())
        if config.nav is None:
            config.nav = self._navigation(config)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Render the handouts before mkdocs cleans `site/`: a failure leaves the last build intact.

        Runs after every plugin's on_config, once the offline plugin has set use_directory_urls.
        """
        self.downloads = self._downloads(config)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        downloads = self.downloads
        sizes = {uri.rsplit("/", 1)[-1]: len(data) for uri, data in downloads.items()}
        self.renderer = Renderer(
            self.content,
            directory_urls=config.use_directory_urls,
            downloads=sizes,
            edition=self.edition,
            language=self.language,
            strings_root=self.root,
            templates_cache=self.root / TEMPLATES / "pages",
        )
        # every glossary term of every page becomes a tooltip (see Renderer.abbreviation_titles)
        config.mdx_configs["abbr"] = {
            **config.mdx_configs.get("abbr", {}),
            "glossary": self.renderer.abbreviation_titles(),
        }
        self.facts = self._course_facts(config)
        _minify_own_assets(files, Path(config.docs_dir))
        for uri, data in downloads.items():
            files.append(File.generated(config, uri, content=data))
        if self.site and self.site.logo:
            files.append(File.generated(config, self.site.logo[0], content=self.site.logo[1]))
        if downloads:
            files.append(File.generated(config, DOWNLOADS_URI, content=self.renderer.downloads_page()))
        for module in self.content.modules:
            files.append(File.generated(config, module_uri(module.id), content=self.renderer.module_page(module)))
        for name, svg in self.content.figures.items():
            files.append(File.generated(config, f"{FIGURES}/{name}", content=svg))
        for quiz in self.content.quizzes.values():
            files.append(File.generated(config, quiz_uri(quiz.id), content=self.renderer.quiz_page(quiz)))
        if is_translated(self.language):
            _fold_accents_in_search(files, config, self.language)
        files.append(File.generated(config, PROGRESS_URI, content=self.renderer.progress_page()))
        if self.content.glossary:
            files.append(File.generated(config, GLOSSARY_URI, content=self.renderer.glossary_page()))
        if self.plan:
            guide = TRAINER_GUIDE if (Path(config.docs_dir) / TRAINER_GUIDE).is_file() else None
            page = self.renderer.session_plan_page(self.plan, guide)
            files.append(File.generated(config, SESSION_PLAN_URI, content=page))
        return files

    def _course_facts(self, config: MkDocsConfig) -> dict[str, str]:
        """The figures the hand-written pages state about this course, in this edition's language."""
        essentials = Path(config.docs_dir) / SUMMARIES_PAGE
        if is_translated(self.language):
            page = self.pages.get(SUMMARIES_PAGE, "")
        else:
            page = essentials.read_text(encoding="utf-8") if essentials.is_file() else ""
        page = get_data(page)[0]
        if self.course:
            counted = partial(self.renderer.essentials_section, for_counting=True)
            page = follow_course(page, {m.id: m.number for m in self.content.modules}, missing=counted)
        return course_facts(
            self.content,
            self.renderer.strings,
            language=self.language,
            languages=self.languages,
            essentials=page,
            subtitle=self.site.site_description if self.site and self.site.site_description else "",
        )

    @property
    def trainer(self) -> bool:
        return self.edition == "trainer"

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if is_translated(self.language) and not page.file.generated_by:
            markdown, meta = get_data(self.pages[page.file.src_uri])
            page.meta.update(meta)
        if self.course and page.file.src_uri == SUMMARIES_PAGE:
            numbers = {m.id: m.number for m in self.content.modules}
            markdown = follow_course(markdown, numbers, missing=self.renderer.essentials_section)
        if page.file.generated_by is None:  # figures of the course built: "nine modules", "about two hours"
            markdown = fill_course_facts(markdown, self.facts)
            page.meta.update({k: fill_course_facts(v, self.facts) for k, v in page.meta.items() if isinstance(v, str)})
        if self.left_out and page.file.generated_by is None:  # a hand-written page
            bases = [page.file.src_uri.rpartition("/")[0]]
            markdown = unlink(without_invitations(markdown, bases, self.left_out), bases, self.left_out)[0]
        if page.file.src_uri == "index.md":
            markdown = markdown.replace(MODULE_LIST_MARKER, self.renderer.module_list())
            if self.site:
                markdown = with_course_title(markdown, config.site_name)  # the course's, in this language
        if CONTACT_MARKER in markdown:
            if not self.contact:
                log.info(
                    "%s names no contact for error reports: set contact (an e-mail address or an issue "
                    "tracker's address) under the mediation plugin in mkdocs.yml.",
                    page.file.src_uri,
                )
            markdown = markdown.replace(
                CONTACT_MARKER, contact_sentence(self.contact, self.renderer.language, self.root)
            )
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Put the sanitised HTML of author Markdown in place of its placeholders (see rendering.py);
        English shown for a missing translation goes in a marked `<span lang="en">`."""
        html = html_with_untranslated(self.renderer.fill(html))
        return typeset_page(html, self.language) if is_translated(self.language) else html

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        """Point "edit this page" at the YAML a generated page comes from."""
        source = self._source_of(page)
        if source and config.repo_url and self.config.edit_uri_content:
            page.edit_url = urljoin(config.repo_url, self.config.edit_uri_content) + source
        return context

    def on_template_context(self, context, *, template_name: str, config: MkDocsConfig):
        """The error page of an edition in a folder (`fr/404.html`) leads to that edition's pages."""
        base_url = error_page_base(config.site_url, folder_of(self.languages, self.language))
        if base_url and is_error_template(template_name):
            context["base_url"] = base_url
        return context

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """Keep the theme's compiled templates: the other languages' builds and the next build load them
        instead of compiling Material's templates again (a changed template is compiled)."""
        env.bytecode_cache = template_cache(self.root / TEMPLATES / "theme")
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return with_banner(html_with_untranslated(output), self.problems)

    def _build_edition(self, config: MkDocsConfig, language: str) -> None:
        """One other language: the same configuration, built into `<site>/<language>/`."""
        token = _OTHER_EDITION.set(_EditionBuild(language, self.previewing, self.loaded))
        try:
            other = load_config(
                config.config_file_path,
                site_dir=str(Path(config.site_dir) / language),
                site_url=config.site_url,
                strict=config.strict,
            )
            build_site(other)
        finally:
            _OTHER_EDITION.reset(token)

    def _other_edition(self) -> str | None:
        """The language the first language's build asked this one for; None for the first's own build."""
        other = _OTHER_EDITION.get()
        if other is None:
            return None
        self.previewing = other.previewing
        return other.language

    def _choose_language(self, other: str | None) -> None:
        """The course's languages (see i18n.editions) and this build's: the first, or the one asked for."""
        listed = [language.code for language in languages(self.root)]
        self.languages = edition_languages(self.course.languages if self.course else None, listed)
        self.language = other or self.languages[0]

    def _translated(self, content: Content, config: MkDocsConfig) -> Content:
        """The content and the hand-written pages in this build's language; what is untranslated shows
        in English, marked, with a warning (the strict build refuses it: a problem of `translate_*`)."""
        if not is_translated(self.language):
            return content
        translated, problems = translate_content(content, self.root, self.language, strict=config.strict)
        docs = Path(config.docs_dir)
        for path in sorted(docs.rglob("*.md")):
            page, found = translate_page(self.root, path, self.language, strict=config.strict)
            self.pages[path.relative_to(docs).as_posix()] = page
            problems += found
        if any(problem.severity == "error" for problem in problems):
            raise ContentError(problems)
        if problems:
            log.warning(
                f"The {self.language} edition shows some English, marked on its pages:\n"
                + "\n".join(problem.as_text() for problem in problems)
            )
        return translated

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Keep this build's checked and rendered text for the next; during a preview, render the
        changed workbook after the pages are served, not before. The first language's build then
        builds each other language into its folder (`fr/`), and keeps what every language's build
        computed, once."""
        jobs, self.later = self.later, []
        if jobs:
            log.info("Handouts: the workbook is rendered in the background; the next rebuild serves it.")
            threading.Thread(target=_run_later, args=(jobs,), daemon=True).start()
        if _OTHER_EDITION.get() is not None:
            return
        try:
            for language in self.languages[1:] if self.config.editions else []:
                self._build_edition(config, language)
        finally:
            memo.save(self.root / MEMO)

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """Rebuild when a module, a quiz, a figure or the glossary changes, as for a page in docs/."""
        local = self.course.local_folder if self.course else None
        for folder in (
            "modules",
            "quizzes",
            FIGURES,
            COURSES,
            TRANSLATIONS,
            *((f"{local}/modules", f"{local}/quizzes") if local else ()),
        ):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        if (self.root / GLOSSARY).is_file():
            server.watch(str(self.root / GLOSSARY), recursive=False)
        return server

    def _load(self) -> Content:
        """The course's composed content, or all content when no course is set (in another language's
        build, what the first language's build loaded)."""
        other = _OTHER_EDITION.get()
        if other is not None and other.loaded is not None:
            self.loaded = other.loaded
        elif not self.config.course:
            self.loaded = load_content(self.root)
        else:
            self.loaded = load_course_content(self.root, self.config.course)
            for warning in self.loaded.warnings:  # shown, but they do not fail a strict build
                log.info(warning.as_text())
        if isinstance(self.loaded, Content):
            return self.loaded
        self.course, self.left_out = self.loaded.course, self.loaded.left_out
        return self.loaded.content

    def _session(self) -> Session | None:
        """The course's session, its breaks' labels in this edition's language; None without one."""
        if self.course is None:
            return None
        return session_in(self.course, self.language, load_strings(self.language, self.root)["trainer"]["plan_break"])

    def _keep_previewing(self, problems: list[Problem]) -> None:
        """Serve the last good content (none yet: no modules) with the problems on every page, and
        print them in full: each time, so that a second save with the same mistake says it again."""
        self.problems = problems
        self.content = self.content or NO_CONTENT
        shown = "the last content without problems" if self.content is not NO_CONTENT else "no modules or quizzes"
        log.error(
            f"Content problems at {time.strftime('%H:%M:%S')}; the preview shows {shown} until they are fixed:\n"
            + format_report(problems)
        )

    def _downloads(self, config: MkDocsConfig) -> dict[str, bytes]:
        """The PDF handouts (from the cache when unchanged) and the offline edition's zip."""
        found: dict[str, bytes] = {}
        if self.config.handouts:
            options = self._handout_options(config)
            try:
                cache = handout_cache(self.root, self.course)  # one folder per language in it (options.variant)
                later = self.later if self.previewing else None
                # the learners' edition holds no keys; the trainer edition adds its own PDFs
                handouts = build_handouts(self.content, options, cache=cache, edition=self.edition, later=later)
                if self.trainer:
                    handouts += build_handouts(self.content, options, cache=cache, edition="learner", later=later)
                    if self.plan:
                        found[f"downloads/{SESSION_PLAN_PDF}"] = session_plan_pdf(self.plan, options)
            except HandoutError as error:
                raise PluginError(str(error)) from None
            found.update({f"downloads/{h.name}": h.pdf for h in handouts})
        zipped = self._published_zip(config)
        if zipped:
            found["downloads/offline-edition.zip"] = zipped.read_bytes()
        if self.trainer:
            found.update({f"downloads/{name}": data for name, data in self._lms_exports(config).items()})
        return found

    def _lms_exports(self, config: MkDocsConfig) -> dict[str, bytes]:
        """The question banks, in this edition's language; the SCORM packages and the offline zip in
        a full build only (they take a build of the learners' offline edition; see
        exports.trainer_downloads)."""
        found = question_banks(self.content, self._course_id, config.site_name)
        if self.config.handouts and not self.previewing:
            try:
                found.update(learner_edition_downloads(self._learner_build(config), log=log.info))
            except PackageError as error:
                raise PluginError(str(error)) from None
        return found

    @property
    def _course_id(self) -> str:
        return self.course.id if self.course else DEFAULT_COURSE_ID

    def _learner_build(self, config: MkDocsConfig) -> LearnerBuild:
        """The learners' build of this project, whose files the offline edition is made from."""
        site = Path(config.site_dir)  # another language's is inside the first language's
        return LearnerBuild(
            self.root,
            Path(config.config_file_path),
            self.config.course,
            self._course_id,
            editions=self.config.editions,
            sites=(site if self.language == self.languages[0] else site.parent,),
        )

    def _published_zip(self, config: MkDocsConfig) -> Path | None:
        """The offline edition's zip, when there is one to offer (never inside the offline edition):
        never a stale one, older than a file the site is built from (`make offline` makes it again)."""
        zipped = self.root / self.config.offline_zip if self.config.offline_zip else None
        if not zipped or not zipped.is_file() or _offline_enabled(config):
            return None
        if not is_current(zipped, self._learner_build(config)):
            log.info(
                "The offline edition's zip (%s) is older than the files the site is built from: the Downloads page "
                "leaves it out. `make offline` (or `make build`) makes it again.",
                display_path(zipped, self.root),
            )
            return None
        return zipped

    def _contact(self, config: MkDocsConfig) -> str | None:
        """The `contact` setting, checked; else the issue tracker beside `repo_url`, if any."""
        contact = self.config.contact
        if contact and not contact_kind(contact):
            raise PluginError(
                f"mediation: contact: '{contact}' is neither an e-mail address nor a web address "
                "(hint: contact: errors@parliament.example or contact: https://example.org/issues)"
            )
        if not contact and config.repo_url:
            contact = config.repo_url.rstrip("/") + "/issues"
        return contact

    def _handout_options(self, config: MkDocsConfig) -> HandoutOptions:
        """The handouts' settings, and a line in the build output on where their quiz links point."""
        given = self.config.handouts_site_url if self.config.handouts_site_url is not None else config.site_url
        site_url = public_address(given)
        offline = _offline_enabled(config)
        if offline:
            log.info("Handouts of the offline edition point to its quiz pages on the USB stick.")
        elif not site_url:
            seen = f"'{given}' is this computer's own address" if given else "no site_url is set"
            log.info(
                "Handouts print no web address or QR code for the quizzes (%s): set site_url in mkdocs.yml "
                "(or handouts_site_url) to the published address.",
                seen,
            )
        return HandoutOptions(
            title=self.site.site_name if self.site else "",
            paper=self.config.handouts_paper,
            language=self.language,
            folder=folder_of(self.languages, self.language),
            strings_root=self.root,
            site_url=site_url,
            directory_urls=config.use_directory_urls,
            offline=offline,
        )

    def _site_text(self, key: str, english: str) -> str:
        """A text of the configuration in this edition's language (English's from mkdocs.yml)."""
        if not is_translated(self.language):
            return english
        return load_strings(self.language, self.root).get("site", {}).get(key, english)

    def _source_of(self, page: Page) -> str | None:
        meta = page.meta or {}
        if "module_id" in meta:
            return self.content.source_of("modules", meta["module_id"])
        if "quiz_id" in meta:
            return self.content.source_of("quizzes", meta["quiz_id"])
        return None

    def _navigation(self, config: MkDocsConfig) -> list:
        """Home, then each module with its quizzes, then other quizzes, then hand-written pages."""
        nav: list = ["index.md", *([SESSION_PLAN_URI] if self.plan else []), *self.config.nav_intro]
        for module in self.content.modules:
            pages = [module_uri(module.id)] + [quiz_uri(q) for q in module.quizzes]
            # mkdocs and Material print navigation titles unescaped: give them escaped text.
            nav.append({escape_title(without_marks(f"{module.number}. {module.title}")): pages})
        others = [quiz_uri(q.id) for q in self.content.other_quizzes()]
        if others:
            nav.append({self._site_text("assessments", self.config.nav_assessments_title): others})
        if self.content.glossary:
            nav.append(GLOSSARY_URI)
        nav.append(PROGRESS_URI)
        if self.config.handouts or self._published_zip(config) or self.trainer:  # a Downloads page for each
            nav.append(DOWNLOADS_URI)
        docs = Path(config.docs_dir)
        placed = {"index.md", *self.config.nav_intro, DOWNLOADS_URI}
        nav += sorted(uri for uri in (p.relative_to(docs).as_posix() for p in docs.rglob("*.md")) if uri not in placed)
        return nav


def _apply_site_settings(config: MkDocsConfig, site: SiteSettings, *, previewing: bool) -> None:
    """The course's name, footer, colours and logo; its address, except in the preview (mkdocs serve
    sets its own)."""
    config.site_name = site.site_name
    if site.site_description:
        config.site_description = site.site_description
    config.copyright = site.copyright
    palette = config.theme.get("palette") or []
    for scheme in palette if isinstance(palette, list) else [palette]:
        scheme.update(primary=site.primary, accent=site.accent)
    if site.logo:
        config.theme["logo"] = site.logo[0]
        config.extra["course_organisation"] = site.organisation
    if site.site_url and not previewing:
        config.site_url = site.site_url


def _check_placeholders(docs: Path, root: Path) -> None:
    """Every `{course_...}` placeholder of the hand-written pages is one the build fills (courses/facts.py)."""
    problems = [
        problem
        for path in sorted(docs.rglob("*.md"))
        for problem in placeholder_problems(path.read_text(encoding="utf-8"), display_path(path, root))
    ]
    if problems:
        raise ContentError(problems)


def _run_later(jobs: list) -> None:
    for job in jobs:
        try:
            job()
        except HandoutError as error:  # the next build renders it in the foreground and reports it
            log.warning(f"Handouts: {error}")
    log.info("Handouts: the workbook rendered in the background is ready.")


def _add_theme_overrides(config: MkDocsConfig, root: Path) -> None:
    """Our template overrides, after a site's own custom_dir and before Material's templates.

    They give the search dialog an accessible name, and put the quiz engine's interface strings
    (from the translatable table in build_tools/strings) on every page.
    """
    dirs = config.theme.dirs
    if str(THEME_DIR) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
    language = config.theme.get("language") or "en"
    config.extra["quiz_strings"] = load_strings(language, root)["engine"]


def _set_language(config: MkDocsConfig, language: str, root: Path, *, course_texts: bool) -> None:
    """Make this build speak its language, at the root or in a folder: Material's interface and
    search, and the texts of mkdocs.yml from the strings table (the course's own texts, already in
    this language, are kept when `course_texts`)."""
    config.theme["language"] = language
    if not is_translated(language):
        return
    search = config.plugins.get("material/search")
    if search is not None:
        # Material's defaults for French search neither stem nor split "l'accord": stem, and split at apostrophes.
        search.config.update(lang=[language], pipeline=list(SEARCH_PIPELINE), separator=SEARCH_SEPARATOR)
    _translate_site_texts(config, load_strings(language, root).get("site", {}), names=not course_texts)


def _set_edition(config: MkDocsConfig, languages: list[str], language: str) -> None:
    """Make this build one of several language editions: its address under its folder, and the other
    editions for the language switcher, the `hreflang` alternates and the sitemap."""
    main_url = config.site_url
    config.extra["editions"] = alternates(languages, language, main_url)
    config.extra["alternate"] = True  # shows Material's language button (partials/alternate.html is ours)
    config.extra["main_edition"] = config.extra["editions"][0]["root"]  # the way to the root edition: "../"
    folder = folder_of(languages, language)
    if folder:
        config.site_url = edition_site_url(main_url, folder) or main_url


def _translate_site_texts(config: MkDocsConfig, site: dict, *, names: bool = True) -> None:
    """The texts of mkdocs.yml a reader sees (site name, description, colour toggle), translated;
    without `names`, only the colour toggle (a course gives its own name, description and footer)."""
    if names:
        config.site_name = site.get("name", config.site_name)
        config.site_description = site.get("description", config.site_description)
        config.copyright = site.get("copyright", config.copyright)
    palette = config.theme.get("palette")
    names = site.get("palette", [])
    if isinstance(palette, list) and len(names) == len(palette):
        for scheme, name in zip(palette, names, strict=True):
            if scheme.get("toggle"):
                scheme["toggle"]["name"] = name


def _fold_accents_in_search(files: Files, config: MkDocsConfig, language: str) -> None:
    """Replace Material's lunr file for this language with one that folds accents (see editions.py)."""
    uri = f"assets/javascripts/lunr/min/lunr.{language}.min.js"
    original = files.get_file_from_path(uri)
    if original is None or original.abs_src_path is None:
        return
    source = Path(original.abs_src_path).read_text(encoding="utf-8")
    files.remove(original)
    files.append(File.generated(config, uri, content=folded_search_language(source, language)))


def _prepare_trainer(config: MkDocsConfig, root: Path) -> None:
    """The trainer edition: its styles, and a banner and `noindex` on every page (theme/main.html)."""
    if TRAINER_CSS not in config.extra_css:
        config.extra_css.append(TRAINER_CSS)
    language = config.theme.get("language") or "en"
    config.extra["trainer_edition"] = load_strings(language, root)["trainer"]["banner"]


def _prepare_offline(config: MkDocsConfig) -> None:
    """Adjust the offline edition, which opens from file:// with no network.

    Material's docs advise against instant navigation there (it needs fetch), and its offline
    plugin would add the iframe-worker shim from a CDN unless a local copy is listed first. A 404
    page is for a web server to send: from file:// nothing sends it, and its assets, addressed from
    the site's root, would not load.
    """
    config.theme.static_templates.discard("404.html")
    features = config.theme.get("features", [])
    config.theme["features"] = [f for f in features if not f.startswith("navigation.instant")]
    config.extra.setdefault("polyfills", [])
    config.extra["polyfills"].append(OFFLINE_SHIM)


def _minify_own_assets(files: Files, docs: Path) -> None:
    """Serve the project's scripts and style sheets (under docs/) minified; the theme's stay as Material ships them."""
    for file in files:
        own = file.abs_src_path and Path(file.abs_src_path).is_relative_to(docs)
        if own and is_minifiable(file.src_uri):
            file.content_string = minified(file.src_uri, file.content_string)


def _offline_enabled(config: MkDocsConfig) -> bool:
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "offline" and plugin.config.get("enabled", True):
            return True
    return False


def compile_templates(root: Path) -> int:
    """Compile the theme's templates (Material's, with this project's overrides) and the page
    templates into `root/.cache/templates/`, as installing a package compiles its Python: a first
    build then loads them instead of compiling them (about 0.2 s). How many were compiled."""
    config = load_config(str(root / "mkdocs.yml"))
    _add_theme_overrides(config, root)
    env = config.theme.get_env()
    env.bytecode_cache = template_cache(root / TEMPLATES / "theme")
    theme = compile_ahead(env, _is_theme_template)
    pages = Renderer(NO_CONTENT, strings_root=root, templates_cache=root / TEMPLATES / "pages").compile_templates()
    return len(theme) + len(pages)


def _is_theme_template(name: str) -> bool:
    """A page or partial of the theme; not one of Material's icons (included as SVG) or assets."""
    return name.endswith((".html", ".xml")) and not name.startswith((".icons/", "assets/"))
