#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# The engine on a current mainline kernel, beside 6.12: Debian's
# linux-source-7.3, fetched with apt from trixie-backports, patched with
# scripts/patches-7.3/ (and 0006 from scripts/patches/), configured small
# (allnoconfig + scripts/patches-7.3/oot.config + kunit/debug.config: the
# sanitizers, lockdep and kmemleak of the 6.12 test kernel), with the
# engine in tree and built in (=y, as on 6.12), built; and the same engine
# sources built against it out of tree (M=) with W=1: no compiler warning,
# modpost clean. See scripts/patches-7.3/README for what differs from 6.12.
#
#   kernel7.sh fetch    the source tarball into $CACHE/k7 (apt; once)
#   kernel7.sh build    fetch, then the patched tree and its kernel, the
#                       engine built in
#   kernel7.sh module   build, then tls13.ko out of tree (make module-7.3)
#   kernel7.sh kunit    module, then every KUnit suite of the series and
#                       the engine on 7.3 (make kunit-7.3): a QEMU boot
#                       (TCG) of that kernel, the engine's suites run at
#                       boot, then an initramfs that loads the test
#                       modules; one "PASS|FAIL name" line per case, as
#                       make check's KUnit lines
#   kernel7.sh scenarios  module, then $K7_SCENARIOS in one boot of the
#                       test VM (scripts/vm-run.sh) with the 7.3 kernel
#                       (make scenarios-7.3)
#
# The package is fetched with the ordinary apt client and a sources list
# of the project's own ($CACHE/k7/apt), used for this download only: the
# machine's apt sources and pins stay as they are, and nothing from
# trixie is installed. The _all.deb is unpacked with dpkg-deb.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# The one place the second kernel is named: package and exact version.
# Debian's archive keeps only the current backport: when it moves on, the
# fetch fails and says so; bump these two and check the patches.
K7_PKG=linux-source-7.3
K7_VERSION=7.3.4-1~bpo13+1
K7_SUITE=trixie-backports

K7=$CACHE/k7
K7_TARBALL=$K7/$K7_PKG.tar.xz
K7_SRC=$K7/$K7_PKG
K7_BUILD=$K7/build
K7_OOT=$K7/oot
P7=$TOP/scripts/patches-7.3

fetch() {
	local apt=$K7/apt deb
	[ -f "$K7_TARBALL" ] && return
	mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/deb"
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $K7_SUITE main" \
		>"$apt/sources.list"
	local o=(-o Dir::Etc::sourcelist="$apt/sources.list"
		 -o Dir::Etc::sourceparts=- -o Dir::State::Lists="$apt/lists"
		 -o Dir::Cache="$apt/cache" -o APT::Get::List-Cleanup=0
		 -o APT::Sandbox::User=root)
	log "fetching $K7_PKG=$K7_VERSION from $K7_SUITE"
	apt-get "${o[@]}" -qq update
	(cd "$apt/deb" && apt-get "${o[@]}" -qq download "$K7_PKG=$K7_VERSION") || {
		apt-cache "${o[@]}" policy "$K7_PKG" >&2 || true
		die "$K7_PKG=$K7_VERSION is not in $K7_SUITE (K7_VERSION in $0)"
	}
	deb=$(ls "$apt"/deb/"${K7_PKG}"_*_all.deb)
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO "./usr/src/$K7_PKG.tar.xz" >"$K7_TARBALL.new"
	mv "$K7_TARBALL.new" "$K7_TARBALL"
	rm -f "$deb"
}

# Everything the tree is made of: a tree made of the same is the same
# (how it is made: prepare() itself, not the rest of this script).
tree_digest() {
	{
		declare -f prepare
		cat "$P7"/*.patch "$P7"/oot.config "$TOP"/kunit/debug.config \
			"$TOP"/scripts/patches/0006-*.patch \
			"$TOP"/scripts/patches/0007-*.patch \
			"$TOP"/net/handshake/tls13/Kconfig \
			"$TOP"/crypto/* "$TOP"/include/crypto/*
	} | sha256sum | cut -d' ' -f1
}

prepare() {
	local digest
	digest=$(tree_digest)
	[ "$(cat "$K7/tree.digest" 2>/dev/null)" = "$digest" ] && return
	log "unpacking $K7_TARBALL and applying scripts/patches-7.3"
	rm -rf "$K7_SRC" "$K7/unpack" "$K7/tree.digest"
	mkdir -p "$K7/unpack"
	tar -xJf "$K7_TARBALL" -C "$K7/unpack"
	mv "$K7/unpack/$K7_PKG" "$K7_SRC"
	rmdir "$K7/unpack"
	for p in "$P7"/000[1-5]-*.patch "$TOP"/scripts/patches/0006-*.patch \
		 "$P7"/00[1-9][0-9]-*.patch; do
		patch -d "$K7_SRC" -p1 --fuzz=0 -s <"$p" ||
			die "$(basename "$p") does not apply to $K7_PKG"
	done
	# the new files the crypto patches add are the repository's
	cp "$TOP"/crypto/*.c "$TOP"/crypto/*.h "$K7_SRC/crypto/"
	cp "$TOP"/include/crypto/*.h "$K7_SRC/include/crypto/"
	patch -d "$K7_SRC" -p1 --fuzz=0 -s <"$P7/crypto-kunit-on-7.3.patch" ||
		die "crypto-kunit-on-7.3.patch does not apply"
	# the engine in tree: 0007's net/Kconfig and net/handshake/Makefile
	# hunks (they apply to 7.3 as they are); its directory comes from
	# sync_engine(), at each build
	sed -n '/^--- a\/net\/Kconfig/,/^--- \/dev\/null/p' \
		"$TOP"/scripts/patches/0007-*.patch | sed '$d' |
		patch -d "$K7_SRC" -p1 --fuzz=0 -s ||
		die "0007's net/Kconfig and net/handshake/Makefile hunks do not apply"
	rm -rf "$K7_BUILD"
	echo "$digest" >"$K7/tree.digest"
}

# The engine's directory and its compiled-in test trust anchor (as
# scripts/prepare-kernel.sh gives 6.12's tree), copied by content: a file
# that did not change keeps its time stamp, so a change of the engine
# rebuilds the engine and links the kernel again, nothing more. (Its
# Kconfig is also part of tree_digest: a new option is a new config.)
sync_engine() {
	rsync -rc --delete "$TOP/net/handshake/tls13/" "$K7_SRC/net/handshake/tls13/"
	rsync -c "$TOP/tests/pki/builtin-ca.der" "$K7_SRC/certs/tls13-builtin-ca.der"
}

build() {
	local missing
	fetch
	prepare
	sync_engine
	mkdir -p "$K7_BUILD"
	if [ ! -f "$K7_BUILD/.config" ]; then
		make -C "$K7_SRC" O="$K7_BUILD" -s allnoconfig
		"$K7_SRC/scripts/kconfig/merge_config.sh" -m -O "$K7_BUILD" \
			"$K7_BUILD/.config" "$P7/oot.config" \
			"$TOP/kunit/debug.config" >/dev/null
		make -C "$K7_SRC" O="$K7_BUILD" -s olddefconfig
	fi
	# every option oot.config asks for made it (merge_config.sh only
	# warns when a dependency keeps one out)
	missing=$(grep -E '^CONFIG_[A-Z0-9_]+=' "$P7/oot.config" |
		grep -vxF -f "$K7_BUILD/.config" || true)
	[ -z "$missing" ] || die "oot.config asks for what $K7_BUILD/.config has not: $missing"
	log "building $K7_PKG (small config; log: $K7/build.log)"
	make -C "$K7_SRC" O="$K7_BUILD" CC="ccache gcc" -j"$JOBS" \
		>"$K7/build.log" 2>&1 || {
		tail -n 40 "$K7/build.log" >&2
		die "$K7_PKG build failed"
	}
	[ -f "$K7_BUILD/Module.symvers" ] || die "no Module.symvers in $K7_BUILD"
	grep -qx CONFIG_NET_HANDSHAKE_TLS13=y "$K7_BUILD/.config" &&
		[ -f "$K7_BUILD/net/handshake/tls13/built-in.a" ] ||
		die "the engine is not built in (CONFIG_NET_HANDSHAKE_TLS13 in $K7_BUILD/.config)"
	if grep -E '^[^ ]*net/handshake/tls13/[^ ]*: warning:' "$K7/build.log" >&2; then
		# compiled again next time, so that the warnings are seen again
		rm -f "$K7_BUILD"/net/handshake/tls13/*.o
		die "the engine's build in tree has warnings (log: $K7/build.log)"
	fi
}

# The engine out of tree against the same tree: the build check of the
# module (W=1, modpost); 7.3's test kernel has it built in, so this
# tls13.ko is not loaded there (scenario.smoke-module loads and unloads
# the module on 6.12).

module() {
	local ko=$K7_OOT/net/handshake/tls13/tls13.ko
	build
	engine_module "$K7_SRC" "$K7_BUILD" "$K7_OOT" "$K7/module.log" ||
		die "module build on $K7_PKG failed"
	log "built $ko on $K7_PKG $K7_VERSION ($(stat -c %s "$ko") bytes, W=1, no warnings)"
}

# modtree DIR: the kernel's modules in DIR/lib/modules/, with depmod's
# index (modprobe -d DIR): the test modules of the series' crypto suites
# and net/handshake's own (the engine is built in)
modtree() {
	local kver
	kver=$(cat "$K7_BUILD/include/config/kernel.release")
	make -C "$K7_SRC" O="$K7_BUILD" -s INSTALL_MOD_PATH="$1" \
		INSTALL_MOD_STRIP=1 DEPMOD=true modules_install
	depmod -b "$1" "$kver"
}

# The test modules, in the order they load after the engine's suites have
# run at boot: the series' crypto suites, then net/handshake's own.
K7_KUNIT_MODULES="hkdf_kunit rsa_pss_kunit p256_kunit ecdsa_sign_kunit handshake-test"

kunit() {
	local root=$K7/initramfs console=$K7/kunit-console.log
	local ktap=$K7/kunit.ktap json=$K7/kunit.json a rc=0
	module
	rm -rf "$root" && mkdir -p "$root"/{bin,dev,proc,sys}
	cp /bin/busybox "$root/bin/busybox"
	for a in sh mount modprobe echo reboot; do ln -s busybox "$root/bin/$a"; done
	modtree "$root"
	cat >"$root/init" <<-EOF
		#!/bin/sh
		mount -t proc proc /proc
		mount -t sysfs sys /sys
		mount -t devtmpfs dev /dev
		for m in $K7_KUNIT_MODULES; do
			echo "tls13-kunit: load \$m" >/dev/kmsg
			modprobe \$m
			echo "tls13-kunit: loaded \$m rc=\$?" >/dev/kmsg
		done
		echo "tls13-kunit: done" >/dev/kmsg
		reboot -f
	EOF
	chmod +x "$root/init"
	(cd "$root" && find . | cpio -o -H newc --quiet) >"$K7/initramfs.cpio"
	log "KUnit on $K7_PKG: a QEMU boot, TCG (log: $console)"
	timeout --kill-after=10 900 qemu-system-x86_64 -nodefaults -display none \
		-no-reboot -accel tcg -smp 2 -m 1024 -serial "file:$console" \
		-kernel "$K7_BUILD/arch/x86/boot/bzImage" -initrd "$K7/initramfs.cpio" \
		-append "console=ttyS0 panic=-1 oops=panic" || rc=$?
	[ "$rc" = 0 ] || log "qemu exited $rc"
	python3 "$TOP/scripts/ktap-modules.py" --built-in "$console" >"$ktap" || rc=1
	(cd "$K7_SRC" && python3 tools/testing/kunit/kunit.py parse \
		--json="$json" "$ktap") >"$K7/kunit-parse.log" 2>&1 || rc=1
	tail -n 4 "$K7/kunit-parse.log"
	python3 "$TOP/scripts/kunit-results.py" "$json" "$console" || rc=1
	[ "$rc" = 0 ] || die "KUnit on $K7_PKG failed (logs: $console, $K7/kunit-parse.log)"
}

# The scenarios that make check runs on 7.3 too: in the test VM of
# scripts/vm-run.sh (the host's root over 9p), booted with the small 7.3
# kernel, the engine built in (smoke first: it checks a fresh engine).
# TAP names: k7.3.scenario.<name>. K7_SCENARIOS="a b" runs only those.
K7_SCENARIOS=${K7_SCENARIOS:-"smoke nvme-tls nfs-tls interop-openssl-psk-client interop-gnutls-psk-server keyupdate-interop keyupdate keyupdate-own"}

scenarios() {
	local parts=() s
	rm -f "$K7/scenarios.tap"
	module
	make -s -C "$TOP" tools
	for s in $K7_SCENARIOS; do
		parts+=("k7.3.scenario.$s=$TOP/tests/scenarios/$s.sh")
	done
	log "scenarios on $K7_PKG: $K7_SCENARIOS"
	TLS13_VM_KERNEL=$K7_BUILD/arch/x86/boot/bzImage \
		"$TOP/scripts/vm-run.sh" -l "$K7/scenarios-console.log" \
		-r "$K7/scenarios.tap" "${parts[@]}" || true
	cat "$K7/scenarios.tap"
	! grep -q '^FAIL' "$K7/scenarios.tap"
}

case ${1:-module} in
fetch) fetch ;;
build) build ;;
module) module ;;
kunit) kunit ;;
scenarios) scenarios ;;
*) die "usage: $0 [fetch|build|module|kunit|scenarios]" ;;
esac
