#!/usr/bin/env python3
"""Generate src/catalog/keys.rs from data/config-keys.tsv and data/config-keys-empty.tsv.

The TSVs are the one reviewable copy of the configuration-key table and of the
combinations the docs list no keys for; the Rust tables are derived from them so
the data is typed and costs nothing to load. CI runs this script with --check and
fails when the output differs from the committed file.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
TSV = ROOT / "data" / "config-keys.tsv"
EMPTY_TSV = ROOT / "data" / "config-keys-empty.tsv"
# A source is a document of MicrosoftDocs/azure-docs articles/service-connector/ and
# its ms.date (ISO), optionally followed by a note in parentheses.
SOURCE = re.compile(r"^(includes/)?[A-Za-z0-9*._-]+\.md \d{4}-\d{2}-\d{2}( \(.+\))?$")
OUT = ROOT / "src" / "catalog" / "keys.rs"

IDS = ROOT / "src" / "catalog" / "ids.rs"


def read_ids(enum: str) -> dict:
    """The `"id" -> Variant` table of one `id_enum!` in src/catalog/ids.rs, the one place the
    ids are declared (read here rather than repeated, so the two cannot disagree)."""
    text = IDS.read_text(encoding="utf-8")
    block = re.search(r"^    " + enum + r" \{\n(.*?)^    \}", text, re.S | re.M)
    if not block:
        sys.exit(f"{IDS}: expected an id_enum! named {enum}, found none")
    pairs = re.findall(r"^\s+([A-Z][A-Za-z0-9]*) = \"([^\"]+)\",", block.group(1), re.M)
    if not pairs:
        sys.exit(f"{IDS}: expected variants in {enum}, found none")
    return {ident: variant for variant, ident in pairs}


TARGETS = read_ids("TargetId")
KINDS = read_ids("AccountKind")
AUTHS = read_ids("AuthId")
CLIENTS = read_ids("ClientId")


def rust_str(s: str) -> str:
    out = ['"']
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20:
            out.append("\\u{%x}" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def read_empty(with_keys: set, sources: list) -> list | None:
    """The marked-empty combinations; none of them may also have key rows."""
    lines = EMPTY_TSV.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    if header != ["target", "auth", "client", "source", "reason"]:
        print(f"{EMPTY_TSV.name}: unexpected header: {header}", file=sys.stderr)
        return None
    out, seen = [], set()
    for n, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != 5:
            print(f"{EMPTY_TSV.name} line {n}: expected 5 fields, found {len(fields)}", file=sys.stderr)
            return None
        target, auth, client, source, reason = fields
        base, _, kind = target.partition(":")
        if base not in TARGETS or auth not in AUTHS or client not in CLIENTS or (kind and kind not in KINDS):
            print(f"{EMPTY_TSV.name} line {n}: unknown id in {target!r} {auth!r} {client!r}", file=sys.stderr)
            return None
        if not SOURCE.match(source) or not reason:
            print(f"{EMPTY_TSV.name} line {n}: expected a source `<doc>.md YYYY-MM-DD` and a reason", file=sys.stderr)
            return None
        ident = (target, auth, client)
        if ident in seen or ident in with_keys:
            print(f"{EMPTY_TSV.name} line {n}: {ident} is listed twice or has key rows", file=sys.stderr)
            return None
        seen.add(ident)
        if source not in sources:
            sources.append(source)
        out.append((base, kind, auth, client, sources.index(source), reason))
    return out


def main() -> int:
    lines = TSV.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    if header != ["target", "auth", "client", "key", "example", "source"]:
        print(f"unexpected header: {header}", file=sys.stderr)
        return 1
    sources: list[str] = []
    rows = []
    seen = set()
    for n, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != 6:
            print(f"line {n}: expected 6 fields, found {len(fields)}", file=sys.stderr)
            return 1
        target, auth, client, key, example, source = fields
        base, _, kind = target.partition(":")
        if base not in TARGETS or auth not in AUTHS or client not in CLIENTS:
            print(f"line {n}: unknown id in {target!r} {auth!r} {client!r}", file=sys.stderr)
            return 1
        if kind and kind not in KINDS:
            print(f"line {n}: unknown account kind {kind!r}", file=sys.stderr)
            return 1
        if not SOURCE.match(source):
            print(f"line {n}: expected a source `<doc>.md YYYY-MM-DD [(note)]`, found {source!r}", file=sys.stderr)
            return 1
        ident = (target, auth, client, key)
        if ident in seen:
            print(f"line {n}: duplicate row {ident}", file=sys.stderr)
            return 1
        seen.add(ident)
        if source not in sources:
            sources.append(source)
        rows.append((base, kind, auth, client, key, example, sources.index(source)))

    empty = read_empty(set((r[0] + (":" + r[1] if r[1] else ""), r[2], r[3]) for r in rows), sources)
    if empty is None:
        return 1

    out = [
        "// @generated by tools/gen_catalog.py from data/config-keys.tsv and",
        "// data/config-keys-empty.tsv. Do not edit by hand: change the TSVs and run",
        "// `python3 tools/gen_catalog.py`.",
        "",
        "use super::ids::{AuthId as A, ClientId as C, AccountKind as K, TargetId as T};",
        "use super::{EmptyRow, KeyRow};",
        "",
        "/// Where each row's key name and example come from (document and date).",
        f"pub(crate) static SOURCES: [&str; {len(sources)}] = [",
    ]
    out += [f"    {rust_str(s)}," for s in sources]
    # Rows of one target (with its account kinds) are contiguous, so each target gets a
    # range and a lookup reads only its own rows.
    ranges: dict[str, tuple[int, int]] = {}
    for i, row in enumerate(rows):
        base = row[0]
        if base in ranges and ranges[base][1] != i:
            print(f"rows of target {base!r} are not contiguous (line {i + 2})", file=sys.stderr)
            return 1
        ranges[base] = (ranges.get(base, (i, i))[0], i + 1)
    out += ["];", "", "/// The rows of each target, as a range of `KEY_ROWS`.",
            f"pub(crate) static TARGET_ROWS: [(T, u16, u16); {len(ranges)}] = ["]
    out += [f"    (T::{TARGETS[b]}, {a}, {e})," for b, (a, e) in ranges.items()]
    out += ["];", "", "/// Every configuration key, in the TSV's order.", f"pub(crate) static KEY_ROWS: [KeyRow; {len(rows)}] = ["]
    for base, kind, auth, client, key, example, src in rows:
        kind_rs = f"Some(K::{KINDS[kind]})" if kind else "None"
        ex = "None" if example == "-" else f"Some({rust_str(example)})"
        out.append(
            f"    KeyRow {{ target: T::{TARGETS[base]}, account_kind: {kind_rs}, auth: A::{AUTHS[auth]}, "
            f"client: C::{CLIENTS[client]}, key: {rust_str(key)}, example: {ex}, source: {src} }},"
        )
    out += ["];", "", "/// The combinations the docs list no configuration keys for, in the TSV's order.",
            f"pub(crate) static EMPTY_ROWS: [EmptyRow; {len(empty)}] = ["]
    for base, kind, auth, client, src, reason in empty:
        kind_rs = f"Some(K::{KINDS[kind]})" if kind else "None"
        out.append(
            f"    EmptyRow {{ target: T::{TARGETS[base]}, account_kind: {kind_rs}, auth: A::{AUTHS[auth]}, "
            f"client: C::{CLIENTS[client]}, source: {src}, reason: {rust_str(reason)} }},"
        )
    out += ["];", ""]
    text = "\n".join(out)
    if "--check" in sys.argv:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(ROOT)} is stale: run python3 tools/gen_catalog.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
