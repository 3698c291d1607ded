#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# nvme-tls: NVMe/TCP over TLS 1.3 end to end in one VM, no tlshd anywhere.
# The nvmet-tcp target (configfs, port on 127.0.0.1:4420 with tsas tls1.3
# and treq required, one memory-backed null_blk namespace, one allowed
# host) and the nvme-tcp host (/dev/nvme-fabrics) both hand their
# handshakes to the in-kernel engine, with retained PSKs in .nvme:
#  1. the host names the SHA-256 PSK (tls_key=); admin + 2 I/O queues, each
#     a TLS handshake, kTLS on all six sockets; 8 MiB of random data
#     written with O_DIRECT and read back byte for byte; disconnect
#  2. the host holds other key bytes for the same identity (keyring=):
#     the connect fails within a bounded time, no controller remains
#  3. the host picks a PSK by itself (SHA-384 before SHA-256): 4 MiB of
#     the data read back over the SHA-384 suite, 2 MiB rewritten and read
#     back; disconnect
#  4. handshake.upcall=1 sends the host's request to tlshd (-ESRCH: none
#     runs); a connect killed mid-handshake is cancelled through
#     net/handshake and the engine lets go of the socket; in a namespace
#     where a stand-in for tlshd listens (build/tools/upcall-agent) the
#     request goes to it and the engine sees nothing; once it is gone the
#     engine takes that namespace's requests
# then the target is torn down. (24 MiB in all cross some 1500 kTLS
# records: enough to prove the path; this is not a throughput test.)
# TLS13_NVME_PLAIN=1 (kernel command line) runs the same mechanics over
# plain NVMe/TCP, with a disallowed host NQN as the refused connect.
# vm-memory: 1536
# vm-timeout: 600
set -eu
. "$TLS13_TOP/tests/lib.sh"
. "$TLS13_TOP/tests/nvme-lib.sh"

plain=${TLS13_NVME_PLAIN:-0}
[ "$plain" = 1 ] && mode=plain || mode=tls
echo "# mode: $mode"
host="hostnqn=$HOSTNQN,nr_io_queues=1,nr_write_queues=1"
# nr_io_queues is capped at the number of CPUs; one read and one write
# queue make 2 I/O queues on any kernel: queue_count 3 with the admin queue
queues=3

hs_count() { dmesg | grep -cE "$HS_DONE_RE" || true; }

# check_ctrl CTRL PSK: CTRL is live with $queues queues; with TLS every
# queue (both ends) finished a handshake, the host reports PSK as the
# negotiated key, kTLS runs on all 2 * $queues sockets and the engine
# used a cipher suite with the PSK's hash (SUITE_HASH).
check_ctrl() {
	c=/sys/class/nvme/$1
	read -r v <"$c/state" && [ "$v" = live ] || { echo "# $1: state $v"; return 1; }
	read -r v <"$c/transport" && [ "$v" = tcp ]
	read -r v <"$c/queue_count" &&
		[ "$v" = $queues ] || { echo "# $1: queue_count $v"; return 1; }
	kmsg | grep -q "$1: creating 2 I/O queues"
	if [ $mode = plain ]; then
		[ ! -e "$c/tls_key" ]
		[ "$(tls_stat TlsCurrTxSw)" = 0 ]
		return
	fi
	read -r v <"$c/tls_key"
	[ "$v" = "$(printf %08x "$2")" ] || { echo "# $1: tls_key $v, want $2"; return 1; }
	wait_tls_sockets $((2 * queues))
	# one line per queue and side, all with the PSK and a suite on its hash
	hs=$(hs_count)
	[ $((hs - hs0)) = $((2 * queues)) ] ||
		{ echo "# $((hs - hs0)) handshakes logged, want $((2 * queues))"; return 1; }
	kmsg | grep -E "$HS_DONE_RE" | tail -n $((2 * queues)) >/tmp/hs
	sed 's/^/# /' /tmp/hs
	[ "$(grep -c ' client handshake ' /tmp/hs)" = $queues ] ||
		{ echo "# want $queues client and $queues server handshakes"; return 1; }
	[ "$(grep "_$SUITE_HASH " /tmp/hs | grep -c "peer key $v\$")" = $((2 * queues)) ] ||
		{ echo "# want a $SUITE_HASH suite and peer key $v on every line"; return 1; }
}

connect_or_fail() {
	hs0=$(hs_count)
	nvme_connect "$1" || {
		echo "# connect failed after ${connect_secs}s: $connect_err"
		nvme_log | tail -n 20
		return 1
	}
	echo "# connected: $ctrl, cntlid $cntlid, in ${connect_secs}s"
}

step "configfs mounted, lo up"
# an earlier part of the same boot (make demo's) may have mounted it
grep -q " $CFS configfs " /proc/mounts || mount -t configfs configfs $CFS
[ -d $NVMET ] && [ -d $CFS/nullb ]
read -r v </sys/class/net/lo/flags
[ $((v & 1)) = 1 ] || ip link set lo up
no_controllers

step "memory-backed null_blk $NULLB ($NULLB_MB MiB)"
nullb_setup

if [ $mode = tls ]; then
	step "an in-kernel engine serves net/handshake (no tlshd)"
	engine=$(tls_engine)
	echo "# engine: $engine"

	step "retained PSKs in .nvme: SHA-256 and SHA-384"
	ring=$(nvme_keyring)
	printf %s 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f |
		xxd -r -p >/tmp/psk-sha256
	printf %s 303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f |
		xxd -r -p >/tmp/psk-sha384
	k256=$(psk_add 01 "$ring" /tmp/psk-sha256)
	k384=$(psk_add 02 "$ring" /tmp/psk-sha384)
	echo "# .nvme $ring: SHA-256 PSK $k256, SHA-384 PSK $k384"
	grep -q "psk .*NVMe0R01 $HOSTNQN $SUBNQN: 32\$" /proc/keys
	grep -q "psk .*NVMe0R02 $HOSTNQN $SUBNQN: 48\$" /proc/keys
fi

step "nvmet: $SUBNQN on $NVME_ADDR:$NVME_PORT ($mode)"
nvmet_setup $mode
if [ $mode = tls ]; then
	read -r v <$NVMET/ports/1/addr_tsas && [ "$v" = tls1.3 ]
	read -r v <$NVMET/ports/1/addr_treq && [ "$v" = required ]
fi

[ $mode = tls ] && what="SHA-256 PSK named by tls_key=" || what="plain"
step "connect 1 ($what), 2 I/O queues"
opts=$host
[ $mode = tls ] && opts="$opts,tls,tls_key=$k256"
SUITE_HASH=SHA256
connect_or_fail "$opts"
check_ctrl "$ctrl" "${k256:-}"
dev=/dev/${ctrl}n1
wait_ns "$ctrl"
read -r v </sys/block/${ctrl}n1/size
[ "$v" = $((NULLB_MB * 2048)) ] || { echo "# $dev: $v sectors"; exit 1; }

step "write 8 MiB of random data to $dev (O_DIRECT)"
dd if=/dev/urandom of=/tmp/data bs=1M count=8 status=none
sum=$(sha256 </tmp/data)
t0=$(now_us)
dd if=/tmp/data of="$dev" bs=1M oflag=direct status=none
echo "# written in $(secs_since "$t0")s"

step "read 8 MiB back from $dev (O_DIRECT), same sha256"
t0=$(now_us)
got=$(dd if="$dev" bs=1M count=8 iflag=direct status=none | sha256)
echo "# read in $(secs_since "$t0")s"
[ "$got" = "$sum" ] || { echo "# read $got, wrote $sum"; exit 1; }
if [ $mode = tls ]; then
	[ "$(tls_stat TlsDecryptError)" = 0 ]
	[ "$(tls_stat TlsTxSw)" -ge $((2 * queues)) ]
fi

step "disconnect $ctrl"
nvme_disconnect "$ctrl"
no_controllers
[ $mode = plain ] || wait_tls_sockets 0

if [ $mode = tls ]; then
	step "connect with other key bytes for the same identity fails, bounded"
	wring=$(keyctl newring tls13-wrong-psk @u)
	printf %s 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1e |
		xxd -r -p >/tmp/psk-wrong
	kw=$(psk_add 01 "$wring" /tmp/psk-wrong)
	echo "# host keyring $wring: wrong SHA-256 PSK $kw"
	# a wrong binder is refused at once (decrypt_error); should the
	# engine wait instead, the handshake timeouts bound it
	tmo=/sys/module/nvme_tcp/parameters/tls_handshake_timeout
	tmot=/sys/module/nvmet_tcp/parameters/tls_handshake_timeout
	read -r old_tmo <$tmo
	read -r old_tmot <$tmot
	echo 5 >$tmo
	echo 5 >$tmot
	bad="$host,tls,keyring=$wring"
	# What tells a refusal from a wait for those timeouts is the alert
	# on both sides (below). The time only catches a hang: beside the
	# boot pairs a refused connect took 9.7 s of wall time once.
	limit=30
else
	step "connect from a host NQN the subsystem does not allow fails, bounded"
	bad="hostnqn=$HOSTNQN:intruder,hostid=0badc0de-0000-4000-8000-000000000001"
	limit=8
fi
hf0=$(dmesg | grep -cE "$HS_FAIL_RE" || true)
if nvme_connect "$bad"; then
	echo "# connected $ctrl (cntlid $cntlid) with $bad"
	exit 1
fi
echo "# refused after ${connect_secs}s: $connect_err"
[ "${connect_secs%.*}" -lt $limit ] ||
	{ echo "# took ${connect_secs}s, limit ${limit}s"; exit 1; }
nvme_log | tail -n 6
no_controllers
if [ $mode = tls ]; then
	# RFC 8446 4.2.11: a binder that does not verify is a decrypt_error
	kmsg | grep -E "$HS_FAIL_RE" | tail -n +$((hf0 + 1)) >/tmp/hs
	grep -q ' server handshake .*(sent decrypt_error)' /tmp/hs &&
		grep -q ' client handshake .*(received decrypt_error)' /tmp/hs ||
		{ echo "# not refused with decrypt_error"; exit 1; }
	wait_tls_sockets 0
	keyctl unlink "$wring" @u >/dev/null
	echo "$old_tmo" >$tmo
	echo "$old_tmot" >$tmot
fi

[ $mode = tls ] && what="the host picks the SHA-384 PSK from .nvme by itself" || what="plain"
step "connect 2 ($what)"
opts=$host
[ $mode = tls ] && opts="$opts,tls"
SUITE_HASH=SHA384
connect_or_fail "$opts"
check_ctrl "$ctrl" "${k384:-}"
dev=/dev/${ctrl}n1
wait_ns "$ctrl"

step "read the first 4 MiB of connect 1's data back over the new connection"
sum=$(head -c 4M /tmp/data | sha256)
t0=$(now_us)
got=$(dd if="$dev" bs=1M count=4 iflag=direct status=none | sha256)
echo "# read in $(secs_since "$t0")s"
[ "$got" = "$sum" ] || { echo "# read $got, wrote $sum"; exit 1; }

step "rewrite the first 2 MiB and read them back"
dd if=/dev/urandom of=/tmp/data bs=1M count=2 status=none
sum=$(sha256 </tmp/data)
t0=$(now_us)
dd if=/tmp/data of="$dev" bs=1M oflag=direct status=none
got=$(dd if="$dev" bs=1M count=2 iflag=direct status=none | sha256)
echo "# written and read in $(secs_since "$t0")s"
[ "$got" = "$sum" ] || { echo "# read $got, wrote $sum"; exit 1; }
[ $mode = plain ] || [ "$(tls_stat TlsDecryptError)" = 0 ]

step "disconnect $ctrl"
nvme_disconnect "$ctrl"
no_controllers
[ $mode = plain ] || wait_tls_sockets 0

if [ $mode = tls ]; then
	step "handshake.upcall=1 sends handshakes to tlshd again (none runs: -ESRCH at once)"
	up=/sys/module/handshake/parameters/upcall
	echo 1 >$up
	if nvme_connect "$host,tls"; then
		echo "# connected $ctrl through the upcall without tlshd"
		exit 1
	fi
	echo "# refused after ${connect_secs}s: $connect_err"
	echo 0 >$up
	kmsg | grep -q 'queue 0: failed to start TLS: -3$' ||
		{ echo "# the host did not report -ESRCH"; nvme_log | tail -n 6; exit 1; }
	no_controllers

	step "a connect killed mid-handshake: nvme-tcp cancels through net/handshake, the engine lets go"
	# a "target" that takes the connection and never answers the
	# ClientHello; the host's wait for the handshake is interruptible
	hs_stat() { sed -n "s/^$1 //p" /proc/net/tls13_stat; }
	(sleep 120 | busybox nc -l -p 4421 >/tmp/hello) &
	peer=$!
	c0=$(hs_stat cancelled) f0=$(hs_stat in_flight) hs0=$(hs_count)
	printf '%s' "transport=tcp,traddr=$NVME_ADDR,trsvcid=4421,nqn=$SUBNQN,hostid=$HOSTID,$host,tls,tls_key=$k256" \
		>/tmp/connect.opts
	dd if=/tmp/connect.opts of=/dev/nvme-fabrics bs=4096 count=1 \
		iflag=fullblock status=none 2>/dev/null &
	conn=$!
	# killed once the handshake runs (in flight, its ClientHello sent)
	i=0
	until [ -s /tmp/hello ] && [ "$(hs_stat in_flight)" -gt "$f0" ]; do
		i=$((i + 1))
		[ $i -le 300 ] || { echo "# no handshake under way"; nvme_log | tail -n 6; exit 1; }
		sleep 0.2
	done
	# the host's connection to the peer, as /proc/net/tcp shows it
	conn_4421() { grep -q '^ *[0-9]*: [0-9A-F]*:[0-9A-F]* [0-9A-F]*:1145 01 ' /proc/net/tcp; }
	conn_4421 || { cat /proc/net/tcp; echo "# no connection to :4421"; exit 1; }
	kill -KILL $conn
	wait $conn && exit 1
	# net/handshake's cancel won: no ta_done, the engine counted it
	# and let go of the socket, which nvme-tcp then closed
	i=0
	until [ "$(hs_stat cancelled)" = $((c0 + 1)) ] && [ "$(hs_stat in_flight)" = "$f0" ]; do
		i=$((i + 1))
		[ $i -le 150 ] || { echo "# cancelled $(hs_stat cancelled) (was $c0), in_flight $(hs_stat in_flight) (was $f0)"; exit 1; }
		sleep 0.2
	done
	echo "# cancelled: $c0 -> $(hs_stat cancelled), in_flight back to $f0"
	[ "$(hs_count)" = "$hs0" ]
	kmsg | grep -q 'queue 0: TLS handshake failed, error -512$' ||
		{ echo "# the host did not report its interrupted wait"; nvme_log | tail -n 6; exit 1; }
	# nothing left connected to the silent peer
	i=0
	while conn_4421; do
		i=$((i + 1))
		[ $i -le 150 ] || { echo "# still connected to :4421"; exit 1; }
		sleep 0.2
	done
	kill $peer 2>/dev/null || true
	wait || true
	no_controllers

	step "a namespace in which tlshd listens keeps the upcall; without it the engine serves there too"
	# build/tools/upcall-agent stands in for tlshd: it answers one request
	# with DONE status 13 (EACCES) and says what it was given
	AGENT=$TLS13_TOP/build/tools/upcall-agent
	# something listens on 4421 in the agent's namespace (IPv4 or v6)
	ns_peer_listening() {
		ip netns exec agent sh -c 'i=0
			until grep -q ":1145 0*:0000 0A " /proc/net/tcp /proc/net/tcp6; do
				i=$((i + 1))
				[ $i -le 150 ] || exit 1
				sleep 0.2
			done' || { echo "# no peer in the agent's namespace"; exit 1; }
	}
	ip netns add agent
	ip -n agent link set lo up
	ip netns exec agent $AGENT --count 1 --status 13 >/tmp/agent.out 2>&1 &
	agent=$!
	# in that namespace, a peer that takes the connection and never answers
	ip netns exec agent sh -c 'sleep 120 | busybox nc -l -p 4421 >/dev/null' &
	i=0
	until grep -q '^listening$' /tmp/agent.out; do
		i=$((i + 1))
		[ $i -le 150 ] || { cat /tmp/agent.out; echo "# the agent is not listening"; exit 1; }
		sleep 0.2
	done
	ns_peer_listening
	cat /proc/net/tls13_stat >/tmp/stat.before
	hs0=$(hs_count)
	connect_agent="transport=tcp,traddr=$NVME_ADDR,trsvcid=4421,nqn=$SUBNQN,hostid=$HOSTID,$host,tls,tls_key=$k256"
	if ip netns exec agent sh -c "printf '%s' '$connect_agent' |
		dd of=/dev/nvme-fabrics bs=4096 count=1 iflag=fullblock status=none"; then
		echo "# connected in the agent's namespace"; exit 1
	fi
	wait $agent
	sed 's/^/# agent: /' /tmp/agent.out
	# the agent got the host's request (ClientHello, PSK, the key offered)
	grep -q "^accepted fd [0-9]* type 1 auth 2 timeout [0-9]* peer-identity $(printf %08x "$k256")\$" /tmp/agent.out
	grep -q '^done status 13$' /tmp/agent.out
	# and the engine saw nothing of it
	cat /proc/net/tls13_stat | cmp -s /tmp/stat.before - ||
		{ diff /tmp/stat.before /proc/net/tls13_stat; exit 1; }
	[ "$(hs_count)" = "$hs0" ]
	no_controllers
	# no agent listens there now: the engine takes the next request
	# (to a new silent peer: nc served the first connection and left)
	ip netns exec agent sh -c 'sleep 120 | busybox nc -l -p 4421 >/dev/null' &
	ns_peer_listening
	f0=$(hs_stat in_flight) c0=$(hs_stat cancelled)
	# dd itself in the background (ip netns exec execs it): the process
	# the kill below must reach is the one waiting in the kernel
	printf '%s' "$connect_agent" >/tmp/connect.opts
	ip netns exec agent dd if=/tmp/connect.opts of=/dev/nvme-fabrics \
		bs=4096 count=1 iflag=fullblock status=none 2>/dev/null &
	conn=$!
	i=0
	until [ "$(hs_stat in_flight)" -gt "$f0" ]; do
		i=$((i + 1))
		[ $i -le 300 ] || { echo "# the engine took no request"; exit 1; }
		sleep 0.2
	done
	echo "# the engine took the namespace's next request"
	kill -KILL $conn
	wait $conn && exit 1
	i=0
	until [ "$(hs_stat cancelled)" = $((c0 + 1)) ] && [ "$(hs_stat in_flight)" = "$f0" ]; do
		i=$((i + 1))
		[ $i -le 150 ] || { echo "# in_flight $(hs_stat in_flight), cancelled $(hs_stat cancelled)"; exit 1; }
		sleep 0.2
	done
	ip netns pids agent | xargs -r kill 2>/dev/null || true
	wait || true
	ip netns del agent
	no_controllers
fi

step "tear down the target, null_blk and the PSKs"
nvmet_teardown
nullb_teardown
for d in $NVMET/ports/* $NVMET/subsystems/* $NVMET/hosts/* $CFS/nullb/$NULLB; do
	[ ! -e "$d" ] || { echo "# $d left"; exit 1; }
done
[ $mode = plain ] || keyctl clear "$ring"
rm -f /tmp/data /tmp/psk-*
