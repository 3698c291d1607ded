#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Prove the interop scenarios' peer command lines on the host, without the
# kernel: every tests/scenarios/interop-*.sh runs with INTEROP_HOST=1, so
# each case runs its openssl or gnutls command unchanged against the other
# library standing in for the kernel side (tests/interop-lib.sh, host_case),
# and checks the suite, group, HelloRetryRequest, failure and data the case
# expects. Needs build/tools/tls13-peer (make tools) and a free port
# ($INTEROP_PORT, default 4433). INTEROP_VERBOSE=1 shows every log tail.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
rc=0
for scn in "$top"/tests/scenarios/interop-*.sh; do
	work=$(mktemp -d /tmp/interop-host.XXXXXX)
	echo "== $(basename "$scn" .sh)"
	if INTEROP_HOST=1 TLS13_TOP=$top INTEROP_WORK=$work sh "$scn"; then
		rm -rf "$work"
	else
		echo "== $(basename "$scn" .sh): FAILED (files in $work)"
		rc=1
	fi
done
exit $rc
