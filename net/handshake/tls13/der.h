/* SPDX-License-Identifier: GPL-2.0-only */
/* The DER the engine reads itself (der.c) */
#ifndef _NET_HANDSHAKE_TLS13_DER_H
#define _NET_HANDSHAKE_TLS13_DER_H

#include <linux/types.h>

/* identifier octets */
#define TLS13_DER_INTEGER	0x02
#define TLS13_DER_BIT_STRING	0x03
#define TLS13_DER_OCTET_STRING	0x04
#define TLS13_DER_SEQUENCE	0x30

int tls13_der_tlv(const u8 *p, size_t len, u8 *tag, size_t *hdr, size_t *vlen);
bool tls13_der_one_sequence(const u8 *der, size_t len);
size_t tls13_der_certificate(const u8 *p, size_t len);
bool tls13_oid_is(const void *oid, size_t len, const u8 *want,
		  size_t want_len);

#endif /* _NET_HANDSHAKE_TLS13_DER_H */
