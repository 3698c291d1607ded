#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Configure and build the test kernel with kunit.py: the engine and its
# suites built in (kunit/.kunitconfig), plus the VM pieces
# (kunit/base.config) and the sanitizers (kunit/debug.config). The same
# bzImage runs the KUnit suites and boots the VM scenarios.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mkdir -p "$CACHE"
# One build of the shared tree at a time (parallel sessions, make check).
# scripts/kunit-quick.sh holds the lock already (TLS13_LOCK_HELD).
if [ -z "${TLS13_LOCK_HELD:-}" ]; then
	exec 9>"$CACHE/build.lock"
	flock 9
fi
"$TOP/scripts/prepare-kernel.sh"
mkdir -p "$KBUILD" "$CCACHE_DIR"
cd "$KSRC"
start=$(date +%s)
python3 tools/testing/kunit/kunit.py build --arch=x86_64 \
	--build_dir="$KBUILD" "${KUNITCONFIGS[@]}" \
	--make_options "CC=ccache gcc" --jobs="$JOBS" >"$KBUILD.log" 2>&1 || {
	tail -n 60 "$KBUILD.log" >&2
	die "kernel build failed (full log: $KBUILD.log)"
}
log "kernel built in $(( $(date +%s) - start ))s: $KBUILD/arch/x86/boot/bzImage"
