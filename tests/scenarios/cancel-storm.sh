#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# cancel-storm: consumers that go away mid-handshake, many at once, on the
# SMP preemptible debug kernel (two vCPUs), where a cancel, the socket's
# callbacks and the handshake's next step can run at the same time:
#  1. $PAIRS engine-to-engine PSK handshakes, $PAR pairs at a time
#     (tls13-bench storm: each end a process of its own in the test
#     entry), each end killed at a pseudo-random moment from 0 to twice
#     a pair's time, or not at all. The test entry frees what ta_done
#     fills as soon as a cancel wins, so a ta_done after a successful
#     cancel is a KASAN report, which fails the scenario. Every handshake
#     ends promptly: none by its 20 s timeout, in_flight back where it
#     was; some completed, some were cancelled.
#  2. the same in network namespaces deleted as soon as their storm ends,
#     their last handshakes' sockets still being let go
# vm-memory: 1536
# vm-timeout: 600
set -eu
. "$TLS13_TOP/tests/lib.sh"

BENCH=$TLS13_TOP/build/tools/tls13-bench
PAIRS=${TLS13_STORM_PAIRS:-400}
PAR=4
W=/tmp/storm

hs_stat() { sed -n "s/^$1 //p" /proc/net/tls13_stat; }
# ended: every handshake is over within 15 s (their limit is 20 s: none
# waits for it)
ended() {
	i=0
	until [ "$(hs_stat in_flight)" = "$f0" ]; do
		i=$((i + 1))
		[ $i -le 150 ] || { cat /proc/net/tls13_stat; echo "# handshakes still in flight"; return 1; }
		sleep 0.1
	done
}
# storm PAIRS SEED [ip netns exec NS]: the load; its STORM line to $W/out
storm() {
	pairs=$1 seed=$2
	shift 2
	"$@" $BENCH storm --kind psk -n "$pairs" --inflight $PAR --seed "$seed" \
		--psk-key "$PSK" --psk-ring "$RING" >$W/out 2>&1 ||
		{ cat $W/out; return 1; }
	sed 's/^/# /' $W/out
}

step "setup: loopback, a PSK and a keyring holding it"
[ -x "$BENCH" ] || { echo "# $BENCH missing: run 'make tools' first"; exit 1; }
ip link set lo up
mkdir -p $W
printf %s 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f |
	xxd -r -p >$W/k
PSK=$(keyctl padd psk tls13-storm @u <$W/k)
RING=$(keyctl newring tls13-storm @u)
keyctl padd psk tls13-storm "$RING" <$W/k >/dev/null
f0=$(hs_stat in_flight) t0=$(hs_stat failed_timeout)

step "$PAIRS pairs, $PAR at a time, each end killed at a random moment"
ok0=$(($(hs_stat client_ok) + $(hs_stat server_ok))) c0=$(hs_stat cancelled)
storm "$PAIRS" 20261130
ended
ok=$(($(hs_stat client_ok) + $(hs_stat server_ok) - ok0))
can=$(($(hs_stat cancelled) - c0))
echo "# the engine: $ok handshakes completed, $can cancelled"
sed 's/^/# stat: /' /proc/net/tls13_stat
[ "$(hs_stat failed_timeout)" = "$t0" ] || { echo "# some waited for their timeout"; exit 1; }
[ "$ok" -gt 0 ] && [ "$can" -gt 0 ]
grep -q "killed=[1-9]" $W/out

step "the same in network namespaces deleted as soon as their storm ends"
c0=$(hs_stat cancelled)
for ns in 1 2 3 4 5; do
	ip netns add tls13-storm$ns
	ip netns exec tls13-storm$ns ip link set lo up
	storm 8 $ns ip netns exec tls13-storm$ns
	ip netns del tls13-storm$ns
done
ended
echo "# cancelled in namespaces: $(($(hs_stat cancelled) - c0))"
[ "$(hs_stat failed_timeout)" = "$t0" ]

keyctl unlink "$PSK" @u >/dev/null
keyctl unlink "$RING" @u >/dev/null
rm -rf $W
