#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Flatten kunit.py's --json output into one "PASS|FAIL|SKIP name" line per
test case (parameterised cases: one line per parameter), for tests/run-all.sh.
Exits 1 if the file holds no test case at all."""
import json
import re
import sys

def walk(node, path, out):
    for case in node.get('test_cases', []):
        out.append((case['status'], path + [case['name']]))
    for group in node.get('sub_groups', []):
        walk(group, path + [group['name']], out)

def main():
    with open(sys.argv[1]) as f:
        root = json.load(f)
    out = []
    for suite in root.get('sub_groups', []):
        walk(suite, ['kunit', suite['name']], out)
    for status, path in out:
        verdict = {'PASS': 'PASS', 'SKIPPED': 'SKIP'}.get(status, 'FAIL')
        name = '.'.join(re.sub(r'[^A-Za-z0-9_.+-]+', '_', p) for p in path)
        print(f'{verdict} {name}' + ('' if verdict == 'PASS' else f' # {status}'))
    return 0 if out else 1

if __name__ == '__main__':
    sys.exit(main())
