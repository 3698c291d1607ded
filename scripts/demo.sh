#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make demo: build the debug kernel (incrementally) and boot it under QEMU to
# show the engine reproducing the RFC 8448 1-RTT key schedule in the kernel.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

"$TOP/scripts/deps.sh"
echo "== building the test kernel (cached in $CACHE; the first build takes ~12 min)"
"$TOP/scripts/build-kernel.sh"
echo "== booting it under QEMU (software emulation, ~40 s)"
log=$CACHE/logs/demo.log
if ! "$TOP/scripts/vm-run.sh" "$TOP/tests/demo/rfc8448-1rtt.sh" "$log"; then
	die "demo failed (log: $log)"
fi
echo
sed -n 's/^| \{0,1\}//p' "$log"
echo
echo "== full VM console log: $log"
