# SPDX-License-Identifier: GPL-2.0-only
# The server side of a boot scenario (scripts/vm-pair.sh), in the server
# VM: POSIX sh, sourced by tests/boot/*-server.sh after tests/lib.sh.
#
#   pair_setup          the run directory at $PAIR (the host's, read-write,
#                       uncached), the clients' list, the network: one
#                       bridge over every NIC (a link to each client) with
#                       192.0.2.1/24 and 192.0.2.3/24
#   pair_ready          tell the host to boot the clients
#   pair_wait           wait until every client has stopped (bounded)
#   pair_fact ID WHAT   what client ID's root init said after "WHAT "
#                       (its "TLS13-CLIENT: WHAT ..." line), or nothing
#   pair_log ID         client ID's console log
#   pair_hs ADDR        this server's handshake lines with ADDR
#   pair_check ID WHY   record a failed check of client ID (WHY)
#   pair_refused ID HS WANT  client ID's handshakes here (HS, pair_hs's
#                       lines) include a failure matching WANT (grep)
#                       and no success
#   pair_verdicts       one TLS13-PAIR-CHECK line per client; status 0

PAIR=/mnt/pair
PAIR_WAIT_SECS=${PAIR_WAIT_SECS:-600}

pair_setup() {
	mkdir -p $PAIR
	mount -t 9p -o trans=virtio,version=9p2000.L,cache=none pair $PAIR
	[ -f $PAIR/clients ] || { echo "# no $PAIR/clients"; return 1; }
	ip link add br0 type bridge
	for n in /sys/class/net/eth*; do
		ip link set "${n##*/}" master br0
		ip link set "${n##*/}" up
	done
	ip link set br0 up
	ip addr add 192.0.2.1/24 dev br0
	ip addr add 192.0.2.3/24 dev br0
	echo "# network: $(ls /sys/class/net | tr '\n' ' ')"
	while read -r id addr expect; do
		echo "# client $id at $addr: $expect"
	done <$PAIR/clients
}

pair_ready() {
	echo "<6>TLS13-PAIR-READY" >/dev/kmsg
}

pair_wait() {
	n=0
	until [ -e $PAIR/clients-done ]; do
		n=$((n + 1))
		[ $n -le "$PAIR_WAIT_SECS" ] ||
			{ echo "# the clients did not stop within ${PAIR_WAIT_SECS}s"; return 1; }
		sleep 1
	done
	read -r up _ </proc/uptime
	echo "# the clients stopped (server uptime ${up}s)"
}

pair_log() {
	cat "$PAIR/client-$1.log"
}

pair_fact() {
	tr -d '\r' <"$PAIR/client-$1.log" |
		sed -n "s|.*TLS13-CLIENT: $2 ||p" | head -n 1
}

pair_hs() {
	dmesg | sed 's/^\[[^]]*\] *//' |
		grep -E "tls13: server handshake with $1:[0-9]+[: ]" || true
}

pair_refused() {
	echo "$2" | grep -q "failed: .*$3" ||
		pair_check "$1" "no failed handshake with \"$3\" here"
	! echo "$2" | grep -q ': TLS_' ||
		pair_check "$1" "a handshake with it succeeded here"
}

pair_check() {
	echo "# client $1: $2"
	echo "$2" >>"/tmp/pair-fail-$1"
}

pair_verdicts() {
	while read -r id _ _; do
		if [ -f "/tmp/pair-fail-$id" ]; then
			echo "<6>TLS13-PAIR-CHECK: $id fail $(head -n 1 "/tmp/pair-fail-$id")" >/dev/kmsg
		else
			echo "<6>TLS13-PAIR-CHECK: $id ok" >/dev/kmsg
		fi
	done <$PAIR/clients
}
