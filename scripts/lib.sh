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

# engine_module SRC BUILD DIR LOG: the engine as tls13.ko out of tree
# against the built kernel tree SRC (O=BUILD): DIR is a copy of the
# repository's Kbuild and net/ (the clone stays clean), W=1, the make
# output in LOG. Fails, saying why, on an error or on any compiler or
# modpost warning.
engine_module() {
	local src=$1 build=$2 dir=$3 out=$4
	[ -f "$build/Module.symvers" ] || { log "no Module.symvers in $build"; return 1; }
	mkdir -p "$dir"
	rsync -rc --delete --exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
		--exclude='*.mod*' --exclude=modules.order --exclude=Module.symvers \
		--include='/Kbuild' --include='/net/***' --exclude='/*' \
		"$TOP/" "$dir/"
	make -C "$src" O="$build" M="$dir" CC="ccache gcc" W=1 \
		CONFIG_NET_HANDSHAKE_TLS13=m -j"$JOBS" modules >"$out" 2>&1 || {
		cat "$out" >&2
		log "the engine's build against $src failed"
		return 1
	}
	if grep -qE 'warning:|WARNING:' "$out"; then
		grep -B2 -A6 -E 'warning:|WARNING:' "$out" >&2
		log "the engine's build against $src has warnings (log: $out)"
		return 1
	fi
	[ -f "$dir/net/handshake/tls13/tls13.ko" ] || { log "no tls13.ko in $dir"; return 1; }
}
