#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The harness must be able to fail. Runs a small `make check` of its own
# (tests/runner.sh, two VMs at once) and requires:
#  - harness.detects-kmemleak: a boot that leaks kernel memory
#    (samples/kmemleak, tests/harness/leak.sh) fails on kmemleak's report;
#  - harness.parallel-failure: while that VM runs, a second one whose
#    first part fails (tests/harness/fail.sh, status 3) and whose second
#    part passes (pass.sh) runs beside it; the failing part, and only it,
#    is "not ok", the run's closing line counts both failures and its
#    exit status is non-zero; the two VMs did run at the same time.
# Writes its two TAP lines to $RESULTS (a job of tests/runner.sh).
set -uo pipefail
. "$(dirname "$0")/../../scripts/lib.sh"
. "$TOP/tests/runner.sh"

H=$TOP/tests/harness out=$CACHE/logs/harness-run.tap
mkdir -p "$CACHE/logs"
RESULTS=${RESULTS:-/dev/stdout}
start=$SECONDS
(
	job leak boot harness-leak "harness.leak=$H/leak.sh"
	job fail boot harness-fail "harness.fails=$H/fail.sh" "harness.passes=$H/pass.sh"
	JOB_TIMES=$CACHE/harness-times TLS13_VM_JOBS=2 run_jobs
	tap_footer
) >"$out" 2>&1
rc=$?
secs=$((SECONDS - start))
sed 's/^/    /' "$out"

verdict() {	# verdict NAME WHY-IF-FAILED...
	local name=$1
	shift
	if [ $# = 0 ]; then
		echo "PASS $name $secs" >>"$RESULTS"
	else
		echo "FAIL $name $secs # $1 (see $out)" >>"$RESULTS"
		[ $# = 1 ] || printf '# %s\n' "${@:2}" >>"$RESULTS"
	fi
}

why=()
grep -q '^not ok [0-9]* harness.leak # kmemleak reports' "$out" ||
	why+=("the leaking boot did not fail on kmemleak")
grep -aq 'unreferenced object' "$CACHE/logs/boot-harness-leak.log" ||
	why+=("no kmemleak report in its log")
verdict harness.detects-kmemleak "${why[@]}"

why=()
[ "$rc" != 0 ] || why+=("the run exited 0")
grep -q '^not ok [0-9]* harness.fails # scenario exited 3' "$out" ||
	why+=("the failing part was not reported as failed with its status")
grep -q '^ok [0-9]* harness.passes$' "$out" ||
	why+=("the part after it was not reported as passed")
grep -qx '1 passed, 2 failed, 0 skipped' "$out" ||
	why+=("the closing line does not count 1 passed, 2 failed")
# both VMs ran at once: the run took less than the two boots one by one
l=$(sed -n 's/^# leak: \([0-9]*\)s$/\1/p' "$out")
f=$(sed -n 's/^# fail: \([0-9]*\)s$/\1/p' "$out")
[ -n "$l" ] && [ -n "$f" ] && [ "$secs" -lt $((l + f)) ] ||
	why+=("the two VMs did not overlap (${secs}s for boots of ${l:-?}s and ${f:-?}s)")
verdict harness.parallel-failure "${why[@]}"
