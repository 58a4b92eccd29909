"""Lighthouse (npm, devtools/audit/node_modules) on one page: mobile, its default form factor and simulated
throttling, the four categories, Debian's Chromium under the browser tests' flags (nothing leaves the
machine). Writes the JSON and HTML reports, and reads back the scores, the layout shift and what failed."""

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

from .pages import LIGHTHOUSE_CATEGORIES

LIGHTHOUSE = Path(__file__).resolve().parent / "node_modules" / ".bin" / "lighthouse"
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)
TIMEOUT = 240  # seconds for one run; a run takes 20–40 s on two busy cores


@dataclass
class Run:
    scores: dict[str, int]  # category → 0–100
    cls: float
    metrics: list[str]  # "Largest Contentful Paint 2.1 s (score 0.97)"
    failed: list[str] = field(default_factory=list)  # the audits that cost points, with their elements
    warnings: list[str] = field(default_factory=list)


def chrome_flags() -> str:
    """The browser tests' Chromium flags as one --chrome-flags string (a value with spaces quoted)."""
    return " ".join(
        f'{flag.split("=", 1)[0]}="{flag.split("=", 1)[1]}"' if " " in flag else flag
        for flag in CHROMIUM_ARGS
    )


def run(url: str, report_base: Path) -> Run:
    """Lighthouse on `url`; its reports are written to `<report_base>.report.json` and `.report.html`."""
    report_base.parent.mkdir(parents=True, exist_ok=True)
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output=html",
        f"--output-path={report_base}",
        f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
        f"--chrome-flags={chrome_flags()}",
        "--no-enable-error-reporting",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", str(CHROMIUM))}
    for _attempt in range(2):
        completed = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
        # Lighthouse itself asks to be run again when its trace of the load went wrong (NO_NAVSTART, seen
        # on the first page of a fresh Chromium): once, then the failure is reported.
        if completed.returncode == 0 or "Please run Lighthouse again" not in completed.stderr:
            break
    if completed.returncode != 0:
        raise RuntimeError(
            f"lighthouse exited with {completed.returncode}: {completed.stderr.strip()[-2000:]}"
        )
    return read(json.loads(Path(f"{report_base}.report.json").read_text()))


def read(lhr: dict) -> Run:
    """The figures of a Lighthouse result (its JSON report)."""
    if lhr.get("runtimeError"):
        raise RuntimeError(f"lighthouse: {lhr['runtimeError'].get('message')}")
    audits = lhr["audits"]
    scores = {}
    for category in LIGHTHOUSE_CATEGORIES:
        score = lhr["categories"][category]["score"]
        if score is None:
            raise RuntimeError(f"lighthouse gave no {category} score")
        scores[category] = round(score * 100)
    metrics = [
        f"{audits[m]['title']} {audits[m].get('displayValue', '')} (score {audits[m]['score']})"
        for m in METRICS
    ]
    failed = {}
    for category in LIGHTHOUSE_CATEGORIES:
        for ref in lhr["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["id"] in METRICS or ref.get("group") == "hidden":  # the metrics above; insights repeat
                continue  # the diagnostics
            if audit.get("score") is None or audit["score"] >= 1:
                continue
            if ref.get("weight", 0) == 0 and audit["score"] >= 0.5:
                continue  # unweighted diagnostics that pass well enough
            failed.setdefault(ref["id"], _describe(category, audit))
    if audits["cumulative-layout-shift"]["numericValue"] > 0:  # what moved, and why, however little
        failed.setdefault("layout-shifts", _describe("performance", audits["layout-shifts"]))
    return Run(
        scores=scores,
        cls=audits["cumulative-layout-shift"]["numericValue"],
        metrics=metrics,
        failed=list(failed.values()),
        warnings=list(lhr.get("runWarnings", [])),
    )


def _describe(category: str, audit: dict, limit: int = 5) -> str:
    """One failed audit: its category, score and title, then up to `limit` of its elements or resources."""
    value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
    lines = [f"[{category}] {audit['title']}{value}: score {audit.get('score')}"]
    items = (audit.get("details") or {}).get("items") or []
    for item in items[:limit]:
        node = item.get("node") or {}
        if node.get("type") == "node":
            score = f" (shift {item['score']:.3f})" if isinstance(item.get("score"), float) else ""
            lines.append(f"    {node.get('selector', '')}{score}: {node.get('snippet', '')[:160]}")
        elif item.get("url"):
            lines.append(f"    {item['url']}")
        if node.get("explanation"):
            lines.append(f"      {' '.join(node['explanation'].split())[:300]}")
        for sub in ((item.get("subItems") or {}).get("items") or [])[:limit]:
            if sub.get("cause"):  # a layout shift's cause, such as a web font
                lines.append(f"      {sub['cause']}: {(sub.get('extra') or {}).get('value', '')}")
            elif sub.get("relatedNode"):  # a touch target's neighbour
                lines.append(f"      next to {sub['relatedNode'].get('selector', '')}")
    if len(items) > limit:
        lines.append(f"    … and {len(items) - limit} more")
    return "\n".join(lines)
