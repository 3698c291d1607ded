#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The tables of make bench, from the BENCH and SETUP lines of
tests/bench/bench.sh (on stdin, a VM log with anything around them).

Each cell is the median over the repetitions with the spread (min..max);
each ratio is of medians measured in the same boot. Exit status 1 if a
line reports failed handshakes or a row lacks its reference (the numbers
would mean nothing), 0 otherwise. --require-complete: also 1 when a
section has no rows at all.
"""

import re
import sys

LINE = re.compile(r'(BENCH|SETUP) (?:([\w-]+) )?(\S+) median=(\S+) min=(\S+) '
                  r'max=(\S+) unit=(\S+) fails=(\d+)')


def median(v):
    v = sorted(v)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) / 2


def parse(stream):
    """(what, label) -> (median, min, max, unit). Several lines of one
    label (one repetition each, taken in turn with the reference's) make
    one cell: the median of their medians, the spread of all."""
    lines = {}
    fails = []
    for text in stream:
        m = LINE.search(text)
        if not m:
            continue
        kind, what, label, med, lo, hi, unit, nfail = m.groups()
        what = what if kind == 'BENCH' else 'setup'
        lines.setdefault((what, label), []).append(
            (float(med), float(lo), float(hi), unit))
        if int(nfail):
            fails.append(f'{what} {label}: {nfail} failed')
    rows = {k: (median([x[0] for x in v]), min(x[1] for x in v),
                max(x[2] for x in v), v[0][3]) for k, v in lines.items()}
    return rows, fails


def cell(v, fmt):
    med, lo, hi, _ = v
    return f'{fmt(med)} ({fmt(lo)}..{fmt(hi)})'


def us(x):
    return f'{x:.0f}'


def ratio(a, b):
    return f'{a[0] / b[0]:.2f}' if b and b[0] > 0 else 'n/a'


def table(title, head, body):
    widths = [max(len(str(r[i])) for r in [head] + body) for i in range(len(head))]
    out = [title, '']
    for r in [head, ['-' * w for w in widths]] + body:
        out.append('| ' + ' | '.join(str(c).ljust(w) for c, w in zip(r, widths)) + ' |')
    return '\n'.join(out) + '\n'


def main():
    rows, fails = parse(sys.stdin)
    missing = []
    out = []

    def get(what, label):
        v = rows.get((what, label))
        if v is None:
            missing.append(f'{what} {label}')
        return v

    cpu = list(dict.fromkeys(l.rsplit('/', 2)[0] for (w, l) in rows if w == 'cpu'))
    body = []
    for k in cpu:
        for role in ('server', 'client'):
            e = get('cpu', f'{k}/{role}/engine')
            o = get('cpu', f'{k}/{role}/openssl')
            ok = get('cpu', f'{k}/{role}/openssl-ktls')
            if not (e and o and ok):
                continue
            body.append([k, role, cell(e, us), cell(o, us), cell(ok, us),
                         ratio(e, o), ratio(e, ok)])
    out.append(table('CPU per handshake, microseconds (lower is better); ratio engine / OpenSSL',
                     ['handshake', 'role', 'engine', 'OpenSSL', 'OpenSSL+kTLS',
                      'ratio', 'ratio kTLS'], body))

    rate = list(dict.fromkeys(l.rsplit('/', 1)[0] for (w, l) in rows if w == 'rate'))
    body = []
    for k in rate:
        e = get('rate', f'{k}/engine')
        o = get('rate', f'{k}/openssl')
        if e and o:
            kind, group, inflight = k.split('/')
            body.append([f'{kind}/{group}', inflight, cell(e, us), cell(o, us), ratio(e, o)])
    out.append(table('Handshakes per second, both ends the same (higher is better); ratio engine / OpenSSL',
                     ['handshake', 'in flight', 'engine', 'OpenSSL', 'ratio'], body))

    mem = list(dict.fromkeys(l.rsplit('/', 1)[0] for (w, l) in rows if w == 'mem'))
    body = []
    for k in mem:
        e = get('mem', f'{k}/engine')
        o = get('mem', f'{k}/openssl')
        if e and o:
            kind, group, role = k.split('/')
            body.append([f'{kind}/{group}', role, cell(e, us), cell(o, us)])
    out.append(table('Bytes of memory per handshake in flight (MemFree, whole VM)',
                     ['handshake', 'role', 'engine', 'OpenSSL'], body))

    setup = list(dict.fromkeys(l.rsplit('/', 1)[0] for (w, l) in rows if w == 'setup'))
    body = []
    for k in setup:
        p = get('setup', f'{k}/plain')
        t = get('setup', f'{k}/tls')
        if p and t:
            what, n = k.split('/')
            label = f'nvme connect, {n} I/O queues' if what == 'nvme' else \
                'NFS mount, xprtsec=tls' if what == 'nfs' else k
            body.append([label, cell(p, lambda x: f'{x:.3f}'),
                         cell(t, lambda x: f'{x:.3f}'), ratio(t, p)])
    out.append(table('Connection set-up, seconds; ratio TLS / plain TCP',
                     ['set-up', 'plain TCP', 'TLS (engine)', 'ratio'], body))

    native = [l for (w, l) in rows if w == 'cpu-self' and l.startswith('native:')]
    body = []
    for n in native:
        k = n[len('native:'):]
        e = rows.get(('cpu-self', k))
        if e:
            v = rows[('cpu-self', n)]
            kind, group, role, _ = k.split('/')
            body.append([f'{kind}/{group}', role, cell(e, us), cell(v, us),
                         f'{e[0] / v[0]:.0f}x' if v[0] > 0 else 'n/a'])
    if body:
        out.append(table("Emulation: OpenSSL's own CPU per handshake, microseconds, "
                         'in the VM (QEMU TCG) and on the host',
                         ['handshake', 'role', 'emulated', 'native', 'factor'], body))

    print('\n'.join(out))
    bad = fails + [f'{m}: no such line' for m in missing]
    if '--require-complete' in sys.argv[1:]:
        bad += [f'no {w} lines' for w in ('cpu', 'rate', 'mem', 'setup')
                if not any(x == w for (x, _) in rows)]
    for b in bad:
        print(f'bench-table: {b}', file=sys.stderr)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
