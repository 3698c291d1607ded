#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Compare the OpenSSL-derived known answers that tests/tools/gen-kats.sh
prints (NAME HEX per line, on stdin) with the byte arrays of the same name
in the KUnit suites given as arguments. Every name the C files define must
match; names printed only as intermediate inputs are reported, not failed."""
import re
import sys

def arrays(paths):
    out = {}
    for p in paths:
        src = open(p).read()
        for m in re.finditer(r'static const u8 (\w+)\[\d*\] = \{([^}]*)\};', src):
            out[m.group(1)] = bytes(int(x, 16) for x in re.findall(r'0x([0-9a-f]{2})', m.group(2))).hex()
    return out

def main():
    have = arrays(sys.argv[1:])
    checked = bad = 0
    for line in sys.stdin:
        name, value = line.split()
        if name not in have:
            print(f'# {name}: input only, not in the suites')
            continue
        checked += 1
        if have[name] != value:
            bad += 1
            print(f'MISMATCH {name}:\n  suites:  {have[name]}\n  openssl: {value}')
    print(f'{checked} known answers checked against OpenSSL, {bad} mismatched')
    return 1 if bad or not checked else 0

if __name__ == '__main__':
    sys.exit(main())
