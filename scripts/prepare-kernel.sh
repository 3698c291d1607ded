#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Prepare the kernel tree in $CACHE: unpack Debian's linux-source-6.12
# once, then apply the project's patch series to it, the series that
# make patches shows a reviewer (scripts/series.sh generates it from
# scripts/patches/ and the repository's files).
#
# The series is applied to Debian's version of the files it touches
# ($CACHE/pristine, kept at unpack time) in a scratch tree, which is then
# copied into the kernel tree by content (rsync -c): unchanged files keep
# their timestamps, so the next build is incremental. The files the
# series gave last time are listed in $KSRC/.tls13-series-files; one it
# no longer gives is removed (a new file) or given Debian's content back
# (an existing one). The engine's directory is the series' alone.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/series.sh"

mkdir -p "$CACHE"
# one preparation at a time (make check's jobs, parallel sessions)
exec 7>"$CACHE/prepare.lock"
flock 7
if [ ! -f "$KSRC/.tls13-unpacked" ]; then
	[ -f "$KTARBALL" ] || die "$KTARBALL missing (apt-get install linux-source-6.12)"
	log "unpacking $KTARBALL into $CACHE"
	rm -rf "$KSRC" "$CACHE/unpack" "$PRISTINE"
	mkdir -p "$CACHE/unpack"
	tar -C "$CACHE/unpack" -xJf "$KTARBALL"
	mv "$CACHE/unpack/linux-source-6.12" "$KSRC"
	rmdir "$CACHE/unpack"
	# Debian's version of what the series changes, before it does
	mkdir -p "$PRISTINE"
	series_existing | while read -r f; do
		[ -n "$f" ] || continue
		mkdir -p "$PRISTINE/$(dirname "$f")"
		cp -p "$KSRC/$f" "$PRISTINE/$f"
	done
	touch "$KSRC/.tls13-unpacked"
fi

# The files the series gave last time: "M path" for a file Debian has,
# "A path" for one the series adds. A tree prepared before the series was
# applied this way kept its patches in .tls13-applied/ and had the overlay.
list=$KSRC/.tls13-series-files
if [ ! -f "$list" ] && [ -d "$KSRC/.tls13-applied" ]; then
	sed -n 's#^+++ b/##p' "$KSRC/.tls13-applied"/*.patch | sort -u |
		sed 's/^/M /' >"$list"
fi

# Generated and applied again only when what it is made of changed.
digest=$(series_digest)
if [ "$(cat "$CACHE/series-tree.digest" 2>/dev/null)" != "$digest" ] ||
   [ ! -d "$CACHE/series-tree" ]; then
	rm -f "$CACHE/series-tree.digest"
	series_generate "$CACHE/series"
	series_apply "$CACHE/series" "$CACHE/series-tree"
	echo "$digest" >"$CACHE/series-tree.digest"
fi
# (the engine's Kconfig and Makefile come from diffs: checked each time)
series_check_final "$CACHE/series-tree"

# what the series gives now
series_existing | sed 's/^/M /' >"$CACHE/series-files.new"
(cd "$CACHE/series-tree" && find . -type f -printf '%P\n') | sort |
	comm -23 - <(series_existing) | sed 's/^/A /' >>"$CACHE/series-files.new"

# what it gave before and no longer does
if [ -f "$list" ]; then
	sort "$list" | comm -23 - <(sort "$CACHE/series-files.new") >"$CACHE/series-gone"
	awk '$1 == "M" { print $2 }' "$CACHE/series-gone" | series_pristine
	while read -r kind f; do
		case $kind in
		M)	log "$f: back to Debian's"
			rsync -c "$PRISTINE/$f" "$KSRC/$f" ;;
		A)	if [ -f "$PRISTINE/$f" ]; then
				log "$f: back to Debian's"
				rsync -c "$PRISTINE/$f" "$KSRC/$f"
			else
				log "$f: removed"
				rm -f "$KSRC/$f"
			fi ;;
		esac
	done <"$CACHE/series-gone"
	rm -f "$CACHE/series-gone"
fi

# Copy by content (-c): a file whose content did not change keeps its
# mtime. The engine directory is the series' alone: --delete.
rsync -rc "$CACHE/series-tree/" "$KSRC/"
rsync -rc --delete "$CACHE/series-tree/net/handshake/tls13/" "$KSRC/net/handshake/tls13/"
if cmp -s "$CACHE/series-files.new" "$list"; then
	rm "$CACHE/series-files.new"
else
	mv "$CACHE/series-files.new" "$list"
fi
rm -rf "$KSRC/.tls13-applied" "$KSRC/.tls13-patches"

# The test kernel's compiled-in trust anchor (kunit/base.config names it
# relative to the tree, which the out-of-tree module build sees too):
# test data, not part of the series.
rsync -c "$TOP/tests/pki/builtin-ca.der" "$KSRC/certs/tls13-builtin-ca.der"
