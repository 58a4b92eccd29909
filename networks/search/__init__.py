"""Search that understands Arabic as people type it, with the same results on SQLite and PostgreSQL.

- `text.py`: folding (letter variants, marks, accents, case), shared with the redactor;
- `terms.py`: the text pipeline: words, stemmed (Snowball, Arabic or English by script) and folded; both the
  documents and the queries become terms so;
- `documents.py`: each organization's search document (its texts in four weights), kept up to date on every
  write and rebuilt by `manage.py rebuild_search_index`;
- `engines.py`: matching and ranking, one small class per database (PostgreSQL `tsvector`, SQLite FTS5);
- `snippets.py`: the passage shown under a result, with the matched words marked.

Both databases index the same terms, made here in Python, so they find the same organizations.
"""

from .text import ARABIC_MARKS, ARABIC_PREFIXES, name_pattern, normalize

__all__ = ["ARABIC_MARKS", "ARABIC_PREFIXES", "name_pattern", "normalize"]
