// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: CertificateVerify signatures (sig.c). ECDSA P-256 and P-384 sign
 * and verify round trips over tls13_cv_content(), with the private key of
 * RFC 6979 appendix A.2.5 (P-256) and A.2.6 (P-384); a flipped bit in the
 * signature or the content, the other role's context string, and the
 * wrong curve are all rejected with -EKEYREJECTED or -EINVAL. The scheme
 * table refuses what TLS 1.3 forbids in CertificateVerify. (RSA-PSS itself
 * is proven by crypto_rsa_pss; here only its dispatch.)
 */

#include <kunit/test.h>
#include <crypto/ecdsa-sign.h>

#include "../msg.h"
#include "../sig.h"

/* RFC 6979 A.2.5: the P-256 private key x */
static const u8 p256_priv[] = {
	0xc9, 0xaf, 0xa9, 0xd8, 0x45, 0xba, 0x75, 0x16, 0x6b, 0x5c, 0x21, 0x57,
	0x67, 0xb1, 0xd6, 0x93, 0x4e, 0x50, 0xc3, 0xdb, 0x36, 0xe8, 0x9b, 0x12,
	0x7b, 0x8a, 0x62, 0x2b, 0x12, 0x0f, 0x67, 0x21,
};

/* RFC 6979 A.2.6: the P-384 private key x */
static const u8 p384_priv[] = {
	0x6b, 0x9d, 0x3d, 0xad, 0x2e, 0x1b, 0x8c, 0x1c, 0x05, 0xb1, 0x98, 0x75,
	0xb6, 0x65, 0x9f, 0x4d, 0xe2, 0x3c, 0x3b, 0x66, 0x7b, 0xf2, 0x97, 0xba,
	0x9a, 0xa4, 0x77, 0x40, 0x78, 0x71, 0x37, 0xd8, 0x96, 0xd5, 0x72, 0x4e,
	0x4c, 0x70, 0xa8, 0x25, 0xf8, 0x72, 0xc9, 0xea, 0x60, 0xd2, 0xed, 0xf5,
};

struct ecdsa_case {
	u16 scheme;
	const u8 *priv;
	size_t priv_len;
	u16 other;	/* the scheme of the other curve */
};

static const struct ecdsa_case ecdsa_cases[] = {
	{ 0x0403, p256_priv, sizeof(p256_priv), 0x0503 },
	{ 0x0503, p384_priv, sizeof(p384_priv), 0x0403 },
};

static void ecdsa_desc(const struct ecdsa_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s",
		 tls13_sigscheme_find(c->scheme)->name);
}

KUNIT_ARRAY_PARAM(ecdsa, ecdsa_cases, ecdsa_desc);

static void sig_ecdsa_round_trip(struct kunit *test)
{
	const struct ecdsa_case *c = test->param_value;
	const struct tls13_sigscheme *s = tls13_sigscheme_find(c->scheme);
	u8 *content = kunit_kzalloc(test, TLS13_CV_CONTENT_MAX, GFP_KERNEL);
	u8 *sig = kunit_kzalloc(test, ECDSA_SIGN_MAX_DER_SIZE, GFP_KERNEL);
	u8 *pub = kunit_kzalloc(test, ECDSA_SIGN_MAX_PUB_SIZE, GFP_KERNEL);
	u8 thash[48];
	size_t len, sig_len, pub_len;

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_NOT_NULL(test, content);
	KUNIT_ASSERT_NOT_NULL(test, sig);
	KUNIT_ASSERT_NOT_NULL(test, pub);
	memset(thash, 0x5a, sizeof(thash));
	len = tls13_cv_content(true, thash, s->hash_len, content);
	KUNIT_ASSERT_EQ(test, ecdsa_public_from_private(s->curve, c->priv,
							c->priv_len, pub,
							ECDSA_SIGN_MAX_PUB_SIZE),
			0);
	pub_len = 1 + 2 * c->priv_len;

	KUNIT_ASSERT_EQ(test, tls13_sig_sign(s, c->priv, c->priv_len, content,
					     len, sig, ECDSA_SIGN_MAX_DER_SIZE,
					     &sig_len), 0);
	KUNIT_EXPECT_EQ(test, sig[0], 0x30);	/* DER Ecdsa-Sig-Value */
	KUNIT_EXPECT_EQ(test, tls13_sig_verify(s, pub, pub_len, content, len,
					       sig, sig_len), 0);

	/* the client's context string is another message */
	len = tls13_cv_content(false, thash, s->hash_len, content);
	KUNIT_EXPECT_EQ(test, tls13_sig_verify(s, pub, pub_len, content, len,
					       sig, sig_len), -EKEYREJECTED);
	len = tls13_cv_content(true, thash, s->hash_len, content);
	/* a flipped bit in the transcript hash */
	content[len - 1] ^= 1;
	KUNIT_EXPECT_EQ(test, tls13_sig_verify(s, pub, pub_len, content, len,
					       sig, sig_len), -EKEYREJECTED);
	content[len - 1] ^= 1;
	/* a flipped bit in s */
	sig[sig_len - 1] ^= 1;
	KUNIT_EXPECT_EQ(test, tls13_sig_verify(s, pub, pub_len, content, len,
					       sig, sig_len), -EKEYREJECTED);
	sig[sig_len - 1] ^= 1;
	/* the key of the other curve is no key for this scheme */
	KUNIT_EXPECT_LT(test, tls13_sig_verify(tls13_sigscheme_find(c->other),
					       pub, pub_len, content, len, sig,
					       sig_len), 0);
}

static void sig_schemes(struct kunit *test)
{
	/* rsa_pkcs1_sha256, ecdsa_sha1, ed25519 (not implemented) */
	KUNIT_EXPECT_NULL(test, tls13_sigscheme_find(0x0401));
	KUNIT_EXPECT_NULL(test, tls13_sigscheme_find(0x0203));
	KUNIT_EXPECT_NULL(test, tls13_sigscheme_find(0x0807));
	KUNIT_EXPECT_STREQ(test, tls13_sigscheme_find(0x0804)->name,
			   "rsa_pss_rsae_sha256");
	KUNIT_EXPECT_EQ(test, tls13_sigscheme_find(0x080b)->hash_len, 64);
	/* RSA-PSS dispatch: a key that is not an RSAPublicKey */
	KUNIT_EXPECT_LT(test, tls13_sig_verify(tls13_sigscheme_find(0x0804),
					       p256_priv, sizeof(p256_priv),
					       p256_priv, 8, p256_priv, 32), 0);
}

static struct kunit_case sig_test_cases[] = {
	KUNIT_CASE_PARAM(sig_ecdsa_round_trip, ecdsa_gen_params),
	KUNIT_CASE(sig_schemes),
	{}
};

static struct kunit_suite sig_test_suite = {
	.name = "tls13_sig",
	.test_cases = sig_test_cases,
};

kunit_test_suite(sig_test_suite);
