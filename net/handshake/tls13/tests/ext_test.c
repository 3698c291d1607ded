// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: extension blocks (ext.c): duplicates, placement (RFC 8446 section
 * 4.2), pre_shared_key last in a ClientHello, unknown and unsolicited
 * extensions, and every truncation. Real blocks from RFC 8448 are parsed
 * in rfc8448_test.c.
 */

#include <kunit/test.h>

#include "../ext.h"

static u8 parse(struct kunit *test, const u8 *block, size_t len,
		enum tls13_ext_msg msg, u32 offered, struct tls13_exts *exts)
{
	u8 *buf = kunit_kmalloc(test, len ? len : 1, GFP_KERNEL);
	struct tls13_reader r;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf, block, len);
	tls13_reader_init(&r, buf, len);
	if (tls13_ext_parse(&r, msg, offered, exts))
		tls13_reader_done(&r);
	return r.alert;
}

/* supported_versions { 0x0304 }, unknown 0xff01 {}, key_share { 4 bytes } */
static const u8 ch_block[] = {
	0x00, 0x12,
	0x00, 0x2b, 0x00, 0x03, 0x02, 0x03, 0x04,
	0xff, 0x01, 0x00, 0x00,
	0x00, 0x33, 0x00, 0x03, 0x00, 0x01, 0xaa,
};

static void ext_client_hello(struct kunit *test)
{
	struct tls13_exts exts;
	struct tls13_reader sub;

	KUNIT_ASSERT_EQ(test, parse(test, ch_block, sizeof(ch_block),
				    TLS13_MSG_CH, 0, &exts), 0);
	KUNIT_EXPECT_EQ(test, exts.present,
			BIT(TLS13_X_SUPPORTED_VERSIONS) | BIT(TLS13_X_KEY_SHARE));
	KUNIT_ASSERT_TRUE(test, tls13_ext_get(&exts, TLS13_X_KEY_SHARE, &sub));
	KUNIT_EXPECT_EQ(test, sub.left, 3);
	KUNIT_EXPECT_EQ(test, sub.p[2], 0xaa);
	KUNIT_EXPECT_FALSE(test, tls13_ext_get(&exts, TLS13_X_COOKIE, &sub));
	KUNIT_EXPECT_EQ(test, sub.left, 0);
}

static void ext_empty_block(struct kunit *test)
{
	static const u8 empty[] = { 0x00, 0x00 };
	struct tls13_exts exts;

	KUNIT_EXPECT_EQ(test, parse(test, empty, sizeof(empty), TLS13_MSG_EE,
				    0, &exts), 0);
	KUNIT_EXPECT_EQ(test, exts.present, 0);
}

/* Every proper prefix and a trailing byte: decode_error */
static void ext_truncations(struct kunit *test)
{
	struct tls13_exts exts;
	size_t len;
	u8 buf[sizeof(ch_block) + 1];

	for (len = 0; len < sizeof(ch_block); len++)
		KUNIT_EXPECT_EQ_MSG(test, parse(test, ch_block, len,
						TLS13_MSG_CH, 0, &exts),
				    TLS13_ALERT_DECODE_ERROR, "%zu bytes", len);
	memcpy(buf, ch_block, sizeof(ch_block));
	buf[sizeof(ch_block)] = 0;
	KUNIT_EXPECT_EQ(test, parse(test, buf, sizeof(buf), TLS13_MSG_CH, 0,
				    &exts), TLS13_ALERT_DECODE_ERROR);
	/* an extension longer than the block that holds it */
	buf[0] = 0x00;
	buf[1] = 0x04;
	buf[2] = 0x00;
	buf[3] = 0x2b;
	buf[4] = 0x00;
	buf[5] = 0x01;
	KUNIT_EXPECT_EQ(test, parse(test, buf, 6, TLS13_MSG_CH, 0, &exts),
			TLS13_ALERT_DECODE_ERROR);
}

/* The same type twice, recognised or not in its position */
static void ext_duplicate(struct kunit *test)
{
	static const u8 dup[] = {
		0x00, 0x08,
		0x00, 0x2b, 0x00, 0x00,
		0x00, 0x2b, 0x00, 0x00,
	};
	struct tls13_exts exts;

	KUNIT_EXPECT_EQ(test, parse(test, dup, sizeof(dup), TLS13_MSG_CH, 0,
				    &exts), TLS13_ALERT_ILLEGAL_PARAMETER);
}

struct placement {
	const char *name;
	u16 type;
	enum tls13_ext_msg msg;
	u8 alert;
};

static const struct placement placements[] = {
	{ "server_name in ServerHello", TLS13_EXT_SERVER_NAME, TLS13_MSG_SH,
	  TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "key_share in EncryptedExtensions", TLS13_EXT_KEY_SHARE,
	  TLS13_MSG_EE, TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "cookie in ServerHello", TLS13_EXT_COOKIE, TLS13_MSG_SH,
	  TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "early_data in CertificateRequest", TLS13_EXT_EARLY_DATA,
	  TLS13_MSG_CR, TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "psk_key_exchange_modes in HelloRetryRequest",
	  TLS13_EXT_PSK_KEY_EXCHANGE_MODES, TLS13_MSG_HRR,
	  TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "oid_filters in ClientHello", TLS13_EXT_OID_FILTERS, TLS13_MSG_CH,
	  TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "alpn in EncryptedExtensions", TLS13_EXT_ALPN, TLS13_MSG_EE, 0 },
	{ "cookie in HelloRetryRequest", TLS13_EXT_COOKIE, TLS13_MSG_HRR, 0 },
	{ "signature_algorithms in CertificateRequest",
	  TLS13_EXT_SIGNATURE_ALGORITHMS, TLS13_MSG_CR, 0 },
	{ "early_data in NewSessionTicket", TLS13_EXT_EARLY_DATA,
	  TLS13_MSG_NST, 0 },
	{ "record_size_limit in EncryptedExtensions",
	  TLS13_EXT_RECORD_SIZE_LIMIT, TLS13_MSG_EE, 0 },
	{ "pre_shared_key in HelloRetryRequest", TLS13_EXT_PRE_SHARED_KEY,
	  TLS13_MSG_HRR, TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "supported_versions in EncryptedExtensions",
	  TLS13_EXT_SUPPORTED_VERSIONS, TLS13_MSG_EE,
	  TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "padding in ServerHello", TLS13_EXT_PADDING, TLS13_MSG_SH,
	  TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "signature_algorithms in EncryptedExtensions",
	  TLS13_EXT_SIGNATURE_ALGORITHMS, TLS13_MSG_EE,
	  TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "post_handshake_auth in CertificateRequest",
	  TLS13_EXT_POST_HANDSHAKE_AUTH, TLS13_MSG_CR,
	  TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "key_share in NewSessionTicket", TLS13_EXT_KEY_SHARE, TLS13_MSG_NST,
	  TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "server_name in Certificate", TLS13_EXT_SERVER_NAME, TLS13_MSG_CT,
	  TLS13_ALERT_ILLEGAL_PARAMETER },
	{ "status_request in Certificate", TLS13_EXT_STATUS_REQUEST,
	  TLS13_MSG_CT, 0 },
	{ "supported_versions in HelloRetryRequest",
	  TLS13_EXT_SUPPORTED_VERSIONS, TLS13_MSG_HRR, 0 },
};

static void placement_desc(const struct placement *p, char *desc)
{
	strscpy(desc, p->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(placement, placements, placement_desc);

/* Section 4.2's table: a recognised extension in the wrong message */
static void ext_placement(struct kunit *test)
{
	const struct placement *p = test->param_value;
	u8 block[] = { 0x00, 0x04, p->type >> 8, p->type & 0xff, 0x00, 0x00 };
	struct tls13_exts exts;

	/* offer everything: only the placement rule is under test */
	KUNIT_EXPECT_EQ(test, parse(test, block, sizeof(block), p->msg,
				    U32_MAX, &exts), p->alert);
}

/* pre_shared_key must end a ClientHello's block; a ServerHello's need not */
static void ext_psk_last(struct kunit *test)
{
	static const u8 psk_first[] = {
		0x00, 0x08,
		0x00, 0x29, 0x00, 0x00,
		0x00, 0x2b, 0x00, 0x00,
	};
	static const u8 psk_last[] = {
		0x00, 0x08,
		0x00, 0x2b, 0x00, 0x00,
		0x00, 0x29, 0x00, 0x00,
	};
	struct tls13_exts exts;

	KUNIT_EXPECT_EQ(test, parse(test, psk_first, sizeof(psk_first),
				    TLS13_MSG_CH, 0, &exts),
			TLS13_ALERT_ILLEGAL_PARAMETER);
	KUNIT_EXPECT_EQ(test, parse(test, psk_last, sizeof(psk_last),
				    TLS13_MSG_CH, 0, &exts), 0);
	KUNIT_EXPECT_EQ(test, parse(test, psk_first, sizeof(psk_first),
				    TLS13_MSG_SH, U32_MAX, &exts), 0);
}

/* Unknown: ignored in ClientHello, refused in an answer; unsolicited too */
static void ext_unknown_and_unsolicited(struct kunit *test)
{
	static const u8 unknown[] = { 0x00, 0x04, 0xfe, 0xfe, 0x00, 0x00 };
	static const u8 alpn[] = { 0x00, 0x04, 0x00, 0x10, 0x00, 0x00 };
	struct tls13_exts exts;

	KUNIT_EXPECT_EQ(test, parse(test, unknown, sizeof(unknown),
				    TLS13_MSG_CH, 0, &exts), 0);
	KUNIT_EXPECT_EQ(test, exts.present, 0);
	KUNIT_EXPECT_EQ(test, parse(test, unknown, sizeof(unknown),
				    TLS13_MSG_CR, 0, &exts), 0);
	KUNIT_EXPECT_EQ(test, parse(test, unknown, sizeof(unknown),
				    TLS13_MSG_EE, U32_MAX, &exts),
			TLS13_ALERT_UNSUPPORTED_EXTENSION);
	KUNIT_EXPECT_EQ(test, parse(test, alpn, sizeof(alpn), TLS13_MSG_EE,
				    0, &exts),
			TLS13_ALERT_UNSUPPORTED_EXTENSION);
	KUNIT_EXPECT_EQ(test, parse(test, alpn, sizeof(alpn), TLS13_MSG_EE,
				    BIT(TLS13_X_ALPN), &exts), 0);
}

/*
 * Section 4.2: an extension in a message that answers ours (ServerHello,
 * HelloRetryRequest, EncryptedExtensions, Certificate) must answer one we
 * sent, else unsupported_extension; elsewhere unknown ones are ignored.
 */
struct solicit {
	const char *name;
	u16 type;
	enum tls13_ext_msg msg;
	u32 offered;
	u8 alert;
};

static const struct solicit solicits[] = {
	{ "key_share in ServerHello, not sent", TLS13_EXT_KEY_SHARE,
	  TLS13_MSG_SH, BIT(TLS13_X_SUPPORTED_VERSIONS),
	  TLS13_ALERT_UNSUPPORTED_EXTENSION },
	{ "pre_shared_key in ServerHello, not sent", TLS13_EXT_PRE_SHARED_KEY,
	  TLS13_MSG_SH, BIT(TLS13_X_KEY_SHARE),
	  TLS13_ALERT_UNSUPPORTED_EXTENSION },
	{ "pre_shared_key in ServerHello, sent", TLS13_EXT_PRE_SHARED_KEY,
	  TLS13_MSG_SH, BIT(TLS13_X_PRE_SHARED_KEY), 0 },
	{ "key_share in HelloRetryRequest, not sent", TLS13_EXT_KEY_SHARE,
	  TLS13_MSG_HRR, 0, TLS13_ALERT_UNSUPPORTED_EXTENSION },
	{ "unknown in HelloRetryRequest", 0xfefe, TLS13_MSG_HRR, U32_MAX,
	  TLS13_ALERT_UNSUPPORTED_EXTENSION },
	{ "early_data in EncryptedExtensions, not sent", TLS13_EXT_EARLY_DATA,
	  TLS13_MSG_EE, BIT(TLS13_X_ALPN),
	  TLS13_ALERT_UNSUPPORTED_EXTENSION },
	{ "server_name in EncryptedExtensions, not sent",
	  TLS13_EXT_SERVER_NAME, TLS13_MSG_EE, 0,
	  TLS13_ALERT_UNSUPPORTED_EXTENSION },
	{ "status_request in Certificate, not sent", TLS13_EXT_STATUS_REQUEST,
	  TLS13_MSG_CT, 0, TLS13_ALERT_UNSUPPORTED_EXTENSION },
	{ "unknown in Certificate", 0xfefe, TLS13_MSG_CT, U32_MAX,
	  TLS13_ALERT_UNSUPPORTED_EXTENSION },
	{ "unknown in ServerHello", 0xfefe, TLS13_MSG_SH, U32_MAX,
	  TLS13_ALERT_UNSUPPORTED_EXTENSION },
	{ "unknown in NewSessionTicket", 0xfefe, TLS13_MSG_NST, 0, 0 },
	{ "unknown in CertificateRequest", 0xfefe, TLS13_MSG_CR, 0, 0 },
	{ "unknown in ClientHello", 0xfefe, TLS13_MSG_CH, 0, 0 },
};

static void solicit_desc(const struct solicit *p, char *desc)
{
	strscpy(desc, p->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(solicit, solicits, solicit_desc);

static void ext_unsolicited(struct kunit *test)
{
	const struct solicit *p = test->param_value;
	u8 block[] = { 0x00, 0x04, p->type >> 8, p->type & 0xff, 0x00, 0x00 };
	struct tls13_exts exts;

	KUNIT_EXPECT_EQ(test, parse(test, block, sizeof(block), p->msg,
				    p->offered, &exts), p->alert);
}

static struct kunit_case ext_test_cases[] = {
	KUNIT_CASE(ext_client_hello),
	KUNIT_CASE(ext_empty_block),
	KUNIT_CASE(ext_truncations),
	KUNIT_CASE(ext_duplicate),
	KUNIT_CASE_PARAM(ext_placement, placement_gen_params),
	KUNIT_CASE(ext_psk_last),
	KUNIT_CASE(ext_unknown_and_unsolicited),
	KUNIT_CASE_PARAM(ext_unsolicited, solicit_gen_params),
	{}
};

static struct kunit_suite ext_test_suite = {
	.name = "tls13_ext",
	.test_cases = ext_test_cases,
};

kunit_test_suite(ext_test_suite);
