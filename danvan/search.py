"""Diacritic-insensitive search, shared by every app.

Text is folded (lower case, accents removed, "đ" -> "d", invisible marks such as zero-width
spaces and bidi controls dropped) once when a record is written and kept in a `search_text`
column; a query is folded the same way and each of its words must appear. A one-word query
matches whole words only: "Hường" finds "Lê Thị Hường", not every "phường". The same code
works on SQLite and PostgreSQL, where a trigram index makes the `LIKE '%word%'` and the
whole-word regex fast (see `trigram_index_sql`).

A search reads at most SEARCH_MAX_LENGTH characters of what was typed and its first
SEARCH_MAX_WORDS words; the rest is ignored. NUL separates words (invisible marks are dropped,
as above). So a pasted page of text is an ordinary search, never a query too large for the
database (SQLite refuses expression trees deeper than 1.000).
"""

import re
import unicodedata

from django.db.models import Q

SEARCH_MAX_LENGTH = 200
SEARCH_MAX_WORDS = 12

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """'Phường Ngọc Thụy, Đức Giang' -> 'phuong ngoc thuy, duc giang'."""
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    # Combining accents and format characters (Cf: zero-width space and joiners, bidi marks
    # and embeddings, the byte-order mark, the soft hyphen) are dropped.
    stripped = "".join(
        ch
        for ch in decomposed
        if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf"
    )
    return _SPACES.sub(" ", stripped).strip().lower()


def search_text(*parts: object) -> str:
    """The value to store in a `search_text` column: the folded parts, space-separated."""
    return fold(" ".join(str(part) for part in parts if part))


def search_words(query: str | None) -> list[str]:
    """The folded words a search looks for (see the module's docstring for the limits)."""
    typed = (query or "")[:SEARCH_MAX_LENGTH]
    return fold(typed.replace("\x00", " ")).split()[:SEARCH_MAX_WORDS]


def search_q(query: str | None, field: str = "search_text") -> Q:
    """A filter matching records whose folded text contains every word of the query; a query
    of one word matches it as a whole word (between non-alphanumerics or the text's ends)."""
    words = search_words(query)
    if len(words) == 1:
        return Q(**{f"{field}__regex": _whole_word(words[0])})
    condition = Q()
    for word in words:
        condition &= Q(**{f"{field}__contains": word})
    return condition


def _whole_word(word: str) -> str:
    # A POSIX and Python regex alike (PostgreSQL `~`, SQLite through Python's re).
    escaped = re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", word)  # ASCII punctuation only
    return f"(^|[^a-z0-9]){escaped}([^a-z0-9]|$)"


def trigram_index_sql(table: str, column: str = "search_text") -> tuple[str, str]:
    """Forward and reverse SQL for a trigram index, for a migration's RunSQL on PostgreSQL."""
    name = f"{table}_{column}_trgm"
    return (
        f"CREATE EXTENSION IF NOT EXISTS pg_trgm; "
        f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops);",
        f"DROP INDEX IF EXISTS {name};",
    )
