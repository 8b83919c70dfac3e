#!/usr/bin/env python3
"""Record the set of every text of the real-text corpus tests/fixtures/real.

Every text of tests/fixtures/real is development data: rules may be tuned on
it. The corpus was once split 70/30 into development and test, but the test
part's figures were read (in aggregate, per category) many times while rules
were tuned, so it no longer measured texts never used for tuning. The test set
is now the separate collection tests/fixtures/holdout/, gathered by people who
never saw the classifier; its texts are never opened, only measured by
examples/classify_eval.rs.

Usage: tools/split_corpus.py [--check]
Writes tests/fixtures/real/split.tsv (path, category, set). With --check,
fails if the file on disk differs from what would be written (a corpus file
added or removed without re-running the script).
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "real"
SPLIT = CORPUS / "split.tsv"


def split() -> list:
    rows = []
    for cat_dir in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        for f in sorted(cat_dir.glob("*.txt")):
            rows.append((str(f.relative_to(ROOT)), cat_dir.name, "dev"))
    rows.sort()
    return rows


def render(rows: list) -> str:
    lines = [
        "# Set of every text of tests/fixtures/real, written by tools/split_corpus.py.",
        "# All are development data: the former 30% test part was read in aggregate (per-category",
        "# figures) while rules were tuned, so it is no longer held out. The test set is",
        "# tests/fixtures/holdout/, whose texts are only measured.",
        "path\tcategory\tset",
    ]
    lines += ["\t".join(r) for r in rows]
    return "\n".join(lines) + "\n"


def main() -> int:
    text = render(split())
    if "--check" in sys.argv[1:]:
        if not SPLIT.exists() or SPLIT.read_text(encoding="utf-8") != text:
            print("split.tsv is out of date: run tools/split_corpus.py", file=sys.stderr)
            return 1
        return 0
    SPLIT.write_text(text, encoding="utf-8")
    print(f"{len(split())} texts, all dev")
    return 0


if __name__ == "__main__":
    sys.exit(main())
