#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The VM harness must be able to fail: run a scenario that leaks kernel
# memory (samples/kmemleak) and require scripts/vm-run.sh to fail it with a
# kmemleak report. Exits 0 only if the leak was caught.
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"

log=$CACHE/logs/harness-leak.log
if "$TOP/scripts/vm-run.sh" "$TOP/tests/harness/leak.sh" "$log"; then
	echo "a leaking scenario passed: the harness does not catch leaks"
	exit 1
fi
grep -aq 'kmemleak reports' "$log" && grep -aq 'unreferenced object' "$log" || {
	echo "the leaking scenario failed, but not on kmemleak (log: $log)"
	exit 1
}
echo "leak caught as it should be"
