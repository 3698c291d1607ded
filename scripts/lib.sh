# SPDX-License-Identifier: GPL-2.0-only
# Settings shared by the scripts; sourced, not run.
#
# TLS13_CACHE   where the kernel tree and its build live, outside the clone
#               (default ~/.cache/tls13), so a fresh clone builds incrementally
# TLS13_JOBS    parallel make jobs (default: number of CPUs)
# TLS13_VARIANT "bench": the bench kernel (kunit/bench.config instead of
#               debug.config, built in $CACHE/build-bench) for the build
#               and VM scripts; default: the debug test kernel

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${TLS13_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tls13}
KTARBALL=${TLS13_KERNEL_TARBALL:-/usr/src/linux-source-6.12.tar.xz}
KSRC=$CACHE/linux-source-6.12
KBUILD=$CACHE/build
OOT=$CACHE/oot
OOT_STACK=$CACHE/oot-stack
JOBS=${TLS13_JOBS:-$(nproc)}
export CCACHE_DIR=${CCACHE_DIR:-$CACHE/ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
# Depend mode: on a miss ccache hashes the compiler's own -MD output
# instead of running the preprocessor a second time. Measured here on
# fs/nfs (debug config, -j2): a cold miss costs 8 % over plain gcc in
# depend mode, 45 % without it; a hit is the same 4.6 s either way.
export CCACHE_DEPEND=${CCACHE_DEPEND:-1}
# Fixed build identity: a rebuilt kernel is the same kernel, and ccache hits.
export KBUILD_BUILD_USER=tls13 KBUILD_BUILD_HOST=tls13
export KBUILD_BUILD_TIMESTAMP='2026-01-01'

KUNITCONFIGS=(--kunitconfig="$TOP/kunit/.kunitconfig"
	      --kunitconfig="$TOP/kunit/base.config"
	      --kunitconfig="$TOP/kunit/debug.config")
case ${TLS13_VARIANT:-} in
'') ;;
bench)
	KBUILD=$CACHE/build-bench
	KUNITCONFIGS=("${KUNITCONFIGS[@]:0:2}" --kunitconfig="$TOP/kunit/bench.config")
	;;
*) echo "TLS13_VARIANT=$TLS13_VARIANT: unknown (bench or empty)" >&2; exit 2 ;;
esac

log() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
die() { log "error: $*"; exit 1; }
