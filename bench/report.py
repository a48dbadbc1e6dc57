#!/usr/bin/env python3
"""Turn bench/run.sh's raw measurements into the Markdown report.

    python3 bench/report.py target/bench/raw.tsv

Input lines (tab-separated): `meta KEY VALUE`, `input NAME DESCRIPTION`,
`row TOOL PATH INPUT WALLS(comma-separated s) PEAK_KB SIZE DETAIL`,
`skip TOOL PATH INPUT REASON`, `fonts TOOL PATH INPUT NAMES`.
"""

from __future__ import annotations

import statistics
import sys
from dataclasses import dataclass

# Targets of issue 5, point 3.
SAMPLE_BOTH_S = 0.050
MDBOOK_BOTH_S = 1.5
TECH_BOTH_S = 1.5
LARGE_BOTH_S = 1.0
LARGE_PEAK_MB = 300
# Issue 13, point 3: EPUB+PDF after a one-chapter edit of the large book.
EDIT_BOTH_S = 0.050
EDIT = "EPUB+PDF, one-chapter edit"
GROWTH_MAX = 2.2
PEER_FACTOR = 10


@dataclass
class Row:
    tool: str
    path: str
    input: str
    walls: list[float]
    peak_kb: int
    size: int
    detail: str
    cpus: list[float]

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> str:
        return human_time(statistics.median(self.cpus)) if self.cpus else "—"

    @property
    def makes_pdf(self) -> bool:
        return "PDF" in self.path


def human_time(s: float) -> str:
    if s < 1:
        return f"{s * 1000:.0f} ms" if s >= 0.01 else f"{s * 1000:.1f} ms"
    return f"{s:.2f} s"


def human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" or n >= 100 else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n:.1f} GB"


def size_text(row: Row) -> str:
    parts = dict(p.split("=") for p in row.detail.split() if "=" in p)
    if len(parts) > 1:
        return " + ".join(f"{human_bytes(int(v))} {k.upper()}" for k, v in sorted(parts.items()))
    return human_bytes(row.size)


def main() -> None:
    meta: dict[str, str] = {}
    inputs: dict[str, str] = {}
    rows: list[Row] = []
    skips: list[list[str]] = []
    fonts: list[list[str]] = []
    with open(sys.argv[1], encoding="utf-8") as raw:
        for line in raw:
            kind, *fields = line.rstrip("\n").split("\t")
            if kind == "meta":
                meta[fields[0]] = fields[1] if len(fields) > 1 else ""
            elif kind == "input":
                inputs[fields[0]] = fields[1]
            elif kind == "row":
                tool, path, inp, walls, peak, size, *rest = fields
                detail = rest[0] if rest else ""
                cpus = [float(c) for c in rest[1].split(",")] if len(rest) > 1 and rest[1] else []
                rows.append(
                    Row(tool, path, inp, [float(w) for w in walls.split(",")], int(peak),
                        int(size), detail, cpus)
                )
            elif kind == "skip":
                skips.append(fields)
            elif kind == "fonts" and not fields[2].startswith("growth"):
                if fields[0] == "folio" and fields[1] == "EPUB+PDF":
                    continue  # the same PDF as folio → PDF
                fonts.append(fields)

    def find(tool: str, path: str, inp: str) -> Row | None:
        return next((r for r in rows if (r.tool, r.path, r.input) == (tool, path, inp)), None)

    out: list[str] = []
    out.append(f"Measured {meta.get('date', '?')} on {meta.get('cpu', '?')}, "
               f"{meta.get('nproc', '?')} cores, {meta.get('memory', '?')} memory "
               f"({meta.get('os', '?')}; load average at start {meta.get('load', '?')}). "
               f"folio {meta.get('folio', '?')}, release build, {meta.get('rustc', '')}.")
    out.append("")
    out.append(f"Wall time: median of {meta.get('runs', '?')} runs after a warm-up. "
               "CPU time: user + system of the command and its children (`/usr/bin/time`), "
               "less disturbed than wall time by other work on the machine. "
               "Peak memory: largest resident set of any one process (`/usr/bin/time -f %M`). "
               "Ratio: the peer's wall time over folio's for the same output format "
               "(folio EPUB for EPUB peers, folio PDF for PDF peers).")
    out.append("")
    for name, text in inputs.items():
        out.append(f"- input `{name}`: {text}")
    versions = [meta[k] for k in ("pandoc", "xelatex", "typst", "calibre") if k in meta]
    if versions:
        out.append("- peers: " + "; ".join(versions))
    out.append("")
    out.append("| tool and path | input | wall (median) | CPU time (median) | peak RSS | "
               "output size | folio faster by |")
    out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for inp in ("sample", "large", "mdbook", "tech", "edit"):
        for r in [r for r in rows if r.input == inp]:
            if r.tool.startswith("folio"):
                ratio = "—"
            elif inp == "edit":
                ref = find("folio", EDIT, inp)
                ratio = f"{r.wall / ref.wall:.1f}×" if ref else "?"
            else:
                ref = find("folio", "PDF" if r.makes_pdf else "EPUB", inp)
                ratio = f"{r.wall / ref.wall:.1f}×" if ref else "?"
            peak = f"{r.peak_kb / 1024:.0f} MB" if r.peak_kb else "—"
            size = size_text(r) if r.size else "—"
            out.append(f"| {r.tool} → {r.path} | {inp} | {human_time(r.wall)} | {r.cpu} | "
                       f"{peak} | {size} | {ratio} |")
    out.append("")

    if skips:
        out.append("Skipped:")
        for tool, path, inp, reason in skips:
            what = " ".join(x for x in (tool, path and f"→ {path}", inp and f"({inp})") if x)
            out.append(f"- {what}: {reason}")
        out.append("")
    if fonts:
        out.append("Fonts embedded in each PDF (`pdffonts`, subset prefixes removed):")
        for tool, path, inp, names in fonts:
            out.append(f"- {tool} → {path} ({inp}): {names or 'none'}")
        out.append("")

    # Growth.
    growth = meta.get("growth", "").split()
    series: dict[str, list[tuple[str, Row | None]]] = {}
    if len(growth) == 3:
        half, full, double = growth
        out.append(f"Growth, folio (target: at most {GROWTH_MAX}× the time for twice the input):")
        out.append("")
        out.append("| output | characters | wall (median) | CPU time (median) | peak RSS "
                   "| ratio to half |")
        out.append("| --- | ---: | ---: | ---: | ---: | ---: |")
        for path in ("EPUB+PDF", "PDF"):
            rows_of = [
                (half, find("folio", path, f"growth-{half}")),
                (full, find("folio", path, "large")),
                (double, find("folio", path, f"growth-{double}")),
            ]
            series[path] = rows_of
            prev = None
            for n, r in rows_of:
                if r is None:
                    out.append(f"| {path} | {int(n):,} | failed | | | |")
                    prev = None
                    continue
                ratio = f"{r.wall / prev.wall:.2f}×" if prev else "—"
                out.append(f"| {path} | {int(n):,} | {human_time(r.wall)} | {r.cpu} | "
                           f"{r.peak_kb / 1024:.0f} MB | {ratio} |")
                prev = r
        out.append("")

    # Targets.
    out.append("Targets (issue 5, point 3):")
    out.append("")

    def check(ok: bool | None, text: str) -> None:
        mark = "n/a" if ok is None else ("met" if ok else "**MISSED**")
        out.append(f"- {mark}: {text}")

    both_s = find("folio", "EPUB+PDF", "sample")
    check(both_s and both_s.wall <= SAMPLE_BOTH_S,
          f"sample, EPUB+PDF ≤ {SAMPLE_BOTH_S * 1000:.0f} ms: "
          f"{human_time(both_s.wall) if both_s else 'not measured'}")
    both_l = find("folio", "EPUB+PDF", "large")
    check(both_l and both_l.wall <= LARGE_BOTH_S,
          f"large, EPUB+PDF ≤ {LARGE_BOTH_S:.0f} s: "
          f"{human_time(both_l.wall) if both_l else 'not measured'}")
    check(both_l and both_l.peak_kb / 1024 <= LARGE_PEAK_MB,
          f"large, peak memory ≤ {LARGE_PEAK_MB} MB: "
          f"{f'{both_l.peak_kb / 1024:.0f} MB' if both_l else 'not measured'}")
    both_m = find("folio", "EPUB+PDF", "mdbook")
    check(both_m and both_m.wall <= MDBOOK_BOTH_S,
          f"mdBook (600k characters, 700 listings, 20 SVG), EPUB+PDF ≤ {MDBOOK_BOTH_S} s "
          f"(issue 10): {human_time(both_m.wall) if both_m else 'not measured'}")
    both_t = find("folio", "EPUB+PDF", "tech")
    check(both_t and both_t.wall <= TECH_BOTH_S,
          f"technical book (500 listings, 500 formulas, ~300 pages), EPUB+PDF ≤ {TECH_BOTH_S} s "
          f"(issue 11): {human_time(both_t.wall) if both_t else 'not measured'}")
    edit = find("folio", EDIT, "edit")
    check(edit and edit.wall <= EDIT_BOTH_S,
          f"large, one-chapter edit, EPUB+PDF rebuilt ≤ {EDIT_BOTH_S * 1000:.0f} ms (issue 13): "
          f"{human_time(edit.wall) if edit else 'not measured'}"
          + (f" (clean build {human_time(both_l.wall)})" if edit and both_l else ""))
    for path, rows_of in series.items():
        walls = [r.wall if r else None for _, r in rows_of]
        if None in walls:
            check(None, f"growth of {path}: not measured")
        else:
            ratios = [walls[1] / walls[0], walls[2] / walls[1]]
            check(max(ratios) <= GROWTH_MAX,
                  f"growth of {path} ≤ {GROWTH_MAX}× per doubling: "
                  + ", ".join(f"{x:.2f}×" for x in ratios))
    for inp in ("sample", "large"):
        folio_both = find("folio", "EPUB+PDF", inp)
        peers = [r for r in rows
                 if r.input == inp and not r.tool.startswith("folio") and r.makes_pdf]
        if not peers or not folio_both:
            missing = "no PDF peer measured" if not peers else "folio EPUB+PDF not measured"
            check(None, f"{inp}: ≥ {PEER_FACTOR}× faster than the fastest PDF peer: {missing}")
        if peers:
            fastest = min(peers, key=lambda r: r.wall)
            if folio_both:
                factor = fastest.wall / folio_both.wall
                check(factor >= PEER_FACTOR,
                      f"{inp}: ≥ {PEER_FACTOR}× faster than the fastest PDF peer "
                      f"({fastest.tool}, {human_time(fastest.wall)}): folio EPUB+PDF "
                      f"{human_time(folio_both.wall)}, {factor:.1f}×")
            smallest = min(peers, key=lambda r: r.size)
            for r in rows:
                if r.input == inp and r.tool.startswith("folio") and r.path == "PDF":
                    check(r.size <= smallest.size,
                          f"{inp}: PDF no larger than the smallest peer's ({smallest.tool}, "
                          f"{human_bytes(smallest.size)}): {r.tool} {human_bytes(r.size)}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
