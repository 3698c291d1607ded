#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench-smoke: make bench's smallest configuration, once, in the test
# kernel: every row of tests/bench/bench.sh with 1 handshake and 4 in
# flight, and its tables (scripts/bench-table.py). Proves that the
# benchmark still runs and that every handshake it makes succeeds; the
# figures themselves mean nothing here (debug kernel, one repetition).
# vm-timeout: 900
set -eu
. "$TLS13_TOP/tests/lib.sh"

out=/tmp/bench-smoke.out
TLS13_BENCH_SMOKE=1 sh "$TLS13_TOP/tests/bench/bench.sh" | tee "$out"
step "every row there, no failed handshake"
n=$(grep -c '^BENCH ' "$out")
s=$(grep -c '^SETUP ' "$out")
echo "# $n BENCH lines (want 66), $s SETUP lines (want 4)"
[ "$n" = 66 ] && [ "$s" = 4 ]
step "the tables"
python3 "$TLS13_TOP/scripts/bench-table.py" --require-complete <"$out"
