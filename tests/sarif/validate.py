#!/usr/bin/env python3
"""Validates `persona-ls check --format sarif` output against the official SARIF 2.1.0 schema.

Usage: validate.py SCHEMA.json SARIF.json [SARIF.json ...]
The schema ships in the npm package @microsoft/jest-sarif (lib/schemas/sarif-2.1.0-rtm.5.json);
.ci/run fetches it with `npm pack`.
"""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1]))
validator = jsonschema.Draft7Validator(schema)
failed = 0
for path in sys.argv[2:]:
    doc = json.load(open(path))
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    results = sum(len(r.get("results", [])) for r in doc.get("runs", []))
    if errors:
        failed += 1
        for e in errors[:10]:
            print(f"{path}: {'/'.join(map(str, e.path))}: {e.message}")
    else:
        print(f"{path}: valid SARIF 2.1.0 ({results} results)")
sys.exit(1 if failed else 0)
