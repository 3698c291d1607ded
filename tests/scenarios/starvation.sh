#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# starvation: peers that connect and never speak cost memory, not
# threads. nvmet-tcp starts a TLS handshake on every connection it
# accepts when its port requires TLS; $IDLE connections that send nothing
# leave that many handshakes waiting on their sockets. While they wait:
#  1. the engine holds them with no worker each: in_flight in
#     /proc/net/tls13_stat counts them, the number of kworkers stays
#     within a few of what it was; the slab memory they hold is reported
#  2. a legitimate NVMe/TCP connect (PSK, 2 I/O queues) completes at once
#  3. an NFS mount with xprtsec=tls completes (knfsd's and the client's
#     handshakes)
#  4. with max_handshakes reached, the next connection's handshake is
#     refused at once (-EAGAIN to nvmet, which closes the connection),
#     counted as refused_max_handshakes
#  5. the idle peers go away: every waiting handshake ends then (its
#     socket's state change), in_flight is back where it was, none timed out
# vm-memory: 1536
# vm-timeout: 600
set -eu
. "$TLS13_TOP/tests/lib.sh"
. "$TLS13_TOP/tests/nvme-lib.sh"
. "$TLS13_TOP/tests/nfs-lib.sh"

IDLE=${TLS13_IDLE_PEERS:-300}
MAXHS=/sys/module/tls13/parameters/max_handshakes
NVMET_TMO=/sys/module/nvmet_tcp/parameters/tls_handshake_timeout

hs_stat() { sed -n "s/^$1 //p" /proc/net/tls13_stat; }
kworkers() { grep -l '^kworker' /proc/[0-9]*/comm 2>/dev/null | wc -l; }
slab_kb() { sed -n 's/^Slab: *\([0-9]*\) kB$/\1/p' /proc/meminfo; }
# wait_in_flight N SECONDS: in_flight reaches N
wait_in_flight() {
	i=0
	until [ "$(hs_stat in_flight)" = "$1" ]; do
		i=$((i + 1))
		[ $i -le $(($2 * 10)) ] ||
			{ echo "# in_flight $(hs_stat in_flight), want $1"; return 1; }
		sleep 0.1
	done
}

step "setup: lo, null_blk, a PSK in .nvme, nvmet-tcp requiring TLS"
grep -q " $CFS configfs " /proc/mounts || mount -t configfs configfs $CFS
ip link set lo up
no_controllers
nullb_setup
engine=$(tls_engine)
echo "# engine: $engine"
ring=$(nvme_keyring)
printf %s 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f |
	xxd -r -p >/tmp/psk-sha256
k256=$(psk_add 01 "$ring" /tmp/psk-sha256)
nvmet_setup tls
read -r old_tmo <$NVMET_TMO
echo 300 >$NVMET_TMO	# nvmet would cancel idle handshakes after 10 s

step "$IDLE TCP connections to nvmet-tcp that never speak"
f0=$(hs_stat in_flight) w0=$(kworkers) s0=$(slab_kb)
# one bash holds them all: /dev/tcp, then exec sleep keeps the fds
bash -c 'i=0
	while [ $i -lt '"$IDLE"' ]; do
		exec {fd}<>/dev/tcp/'"$NVME_ADDR/$NVME_PORT"' || exit 1
		i=$((i + 1))
	done
	exec sleep 600' &
idle=$!
wait_in_flight $((f0 + IDLE)) 120
w1=$(kworkers) s1=$(slab_kb)
echo "# handshakes in flight: $f0 -> $(hs_stat in_flight)"
echo "# kworkers: $w0 -> $w1"
echo "# slab: $s0 -> $s1 kB, $(((s1 - s0) / IDLE)) kB per idle connection (nvmet's queue, the socket, the engine's request; debug kernel)"
[ $((w1 - w0)) -le 8 ] ||
	{ echo "# $((w1 - w0)) more kworkers for $IDLE waiting handshakes"; exit 1; }
[ $(((s1 - s0) / IDLE)) -le 64 ] ||
	{ echo "# more than 64 kB per idle connection"; exit 1; }

step "a legitimate NVMe/TCP connect (PSK, 2 I/O queues) while they wait"
nvme_connect "hostnqn=$HOSTNQN,nr_io_queues=1,nr_write_queues=1,tls,tls_key=$k256" || {
	echo "# connect failed after ${connect_secs}s: $connect_err"
	nvme_log | tail -n 20
	exit 1
}
echo "# connected $ctrl in ${connect_secs}s"
# done, its handshakes within nvme-tcp's and nvmet-tcp's own limits; the
# time is the host's load as much as ours (1.7 s on a quiet one)
[ "${connect_secs%.*}" -lt 60 ]
read -r v </sys/class/nvme/$ctrl/queue_count && [ "$v" = 3 ]
nvme_disconnect "$ctrl"
no_controllers

step "a legitimate NFS mount with xprtsec=tls while they wait"
nfs_test_pki
tls_trust_add $pki/ca.der >/dev/null
tls_identity_set server $pki/server.der $pki/server.key.der
nfsd_start $XPRTSEC_TLS
nfs_mount /export xprtsec=tls || {
	echo "# mount failed after ${mount_secs}s: $mount_err"
	nfs_log | tail -n 20
	exit 1
}
echo "# mounted in ${mount_secs}s: $(nfs_mount_opts)"
[ "${mount_secs%.*}" -lt 60 ]
echo hello >$NFS_MNT/hello
nfs_umount
[ "$(cat $NFS_ROOT/export/hello)" = hello ]
nfsd_stop
tls_keys_clear

step "max_handshakes reached: the next connection is refused at once"
read -r old_max <$MAXHS
n=$(hs_stat in_flight)
echo "$n" >$MAXHS
r0=$(hs_stat refused_max_handshakes)
# nvmet cannot start the handshake and closes the connection: EOF
bash -c 'exec 3<>/dev/tcp/'"$NVME_ADDR/$NVME_PORT"' && timeout 20 cat <&3 >/dev/null'
echo "$old_max" >$MAXHS
[ "$(hs_stat refused_max_handshakes)" = $((r0 + 1)) ] ||
	{ cat /proc/net/tls13_stat; exit 1; }
[ "$(hs_stat in_flight)" = "$n" ]
kmsg | grep -q "tls13: $n handshakes in flight (max_handshakes): refused one"

step "the idle peers go away: their handshakes end now, none timed out"
t0=$(hs_stat failed_timeout)
kill "$idle"
wait "$idle" || true
wait_in_flight "$f0" 60
[ "$(hs_stat failed_timeout)" = "$t0" ]
echo "# kworkers now: $(kworkers)"

echo "$old_tmo" >$NVMET_TMO
nvmet_teardown
nullb_teardown
keyctl unlink "$k256" "$ring" >/dev/null
rm -f /tmp/psk-sha256
