"""Synthetic demo data: a realistic directory of any size, for load tests and benchmarks.

`generate(organizations, seed)` writes `organizations` invented organizations with their citations, places of
work, causes, bodies, people, memberships, founding events and meetings, goals, relations and publications,
all citing one demo Source (`demo-data`) whose full text says the data is invented. Behind
`manage.py generate_demo_data`; see that command for the refusals (real seeds present, demo data present).

- **Deterministic**: one `random.Random(seed)` drives every choice, so a seed gives the same rows.
- **Fast**: rows are built in memory and written in bulk (`COPY` or `bulk_create`, `rows.py`), with the
  fields `save()` derives computed by the models' own functions.
- **Never mixed with the real data**: every slug the generator creates starts with `demo-` (places and causes
  are reference data shared with the seeds' taxonomy: existing rows with the same code or slug are reused).

Modules: `rows.py` (building and writing rows), `database.py` (refusals, deletion), `base.py` (random choices,
Arabic grammar), `taxonomy.py` (source, places, causes), `organizations.py`, `people.py` (people, bodies,
memberships), `events.py` (events, goals, publications), `shapes.py` (standalone organizations, networks,
coalitions, parties), `generator.py` (the run); `gazetteer.py` and `vocabulary.py` hold the word lists.
"""

from .database import (
    DEMO_PREFIX,
    DEMO_SOURCE_SLUG,
    FACT_MODELS,
    MAX_ORGANIZATIONS,
    DemoRefused,
    check_database,
    delete_demo_data,
    demo_sources,
    totals,
)
from .gazetteer import CAUSES, COUNTRIES, REGIONS, SUBPLACES
from .generator import Generator, generate
from .rows import WRITE_ORDER, OrganizationAreas, OrganizationCauses, label

__all__ = [
    "CAUSES",
    "COUNTRIES",
    "DEMO_PREFIX",
    "DEMO_SOURCE_SLUG",
    "FACT_MODELS",
    "MAX_ORGANIZATIONS",
    "REGIONS",
    "SUBPLACES",
    "WRITE_ORDER",
    "DemoRefused",
    "Generator",
    "OrganizationAreas",
    "OrganizationCauses",
    "check_database",
    "delete_demo_data",
    "demo_sources",
    "generate",
    "label",
    "totals",
]
