"""Printed documents about one record — a conference's minutes, a unit's models booklet —
built by the app that owns the record and rendered by the roll-up's export pipeline.

The dependency runs one way (DESIGN.md): domain apps never import the roll-up, and the
roll-up never reads an app's models. An app registers its document kinds here in
AppConfig.ready(); the pipeline looks the kind up and calls back:

- `subject(user, data) -> (unit, period, parameters)`: what a request (the POSTed form) is
  about, read through the app's scoped selectors; raises ObjectDoesNotExist outside the
  user's scope (the view answers 404). `parameters` (JSON) are stored on the export.
- `build(parameters) -> (template name, context)`: what the document shows, read again when
  the task renders it. The template extends the Party document base.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    kind: str
    subject: Callable
    build: Callable


_documents: dict[str, Document] = {}


def register(kind: str, *, subject: Callable, build: Callable) -> None:
    _documents[kind] = Document(kind, subject, build)


def get(kind: str) -> Document | None:
    return _documents.get(kind)
