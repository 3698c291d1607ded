/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Extension blocks of TLS 1.3 handshake messages (RFC 8446 section 4.2).
 */
#ifndef _NET_HANDSHAKE_TLS13_EXT_H
#define _NET_HANDSHAKE_TLS13_EXT_H

#include <linux/bits.h>

#include "codec.h"

/* Where an extension block is: the message contexts of section 4.2 */
enum tls13_ext_msg {
	TLS13_MSG_CH	= BIT(0),	/* ClientHello */
	TLS13_MSG_SH	= BIT(1),	/* ServerHello */
	TLS13_MSG_HRR	= BIT(2),	/* HelloRetryRequest */
	TLS13_MSG_EE	= BIT(3),	/* EncryptedExtensions */
	TLS13_MSG_CT	= BIT(4),	/* Certificate (CertificateEntry) */
	TLS13_MSG_CR	= BIT(5),	/* CertificateRequest */
	TLS13_MSG_NST	= BIT(6),	/* NewSessionTicket */
};

/* The extensions the engine recognises, as indexes into struct tls13_exts */
enum tls13_ext_index {
	TLS13_X_SERVER_NAME,
	TLS13_X_MAX_FRAGMENT_LENGTH,
	TLS13_X_STATUS_REQUEST,
	TLS13_X_SUPPORTED_GROUPS,
	TLS13_X_SIGNATURE_ALGORITHMS,
	TLS13_X_USE_SRTP,
	TLS13_X_HEARTBEAT,
	TLS13_X_ALPN,
	TLS13_X_SIGNED_CERT_TIMESTAMP,
	TLS13_X_CLIENT_CERTIFICATE_TYPE,
	TLS13_X_SERVER_CERTIFICATE_TYPE,
	TLS13_X_PADDING,
	TLS13_X_RECORD_SIZE_LIMIT,
	TLS13_X_PRE_SHARED_KEY,
	TLS13_X_EARLY_DATA,
	TLS13_X_SUPPORTED_VERSIONS,
	TLS13_X_COOKIE,
	TLS13_X_PSK_KEY_EXCHANGE_MODES,
	TLS13_X_CERTIFICATE_AUTHORITIES,
	TLS13_X_OID_FILTERS,
	TLS13_X_POST_HANDSHAKE_AUTH,
	TLS13_X_SIGNATURE_ALGORITHMS_CERT,
	TLS13_X_KEY_SHARE,
	TLS13_X_COUNT
};

/**
 * struct tls13_exts - the recognised extensions of one block
 * @present: bit N set if extension index N was in the block
 * @data: the extension_data of each present extension, in place
 * @len: its length
 */
struct tls13_exts {
	u32 present;
	const u8 *data[TLS13_X_COUNT];
	u16 len[TLS13_X_COUNT];
};

int tls13_ext_index(u16 type);
bool tls13_ext_parse(struct tls13_reader *r, enum tls13_ext_msg msg,
		     u32 offered, struct tls13_exts *exts);

/**
 * tls13_ext_get - a present extension's data as a reader
 * @exts: parsed block
 * @index: extension index
 * @sub: reader over its extension_data (empty if absent)
 *
 * Return values:
 *   %true: the extension was present
 *   %false: it was not
 */
static inline bool tls13_ext_get(const struct tls13_exts *exts,
				 enum tls13_ext_index index,
				 struct tls13_reader *sub)
{
	bool present = exts->present & BIT(index);

	tls13_reader_init(sub, present ? exts->data[index] : NULL,
			  present ? exts->len[index] : 0);
	return present;
}

#endif /* _NET_HANDSHAKE_TLS13_EXT_H */
