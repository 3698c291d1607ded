#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Flatten kunit.py's --json output into one "PASS|FAIL|SKIP name seconds"
line per test case (parameterised cases: one line per parameter), for
tests/run-all.sh. With the raw kernel log (kunit.py writes it to
<build_dir>/test.log), each case's time is taken from the printk time
stamps: from the previous result line at its level (or its suite's start)
to its own result line; without it, every time is 0.
Exits 1 if the file holds no test case at all."""
import json
import re
import sys

LINE = re.compile(r'^\[\s*(\d+\.\d+)\] ( *)(.*)$')
RESULT = re.compile(r'^(?:not )?ok \d+ (.+?)(?: # .*)?$')
SUBTEST = re.compile(r'^# Subtest: (.+)$')


def case_times(path):
    """(suite, case[, param]) -> seconds, from a raw KTAP kernel log"""
    times = {}
    names = {}	# depth -> name of the (sub)test whose children are there
    last = {}	# depth -> time stamp of the last event at that depth
    try:
        f = open(path, errors='replace')
    except OSError:
        return times
    with f:
        for raw in f:
            m = LINE.match(raw.rstrip('\r\n'))
            if not m:
                continue
            ts, depth, text = float(m.group(1)), len(m.group(2)) // 4, m.group(3)
            if text.startswith('KTAP version'):
                last[depth] = ts
                for d in [d for d in names if d >= depth]:
                    del names[d]
                continue
            sub = SUBTEST.match(text)
            if sub:
                names[depth] = sub.group(1)
                continue
            res = RESULT.match(text)
            if res:
                key = tuple(names.get(d, '') for d in range(1, depth + 1))
                times[key + (res.group(1),)] = ts - last.get(depth, ts)
                last[depth] = ts
    return times


def walk(node, path, out):
    for case in node.get('test_cases', []):
        out.append((case['status'], path + [case['name']]))
    for group in node.get('sub_groups', []):
        walk(group, path + [group['name']], out)


def main():
    with open(sys.argv[1]) as f:
        root = json.load(f)
    times = case_times(sys.argv[2]) if len(sys.argv) > 2 else {}
    out = []
    for suite in root.get('sub_groups', []):
        walk(suite, ['kunit', suite['name']], out)
    for status, path in out:
        verdict = {'PASS': 'PASS', 'SKIPPED': 'SKIP'}.get(status, 'FAIL')
        name = '.'.join(re.sub(r'[^A-Za-z0-9_.+-]+', '_', p) for p in path)
        secs = times.get(tuple(path[1:]), 0.0)
        print(f'{verdict} {name} {secs:.1f}' +
              ('' if verdict == 'PASS' else f' # {status}'))
    return 0 if out else 1


if __name__ == '__main__':
    sys.exit(main())
