"""The Editors group: may add, change, delete and view directory content, and nothing else."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Editors"
ACTIONS = ("add", "change", "delete", "view")


def create_editors(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure this app's exist now.
    app_config = apps.get_app_config("networks")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label="networks", codename__regex=rf"^({'|'.join(ACTIONS)})_"
        )
    )


def remove_editors(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0002_organization_no_ancestor_cycle"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors, remove_editors)]
