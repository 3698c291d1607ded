# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
# The patch series, in one place; sourced (after lib.sh) by
# prepare-kernel.sh, which applies it to build the kernel tree, and by
# make-patches.sh, which checks it and keeps it for review.
#
# A patch of the series is scripts/patches/NNNN-*.patch (its commit
# message and its changes to files that are not new in the kernel, or
# not new in that patch: Kconfig and Makefile lines, MAINTAINERS, the
# engine's own Kconfig and Makefile as they grow step by step) plus the
# new files SERIES_ADDS names for NNNN, taken as they are in the
# repository. The files are the source of truth for their content; the
# last patch that touches a file leaves it as the repository has it.
#
# Debian's version of each existing file the patches change is kept in
# $PRISTINE, copied at unpack time or extracted from the tarball when a
# patch starts to touch another file, never reconstructed from the tree.

PRISTINE=$CACHE/pristine

# The new files each patch adds. A directory stands for the files under
# it that no other entry names and no diff creates: net/handshake/tls13 for 0011 is the rest
# of the engine, so that a new engine file lands in the last engine patch
# until it is given a step of its own.
declare -A SERIES_ADDS=(
	[0001]="crypto/hkdf.c crypto/hkdf_kunit.c include/crypto/hkdf.h"
	[0002]="crypto/rsa_pss.c crypto/rsa_pss_kunit.c crypto/rsa_pss_vectors.h include/crypto/rsa-pss.h"
	[0003]="crypto/p256.c crypto/p256_kunit.c crypto/p256_vectors.h include/crypto/p256.h"
	[0004]="crypto/ecdsa_sign.c crypto/ecdsa_sign_kunit.c crypto/rfc6979_p256_key.h include/crypto/ecdsa-sign.h"
	# the wire format: constants, the bounded codec, extension rules, messages
	[0007]="net/handshake/tls13/wire.h
		net/handshake/tls13/codec.c net/handshake/tls13/codec.h
		net/handshake/tls13/ext.c net/handshake/tls13/ext.h
		net/handshake/tls13/msg.c net/handshake/tls13/msg.h
		net/handshake/tls13/tests/codec_test.c
		net/handshake/tls13/tests/ext_test.c
		net/handshake/tls13/tests/msg_test.c"
	# key schedule, (EC)DHE and record protection, RFC 8448 checked
	[0008]="net/handshake/tls13/tls13.h
		net/handshake/tls13/keysched.c net/handshake/tls13/kex.c
		net/handshake/tls13/record.c
		net/handshake/tls13/tests/util.c net/handshake/tls13/tests/util.h
		net/handshake/tls13/tests/kex_test.c
		net/handshake/tls13/tests/keysched_test.c
		net/handshake/tls13/tests/record_test.c
		net/handshake/tls13/tests/rfc8448_test.c
		net/handshake/tls13/tests/rfc8448_vectors.h"
	# PKI: DER, signature schemes, chain checks, our credentials
	[0009]="net/handshake/tls13/compat.h
		net/handshake/tls13/der.c net/handshake/tls13/der.h
		net/handshake/tls13/sig.c net/handshake/tls13/sig.h
		net/handshake/tls13/sigscheme.c
		net/handshake/tls13/cert.c net/handshake/tls13/cert.h
		net/handshake/tls13/cert_x509.asn1 net/handshake/tls13/cert_bc.asn1
		net/handshake/tls13/cert_ku.asn1 net/handshake/tls13/cert_eku.asn1
		net/handshake/tls13/cert_san.asn1
		net/handshake/tls13/cred.c
		net/handshake/tls13/cred_pkcs8.asn1 net/handshake/tls13/cred_eckey.asn1
		net/handshake/tls13/cred_rsakey.asn1
		net/handshake/tls13/tests/sig_test.c
		net/handshake/tls13/tests/cert_test.c
		net/handshake/tls13/tests/cert_vectors.h
		net/handshake/tls13/tests/cred_test.c
		net/handshake/tls13/tests/cred_vectors.h"
	# the handshake core and the two roles
	[0010]="net/handshake/tls13/hs.c net/handshake/tls13/hs.h
		net/handshake/tls13/hs_int.h
		net/handshake/tls13/client.c net/handshake/tls13/server.c
		net/handshake/tls13/auth.c
		net/handshake/tls13/tests/hs_test.c"
	# the rest: transport, kTLS, keyrings, PSKs, registration, test entry
	[0011]="net/handshake/tls13"
	[0012]="Documentation/networking/tls-handshake-engine.rst"
)

# the patches, in order
series_patches() {
	ls "$TOP"/scripts/patches/[0-9][0-9][0-9][0-9]-*.patch
}

# Work out once what each patch adds and which of Debian's files the
# series changes (series_adds, series_existing read it).
series_init() {
	local p n path k named
	# shellcheck disable=SC2046 # the patches
	named=$({
		for k in "${!SERIES_ADDS[@]}"; do
			for path in ${SERIES_ADDS[$k]}; do
				[ -d "$TOP/$path" ] || echo "$path"
			done
		done
		# and those the diffs create or change
		sed -n 's#^+++ b/##p' $(series_patches)
	} | sort -u)
	SERIES_ADD_LINES=$(for p in $(series_patches); do
		n=$(basename "$p" | cut -c1-4)
		for path in ${SERIES_ADDS[$n]:-}; do
			if [ -d "$TOP/$path" ]; then
				# every file under it that no other entry names
				(cd "$TOP" && find "$path" -type f) | sort |
					comm -23 - <(echo "$named")
			else
				echo "$path"
			fi
		done | sed "s|^|$n |"
	done)
	# shellcheck disable=SC2046 # the patches
	SERIES_EXISTING=$(awk '/^--- \/dev\/null/ { new = 1; next }
		/^--- a\// { new = 0; next }
		/^\+\+\+ b\// { f = substr($2, 3); seen[f] = 1
				  if (new) created[f] = 1; new = 0 }
		END { for (f in seen) if (!(f in created)) print f }' \
		$(series_patches) | sort -u |
		comm -23 - <(cut -d' ' -f2 <<<"$SERIES_ADD_LINES" | sort -u))
}

# The new files of patch $1 (its four digits), one a line, relative to $TOP.
series_adds() {
	awk -v n="$1" '$1 == n { print $2 }' <<<"$SERIES_ADD_LINES"
}

# Every file the series adds, by patch: "NNNN path" lines.
series_all_adds() {
	echo "$SERIES_ADD_LINES"
}

# The files the diffs of scripts/patches change that exist in Debian's
# tree (not created by any diff, not added by SERIES_ADDS), one a line.
series_existing() {
	echo "$SERIES_EXISTING"
}

# A digest of everything the series is made of (scripts/patches, the
# files it adds, this file, the identity it is signed with): a series
# generated from the same is the same.
series_digest() {
	{
		git -C "$TOP" config user.name || true
		git -C "$TOP" config user.email || true
		cat "$TOP/scripts/series.sh" "$TOP"/scripts/patches/*
		echo "$SERIES_ADD_LINES"
		cut -d' ' -f2 <<<"$SERIES_ADD_LINES" | (cd "$TOP" && xargs cat)
	} | sha256sum | cut -d' ' -f1
}

# Make sure $PRISTINE has Debian's version of each file in the list on
# stdin; those missing are extracted from the tarball in one go (about a
# minute: only when the series starts to touch a file it did not).
series_pristine() {
	local missing=() f
	mkdir -p "$PRISTINE"
	while read -r f; do
		[ -n "$f" ] || continue
		[ -f "$PRISTINE/$f" ] || missing+=("linux-source-6.12/$f")
	done
	[ ${#missing[@]} = 0 ] && return 0
	[ -f "$KTARBALL" ] || die "$KTARBALL missing (apt-get install linux-source-6.12)"
	log "extracting Debian's ${#missing[@]} file(s) the series changes from $KTARBALL"
	rm -rf "$CACHE/pristine.new"
	mkdir -p "$CACHE/pristine.new"
	tar -C "$CACHE/pristine.new" -xJf "$KTARBALL" "${missing[@]}" || {
		rm -rf "$CACHE/pristine.new"
		die "$KTARBALL lacks a file the series changes"
	}
	cp -a "$CACHE/pristine.new/linux-source-6.12/." "$PRISTINE/"
	rm -rf "$CACHE/pristine.new"
}

# Copy Debian's version of the existing files the series changes into the
# directory $1 (created), from $PRISTINE.
series_base() {
	local dir=$1
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	series_existing | series_pristine
	series_existing | (cd "$PRISTINE" && xargs -r cp --parents -t "$dir")
}

# Generate the series into the directory $1 (emptied): a git repository
# of the base (series_base), each of scripts/patches applied with its new
# files and committed with its message, then git format-patch with a
# cover letter (scripts/patches/cover.txt).
series_generate() {
	local out=$1 repo p n path cover name email
	rm -rf "$out"
	mkdir -p "$out"
	out=$(cd "$out" && pwd)
	repo=$out/.git-series
	series_base "$repo"
	name=$(git -C "$TOP" config user.name || echo "tls13 in-kernel handshake project")
	email=$(git -C "$TOP" config user.email || echo "tls13@localhost")
	(
		export GIT_AUTHOR_NAME=$name GIT_COMMITTER_NAME=$name
		export GIT_AUTHOR_EMAIL=$email GIT_COMMITTER_EMAIL=$email
		export GIT_AUTHOR_DATE=2026-01-01T00:00:00Z GIT_COMMITTER_DATE=2026-01-01T00:00:00Z
		cd "$repo"
		git init -q
		git add -A
		git commit -q -m "linux-source-6.12 (Debian), the files the series touches"
		git tag base
		for p in $(series_patches); do
			n=$(basename "$p" | cut -c1-4)
			patch -s -p1 --no-backup-if-mismatch <"$p" ||
				die "$(basename "$p") does not apply"
			series_adds "$n" | (cd "$TOP" && xargs -r cp --parents -t "$repo") ||
				die "a file $n adds is missing"
			# the message: Subject: without its [PATCH], then the
			# body up to ---
			{
				sed -n 's/^Subject: \(\[PATCH[^]]*\] \)\{0,1\}//p' "$p" | head -n 1
				echo
				sed -n '/^Subject:/,/^---$/p' "$p" | sed '1,2d;$d'
			} >"$out/.msg"
			git add -A
			git commit -q -s -F "$out/.msg"
		done
		rm -f "$out/.msg"
		git format-patch -q -n --cover-letter -o "$out" base..HEAD
	) || die "the series could not be generated"
	rm -rf "$repo"
	cover=$(ls "$out"/0000-*.patch)
	sed -i -e 's/\*\*\* SUBJECT HERE \*\*\*/In-kernel TLS 1.3 handshake for net\/handshake/' \
		-e '/\*\*\* BLURB HERE \*\*\*/{r '"$TOP"'/scripts/patches/cover.txt
d}' "$cover"
}

# The generated patches of the series in $1, without the cover letter.
series_files() {
	local f
	for f in "$1"/[0-9][0-9][0-9][0-9]-*.patch; do
		case $f in
		*/0000-*) ;;
		*) echo "$f" ;;
		esac
	done
}

# The files a diff of scripts/patches creates that the repository also
# has (the engine's Kconfig and Makefile) must come out of the series as
# the repository has them: an edit of one in the repository reaches the
# tree only through the diff of the last patch that touches it.
series_check_final() {
	local tree=$1 created f last
	# shellcheck disable=SC2046 # the patches
	created=$(awk '/^--- \/dev\/null/ { new = 1; next }
		/^--- / { new = 0; next }
		/^\+\+\+ b\// { if (new) print substr($2, 3); new = 0 }' \
		$(series_patches))
	while read -r f; do
		if [ -z "$f" ] || [ ! -f "$TOP/$f" ]; then
			continue
		fi
		cmp -s "$tree/$f" "$TOP/$f" && continue
		# shellcheck disable=SC2046 # the patches
		last=$(grep -l "^+++ b/$f\$" $(series_patches) | tail -n 1)
		die "$f: the series does not give the repository's file; update its diff in scripts/patches/${last##*/}"
	done <<<"$created"
}

# Apply the generated series in $1 to a fresh copy of the base in $2:
# the files the series gives (GNU patch without fuzz, so that no tree or
# repository around $2 matters; make-patches.sh checks git am too).
series_apply() {
	local series=$1 tree=$2 p
	rm -rf "$tree"
	series_base "$tree"
	for p in $(series_files "$series"); do
		patch -s -p1 -d "$tree" --fuzz=0 --no-backup-if-mismatch <"$p" ||
			die "$(basename "$p") does not apply"
	done
}

series_init
