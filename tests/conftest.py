from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command


@pytest.fixture
def seeded(db):
    """The database with the five sources loaded, as `make run` has it."""
    call_command("load_seeds", stdout=StringIO())


@pytest.fixture
def editor(db):
    """A staff user in the Editors group (created by migration 0003)."""
    user = User.objects.create_user("editor", password="pw-editor-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("admin", password="pw-admin-1")
