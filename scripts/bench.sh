#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make bench: build the bench kernel (kunit/bench.config: no sanitizers,
# SMP, the x86 crypto a distribution kernel has), boot it once under QEMU
# with two vCPUs and "-cpu max", run tests/bench/bench.sh in it, and print
# the tables of scripts/bench-table.py: each figure of the engine as a
# ratio to a reference doing the same work in the same boot. A benchmark,
# not a test: the figures are in $CACHE/bench/<date>.txt, the VM's log in
# $CACHE/logs/bench.log.
#
# TLS13_BENCH_N (default 50) handshakes per repetition, TLS13_BENCH_REPS
# (default 5) repetitions.
set -euo pipefail
export TLS13_VARIANT=bench
. "$(dirname "$0")/lib.sh"

"$TOP/scripts/deps.sh"
make -C "$TOP" -s tools
"$TOP/scripts/build-kernel.sh"
mkdir -p "$CACHE/bench"
out=$CACHE/bench/$(date -u +%Y%m%dT%H%M%SZ).txt
rc=0
# 8 vCPUs (the bench kernel's NR_CPUS): nvme connect's 16 I/O queues are
# 8 read and 8 write queues (nr_io_queues and nr_write_queues are each
# capped at the CPUs online); tests/bench/bench.sh takes all but two
# offline for the handshake figures.
TLS13_VM_CPUS=8 "$TOP/scripts/vm-run.sh" -r "$CACHE/bench/results" -Q -cpu -Q max \
	-A "TLS13_BENCH_N=${TLS13_BENCH_N:-50} TLS13_BENCH_REPS=${TLS13_BENCH_REPS:-5}" \
	bench="$TOP/tests/bench/bench.sh" || rc=$?
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
	grep -a '^# kernel \|^# N=' "$CACHE/logs/bench.log" | sed 's/^# //' || true
	echo
	cat "$CACHE/logs/bench.log" "$native" |
		python3 "$TOP/scripts/bench-table.py" --require-complete || rc=1
} | tee "$out"
log "tables in $out, the VM's log in $CACHE/logs/bench.log"
exit $rc
