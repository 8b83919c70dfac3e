#!/usr/bin/env python3
"""Split the real-text corpus into a development set and a test set, once.

Stratified by category (the directory name): within each category the files
are ordered by the SHA-256 of their repository-relative path, and the first
round(30%) go to `test`, the rest to `dev`. The order depends only on the path,
so the split is deterministic and does not look at any text.

Small categories: a category with a single text puts it in `dev` (there is
nothing to measure on test, and the rule needs one example to be written
against); a category with 2 or 3 texts keeps at least one in `dev` and one in
`test`.

Usage: tools/split_corpus.py [--check]
Writes tests/fixtures/real/split.tsv (path, category, set). With --check,
fails if the file on disk differs from what would be written, or if a corpus
file is missing from it (new files must be added by re-running the script,
which never moves an existing file between sets).
"""

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "real"
SPLIT = CORPUS / "split.tsv"
TEST_SHARE = 0.30


def digest(rel: str) -> str:
    return hashlib.sha256(rel.encode("utf-8")).hexdigest()


def existing() -> dict:
    """Assignments already recorded: re-running never moves a file."""
    out = {}
    if SPLIT.exists():
        for line in SPLIT.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#") or line.startswith("path\t"):
                continue
            path, _cat, which = line.split("\t")
            out[path] = which
    return out


def split() -> list:
    recorded = existing()
    rows = []
    for cat_dir in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        files = sorted(
            (str(f.relative_to(ROOT)) for f in cat_dir.glob("*.txt")), key=digest
        )
        n = len(files)
        if n == 1:
            n_test = 0
        else:
            n_test = min(max(round(n * TEST_SHARE), 1), n - 1)
        fresh = [f for f in files if f not in recorded]
        test_now = sum(1 for f in files if recorded.get(f) == "test")
        for i, rel in enumerate(files):
            if rel in recorded:
                which = recorded[rel]
            else:
                # New files top the category up towards its share, in hash order.
                which = "test" if test_now < n_test and rel in fresh[: n_test - test_now] else "dev"
            rows.append((rel, cat_dir.name, which))
    rows.sort()
    return rows


def render(rows: list) -> str:
    lines = [
        "# Development / test split of tests/fixtures/real, written by tools/split_corpus.py.",
        "# Stratified by category; ~30% test by SHA-256 of the path. Rules are tuned on dev only.",
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
    counts = {}
    for _rel, cat, which in split():
        counts.setdefault(cat, {"dev": 0, "test": 0})[which] += 1
    for cat, c in counts.items():
        print(f"{cat}\tdev={c['dev']}\ttest={c['test']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
