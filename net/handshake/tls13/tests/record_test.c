// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: record protection for every cipher suite and the record layer's
 * failure cases, each a distinct errno and alert (see record.c).
 *
 * Known answers for AES-256-GCM, ChaCha20-Poly1305 and AES-128-CCM were
 * derived with OpenSSL 3.0 by tests/tools/gen-kats.sh, independently of
 * this code: keys and IVs with `openssl kdf ... TLS13-KDF`
 * (HKDF-Expand-Label "key"/"iv"), records with tests/tools/aead-record
 * (OpenSSL's EVP AEADs; its selftest reproduces an RFC 8448 record):
 *   AES-256-GCM: the SHA-384 c hs traffic keys of keysched_test.c, seq 5,
 *     a Finished message as handshake content, 7 bytes of padding;
 *   ChaCha20-Poly1305: traffic secret 0x00..0x1f (SHA-256), seq 1,
 *     application data 0x00..0x3f, no padding;
 *   AES-128-CCM: the same secret, seq 2, the alert 02 32, 13 bytes of
 *     padding.
 */

#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/unaligned.h>

#include "util.h"

static const u8 rec_gcm256[] = {
	0x17, 0x03, 0x03, 0x00, 0x4c, 0x9a, 0x8f, 0x7c, 0x21, 0x56, 0xa1,
	0x36, 0x8b, 0x8f, 0x20, 0x96, 0x6e, 0xd8, 0xc4, 0x46, 0xcd, 0x3e,
	0xb4, 0x7d, 0xba, 0x85, 0x1a, 0xa0, 0x00, 0x4a, 0x57, 0x13, 0x70,
	0x13, 0x96, 0xbe, 0x58, 0x2d, 0x2d, 0x45, 0xd1, 0xfa, 0xb8, 0x59,
	0x00, 0xd4, 0xea, 0xc2, 0x17, 0x65, 0x98, 0x5b, 0x2e, 0xf4, 0x46,
	0x70, 0xce, 0x46, 0xc9, 0x4b, 0xcf, 0xaf, 0xdd, 0x6d, 0x97, 0xca,
	0xcf, 0x5e, 0xdf, 0x33, 0xcd, 0xf2, 0xb4, 0x4f, 0x6a, 0xec, 0x73,
	0xc1, 0x42, 0x61, 0xd9,
};

static const u8 chacha_key[] = {
	0x2f, 0xfb, 0xc4, 0x49, 0xe8, 0x78, 0x44, 0x05, 0x1c, 0x77, 0x68,
	0xf6, 0x1f, 0xfd, 0x8a, 0xd0, 0x70, 0x83, 0x0f, 0x01, 0xec, 0x2c,
	0x52, 0x0e, 0xf6, 0x5f, 0x08, 0xe8, 0x29, 0x6d, 0xff, 0xa0,
};

static const u8 chacha_iv[] = {
	0x2f, 0x41, 0xc8, 0x46, 0xa4, 0x31, 0xa1, 0x63, 0x81, 0x4b, 0xcd,
	0x71,
};

static const u8 ccm_key[] = {
	0x9c, 0x97, 0x83, 0xcf, 0x77, 0xea, 0x32, 0xd4, 0x4f, 0x36, 0x9d,
	0xa4, 0x1f, 0x19, 0xf3, 0xcc,
};

static const u8 rec_chacha[] = {
	0x17, 0x03, 0x03, 0x00, 0x51, 0x0b, 0xb4, 0x37, 0xd9, 0x83, 0x29,
	0xc5, 0xd4, 0x86, 0x02, 0x35, 0x13, 0x76, 0xb9, 0x7c, 0xe5, 0xd8,
	0x67, 0xb4, 0x83, 0xe6, 0x87, 0x8e, 0xa6, 0x4f, 0x17, 0xc1, 0xd7,
	0xba, 0xdc, 0x86, 0xf2, 0x5f, 0x9c, 0xd4, 0xf2, 0x4f, 0x1c, 0x30,
	0xb5, 0x66, 0xe0, 0x75, 0xcc, 0x8f, 0xa8, 0x1d, 0x3f, 0x48, 0x90,
	0x73, 0x62, 0xd6, 0x57, 0x9b, 0xb5, 0xc8, 0x2e, 0xa3, 0x7f, 0xdf,
	0x46, 0x74, 0x78, 0xfe, 0x94, 0x26, 0x9b, 0xc3, 0xc6, 0x81, 0xbe,
	0x1e, 0x8a, 0x86, 0xbf, 0x9d, 0xd1, 0x41, 0x9d, 0x8e,
};

static const u8 rec_ccm[] = {
	0x17, 0x03, 0x03, 0x00, 0x20, 0x14, 0xb6, 0xe4, 0x95, 0xbb, 0xa5,
	0x6c, 0xe3, 0x3b, 0xd8, 0x46, 0xe9, 0x33, 0x32, 0x8d, 0x8d, 0x7c,
	0xe2, 0x9f, 0xdf, 0x7e, 0x45, 0x9a, 0x4c, 0x6c, 0xb3, 0x56, 0xd3,
	0xda, 0x39, 0xac, 0xce,
};

static const u8 gcm256_key[] = {
	0x96, 0x23, 0xeb, 0xb9, 0x40, 0x2d, 0x5c, 0x28, 0xfc, 0x57, 0x72,
	0x04, 0xbd, 0x1b, 0x41, 0x32, 0x12, 0x46, 0x28, 0x92, 0x6e, 0xc0,
	0xf4, 0xbe, 0x4e, 0xf1, 0x2d, 0x78, 0x50, 0xb0, 0x26, 0x2a,
};

static const u8 gcm256_iv[] = {
	0xe0, 0x7f, 0xe7, 0x42, 0x63, 0x7c, 0x90, 0x7b, 0xfb, 0x67, 0x9b,
	0x4f,
};

/* Finished { verify_data = sha384_verify_data of keysched_test.c } */
static const u8 gcm256_payload[] = {
	0x14, 0x00, 0x00, 0x30, 0x5a, 0x4c, 0x26, 0xd6, 0x2b, 0x21, 0x22,
	0xa5, 0xac, 0xf2, 0xd2, 0x69, 0x29, 0x6b, 0x34, 0xf4, 0x3f, 0xd6,
	0xdc, 0x6c, 0x0e, 0xcf, 0xe1, 0x51, 0x8e, 0xf3, 0x4e, 0x77, 0x83,
	0xe9, 0x7c, 0x56, 0xa4, 0xf4, 0x0b, 0x2f, 0xd7, 0x7b, 0xaf, 0x3a,
	0x37, 0xa3, 0xb1, 0xb9, 0xb3, 0xa1, 0x6f, 0x68,
};

static u8 chacha_payload[64];	/* 0x00..0x3f, filled by the suite init */

static const u8 ccm_payload[] = { 0x02, 0x32 };

struct kat {
	const char *name;
	u16 suite;
	const u8 *key, *iv, *payload, *record;
	size_t payload_len, record_len, pad;
	u64 seq;
	u8 type;
};

static const struct kat kats[] = {
	{
		.name = "aes-256-gcm", .suite = TLS13_AES_256_GCM_SHA384,
		.key = gcm256_key, .iv = gcm256_iv, .seq = 5,
		.type = TLS13_CT_HANDSHAKE, .pad = 7,
		.payload = gcm256_payload,
		.payload_len = sizeof(gcm256_payload),
		.record = rec_gcm256, .record_len = sizeof(rec_gcm256),
	}, {
		.name = "chacha20-poly1305",
		.suite = TLS13_CHACHA20_POLY1305_SHA256,
		.key = chacha_key, .iv = chacha_iv, .seq = 1,
		.type = TLS13_CT_APPLICATION_DATA, .pad = 0,
		.payload = chacha_payload,
		.payload_len = sizeof(chacha_payload),
		.record = rec_chacha, .record_len = sizeof(rec_chacha),
	}, {
		.name = "aes-128-ccm", .suite = TLS13_AES_128_CCM_SHA256,
		.key = ccm_key, .iv = chacha_iv, .seq = 2,
		.type = TLS13_CT_ALERT, .pad = 13,
		.payload = ccm_payload, .payload_len = sizeof(ccm_payload),
		.record = rec_ccm, .record_len = sizeof(rec_ccm),
	},
};

static void kat_desc(const struct kat *k, char *desc)
{
	strscpy(desc, k->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(kat, kats, kat_desc);

static int record_suite_init(struct kunit_suite *suite)
{
	unsigned int i;

	for (i = 0; i < sizeof(chacha_payload); i++)
		chacha_payload[i] = i;
	return 0;
}

/* Sealing reproduces OpenSSL's record byte for byte. */
static void record_kat_seal(struct kunit *test)
{
	const struct kat *k = test->param_value;

	tls13_test_seal(test, k->suite, k->key, k->iv, k->seq, k->type,
			k->payload, k->payload_len, k->pad, k->record,
			k->record_len);
}

/* Opening OpenSSL's record gives back the content and its type. */
static void record_kat_open(struct kunit *test)
{
	const struct kat *k = test->param_value;

	tls13_test_open(test, k->suite, k->key, k->iv, k->seq, k->type,
			k->payload, k->payload_len, k->record, k->record_len);
}

static const u16 all_suites[] = {
	TLS13_AES_128_GCM_SHA256, TLS13_AES_256_GCM_SHA384,
	TLS13_CHACHA20_POLY1305_SHA256, TLS13_AES_128_CCM_SHA256,
};

static void suite_desc(const u16 *id, char *desc)
{
	strscpy(desc, tls13_suite_find(*id)->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(suite, all_suites, suite_desc);

static const u8 key32[32] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
static const u8 other_key32[32] = { 0xff, 0xfe };
static const u8 iv12[12] = { 0xa, 0xb, 0xc };

/*
 * Every suite: records of 0 to 2^14 bytes with and without padding,
 * sealed by one key and opened by its peer, in sequence, on one transform
 * and one request (nothing is reallocated per record).
 */
static void record_round_trip(struct kunit *test)
{
	static const size_t lens[] = { 0, 1, 100, 4096, TLS13_MAX_PLAINTEXT };
	static const size_t pads[] = { 0, 0, 31, 1, 0 };
	u16 id = *(const u16 *)test->param_value;
	struct tls13_rec_key *w = tls13_test_rk(test, id, key32, iv12);
	struct tls13_rec_key *r = tls13_test_rk(test, id, key32, iv12);
	struct crypto_aead *aead = r->aead;
	struct aead_request *req = r->req;
	size_t size = TLS13_MAX_RECORD;
	u8 *buf = tls13_test_dup(test, NULL, 0, size);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lens); i++) {
		size_t len = 0;
		u8 type = 0;
		int n;

		memset(buf + TLS13_RECORD_HEADER_LEN, 0x5a + i, lens[i]);
		n = tls13_rec_seal(w, TLS13_CT_APPLICATION_DATA, buf, size,
				   lens[i], pads[i]);
		KUNIT_ASSERT_EQ(test, n, (int)(TLS13_RECORD_HEADER_LEN +
					       lens[i] + 1 + pads[i] +
					       TLS13_AEAD_TAG_LEN));
		KUNIT_ASSERT_EQ(test, tls13_rec_open(r, buf, n, &type, &len),
				0);
		KUNIT_EXPECT_EQ(test, type, TLS13_CT_APPLICATION_DATA);
		KUNIT_ASSERT_EQ(test, len, lens[i]);
		KUNIT_EXPECT_TRUE(test, !len || (buf[5] == 0x5a + i &&
						 buf[4 + len] == 0x5a + i));
	}
	KUNIT_EXPECT_EQ(test, w->seq, ARRAY_SIZE(lens));
	KUNIT_EXPECT_EQ(test, r->seq, ARRAY_SIZE(lens));

	/* a new epoch re-keys the same transform and restarts at 0 */
	KUNIT_ASSERT_EQ(test, tls13_rec_key_set(r, other_key32, iv12), 0);
	KUNIT_EXPECT_EQ(test, r->seq, 0);
	KUNIT_EXPECT_PTR_EQ(test, r->aead, aead);
	KUNIT_EXPECT_PTR_EQ(test, r->req, req);
}

/* Seal one 10-byte handshake record with key32/iv12 (AES-128-GCM). */
static u8 *sealed(struct kunit *test, size_t *n)
{
	struct tls13_rec_key *w = tls13_test_rk(test, TLS13_AES_128_GCM_SHA256,
						key32, iv12);
	size_t size = 64;
	u8 *buf = tls13_test_dup(test, NULL, 0, size);
	int ret = tls13_rec_seal(w, TLS13_CT_HANDSHAKE, buf, size, 10, 0);

	KUNIT_ASSERT_GT(test, ret, 0);
	*n = ret;
	return buf;
}

static struct tls13_rec_key *reader(struct kunit *test)
{
	return tls13_test_rk(test, TLS13_AES_128_GCM_SHA256, key32, iv12);
}

/* A flipped bit anywhere (header, ciphertext, tag) fails: bad_record_mac */
static void record_flipped_bits(struct kunit *test)
{
	size_t n, pos, len;
	u8 *orig = sealed(test, &n);
	u8 *buf = tls13_test_dup(test, NULL, 0, n);
	u8 type;

	for (pos = 0; pos < n; pos++) {
		struct tls13_rec_key *r = reader(test);
		int err;

		memcpy(buf, orig, n);
		buf[pos] ^= 0x01;
		err = tls13_rec_open(r, buf, n, &type, &len);
		/* bytes 0 and 3-4 are checked before the AEAD runs */
		if (pos == 0) {
			KUNIT_EXPECT_EQ(test, err, -EPROTO);
		} else if (pos == 3 || pos == 4) {
			KUNIT_EXPECT_EQ(test, err, -ENODATA);
		} else {
			KUNIT_EXPECT_EQ_MSG(test, err, -EBADMSG,
					    "flipped byte %zu", pos);
			KUNIT_EXPECT_EQ(test, tls13_rec_alert(err),
					TLS13_ALERT_BAD_RECORD_MAC);
		}
	}
	/* the last byte is the tag's: its high bit too */
	memcpy(buf, orig, n);
	buf[n - 1] ^= 0x80;
	KUNIT_EXPECT_EQ(test, tls13_rec_open(reader(test), buf, n, &type,
					     &len), -EBADMSG);
}

/* A record opened at the wrong sequence number fails: bad_record_mac */
static void record_wrong_sequence(struct kunit *test)
{
	struct tls13_rec_key *r = reader(test);
	size_t n, len;
	u8 *buf = sealed(test, &n);
	u8 type;

	r->seq = 1;
	KUNIT_EXPECT_EQ(test, tls13_rec_open(r, buf, n, &type, &len),
			-EBADMSG);
	KUNIT_EXPECT_EQ(test, r->seq, 1);
}

/* Headers announcing more than the limits: record_overflow */
static void record_oversized(struct kunit *test)
{
	u8 hdr[5] = { TLS13_CT_APPLICATION_DATA, 3, 3 };
	size_t len;
	u8 type;

	put_unaligned_be16(TLS13_MAX_CIPHERTEXT, hdr + 3);
	KUNIT_EXPECT_EQ(test, tls13_rec_header(hdr, 5, true, &type, &len), 0);
	KUNIT_EXPECT_EQ(test, len, TLS13_MAX_CIPHERTEXT);
	put_unaligned_be16(TLS13_MAX_CIPHERTEXT + 1, hdr + 3);
	KUNIT_EXPECT_EQ(test, tls13_rec_header(hdr, 5, true, &type, &len),
			-EMSGSIZE);
	KUNIT_EXPECT_EQ(test, tls13_rec_alert(-EMSGSIZE),
			TLS13_ALERT_RECORD_OVERFLOW);

	hdr[0] = TLS13_CT_HANDSHAKE;
	put_unaligned_be16(TLS13_MAX_PLAINTEXT, hdr + 3);
	KUNIT_EXPECT_EQ(test, tls13_rec_header(hdr, 5, false, &type, &len), 0);
	put_unaligned_be16(TLS13_MAX_PLAINTEXT + 1, hdr + 3);
	KUNIT_EXPECT_EQ(test, tls13_rec_header(hdr, 5, false, &type, &len),
			-EMSGSIZE);
}

/*
 * An authentic record whose inner plaintext exceeds 2^14 + 1 bytes (the
 * sender-side checks are bypassed to build it): record_overflow.
 */
static void record_inner_overflow(struct kunit *test)
{
	struct tls13_rec_key *w = reader(test), *r = reader(test);
	size_t size = TLS13_MAX_RECORD;
	u8 *buf = tls13_test_dup(test, NULL, 0, size);
	size_t len;
	u8 type;
	int n;

	KUNIT_EXPECT_EQ(test, tls13_rec_seal(w, TLS13_CT_APPLICATION_DATA, buf,
					     size, TLS13_MAX_PLAINTEXT + 1, 0),
			-EMSGSIZE);
	KUNIT_EXPECT_EQ(test, tls13_rec_seal(w, TLS13_CT_APPLICATION_DATA, buf,
					     size, TLS13_MAX_PLAINTEXT, 1),
			-EMSGSIZE);
	n = tls13_rec_seal_raw(w, TLS13_CT_APPLICATION_DATA, buf, size,
			       TLS13_MAX_PLAINTEXT + 1, 0);
	KUNIT_ASSERT_GT(test, n, 0);
	KUNIT_EXPECT_EQ(test, tls13_rec_open(r, buf, n, &type, &len),
			-EMSGSIZE);
}

/* An inner plaintext of only zeros has no content type: unexpected_message */
static void record_all_zero_inner(struct kunit *test)
{
	static const size_t pads[] = { 0, 1, 200 };
	size_t size = 512, len;
	u8 *buf = tls13_test_dup(test, NULL, 0, size);
	unsigned int i;
	u8 type;

	for (i = 0; i < ARRAY_SIZE(pads); i++) {
		struct tls13_rec_key *w = reader(test), *r = reader(test);
		int n = tls13_rec_seal_raw(w, TLS13_CT_INVALID, buf, size, 0,
					   pads[i]);

		KUNIT_ASSERT_GT(test, n, 0);
		KUNIT_EXPECT_EQ(test, tls13_rec_open(r, buf, n, &type, &len),
				-EPROTO);
	}
	KUNIT_EXPECT_EQ(test, tls13_rec_alert(-EPROTO),
			TLS13_ALERT_UNEXPECTED_MESSAGE);
}

/* Content types that cannot be protected: unexpected_message */
static void record_bad_inner_type(struct kunit *test)
{
	struct tls13_rec_key *w = reader(test), *r = reader(test);
	size_t size = 64, len;
	u8 *buf = tls13_test_dup(test, NULL, 0, size);
	u8 type;
	int n;

	KUNIT_EXPECT_EQ(test, tls13_rec_seal(w, TLS13_CT_CHANGE_CIPHER_SPEC,
					     buf, size, 1, 0), -EPROTO);
	KUNIT_EXPECT_EQ(test, tls13_rec_seal(w, TLS13_CT_INVALID, buf, size, 1,
					     0), -EPROTO);
	n = tls13_rec_seal_raw(w, TLS13_CT_CHANGE_CIPHER_SPEC, buf, size, 1, 0);
	KUNIT_ASSERT_GT(test, n, 0);
	KUNIT_EXPECT_EQ(test, tls13_rec_open(r, buf, n, &type, &len), -EPROTO);
}

/* Truncated headers and records, and trailing bytes: decode_error */
static void record_truncated(struct kunit *test)
{
	struct tls13_rec_key *r = reader(test);
	size_t n, len, i;
	u8 *buf = sealed(test, &n);
	u8 type;

	for (i = 0; i < TLS13_RECORD_HEADER_LEN; i++)
		KUNIT_EXPECT_EQ(test, tls13_rec_header(buf, i, true, &type,
						       &len), -ENODATA);
	KUNIT_EXPECT_EQ(test, tls13_rec_open(r, buf, 4, &type, &len),
			-ENODATA);
	KUNIT_EXPECT_EQ(test, tls13_rec_open(r, buf, n - 1, &type, &len),
			-ENODATA);
	KUNIT_EXPECT_EQ(test, tls13_rec_open(r, buf, n + 1, &type, &len),
			-ENODATA);
	KUNIT_EXPECT_EQ(test, tls13_rec_alert(-ENODATA),
			TLS13_ALERT_DECODE_ERROR);
	/* nothing was consumed: the intact record still opens */
	KUNIT_EXPECT_EQ(test, r->seq, 0);
	KUNIT_EXPECT_EQ(test, tls13_rec_open(r, buf, n, &type, &len), 0);
	KUNIT_EXPECT_EQ(test, len, 10);
}

/* A protected record too short to hold a tag: bad_record_mac */
static void record_too_short(struct kunit *test)
{
	u8 *buf = tls13_test_dup(test, NULL, 0, 32);
	size_t len;
	u8 type;

	buf[0] = TLS13_CT_APPLICATION_DATA;
	buf[1] = 3;
	buf[2] = 3;
	buf[4] = TLS13_AEAD_TAG_LEN;
	KUNIT_EXPECT_EQ(test, tls13_rec_open(reader(test), buf,
					     5 + TLS13_AEAD_TAG_LEN, &type,
					     &len), -EBADMSG);
}

/* Plaintext types in an encrypted epoch, unknown types, empty fragments */
static void record_bad_outer_type(struct kunit *test)
{
	u8 hdr[5] = { TLS13_CT_HANDSHAKE, 3, 3, 0, 1 };
	size_t len;
	u8 type;

	KUNIT_EXPECT_EQ(test, tls13_rec_header(hdr, 5, true, &type, &len),
			-EPROTO);
	KUNIT_EXPECT_EQ(test, tls13_rec_header(hdr, 5, false, &type, &len), 0);
	hdr[0] = TLS13_CT_ALERT;
	KUNIT_EXPECT_EQ(test, tls13_rec_header(hdr, 5, true, &type, &len),
			-EPROTO);
	hdr[0] = 24;	/* heartbeat: not in TLS 1.3 */
	KUNIT_EXPECT_EQ(test, tls13_rec_header(hdr, 5, false, &type, &len),
			-EPROTO);
	hdr[0] = TLS13_CT_HANDSHAKE;
	hdr[4] = 0;
	KUNIT_EXPECT_EQ(test, tls13_rec_header(hdr, 5, false, &type, &len),
			-EPROTO);
	/* a compatibility-mode ChangeCipherSpec passes the record layer */
	hdr[0] = TLS13_CT_CHANGE_CIPHER_SPEC;
	hdr[4] = 1;
	KUNIT_EXPECT_EQ(test, tls13_rec_header(hdr, 5, true, &type, &len), 0);
	KUNIT_EXPECT_EQ(test, type, TLS13_CT_CHANGE_CIPHER_SPEC);
}

/* Buffers too small, and framing limits */
static void record_buffer_limits(struct kunit *test)
{
	struct tls13_rec_key *w = reader(test);
	u8 *buf = tls13_test_dup(test, NULL, 0, 64);

	KUNIT_EXPECT_EQ(test, tls13_rec_seal(w, TLS13_CT_HANDSHAKE, buf, 64,
					     64 - 5 - 16, 0), -ENOSPC);
	KUNIT_EXPECT_EQ(test, tls13_rec_seal(w, TLS13_CT_HANDSHAKE, buf, 64,
					     64 - 5 - 17, 0), 64);
	KUNIT_EXPECT_EQ(test, tls13_rec_frame(TLS13_CT_HANDSHAKE, 0x0303, buf,
					      64, 60), -ENOSPC);
	KUNIT_EXPECT_EQ(test, tls13_rec_frame(TLS13_CT_HANDSHAKE, 0x0303, buf,
					      64, TLS13_MAX_PLAINTEXT + 1),
			-EMSGSIZE);
	KUNIT_EXPECT_EQ(test, tls13_rec_alert(-ENOSPC),
			TLS13_ALERT_INTERNAL_ERROR);
}

/* The sequence number never wraps. */
static void record_sequence_exhausted(struct kunit *test)
{
	struct tls13_rec_key *w = reader(test), *r = reader(test);
	size_t n, len;
	u8 *buf = sealed(test, &n);
	u8 type;

	w->seq = U64_MAX;
	KUNIT_EXPECT_EQ(test, tls13_rec_seal(w, TLS13_CT_HANDSHAKE, buf, 64, 1,
					     0), -EOVERFLOW);
	r->seq = U64_MAX;
	KUNIT_EXPECT_EQ(test, tls13_rec_open(r, buf, n, &type, &len),
			-EOVERFLOW);
	KUNIT_EXPECT_EQ(test, tls13_rec_alert(-EOVERFLOW),
			TLS13_ALERT_INTERNAL_ERROR);
}

static struct kunit_case record_test_cases[] = {
	KUNIT_CASE_PARAM(record_kat_seal, kat_gen_params),
	KUNIT_CASE_PARAM(record_kat_open, kat_gen_params),
	KUNIT_CASE_PARAM(record_round_trip, suite_gen_params),
	KUNIT_CASE(record_flipped_bits),
	KUNIT_CASE(record_wrong_sequence),
	KUNIT_CASE(record_oversized),
	KUNIT_CASE(record_inner_overflow),
	KUNIT_CASE(record_all_zero_inner),
	KUNIT_CASE(record_bad_inner_type),
	KUNIT_CASE(record_truncated),
	KUNIT_CASE(record_too_short),
	KUNIT_CASE(record_bad_outer_type),
	KUNIT_CASE(record_buffer_limits),
	KUNIT_CASE(record_sequence_exhausted),
	{}
};

static struct kunit_suite record_test_suite = {
	.name = "tls13_record",
	.suite_init = record_suite_init,
	.test_cases = record_test_cases,
};

kunit_test_suite(record_test_suite);
