"""The Nu HTML Checker (vnu.jar from the npm package vnu-jar, run by the machine's Java) on pages saved as
served: one Java start for every page."""

import json
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

VNU_JAR = Path(__file__).resolve().parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
TIMEOUT = 300


@dataclass
class Message:
    """One message of the checker about one file."""

    kind: str  # "error" (invalid HTML, or the file unreadable), "warning" or "info" (a note)
    line: int | None
    text: str
    extract: str

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        extract = " ".join(self.extract.split())[:160]
        return f"{self.kind}: {where}{self.text}" + (f"\n      «{extract}»" if extract else "")


def fetch(url: str, path: Path) -> int:
    """Save the page at `url` (its body, whatever its status) to `path`; return the status."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:  # a 404 page is checked too
        status, body = error.code, error.read()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    return status


def check(paths: list[Path]) -> dict[Path, list[Message]]:
    """vnu.jar on every file at once; each file's messages in document order (a note follows its error)."""
    completed = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,  # vnu.jar exits 1 when it finds errors
    )
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError as error:
        raise RuntimeError(
            f"vnu.jar gave no report ({completed.returncode}): {completed.stderr[-2000:]}"
        ) from error
    by_name = {f"file:{path.resolve()}": path for path in paths}  # vnu.jar names files file:/abs/path
    found: dict[Path, list[Message]] = {path: [] for path in paths}
    for message in report["messages"]:
        path = by_name.get(message.get("url", ""))
        if path is None:
            raise RuntimeError(f"vnu.jar: {message.get('message')}")  # about no file: the checker itself
        found[path].append(
            Message(
                kind="error" if message["type"] != "info" else message.get("subType", "info"),
                line=message.get("lastLine"),
                text=message.get("message", ""),
                extract=message.get("extract", ""),
            )
        )
    return found
