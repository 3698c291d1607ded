#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# make demo: the engine, built into the debug kernel, derives the RFC 8448
# section 3 (simple 1-RTT) key schedule at boot; print what it derived.
# Lines starting with "| " are shown by scripts/demo.sh.
# vm-cmdline: kunit.enable=1 kunit.filter_glob=tls13_rfc8448
set -eu
. "$TLS13_TOP/tests/lib.sh"

say() { echo "| $*"; }
kmsg() { dmesg | sed 's/^\[[^]]*\] *//'; }

say "kernel $(uname -r), TLS 1.3 engine built in: $(kmsg | grep -c 'tls13: TLS 1.3 handshake engine loaded') instance"
say ""
say "RFC 8448 section 3, derived in the kernel (x25519, TLS_AES_128_GCM_SHA256):"
# the first parameter of rfc8448_key_exchange is section 3's x25519
kmsg | sed -n 's/^ *# rfc8448_key_exchange: //p' | head -n 3 |
	while read -r line; do say "  $line"; done
kmsg | sed -n 's/^ *# rfc8448_s3_key_schedule: //p; s/^ *# rfc8448_s3_finished: //p' |
	grep -v '^ok\|^not ok\|^pass' | while read -r line; do say "  $line"; done
say ""
say "server handshake traffic key and IV (section 3):"
kmsg | sed -n '/rfc8448_traffic_keys/,/s3 client handshake/p' | sed -n 's/^ *# rfc8448_traffic_keys: //p' |
	head -n 2 | while read -r line; do say "  $line"; done
suite_passed tls13_rfc8448
# what is shown must be there (make check runs this as demo.rfc8448)
for what in "(EC)DHE shared secret" "early secret" "handshake secret" \
	"master secret" "c ap traffic" "resumption PSK" "client verify_data"; do
	kmsg | grep -qF "$what" || { echo "# demo: no \"$what\" line"; exit 1; }
done
say ""
say "$(kmsg | sed -n 's/^ *# \(tls13_rfc8448: pass:.*\)/\1/p' | tail -n 1)"
say "every value above was compared byte for byte with RFC 8448 by the suite"
