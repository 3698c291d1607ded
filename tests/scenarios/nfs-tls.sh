#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# nfs-tls: NFS over TLS (RFC 9289), xprtsec=tls, with the handshakes of
# knfsd and the NFS client done by the in-kernel engine; see
# tests/nfs-scenario.sh (NFS_PART=tls).
# vm-memory: 1536
# vm-timeout: 900
NFS_PART=tls
. "$TLS13_TOP/tests/nfs-scenario.sh"
