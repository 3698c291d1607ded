#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Join the KTAP of KUnit suites run at module load into one document.

A module's suites print no top-level header, and each module numbers them
from 1, so a boot that loads several test modules is not KTAP that
kunit.py parse accepts. Read such a console log (scripts/kernel7.sh
kunit), drop the printk time stamps, keep every suite (from its indented
"KTAP version 1" to its top-level result line) and what the kernel said
in between, and print one document: a header, the plan, the suites
numbered in order.

The boot's init writes "tls13-kunit: load NAME" before each modprobe and
"tls13-kunit: loaded NAME rc=N" after it to /dev/kmsg. The suites before
the first of these are the kernel's built-in ones, run at boot (their
document's own header and plan are dropped: the suites are numbered
again with the modules'). Exits 1, with the reason on stderr, if a module
failed to load, produced no suite, the log has no "tls13-kunit: done" (a
hang or a crash), or, with --built-in, no suite ran at boot."""
import re
import sys

STAMP = re.compile(r'^\[\s*\d+\.\d+\]\s?')
RESULT = re.compile(r'^(not ok|ok) \d+ (.*)$')
LOAD = re.compile(r'^tls13-kunit: load (\S+)$')
LOADED = re.compile(r'^tls13-kunit: loaded (\S+) rc=(\d+)$')


def main():
    args = sys.argv[1:]
    want_built_in = args[:1] == ['--built-in']
    if want_built_in:
        args = args[1:]
    if len(args) != 1:
        sys.exit('usage: ktap-modules.py [--built-in] CONSOLE-LOG')
    suites, block, bad = [], None, []
    module, per_module, done = None, 0, False
    built_in, loads = 0, 0
    with open(args[0], errors='replace') as f:
        for raw in f:
            line = STAMP.sub('', raw.rstrip('\r\n'))
            m = LOAD.match(line)
            if m:
                module, per_module = m.group(1), 0
                loads += 1
                continue
            m = LOADED.match(line)
            if m:
                if m.group(2) != '0':
                    bad.append(f'{m.group(1)}: exited {m.group(2)}')
                elif per_module == 0:
                    bad.append(f'{m.group(1)}: loaded, but ran no suite')
                module = None
                continue
            if line == 'tls13-kunit: done':
                done = True
                continue
            if block is None:
                if line == '    KTAP version 1':
                    block = [line]
                continue
            m = RESULT.match(line)
            if m:
                suites.append((block, m.group(1), m.group(2)))
                per_module += 1
                if loads == 0:
                    built_in += 1
                block = None
            else:
                block.append(line)
    if block is not None:
        bad.append('the log ends inside a suite')
    if not done:
        bad.append('no "tls13-kunit: done": the boot did not finish')
    if want_built_in and built_in == 0:
        bad.append('no built-in suite ran at boot')
    print(f'ktap-modules.py: {built_in} suites built in, '
          f'{len(suites) - built_in} from {loads} modules', file=sys.stderr)
    print('KTAP version 1')
    print(f'1..{len(suites)}')
    for n, (lines, verdict, rest) in enumerate(suites, 1):
        print('\n'.join(lines))
        print(f'{verdict} {n} {rest}')
    for b in bad:
        print(f'ktap-modules.py: {b}', file=sys.stderr)
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
