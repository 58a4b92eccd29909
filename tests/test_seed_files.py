"""Seed files prove they are whole before anything is written (networks/seed_files.py).

`seeds/MANIFEST.sha256` holds the checksum of every seed file. A file cut short, edited without updating the
manifest, added or removed stops `load_seeds` with `file:line: reason` and writes nothing; so do bytes that
are not text (a NUL, invalid UTF-8, a control character), in the YAML files and in the source documents.
Each test works on its own copy of seeds/.
"""

import hashlib
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.test_seeds import SEEDS, row_counts

MANIFEST = "MANIFEST.sha256"
UPDATE = "run manage.py seeds_manifest"
MISMATCH = (
    f"does not match its checksum (the file is cut or was edited without updating the manifest: {UPDATE})"
)


def manifest_for(directory: Path) -> str:
    """The manifest that matches the files of `directory` as they are: what `sha256sum` prints for every
    `*.yaml` file and every file in sources/, one line each, sorted by name."""
    names = [p.name for p in directory.glob("*.yaml")]
    names += [f"sources/{p.name}" for p in (directory / "sources").iterdir()]
    return "".join(
        f"{hashlib.sha256((directory / name).read_bytes()).hexdigest()}  {name}\n" for name in sorted(names)
    )


def manifest_line(directory: Path, name: str) -> int:
    lines = (directory / MANIFEST).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line.endswith(f"  {name}"))


@pytest.fixture
def seeds(tmp_path) -> Path:
    """A copy of seeds/, manifest included, to damage."""
    return shutil.copytree(SEEDS, tmp_path / "seeds")


def refused_load(directory: Path) -> str:
    """Run load_seeds on `directory`, which must fail and write nothing; return its message's first line."""
    before = row_counts()
    with pytest.raises(CommandError) as raised:
        call_command("load_seeds", directory=directory, stdout=StringIO())
    assert row_counts() == before
    first, *rest = str(raised.value).splitlines()
    assert rest == ["Nothing was written."]
    return first


class TestTheCommittedManifest:
    def test_lists_every_seed_file_with_its_checksum(self):
        assert (SEEDS / MANIFEST).read_text(encoding="utf-8") == manifest_for(SEEDS), (
            f"seeds/{MANIFEST} is out of date: {UPDATE}"
        )

    @pytest.mark.skipif(not shutil.which("sha256sum"), reason="no sha256sum on this machine")
    def test_sha256sum_checks_it_too(self):
        checked = subprocess.run(
            ["sha256sum", "--check", "--strict", "--quiet", MANIFEST], cwd=SEEDS, capture_output=True
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr

    def test_seeds_manifest_check_finds_every_file_whole(self):
        out = StringIO()
        call_command("seeds_manifest", check=True, stdout=out)
        assert f"{len(manifest_for(SEEDS).splitlines())} files match" in out.getvalue()


class TestLoadSeedsRefusesFilesThatAreNotWhole:
    def test_a_truncated_file_is_refused_and_nothing_is_written(self, db, seeds):
        # Issue 13: `head -c 3000` over this file used to load 204 rows, a source note cut mid-sentence.
        cut = (SEEDS / "003_defenders_libya.yaml").read_bytes()[:3000]
        (seeds / "003_defenders_libya.yaml").write_bytes(cut)
        line = manifest_line(seeds, "003_defenders_libya.yaml")
        assert refused_load(seeds) == (
            f"{seeds / MANIFEST}:{line}: 003_defenders_libya.yaml does not match its checksum "
            f"(the file is cut or was edited without updating the manifest: {UPDATE})"
        )

    def test_a_source_document_edited_without_updating_the_manifest(self, db, seeds):
        name = "sources/003_ab7413ed0fa06117.txt"
        with (seeds / name).open("a", encoding="utf-8") as document:
            document.write("A sentence the source never printed.")
        assert refused_load(seeds) == f"{seeds / MANIFEST}:{manifest_line(seeds, name)}: {name} {MISMATCH}"

    @pytest.mark.parametrize("name", ["005_new_source.yaml", "sources/005_0123456789abcdef.txt"])
    def test_a_file_missing_from_the_manifest(self, db, seeds, name):
        shutil.copy(seeds / "003_defenders_libya.yaml", seeds / name)
        assert refused_load(seeds) == f"{seeds / name}:1: not listed in {MANIFEST} (a new file? {UPDATE})"

    def test_a_listed_file_that_is_gone(self, db, seeds):
        name = "sources/004_332508a3410ea54d.txt"
        line = manifest_line(seeds, name)
        (seeds / name).unlink()
        assert refused_load(seeds) == (
            f"{seeds / MANIFEST}:{line}: {name} is listed but there is no such file "
            f"(removed or renamed? {UPDATE})"
        )

    def test_a_line_that_names_no_seed_file(self, db, seeds):
        manifest = seeds / MANIFEST
        readme = hashlib.sha256((seeds / "README.md").read_bytes()).hexdigest()
        with manifest.open("a", encoding="utf-8") as lines:
            lines.write(f"{readme}  README.md\n")
        number = len(manifest.read_text(encoding="utf-8").splitlines())
        assert refused_load(seeds) == (
            f"{manifest}:{number}: README.md is listed but is not a seed file (*.yaml, sources/): {UPDATE}"
        )

    def test_a_file_listed_twice(self, db, seeds):
        manifest = seeds / MANIFEST
        lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
        manifest.write_text("".join([*lines, lines[0]]), encoding="utf-8")
        name = lines[0].split()[1]
        assert refused_load(seeds) == f"{manifest}:{len(lines) + 1}: {name} is listed twice ({UPDATE})"

    def test_a_manifest_cut_mid_line(self, db, seeds):
        manifest = seeds / MANIFEST
        manifest.write_bytes(manifest.read_bytes()[:100])  # line 1 and the start of line 2
        assert refused_load(seeds) == f"{manifest}:2: not a line `<sha256>  <file name>` ({UPDATE})"

    def test_no_manifest(self, db, seeds):
        (seeds / MANIFEST).unlink()
        assert refused_load(seeds) == f"{seeds / MANIFEST}: missing ({UPDATE} to write it)"


def damage(directory: Path, name: str, anchor: str, inserted: bytes) -> tuple[Path, int, int]:
    """Insert bytes just before `anchor` in a copied seed file; return the file and the line and column
    (in characters) of the damage."""
    path = directory / name
    data = path.read_bytes()
    at = data.index(anchor.encode())
    path.write_bytes(data[:at] + inserted + data[at:])
    line_start = data.rfind(b"\n", 0, at) + 1
    return path, data.count(b"\n", 0, at) + 1, len(data[line_start:at].decode()) + 1


NOT_UTF8 = "not UTF-8: byte 0x{byte:02x} at column {column} (save the file as UTF-8)"
NOT_TEXT = (
    "character U+{code:04X} at column {column} is not text "
    "(control characters other than tab and line breaks are not allowed)"
)


class TestBytesThatAreNotText:
    """Each with a manifest that matches it, so that the bytes themselves are what the load refuses."""

    @pytest.mark.parametrize(
        ("name", "anchor", "inserted", "reason"),
        [
            pytest.param("003_defenders_libya.yaml", "slug: defenders-libya\n", b"\x00", NOT_TEXT, id="NUL"),
            pytest.param(
                "003_defenders_libya.yaml", "slug: defenders-libya\n", b"\xff", NOT_UTF8, id="not UTF-8"
            ),
            pytest.param("000_inlw_morocco.yaml", "title:", b"\x1b", NOT_TEXT, id="control character"),
            pytest.param("taxonomy.yaml", "causes:", b"\x00", NOT_TEXT, id="NUL in the taxonomy"),
            pytest.param(
                "sources/003_ab7413ed0fa06117.txt", "Marhaba", b"\x00", NOT_TEXT, id="NUL in a document"
            ),
            pytest.param(
                "sources/003_ab7413ed0fa06117.txt", "Marhaba", b"\x0c", NOT_TEXT, id="form feed in a document"
            ),
            # At the end of an Arabic line: the column counts characters, not bytes.
            pytest.param(
                "sources/001_6c51b46cda5372ff.txt", "\n", b"\xd8", NOT_UTF8, id="half an Arabic letter"
            ),
        ],
    )
    def test_are_refused_at_their_line_and_column_and_nothing_is_written(
        self, db, seeds, name, anchor, inserted, reason
    ):
        path, line, column = damage(seeds, name, anchor, inserted)
        (seeds / MANIFEST).write_text(manifest_for(seeds), encoding="utf-8")
        reason = reason.format(code=inserted[0], byte=inserted[0], column=column)
        assert refused_load(seeds) == f"{path}:{line}: {reason}"

    def test_seeds_manifest_will_not_vouch_for_them(self, seeds):
        before = (seeds / MANIFEST).read_bytes()
        path, line, column = damage(seeds, "sources/003_ab7413ed0fa06117.txt", "Marhaba", b"\x00")
        with pytest.raises(CommandError) as raised:
            call_command("seeds_manifest", directory=seeds, stdout=StringIO())
        assert str(raised.value).splitlines() == [
            f"{path}:{line}: {NOT_TEXT.format(code=0, column=column)}",
            f"{MANIFEST} was not written.",
        ]
        assert (seeds / MANIFEST).read_bytes() == before


class TestSeedsManifestCommand:
    def test_after_a_deliberate_edit_it_records_the_new_checksum(self, seeds):
        path = seeds / "003_defenders_libya.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "# An editor's note.\n", encoding="utf-8")
        out = StringIO()
        call_command("seeds_manifest", directory=seeds, stdout=out)
        assert "1 changed: 003_defenders_libya.yaml" in out.getvalue()
        assert (seeds / MANIFEST).read_text(encoding="utf-8") == manifest_for(seeds)
        call_command("seeds_manifest", directory=seeds, check=True, stdout=StringIO())

    def test_run_over_whole_files_it_rewrites_the_same_manifest(self, seeds):
        out = StringIO()
        call_command("seeds_manifest", directory=seeds, stdout=out)
        assert (seeds / MANIFEST).read_bytes() == (SEEDS / MANIFEST).read_bytes()
        assert "unchanged" in out.getvalue()

    def test_check_lists_every_problem_and_writes_nothing(self, seeds):
        before = (seeds / MANIFEST).read_bytes()
        name = "003_defenders_libya.yaml"
        (seeds / name).write_bytes(b"source:\n")
        shutil.copy(seeds / "taxonomy.yaml", seeds / "005_new_source.yaml")
        with pytest.raises(CommandError) as raised:
            call_command("seeds_manifest", directory=seeds, check=True, stdout=StringIO())
        assert str(raised.value).splitlines() == [
            f"{seeds / MANIFEST}:{manifest_line(seeds, name)}: {name} {MISMATCH}",
            f"{seeds / '005_new_source.yaml'}:1: not listed in {MANIFEST} (a new file? {UPDATE})",
            "2 problem(s): load_seeds would refuse these seeds.",
        ]
        assert (seeds / MANIFEST).read_bytes() == before
