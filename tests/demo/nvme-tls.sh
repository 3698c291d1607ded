#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make demo, NVMe/TCP part: in one VM, the kernel's NVMe/TCP target and
# host connect over TLS 1.3 with a retained PSK from the .nvme keyring,
# every handshake done by the in-kernel engine (no tlshd), then write
# random data through kTLS and read it back. Prints what was negotiated
# and asserts what it prints. Lines starting with "| " are shown by
# scripts/demo.sh. TLS13_NVME_PLAIN=1 (kernel command line) runs the same
# steps without TLS, to check the mechanics.
# vm-memory: 1536
# vm-timeout: 300
set -eu
. "$TLS13_TOP/tests/lib.sh"
. "$TLS13_TOP/tests/nvme-lib.sh"

say() { echo "| $*"; }
fail() { echo "# demo: $*"; nvme_log | tail -n 20; exit 1; }
[ "${TLS13_NVME_PLAIN:-0}" = 1 ] && mode=plain || mode=tls
mb=4
queues=3	# admin + one read + one write I/O queue

step "target: configfs, null_blk, nvmet port and subsystem"
grep -q " $CFS configfs " /proc/mounts || mount -t configfs configfs $CFS
nullb_setup
if [ $mode = tls ]; then
	engine=$(tls_engine)
	ring=$(nvme_keyring)
	printf %s 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f |
		xxd -r -p >/tmp/psk
	key=$(psk_add 01 "$ring" /tmp/psk)
	keyhex=$(printf %08x "$key")
fi
nvmet_setup $mode

say "kernel $(uname -r): NVMe/TCP over TLS 1.3, host and target in one kernel, no tlshd"
[ $mode = plain ] || say "handshakes by the in-kernel engine \"$engine\""
say ""
say "target   $SUBNQN"
say "         on $NVME_ADDR:$NVME_PORT, tcp, tsas $(cat $NVMET/ports/1/addr_tsas), treq $(cat $NVMET/ports/1/addr_treq)"
say "         namespace 1: /dev/$NULLB, $NULLB_MB MiB of memory"
say "host     $HOSTNQN"
if [ $mode = tls ]; then
	d=$(sed -n "s/^$keyhex .* psk *//p" /proc/keys)	# "identity: length"
	[ "$d" = "NVMe0R01 $HOSTNQN $SUBNQN: 32" ] || fail "PSK in /proc/keys: $d"
	say "PSK      key $keyhex in .nvme, ${d##*: } bytes, identity (retained, SHA-256):"
	say "         ${d%: *}"
fi
say ""

step "connect"
opts="hostnqn=$HOSTNQN,nr_io_queues=1,nr_write_queues=1"
[ $mode = plain ] || opts="$opts,tls"
hs0=$(dmesg | grep -cE "$HS_DONE_RE" || true)
nvme_connect "$opts" || fail "connect failed after ${connect_secs}s: $connect_err"
c=/sys/class/nvme/$ctrl
read -r state <"$c/state"
read -r nq <"$c/queue_count"
[ "$state" = live ] && [ "$nq" = $queues ] || fail "$ctrl: $state, $nq queues"
say "connect  /dev/nvme-fabrics <- transport=tcp,traddr=$NVME_ADDR,trsvcid=$NVME_PORT,nqn=<target>,"
say "           hostnqn=<host>,hostid=..,nr_io_queues=1,nr_write_queues=1${opts##*queues=1}"
say "         -> instance=${ctrl#nvme},cntlid=$cntlid in ${connect_secs} s: $ctrl $state, $nq queues (admin + $((nq - 1)) I/O)"
if [ $mode = tls ]; then
	read -r tlskey <"$c/tls_key"
	[ "$tlskey" = "$keyhex" ] || fail "negotiated key $tlskey, not $keyhex"
	wait_tls_sockets $((2 * queues)) || fail "kTLS not on every socket"
	say "         the host found PSK $tlskey by its identity and negotiated it"
	say ""
	say "handshakes, one per queue on each side (kernel log):"
	kmsg | grep -E "$HS_DONE_RE" | tail -n +$((hs0 + 1)) >/tmp/hs
	while read -r line; do
		say "  ${line#tls13: }"
	done </tmp/hs
	# what is shown must be what was asked for: 3 client and 3 server
	# handshakes, TLS_AES_128_GCM_SHA256 (the PSK's hash), the PSK above
	[ "$(grep -c . /tmp/hs)" = $((2 * queues)) ] ||
		fail "$(grep -c . /tmp/hs) handshakes logged, want $((2 * queues))"
	[ "$(grep -c ' client handshake ' /tmp/hs)" = $queues ] ||
		fail "want $queues client and $queues server handshakes"
	[ "$(grep ': TLS_AES_128_GCM_SHA256 ' /tmp/hs | grep -c "peer key $keyhex\$")" = $((2 * queues)) ] ||
		fail "want TLS_AES_128_GCM_SHA256 and peer key $keyhex on every line"
	say "kTLS     $(tls_stat TlsCurrTxSw) sockets with TX and RX keys in the kernel ($queues host, $queues target)"
fi
say ""

step "write and read back $mb MiB"
dev=/dev/${ctrl}n1
wait_ns "$ctrl"
dd if=/dev/urandom of=/tmp/data bs=1M count=$mb status=none
sum=$(sha256 </tmp/data)
t0=$(now_us)
dd if=/tmp/data of="$dev" bs=1M oflag=direct status=none
say "write    $mb MiB of random data to $dev in $(secs_since "$t0") s"
t0=$(now_us)
got=$(dd if="$dev" bs=1M count=$mb iflag=direct status=none | sha256)
say "read     $mb MiB back in $(secs_since "$t0") s"
say "sha256   written $sum"
say "         read    $got"
[ "$got" = "$sum" ] || fail "read back other data"
[ $mode = plain ] || [ "$(tls_stat TlsDecryptError)" = 0 ] || fail "kTLS decrypt errors"
[ $mode = plain ] && via=TCP || via=kTLS
say "         same bytes, O_DIRECT both ways: host -> $via -> target -> null_blk and back"

step "disconnect and tear down"
nvme_disconnect "$ctrl"
no_controllers
[ $mode = plain ] || wait_tls_sockets 0
nvmet_teardown
nullb_teardown
[ $mode = plain ] || keyctl clear "$ring"
say "disconnected: no controller and no kTLS socket left, target torn down"
