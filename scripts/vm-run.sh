#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot the test kernel under QEMU (TCG: never KVM) with the host's root file
# system shared read-only over virtio-9p and run one or more scenario
# scripts in it, one after the other (tests/vm-init.sh), each as its own
# part with its own verdict. Several VMs may run at once (tests/run-all.sh):
# each has its own plan, log and results.
#
# Usage: vm-run.sh [-l LOG] [-r RESULTS] [-A ARGS] [-Q ARG]... PART...
#   PART      [TAPNAME=]SCENARIO.sh; TAPNAME defaults to scenario.<name>
#   -l LOG    the VM's console log (default $CACHE/logs/boot-<TAPNAME>.log,
#             the first part's);
#             each part's share of it is also written to
#             $CACHE/logs/<TAPNAME>.log
#   -r FILE   one line per part: "PASS|FAIL TAPNAME SECONDS[ # why]",
#             a failure followed by "# " lines that say more
#   -A ARGS   more kernel arguments
#   -Q ARG    one more QEMU argument (repeat: -Q -netdev -Q stream,...),
#             e.g. the server's links of scripts/vm-pair.sh
# TLS13_VM_CPUS: the VM's vCPUs (default 2)
# TLS13_VM_KERNEL: another kernel to boot (default: the test kernel in
#   $KBUILD), e.g. Linux 7.3's (scripts/kernel7.sh scenarios)
# Exit status 0 if every part passed.
#
# A part fails on: a non-zero status, no end (hang, panic, timeout: then
# every part after it fails too), or a WARN, BUG, Oops, KASAN, UBSAN,
# lockdep or kmemleak report in its share of the kernel log. A report
# outside any part (boot, the final kmemleak scan) fails every part of the
# boot: it cannot be told apart. The VM boots with panic_on_warn=1.
# A scenario may set, in comment lines of its own (parts of one boot: the
# largest memory, the sum of the timeouts, every command line argument):
#   # vm-cmdline: extra kernel arguments
#   # vm-timeout: seconds (default 300)
#   # vm-memory: MiB (default 1024)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

log='' results='' args='' qemu_extra=()
while getopts l:r:A:Q: o; do
	case $o in
	l) log=$OPTARG ;;
	r) results=$OPTARG ;;
	A) args+=" $OPTARG" ;;
	Q) qemu_extra+=("$OPTARG") ;;
	*) die "usage: vm-run.sh [-l LOG] [-r RESULTS] [TAPNAME=]SCENARIO.sh..." ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || die "usage: vm-run.sh [-l LOG] [-r RESULTS] [TAPNAME=]SCENARIO.sh..."

names=() paths=()
for p in "$@"; do
	case $p in
	*=*) names+=("${p%%=*}"); p=${p#*=} ;;
	*) names+=("scenario.$(basename "$p" .sh)") ;;
	esac
	[ -f "$p" ] || die "no scenario $p"
	paths+=("$(realpath "$p")")
done
log=${log:-$CACHE/logs/boot-${names[0]}.log}
kernel=${TLS13_VM_KERNEL:-$KBUILD/arch/x86/boot/bzImage}
[ -f "$kernel" ] || die "no kernel at $kernel (run scripts/build-kernel.sh)"
mkdir -p "$(dirname "$log")" "$CACHE/logs"

opt() { sed -n "s/^# vm-$1: //p" "$2" | tr '\n' ' '; }
tmo=0 mem=0 extra=''
for p in "${paths[@]}"; do
	t=$(opt timeout "$p"); t=${t// /}
	m=$(opt memory "$p"); m=${m// /}
	tmo=$((tmo + ${t:-300}))
	[ "${m:-1024}" -le "$mem" ] || mem=${m:-1024}
	for a in $(opt cmdline "$p"); do
		case " $extra " in *" $a "*) ;; *) extra+=" $a" ;; esac
	done
done

# The plan: the parts' scripts, read by tests/vm-init.sh in the VM (which
# sees the host's files); next to the log, so concurrent VMs do not share.
plan=$log.plan
printf '%s\n' "${paths[@]}" >"$plan"

# Unrecognised name=value arguments reach init as environment variables.
cmdline="console=ttyS0 loglevel=7 panic_on_warn=1 panic=-1 oops=panic"
# the scenarios read each handshake's line (by default successes are
# logged at debug level; tls13_stat counts them)
cmdline+=" tls13.log_handshakes=1"
# KUnit runs at boot only where a scenario asks (smoke): it costs time.
case $extra in *kunit.enable=1*) ;; *) cmdline+=" kunit.enable=0" ;; esac
cmdline+=" root=hostroot rootfstype=9p ro"
# cache=loose: the guest keeps what it read of the host's files (nothing
# the VM reads changes while it runs), so an exec costs a tenth of a
# second instead of half a second under TCG; multidevs=remap (below) keeps
# the inode numbers of the host's different file systems apart, which a
# caching guest needs. TLS13_9P_CACHE=none turns the cache off.
cmdline+=" rootflags=trans=virtio,version=9p2000.L,msize=262144"
cmdline+=",cache=${TLS13_9P_CACHE:-loose}"
cmdline+=" init=$TOP/tests/vm-init.sh"
cmdline+=" TLS13_TOP=$TOP TLS13_PLAN=$plan TLS13_KBUILD=$KBUILD"
cmdline+=" TLS13_KO=$OOT_STACK/net/handshake/tls13/tls13_stack.ko"
cmdline+="$extra$args"
# The certificate scenarios' PKIs (tests/pki-lib.sh, and the NFS one of
# tests/nfs-lib.sh in $pki/nfs), made here on the host in a second rather
# than in the VM in a minute or two, and remade daily (pki-lib.sh's
# certificates are valid from a day ago for 30 days) or when their
# scripts change. Concurrent runs make them once, under a lock.
pki=$CACHE/pki
want=$(cat "$TOP/tests/pki-lib.sh" "$TOP/tests/nfs-lib.sh" | sha256sum)
(
	flock 8
	if [ "$(cat "$pki/done" 2>/dev/null)" != "$want" ] ||
	   [ -n "$(find "$pki/done" -mmin +720)" ]; then
		rm -rf "$pki"
		(. "$TOP/tests/pki-lib.sh" && pki_make "$pki") >&2 ||
			die "making the test PKI in $pki failed"
		(TLS13_TOP=$TOP && . "$TOP/tests/nfs-lib.sh" && nfs_pki "$pki/nfs") >&2 ||
			die "making the NFS test PKI in $pki/nfs failed"
		echo "$want" >"$pki/done"
	fi
) 8>"$CACHE/pki.lock" || exit 1
cmdline+=" TLS13_PKI=$pki TLS13_NFS_PKI=$pki/nfs"

# A boot that has not reached init within TLS13_VM_BOOT_GUARD seconds
# (300) is killed and booted once more: under TCG on a loaded host the 7.3
# debug kernel once stopped for good right after "clocksource: Switched to
# clocksource tsc-early", and the run's timeout (the sum of its parts')
# would have held the whole job for over an hour. Exit status 125: hung.
boot() {
	local pid t=0
	timeout --kill-after=10 "$tmo" qemu-system-x86_64 \
		-nodefaults -no-reboot -nographic -machine q35 -bios qboot.rom \
		-m "$mem" -smp "${TLS13_VM_CPUS:-2}" -serial stdio \
		-kernel "$kernel" -append "$cmdline" \
		-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
		"${qemu_extra[@]}" </dev/null >"$log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		if [ $t -ge "${TLS13_VM_BOOT_GUARD:-300}" ] &&
		   ! grep -aq 'Run .* as init process' "$log"; then
			kill "$pid"
			wait "$pid" || true
			return 125
		fi
		sleep 2
		t=$((t + 2))
	done
	wait "$pid"
}
qrc=0
start=$SECONDS
boot || qrc=$?
if [ "$qrc" = 125 ]; then
	log "${names[0]}: the kernel did not reach init in ${TLS13_VM_BOOT_GUARD:-300}s ($(tail -n 1 "$log")); booting once more"
	mv "$log" "$log.hung"
	qrc=0
	boot || qrc=$?
fi
wall=$((SECONDS - start))

# What the kernel must never print.
BAD='WARNING:|BUG:|Oops|KASAN|UBSAN|kmemleak: [0-9]+ new suspected|unreferenced object|Kernel panic|general protection fault|Call Trace:|INFO: (task|possible)|possible (recursive|circular) locking'

rc=$(sed -n 's/.*TLS13-RESULT: \([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
bootwhy=''
if [ -z "$rc" ]; then
	case $qrc in
	124) bootwhy="timed out after ${tmo}s" ;;
	125) bootwhy="the kernel did not reach init, twice" ;;
	*) bootwhy="no result (qemu exit $qrc)" ;;
	esac
	log "${names[0]}: $bootwhy; log: $log"
	tail -n 30 "$log" | sed 's/^/    /' >&2
fi
# Outside the parts: before the first begins, after the last ends.
outside=$(awk '/TLS13-PART-BEGIN: /{inpart=1} /TLS13-PART-END: /{inpart=0; next} !inpart' "$log" |
	grep -aE "$BAD" | head -n 3 || true)
leaked=$(grep -a '^# kmemleak reports' "$log" || true)

# One verdict per part, from its share of the log.
n=${#paths[@]} all=0 prev=0
out=$(mktemp)
for ((i = 1; i <= n; i++)); do
	name=${names[i - 1]} plog=$CACHE/logs/${names[i - 1]}.log
	awk -v i="$i" '$0 ~ "TLS13-PART-BEGIN: " i " " {on=1} on {print}
		$0 ~ "TLS13-PART-END: " i " " {exit}' "$log" >"$plog"
	end=$(sed -n "s/.*TLS13-PART-END: $i \([0-9]*\) (uptime \([0-9]*\).*/\1 \2/p" "$plog")
	prc=${end% *} up=${end#* }
	secs=0
	if [ -n "$end" ]; then
		secs=$((up - prev)) prev=$up
		[ "$i" != "$n" ] || secs=$((secs + wall - up))
	elif [ "$i" = 1 ]; then
		secs=$wall
	fi
	[ "$secs" -ge 0 ] || secs=0
	bad=$(grep -aE "$BAD" "$plog" | head -n 3 || true)
	why=''
	if ! grep -aq "TLS13-PART-BEGIN: $i " "$plog"; then
		why="not run: the boot ended before it (log: $log)"
	elif [ -z "$end" ]; then
		why="did not finish: ${bootwhy:-no end marker} (log: $plog)"
	elif [ -n "$bad" ]; then
		why="kernel log not clean (log: $plog)"
	elif [ "$prc" != 0 ]; then
		why="scenario exited $prc (log: $plog)"
	elif [ -n "$leaked" ]; then
		why="kmemleak reports at the end of its boot (log: $log)"
		bad=$outside
	elif [ -n "$outside" ]; then
		why="kernel log not clean outside the parts of its boot (log: $log)"
		bad=$outside
	elif [ -z "$rc" ]; then
		why="its boot did not finish: leak check not run (log: $log)"
	fi
	if [ -z "$why" ]; then
		echo "PASS $name $secs" >>"$out"
		continue
	fi
	all=1
	log "$name: $why"
	echo "FAIL $name $secs # $why" >>"$out"
	{
		[ -z "$bad" ] || printf '%s\n' "$bad"
		grep -a '^# ' "$plog" | tail -n 10 || true
	} | sed 's/^# //; s/^/# /' | tee -a "$out" >&2
done
[ -z "$results" ] || cp "$out" "$results"
rm -f "$out"
exit $all
