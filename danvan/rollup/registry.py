"""What the apps tell the roll-up about their figures, so that the roll-up names no app.

Each app registers, in its `rollup.py` (found like `metrics.py`), the section its metrics make
in the report's part I (their codes' prefix): its title, its place, and the writer of its
sentences with the metric codes that writer reads. A named breakdown (`register_breakdown`)
is a set of metrics shown as tables of their own (`Metric.breakdown_of` names it).

    registry.register(
        "library",
        title=_("Lending"),
        order=50,
        writer=write,
        uses=["library.loans", "library.returns"],
    )

The writer gets the group's figures by code (`Figures`): only the codes it declared, and the
lines of those (`Figures.lines_of`). Reading an undeclared code is an error, and a declared
code that no app registers stops start-up (danvan.rollup.checks), so renaming a metric can
never silently drop a sentence.
"""

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules

Writer = Callable[["Figures"], list[str]]


@dataclass(frozen=True)
class Section:
    key: str  # the prefix of its metrics' codes ("library" for "library.loans")
    title: str
    order: int
    writer: Writer | None = None
    uses: tuple[str, ...] = ()  # the metric (or named breakdown) codes the writer reads
    place: str = ""  # module.name of the writer (or of the registration), for the checks


@dataclass(frozen=True)
class Breakdown:
    code: str
    title: str  # heading of its tables
    place: str = ""


_sections: dict[str, Section] = {}
_breakdowns: dict[str, Breakdown] = {}


def register(key: str, *, title, order: int, writer: Writer | None = None, uses=()) -> None:
    place = f"{writer.__module__}.{writer.__qualname__}" if writer else key
    _sections[key] = Section(key, title, order, writer, tuple(uses), place)


def register_breakdown(code: str, *, title, place: str = "") -> None:
    _breakdowns[code] = Breakdown(code, title, place or code)


@functools.cache
def _discover() -> None:
    autodiscover_modules("rollup")


def sections() -> dict[str, Section]:
    _discover()
    return _sections


def breakdowns() -> dict[str, Breakdown]:
    _discover()
    return _breakdowns


class UndeclaredMetric(Exception):
    pass


class Figures(Mapping):
    """A group's figures by code, as a writer may read them: the codes it declared only."""

    def __init__(self, figures: Iterable, section: Section):
        self._all = {figure.metric.code: figure for figure in figures}
        self._section = section
        self._uses = set(section.uses)

    def _declared(self, code: str) -> None:
        if code not in self._uses:
            raise UndeclaredMetric(
                f"{self._section.place} reads {code!r}, which it does not declare in `uses`"
            )

    def __getitem__(self, code: str):
        self._declared(code)
        return self._all[code]

    def __iter__(self) -> Iterator[str]:
        return (code for code in self._all if code in self._uses)

    def __len__(self) -> int:
        return sum(1 for _code in self)

    def lines_of(self, code: str) -> list:
        """The figures that are lines of the figure or named breakdown `code`, in order."""
        self._declared(code)
        return [f for f in self._all.values() if f.metric.breakdown_of == code]


def write(group) -> list[str]:
    """The sentences of a roll-up group, by the writer its app registered (none without)."""
    section = sections().get(group.key)
    if section is None or section.writer is None:
        return []
    return [text for text in section.writer(Figures(group.figures, section)) if text]
