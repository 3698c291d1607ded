#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Prepare the kernel tree in $CACHE: unpack Debian's linux-source-6.12 once,
# apply scripts/patches/*.patch (re-applying when they change), and overlay
# the repository's kernel sources. Unchanged files keep their timestamps, so
# the next build is incremental.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mkdir -p "$CACHE"
if [ ! -f "$KSRC/.tls13-unpacked" ]; then
	[ -f "$KTARBALL" ] || die "$KTARBALL missing (apt-get install linux-source-6.12)"
	log "unpacking $KTARBALL into $CACHE"
	rm -rf "$KSRC" "$CACHE/unpack"
	mkdir -p "$CACHE/unpack"
	tar -C "$CACHE/unpack" -xJf "$KTARBALL"
	mv "$CACHE/unpack/linux-source-6.12" "$KSRC"
	rmdir "$CACHE/unpack"
	touch "$KSRC/.tls13-unpacked"
fi

# Patches: applied ones are kept in .tls13-applied/; if the set changed,
# reverse the old set first.
want=$(cat "$TOP"/scripts/patches/*.patch | sha256sum | cut -d' ' -f1)
have=$(cat "$KSRC/.tls13-patches" 2>/dev/null || true)
if [ "$want" != "$have" ]; then
	if [ -d "$KSRC/.tls13-applied" ]; then
		for p in $(ls "$KSRC/.tls13-applied"/*.patch | sort -r); do
			log "reverting $(basename "$p")"
			patch -d "$KSRC" -p1 -R -s < "$p"
		done
		rm -rf "$KSRC/.tls13-applied"
	fi
	mkdir -p "$KSRC/.tls13-applied"
	for p in "$TOP"/scripts/patches/*.patch; do
		log "applying $(basename "$p")"
		patch -d "$KSRC" -p1 -s --forward < "$p"
		cp "$p" "$KSRC/.tls13-applied/"
	done
	echo "$want" > "$KSRC/.tls13-patches"
fi

# Overlay: copy by content (-c), so a fresh clone does not touch mtimes of
# files that did not change. The engine directory is ours alone: --delete.
rsync -rc --delete "$TOP/net/handshake/tls13/" "$KSRC/net/handshake/tls13/"
rsync -rc "$TOP/crypto/" "$KSRC/crypto/"
rsync -rc "$TOP/include/" "$KSRC/include/"
rsync -rc "$TOP/Documentation/" "$KSRC/Documentation/"
# The test kernel's compiled-in trust anchor (kunit/base.config names it
# relative to the tree, which the out-of-tree module build sees too).
rsync -c "$TOP/tests/pki/builtin-ca.der" "$KSRC/certs/tls13-builtin-ca.der"
