/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The trust anchors compiled in: the file CONFIG_NET_HANDSHAKE_TLS13_
 * TRUSTED_CERTS names, concatenated DER certificates, copied by the
 * Makefile to TLS13_BUILTIN_CERTS (empty when none is named). Init data:
 * keyrings.c loads them into .tls13-trust at init.
 */
#include <linux/init.h>

	__INITRODATA

	.align 8
	.globl tls13_builtin_certs
tls13_builtin_certs:
	.incbin TLS13_BUILTIN_CERTS
	.globl tls13_builtin_certs_end
tls13_builtin_certs_end:
