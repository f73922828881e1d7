"""Loads every content file, validates it, and returns one content model or all its problems."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pydantic import BaseModel, ValidationError

from .checks import UNREADABLE, check_content
from .course_checks import check_course
from .figure_checks import check_figures
from .memo import keep, recall
from .model import Glossary, Module, Quiz
from .problems import ContentError, Problem, display_path
from .stand_in import stand_in
from .strict_yaml import MAX_BYTES, YamlDocument, read_yaml
from .text_checks import check_plain_text
from .validation_messages import field_label, problems_from

SOURCES: dict[str, type[BaseModel]] = {"modules": Module, "quizzes": Quiz}
GLOSSARY = "glossary.yml"
DECLARED_ID = re.compile(r"^[ \t-]*id:[ \t]*[\"']?([a-z0-9]+(?:-[a-z0-9]+)*)[\"']?[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class SourceFile:
    """A validated document with what is needed to point back into its file.

    Attributes:
        repaired: for a file that failed validation, the places (paths in its data) whose values
            were replaced so that its model could be checked (see `stand_in`); such a model is
            never rendered. Empty for a valid file.
    """

    name: str
    document: YamlDocument
    model: BaseModel
    repaired: frozenset[tuple] = frozenset()

    def stood_in(self, *path: str | int | None) -> bool:
        """Whether the value at `path` (None: at any position of a list) is, holds or lies inside a
        replaced value: a check whose answer rests on it has nothing true to say."""
        return any(_overlap(path, place) for place in self.repaired)

    def repaired_labels(self) -> list[str]:
        return [field_label(place) for place in self.repaired]


@dataclass(frozen=True)
class Content:
    """Everything the outputs are made from: modules in teaching order and their quizzes."""

    modules: tuple[Module, ...]
    quizzes: dict[str, Quiz]
    source_names: dict[tuple[str, str], str]
    glossary: Glossary | None = None
    figures: dict[str, bytes] = field(default_factory=dict)
    """The SVG files the modules show, by file name in `figures/`."""
    linked: dict[tuple[str, str], BaseModel] = field(default_factory=dict)
    """A course's modules and quizzes whose links to pages it leaves out became plain text (see
    `courses.compose`), as they were before, by (folder, id): their English is what the PO files hold."""
    left_out: frozenset[str] = frozenset()
    """The pages the course leaves out (`modules/<id>`, `quizzes/<id>`)."""

    def quizzes_of(self, module: Module) -> list[Quiz]:
        return [self.quizzes[quiz_id] for quiz_id in module.quizzes]

    def other_quizzes(self) -> list[Quiz]:
        """The quizzes no module lists, in the order a learner takes them (as "How to use this course"
        tells it): the diagnostic before the workshop, the post-workshop assessment, then the
        surveys, by id (the action plan, then the survey on further training)."""
        linked = {quiz_id for module in self.modules for quiz_id in module.quizzes}
        others = [quiz for quiz_id, quiz in self.quizzes.items() if quiz_id not in linked]
        return sorted(others, key=lambda quiz: (KIND_ORDER.get(quiz.kind, len(KIND_ORDER)), quiz.id))

    def module_by_id(self, module_id: str) -> Module | None:
        return next((m for m in self.modules if m.id == module_id), None)

    def source_of(self, folder: str, document_id: str) -> str:
        """The YAML file a page was generated from, e.g. `modules/intro.yml`."""
        return self.source_names[(folder, document_id)]


KIND_ORDER = {"diagnostic": 0, "self-check": 1, "post": 2, "survey": 3}


def load_content(root: Path, local_folder: str | None = None) -> Content:
    """Read `modules/*.yml` and `quizzes/*.yml` under `root`.

    Args:
        local_folder: a folder under `root` with a trainer's own `modules/` and `quizzes/` (such as
            `local`), read and checked with the shared ones; a local module may not take the id of
            a shared one.

    Raises:
        ContentError: with every problem in every file, when there is any.
    """
    local_folder = PurePosixPath(local_folder).as_posix() if local_folder else None  # `./local/` is `local`
    problems: list[Problem] = []
    sources: dict[str, list[SourceFile]] = {folder: [] for folder in SOURCES}
    invalid: dict[str, list[dict]] = {folder: [] for folder in SOURCES}
    for folder, model in SOURCES.items():
        for path in _content_files(root, folder, local_folder):
            document, source, found = read_and_validate(path, display_path(path, root), model)
            problems += found
            if source:  # valid, or a stand-in for checking (see `stand_in`)
                sources[folder].append(source)
            if found:  # what a broken file declares still counts, so that others report no false "missing"
                invalid[folder].append(document.data if document else _unreadable_stand_in(path))
    glossary, found = _load_glossary(root)
    problems += found
    checked = check_plain_text(glossary) if glossary else []
    if local_folder:
        checked += _local_clashes(sources, invalid, local_folder)
    checked += check_content(sources["modules"], sources["quizzes"], invalid)
    figures, found = check_figures(root, sources["modules"])
    problems += _without_stand_in_values(checked + found, sources, glossary)
    if not problems:  # so there is no stand-in either
        problems += check_course(sources["modules"], sources["quizzes"], glossary)
    if problems:
        raise ContentError(problems)
    return _assemble(sources, glossary.model if glossary else None, figures)


def read_and_validate(
    path: Path, name: str, model: type[BaseModel]
) -> tuple[YamlDocument | None, SourceFile | None, list[Problem]]:
    """One file read strictly and validated against `model`: the document (None when it is not
    readable YAML), the validated source and its own problems. When the file fails validation,
    the source is a stand-in for checking only (its `repaired` places say where), or None when
    none can be made.

    A file whose bytes have not changed since an earlier reading is not read again: `mkdocs serve`
    rebuilds after every save, and then only the saved file costs anything (readings are also kept
    between builds, see `memo`). The reading is keyed by the bytes' hash, so a changed file, valid or
    not, is always read afresh; checks across files run on every call.
    """
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        digest = ""  # not kept: read_yaml reports why the file cannot be read
    key = (name, model.__name__, digest)
    reading = recall("content-files", key) if digest else None
    if reading is None:
        document, problems = read_yaml(path, name)
        source, problems = _validate(document, name, model) if document else (None, problems)
        reading = (document, source, problems)
        if digest:
            keep("content-files", key, reading)
    return reading


def _content_files(root: Path, folder: str, local_folder: str | None) -> list[Path]:
    """The shared files of one folder, then the local ones."""
    shared = sorted((root / folder).glob("*.y*ml"))
    return shared + (sorted((root / local_folder / folder).glob("*.y*ml")) if local_folder else [])


def _local_clashes(sources: dict[str, list[SourceFile]], invalid: dict[str, list[dict]], local: str) -> list[Problem]:
    """A local module or quiz that takes a shared one's id: reported once, here, and set aside (as an
    invalid file) so that the checks across files do not report it again as a duplicate."""
    problems = []
    for folder, files in sources.items():
        shared = {s.model.id: s.name for s in files if not s.name.startswith(f"{local}/")}
        for source in [s for s in files if s.name.startswith(f"{local}/") and s.model.id in shared]:
            kind = "module" if folder == "modules" else "quiz"
            problems.append(
                Problem(
                    source.name,
                    source.document.line_of(("id",)),
                    "id",
                    f"'{source.model.id}' is the id of the shared {kind} {shared[source.model.id]}",
                    f"give your {kind} its own id, such as '{source.model.id}-local', and its file the same name",
                )
            )
            files.remove(source)
            invalid[folder].append(source.document.data)
    return problems


def _unreadable_stand_in(path: Path) -> dict:
    """What a file that is not readable YAML declares, as far as can be told: its id is its file name,
    and every `id: ...` line in it declares an id (an objective, a section, ...)."""
    try:
        text = path.read_bytes()[:MAX_BYTES].decode("utf-8", errors="replace")
    except OSError:
        text = ""
    return {"id": path.stem, UNREADABLE: sorted(set(DECLARED_ID.findall(text)))}


def _load_glossary(root: Path) -> tuple[SourceFile | None, list[Problem]]:
    """The optional `glossary.yml`."""
    path = root / GLOSSARY
    if not path.exists():
        return None, []
    _, source, problems = read_and_validate(path, display_path(path, root), Glossary)
    return source, problems


def _validate(document: YamlDocument, name: str, model: type[BaseModel]) -> tuple[SourceFile | None, list[Problem]]:
    try:
        return SourceFile(name, document, model.model_validate(document.data)), []
    except ValidationError as error:
        problems = problems_from(error, document, name, model)
        repaired = stand_in(document.data, model, error)
    return (SourceFile(name, document, *repaired) if repaired else None), problems


def _without_stand_in_values(
    problems: list[Problem], sources: dict[str, list[SourceFile]], glossary: SourceFile | None
) -> list[Problem]:
    """The problems of the checks, less those found at a replaced value of a stand-in: they are
    about the stand-in value, not the author's (who is told what is wrong there by validation)."""
    checked = [s for files in sources.values() for s in files] + ([glossary] if glossary else [])
    replaced = {s.name: s.repaired_labels() for s in checked if s.repaired}
    return [p for p in problems if not any(_within(p.field, label) for label in replaced.get(p.file, ()))]


def _within(field: str, label: str) -> bool:
    """Whether a field label (`questions[2].answer`) is `label` or inside it."""
    return field == label or field.startswith((label + ".", label + "["))


def _overlap(path: tuple, place: tuple) -> bool:
    """Whether two paths agree as far as both go (None in `path` matches any position)."""
    return all(part is None or part == other for part, other in zip(path, place, strict=False))


def _assemble(sources: dict[str, list[SourceFile]], glossary: Glossary | None, figures: dict[str, bytes]) -> Content:
    modules = sorted((s.model for s in sources["modules"]), key=lambda m: m.number)
    quizzes = {s.model.id: s.model for s in sources["quizzes"]}
    names = {(folder, s.model.id): s.name for folder, files in sources.items() for s in files}
    return Content(tuple(modules), quizzes, names, glossary, figures)
