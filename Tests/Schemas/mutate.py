#!/usr/bin/env python3
"""Writes broken copies of a settings file, one per key the JSON Schema declares: the key's value
replaced by one of the wrong kind (text where a number goes, an empty text where text must not
be empty, a word no choice has), and an unknown key added to every mapping.

  mutate.py SCHEMA FILE OUTDIR    writes OUTDIR/<n>.yaml (or <n>.md, the front matter of a
                                  Markdown file broken) and prints "<n>.yaml<TAB>key path" lines

A test then checks that Katern and the schema both refuse every one of them.
"""
import copy
import json
import os
import sys

import yaml


def resolve(node, root):
    while "$ref" in node:
        node = root["$defs"][node["$ref"].split("/")[-1]]
    return node


def wrong(node):
    """A value the node's schema refuses."""
    if node.get("minLength") == 1:
        return ""
    return "@@not-this@@"


def walk(schema, node, document, path, out):
    node = resolve(node, schema)
    if node.get("type") != "object" or "properties" not in node or not isinstance(document, dict):
        return
    broken = copy.deepcopy(ROOT)
    target = broken
    for key in path:
        target = target[key]
    target["no-such-key"] = 1
    out.append((path + ["no-such-key"], broken))
    for key, child in node["properties"].items():
        if key not in document:
            continue
        broken = copy.deepcopy(ROOT)
        target = broken
        for step in path:
            target = target[step]
        target[key] = wrong(resolve(child, schema))
        out.append((path + [key], broken))
        walk(schema, child, document[key], path + [key], out)


with open(sys.argv[1], encoding="utf-8") as f:
    schema = json.load(f)
with open(sys.argv[2], encoding="utf-8") as f:
    text = f.read()
# A Markdown file: its front matter is broken, its body kept.
markdown = sys.argv[2].endswith(".md")
body = ""
if markdown:
    parts = text.split("---\n")
    text, body = parts[1], "---\n".join(parts[2:])
ROOT = yaml.safe_load(text)
cases = []
walk(schema, schema, ROOT, [], cases)
os.makedirs(sys.argv[3], exist_ok=True)
for n, (path, document) in enumerate(cases):
    name = "%03d.%s" % (n, "md" if markdown else "yaml")
    dumped = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    with open(os.path.join(sys.argv[3], name), "w", encoding="utf-8") as f:
        f.write("---\n" + dumped + "---\n" + body if markdown else dumped)
    print("%s\t%s" % (name, ".".join(path)))
