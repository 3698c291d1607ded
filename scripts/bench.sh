#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make bench: build the bench kernel (kunit/bench.config: no sanitizers,
# SMP, the x86 crypto a distribution kernel has), boot it twice under QEMU
# with "-cpu max", run tests/bench/bench.sh's two parts in those boots, and
# print the tables of scripts/bench-table.py: each figure of the engine as
# a ratio to a reference doing the same work in the same boot. A
# benchmark, not a test: the figures are in $CACHE/bench/<date>.txt, the
# VMs' logs in $CACHE/logs/bench-hs.log and bench-setup.log.
#
# TLS13_BENCH_N (default 50) handshakes per repetition, TLS13_BENCH_REPS
# (default 5) repetitions.
#
# TLS13_BENCH_PROFILE=KIND:GROUP:ROLE[:IMPL] (e.g. psk:x25519:server):
# instead of the tables, one boot that profiles that CPU row with perf
# (Debian's linux-perf, installed here if missing), in
# $CACHE/bench/profile-<date>.txt.
set -euo pipefail
export TLS13_VARIANT=bench
. "$(dirname "$0")/lib.sh"

"$TOP/scripts/deps.sh"
make -C "$TOP" -s tools
"$TOP/scripts/build-kernel.sh"
mkdir -p "$CACHE/bench"
out=$CACHE/bench/$(date -u +%Y%m%dT%H%M%SZ).txt
rc=0
if [ -n "${TLS13_BENCH_PROFILE:-}" ]; then
	command -v perf >/dev/null || {
		[ "$(id -u)" -eq 0 ] || die "no perf: install linux-perf"
		apt-get update -q >/dev/null
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends linux-perf >/dev/null
	}
	out=$CACHE/bench/profile-$(date -u +%Y%m%dT%H%M%SZ).txt
	TLS13_VM_CPUS=2 "$TOP/scripts/vm-run.sh" -l "$CACHE/logs/boot-bench-profile.log" \
		-r "$CACHE/bench/results-profile" -Q -cpu -Q max \
		-A "TLS13_BENCH_N=${TLS13_BENCH_N:-50} TLS13_BENCH_PROFILE=$TLS13_BENCH_PROFILE" \
		bench-profile="$TOP/tests/bench/bench.sh" || rc=$?
	sed -n '/^# profile:/,/^# step/p' "$CACHE/logs/bench-profile.log" |
		tee "$out"
	log "profile in $out"
	exit $rc
fi
# Two boots. The handshake rows (CPU, rate, memory) in a VM of two vCPUs:
# under TCG every handshake, the engine's and OpenSSL's alike, costs about
# a millisecond more in a VM of eight, even with six offline (PSK server,
# one CPU online, 200 handshakes a repetition: engine 2950 against 1950
# us, OpenSSL 4430 against 3500 us), which pulls every ratio towards 1.
# The set-up rows in a VM of 8 vCPUs (the bench kernel's NR_CPUS): nvme
# connect's 16 I/O queues are 8 read and 8 write queues (nr_io_queues and
# nr_write_queues are each capped at the CPUs online).
args="TLS13_BENCH_N=${TLS13_BENCH_N:-50} TLS13_BENCH_REPS=${TLS13_BENCH_REPS:-5}"
rm -f "$CACHE/logs/bench-hs.log" "$CACHE/logs/bench-setup.log"
TLS13_VM_CPUS=2 "$TOP/scripts/vm-run.sh" -r "$CACHE/bench/results-hs" -Q -cpu -Q max \
	-A "$args TLS13_BENCH_PARTS=hs" bench-hs="$TOP/tests/bench/bench.sh" || rc=$?
TLS13_VM_CPUS=8 "$TOP/scripts/vm-run.sh" -r "$CACHE/bench/results-setup" -Q -cpu -Q max \
	-A "$args TLS13_BENCH_PARTS=setup" bench-setup="$TOP/tests/bench/bench.sh" || rc=$?
# The native figure: OpenSSL's own CPU per handshake on this host, beside
# the same under emulation in the VM (its cpu-self lines): what TCG does to
# the absolute numbers. The engine runs in a kernel only, so it has no
# native figure here.
native=$CACHE/bench/native.log
pki=$CACHE/pki
psk="--kind psk --psk-hex 280369f2931ebab3283c1e76b327575ec3f45bb0e3f8d962d670b263c56cb42a --psk-id tls13-bench-psk"
: >"$native"
for row in psk:x25519:psk p256:x25519:server.chain p256:secp256r1:server.chain \
	   p384:x25519:server384 rsa2048:x25519:serverrsa; do
	IFS=: read -r kind group leaf <<<"$row"
	keys=$psk
	[ "$kind" = psk ] || keys="--kind cert --cert-pem $pki/$leaf.pem --key-pem $pki/${leaf%.chain}.key.pem --ca-pem $pki/root.pem"
	for role in server client; do
		# shellcheck disable=SC2086 # $keys: several words
		"$TOP/build/tools/tls13-bench" cpu $keys --group "$group" --role "$role" \
			--impl openssl --self-only -n 200 --reps "${TLS13_BENCH_REPS:-5}" \
			--port 4460 --label "native:$kind/$group/$role/openssl" >>"$native" || rc=1
	done
done
{
	echo "make bench, $(date -u '+%F %T') UTC, commit $(git -C "$TOP" rev-parse --short HEAD 2>/dev/null || echo '?')"
	grep -a '^# kernel \|^# N=' "$CACHE/logs/bench-hs.log" "$CACHE/logs/bench-setup.log" |
		sed 's/^[^:]*logs\/bench-\([a-z]*\)\.log:# /\1: /' || true
	echo
	cat "$CACHE/logs/bench-hs.log" "$CACHE/logs/bench-setup.log" "$native" |
		python3 "$TOP/scripts/bench-table.py" --require-complete || rc=1
} | tee "$out"
log "tables in $out, the VMs' logs in $CACHE/logs/bench-hs.log and bench-setup.log"
exit $rc
