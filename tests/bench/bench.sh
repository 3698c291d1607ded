#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# bench: what a handshake costs with the in-kernel engine, each figure
# against a reference doing the same work in the same boot (run by
# scripts/bench.sh in the bench kernel; tests/scenarios/bench-smoke.sh
# runs its smallest configuration in the test kernel). Prints BENCH lines
# (tests/tools/tls13-bench.cpp) and SETUP lines:
#
#   SETUP <label> median=<s> min=<s> max=<s> unit=s fails=<n>
#
# Knobs (kernel command line, from scripts/bench.sh):
#   TLS13_BENCH_N      handshakes per repetition (default 50)
#   TLS13_BENCH_REPS   repetitions (default 5; the set-up rows, a fraction
#                      of a second each, take three times as many)
#   TLS13_BENCH_SMOKE  1: every row once, 1 handshake (rate: 4 in flight)
#   TLS13_BENCH_PARTS  "hs" (CPU, rate and memory rows), "setup" (nvme
#                      connect, NFS mount) or both (the default)
#   TLS13_BENCH_PROFILE KIND:GROUP:ROLE[:IMPL] (e.g. psk:x25519:server):
#                      no rows, but a perf profile of that CPU row's N
#                      handshakes (IMPL engine by default), one CPU online
#
# Certificates (the test PKI, tests/pki-lib.sh; every certificate
# ECDSA-signed with SHA-256): p256 is a P-256 leaf with its P-256
# intermediate under the P-256 root (two signatures to verify); p384 and
# rsa2048 are leaves directly under that root. Server authentication only.
# vm-timeout: 5400
# vm-memory: 2048
set -eu
. "$TLS13_TOP/tests/lib.sh"
. "$TLS13_TOP/tests/pki-lib.sh"
. "$TLS13_TOP/tests/nvme-lib.sh"
. "$TLS13_TOP/tests/nfs-lib.sh"

B=$TLS13_TOP/build/tools/tls13-bench
N=${TLS13_BENCH_N:-50}
REPS=${TLS13_BENCH_REPS:-5}
INFLIGHT="1 16 256"
MEM_INFLIGHT=256
QUEUES="1 4 16"
SETUP_REPS=$((3 * REPS))
if [ "${TLS13_BENCH_SMOKE:-0}" = 1 ]; then
	N=1 REPS=1 INFLIGHT="1 4" MEM_INFLIGHT=4 QUEUES=1 SETUP_REPS=1
fi
PSK_ID="tls13-bench-psk"
PSK_HEX=280369f2931ebab3283c1e76b327575ec3f45bb0e3f8d962d670b263c56cb42a

# part NAME: whether this run has the rows of part NAME
part() {
	case " ${TLS13_BENCH_PARTS:-hs setup} " in *" $1 "*) return 0 ;; esac
	return 1
}

step "tls13-bench built on the host, /dev/tls13_test, loopback"
[ -x "$B" ] || { echo "# $B missing: run 'make tools' on the host"; exit 1; }
[ -c /dev/tls13_test ]
ip link set lo up
# no line on the serial console per handshake (the test VMs turn it on):
# it would be counted as the engine's CPU time
echo 0 >/sys/module/tls13/parameters/log_handshakes
echo "# kernel $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs," \
	"$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
echo "# N=$N REPS=$REPS (set-up: $SETUP_REPS) in flight: $INFLIGHT; memory with $MEM_INFLIGHT"

# cpus N: CPUs 0..N-1 online, the others offline. The CPU figures take
# one CPU: with two, the wake-ups from one CPU to the other (IPIs, idle
# exits, all emulated under TCG) spread a row's repetitions by tens of
# percent, and the side under test is still the VM's busy time less the
# peer's. The rates and the memory take two, so that in-flight handshakes
# overlap; nvme connect takes all of them (8 in make bench), as its 16
# I/O queues are 8 read and 8 write queues, each capped at the CPUs
# online.
cpus() {
	for c in /sys/devices/system/cpu/cpu[0-9]*; do
		n=${c##*cpu}
		[ "$n" != 0 ] || continue
		if [ "$n" -lt "$1" ]; then echo 1; else echo 0; fi >"$c/online"
	done
	echo "# CPUs online: $(cat /sys/devices/system/cpu/online)"
}

step "keys: a PSK, the test PKI's server certificates and root"
PKI=${TLS13_PKI:?no TLS13_PKI (scripts/vm-run.sh makes it)}
ring=$(keyctl newring tls13-bench @u)
printf %s "$PSK_HEX" | xxd -r -p >/tmp/bench-psk
psk=$(keyctl padd psk "$PSK_ID" "$ring" </tmp/bench-psk 2>/dev/null ||
	keyctl padd user "$PSK_ID" "$ring" </tmp/bench-psk)
trust=$(keyctl newring tls13-bench-trust @u)
keyctl padd asymmetric "" "$trust" <"$PKI/root.der" >/dev/null
c_p256=$(pki_user "$PKI/server.chain.der")
k_p256=$(pki_user "$PKI/server.key.der")
c_p384=$(pki_user "$PKI/server384.der")
k_p384=$(pki_user "$PKI/server384.key.der")
c_rsa=$(pki_user "$PKI/serverrsa.der")
k_rsa=$(pki_user "$PKI/serverrsa.key.der")

# bench MODE KIND GROUP [ARGS...]: one repetition, one tls13-bench
# invocation with the keys of KIND (psk, p256, p384, rsa2048). The callers
# take the repetitions of the engine and of its reference in turn (ABAB),
# so that a drift of the machine's speed falls on both alike;
# scripts/bench-table.py takes the median of a label's lines.
bench() {
	mode=$1 kind=$2 group=$3
	shift 3
	case $kind in
	psk) keys="--kind psk --psk-key $psk --psk-ring $ring --psk-hex $PSK_HEX --psk-id $PSK_ID" ;;
	p256) keys="--kind cert --cert $c_p256 --privkey $k_p256 --cert-pem $PKI/server.chain.pem --key-pem $PKI/server.key.pem" ;;
	p384) keys="--kind cert --cert $c_p384 --privkey $k_p384 --cert-pem $PKI/server384.pem --key-pem $PKI/server384.key.pem" ;;
	rsa2048) keys="--kind cert --cert $c_rsa --privkey $k_rsa --cert-pem $PKI/serverrsa.pem --key-pem $PKI/serverrsa.key.pem" ;;
	esac
	# shellcheck disable=SC2086 # $keys: several words
	"$B" "$mode" $keys --trust "$trust" --ca-pem "$PKI/root.pem" \
		--group "$group" -n "$N" --reps 1 "$@"
}

# profile KIND GROUP ROLE IMPL: perf's view of one CPU row, the whole VM
# sampled while tls13-bench measures (the engine's work runs in kworkers,
# not in tls13-bench; the peer's libssl thread is in it too): the share
# of each thread, then, for the side under test (every thread but idle
# and the peer, bench-peer), the symbols with their callees' samples
# (e.g. tls13_work: the engine's worker) and by their own
profile() {
	command -v perf >/dev/null ||
		{ echo "# no perf: apt-get install linux-perf on the host"; return 1; }
	cpus 1
	echo "# profile: $1/$2/$3/$4, $N handshakes, sampled at 2000 Hz"
	# sampling only while tls13-bench measures (its --perf-ctl)
	rm -f /tmp/bench.ctl
	mkfifo /tmp/bench.ctl
	perf record -q -a -g -F 2000 -D -1 --control fifo:/tmp/bench.ctl \
		-o /tmp/bench.perf &
	pid=$!
	bench cpu "$1" "$2" --role "$3" --impl "$4" --label "$1/$2/$3/$4" \
		--perf-ctl /tmp/bench.ctl
	kill -INT $pid
	wait $pid || true
	r="perf report -i /tmp/bench.perf --stdio -g none --percent-limit 0.5"
	echo "# by thread (percent of all samples; swapper is idle, bench-peer the peer)"
	$r --no-children --sort comm 2>/dev/null | grep -v '^#' | grep -v '^$'
	# the side under test: every thread but the idle one and the peer
	side=$($r --no-children --sort comm --percent-limit 0 2>/dev/null |
		awk '!/^#/ && NF == 2 && $2 != "swapper" && $2 != "bench-peer" { print $2 }' |
		paste -sd, -)
	echo "# the side under test ($side), by symbol, with callees (percent of its samples)"
	$r --children --sort sym --percentage relative --comms "$side" 2>/dev/null |
		grep -v '^#' | grep -v '^$' | head -80
	echo "# the side under test, by symbol, own samples"
	$r --no-children --sort sym --percentage relative --comms "$side" 2>/dev/null |
		grep -v '^#' | grep -v '^$' | head -40
	rm -f /tmp/bench.perf
}
if [ -n "${TLS13_BENCH_PROFILE:-}" ]; then
	IFS=: read -r pkind pgroup prole pimpl <<EOF_
$TLS13_BENCH_PROFILE
EOF_
	profile "$pkind" "$pgroup" "$prole" "${pimpl:-engine}"
	TLS13_BENCH_PARTS=none
fi

if part hs; then
	step "CPU per handshake: the engine, OpenSSL, OpenSSL with kTLS"
	cpus 1
	for row in psk:x25519 p256:x25519 p256:secp256r1 p384:x25519 rsa2048:x25519; do
		kind=${row%:*} group=${row#*:}
		for role in server client; do
			for rep in $(seq "$REPS"); do
				for impl in engine openssl openssl-ktls; do
					bench cpu "$kind" "$group" --role "$role" --impl "$impl" \
						--label "$kind/$group/$role/$impl"
				done
			done
		done
	done

	step "handshakes per second, both ends engine or both OpenSSL"
	cpus 2
	for kind in psk p256; do
		for c in $INFLIGHT; do
			for rep in $(seq "$REPS"); do
				for impl in engine openssl; do
					bench rate "$kind" x25519 --impl "$impl" --inflight "$c" \
						-n $((N > 2 * c ? N : 2 * c)) \
						--label "$kind/x25519/$c/$impl"
				done
			done
		done
	done

	step "bytes per handshake in flight"
	for kind in psk p256; do
		for role in server client; do
			for rep in $(seq "$REPS"); do
				for impl in engine openssl; do
					bench mem "$kind" x25519 --role "$role" --impl "$impl" \
						--inflight "$MEM_INFLIGHT" \
						--label "$kind/x25519/$role/$impl"
				done
			done
		done
	done
fi

# The set-up rows take SETUP_REPS repetitions, plain TCP and TLS in turn
# (ABAB, as the CPU rows).
# try LABEL CMD...: CMD once (it sets $secs on success and undoes what it
# set up); its time, or a failure, goes to LABEL's list.
# setup_report LABEL: a SETUP line of the list's median and spread.
try() {
	f=$SETUP_DIR/$(printf %s "$1" | tr / _)
	shift
	if "$@"; then echo "$secs" >>"$f"; else echo fail >>"$f"; fi
}
setup_report() {
	f=$SETUP_DIR/$(printf %s "$1" | tr / _)
	grep -qv fail "$f" || { echo "# $1: every try failed"; return 0; }
	fails=$(grep -c fail "$f" || true)
	grep -v fail "$f" | sort -n | awk -v l="$1" -v f="$fails" '
		{ v[NR] = $1 }
		END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		      printf "SETUP %s median=%g min=%g max=%g unit=s fails=%d\n",
			     l, m, v[1], v[NR], f }'
}

# The set-up times are taken by tls13-bench around the one system call
# (write(2) to /dev/nvme-fabrics, mount(2)): a process the shell started
# inside the interval would add the same tens of milliseconds to plain
# TCP and TLS alike and pull their ratio towards 1.
# timed LINE: $secs and $answer from "us=<us> <answer>", 1 on an error
timed() {
	[ -n "$1" ] || { answer="no answer (timed out?)"; return 1; }
	us=${1%% *} answer=${1#* }
	us=${us#us=}
	secs=$(printf '%d.%06d' $((us / 1000000)) $((us % 1000000)))
	case $answer in error=*) return 1 ;; esac
}

# nvme_once PORT OPTS QUEUES: a controller with QUEUES I/O queues through
# the target's PORT, then none
nvme_once() {
	port=$1
	shift
	timed "$("$B" time fabrics "transport=tcp,traddr=$NVME_ADDR,trsvcid=$port,nqn=$SUBNQN,hostid=$HOSTID,$1")" ||
		{ echo "# connect $1: $answer"; return 1; }
	case $answer in
	instance=*,cntlid=*) ctrl=${answer%%,*} ctrl=nvme${ctrl#instance=} ;;
	*) echo "# connect $1: answer '$answer'"; return 1 ;;
	esac
	read -r qc </sys/class/nvme/$ctrl/queue_count
	nvme_disconnect "$ctrl"
	[ "$qc" = $(($2 + 1)) ] || {
		echo "# $ctrl had $((qc - 1)) I/O queues, not $2"
		return 1
	}
}

# nfs_once OPTS: a mount of / with OPTS (nfs_mount's), then none
nfs_once() {
	timed "$(timeout -k 5 "$NFS_MOUNT_TIMEOUT" "$B" time mount "$NFS_ADDR:/" "$NFS_MNT" nfs4 \
		"vers=$NFS_VERS,proto=tcp,port=$NFS_PORT,addr=$NFS_ADDR,clientaddr=$NFS_ADDR,hard,timeo=600,retrans=2${1:+,$1}")" ||
		{ echo "# mount -o $1: $answer"; return 1; }
	nfs_umount
}

if part setup; then
	step "nvme connect: TLS (PSK) against plain TCP, 1/4/16 I/O queues"
	SETUP_DIR=$(mktemp -d)
	cpus 1024
	nkr=$(nvme_keyring)
	printf %s 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f |
		xxd -r -p >/tmp/bench-nvme-psk
	nkey=$(psk_add 01 "$nkr" /tmp/bench-nvme-psk)
	grep -q " $CFS configfs " /proc/mounts || mount -t configfs configfs $CFS
	nullb_setup
	# the subsystem on two ports: plain TCP on nvmet_setup's, TLS on the next
	nvmet_setup plain
	TLS_PORT=$((NVME_PORT + 1))
	nvmet_port 2 "$TLS_PORT" tls
	# nr_io_queues and nr_write_queues are each capped at the CPUs online:
	# more I/O queues than CPUs are read and write queues
	ncpu=$(grep -c ^processor /proc/cpuinfo)
	for q in $QUEUES; do
		if [ "$q" -gt "$ncpu" ]; then
			opts="hostnqn=$HOSTNQN,nr_io_queues=$ncpu,nr_write_queues=$((q - ncpu))"
		else
			opts="hostnqn=$HOSTNQN,nr_io_queues=$q"
		fi
		for rep in $(seq "$SETUP_REPS"); do
			try "nvme/$q/plain" nvme_once "$NVME_PORT" "$opts" "$q"
			try "nvme/$q/tls" nvme_once "$TLS_PORT" "$opts,tls,tls_key=$nkey" "$q"
		done
		setup_report "nvme/$q/plain"
		setup_report "nvme/$q/tls"
	done
	nvmet_port_remove 2
	nvmet_teardown
	nullb_teardown

	step "NFS mount: xprtsec=tls (certificate) against plain TCP"
	pki=${TLS13_NFS_PKI:?no TLS13_NFS_PKI (scripts/vm-run.sh makes it)}
	tls_keys_clear
	tls_trust_add "$pki/ca.der" >/dev/null
	tls_identity_set server "$pki/server.der" "$pki/server.key.der"
	nfsd_start $XPRTSEC_NONE $XPRTSEC_TLS
	for rep in $(seq "$SETUP_REPS"); do
		try nfs/mount/plain nfs_once ""
		try nfs/mount/tls nfs_once xprtsec=tls
	done
	setup_report nfs/mount/plain
	setup_report nfs/mount/tls
	nfsd_stop
	rm -rf "$SETUP_DIR"
fi
step "done"
