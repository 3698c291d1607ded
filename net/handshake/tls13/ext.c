// SPDX-License-Identifier: GPL-2.0-only
/*
 * Extension blocks (RFC 8446 section 4.2): one pass over the block records
 * where each recognised extension's data is, and enforces the rules that
 * do not depend on an extension's contents:
 *   - the block and every extension consume their lengths exactly
 *     (decode_error);
 *   - no extension type appears twice (illegal_parameter);
 *   - a recognised extension appears only in the messages section 4.2
 *     lists for it (illegal_parameter);
 *   - pre_shared_key is the last extension of a ClientHello
 *     (illegal_parameter, section 4.2.11);
 *   - in a message that answers ours (ServerHello, HelloRetryRequest,
 *     EncryptedExtensions, Certificate), an extension we did not offer,
 *     recognised or not, is unsupported_extension (section 4.2); in the
 *     other messages unrecognised extensions are ignored.
 * What an extension holds is for the message parsers to check.
 */

#include <linux/bitops.h>
#include <linux/string.h>

#include "ext.h"

static const struct {
	u16 type;
	u8 msgs;
} known[TLS13_X_COUNT] = {
	[TLS13_X_SERVER_NAME] = { TLS13_EXT_SERVER_NAME,
		TLS13_MSG_CH | TLS13_MSG_EE },
	[TLS13_X_MAX_FRAGMENT_LENGTH] = { TLS13_EXT_MAX_FRAGMENT_LENGTH,
		TLS13_MSG_CH | TLS13_MSG_EE },
	[TLS13_X_STATUS_REQUEST] = { TLS13_EXT_STATUS_REQUEST,
		TLS13_MSG_CH | TLS13_MSG_CR | TLS13_MSG_CT },
	[TLS13_X_SUPPORTED_GROUPS] = { TLS13_EXT_SUPPORTED_GROUPS,
		TLS13_MSG_CH | TLS13_MSG_EE },
	[TLS13_X_SIGNATURE_ALGORITHMS] = { TLS13_EXT_SIGNATURE_ALGORITHMS,
		TLS13_MSG_CH | TLS13_MSG_CR },
	[TLS13_X_USE_SRTP] = { TLS13_EXT_USE_SRTP,
		TLS13_MSG_CH | TLS13_MSG_EE },
	[TLS13_X_HEARTBEAT] = { TLS13_EXT_HEARTBEAT,
		TLS13_MSG_CH | TLS13_MSG_EE },
	[TLS13_X_ALPN] = { TLS13_EXT_ALPN,
		TLS13_MSG_CH | TLS13_MSG_EE },
	[TLS13_X_SIGNED_CERT_TIMESTAMP] = { TLS13_EXT_SIGNED_CERT_TIMESTAMP,
		TLS13_MSG_CH | TLS13_MSG_CR | TLS13_MSG_CT },
	[TLS13_X_CLIENT_CERTIFICATE_TYPE] = { TLS13_EXT_CLIENT_CERTIFICATE_TYPE,
		TLS13_MSG_CH | TLS13_MSG_EE },
	[TLS13_X_SERVER_CERTIFICATE_TYPE] = { TLS13_EXT_SERVER_CERTIFICATE_TYPE,
		TLS13_MSG_CH | TLS13_MSG_EE },
	[TLS13_X_PADDING] = { TLS13_EXT_PADDING, TLS13_MSG_CH },
	[TLS13_X_RECORD_SIZE_LIMIT] = { TLS13_EXT_RECORD_SIZE_LIMIT,
		TLS13_MSG_CH | TLS13_MSG_EE },
	[TLS13_X_PRE_SHARED_KEY] = { TLS13_EXT_PRE_SHARED_KEY,
		TLS13_MSG_CH | TLS13_MSG_SH },
	[TLS13_X_EARLY_DATA] = { TLS13_EXT_EARLY_DATA,
		TLS13_MSG_CH | TLS13_MSG_EE | TLS13_MSG_NST },
	[TLS13_X_SUPPORTED_VERSIONS] = { TLS13_EXT_SUPPORTED_VERSIONS,
		TLS13_MSG_CH | TLS13_MSG_SH | TLS13_MSG_HRR },
	[TLS13_X_COOKIE] = { TLS13_EXT_COOKIE, TLS13_MSG_CH | TLS13_MSG_HRR },
	[TLS13_X_PSK_KEY_EXCHANGE_MODES] = { TLS13_EXT_PSK_KEY_EXCHANGE_MODES,
		TLS13_MSG_CH },
	[TLS13_X_CERTIFICATE_AUTHORITIES] = { TLS13_EXT_CERTIFICATE_AUTHORITIES,
		TLS13_MSG_CH | TLS13_MSG_CR },
	[TLS13_X_OID_FILTERS] = { TLS13_EXT_OID_FILTERS, TLS13_MSG_CR },
	[TLS13_X_POST_HANDSHAKE_AUTH] = { TLS13_EXT_POST_HANDSHAKE_AUTH,
		TLS13_MSG_CH },
	[TLS13_X_SIGNATURE_ALGORITHMS_CERT] = {
		TLS13_EXT_SIGNATURE_ALGORITHMS_CERT,
		TLS13_MSG_CH | TLS13_MSG_CR },
	[TLS13_X_KEY_SHARE] = { TLS13_EXT_KEY_SHARE,
		TLS13_MSG_CH | TLS13_MSG_SH | TLS13_MSG_HRR },
};

/* Messages that answer ours: they may carry only what we offered. */
#define ANSWERS	(TLS13_MSG_SH | TLS13_MSG_HRR | TLS13_MSG_EE | TLS13_MSG_CT)

/**
 * tls13_ext_index - the index of a recognised extension type
 * @type: ExtensionType
 *
 * Return values:
 *   the &enum tls13_ext_index of @type
 *   %-ENOENT: the engine does not recognise @type
 */
int tls13_ext_index(u16 type)
{
	unsigned int i;

	for (i = 0; i < TLS13_X_COUNT; i++)
		if (known[i].type == type)
			return i;
	return -ENOENT;
}

/**
 * tls13_ext_parse - read an extension block
 * @r: reader positioned at the block's 2-byte length
 * @msg: the message the block is in (one %TLS13_MSG_* bit)
 * @offered: for messages answering ours, the indexes (bits) of the
 *	extensions we sent; ignored for the others
 * @exts: the recognised extensions found
 *
 * The block is consumed from @r. Failures are recorded on @r (see the
 * rules at the top of this file).
 *
 * Return values:
 *   %true: @exts describes the block
 *   %false: @r has failed with the alert to send
 */
bool tls13_ext_parse(struct tls13_reader *r, enum tls13_ext_msg msg,
		     u32 offered, struct tls13_exts *exts)
{
	struct tls13_reader block, data;
	bool answer = msg & ANSWERS;
	u16 type;
	int i;

	memset(exts, 0, sizeof(*exts));
	tls13_read_vec(r, 2, 0, U16_MAX, &block);
	while (tls13_reader_ok(&block) && block.left) {
		if (msg == TLS13_MSG_CH &&
		    exts->present & BIT(TLS13_X_PRE_SHARED_KEY)) {
			/* something follows pre_shared_key */
			tls13_reader_fail(&block, TLS13_ALERT_ILLEGAL_PARAMETER);
			break;
		}
		tls13_read_u16(&block, &type);
		if (!tls13_read_vec(&block, 2, 0, U16_MAX, &data))
			break;
		i = tls13_ext_index(type);
		if (i < 0) {
			if (answer)
				tls13_reader_fail(&block,
						  TLS13_ALERT_UNSUPPORTED_EXTENSION);
			continue;
		}
		if (exts->present & BIT(i) || !(known[i].msgs & msg)) {
			tls13_reader_fail(&block, TLS13_ALERT_ILLEGAL_PARAMETER);
			break;
		}
		if (answer && !(offered & BIT(i))) {
			tls13_reader_fail(&block,
					  TLS13_ALERT_UNSUPPORTED_EXTENSION);
			break;
		}
		exts->present |= BIT(i);
		exts->data[i] = data.p;
		exts->len[i] = data.left;
	}
	return tls13_reader_ok(r);
}
