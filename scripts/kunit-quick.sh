#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Developer loop: build the test kernel and run KUnit suites on it, both
# under the build lock, so that no parallel build swaps the kernel in
# between. Arguments: suite globs (default: every suite), e.g.
#   scripts/kunit-quick.sh 'tls13_cert*' 'tls13_hs*'
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mkdir -p "$CACHE"
exec 9>"$CACHE/build.lock"
flock 9
TLS13_LOCK_HELD=1 "$TOP/scripts/build-kernel.sh"
cd "$KSRC"
[ $# -gt 0 ] || set -- '*'
for glob in "$@"; do
	python3 tools/testing/kunit/kunit.py exec --arch=x86_64 \
		--build_dir="$KBUILD" --timeout=900 "$glob"
done
