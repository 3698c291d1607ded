#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# keyupdate-own: KeyUpdates of our own (RFC 8446 section 4.6.3), with the
# kernel on both ends and the engine doing every handshake: the nvme-tcp
# host and nvmet-tcp, then the NFS client and knfsd (xprtsec=tls).
# Where kTLS can change keys (6.14 and later), for each pair:
#  1. the administrator's knob, tls13.key_update=1, mid-transfer: every
#     connection sends a KeyUpdate (update_requested) before its next
#     record, the other end follows it and answers; the data read back
#     while it happens is intact, nothing reconnects, and kTLS itself
#     counts the new keys (TlsTxRekeyOk, TlsRxRekeyOk in /proc/net/tls_stat);
#     NVMe's admin queue still answers an Identify afterwards
#  2. the AEAD's record limit, lowered for the test
#     (tls13.key_update_records=16): a 4 MiB transfer (some 256 records
#     each way) moves to new keys by itself, again and again, and the
#     data stays intact
# On 6.12 (kTLS cannot change keys) the knob is refused (EOPNOTSUPP) and
# the engine counts no KeyUpdate.
# vm-memory: 1536
# vm-timeout: 600
set -eu
. "$TLS13_TOP/tests/lib.sh"
. "$TLS13_TOP/tests/nvme-lib.sh"
. "$TLS13_TOP/tests/nfs-lib.sh"

P=/sys/module/tls13/parameters
follows=no
case $(uname -r) in
[7-9].* | 6.1[4-9]* | 6.[2-9][0-9]*) follows=yes ;;
esac
ku_stat() { sed -n "s/^key_updates_$1 //p" /proc/net/tls13_stat; }
recovery_lines() { kmsg | grep -cE 'nvme[0-9]+: (starting error recovery|Reconnecting|failed to send)|closing the connection|rpc-srv/tcp: .* shutting down' || true; }

step "an in-kernel engine serves net/handshake; kernel $(uname -r)"
echo "# engine: $(tls_engine); KeyUpdates of our own: $follows"
[ -n "$(ku_stat sent)" ] || { cat /proc/net/tls13_stat; exit 1; }

if [ $follows = no ]; then
	step "kTLS cannot change keys here: key_update=1 is refused, nothing counted"
	# dd says which errno the write got (the shell's echo does not)
	if err=$(echo 1 | dd of=$P/key_update status=none 2>&1); then
		echo "# key_update=1 was taken"
		exit 1
	fi
	echo "# $err"
	case $err in *"Operation not supported"*) ;; *) exit 1 ;; esac
	[ "$(ku_stat sent)" = 0 ] && [ "$(ku_stat received)" = 0 ]
	exit 0
fi

# wait_ge SECONDS WHAT COMMAND N: COMMAND prints at least N within
# SECONDS (a hang guard); then says how many
wait_ge() {
	n=0
	until [ "$($3)" -ge "$4" ]; do
		n=$((n + 1))
		[ $n -le $(($1 * 5)) ] || { echo "# $2: $($3), want $4 or more"; return 1; }
		sleep 0.2
	done
	echo "# $2: $($3)"
}
sent() { ku_stat sent; }
tx_rekeys() { tls_stat TlsTxRekeyOk; }
rx_rekeys() { tls_stat TlsRxRekeyOk; }

# knob_mid_transfer CHECK CONNS: key_update=1 while CHECK (reads the data
# back and compares it) runs; each of the CONNS connections' two ends sends
# at least one KeyUpdate and follows the other's
knob_mid_transfer() {
	s0=$(sent) tx0=$(tx_rekeys) rx0=$(rx_rekeys) rec0=$(recovery_lines)
	$1 &
	check=$!
	echo 1 >$P/key_update
	wait "$check" || { echo "# the data read back differs"; return 1; }
	# again: a connection sends its KeyUpdate with its next record
	$1 || { echo "# the data read back after the KeyUpdates differs"; return 1; }
	wait_ge 30 "KeyUpdates sent (engine)" sent $((s0 + 2 * $2))
	wait_ge 30 "new send keys (kTLS)" tx_rekeys $((tx0 + 2 * $2))
	wait_ge 30 "new receive keys (kTLS)" rx_rekeys $((rx0 + 2 * $2))
	[ "$(recovery_lines)" = "$rec0" ] ||
		{ kmsg | tail -n 20; echo "# a connection was closed or recovered"; return 1; }
	[ "$(tls_stat TlsDecryptError)" = 0 ]
}

# record_limit WRITE CHECK: with key_update_records=16, WRITE then CHECK
# (4 MiB each way, in requests of at most 1 MiB: 64 records) move to new
# keys by themselves, at least once per request: 8 times or more in all
# (a consumer asks before each send, so a key may carry one send more)
record_limit() {
	s0=$(sent) tx0=$(tx_rekeys) rec0=$(recovery_lines)
	echo 16 >$P/key_update_records
	$1
	$2 || { echo 0 >$P/key_update_records; echo "# the data read back differs"; return 1; }
	echo 0 >$P/key_update_records
	wait_ge 10 "KeyUpdates sent (engine)" sent $((s0 + 8))
	wait_ge 10 "new send keys (kTLS)" tx_rekeys $((tx0 + 8))
	[ "$(recovery_lines)" = "$rec0" ] ||
		{ kmsg | tail -n 20; echo "# a connection was closed or recovered"; return 1; }
	[ "$(tls_stat TlsDecryptError)" = 0 ]
}

# --- NVMe/TCP -----------------------------------------------------------
step "nvmet-tcp (TLS required) and nvme-tcp host, retained PSK"
grep -q " $CFS configfs " /proc/mounts || mount -t configfs configfs $CFS
read -r v </sys/class/net/lo/flags
[ $((v & 1)) = 1 ] || ip link set lo up
no_controllers
ring=$(nvme_keyring)
printf %s 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f |
	xxd -r -p >/tmp/psk
key=$(psk_add 01 "$ring" /tmp/psk)
nullb_setup
nvmet_setup tls
nvme_connect "hostnqn=$HOSTNQN,nr_io_queues=1,tls,tls_key=$key" ||
	{ echo "# connect: $connect_err"; nvme_log | tail -n 20; exit 1; }
wait_ns "$ctrl"
wait_tls_sockets 4	# admin and one I/O queue, both ends
dd if=/dev/urandom of=/tmp/data bs=1M count=4 status=none
sum=$(sha256 </tmp/data)
nvme_write() { dd if=/tmp/data of="/dev/${ctrl}n1" bs=1M oflag=direct status=none; }
nvme_check() {
	got=$(dd if="/dev/${ctrl}n1" bs=1M count=4 iflag=direct status=none | sha256)
	[ "$got" = "$sum" ] || { echo "# read $got, wrote $sum"; return 1; }
}
nvme_write

# admin_answers: an admin command (Identify) completes on the admin
# queue, whose KeyUpdates came with keep-alives and nothing else: a
# record left unread behind a KeyUpdate times the command out (a hang
# guard of 20 s; nvme-cli's own timeout is the kernel's 60 s)
admin_answers() {
	timeout 20 nvme id-ctrl "/dev/$ctrl" >/tmp/id-ctrl 2>&1 ||
		{ sed 's/^/# /' /tmp/id-ctrl; nvme_log | tail -n 10; return 1; }
	grep -q "^subnqn *: $SUBNQN" /tmp/id-ctrl ||
		{ sed 's/^/# /' /tmp/id-ctrl; return 1; }
	read -r v <"/sys/class/nvme/$ctrl/state"
	[ "$v" = live ]
}

step "nvme: key_update=1 mid-transfer"
knob_mid_transfer nvme_check 2
admin_answers

step "nvme: the record limit lowered to 16: new keys by themselves"
record_limit nvme_write nvme_check
admin_answers

nvme_disconnect "$ctrl"
wait_tls_sockets 0
nvmet_teardown
nullb_teardown

# --- NFS ------------------------------------------------------------------
step "knfsd (xprtsec=tls) and the NFS client, the test PKI"
nfs_test_pki
tls_trust_add $pki/ca.der >/dev/null
tls_identity_set server $pki/server.der $pki/server.key.der
nfsd_start $XPRTSEC_TLS
nfs_mount /export xprtsec=tls || { echo "# mount: $mount_err"; nfs_log | tail -n 20; exit 1; }
wait_tls_sockets 2
dd if=/dev/urandom of=/tmp/data bs=1M count=4 status=none
sum=$(sha256 </tmp/data)
nfs_write() { dd if=/tmp/data of=$NFS_MNT/data bs=1M oflag=direct status=none; }
nfs_check() {
	got=$(dd if=$NFS_MNT/data bs=1M iflag=direct status=none | sha256)
	[ "$got" = "$sum" ] || { echo "# read $got, wrote $sum"; return 1; }
}
nfs_write

step "nfs: key_update=1 mid-transfer"
knob_mid_transfer nfs_check 1

step "nfs: the record limit lowered to 16: new keys by themselves"
record_limit nfs_write nfs_check

step "tear down"
rm $NFS_MNT/data
nfs_umount
nfsd_stop
tls_keys_clear
wait_tls_sockets 0
