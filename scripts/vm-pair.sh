#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot over TLS between machines: a server VM and one or more client VMs
# of the test kernel (TCG, never KVM), joined by one virtual Ethernet
# segment whose frames travel only through the host: each client's
# virtio NIC is a QEMU stream socket (a Unix socket in the run directory)
# to a NIC of the server, and the server bridges its NICs. No user-mode
# networking, nothing leaves the host.
#
# Usage: vm-pair.sh [-r RESULTS] PAIR
#   PAIR      a pair description (tests/boot/*.pair, bash, sourced here):
#     PAIR_TAP=boot-nfsroot            TAP lines are scenario.<tap>-<id>
#                                      (default: the file's name)
#     PAIR_SERVER=SCRIPT               the server's scenario: one part of a
#                                      scripts/vm-run.sh boot (the host's
#                                      root over 9p, as every scenario)
#     pair_prepare() { ...; }          host side, before the server boots:
#                                      fills $RUN (roots, images, keys)
#     pair_client ID boot|refuse SECS CMDLINE [INITRD [QEMU-ARG...]]
#                                      a client, booted with CMDLINE (and
#                                      INITRD, none if ""), at most SECS
#     pair_expect REGEX                the last client's kernel log must
#                                      match REGEX (grep -E)
#   -r FILE   one line per client: "PASS|FAIL TAPNAME SECONDS[ # why]",
#             followed by "# " lines (boot time, or what failed)
#
# The run directory $RUN ($CACHE/pair/<the file's name, no .pair>) is
# set when the file is sourced, and is the server's too: it is
# mounted read-write at /mnt/pair in the server VM without caching, and
# holds "clients" (one line per client: ID ADDRESS EXPECT), each client's
# console log client-<ID>.log, and "clients-done", written when every
# client has stopped. The server scenario starts its services, prints
# TLS13-PAIR-READY to the kernel log, waits for clients-done, then checks
# what each client did from its side and prints one line per client:
#   TLS13-PAIR-CHECK: <ID> ok
#   TLS13-PAIR-CHECK: <ID> fail <why>
#
# Addresses: the server 192.0.2.1 (and 192.0.2.3, an address its
# certificate does not name), client n (from 1) 192.0.2.(10+n).
#
# A client's verdict: it ended before its deadline; its kernel log is
# clean (WARN, BUG, KASAN, UBSAN, lockdep, kmemleak; for a refused boot,
# the log up to the panic that ends it); a "boot" client's root init
# printed TLS13-CLIENT-RESULT: 0, a "refuse" client's root init never
# ran and its log ends in the kernel's "cannot mount root" panic or its
# initramfs's "TLS13-CLIENT-REFUSED: why"; its pair_expect
# patterns match; the server checked it; and the server's own boot passed.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

results=''
while getopts r: o; do
	case $o in
	r) results=$OPTARG ;;
	*) die "usage: vm-pair.sh [-r RESULTS] PAIR" ;;
	esac
done
shift $((OPTIND - 1))
[ $# = 1 ] && [ -f "$1" ] || die "usage: vm-pair.sh [-r RESULTS] PAIR"

kernel=$KBUILD/arch/x86/boot/bzImage
[ -f "$kernel" ] || die "no kernel at $kernel (run scripts/build-kernel.sh)"

C_ID=() C_EXPECT=() C_SECS=() C_CMDLINE=() C_INITRD=() C_QEMU=() C_RE=()
pair_client() {	# ID boot|refuse SECS CMDLINE [INITRD [QEMU-ARG...]]
	C_ID+=("$1") C_EXPECT+=("$2") C_SECS+=("$3") C_CMDLINE+=("$4")
	C_INITRD+=("${5:-}") C_RE+=("")
	C_QEMU+=("$([ $# -le 5 ] || printf '%q ' "${@:6}")")
}
pair_expect() {	# REGEX: the last client's log must match it
	local i=$((${#C_ID[@]} - 1))
	C_RE[i]+="$1"$'\n'
}
pair_prepare() { :; }
client_ip() { echo "192.0.2.$((10 + $1))"; }	# client n (from 1)

PAIR_NAME=$(basename "$1" .pair)
RUN=$CACHE/pair/$PAIR_NAME
rm -rf "$RUN"
mkdir -p "$RUN" "$CACHE/logs"
# shellcheck source=/dev/null
. "$1"
: "${PAIR_SERVER:?}"
PAIR_TAP=${PAIR_TAP:-$PAIR_NAME}
n=${#C_ID[@]}
[ "$n" -gt 0 ] || die "$1: no pair_client"

for ((i = 0; i < n; i++)); do
	echo "${C_ID[i]} $(client_ip $((i + 1))) ${C_EXPECT[i]}"
done >"$RUN/clients"
pair_prepare || die "$PAIR_NAME: preparing $RUN failed"

# The server: one vm-run.sh boot, one NIC per client, the run directory.
srv_args=(-l "$CACHE/logs/boot-$PAIR_NAME-server.log" -r "$RUN/server.results"
	-A "TLS13_PAIR=$RUN"
	-Q -virtfs -Q "local,path=$RUN,mount_tag=pair,security_model=none")
for ((i = 0; i < n; i++)); do
	srv_args+=(-Q -netdev -Q "stream,id=c$i,server=on,addr.type=unix,addr.path=$RUN/c$i.sock"
		-Q -device -Q "virtio-net-pci,netdev=c$i,mac=52:54:00:00:01:$((10 + i))")
done
srv_log=$CACHE/logs/boot-$PAIR_NAME-server.log
rm -f "$srv_log"
"$TOP/scripts/vm-run.sh" "${srv_args[@]}" "server.$PAIR_NAME=$PAIR_SERVER" \
	>"$RUN/server.out" 2>&1 &
srv_pid=$!

# Ready within 240 s (a TCG boot is 15-30 s; more when the host is busy).
ready=0
for ((t = 0; t < 480; t++)); do
	if grep -aq 'TLS13-PAIR-READY' "$srv_log" 2>/dev/null; then
		ready=1
		break
	fi
	kill -0 $srv_pid 2>/dev/null || break
	sleep 0.5
done

# The clients, all at once.
# tls13.log_handshakes=1: the checks read each handshake's line (a
# machine's default logs successes at debug level)
base="console=ttyS0 loglevel=7 panic_on_warn=1 panic=-1 oops=panic"
base+=" tls13.log_handshakes=1"
base+=" kunit.enable=0 printk_devkmsg=on"
declare -A c_pid c_start
if [ $ready = 1 ]; then
	for ((i = 0; i < n; i++)); do
		id=${C_ID[i]} clog=$RUN/client-${C_ID[i]}.log
		eval "qx=(${C_QEMU[i]})"
		initrd=()
		[ -z "${C_INITRD[i]}" ] || initrd=(-initrd "${C_INITRD[i]}")
		timeout --kill-after=10 "${C_SECS[i]}" qemu-system-x86_64 \
			-nodefaults -no-reboot -nographic -machine q35 -bios qboot.rom \
			-m 768 -smp 2 -serial stdio \
			-kernel "$kernel" "${initrd[@]}" -append "$base ${C_CMDLINE[i]}" \
			-netdev "stream,id=n0,server=off,addr.type=unix,addr.path=$RUN/c$i.sock" \
			-device "virtio-net-pci,netdev=n0,mac=52:54:00:00:02:$((10 + i))" \
			"${qx[@]}" </dev/null >"$clog" 2>&1 &
		c_pid[$id]=$!
		c_start[$id]=$SECONDS
	done
fi
declare -A c_rc c_wall
for ((i = 0; i < n; i++)); do
	id=${C_ID[i]}
	[ -n "${c_pid[$id]:-}" ] || continue
	c_rc[$id]=0
	wait "${c_pid[$id]}" || c_rc[$id]=$?
	c_wall[$id]=$((SECONDS - c_start[$id]))
done
: >"$RUN/clients-done"
wait $srv_pid || true	# its verdict is in server.results

srv_verdict=$(grep -a '^[A-Z]' "$RUN/server.results" 2>/dev/null | head -n 1 || true)
srv_why=''
if [ $ready = 0 ]; then
	srv_why="the server never said TLS13-PAIR-READY (log: $srv_log)"
elif [ "${srv_verdict%% *}" != PASS ]; then
	srv_why="the server's boot failed: ${srv_verdict#* * * # } (log: $srv_log)"
fi

BAD='WARNING:|BUG:|Oops|KASAN|UBSAN|kmemleak: [0-9]+ new suspected|unreferenced object|Kernel panic|general protection fault|Call Trace:|INFO: (task|possible)|possible (recursive|circular) locking'
# A refused boot ends in this panic: no root, so no init to run.
NOROOT='Kernel panic - not syncing: (VFS: Unable to mount root|No working init found)'

out=$(mktemp)
all=0
for ((i = 0; i < n; i++)); do
	id=${C_ID[i]} name=scenario.$PAIR_TAP-${C_ID[i]}
	clog=$RUN/client-$id.log plog=$CACHE/logs/$name.log
	why='' detail=()
	if [ -z "${c_pid[$id]:-}" ]; then
		why="not booted: $srv_why"
	else
		cp "$clog" "$plog"
		rc=${c_rc[$id]}
		if [ "${C_EXPECT[i]}" = refuse ]; then
			# the log up to the panic that ends a refused boot
			end=$(grep -anE "$NOROOT" "$clog" | head -n 1 | cut -d: -f1 || true)
			clean=$(head -n $((${end:-0} ? end - 1 : 999999)) "$clog")
		else
			clean=$(cat "$clog")
		fi
		bad=$(grep -aE "$BAD" <<<"$clean" | head -n 3 || true)
		res=$(sed -n 's/.*TLS13-CLIENT-RESULT: \([0-9]*\).*/\1/p' "$clog" | tail -n 1)
		if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
			why="did not end within ${C_SECS[i]}s"
		elif [ -n "$bad" ]; then
			why="kernel log not clean"
			detail+=("$bad")
		elif [ "${C_EXPECT[i]}" = boot ] && [ "$res" != 0 ]; then
			why="the root's init reported ${res:-nothing}"
		elif [ "${C_EXPECT[i]}" = refuse ] && [ -n "$res" ]; then
			why="an init ran: the boot was not refused"
		elif [ "${C_EXPECT[i]}" = refuse ] && ! grep -aqE "$NOROOT|TLS13-CLIENT-REFUSED: " "$clog"; then
			why="neither the kernel's 'cannot mount root' panic nor the initramfs's refusal"
		fi
		if [ -z "$why" ]; then
			while IFS= read -r re; do
				[ -n "$re" ] || continue
				grep -aqE -- "$re" "$clog" || {
					why="no line matches: $re"
					break
				}
			done <<<"${C_RE[i]}"
		fi
		check=$(sed -n "s/.*TLS13-PAIR-CHECK: $id \(.*\)/\1/p" "$srv_log" | tail -n 1 | tr -d '\r')
		if [ -z "$why" ] && [ -n "$srv_why" ]; then
			why=$srv_why
		elif [ -z "$why" ] && [ "$check" != ok ]; then
			why="the server's check: ${check:-none printed}"
		fi
	fi
	up=$(sed -n 's/.*TLS13-CLIENT: root init at uptime \([0-9.]*\)s.*/\1/p' "$clog" 2>/dev/null | head -n 1 || true)
	[ -z "$up" ] || detail+=("the root's init started at ${up}s of the client's uptime")
	if [ -z "$why" ]; then
		echo "PASS $name ${c_wall[$id]}" >>"$out"
	else
		all=1
		log "$name: $why (log: $plog)"
		echo "FAIL $name ${c_wall[$id]:-0} # $why (log: $plog)" >>"$out"
		mapfile -t -O "${#detail[@]}" detail < <(grep -aE 'tls13: |Root-NFS|VFS: |nvme|TLS13-CLIENT: ' "$clog" 2>/dev/null | tail -n 8)
	fi
	for d in "${detail[@]}"; do
		printf '%s\n' "$d" | sed 's/\r$//; s/^/# /'
	done >>"$out"
done
[ -z "$results" ] || cp "$out" "$results"
cat "$out" >&2
rm -f "$out"
exit $all
