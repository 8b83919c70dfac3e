#!/usr/bin/env python3
"""Second, blind labelling of a freshly collected test set.

A collector's label is one person's reading of the category definitions. Before the test set is
measured, a second person labels every text without seeing the first label (or the classifier),
and each disagreement is settled by the definitions. This keeps the test figure a measure of the
classifier rather than of one labeller's slips.

  blind_labels.py prepare --out BLIND_DIR --key KEY.tsv SET_DIR...
      copies every SET_DIR/<category>/<name>.txt to BLIND_DIR/<nnn>.txt without its `# expected:`
      and `# note:` lines, in a shuffled order (fixed seed), and writes the mapping to KEY.tsv
      (keep it outside BLIND_DIR).
  blind_labels.py compare --key KEY.tsv LABELS.tsv
      LABELS.tsv holds `<nnn>\t<category id>` lines from the blind labeller; prints each text
      whose two labels differ, and the agreement rate.
"""

import argparse
import random
import sys
from pathlib import Path

HIDDEN = ("# expected:", "# note:")


def texts(dirs):
    for d in dirs:
        for path in sorted(Path(d).glob("*/*.txt")):
            yield path


def prepare(args):
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=False)
    paths = list(texts(args.sets))
    random.Random(20261206).shuffle(paths)
    rows = []
    for n, path in enumerate(paths, 1):
        lines = path.read_text(encoding="utf-8").split("\n")
        try:
            end = lines.index("---")
        except ValueError:
            sys.exit(f"{path}: expected a `---` line after the header, found none")
        header = [line for line in lines[:end] if not line.startswith(HIDDEN)]
        expected = next(
            (line.split(":", 1)[1].strip() for line in lines[:end] if line.startswith("# expected:")),
            None,
        )
        if not expected:
            sys.exit(f"{path}: expected a `# expected:` header line, found none")
        (out / f"{n:03}.txt").write_text("\n".join(header + lines[end:]), encoding="utf-8")
        rows.append(f"{n:03}\t{expected}\t{path}")
    Path(args.key).write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} texts written to {out}")


def compare(args):
    key = {}
    for line in Path(args.key).read_text(encoding="utf-8").splitlines():
        n, expected, path = line.split("\t")
        key[n] = (expected, path)
    second = {}
    for i, line in enumerate(Path(args.labels).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or parts[0] not in key:
            sys.exit(f"{args.labels}:{i}: expected `<nnn>\\t<category>` with a known number, found {line[:60]!r}")
        second[parts[0]] = parts[1].strip()
    missing = sorted(set(key) - set(second))
    if missing:
        print(f"not labelled blind: {', '.join(missing)}")
    differ = [(n, key[n], second[n]) for n in sorted(second) if second[n] != key[n][0]]
    for n, (expected, path), got in differ:
        print(f"{n}\tfirst {expected}\tblind {got}\t{path}")
    agreed = len(second) - len(differ)
    print(f"agreement {agreed}/{len(second)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--out", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("sets", nargs="+")
    c = sub.add_parser("compare")
    c.add_argument("--key", required=True)
    c.add_argument("labels")
    args = parser.parse_args()
    {"prepare": prepare, "compare": compare}[args.command](args)


if __name__ == "__main__":
    main()
