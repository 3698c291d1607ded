#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Prove the interop scenarios' peer command lines on the host, without the
# kernel: every tests/scenarios/interop-*.sh runs with INTEROP_HOST=1, so
# each case runs its openssl or gnutls command unchanged against the other
# library standing in for the kernel side (tests/interop-lib.sh, host_case),
# and checks the suite, group, HelloRetryRequest, failure and data the case
# expects. The certificate scenarios (interop-*-cert-*) make the test PKI
# (tests/pki-lib.sh) and hand the stand-in the files the kernel's keys
# would hold: its certificate chain and key, the trust anchors, the peer
# name, the client certificate policy, restricted to the signature
# schemes the kernel implements; the scheme each side signed with, the
# client certificate and every expected failure are checked, and the
# alert the stand-in chose is shown next to the one the kernel must send.
# Needs build/tools/tls13-peer (make tools) and a free port
# ($INTEROP_PORT, default 4433). INTEROP_VERBOSE=1 shows every log tail.
#
# Usage: check-interop-peers.sh [SCENARIO-NAME...]   (default: all)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
rc=0
if [ $# = 0 ]; then
	set -- "$top"/tests/scenarios/interop-*.sh
else
	for n in "$@"; do
		shift
		set -- "$@" "$top/tests/scenarios/${n%.sh}.sh"
	done
fi
for scn in "$@"; do
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
