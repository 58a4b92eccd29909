"""python -m devtools.audit --url http://127.0.0.1:PORT: the Nu HTML Checker, axe-core with screenshots, and
Lighthouse on a running server (devtools/audit/run starts one with production settings, then calls this).
Prints every figure and message as it goes, then the summary table; exits 1 when a target is missed."""

import argparse
import json
import os
import shutil
import sys
import time
from dataclasses import asdict
from pathlib import Path

import django

from .pages import LANGUAGES, LIGHTHOUSE_PAGES, PAGES, VIEWPORTS, expected_status
from .report import PageResult, misses, table, targets

TOOLS = ("nu", "axe", "lighthouse")  # "axe" also takes the screenshots


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m devtools.audit", description=__doc__)
    parser.add_argument("--url", required=True, help="the server, e.g. http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=Path("test-artifacts/audit"), help="reports, screenshots")
    parser.add_argument("--only", default=",".join(TOOLS), help=f"comma-separated, of {', '.join(TOOLS)}")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page kinds")
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    args = parser.parse_args(argv)
    args.url = args.url.rstrip("/")
    for name, allowed in (("only", TOOLS), ("pages", tuple(PAGES)), ("languages", LANGUAGES)):
        chosen = [value.strip() for value in getattr(args, name).split(",") if value.strip()]
        unknown = set(chosen) - set(allowed)
        if unknown:
            parser.error(f"--{name}: unknown {', '.join(sorted(unknown))} (choose from {', '.join(allowed)})")
        setattr(args, name, chosen)
    return args


def slug(kind: str) -> str:
    return kind.replace(" ", "-")


def heading(text: str) -> None:
    print(f"\n== {text}", flush=True)


def run_nu(args, results, nu) -> None:
    heading("Nu HTML Checker (vnu.jar)")
    saved = {}
    for result in results:
        path = args.out / "nu" / f"{slug(result.kind)}-{result.lang}.html"
        status = nu.fetch(f"{args.url}/{result.lang}/{PAGES[result.kind]}", path)
        if status != expected_status(result.kind):
            result.failures.append(f"answered {status}, not {expected_status(result.kind)}")
        saved[path] = result
    for path, messages in nu.check(list(saved)).items():
        result = saved[path]
        result.nu_errors = sum(message.kind == "error" for message in messages)
        print(
            f"{result.name}: {result.nu_errors} error(s), {len(messages) - result.nu_errors} other message(s)"
        )
        for message in messages:
            print(f"    {message}")


def run_browser(args, results, browser) -> None:
    heading("axe-core and screenshots")
    with browser.browser(args.url) as chromium:
        for result in results:
            for viewport in VIEWPORTS:
                png = args.out / "screenshots" / f"{slug(result.kind)}-{result.lang}-{viewport}.png"
                visit = chromium.visit(f"{args.url}/{result.lang}/{PAGES[result.kind]}", viewport, png)
                if visit.status != expected_status(result.kind):
                    result.failures.append(f"answered {visit.status} in the browser")
                if visit.offsite:
                    result.failures.append(f"asked for other hosts on {viewport}: {', '.join(visit.offsite)}")
                result.axe[viewport] = visit.violations
                print(f"{result.name} {viewport}: {visit.violations} axe violation(s); {png}", flush=True)
                if visit.report:
                    print("    " + visit.report.replace("\n", "\n    "))


def run_lighthouse(args, results, lighthouse) -> None:
    heading("Lighthouse (mobile)")
    for result in results:
        if result.kind not in LIGHTHOUSE_PAGES:
            continue
        started = time.monotonic()
        base = args.out / "lighthouse" / f"{slug(result.kind)}-{result.lang}"
        try:
            run = lighthouse.run(f"{args.url}/{result.lang}/{PAGES[result.kind]}", base)
        except Exception as error:  # one broken run must not hide the others' figures
            result.failures.append(f"Lighthouse failed: {error}")
            print(f"{result.name}: Lighthouse failed: {error}", flush=True)
            continue
        result.lighthouse, result.cls = run.scores, run.cls
        scores = ", ".join(f"{category} {score}" for category, score in run.scores.items())
        took = time.monotonic() - started
        print(f"{result.name}: {scores}, CLS {run.cls:.3f} ({took:.0f} s; {base}.report.html)")
        for line in [*run.metrics, *run.failed, *(f"warning: {w}" for w in run.warnings)]:
            print("    " + line.replace("\n", "\n    "), flush=True)


def main(argv=None) -> int:
    args = parse_args(argv)
    # The browser tests' setup (tests/browser/conftest.py) imports the models.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "directory.settings")
    django.setup()
    from . import browser, lighthouse, nu

    for folder in ("nu", "screenshots", "lighthouse"):
        shutil.rmtree(args.out / folder, ignore_errors=True)
    results = [PageResult(kind, lang) for kind in args.pages for lang in args.languages]
    steps = {"nu": (run_nu, nu), "axe": (run_browser, browser), "lighthouse": (run_lighthouse, lighthouse)}
    for tool in TOOLS:
        if tool in args.only:
            started = time.monotonic()
            step, module = steps[tool]
            try:
                step(args, results, module)
            except Exception as error:  # print the figures of the other tools all the same
                print(f"{tool} failed: {error!r}", flush=True)
                for result in results:
                    result.failures.append(f"{tool} failed: {error!r}")
            print(f"({tool}: {time.monotonic() - started:.0f} s)", flush=True)

    heading("Summary")
    print(table(results))
    print(targets())
    missed = misses(results)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "summary.json").write_text(
        json.dumps({"results": [asdict(r) for r in results], "misses": missed}, indent=2, ensure_ascii=False)
    )
    if missed:
        print(f"\nAUDIT FAILED: {len(missed)} target(s) missed or not measured")
        print("\n".join(f"  - {line}" for line in missed))
        return 1
    print("\nAUDIT PASSED: every target met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
