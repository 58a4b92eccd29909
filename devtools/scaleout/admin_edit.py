"""Renames an organization through the admin, as an editor would: logs in, opens the change form, submits it
back with every field as the form holds it but the English name (CSRF token and session cookie included).

    python devtools/scaleout/admin_edit.py BASE_URL CHANGE_PATH NEW_ENGLISH_NAME

BASE_URL is the server (http://127.0.0.1:PORT), CHANGE_PATH the form's path (/en/admin/networks/organization/
7/change/); the user and password come from DJANGO_SUPERUSER_USERNAME and DJANGO_SUPERUSER_PASSWORD. Exits 1,
saying why, when the login or the form is refused. Used by devtools/scaleout/run."""

import http.cookiejar
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser


class FormFields(HTMLParser):
    """The fields the form `form_id` of a page would submit, as a browser would (checked boxes only, the
    selected options, a single select's first option when none is selected). (The admin's pages hold another
    POST form before it: the header's log-out button.)"""

    SKIPPED = {"submit", "button", "image", "file", "reset"}

    def __init__(self, form_id: str = ""):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.fields: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self._in_form = self._done = False
        self._select: dict | None = None
        self._option: dict | None = None
        self._textarea: dict | None = None
        self._error_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = {key: value if value is not None else "" for key, value in attrs}
        if "errorlist" in attrs.get("class", "").split() or "errornote" in attrs.get("class", "").split():
            self._error_depth += 1
        if tag == "form" and attrs.get("id") == self.form_id and not self._done:
            self._in_form = True
        if not self._in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            elif kind not in self.SKIPPED:
                self.fields.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "first": None, "chosen": []}
        elif tag == "option" and self._select is not None:
            self._option = {"value": attrs.get("value"), "text": "", "selected": "selected" in attrs}
        elif tag == "textarea" and name:
            self._textarea = {"name": name, "text": ""}

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._textarea["text"] += data
        if self._error_depth and data.strip():
            self.errors.append(data.strip())

    def handle_endtag(self, tag):
        if tag in ("ul", "p") and self._error_depth:
            self._error_depth -= 1
        if tag == "option" and self._option is not None and self._select is not None:
            option, self._option = self._option, None
            value = option["value"] if option["value"] is not None else option["text"].strip()
            if self._select["first"] is None:
                self._select["first"] = value
            if option["selected"]:
                self._select["chosen"].append(value)
        elif tag == "select" and self._select is not None:
            select, self._select = self._select, None
            chosen = select["chosen"] or (
                [] if select["multiple"] or select["first"] is None else [select["first"]]
            )
            self.fields += [(select["name"], value) for value in chosen]
        elif tag == "textarea" and self._textarea is not None:
            textarea, self._textarea = self._textarea, None
            self.fields.append((textarea["name"], textarea["text"].removeprefix("\n")))
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is the answer we check, not a page to follow


def fields_of(opener, url: str, form_id: str) -> FormFields:
    with opener.open(url, timeout=30) as response:
        parser = FormFields(form_id)
        parser.feed(response.read().decode())
    return parser


def post(opener, url: str, fields: list[tuple[str, str]]) -> tuple[int, str]:
    """(status, body) of a form POST; a redirect is not followed."""
    data = urllib.parse.urlencode(fields).encode()
    try:
        with opener.open(urllib.request.Request(url, data=data), timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as answer:  # 3xx (not followed) and 4xx/5xx
        return answer.code, answer.read().decode()


def errors_in(html: str) -> list[str]:
    """The messages of a refused form (Django's errornote and errorlists)."""
    parser = FormFields()
    parser.feed(html)
    return parser.errors


def fail(message: str) -> None:
    print(f"admin_edit: {message}", file=sys.stderr)
    sys.exit(1)


def main(base: str, change_path: str, new_name: str) -> None:
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
    )
    language, admin = change_path.strip("/").split("/")[:2]
    login = f"{base}/{language}/{admin}/login/"
    form = fields_of(opener, login, "login-form")
    credentials = {
        "username": os.environ["DJANGO_SUPERUSER_USERNAME"],
        "password": os.environ["DJANGO_SUPERUSER_PASSWORD"],
    }
    fields = [(name, credentials.get(name, value)) for name, value in form.fields]
    status, body = post(opener, login, fields)
    if status != 302:
        fail(f"the login answered {status}, not a redirect: {' '.join(errors_in(body))}")

    model = change_path.strip("/").split("/")[-3]  # …/networks/organization/7/change/
    form = fields_of(opener, base + change_path, f"{model}_form")
    if not any(name == "name_en" for name, _ in form.fields):
        fail(f"no name_en field in the form at {change_path}")
    fields = [(name, new_name if name == "name_en" else value) for name, value in form.fields]
    status, body = post(opener, base + change_path, [*fields, ("_save", "Save")])
    if status != 302:
        fail(f"the change form answered {status}, not a redirect: {' '.join(errors_in(body))}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        fail("usage: admin_edit.py BASE_URL CHANGE_PATH NEW_ENGLISH_NAME")
    main(*sys.argv[1:])
