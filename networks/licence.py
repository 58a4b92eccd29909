"""The licence of the directory's data, declared once: the exports' about sheet, the bulk dataset's
`datapackage.json`, `LICENSE.txt` and `CITATION.cff`, and the data page read it from here.

The data (tables, texts, translations) is under CC BY 4.0; the quoted passages stay their authors' and
publishers', quoted to show where each fact comes from.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

SPDX_ID = "CC-BY-4.0"
URL = "https://creativecommons.org/licenses/by/4.0/"
TITLE = "Creative Commons Attribution 4.0 International"
NAME = _("Creative Commons Attribution 4.0 International (CC BY 4.0)")
# One line, as the exports' about sheet gives it.
LINE = format_lazy("{name}: {url}", name=NAME, url=URL)
QUOTES = _(
    "The quoted passages belong to their authors and publishers, named with each source; they are quoted to "
    "show where each fact comes from."
)
