// SPDX-License-Identifier: GPL-2.0-only
/*
 * The DER the engine reads itself, before or beside the kernel's ASN.1
 * decoder: one set of rules (definite lengths in their shortest form)
 * for cert.c, which checks what a peer sends, and cred.c, which checks
 * what an administrator loads.
 */

#include <linux/array_size.h>
#include <linux/errno.h>
#include <linux/string.h>

#include "der.h"

/**
 * tls13_der_tlv - one DER TLV
 * @p: where it starts
 * @len: bytes available
 * @tag: its identifier octet
 * @hdr: its header's size
 * @vlen: its value's length
 *
 * A low tag number and a definite length in its shortest form (at most 3
 * length octets), all of it inside @len.
 *
 * Return values: 0, or -EBADMSG
 */
int tls13_der_tlv(const u8 *p, size_t len, u8 *tag, size_t *hdr, size_t *vlen)
{
	size_t n, i, l;

	if (len < 2 || (p[0] & 0x1f) == 0x1f)
		return -EBADMSG;
	if (!(p[1] & 0x80)) {
		n = 0;
		l = p[1];
	} else {
		/* 0x80 is BER's indefinite length */
		n = p[1] & 0x7f;
		if (n == 0 || n > 3 || len - 2 < n || p[2] == 0)
			return -EBADMSG;
		for (l = 0, i = 0; i < n; i++)
			l = (l << 8) | p[2 + i];
		if (l < 0x80)
			return -EBADMSG;
	}
	if (l > len - 2 - n)
		return -EBADMSG;
	*tag = p[0];
	*hdr = 2 + n;
	*vlen = l;
	return 0;
}

/**
 * tls13_der_one_sequence - @der is exactly one SEQUENCE
 * @der: the bytes
 * @len: their number
 *
 * Return values: %true if no byte is missing and none follows
 */
bool tls13_der_one_sequence(const u8 *der, size_t len)
{
	size_t hdr, vlen;
	u8 tag;

	return !tls13_der_tlv(der, len, &tag, &hdr, &vlen) &&
	       tag == TLS13_DER_SEQUENCE && hdr + vlen == len;
}

/**
 * tls13_der_certificate - the length of the DER Certificate at @p
 * @p: where it starts
 * @len: bytes available
 *
 * SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm SEQUENCE,
 * signatureValue BIT STRING }, each length exact. Only the leaf goes
 * through the X.509 parser; this keeps garbage out of the rest of a
 * chain, and finds where the next certificate of a list starts.
 *
 * Return values: the certificate's length, or 0 if there is none
 */
size_t tls13_der_certificate(const u8 *p, size_t len)
{
	static const u8 fields[] = {
		TLS13_DER_SEQUENCE, TLS13_DER_SEQUENCE, TLS13_DER_BIT_STRING
	};
	size_t hdr, vlen, off, end, h, l;
	unsigned int i;
	u8 tag;

	if (tls13_der_tlv(p, len, &tag, &hdr, &vlen) ||
	    tag != TLS13_DER_SEQUENCE)
		return 0;
	off = hdr;
	end = hdr + vlen;
	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		if (tls13_der_tlv(p + off, end - off, &tag, &h, &l) ||
		    tag != fields[i])
			return 0;
		off += h + l;
	}
	return off == end ? end : 0;
}

/**
 * tls13_oid_is - an OID's contents octets are @want's
 * @oid: the contents octets
 * @len: their number
 * @want: the OID looked for
 * @want_len: its length
 *
 * Return values: %true if they are the same
 */
bool tls13_oid_is(const void *oid, size_t len, const u8 *want,
		  size_t want_len)
{
	return len == want_len && !memcmp(oid, want, len);	/* public: OID */
}
