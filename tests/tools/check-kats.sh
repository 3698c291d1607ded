#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Rebuild tests/tools/aead-record, re-derive the known answers with OpenSSL
# (gen-kats.sh) and require the KUnit suites' tables to match them.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
make -s -C "$top" tools
d=$top/net/handshake/tls13/tests
"$top/tests/tools/gen-kats.sh" "$top/build/tools/aead-record" |
	python3 "$top/tests/tools/check-kats.py" "$d/keysched_test.c" "$d/record_test.c"
