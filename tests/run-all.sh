#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Everything `make check` runs, as TAP: every KUnit case (through kunit.py
# run, which configures and builds the test kernel incrementally), the
# out-of-tree module build, the style gates, and every VM scenario. Ends with
# "N passed, N failed" and exits non-zero on any failure or if nothing ran.
set -uo pipefail
. "$(dirname "$0")/../scripts/lib.sh"

mkdir -p "$CACHE/logs"
n=0 passed=0 failed=0 skipped=0
echo "TAP version 13"

result() {	# result PASS|FAIL|SKIP name [reason]
	n=$((n + 1))
	case $1 in
	PASS) passed=$((passed + 1)); echo "ok $n $2" ;;
	SKIP) skipped=$((skipped + 1)); echo "ok $n $2 # SKIP ${3:-}" ;;
	*) failed=$((failed + 1)); echo "not ok $n $2${3:+ # $3}" ;;
	esac
}

step() {	# step name command...: one TAP line for a command
	local name=$1 log=$CACHE/logs/$1.log start=$SECONDS
	shift
	if "$@" >"$log" 2>&1; then
		result PASS "$name"
	else
		result FAIL "$name" "see $log"
		tail -n 20 "$log" | sed 's/^/# /'
	fi
	echo "# $name: $((SECONDS - start))s"
}

# KUnit: kunit.py run = configure + incremental build + boot the suites.
step prepare-kernel "$TOP/scripts/prepare-kernel.sh"
start=$SECONDS
json=$CACHE/kunit.json
rm -f "$json"
(cd "$KSRC" && python3 tools/testing/kunit/kunit.py run --arch=x86_64 \
	--build_dir="$KBUILD" "${KUNITCONFIGS[@]}" \
	--make_options "CC=ccache gcc" --jobs="$JOBS" --timeout=900 \
	--json="$json") >"$CACHE/logs/kunit.log" 2>&1
krc=$?
echo "# kunit.py run: exit $krc, $((SECONDS - start))s (log: $CACHE/logs/kunit.log)"
if [ -s "$json" ] && python3 "$TOP/scripts/kunit-results.py" "$json" >"$CACHE/kunit.results"; then
	while read -r verdict name rest; do
		result "$verdict" "$name" "${rest#\# }"
	done <"$CACHE/kunit.results"
	[ "$krc" = 0 ] || result FAIL kunit.run "kunit.py exited $krc"
else
	result FAIL kunit.run "no KUnit results"
	tail -n 30 "$CACHE/logs/kunit.log" | sed 's/^/# /'
fi

step kats.openssl "$TOP/tests/tools/check-kats.sh"
step build.module "$TOP/scripts/build-module.sh"
step style.checkpatch "$TOP/scripts/style.sh" checkpatch
step style.sparse "$TOP/scripts/style.sh" sparse

# The userspace tools the scenarios run (C++17): the interop driver.
step build.tools make -C "$TOP" tools
step tools.selftest "$TOP/build/tools/tls13-peer" selftest

for scn in "$TOP"/tests/scenarios/*.sh; do
	step "scenario.$(basename "$scn" .sh)" "$TOP/scripts/vm-run.sh" "$scn"
done

step demo.nvme-tls "$TOP/scripts/vm-run.sh" "$TOP/tests/demo/nvme-tls.sh" \
	"$CACHE/logs/demo-nvme-tls.log"
step demo.nfs-tls "$TOP/scripts/vm-run.sh" "$TOP/tests/demo/nfs-tls.sh" \
	"$CACHE/logs/demo-nfs-tls.log"
step demo.rfc8448 "$TOP/scripts/vm-run.sh" "$TOP/tests/demo/rfc8448-1rtt.sh"

# The harness must be able to fail: a module that leaks must fail its run.
step harness.detects-kmemleak "$TOP/tests/harness/expect-leak.sh"

echo "1..$n"
echo "$passed passed, $failed failed${skipped:+, $skipped skipped}"
[ "$n" -gt 0 ] && [ "$failed" = 0 ]
