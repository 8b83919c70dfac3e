#!/usr/bin/env python3
"""Record every text of the real-text corpus tests/fixtures/real and its origin.

Every text of tests/fixtures/real is development data: rules may be tuned on
it. The origin column says which collection a text came from and why it is not
held out:

  first    collected first. Once split 70/30 into development and test, but the
           test part's figures were read (in aggregate, per category) many times
           while rules were tuned, so it no longer measured unseen texts.
  holdout  the former test set tests/fixtures/holdout/. Its texts were never
           opened while rules were tuned, but its figures were looked at three
           times in aggregate, so it no longer measured unseen texts either and
           was moved here.
  added    found in public threads while rules were generalised, verbatim with
           their source line.
  holdoutN each later test set (FORMER_TEST_SETS below, in the order they
           were collected), collected by people who never saw the classifier
           and, from holdout5 on, labelled twice, the second time blind. Each
           was measured once (its top-1 figure is in the table), then its texts
           were read and used for tuning, so it measures nothing unseen any
           more and was moved here.

The test set is tests/fixtures/holdout/, a collection made by people who never
saw the classifier; its texts are only measured by examples/classify_eval.rs.

Usage: tools/split_corpus.py [--origin ORIGIN] [--check]   (ORIGIN: one of ORIGINS)
Writes tests/fixtures/real/split.tsv (path, category, set, origin). A text
keeps the origin split.tsv already records; a text not yet recorded takes the
one given with --origin (without it the script refuses and lists them). With
--check, fails if the file on disk differs from what would be written (a corpus
file added or removed without re-running the script).
"""

import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "real"
SPLIT = CORPUS / "split.tsv"
# The former test sets, in the order they were collected, each with the top-1
# figure (over the categories) of its one measurement. A spent test set is
# added here when its texts move into the corpus.
FORMER_TEST_SETS = (
    ("holdout2", "78.1"),
    ("holdout3", "92.0"),
    ("holdout4", "92.0"),
    ("holdout5", "93.8"),
    ("holdout6", "87.2"),
    ("holdout7", "93.5"),
    ("holdout8", "92.0"),
    ("holdout9", "90.9"),
    ("holdout10", "82.4"),
    ("holdout11", "90.4"),
    ("holdout12", "91.2"),
    ("holdout13", "93.2"),
    ("holdout14", "91.4"),
    ("holdout15", "94.7"),
    ("holdout16", "74.5"),
    ("holdout17", "73.7"),
    ("holdout18", "70.6"),
    ("holdout19", "93.3"),
)
ORIGINS = ("first", "holdout", "added") + tuple(o for o, _ in FORMER_TEST_SETS)


def recorded() -> dict:
    """Origins split.tsv records now, by path."""
    out = {}
    if not SPLIT.exists():
        return out
    for line in SPLIT.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("path\t"):
            continue
        cols = line.split("\t")
        if len(cols) != 4 or cols[3] not in ORIGINS:
            raise SystemExit(f"split.tsv: expected path, category, set, origin; found {line!r}")
        out[cols[0]] = cols[3]
    return out


def rows(origin_for_new):
    """(path, category, set, origin) of every corpus text, and the paths without an origin."""
    known = recorded()
    out, missing = [], []
    for cat_dir in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        for f in sorted(cat_dir.glob("*.txt")):
            path = str(f.relative_to(ROOT))
            origin = known.get(path, origin_for_new)
            if origin is None:
                missing.append(path)
                continue
            out.append((path, cat_dir.name, "dev", origin))
    out.sort()
    return out, missing


def render(table: list) -> str:
    prose = (
        "All are development data. origin first: the former 30% test part was read in aggregate "
        "(per-category figures) while rules were tuned. origin holdout: the former test set, whose "
        "figures were looked at three times in aggregate while rules were tuned, so it was demoted. "
        "origin added: found while rules were generalised. "
        + " ".join(
            f"origin {o}: a later test set, measured once ({top1}% top-1 over the categories), "
            "then read and used for tuning, so demoted."
            for o, top1 in FORMER_TEST_SETS
        )
    )
    lines = ["# Every text of tests/fixtures/real with its origin, written by tools/split_corpus.py."]
    lines += textwrap.wrap(
        prose, width=98, initial_indent="# ", subsequent_indent="# ", break_on_hyphens=False
    )
    lines += [
        "# The test set is tests/fixtures/holdout/, whose texts are only measured.",
        "path\tcategory\tset\torigin",
    ]
    lines += ["\t".join(r) for r in table]
    return "\n".join(lines) + "\n"


def main(argv: list) -> int:
    origin = None
    if "--origin" in argv:
        i = argv.index("--origin")
        origin = argv[i + 1] if i + 1 < len(argv) else ""
        if origin not in ORIGINS:
            print(f"--origin must be one of {', '.join(ORIGINS)}, found {origin!r}", file=sys.stderr)
            return 2
    table, missing = rows(origin)
    if "--check" in argv:
        if missing or not SPLIT.exists() or SPLIT.read_text(encoding="utf-8") != render(table):
            print("split.tsv is out of date: run tools/split_corpus.py", file=sys.stderr)
            return 1
        return 0
    if missing:
        print(f"{len(missing)} texts have no origin yet; give one with --origin:", file=sys.stderr)
        for p in missing:
            print(f"  {p}", file=sys.stderr)
        return 1
    SPLIT.write_text(render(table), encoding="utf-8")
    counts = {o: sum(1 for r in table if r[3] == o) for o in ORIGINS}
    print(f"{len(table)} texts, all dev: " + ", ".join(f"{n} {o}" for o, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
