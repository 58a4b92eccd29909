from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def seeded(db):
    """The database with the five sources loaded, as `make run` has it."""
    call_command("load_seeds", stdout=StringIO())
