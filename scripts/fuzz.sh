#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The libFuzzer targets of tests/fuzz/ (tests/fuzz/README.md): the
# engine's parsers built unchanged in userspace, ASan and UBSan on.
#
#   fuzz.sh build            build every target into build/fuzz/
#   fuzz.sh run [TARGET...]  each for $FUZZ_SECS seconds (default 60),
#                            one after the other (make fuzz)
#   fuzz.sh smoke [TARGET...]  each for $FUZZ_SMOKE_SECS (default 5),
#                            from the seeds only
#   fuzz.sh check            smoke every target, then prove that a
#                            crashing one fails (tests/harness/fuzz-crash.cpp):
#                            make check's fuzz.TARGET and fuzz.selftest
#   -r FILE                  also append a verdict per target to FILE,
#                            as tests/runner.sh reads them
#
# Per target it prints the executions per second, libFuzzer's coverage
# figures (cov: edges, ft: features, corp: corpus) and whether it crashed.
# A crash, a leak, a timeout or a failed check leaves its reproducer in
# build/fuzz/TARGET-{crash,leak,timeout,oom}-* and fails (exit 1); a build
# failure exits 2.
# Needs the kernel tree of scripts/lib.sh ($KSRC: lib/asn1_decoder.c and
# the ASN.1 compiler), not its build. One fuzzer runs at a time, one
# process each.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

TARGETS=(msg record cert cred hs)
OUT=$TOP/build/fuzz
results=
while getopts r: opt; do
	case $opt in
	r) results=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
mode=${1:-run}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && TARGETS=("$@")

verdict() {	# verdict PASS|FAIL NAME SECONDS [WHY]
	[ -n "$results" ] || return 0
	echo "$1 fuzz.$2 $3${4:+ # $4}" >>"$results"
}

build() {
	local asn1c=$KBUILD/scripts/asn1_compiler
	[ -f "$KSRC/lib/asn1_decoder.c" ] || "$TOP/scripts/prepare-kernel.sh"
	command -v clang++-14 >/dev/null || die "clang-14 missing (scripts/deps.sh)"
	mkdir -p "$OUT"
	# the kernel build's compiler if it has one yet, else our own
	if [ ! -x "$asn1c" ]; then
		asn1c=$OUT/asn1_compiler
		[ "$asn1c" -nt "$KSRC/scripts/asn1_compiler.c" ] ||
			cc -O2 -I"$KSRC/include" -o "$asn1c" \
				"$KSRC/scripts/asn1_compiler.c"
	fi
	make -s -f "$TOP/tests/fuzz/fuzz.mk" -j"$JOBS" TOP="$TOP" OUT="$OUT" \
		KSRC="$KSRC" ASN1C="$asn1c" "$@"
}

# run TARGET SECONDS CORPUS: one fuzzer, its summary line, 0 or 1. New
# inputs go to CORPUS; the seeds are read too.
run_one() {
	local t=$1 secs=$2 corpus=$3 log=$OUT/$1.log seeds=$TOP/tests/fuzz/corpus/$1
	local rc=0 start=$SECONDS scratch=$OUT/scratch-$1 stats cov execs crash
	mkdir -p "$corpus"
	rm -rf "$scratch" && mkdir -p "$scratch"
	[ -d "$seeds" ] || seeds=
	rm -f "$OUT/$t-"{crash,leak,timeout,oom}-*
	# -jobs=1 -workers=1: one fuzzing process, whose output libFuzzer
	# writes to fuzz-0.log in the current directory: a scratch one
	(cd "$scratch" &&
		"$OUT/$t" -jobs=1 -workers=1 -max_total_time="$secs" \
			-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
			-artifact_prefix="$OUT/$t-" "$corpus" ${seeds:+"$seeds"} \
			>"$log.parent" 2>&1) || rc=$?
	cat "$scratch/fuzz-0.log" >"$log" 2>/dev/null || true
	rm -rf "$scratch"
	stats=$(grep -E '^#[0-9]+.* cov: ' "$log" | tail -n 1 || true)
	cov=$(sed -E 's/.*(cov: [0-9]+ ft: [0-9]+ corp: [^ ]+).*/\1/' <<<"$stats")
	execs=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	crash=$(ls "$OUT/$t-"{crash,leak,timeout,oom}-* 2>/dev/null || true)
	if [ "$rc" = 0 ] && [ -z "$crash" ] && grep -q '^Done ' "$log"; then
		printf '%-8s %6s exec/s  %s  no crash (%ss)\n' "$t" \
			"${execs:-?}" "${cov:-?}" "$((SECONDS - start))"
		verdict PASS "$t" "$((SECONDS - start))"
		return 0
	fi
	printf '%-8s %6s exec/s  %s  FAILED: %s (log: %s)\n' "$t" \
		"${execs:-?}" "${cov:-?}" "${crash:-no reproducer, exit $rc}" "$log"
	grep -m 3 -E '^(==[0-9]+==ERROR|SUMMARY|fuzz check failed|.*runtime error)' \
		"$log" | sed 's/^/    /' || true
	verdict FAIL "$t" "$((SECONDS - start))" "${crash:-exit $rc} (log: $log)"
	[ -z "$results" ] || grep -m 5 -E 'ERROR|SUMMARY|fuzz check|runtime error|#[0-9] ' \
		"$log" | sed 's/^/# /' >>"$results" || true
	return 1
}

# the crashing target must fail, with its reproducer: 0 if it does
selftest() {
	local start=$SECONDS rc=0 saved=$results
	results=
	build "$OUT/fuzz-crash" && run_one fuzz-crash 5 "$OUT/smoke-selftest" ||
		rc=$?
	results=$saved
	rm -rf "$OUT/smoke-selftest"
	if [ "$rc" = 1 ] && compgen -G "$OUT/fuzz-crash-crash-*" >/dev/null; then
		echo "selftest: the crashing target failed, as it must"
		verdict PASS selftest "$((SECONDS - start))"
		return 0
	fi
	echo "selftest: the crashing target did not fail (rc $rc)"
	verdict FAIL selftest "$((SECONDS - start))" "a crashing target passed"
	return 1
}

case $mode in
build)
	build "${TARGETS[@]/#/$OUT/}"
	;;
run | smoke | check)
	if ! build "${TARGETS[@]/#/$OUT/}"; then
		for t in "${TARGETS[@]}"; do verdict FAIL "$t" 0 "does not build"; done
		[ "$mode" != check ] || verdict FAIL selftest 0 "not run"
		exit 2
	fi
	failed=0
	for t in "${TARGETS[@]}"; do
		if [ "$mode" = run ]; then
			# the corpus grows from run to run
			run_one "$t" "${FUZZ_SECS:-60}" "$OUT/corpus/$t" || failed=1
		else
			# seeds only, so that a smoke depends on the repository
			work=$(mktemp -d "$OUT/smoke.XXXXXX")
			run_one "$t" "${FUZZ_SMOKE_SECS:-5}" "$work" || failed=1
			rm -rf "$work"
		fi
	done
	if [ "$mode" = check ]; then
		selftest || failed=1
	fi
	exit $failed
	;;
*)
	sed -n 's/^#   //p' "$0"
	exit 2
	;;
esac
