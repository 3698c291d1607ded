# SPDX-License-Identifier: GPL-2.0-only
# NVMe/TCP over TLS inside one test VM: the nvmet-tcp target (configfs) and
# the nvme-tcp host (/dev/nvme-fabrics) on 127.0.0.1, a memory-backed
# null_blk namespace, retained PSKs in the .nvme keyring. Sourced by
# tests/scenarios/nvme-tls.sh and tests/demo/nvme-tls.sh after lib.sh
# (POSIX sh; every exec comes over 9p, so the helpers use builtins where
# they can).

SUBNQN=nqn.2014-08.org.example:tls13:subsys
HOSTNQN=nqn.2014-08.org.example:tls13:host
# fabrics refuses a host NQN that comes with the default host's ID
HOSTID=7f1c2a3e-5b4d-4c6e-8f90-a1b2c3d4e5f6
NVME_ADDR=127.0.0.1 NVME_PORT=4420
NULLB=nvmetls		# null_blk names its disk after the configfs directory
NULLB_MB=64
CFS=/sys/kernel/config
NVMET=$CFS/nvmet

# The engine logs one line per handshake, on both sides (log_result() in
# net/handshake/tls13/transport.c):
#   tls13: client handshake with 127.0.0.1:4420: TLS_AES_128_GCM_SHA256 x25519 psk_dhe_ke, peer key 2d68dec0
#   tls13: server handshake with 127.0.0.1:40312 failed: -129 (sent decrypt_error)
# TODO(engine): keep these in step with that format.
HS_DONE_RE='tls13: (client|server) handshake with [^ ]+: TLS_'
HS_FAIL_RE='tls13: (client|server) handshake with [^ ]+ failed: '

kmsg() { dmesg | sed 's/^\[[^]]*\] *//'; }
# what the NVMe host and target and the handshake layers logged, as comments
nvme_log() {
	kmsg | grep -E '^(nvme|nvmet|nvmet_tcp|nvme_tcp|handshake|tls13)[: ]' |
		sed 's/^/# /'
}

# Name of the in-kernel engine net/handshake dispatches to (its tlshd.c
# logs the registration); fails if none is, or if the upcall is forced.
tls_engine() {
	e=$(kmsg | sed -n 's/^handshake: in-kernel TLS engine \(.*\) registered$/\1/p')
	[ -n "$e" ] || {
		echo "# no in-kernel TLS engine registered with net/handshake" >&2
		kmsg | grep '^handshake: ' | sed 's/^/# /' >&2
		return 1
	}
	echo "$e" | tail -n 1
}

# Microseconds since the epoch, and a duration since $1 as seconds to the
# millisecond (1.234): /proc/uptime's centiseconds are too coarse for a
# connect of a tenth of a second.
now_us() {
	date +%s%6N
}
secs_since() {
	d=$(($(now_us) - $1))
	printf '%d.%03d' $((d / 1000000)) $((d % 1000000 / 1000))
}

# One counter of /proc/net/tls_stat (kTLS, software): TlsCurrTxSw, ...
tls_stat() {
	while read -r name val; do
		[ "$name" = "$1" ] && { echo "$val"; return; }
	done </proc/net/tls_stat
	echo "# no $1 in /proc/net/tls_stat" >&2
	return 1
}

# Serial (hex, as /proc/keys prints it) of the kernel's .nvme keyring.
nvme_keyring() {
	while read -r id _ _ _ _ _ _ type desc; do
		[ "$type" = keyring ] && [ "${desc%%:*}" = .nvme ] &&
			{ echo "0x$id"; return; }
	done </proc/keys
	echo "# no .nvme keyring in /proc/keys" >&2
	return 1
}

# psk_add HMAC KEYRING FILE: add the retained PSK in FILE for
# HOSTNQN/SUBNQN to KEYRING; HMAC 01 is SHA-256 (32 bytes), 02 SHA-384
# (48 bytes). Prints the new key's serial (decimal).
psk_add() {
	keyctl padd psk "NVMe0R$1 $HOSTNQN $SUBNQN" "$2" <"$3"
}

# null_blk device that keeps its data (the default one discards it).
nullb_setup() {
	d=$CFS/nullb/$NULLB
	mkdir "$d"
	echo "$NULLB_MB" >"$d/size"
	echo 1 >"$d/memory_backed"
	echo 4096 >"$d/blocksize"
	echo 1 >"$d/power"
	[ -b "/dev/$NULLB" ]
}

nullb_teardown() {
	d=$CFS/nullb/$NULLB
	[ -d "$d" ] || return 0
	echo 0 >"$d/power"
	rmdir "$d"
}

# nvmet_setup tls|plain: subsystem $SUBNQN open to $HOSTNQN only, one
# namespace on $NVME_NS_PATH (a block device or a file; default
# /dev/$NULLB), port 1 on $NVME_ADDR:$NVME_PORT over TCP (nvmet_port).
nvmet_setup() {
	s=$NVMET/subsystems/$SUBNQN
	mkdir "$NVMET/hosts/$HOSTNQN" "$s"
	echo 0 >"$s/attr_allow_any_host"
	ln -s "$NVMET/hosts/$HOSTNQN" "$s/allowed_hosts/$HOSTNQN"
	mkdir "$s/namespaces/1"
	echo "${NVME_NS_PATH:-/dev/$NULLB}" >"$s/namespaces/1/device_path"
	# a file on a file system without O_DIRECT (9p): the page cache
	[ -z "${NVME_NS_BUFFERED:-}" ] || echo 1 >"$s/namespaces/1/buffered_io"
	echo 1 >"$s/namespaces/1/enable"
	nvmet_port 1 "$NVME_PORT" "$1"
}

# nvmet_port N TCP-PORT tls|plain: nvmet_setup's subsystem also on port
# N, $NVME_ADDR:TCP-PORT over TCP; with "tls" the port requires TLS 1.3
# (tsas tls1.3, treq required) and takes PSKs from its keyring (.nvme,
# fixed when the port is made).
nvmet_port() {
	p=$NVMET/ports/$1
	mkdir "$p"
	echo tcp >"$p/addr_trtype"	# resets tsas: set it first
	echo ipv4 >"$p/addr_adrfam"
	echo "$NVME_ADDR" >"$p/addr_traddr"
	echo "$2" >"$p/addr_trsvcid"
	if [ "$3" = tls ]; then
		echo tls1.3 >"$p/addr_tsas"
		echo required >"$p/addr_treq"
	fi
	ln -s "$NVMET/subsystems/$SUBNQN" "$p/subsystems/$SUBNQN"	# enables the port
}

# Undo nvmet_port N, whatever part of it was done.
nvmet_port_remove() {
	p=$NVMET/ports/$1
	[ -L "$p/subsystems/$SUBNQN" ] && rm "$p/subsystems/$SUBNQN"
	[ -d "$p" ] && rmdir "$p"
	return 0
}

# Undo nvmet_setup, whatever part of it was done.
nvmet_teardown() {
	s=$NVMET/subsystems/$SUBNQN
	nvmet_port_remove 1
	if [ -d "$s" ]; then
		[ -d "$s/namespaces/1" ] && {
			echo 0 >"$s/namespaces/1/enable"
			rmdir "$s/namespaces/1"
		}
		[ -L "$s/allowed_hosts/$HOSTNQN" ] &&
			rm "$s/allowed_hosts/$HOSTNQN"
		rmdir "$s"
	fi
	[ -d "$NVMET/hosts/$HOSTNQN" ] && rmdir "$NVMET/hosts/$HOSTNQN"
	return 0
}

# nvme_connect OPTIONS: create a controller through /dev/nvme-fabrics with
# "transport=tcp,traddr=..,trsvcid=..,nqn=$SUBNQN,hostid=$HOSTID,OPTIONS".
# On success sets $ctrl (nvmeN) and $cntlid and returns 0. On failure
# sets $connect_err to the write's error and returns 1. $connect_secs is
# how long the write took (the kernel connects every queue before the
# write returns).
nvme_connect() {
	ctrl='' cntlid='' connect_err='' resp=''
	set -- "transport=tcp,traddr=$NVME_ADDR,trsvcid=$NVME_PORT,nqn=$SUBNQN,hostid=$HOSTID,$1"
	exec 3<>/dev/nvme-fabrics
	t0=$(now_us)
	# one write(2) (dd: a fullblock of up to 4 KiB) that reports errno;
	# the answer is read back on the same open file
	if printf '%s' "$1" | dd bs=4096 count=1 iflag=fullblock status=none \
		2>/tmp/connect.err >&3; then
		connect_secs=$(secs_since "$t0")
		read -r resp <&3 || true
	else
		connect_secs=$(secs_since "$t0")
		read -r connect_err </tmp/connect.err || true
		connect_err=${connect_err##*: }
	fi
	exec 3>&-
	[ -z "$connect_err" ] || return 1
	case $resp in
	instance=*,cntlid=*) ;;
	*) echo "# /dev/nvme-fabrics answered \"$resp\""; return 1 ;;
	esac
	ctrl=${resp#instance=}
	ctrl=nvme${ctrl%%,*}
	cntlid=${resp##*cntlid=}
}

# The namespace's block device appears when the scan work has run.
wait_ns() {
	n=0
	until [ -b "/dev/${1}n1" ]; do
		n=$((n + 1))
		[ "$n" -le 150 ] || { echo "# no /dev/${1}n1"; return 1; }
		sleep 0.2
	done
}

nvme_disconnect() {
	echo 1 >"/sys/class/nvme/$1/delete_controller"
	[ ! -e "/sys/class/nvme/$1" ]
}

# No NVMe controller at all (the fabrics "ctl" device is not one).
no_controllers() {
	for c in /sys/class/nvme/nvme*; do
		[ -e "$c" ] || continue
		echo "# controller $(basename "$c") still there"
		return 1
	done
}

# wait_tls_sockets N: kTLS on exactly N sockets (TX and RX), within 10 s;
# target queues go away asynchronously after a disconnect.
wait_tls_sockets() {
	n=0
	until [ "$(tls_stat TlsCurrTxSw)" = "$1" ] &&
		[ "$(tls_stat TlsCurrRxSw)" = "$1" ]; do
		n=$((n + 1))
		[ "$n" -le 50 ] || {
			echo "# kTLS sockets: TX $(tls_stat TlsCurrTxSw) RX $(tls_stat TlsCurrRxSw), want $1"
			return 1
		}
		sleep 0.2
	done
}

# sha256 of stdin
sha256() {
	sha256sum | { read -r h _; echo "$h"; }
}
