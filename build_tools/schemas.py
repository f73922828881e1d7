"""JSON Schemas of the content model, for editors that check YAML as it is typed."""

from __future__ import annotations

import json
from pathlib import Path

from .courses.model import Course
from .model import Glossary, Module, Quiz
from .workshop.plan import WorkshopPlan

SCHEMAS = {
    "module.schema.json": Module,
    "quiz.schema.json": Quiz,
    "glossary.schema.json": Glossary,
    "course.schema.json": Course,
    "workshop.schema.json": WorkshopPlan,
}


def schema_texts() -> dict[str, str]:
    """File name → JSON Schema text, stable so that the committed files can be compared."""
    texts = {}
    for name, model in SCHEMAS.items():
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **model.model_json_schema()}
        texts[name] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return texts


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
