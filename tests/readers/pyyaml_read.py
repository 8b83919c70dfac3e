"""Reads every `*.yaml` file under a folder with PyYAML (YAML 1.1, `safe_load_all`)
and prints one JSON object: file name -> list of documents, or {"error": message}.

Values JSON cannot tell apart from strings are tagged, so that a reader's change of
type shows: floats as {"$float": repr}, dates and timestamps as {"$timestamp": text},
anything else that is not a string, number, bool, null, list or dict as {"$other": repr};
a key that is not a string becomes "$key:" + repr.
"""
import datetime
import json
import pathlib
import sys

import yaml


def tag(value):
    if isinstance(value, dict):
        return {
            (k if isinstance(k, str) else "$key:" + repr(k)): tag(v) for k, v in value.items()
        }
    if isinstance(value, list):
        return [tag(v) for v in value]
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return {"$float": repr(value)}
    if isinstance(value, (datetime.date, datetime.datetime)):
        return {"$timestamp": value.isoformat()}
    return {"$other": repr(value)}


def main(folder):
    out = {}
    for path in sorted(pathlib.Path(folder).glob("*.yaml")):
        try:
            with open(path, encoding="utf-8") as f:
                out[path.name] = [tag(d) for d in yaml.safe_load_all(f)]
        except Exception as e:  # any reader failure is a finding, reported per file
            out[path.name] = {"error": f"{type(e).__name__}: {e}"}
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
