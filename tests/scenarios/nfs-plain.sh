#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# nfs-plain: the NFS over TLS scenario's mechanics without TLS
# (tests/pending/nfs-tls.sh with TLS13_NFS_PLAIN=1), with the in-kernel
# engine registered: knfsd starts (its rpcbind clients, AF_LOCAL sockets,
# are closed through tls_handshake_close(), which once read them as TCP
# sockets: KASAN), exports a tmpfs, the kernel's NFS client mounts it,
# 64 MiB go there and back with the same sha256, an mtls-only export
# refuses a plain mount, and everything is torn down. The TLS variant
# moves to tests/scenarios/ when the engine does certificates.
# vm-cmdline: TLS13_NFS_PLAIN=1
# vm-memory: 1536
# vm-timeout: 900
. "$TLS13_TOP/tests/pending/nfs-tls.sh"
