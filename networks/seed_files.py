"""The seed files, proven whole and readable before the loader (seeds.py) writes anything.

`seeds/MANIFEST.sha256` holds the SHA-256 of every `*.yaml` file in seeds/ and every file in seeds/sources/,
one `<hex>  <name>` line per file, sorted by name: the format `sha256sum` writes and checks
(`cd seeds && sha256sum --check MANIFEST.sha256`). A file cut short by a failed copy or edited by accident
no longer matches, and the load stops instead of writing the part of its facts that survived. After a
deliberate edit, `manage.py seeds_manifest` records the new checksums (`write_manifest`).

`read()` reads each file once: the bytes checked are the bytes loaded. It also decodes them, so that a NUL
or invalid UTF-8, in the YAML files and in the source documents alike, is reported at its line.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from . import controls

MANIFEST = "MANIFEST.sha256"
SOURCES = "sources"
UPDATE = "run manage.py seeds_manifest"

# `sha256sum` marks a file read in binary mode with `*` instead of the second space.
MANIFEST_LINE = re.compile(r"([0-9a-fA-F]{64}) [ *](.+)")
# The characters that are not text, by the rule the admin and the import apply (controls.py): all those YAML
# refuses to read, and NEL. The source documents are held to it too, so every seed file is text by one rule.
NOT_TEXT = controls.NOT_TEXT


class SeedError(Exception):
    """A problem in a seed file, located by file, line and entry."""

    def __init__(self, message: str, path: Path | None = None, line: int | None = None, entry=""):
        self.message, self.path, self.line, self.entry = message, path, line, entry
        super().__init__(str(self))

    def __str__(self):
        where = f"{self.path}:{self.line}" if self.line else str(self.path or "")
        entry = f" {self.entry}:" if self.entry else ""
        return f"{where}:{entry} {self.message}".strip()


def read(directory: Path) -> dict[str, str]:
    """The text of every seed file, by its name in `directory` (`taxonomy.yaml`, `sources/….txt`).

    Raises SeedError on the first problem `check()` finds."""
    texts, problems = check(directory)
    if problems:
        raise problems[0]
    return texts


def check(directory: Path) -> tuple[dict[str, str], list[SeedError]]:
    """The text of every seed file that is text, and every problem: the manifest's first (a file it does not
    list, a line whose file is gone or whose checksum differs), then the bytes that are not text."""
    contents = _contents(directory)
    problems = _against_manifest(directory, contents)
    texts = {}
    for name, data in contents.items():
        try:
            texts[name] = decode(directory / name, data)
        except SeedError as error:
            problems.append(error)
    return texts, problems


def write_manifest(directory: Path) -> list[str]:
    """Record the checksums of the seed files as they are now; return the names whose line changed.

    Refuses (SeedError) while a file is not text: the manifest vouches for files the loader can read."""
    contents = _contents(directory)
    for name, data in contents.items():
        decode(directory / name, data)
    path = directory / MANIFEST
    before = _listed(path.read_text(encoding="utf-8", errors="replace")) if path.exists() else {}
    after = {name: _checksum(data) for name, data in contents.items()}
    # Written whole or not at all, like everything the manifest guards.
    partial = path.with_name(f".{MANIFEST}.partial")
    partial.write_text("".join(f"{after[name]}  {name}\n" for name in sorted(after)), encoding="utf-8")
    partial.replace(path)
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


def decode(path: Path, data: bytes) -> str:
    """`data` as UTF-8 text YAML can read, or a SeedError at the line of the first byte that is not."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(data[: error.start].decode("utf-8"))
        raise SeedError(
            f"not UTF-8: byte 0x{data[error.start]:02x} at column {column} (save the file as UTF-8)",
            path,
            line,
        ) from None
    if match := NOT_TEXT.search(text):
        line, column = _position(text[: match.start()])
        raise SeedError(
            f"character U+{ord(match.group()):04X} at column {column} is not text "
            "(control characters other than tab and line breaks are not allowed)",
            path,
            line,
        )
    return text


def _contents(directory: Path) -> dict[str, bytes]:
    """The bytes of every seed file: `*.yaml` here and everything under sources/."""
    paths = [p for p in directory.glob("*.yaml") if p.is_file()]
    if (directory / SOURCES).is_dir():
        paths += [p for p in (directory / SOURCES).rglob("*") if p.is_file()]
    contents = {}
    for path in sorted(paths):
        try:
            contents[path.relative_to(directory).as_posix()] = path.read_bytes()
        except OSError as error:
            raise SeedError(f"cannot read: {error.strerror}", path) from error
    return contents


def _against_manifest(directory: Path, contents: dict[str, bytes]) -> list[SeedError]:
    path = directory / MANIFEST
    if not path.is_file():
        return [SeedError(f"missing ({UPDATE} to write it)", path)]
    try:
        lines = decode(path, path.read_bytes()).split("\n")
    except SeedError as error:
        return [error]
    except OSError as error:
        return [SeedError(f"cannot read: {error.strerror}", path)]
    problems, listed = [], {}
    for number, line in enumerate(lines, start=1):
        line = line.removesuffix("\r")
        if not line and number == len(lines):
            break  # the newline that ends the last line
        match = MANIFEST_LINE.fullmatch(line)
        if not match:
            problems.append(SeedError(f"not a line `<sha256>  <file name>` ({UPDATE})", path, number))
        elif match[2] in listed:
            problems.append(SeedError(f"{match[2]} is listed twice ({UPDATE})", path, number))
        else:
            listed[match[2]] = number, match[1].lower()
    for name, (number, checksum) in listed.items():
        if reason := _mismatch(directory, contents, name, checksum):
            problems.append(SeedError(reason, path, number))
    problems += [
        SeedError(f"not listed in {MANIFEST} (a new file? {UPDATE})", directory / name, 1)
        for name in contents
        if name not in listed
    ]
    return problems


def _mismatch(directory: Path, contents: dict[str, bytes], name: str, checksum: str) -> str | None:
    """Why the file named on a line of the manifest does not match the line, if it does not."""
    if name in contents:
        if _checksum(contents[name]) == checksum:
            return None
        return (
            f"{name} does not match its checksum "
            f"(the file is cut or was edited without updating the manifest: {UPDATE})"
        )
    if (directory / name).exists():
        return f"{name} is listed but is not a seed file (*.yaml, sources/): {UPDATE}"
    return f"{name} is listed but there is no such file (removed or renamed? {UPDATE})"


def _listed(text: str) -> dict[str, str]:
    """Name → checksum of the well-formed lines of a manifest."""
    return {
        match[2]: match[1].lower() for line in text.splitlines() if (match := MANIFEST_LINE.fullmatch(line))
    }


def _checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _position(before: str) -> tuple[int, int]:
    """The line and column (in characters, from 1) just after `before`, the text that precedes a problem."""
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
