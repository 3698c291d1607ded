// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the message parsers of msg.c on handcrafted messages. Each
 * well-formed message parses; every strict prefix of it is decode_error;
 * the values RFC 8446 forbids get the alert it names. The ClientHello,
 * ServerHello and EncryptedExtensions of real handshakes are parsed by
 * hs_test.c (engine against engine) and rfc8448_test.c.
 */

#include <kunit/test.h>
#include <linux/unaligned.h>

#include "../msg.h"

typedef u8 (*parse_fn)(struct kunit *test, const u8 *body, size_t len);

/* Parse a copy of exactly @len bytes, so KASAN sees any overread */
static u8 run(struct kunit *test, parse_fn fn, const u8 *body, size_t len)
{
	u8 *buf = kunit_kmalloc(test, len ? len : 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf, body, len);
	return fn(test, buf, len);
}

/* @body parses; every prefix is decode_error, and so is a trailing byte */
static void check(struct kunit *test, parse_fn fn, const u8 *body, size_t len)
{
	u8 *longer = kunit_kzalloc(test, len + 1, GFP_KERNEL);
	size_t cut;

	KUNIT_ASSERT_NOT_NULL(test, longer);
	KUNIT_EXPECT_EQ(test, run(test, fn, body, len), 0);
	for (cut = 0; cut < len; cut++)
		KUNIT_EXPECT_EQ_MSG(test, run(test, fn, body, cut),
				    TLS13_ALERT_DECODE_ERROR, "cut at %zu", cut);
	memcpy(longer, body, len);
	KUNIT_EXPECT_EQ(test, run(test, fn, longer, len + 1),
			TLS13_ALERT_DECODE_ERROR);
}

static u8 p_cr(struct kunit *test, const u8 *b, size_t len)
{
	struct tls13_cert_request cr;

	return tls13_parse_cert_request(b, len, &cr);
}

static u8 p_ct(struct kunit *test, const u8 *b, size_t len)
{
	struct tls13_certificate ct;

	return tls13_parse_certificate(b, len, 0, &ct);
}

static u8 p_cv(struct kunit *test, const u8 *b, size_t len)
{
	struct tls13_cert_verify cv;

	return tls13_parse_cert_verify(b, len, &cv);
}

static u8 p_fin32(struct kunit *test, const u8 *b, size_t len)
{
	return tls13_parse_finished(b, len, 32);
}

static u8 p_ch(struct kunit *test, const u8 *b, size_t len)
{
	struct tls13_hello h;

	return tls13_parse_client_hello(b, len, &h);
}

/* context "", signature_algorithms { ecdsa_secp256r1_sha256 } */
static const u8 cr[] = {
	0x00, 0x00, 0x08, 0x00, 0x0d, 0x00, 0x04, 0x00, 0x02, 0x04, 0x03,
};

/* context "", one 3-byte certificate, no extensions */
static const u8 ct[] = {
	0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x03, 0xaa, 0xbb, 0xcc, 0x00,
	0x00,
};

static const u8 cv[] = { 0x08, 0x04, 0x00, 0x02, 0x01, 0x02 };

/*
 * A minimal ClientHello: legacy_version, random, empty session id, one
 * suite, null compression, supported_versions { 0x0304 }.
 */
static const u8 ch[] = {
	0x03, 0x03,
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
	0x00, 0x00, 0x02, 0x13, 0x01, 0x01, 0x00,
	0x00, 0x07, 0x00, 0x2b, 0x00, 0x03, 0x02, 0x03, 0x04,
};

/* @ch with legacy_compression_methods { 0, 0 } */
static u8 ch_two_methods(struct kunit *test)
{
	u8 *c = kunit_kmalloc(test, sizeof(ch) + 1, GFP_KERNEL);
	struct tls13_hello h;

	KUNIT_ASSERT_NOT_NULL(test, c);
	memcpy(c, ch, 39);
	c[39] = 2;
	c[40] = 0;
	c[41] = 0;
	memcpy(c + 42, ch + 41, sizeof(ch) - 41);
	return tls13_parse_client_hello(c, sizeof(ch) + 1, &h);
}

static void msg_well_formed(struct kunit *test)
{
	static const u8 fin[32] = { 1 };

	check(test, p_cr, cr, sizeof(cr));
	check(test, p_ct, ct, sizeof(ct));
	check(test, p_cv, cv, sizeof(cv));
	check(test, p_fin32, fin, sizeof(fin));
	check(test, p_ch, ch, sizeof(ch));
}

static void msg_certificate_entries(struct kunit *test)
{
	struct tls13_certificate c;
	struct tls13_reader list;
	const u8 *der;
	u32 len;

	KUNIT_ASSERT_EQ(test, tls13_parse_certificate(ct, sizeof(ct), 0, &c),
			0);
	KUNIT_EXPECT_EQ(test, c.count, 1);
	tls13_reader_init(&list, c.list, c.list_len);
	KUNIT_ASSERT_TRUE(test, tls13_cert_next(&list, &der, &len));
	KUNIT_EXPECT_EQ(test, len, 3);
	KUNIT_EXPECT_EQ(test, der[2], 0xcc);
	KUNIT_EXPECT_FALSE(test, tls13_cert_next(&list, &der, &len));
}

static void msg_illegal_values(struct kunit *test)
{
	u8 buf[sizeof(cr)];
	struct tls13_hello h;

	/* a CertificateRequest without signature_algorithms */
	memcpy(buf, cr, sizeof(cr));
	buf[4] = 0x0a;	/* supported_groups is not allowed in CR */
	KUNIT_EXPECT_EQ(test, run(test, p_cr, buf, sizeof(cr)),
			TLS13_ALERT_ILLEGAL_PARAMETER);
	buf[4] = 0x2f;	/* certificate_authorities: allowed, not enough */
	KUNIT_EXPECT_EQ(test, run(test, p_cr, buf, sizeof(cr)),
			TLS13_ALERT_MISSING_EXTENSION);
	/* compression other than null alone */
	{
		u8 *c = kunit_kmalloc(test, sizeof(ch), GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, c);
		memcpy(c, ch, sizeof(ch));
		c[40] = 1;
		KUNIT_EXPECT_EQ(test, tls13_parse_client_hello(c, sizeof(ch),
							       &h),
				TLS13_ALERT_ILLEGAL_PARAMETER);
		/* two methods, both null: still not exactly { 0 } */
		KUNIT_EXPECT_EQ(test, ch_two_methods(test),
				TLS13_ALERT_ILLEGAL_PARAMETER);
		/* an odd cipher_suites length */
		memcpy(c, ch, sizeof(ch));
		c[36] = 1;
		KUNIT_EXPECT_EQ(test, tls13_parse_client_hello(c, sizeof(ch),
							       &h),
				TLS13_ALERT_DECODE_ERROR);
		/*
		 * legacy_version: SSL 3.0 or lower is protocol_version
		 * (appendix D.5); TLS 1.0 is only a legacy value, ignored
		 */
		memcpy(c, ch, sizeof(ch));
		c[0] = 3;
		c[1] = 0;
		KUNIT_EXPECT_EQ(test, tls13_parse_client_hello(c, sizeof(ch),
							       &h),
				TLS13_ALERT_PROTOCOL_VERSION);
		c[0] = 2;
		KUNIT_EXPECT_EQ(test, tls13_parse_client_hello(c, sizeof(ch),
							       &h),
				TLS13_ALERT_PROTOCOL_VERSION);
		c[0] = 3;
		c[1] = 1;
		KUNIT_EXPECT_EQ(test, tls13_parse_client_hello(c, sizeof(ch),
							       &h), 0);
	}
}

/* Extension bodies: lists, key shares, PSK offers */
static void msg_ext_bodies(struct kunit *test)
{
	/* key_share with x25519 twice; the prefix alone is short */
	static const u8 dup_share[] = {
		0x00, 0x0a, 0x00, 0x1d, 0x00, 0x01, 0xaa,
		0x00, 0x1d, 0x00, 0x01, 0xbb,
	};
	/* identities: "a" age 0; binders: two of 32 bytes */
	u8 psk[2 + 7 + 2 + 66];
	static const u16 want[] = { TLS13_GROUP_X25519, TLS13_GROUP_SECP256R1 };
	struct tls13_psk_offer offer;
	struct tls13_key_shares ks;
	struct tls13_exts exts = {};
	unsigned int i;
	size_t off;
	u8 *many;

	exts.present = BIT(TLS13_X_KEY_SHARE);
	exts.data[TLS13_X_KEY_SHARE] = dup_share;
	exts.len[TLS13_X_KEY_SHARE] = sizeof(dup_share) - 2;
	KUNIT_EXPECT_EQ(test, tls13_ext_key_shares_ch(&exts, want, 2, &ks),
			TLS13_ALERT_DECODE_ERROR);
	/* whole: two entries for the same group */
	exts.len[TLS13_X_KEY_SHARE] = sizeof(dup_share);
	KUNIT_EXPECT_EQ(test, tls13_ext_key_shares_ch(&exts, want, 2, &ks),
			TLS13_ALERT_ILLEGAL_PARAMETER);
	/* the same list, for a server that takes secp256r1 only: ignored */
	KUNIT_EXPECT_EQ(test, tls13_ext_key_shares_ch(&exts, want + 1, 1, &ks),
			0);
	KUNIT_EXPECT_EQ(test, ks.count, 0);
	KUNIT_EXPECT_EQ(test, ks.total, 2);
	/*
	 * No cap on what a client lists: 40 entries of groups we do not
	 * take (one of them twice), then secp256r1 as the 41st
	 */
	many = kunit_kzalloc(test, 2 + 41 * 5, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, many);
	put_unaligned_be16(41 * 5, many);
	for (i = 0; i < 41; i++) {
		put_unaligned_be16(i == 40 ? TLS13_GROUP_SECP256R1 :
				   0x0100 + (i == 39 ? 0 : i), many + 2 + i * 5);
		put_unaligned_be16(1, many + 2 + i * 5 + 2);
		many[2 + i * 5 + 4] = i;
	}
	exts.data[TLS13_X_KEY_SHARE] = many;
	exts.len[TLS13_X_KEY_SHARE] = 2 + 41 * 5;
	KUNIT_EXPECT_EQ(test, tls13_ext_key_shares_ch(&exts, want, 2, &ks), 0);
	KUNIT_EXPECT_EQ(test, ks.total, 41);
	KUNIT_ASSERT_EQ(test, ks.count, 1);
	KUNIT_EXPECT_EQ(test, ks.groups[0], TLS13_GROUP_SECP256R1);
	KUNIT_EXPECT_EQ(test, ks.share_len[0], 1);
	KUNIT_EXPECT_EQ(test, ks.share[0][0], 40);

	memset(psk, 0, sizeof(psk));
	psk[1] = 7;
	psk[3] = 1;
	psk[4] = 'a';
	psk[10] = 66;
	psk[11] = 32;
	psk[44] = 32;
	exts.present = BIT(TLS13_X_PRE_SHARED_KEY);
	exts.data[TLS13_X_PRE_SHARED_KEY] = psk;
	exts.len[TLS13_X_PRE_SHARED_KEY] = sizeof(psk);
	/* one identity, two binders */
	KUNIT_EXPECT_EQ(test, tls13_ext_psk_ch(&exts, psk, &offer, &off),
			TLS13_ALERT_ILLEGAL_PARAMETER);
	KUNIT_EXPECT_EQ(test, off, 9);

	exts.present = BIT(TLS13_X_EARLY_DATA);
	exts.len[TLS13_X_EARLY_DATA] = 4;
	KUNIT_EXPECT_EQ(test, tls13_ext_empty(&exts, TLS13_X_EARLY_DATA),
			TLS13_ALERT_DECODE_ERROR);
}

/* Encoders round-trip through the parsers; the signed content's layout */
static void msg_encoders(struct kunit *test)
{
	static const u16 schemes[] = { 0x0403, 0x0804 };
	static const u8 thash[32] = { 0xaa };
	struct tls13_cert_request cr;
	struct tls13_cert_verify cv;
	struct tls13_writer w;
	const u8 *list;
	size_t list_len, n;
	u8 *out = kunit_kzalloc(test, 256, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, out);
	tls13_writer_init(&w, out, 256);
	KUNIT_ASSERT_TRUE(test, tls13_put_cert_request(&w, NULL, 0, schemes,
						       ARRAY_SIZE(schemes)));
	KUNIT_EXPECT_EQ(test, out[0], TLS13_HS_CERTIFICATE_REQUEST);
	KUNIT_ASSERT_EQ(test, tls13_parse_cert_request(out + 4, w.len - 4, &cr),
			0);
	KUNIT_ASSERT_EQ(test, tls13_ext_u16_list(&cr.exts,
						 TLS13_X_SIGNATURE_ALGORITHMS,
						 &list, &list_len), 0);
	KUNIT_EXPECT_EQ(test, list_len, 4);
	KUNIT_EXPECT_TRUE(test, tls13_u16_list_has(list, list_len, 0x0804));

	tls13_writer_init(&w, out, 256);
	KUNIT_ASSERT_TRUE(test, tls13_put_cert_verify(&w, 0x0403, thash, 32));
	KUNIT_ASSERT_EQ(test, tls13_parse_cert_verify(out + 4, w.len - 4, &cv),
			0);
	KUNIT_EXPECT_EQ(test, cv.scheme, 0x0403);
	KUNIT_EXPECT_EQ(test, cv.sig_len, 32);
	/* a writer too small fails, and says so */
	tls13_writer_init(&w, out, 10);
	KUNIT_EXPECT_FALSE(test, tls13_put_cert_verify(&w, 0x0403, thash, 32));
	KUNIT_EXPECT_EQ(test, w.alert, TLS13_ALERT_INTERNAL_ERROR);

	/* server_name, as a ClientHello carries it (RFC 6066 section 3) */
	{
		static const u8 sni[] = {
			0x00, 0x00, 0x00, 0x10, 0x00, 0x0e, 0x00, 0x00, 0x0b,
			'n', 'f', 's', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e',
		};

		tls13_writer_init(&w, out, 256);
		KUNIT_ASSERT_TRUE(test, tls13_put_server_name(&w, "nfs.example",
							      11));
		KUNIT_EXPECT_EQ(test, w.len, sizeof(sni));
		KUNIT_EXPECT_MEMEQ(test, out, sni, sizeof(sni));
	}

	n = tls13_cv_content(true, thash, 32, out);
	KUNIT_EXPECT_EQ(test, n, 64 + 33 + 1 + 32);
	KUNIT_EXPECT_EQ(test, out[0], 0x20);
	KUNIT_EXPECT_EQ(test, out[63], 0x20);
	KUNIT_EXPECT_MEMEQ(test, out + 64, "TLS 1.3, server CertificateVerify",
			   33);
	KUNIT_EXPECT_EQ(test, out[97], 0);
	KUNIT_EXPECT_EQ(test, out[98], 0xaa);
	n = tls13_cv_content(false, thash, 32, out);
	KUNIT_EXPECT_MEMEQ(test, out + 64, "TLS 1.3, client CertificateVerify",
			   33);
}

static struct kunit_case msg_test_cases[] = {
	KUNIT_CASE(msg_well_formed),
	KUNIT_CASE(msg_certificate_entries),
	KUNIT_CASE(msg_illegal_values),
	KUNIT_CASE(msg_ext_bodies),
	KUNIT_CASE(msg_encoders),
	{}
};

static struct kunit_suite msg_test_suite = {
	.name = "tls13_msg",
	.test_cases = msg_test_cases,
};

kunit_test_suite(msg_test_suite);
