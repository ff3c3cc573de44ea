#!/usr/bin/env python3
"""Validates YAML files (or the front matter of .md files) against Katern's JSON Schemas with
the `jsonschema` package, independently of Katern's own checks.

  validate.py SCHEMA FILE...   prints "FILE: ok" or "FILE: invalid: reason" for each file;
                               exits 0 when every file is valid, 1 otherwise.

YAML is read as YAML 1.2 editors read it (VS Code's YAML extension): a date stays text.
"""
import sys

import jsonschema
import yaml


class Loader(yaml.SafeLoader):
    pass


# YAML 1.2 has no timestamp type: `date: 2024-05-01` is text, as for Katern.
Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in Loader.yaml_implicit_resolvers.items()
}


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".md"):
        parts = text.split("---\n")
        text = parts[1] if text.startswith("---\n") and len(parts) > 2 else ""
    return yaml.load(text, Loader=Loader)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = yaml.safe_load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for path in sys.argv[2:]:
        errors = sorted(validator.iter_errors(load(path)), key=lambda e: list(e.path))
        if errors:
            bad += 1
            print("%s: invalid: %s at %s" % (path, errors[0].message, "/".join(str(p) for p in errors[0].path)))
        else:
            print("%s: ok" % path)
    sys.exit(1 if bad else 0)


main()
