"""The audit's figures per page and language, the targets they miss, and the summary table."""

from dataclasses import dataclass, field

from .pages import (
    LIGHTHOUSE_CATEGORIES,
    MAX_AXE_VIOLATIONS,
    MAX_CLS,
    MAX_NU_ERRORS,
    MIN_LIGHTHOUSE_SCORE,
    VIEWPORTS,
)


@dataclass
class PageResult:
    """What each tool measured on one page in one language; None where a tool did not run on it."""

    kind: str
    lang: str
    lighthouse: dict[str, int] | None = None  # category → score (0–100)
    cls: float | None = None
    nu_errors: int | None = None
    axe: dict[str, int] = field(default_factory=dict)  # viewport → violations
    failures: list[str] = field(default_factory=list)  # a tool that could not measure (counts as a miss)

    @property
    def name(self) -> str:
        return f"{self.kind} ({self.lang})"


def misses(results: list[PageResult]) -> list[str]:
    """Every figure that misses its target, and every measurement that could not be made, one line each."""
    found = []
    for result in results:
        found.extend(f"{result.name}: {failure}" for failure in result.failures)
        for category, score in (result.lighthouse or {}).items():
            if score < MIN_LIGHTHOUSE_SCORE:
                found.append(f"{result.name}: Lighthouse {category} {score} < {MIN_LIGHTHOUSE_SCORE}")
        if result.cls is not None and result.cls > MAX_CLS:
            found.append(f"{result.name}: layout shift {result.cls:.3f} > {MAX_CLS}")
        if result.nu_errors is not None and result.nu_errors > MAX_NU_ERRORS:
            found.append(f"{result.name}: {result.nu_errors} Nu HTML Checker error(s)")
        for viewport, count in result.axe.items():
            if count > MAX_AXE_VIOLATIONS:
                found.append(f"{result.name}: {count} axe violation(s) on {viewport}")
    return found


def _cell(value, fmt="{}") -> str:
    return "–" if value is None else fmt.format(value)


def table(results: list[PageResult]) -> str:
    """One row per page and language: Lighthouse's four scores and layout shift, Nu errors, axe violations
    per viewport; "–" where a tool did not run, "!" where it failed."""
    short = {"performance": "perf", "accessibility": "a11y", "best-practices": "b-p", "seo": "seo"}
    header = [
        "page",
        "lang",
        *(short[c] for c in LIGHTHOUSE_CATEGORIES),
        "CLS",
        "Nu",
        *(f"axe {v}" for v in VIEWPORTS),
        "",
    ]
    rows = [header]
    for r in results:
        scores = r.lighthouse or {}
        rows.append(
            [
                r.kind,
                r.lang,
                *(_cell(scores.get(c)) for c in LIGHTHOUSE_CATEGORIES),
                _cell(r.cls, "{:.3f}"),
                _cell(r.nu_errors),
                *(_cell(r.axe.get(v)) for v in VIEWPORTS),
                "!" if r.failures else "",
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(line.rstrip() for line in lines)


def targets() -> str:
    return (
        f"targets: Lighthouse ≥ {MIN_LIGHTHOUSE_SCORE} in every category, CLS ≤ {MAX_CLS}, "
        f"Nu {MAX_NU_ERRORS} errors, axe {MAX_AXE_VIOLATIONS} violations"
    )
