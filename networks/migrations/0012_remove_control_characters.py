"""Remove the characters that are not text (`networks/controls.py`: control characters, lone surrogates,
U+FFFE/U+FFFF) from every text column of the directory's tables, their edit history (the Historical* tables),
the derived search texts, the admin log and the users and groups, where the admin and the import let them in
before they refused them. One of them anywhere made `manage.py backup` fail: XML cannot hold them.

One UPDATE per table, of the rows where some text column holds one: PostgreSQL's regexp_replace, and on SQLite
a Python function registered on the connection. `search_text` is a folded text of words separated by single
spaces: removing a character may leave two spaces, which are squeezed into one, as folding would have.
Not reversible (the characters are gone), and nothing to undo: going back leaves the rows as they are.
"""

import re

from django.db import migrations, models
from django.db.models import F, Func, Q, Value

from networks import controls

SQLITE_FUNCTION = "networks_without_controls"
SEARCH_TEXT = "search_text"
# PostgreSQL's text holds neither NUL nor a lone surrogate, and its parameters cannot carry them.
PATTERNS = {"postgresql": controls.character_class(controls.STORABLE_RANGES)}


def _sqlite_without_controls(value, squeeze):
    if value is None:
        return None
    value = controls.without_controls(value)
    return re.sub(" {2,}", " ", value).strip(" ") if squeeze else value


def _text(function, *arguments):
    return Func(*arguments, function=function, output_field=models.TextField())


def _cleaned(field, vendor):
    column, squeeze = F(field.name), field.name == SEARCH_TEXT
    if vendor != "postgresql":
        return _text(SQLITE_FUNCTION, column, Value(squeeze))
    value = _text("REGEXP_REPLACE", column, Value(PATTERNS[vendor]), Value(""), Value("g"))
    if squeeze:
        value = _text(
            "BTRIM", _text("REGEXP_REPLACE", value, Value(" {2,}"), Value(" "), Value("g")), Value(" ")
        )
    return value


def cleaned_tables(apps):
    """Every table of the app that Django manages (not SQLite's full-text index), the admin log, which
    names the rows it logs, and the users and groups, which are in every backup too."""
    tables = [m for m in apps.get_app_config("networks").get_models() if m._meta.managed]
    return [
        *tables,
        *(apps.get_model(*label.split(".")) for label in ("admin.LogEntry", "auth.User", "auth.Group")),
    ]


def remove_control_characters(apps, schema_editor):
    connection = schema_editor.connection
    vendor = connection.vendor
    pattern = PATTERNS.get(vendor, controls.NOT_TEXT.pattern)
    if vendor != "postgresql":
        connection.ensure_connection()
        connection.connection.create_function(
            SQLITE_FUNCTION, 2, _sqlite_without_controls, deterministic=True
        )
    for model in cleaned_tables(apps):
        fields = [
            f for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))
        ]
        if not fields:
            continue
        dirty = Q()
        for field in fields:
            dirty |= Q(**{f"{field.name}__regex": pattern})
        model._base_manager.using(connection.alias).filter(dirty).update(
            **{field.name: _cleaned(field, vendor) for field in fields}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("networks", "0011_derivation_listing_sources"),
    ]

    operations = [
        migrations.RunPython(remove_control_characters, migrations.RunPython.noop, elidable=True),
    ]
