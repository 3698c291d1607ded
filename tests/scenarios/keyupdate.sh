#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# keyupdate: a peer's TLS KeyUpdate (RFC 8446 section 4.6.3), sent by
# OpenSSL, reaches each of the four kernel consumers.
# On a kernel whose kTLS cannot change keys (6.12) each must end that
# connection at once and say why (a fatal internal_error alert back to
# the peer, one "handshake: ... sent a TLS KeyUpdate" line), then
# reconnect and go on: never a stall on records it cannot decrypt.
# Where kTLS can (6.14 and later: the series' net/handshake hands the
# KeyUpdate to the engine), each follows it instead: three KeyUpdates,
# each sent while the data is being read back, each answered with ours
# (update_not_requested, seen by OpenSSL), the data read back intact,
# and no alert, no reconnect, no log line. Then, with fail_function,
# each half of the engine's KeyUpdate fails once (-ENOMEM): receiving the
# peer's, sending ours; the consumer ends the connection with one line
# and reconnects, and the data reads back intact. Last, the engine fails
# to keep a connection's session (-ENOMEM): the connection works without
# it, and a KeyUpdate ends it as on a connection tlshd set up.
# build/tools/tls-relay (OpenSSL's libssl) stands between a consumer and
# a plain-TCP other end, and sends the KeyUpdate (update_requested) on
# every connection when told (SIGUSR1):
#  1. nvme-tcp host -> relay (TLS server, the retained PSK) -> nvmet-tcp
#     plain port: 4 MiB written, KeyUpdate, the host's alert, the relay
#     sees the controller reconnect, the 4 MiB read back
#  2. nvme-tcp host (plain) -> relay (TLS client) -> nvmet-tcp TLS port:
#     the same with nvmet-tcp receiving the KeyUpdate
#  3. NFS client (xprtsec=tls) -> relay (TLS server, knfsd's certificate)
#     -> knfsd plain: 2 MiB written, KeyUpdate, alert, read back after
#     the client reconnects
#  4. NFS client (plain) -> relay (TLS client, ALPN sunrpc) -> knfsd TLS
# The kernel log names the relay as the peer that sent the KeyUpdate in
# each case. Waits are hang guards (events, not wall time).
# vm-memory: 1536
# vm-timeout: 600
set -eu
. "$TLS13_TOP/tests/lib.sh"
. "$TLS13_TOP/tests/nvme-lib.sh"
. "$TLS13_TOP/tests/nfs-lib.sh"

RELAY=$TLS13_TOP/build/tools/tls-relay
KU_RE='handshake: 127\.0\.0\.1:[0-9]+ sent a TLS KeyUpdate; kTLS in this kernel cannot change keys, closing the connection'
relay_pid=''

# relay_start LOG ARGS...: the relay in the background, events in LOG
relay_start() {
	log=$1
	shift
	"$RELAY" "$@" >"$log" 2>&1 &
	relay_pid=$!
	wait_event "$log" '^listening ' 10
}

relay_stop() {
	[ -z "$relay_pid" ] || kill "$relay_pid" 2>/dev/null || true
	wait "$relay_pid" 2>/dev/null || true
	relay_pid=''
}
trap relay_stop EXIT

# Seconds since boot (a builtin read: no exec under emulation).
uptime_s() { read -r u _ </proc/uptime; echo "${u%.*}"; }

# wait_event LOG REGEX SECONDS: a line of LOG matches REGEX within
# SECONDS (a hang guard)
wait_event() {
	end=$(($(uptime_s) + $3))
	until grep -qE "$2" "$1"; do
		[ "$(uptime_s)" -le $end ] || {
			echo "# no '$2' in $1:"
			sed 's/^/#   /' "$1"
			return 1
		}
		sleep 0.2
	done
}

# wait_until SECONDS WHAT COMMAND...: COMMAND succeeds within SECONDS
wait_until() {
	end=$(($(uptime_s) + $1)) what=$2
	shift 2
	until "$@"; do
		[ "$(uptime_s)" -le $end ] || { echo "# $what: not within $end s of uptime"; return 1; }
		sleep 0.2
	done
}

# lines REGEX: how many kernel log lines match; line_grew REGEX N: more than N
lines() { kmsg | grep -cE "$1" || true; }
line_grew() { [ "$(lines "$1")" -gt "$2" ]; }

# keyupdate LOG WHAT: send the KeyUpdates; the consumer answers one with
# a fatal internal_error alert and logs why, and a connection is opened
# anew through the relay
keyupdate() {
	opens=$(grep -c '^open ' "$1")
	ku0=$(lines "$KU_RE")
	kill -USR1 "$relay_pid"
	wait_event "$1" '^keyupdate ' 10
	wait_event "$1" '^alert [0-9]+ fatal internal error' 30
	wait_until 10 "a KeyUpdate line in the kernel log" line_grew "$KU_RE" "$ku0"
	kmsg | grep -E "$KU_RE" | tail -n 1 | sed 's/^/# /'
	sed 's/^/# relay: /' "$1"
	echo "# $2: $(grep -c '^alert [0-9]* fatal internal error' "$1") internal_error alert(s)"
}

# Does this kernel follow a KeyUpdate? (kTLS changes keys from 6.14 on)
follows=no
case $(uname -r) in
[7-9].* | 6.1[4-9]* | 6.[2-9][0-9]*) follows=yes ;;
esac
closing_lines() { lines 'handshake: .*closing the connection'; }
count() { grep -cE "$2" "$1" || true; }

# wait_count LOG REGEX N SECONDS: N lines of LOG match REGEX (a hang guard)
wait_count() {
	end=$(($(uptime_s) + $4))
	until [ "$(count "$1" "$2")" -ge "$3" ]; do
		[ "$(uptime_s)" -le $end ] || {
			echo "# fewer than $3 '$2' in $1:"
			sed 's/^/#   /' "$1"
			return 1
		}
		sleep 0.2
	done
}

# ours_back LOG N POKE: N of our KeyUpdates reached the relay; if not yet,
# POKE (a small read) makes the consumer send: a client sends its
# KeyUpdate before its next record, not before (RFC 8446 section 4.6.3)
ours_back() {
	[ "$(count "$1" '^peer-keyupdate [0-9]+ not-requested')" -ge "$2" ] && return 0
	$3 >/dev/null
	return 1
}

# follow LOG WHAT CHECK POKE: three KeyUpdates from the relay on every
# connection it relays, each sent while CHECK (reads the data back and
# compares it) runs; each followed and answered, and the connections go
# on: no alert either way, no new connection, no closing line in the log
follow() {
	conns=$(count "$1" '^open ')
	closing0=$(closing_lines)
	for r in 1 2 3; do
		$3 &
		check=$!
		kill -USR1 "$relay_pid"
		wait "$check" || { echo "# round $r: the data read back differs"; return 1; }
		wait_count "$1" '^keyupdate ' $((r * conns)) 20
		wait_until 60 "round $r: our KeyUpdate back at the relay" \
			ours_back "$1" $((r * conns)) "$4" || { sed 's/^/#   /' "$1"; return 1; }
	done
	sed 's/^/# relay: /' "$1"
	if grep -qE '^(alert|sent-alert) ' "$1"; then
		echo "# $2: an alert was sent or received"
		return 1
	fi
	[ "$(count "$1" '^open ')" = "$conns" ] ||
		{ echo "# $2: the consumer reconnected"; return 1; }
	[ "$(closing_lines)" = "$closing0" ] ||
		{ kmsg | grep -E 'handshake: .*closing the connection' | tail -n 3; return 1; }
	echo "# $2: $conns connection(s), 3 KeyUpdates each followed and answered, no alert, no reconnect"
}

# reopened LOG: the relay has relayed a connection opened after the
# KeyUpdate (the consumer reconnected)
new_open() { [ "$(grep -c '^open ' "$1")" -gt "$opens" ]; }
reopened() {
	wait_until 60 "a new connection through the relay" new_open "$1" ||
		{ sed 's/^/#   /' "$1"; return 1; }
}

# Where the consumers follow, the failure of either half of a KeyUpdate:
# fail_function (debugfs; 7.3's test kernel has it) makes the engine's
# next tls13_ku_follow (the peer's next receive key) or tls13_ku_send
# (ours) fail once with -ENOMEM. The consumer ends that connection and
# says why in one line, a new connection comes, the data reads back
# intact; nothing hangs, nothing leaks (vm-run.sh's kmemleak scan).
FF=/sys/kernel/debug/fail_function
FAIL_RE_tls13_ku_follow='handshake: 127\.0\.0\.1:[0-9]+ sent a TLS KeyUpdate; the next receive key could not be set \(-12\), closing the connection'
FAIL_RE_tls13_ku_send='handshake: TLS KeyUpdate to 127\.0\.0\.1:[0-9]+ failed \(-12\), closing the connection'

# fail_once FUNC: FUNC's next call returns -ENOMEM, once (one log line,
# no stack trace); fail_off: no more
fail_once() {
	echo "$1" >$FF/inject
	echo 0xfffffffffffffff4 >"$FF/$1/retval"
	echo 100 >$FF/probability
	echo 1 >$FF/interval
	echo 1 >$FF/times
	echo 1 >$FF/verbose
}
fail_off() { echo >$FF/inject; }
# failed POKE: the failure happened; if not yet, POKE (a client sends its
# KeyUpdate only before its next record)
failed() {
	read -r t <$FF/times
	[ "$t" = 0 ] && return 0
	$1 >/dev/null 2>&1
	return 1
}

# failed_round LOG WHAT FUNC CHECK POKE: FUNC fails once, and the relay
# sends a KeyUpdate on every connection while CHECK reads the data back
failed_round() {
	opens=$(count "$1" '^open ')
	eval "re=\$FAIL_RE_$3"
	n0=$(lines "$re")
	fail_once "$3"
	$4 &
	check=$!
	kill -USR1 "$relay_pid"
	wait "$check" || { echo "# $2, $3 failing: the data read back differs"; fail_off; return 1; }
	wait_until 60 "$2: $3 failed" failed "$5" || { fail_off; return 1; }
	fail_off
	kmsg | grep -E 'FAULT_INJECTION: forcing a failure' | tail -n 1 | sed 's/^/# /'
	wait_until 10 "$2: the line of $3's failure" line_grew "$re" "$n0"
	kmsg | grep -E "$re" | tail -n 1 | sed 's/^/# /'
	reopened "$1"
	$4 || { echo "# $2: the data read back on the new connection differs"; return 1; }
	echo "# $2: $3 failed once: the connection closed with one line, a new one opened, the data intact"
}

# session_round LOG WHAT CHECK POKE: the engine cannot keep the session
# of the next connection (tls13_session_keep fails once, as on -ENOMEM):
# the relay drops its connections (SIGUSR2), the consumer connects anew,
# the first new connection works without a session; a KeyUpdate on it
# then ends it as one tlshd set up would end ("no in-kernel TLS session
# keeps this connection's secrets", -EKEYEXPIRED to the consumer), the
# consumer reconnects, and the data reads back intact
NOSESSION_RE='handshake: 127\.0\.0\.1:[0-9]+ sent a TLS KeyUpdate; no in-kernel TLS session keeps this connection.s secrets, closing the connection'
session_round() {
	opens=$(count "$1" '^open ')
	n0=$(lines "$NOSESSION_RE")
	fail_once tls13_session_keep
	kill -USR2 "$relay_pid"
	wait_until 60 "$2: tls13_session_keep failed" failed "$4" || { fail_off; return 1; }
	fail_off
	reopened "$1"
	$3 || { echo "# $2: the data read back without a session differs"; return 1; }
	opens=$(count "$1" '^open ')
	$3 &
	check=$!
	kill -USR1 "$relay_pid"
	wait "$check" || { echo "# $2, no session: the data read back differs"; return 1; }
	wait_until 30 "$2: the line of a KeyUpdate without a session" \
		line_grew "$NOSESSION_RE" "$n0"
	kmsg | grep -E "$NOSESSION_RE" | tail -n 1 | sed 's/^/# /'
	reopened "$1"
	$3 || { echo "# $2: the data read back on the new connection differs"; return 1; }
	echo "# $2: a connection without a session: a KeyUpdate ended it with one line, a new one opened, the data intact"
}

is_live() { read -r s <"/sys/class/nvme/$1/state" && [ "$s" = live ]; }
wait_live() { wait_until 60 "$1 live" is_live "$1"; }

step "an in-kernel engine serves net/handshake (no tlshd)"
echo "# engine: $(tls_engine); kernel $(uname -r): KeyUpdates $([ $follows = yes ] && echo followed || echo end the connection)"

# --- NVMe/TCP -----------------------------------------------------------
step "configfs mounted, lo up"
grep -q " $CFS configfs " /proc/mounts || mount -t configfs configfs $CFS
read -r v </sys/class/net/lo/flags
[ $((v & 1)) = 1 ] || ip link set lo up
no_controllers

step "retained PSK in .nvme; null_blk; nvmet: plain port 4420, TLS port 4421"
ring=$(nvme_keyring)
psk=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
printf %s $psk | xxd -r -p >/tmp/psk
key=$(psk_add 01 "$ring" /tmp/psk)
identity="NVMe0R01 $HOSTNQN $SUBNQN"
nullb_setup
nvmet_setup plain
nvmet_port 2 4421 tls
host="hostnqn=$HOSTNQN,nr_io_queues=1,reconnect_delay=1,ctrl_loss_tmo=60"

# nvme_keyupdate NAME PORT CONNECT-OPTS: connect through the relay on
# PORT, write, KeyUpdate, reconnect, read back, disconnect
nvme_keyupdate() {
	NVME_PORT=$2
	nvme_connect "$3" || { echo "# connect: $connect_err"; nvme_log | tail -n 20; return 1; }
	NVME_PORT=4420
	wait_ns "$ctrl"
	dd if=/dev/urandom of=/tmp/data bs=1M count=4 status=none
	sum=$(sha256 </tmp/data)
	dd if=/tmp/data of="/dev/${ctrl}n1" bs=1M oflag=direct status=none
	if [ $follows = yes ]; then
		follow /tmp/relay-$1.log "$1" nvme_check nvme_poke
		failed_round /tmp/relay-$1.log "$1" tls13_ku_follow nvme_check nvme_poke
		wait_live "$ctrl"
		failed_round /tmp/relay-$1.log "$1" tls13_ku_send nvme_check nvme_poke
		wait_live "$ctrl"
		session_round /tmp/relay-$1.log "$1" nvme_check nvme_poke
		wait_live "$ctrl"
		nvme_disconnect "$ctrl"
		return
	fi
	keyupdate /tmp/relay-$1.log "$1"
	reopened /tmp/relay-$1.log
	wait_live "$ctrl"
	got=$(dd if="/dev/${ctrl}n1" bs=1M count=4 iflag=direct status=none | sha256)
	[ "$got" = "$sum" ] || { echo "# read $got, wrote $sum"; return 1; }
	echo "# $ctrl live again, 4 MiB read back: sha256 $sum"
	nvme_log | grep -iE 'reconnect|keyupdate|alert|receive failed' | tail -n 8
	nvme_disconnect "$ctrl"
}

nvme_check() {
	got=$(dd if="/dev/${ctrl}n1" bs=1M count=4 iflag=direct status=none | sha256)
	[ "$got" = "$sum" ] || { echo "# read $got, wrote $sum"; return 1; }
}
nvme_poke() { dd if="/dev/${ctrl}n1" bs=4k count=1 iflag=direct status=none; }

step "1. nvme-tcp host gets a KeyUpdate from OpenSSL (TLS server, PSK)"
relay_start /tmp/relay-nvme-host.log --listen 4430 --to 127.0.0.1:4420 \
	--tls front --psk-identity "$identity" --psk $psk
nvme_keyupdate nvme-host 4430 "$host,tls,tls_key=$key"
relay_stop

step "2. nvmet-tcp gets a KeyUpdate from OpenSSL (TLS client, PSK)"
relay_start /tmp/relay-nvmet.log --listen 4431 --to 127.0.0.1:4421 \
	--tls back --psk-identity "$identity" --psk $psk
nvme_keyupdate nvmet 4431 "$host"
relay_stop
no_controllers
wait_tls_sockets 0
nvmet_port_remove 2
nvmet_teardown
nullb_teardown

# --- NFS ------------------------------------------------------------------
step "test PKI; trust anchor and knfsd's identity in keyrings"
nfs_test_pki
tls_trust_add $pki/ca.der >/dev/null
tls_identity_set server $pki/server.der $pki/server.key.der

step "knfsd: /export admits plain and TLS"
nfsd_start $XPRTSEC_NONE $XPRTSEC_TLS

# nfs_keyupdate NAME PORT OPTS: mount through the relay on PORT, write,
# KeyUpdate, read back after the reconnect, unmount
nfs_keyupdate() {
	NFS_PORT=$2
	nfs_mount /export "$3" || {
		echo "# mount: $mount_err"
		nfs_log | tail -n 20
		sed 's/^/# relay: /' /tmp/relay-$1.log
		return 1
	}
	NFS_PORT=2049
	dd if=/dev/urandom of=/tmp/data bs=1M count=2 status=none
	sum=$(sha256 </tmp/data)
	dd if=/tmp/data of=$NFS_MNT/data bs=1M oflag=direct status=none
	if [ $follows = yes ]; then
		follow /tmp/relay-$1.log "$1" nfs_check nfs_poke
		failed_round /tmp/relay-$1.log "$1" tls13_ku_follow nfs_check nfs_poke
		failed_round /tmp/relay-$1.log "$1" tls13_ku_send nfs_check nfs_poke
		session_round /tmp/relay-$1.log "$1" nfs_check nfs_poke
		rm $NFS_MNT/data
		nfs_umount
		return
	fi
	keyupdate /tmp/relay-$1.log "$1"
	got=$(dd if=$NFS_MNT/data bs=1M iflag=direct status=none | sha256)
	[ "$got" = "$sum" ] || { echo "# read $got, wrote $sum"; return 1; }
	reopened /tmp/relay-$1.log
	echo "# 2 MiB read back after the reconnect: sha256 $sum"
	rm $NFS_MNT/data
	nfs_umount
}

nfs_check() {
	got=$(dd if=$NFS_MNT/data bs=1M iflag=direct status=none | sha256)
	[ "$got" = "$sum" ] || { echo "# read $got, wrote $sum"; return 1; }
}
nfs_poke() { dd if=$NFS_MNT/data bs=4k count=1 iflag=direct status=none; }

step "3. the NFS client gets a KeyUpdate from OpenSSL (TLS server)"
relay_start /tmp/relay-nfs-client.log --listen 20490 --to 127.0.0.1:2049 \
	--tls front --cert $pki/server.der --key $pki/server.key.der --alpn sunrpc \
	--rpc-tls
nfs_keyupdate nfs-client 20490 xprtsec=tls
relay_stop

step "4. knfsd gets a KeyUpdate from OpenSSL (TLS client, ALPN sunrpc)"
relay_start /tmp/relay-knfsd.log --listen 20491 --to 127.0.0.1:2049 \
	--tls back --ca $pki/ca.der --alpn sunrpc --rpc-tls
nfs_keyupdate knfsd 20491 ""
relay_stop

step "tear down"
nfsd_stop
tls_keys_clear
wait_tls_sockets 0
