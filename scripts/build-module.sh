#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Build the engine out of tree as tls13.ko against the prepared and built
# test kernel (M=), with W=1, and fail on any compiler warning. The build
# runs in a copy under $CACHE so the clone stays clean.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ -f "$KBUILD/Module.symvers" ] || die "build the kernel first (scripts/build-kernel.sh)"
engine_module "$KSRC" "$KBUILD" "$OOT" "$CACHE/module.log" || die "module build failed"
ko=$OOT/net/handshake/tls13/tls13.ko
log "built $ko ($(stat -c %s "$ko") bytes, no warnings)"

# The same engine as tls13_stack.ko, for scenario.smoke-module: the test
# kernel has the engine built in as "tls13", and a module cannot share a
# built-in one's name (/sys/module/tls13). Loaded above it, it shows that
# engines stack and unload cleanly.
rsync -rc --delete --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
	--exclude='*.mod*' --exclude=modules.order --exclude=Module.symvers \
	"$OOT/" "$OOT_STACK/"
sed -i -e 's/\btls13\.o\b/tls13_stack.o/' -e 's/^tls13-/tls13_stack-/' \
	"$OOT_STACK/net/handshake/tls13/Makefile"
make -C "$KSRC" O="$KBUILD" M="$OOT_STACK" CC="ccache gcc" \
	CONFIG_NET_HANDSHAKE_TLS13=m -j"$JOBS" modules >>"$CACHE/module.log" 2>&1 || {
	tail -n 40 "$CACHE/module.log" >&2
	die "tls13_stack.ko build failed"
}
[ -f "$OOT_STACK/net/handshake/tls13/tls13_stack.ko" ] || die "no tls13_stack.ko"
