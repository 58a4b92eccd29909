"""The admin's users and groups, held to the directory's rule for text (`controls.py`) like its own rows:
they are in every backup, and one control character in a name or an address made it fail.

Django's forms and admin classes, with the rule added to every text the form saves (passwords are stored as
hashes, never as text, and are left to Django's password validators)."""

from django import forms
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError

from . import controls


class TextOnlyForm(forms.BaseForm):
    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(self.fields[name].widget, forms.PasswordInput):
                continue
            try:
                controls.validate_text(value)
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned


class UserChangeForm(TextOnlyForm, auth_forms.UserChangeForm):
    pass


class UserCreationForm(TextOnlyForm, auth_forms.AdminUserCreationForm):
    pass


class GroupForm(TextOnlyForm, forms.ModelForm):
    class Meta:
        model = Group
        fields = ["name", "permissions"]


class UserAdmin(auth_admin.UserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm


class GroupAdmin(auth_admin.GroupAdmin):
    form = GroupForm


for model, model_admin in ((User, UserAdmin), (Group, GroupAdmin)):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
