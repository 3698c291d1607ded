#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot the test kernel under QEMU (TCG: never KVM) with the host's root file
# system shared read-only over virtio-9p, run one scenario script as PID 1's
# child (tests/vm-init.sh), and exit with the scenario's status.
#
# Usage: vm-run.sh SCENARIO.sh [LOG]
#
# The verdict fails (exit 1) on: no result line (hang, panic, timeout), a
# non-zero scenario status, or any WARN, BUG, Oops, KASAN, UBSAN, lockdep
# or kmemleak report in the kernel log. The VM boots with panic_on_warn=1.
# A scenario may set, in comment lines of its own:
#   # vm-cmdline: extra kernel arguments
#   # vm-timeout: seconds (default 300)
#   # vm-memory: MiB (default 1024)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

scn=$(realpath "$1")
name=$(basename "$scn" .sh)
log=${2:-$CACHE/logs/$name.log}
kernel=$KBUILD/arch/x86/boot/bzImage
[ -f "$kernel" ] || die "no kernel at $kernel (run scripts/build-kernel.sh)"
mkdir -p "$(dirname "$log")"

opt() { sed -n "s/^# vm-$1: //p" "$scn" | tr '\n' ' '; }
tmo=$(opt timeout); tmo=${tmo// /}; tmo=${tmo:-300}
mem=$(opt memory); mem=${mem// /}; mem=${mem:-1024}

# Unrecognised name=value arguments reach init as environment variables.
cmdline="console=ttyS0 loglevel=7 panic_on_warn=1 panic=-1 oops=panic"
# KUnit runs at boot only where a scenario asks (smoke): it costs ~25 s.
cmdline+=" kunit.enable=0"
cmdline+=" root=hostroot rootfstype=9p ro"
cmdline+=" rootflags=trans=virtio,version=9p2000.L,msize=262144"
cmdline+=" init=$TOP/tests/vm-init.sh"
cmdline+=" TLS13_TOP=$TOP TLS13_SCENARIO=$scn TLS13_KBUILD=$KBUILD"
cmdline+=" TLS13_KO=$OOT_STACK/net/handshake/tls13/tls13_stack.ko"
cmdline+=" $(opt cmdline)"
# The certificate scenarios' PKI (tests/pki-lib.sh), made here on the host
# in a second rather than in the VM in two minutes, and remade daily (its
# certificates are valid from a day ago for 30 days) or when pki-lib.sh
# changes.
pki=$CACHE/pki
want=$(sha256sum <"$TOP/tests/pki-lib.sh")
if [ "$(cat "$pki/done" 2>/dev/null)" != "$want" ] ||
   [ -n "$(find "$pki/done" -mmin +720)" ]; then
	rm -rf "$pki"
	(. "$TOP/tests/pki-lib.sh" && pki_make "$pki") >&2 ||
		die "making the test PKI in $pki failed"
	echo "$want" >"$pki/done"
fi
cmdline+=" TLS13_PKI=$pki"

qrc=0
timeout --kill-after=10 "$tmo" qemu-system-x86_64 \
	-nodefaults -no-reboot -nographic -machine q35 -bios qboot.rom \
	-m "$mem" -smp 2 -serial stdio \
	-kernel "$kernel" -append "$cmdline" \
	-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on \
	</dev/null >"$log" 2>&1 || qrc=$?

rc=$(sed -n 's/.*TLS13-RESULT: \([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
bad=$(grep -aE 'WARNING:|BUG:|Oops|KASAN|UBSAN|kmemleak: [0-9]+ new suspected|unreferenced object|Kernel panic|general protection fault|Call Trace:|INFO: (task|possible)|possible (recursive|circular) locking' "$log" | head -n 5 || true)

if [ -z "$rc" ]; then
	[ "$qrc" = 124 ] && why="timed out after ${tmo}s" || why="no result (qemu exit $qrc)"
	log "$name: $why; log: $log"
	tail -n 30 "$log" | sed 's/^/    /' >&2
	exit 1
fi
if [ -n "$bad" ]; then
	log "$name: kernel log not clean; log: $log"
	printf '    %s\n' "$bad" >&2
	exit 1
fi
if [ "$rc" != 0 ]; then
	log "$name: scenario exited $rc; log: $log"
	grep -a '^# ' "$log" | tail -n 10 | sed 's/^/    /' >&2 || true
	exit "$rc"
fi
exit 0
