#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# make patches: the project as a patch series a maintainer can review,
# against Debian's linux-source-6.12: scripts/patches/*.patch in order,
# each with the new files it builds (below), as git format-patch writes
# them (numbered, Signed-off-by, a cover letter), in build/patches/.
#
# The series is checked before it is kept: every file of the overlay
# (crypto/, include/, net/handshake/tls13/, Documentation/) belongs to
# exactly one patch; every patch passes checkpatch --strict; applied with
# git am to the untouched files, the series gives exactly the prepared
# tree the tests build ($KSRC).
#
# Usage: scripts/make-patches.sh [OUTDIR]
set -euo pipefail
. "$(dirname "$0")/lib.sh"

OUT=${1:-$TOP/build/patches}
PATCHES=("$TOP"/scripts/patches/*.patch)

# the new files each patch adds (a directory: every file under it)
declare -A ADDS=(
	[0001]="crypto/hkdf.c crypto/hkdf_kunit.c include/crypto/hkdf.h"
	[0002]="crypto/rsa_pss.c crypto/rsa_pss_kunit.c crypto/rsa_pss_vectors.h include/crypto/rsa-pss.h"
	[0003]="crypto/p256.c crypto/p256_kunit.c crypto/p256_vectors.h include/crypto/p256.h"
	[0004]="crypto/ecdsa_sign.c crypto/ecdsa_sign_kunit.c crypto/rfc6979_p256_key.h include/crypto/ecdsa-sign.h"
	[0007]="net/handshake/tls13"
	[0008]="Documentation/networking/tls-handshake-engine.rst"
)

"$TOP/scripts/prepare-kernel.sh"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

# every overlay file claimed once
(cd "$TOP" && git ls-files crypto include net/handshake/tls13 Documentation) |
	sort >"$W/overlay"
for n in "${!ADDS[@]}"; do
	# shellcheck disable=SC2086 # a list of paths
	(cd "$TOP" && git ls-files ${ADDS[$n]})
done | sort >"$W/claimed"
if ! cmp -s "$W/overlay" "$W/claimed"; then
	diff "$W/overlay" "$W/claimed" | sed 's/^/# /' >&2
	die "the overlay files (<) and those the series adds (>) differ"
fi

name=$(git -C "$TOP" config user.name || echo "tls13 in-kernel handshake project")
email=$(git -C "$TOP" config user.email || echo "tls13@localhost")
export GIT_AUTHOR_NAME=$name GIT_COMMITTER_NAME=$name
export GIT_AUTHOR_EMAIL=$email GIT_COMMITTER_EMAIL=$email
export GIT_AUTHOR_DATE=2026-01-01T00:00:00Z GIT_COMMITTER_DATE=2026-01-01T00:00:00Z

# the base: the files the patches change, as Debian ships them ($KSRC
# has every patch applied: take them back out, last first)
mkdir "$W/tree"
cd "$W/tree"
git init -q
touched=$(sed -n 's#^+++ b/##p' "${PATCHES[@]}" | sort -u)
for f in $touched; do
	mkdir -p "$(dirname "$f")"
	cp "$KSRC/$f" "$f"
done
for ((i = ${#PATCHES[@]} - 1; i >= 0; i--)); do
	patch -s -p1 -R <"${PATCHES[$i]}"
done
git add -A
git commit -q -m "linux-source-6.12 (Debian), the files the series touches"
base=$(git rev-parse HEAD)

for p in "${PATCHES[@]}"; do
	n=$(basename "$p" | cut -c1-4)
	patch -s -p1 <"$p"
	for path in ${ADDS[$n]:-}; do
		mkdir -p "$(dirname "$path")"
		cp -r "$TOP/$path" "$(dirname "$path")/"
	done
	# the message: Subject: without its [PATCH], then the body up to ---
	{
		sed -n 's/^Subject: \(\[PATCH[^]]*\] \)\{0,1\}//p' "$p" | head -n 1
		echo
		sed -n '/^Subject:/,/^---$/p' "$p" | sed '1,2d;$d'
	} >"$W/msg"
	git add -A
	git commit -q -s -F "$W/msg"
done

rm -rf "$OUT"
mkdir -p "$OUT"
git format-patch -q -n --cover-letter -o "$OUT" "$base"..HEAD
cover=$(ls "$OUT"/0000-*.patch)
sed -i -e 's/\*\*\* SUBJECT HERE \*\*\*/In-kernel TLS 1.3 handshake for net\/handshake/' \
	-e '/\*\*\* BLURB HERE \*\*\*/{r '"$TOP"'/scripts/patches/cover.txt
d}' "$cover"

# checkpatch, as a maintainer would run it on what was sent, but for two
# types: FILE_PATH_CHANGES (the crypto patches add files under crypto/
# and include/crypto/, which the CRYPTO API entry of MAINTAINERS covers;
# the engine's patch adds its own entry) and ENOTSUPP (cert.c maps the
# -ENOTSUPP crypto/asymmetric_keys/signature.c returns; nothing returns it)
fail=0
for f in "$OUT"/0*.patch; do
	[ "$f" = "$cover" ] && continue
	perl "$KSRC/scripts/checkpatch.pl" --no-tree --strict --terse \
		--show-types --ignore FILE_PATH_CHANGES,ENOTSUPP \
		"$f" >"$W/cp" 2>&1 || true
	if grep -qE '(ERROR|WARNING|CHECK):' "$W/cp"; then
		sed 's/^/# /' "$W/cp" >&2
		fail=1
	fi
done
[ "$fail" = 0 ] || die "checkpatch objects to the series"

# applied to the base, the series gives the tree the tests build
git checkout -q --detach "$base"
git am -q $(ls "$OUT"/0*.patch | grep -v "$cover") ||
	die "the series does not apply to linux-source-6.12"
git ls-files | while read -r f; do
	cmp -s "$f" "$KSRC/$f" || { echo "# $f differs from $KSRC/$f" >&2; exit 1; }
done || die "the series does not give the tree the tests build"
log "$(($(ls "$OUT" | wc -l) - 1)) patches and a cover letter in $OUT: checkpatch clean, they give $KSRC"
