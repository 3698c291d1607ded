#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Everything `make check` runs, as TAP: the kernel build (kunit.py, the
# same bzImage for KUnit and the VMs), every KUnit case, the out-of-tree
# module build, the style gates, the userspace tools, and every VM
# scenario. Ends with the five slowest TAP lines and "N passed, N failed";
# exits non-zero on any failure or if nothing ran.
#
# What needs the others runs first, one at a time (the kernel, the module,
# the tools); the rest is a pool of jobs run TLS13_VM_JOBS at a time
# (tests/runner.sh): the KUnit run, the host checks and the VM boots. A
# boot runs one or more scenarios, each its own TAP line with its own
# verdict (scripts/vm-run.sh): scenarios that need no fresh kernel share
# one, so the boot and the kmemleak scans are paid once.
set -uo pipefail
. "$(dirname "$0")/../scripts/lib.sh"
. "$TOP/tests/runner.sh"

mkdir -p "$CACHE/logs"
echo "TAP version 13"

# --- first, in order: what the pool needs -------------------------------
kunit_build() {
	"$TOP/scripts/prepare-kernel.sh" &&
	cd "$KSRC" && python3 tools/testing/kunit/kunit.py build --arch=x86_64 \
		--build_dir="$KBUILD" "${KUNITCONFIGS[@]}" \
		--make_options "CC=ccache gcc" --jobs="$JOBS"
}
step build.kernel kunit_build
step build.module "$TOP/scripts/build-module.sh"
step build.tools make -C "$TOP" tools
JOB_SERIAL=1 run_jobs
prereq_failed=$TAP_FAILED

# --- then the pool --------------------------------------------------------
kunit_exec() {	# every KUnit case, one TAP line each
	local json=$CACHE/kunit.json krc=0
	rm -f "$json"
	(cd "$KSRC" && python3 tools/testing/kunit/kunit.py exec --arch=x86_64 \
		--build_dir="$KBUILD" --timeout=900 --json="$json") \
		>"$CACHE/logs/kunit.log" 2>&1 || krc=$?
	if [ -s "$json" ] && python3 "$TOP/scripts/kunit-results.py" "$json" \
		"$KBUILD/test.log" >>"$RESULTS"; then
		[ "$krc" = 0 ] ||
			echo "FAIL kunit.run 0 # kunit.py exited $krc (log: $CACHE/logs/kunit.log)" >>"$RESULTS"
	else
		echo "FAIL kunit.run 0 # no KUnit results (log: $CACHE/logs/kunit.log)" >>"$RESULTS"
		tail -n 30 "$CACHE/logs/kunit.log" | sed 's/^/# /' >>"$RESULTS"
	fi
}

S=$TOP/tests/scenarios D=$TOP/tests/demo
job kunit kunit_exec
step kats.openssl "$TOP/tests/tools/check-kats.sh"
step style.checkpatch "$TOP/scripts/style.sh" checkpatch
step style.sparse "$TOP/scripts/style.sh" sparse
# the series as a maintainer receives it: checkpatch clean, and it gives
# the tree the tests build (make patches). The build of the engine after
# each step (--build-each) is make style's and make patches': beside the
# VMs of the pool its five builds cost them minutes of CPU.
step style.patches "$TOP/scripts/make-patches.sh" "$CACHE/patches"
# every memcmp() says why its bytes are public, and the rule can fail
consttime_check() {
	"$TOP/scripts/style.sh" consttime &&
	! "$TOP/scripts/style.sh" consttime "$TOP/tests/harness/consttime-bad.c"
}
step style.consttime consttime_check
# the fuzz targets (tests/fuzz/), a few seconds each from their seeds, one
# at a time; and a target that crashes must fail (fuzz.selftest)
fuzz_check() { "$TOP/scripts/fuzz.sh" -r "$RESULTS" check; }
job fuzz fuzz_check
step tools.selftest "$TOP/build/tools/tls13-peer-selftest"
# The boot-time check that the built-in suites run (one suite, the RFC
# 8448 one: the demo shows it), the module loading above the built-in
# engine, and what make demo prints of RFC 8448.
job smoke boot smoke "$S/smoke.sh" "$S/smoke-module.sh" \
	"demo.rfc8448=$D/rfc8448-1rtt.sh"
job interop-psk boot interop-psk \
	"$S/interop-openssl-psk-client.sh" "$S/interop-openssl-psk-server.sh" \
	"$S/interop-gnutls-psk-client.sh" "$S/interop-gnutls-psk-server.sh"
job interop-cert-openssl boot interop-cert-openssl \
	"$S/interop-openssl-cert-client.sh" "$S/interop-openssl-cert-server.sh"
job interop-cert-gnutls boot interop-cert-gnutls \
	"$S/interop-gnutls-cert-client.sh" "$S/interop-gnutls-cert-server.sh"
# make demo's NVMe part is the first part of the NVMe boot: one run, both
# the demo's assertions and the scenario's.
job nvme boot nvme "demo.nvme-tls=$D/nvme-tls.sh" "$S/nvme-tls.sh"
job psk-faults boot psk-faults "$S/psk-faults.sh" "$S/starvation.sh" \
	"$S/cancel-storm.sh"
job nfs boot nfs "demo.nfs-tls=$D/nfs-tls.sh" "$S/nfs-tls.sh" "$S/nfs-mtls.sh"
# make bench's smallest configuration (tests/bench/bench.sh): it still runs;
# a peer's KeyUpdate at each of the four consumers (tls-relay, OpenSSL);
# KeyUpdates of our own (on 6.12: the knob refused)
job nfs-other boot nfs-other "$S/nfs-plain.sh" "$S/nfs-tls-refused.sh" \
	"$S/bench-smoke.sh" "$S/keyupdate.sh" "$S/keyupdate-own.sh"
# Booting a root file system over TLS from another machine: a server VM
# and client VMs on one virtual wire (scripts/vm-pair.sh), one TAP line
# per client; make demo shows the first and the last. One job, the pairs
# one after the other: a pair boots three to five VMs at once, and two
# pairs side by side on two CPUs slowed a client past its deadline.
B=$TOP/tests/boot
job boot pair "$B/nfsroot.pair" "$B/nfsroot-refused.pair" "$B/nvme-root.pair"
# The second kernel, Linux 7.3 (scripts/kernel7.sh; its TAP lines start
# with k7.3.): its kernel with the engine built in, and the engine built
# against it out of tree too (W=1, no warning, modpost clean); every KUnit
# suite of the series, net/handshake's and the engine's in one QEMU boot
# of that kernel, one line per case; and the core scenarios (kernel7.sh
# scenarios: interop with each peer, KeyUpdate followed) in the test VM
# booted with it.
K7_TAP=$CACHE/k7/scenarios.tap
k7_check() {
	local log=$CACHE/logs/k7.3.log start=$SECONDS rc=0
	if ! "$TOP/scripts/kernel7.sh" module >"$log" 2>&1; then
		echo "FAIL k7.3.build.module $((SECONDS - start)) # see $log" >>"$RESULTS"
		tail -n 20 "$log" | sed 's/^/# /' >>"$RESULTS"
		return
	fi
	echo "PASS k7.3.build.module $((SECONDS - start))" >>"$RESULTS"
	"$TOP/scripts/kernel7.sh" kunit >>"$log" 2>&1 || rc=$?
	sed -n 's/^\(PASS\|FAIL\|SKIP\) kunit\./\1 k7.3.kunit./p' "$log" >>"$RESULTS"
	[ "$rc" = 0 ] || {
		echo "FAIL k7.3.kunit.run 0 # kernel7.sh kunit exited $rc (log: $log)" >>"$RESULTS"
		grep -E '^(ktap-modules.py|kernel7.sh):' "$log" | sed 's/^/# /' >>"$RESULTS"
	}
	# the core scenarios in the test VM booted with 7.3: its lines
	# already carry their k7.3.scenario. names
	rc=0
	"$TOP/scripts/kernel7.sh" scenarios >"$log.scenarios" 2>&1 || rc=$?
	grep -E '^(PASS|FAIL|SKIP) k7\.3\.scenario\.|^# ' "$K7_TAP" >>"$RESULTS" 2>/dev/null ||
		echo "FAIL k7.3.scenario.run 0 # kernel7.sh scenarios exited $rc (log: $log.scenarios)" >>"$RESULTS"
}
job k7.3 k7_check
# The harness must be able to fail: a leak fails its boot, and a failing
# part fails the run while another VM runs beside it.
job harness "$TOP/tests/harness/self-test.sh"

# A new cache has no job times yet, and jobs of unknown time start in the
# order above: the second kernel's build (about 10 min before its boots)
# and the boot pairs would start last and end the run alone. Start from
# these guesses (seconds, a cold cache); the run replaces them.
[ -f "$CACHE/job-times" ] || printf '%s\n' "k7.3 1200" "boot 700" \
	"psk-faults 400" "nfs-other 350" "nfs 250" "interop-psk 200" \
	"interop-cert-gnutls 180" "interop-cert-openssl 160" "nvme 150" \
	"kunit 120" "smoke 90" "harness 70" "fuzz 40" "style.patches 20" \
	"style.checkpatch 20" "style.sparse 10" "kats.openssl 1" \
	"style.consttime 1" "tools.selftest 1" >"$CACHE/job-times"

if [ "$prereq_failed" = 0 ]; then
	run_jobs
else
	# nothing in the pool can run without the kernel and the tools
	TAP_N=$((TAP_N + 1)) TAP_FAILED=$((TAP_FAILED + 1))
	echo "not ok $TAP_N check.pool # not run: the kernel, the module or the tools did not build"
fi
tap_footer
