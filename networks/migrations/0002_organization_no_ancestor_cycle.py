"""No organization may be its own ancestor.

A CHECK constraint covers the direct case (parent = self); a longer cycle (A → B → A) needs the whole chain,
so a trigger walks it with a recursive query before every change of `parent_id`. An insert cannot close a
cycle (nothing points at a new row yet), so only updates are checked.
"""

from django.db import migrations

SQLITE_CREATE = """
CREATE TRIGGER networks_organization_no_cycle
BEFORE UPDATE OF parent_id ON networks_organization
WHEN NEW.parent_id IS NOT NULL AND EXISTS (
    WITH RECURSIVE ancestor(id) AS (
        SELECT NEW.parent_id
        UNION
        SELECT o.parent_id FROM networks_organization o JOIN ancestor a ON o.id = a.id
        WHERE o.parent_id IS NOT NULL
    )
    SELECT 1 FROM ancestor WHERE id = NEW.id
)
BEGIN
    SELECT RAISE(ABORT, 'organization_no_ancestor_cycle: an organization cannot be its own ancestor');
END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS networks_organization_no_cycle;"

POSTGRES_CREATE = """
CREATE FUNCTION networks_organization_no_cycle() RETURNS trigger AS $$
BEGIN
    IF NEW.parent_id IS NOT NULL AND EXISTS (
        WITH RECURSIVE ancestor(id) AS (
            SELECT NEW.parent_id
            UNION
            SELECT o.parent_id FROM networks_organization o JOIN ancestor a ON o.id = a.id
            WHERE o.parent_id IS NOT NULL
        )
        SELECT 1 FROM ancestor WHERE id = NEW.id
    ) THEN
        RAISE EXCEPTION 'organization_no_ancestor_cycle: an organization cannot be its own ancestor'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER networks_organization_no_cycle
BEFORE UPDATE OF parent_id ON networks_organization
FOR EACH ROW EXECUTE FUNCTION networks_organization_no_cycle();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS networks_organization_no_cycle ON networks_organization;
DROP FUNCTION IF EXISTS networks_organization_no_cycle();
"""

SQL = {
    "sqlite": (SQLITE_CREATE, SQLITE_DROP),
    "postgresql": (POSTGRES_CREATE, POSTGRES_DROP),
}


def create_trigger(apps, schema_editor):
    create, _ = SQL[schema_editor.connection.vendor]
    schema_editor.execute(create)


def drop_trigger(apps, schema_editor):
    _, drop = SQL[schema_editor.connection.vendor]
    schema_editor.execute(drop)


class Migration(migrations.Migration):
    dependencies = [("networks", "0001_initial")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
