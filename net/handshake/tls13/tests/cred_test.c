// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: our own certificate chain and private key (cred.c). Every key
 * form (PKCS#8, SEC1, PKCS#1) of every kind (P-256, P-384, RSA) loads,
 * and the key it yields signs what the certificate's public key verifies;
 * chains split where their certificates end; each refusal has its errno:
 * a key that is not the leaf's, every truncation, trailing bytes, wrong
 * versions, curves and algorithms the engine does not sign with, an
 * encrypted key, chains too long. Then the two keyring forms: user keys
 * named by serial (tls13_cred_load) and the default identity in a keyring
 * (tls13_cred_load_default). The keys come from scripts/cred-vectors.sh
 * (tests/cred_vectors.h) and scripts/cert-vectors.sh (tests/cert_vectors.h).
 */

#include <kunit/test.h>
#include <crypto/ecdsa-sign.h>
#include <crypto/public_key.h>
#include <keys/asymmetric-type.h>
#include <linux/cred.h>
#include <linux/key.h>
#include <linux/key-type.h>
#include <linux/slab.h>

#include "../cert.h"
#include "../sig.h"
#include "cert_vectors.h"
#include "cred_vectors.h"

struct der {
	const u8 *p;
	size_t len;
};

#define DER(x)	{ x, sizeof(x) }

static const u8 message[] = "tls13_cred: a CertificateVerify stand-in";

/* A copy of @n DER pieces, concatenated */
static u8 *cat(struct kunit *test, const struct der *d, unsigned int n,
	       size_t *len)
{
	unsigned int i;
	size_t off = 0;
	u8 *p;

	for (*len = 0, i = 0; i < n; i++)
		*len += d[i].len;
	p = kunit_kmalloc(test, *len + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	for (i = 0; i < n; i++) {
		memcpy(p + off, d[i].p, d[i].len);
		off += d[i].len;
	}
	return p;
}

static void free_cred(void *cred)
{
	tls13_cred_free(cred);
}

/* a zeroed credential that is freed when the case ends */
static struct tls13_cred *new_cred(struct kunit *test)
{
	struct tls13_cred *cred = kunit_kzalloc(test, sizeof(*cred),
						GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, cred);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, free_cred, cred),
			0);
	return cred;
}

static void expect_zeroed(struct kunit *test, const struct tls13_cred *cred)
{
	KUNIT_EXPECT_EQ(test, cred->kind, TLS13_KEY_NONE);
	KUNIT_EXPECT_NULL(test, cred->priv);
	KUNIT_EXPECT_NULL(test, cred->buf);
	KUNIT_EXPECT_EQ(test, cred->n, 0);
}

static int set(struct kunit *test, const u8 *chain, size_t chain_len,
	       const u8 *key, size_t key_len)
{
	struct tls13_cred *cred = new_cred(test);
	int err;

	err = tls13_cred_set(chain, chain_len, key, key_len, cred);
	if (err)
		expect_zeroed(test, cred);
	return err;
}

/*
 * The certificate's public key, as the kernel's X.509 parser gives it;
 * freed when the case ends.
 */
static void free_prep(void *prep)
{
	key_type_asymmetric.free_preparse(prep);
}

static const struct public_key *cert_pub(struct kunit *test, const u8 *der,
					 size_t len)
{
	struct key_preparsed_payload *prep;

	prep = kunit_kzalloc(test, sizeof(*prep), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, prep);
	prep->data = der;
	prep->datalen = len;
	KUNIT_ASSERT_EQ(test, key_type_asymmetric.preparse(prep), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, free_prep, prep),
			0);
	return prep->payload.data[asym_crypto];
}

static u16 scheme_of(enum tls13_key_kind kind)
{
	return kind == TLS13_KEY_EC_P256 ? 0x0403 :
	       kind == TLS13_KEY_EC_P384 ? 0x0503 : 0x0804;
}

/* The credential's key signs; the certificate's key verifies. */
static void expect_signs(struct kunit *test, const struct tls13_cred *cred,
			 const u8 *cert, size_t cert_len)
{
	const struct public_key *pub = cert_pub(test, cert, cert_len);
	const struct tls13_sigscheme *s;
	size_t size = 1024, sig_len;
	u8 *sig;

	s = tls13_sigscheme_find(scheme_of(cred->kind));
	KUNIT_ASSERT_NOT_NULL(test, s);
	sig = kunit_kmalloc(test, size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sig);
	KUNIT_ASSERT_EQ(test, tls13_sig_sign(s, cred->priv, cred->priv_len,
					     message, sizeof(message), sig,
					     size, &sig_len), 0);
	KUNIT_EXPECT_EQ(test, tls13_sig_verify(s, pub->key, pub->keylen,
					       message, sizeof(message), sig,
					       sig_len), 0);
	/* and not something else */
	sig[sig_len / 2] ^= 0x01;
	KUNIT_EXPECT_EQ(test, tls13_sig_verify(s, pub->key, pub->keylen,
					       message, sizeof(message), sig,
					       sig_len), -EKEYREJECTED);
}

/* Each key form of each kind */

struct format_case {
	const char *desc;
	struct der cert;
	struct der key;
	enum tls13_key_kind kind;
	/* what priv must be: the scalar's offset in @key, or all of @rsa */
	unsigned int scalar_off;
	struct der rsa;
};

static const struct format_case format_cases[] = {
	{ "p256_pkcs8", DER(cred_p256_der), DER(cred_p256_key_pkcs8),
	  TLS13_KEY_EC_P256 },
	{ "p256_sec1", DER(cred_p256_der), DER(cred_p256_key_sec1),
	  TLS13_KEY_EC_P256, 7 },
	{ "p384_pkcs8", DER(cred_p384_der), DER(cred_p384_key_pkcs8),
	  TLS13_KEY_EC_P384 },
	{ "p384_sec1", DER(cred_p384_der), DER(cred_p384_key_sec1),
	  TLS13_KEY_EC_P384, 8 },
	{ "rsa_pkcs8", DER(cred_rsa_der), DER(cred_rsa_key_pkcs8),
	  TLS13_KEY_RSA, 0, DER(cred_rsa_key_pkcs1) },
	{ "rsa_pkcs1", DER(cred_rsa_der), DER(cred_rsa_key_pkcs1),
	  TLS13_KEY_RSA, 0, DER(cred_rsa_key_pkcs1) },
	/* scripts/cert-vectors.sh's keys, as OpenSSL's pkey writes them */
	{ "server_p256", DER(server_p256_der), DER(server_p256_key_sec1),
	  TLS13_KEY_EC_P256 },
	{ "server_p256_pkey", DER(server_p256_der), DER(server_p256_key_pkcs8),
	  TLS13_KEY_EC_P256 },
	{ "server_p384_pkey", DER(server_p384_der), DER(server_p384_key_pkcs8),
	  TLS13_KEY_EC_P384 },
	{ "server_rsa_pkcs1", DER(server_rsa_der), DER(server_rsa_key_pkcs1),
	  TLS13_KEY_RSA, 0, DER(server_rsa_key_pkcs1) },
	{ "server_rsa_pkey", DER(server_rsa_der), DER(server_rsa_key_pkcs8),
	  TLS13_KEY_RSA },
	{ "client_p256_pkey", DER(client_p256_der), DER(client_p256_key_pkcs8),
	  TLS13_KEY_EC_P256 },
};

static void format_desc(const struct format_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(format, format_cases, format_desc);

static void cred_key_formats(struct kunit *test)
{
	const struct format_case *c = test->param_value;
	struct tls13_cred *cred = new_cred(test);
	const struct public_key *pub;
	unsigned int curve;
	u8 *point;
	int err;

	KUNIT_ASSERT_EQ(test, tls13_cred_set(c->cert.p, c->cert.len, c->key.p,
					     c->key.len, cred), 0);
	KUNIT_EXPECT_EQ(test, cred->kind, c->kind);
	KUNIT_ASSERT_EQ(test, cred->n, 1);
	KUNIT_EXPECT_PTR_EQ(test, cred->der[0], (const u8 *)cred->buf);
	KUNIT_EXPECT_EQ(test, cred->der_len[0], c->cert.len);
	KUNIT_EXPECT_MEMEQ(test, cred->buf, c->cert.p, c->cert.len);
	KUNIT_EXPECT_PTR_NE(test, (const u8 *)cred->buf, c->cert.p);
	KUNIT_ASSERT_NOT_NULL(test, cred->priv);

	if (c->kind == TLS13_KEY_RSA) {
		if (c->rsa.p) {
			KUNIT_EXPECT_EQ(test, cred->priv_len, c->rsa.len);
			KUNIT_EXPECT_MEMEQ(test, cred->priv, c->rsa.p,
					   c->rsa.len);
		}
	} else {
		/* the scalar gives the certificate's point */
		KUNIT_EXPECT_EQ(test, cred->priv_len,
				c->kind == TLS13_KEY_EC_P256 ? 32 : 48);
		if (c->scalar_off)
			KUNIT_EXPECT_MEMEQ(test, cred->priv,
					   c->key.p + c->scalar_off,
					   cred->priv_len);
		pub = cert_pub(test, c->cert.p, c->cert.len);
		point = kunit_kzalloc(test, ECDSA_SIGN_MAX_PUB_SIZE,
				      GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, point);
		curve = c->kind == TLS13_KEY_EC_P256 ? ECC_CURVE_NIST_P256 :
						       ECC_CURVE_NIST_P384;
		err = ecdsa_public_from_private(curve, cred->priv,
						cred->priv_len, point,
						ECDSA_SIGN_MAX_PUB_SIZE);
		KUNIT_ASSERT_EQ(test, err, 0);
		KUNIT_ASSERT_EQ(test, pub->keylen, 1 + 2 * cred->priv_len);
		KUNIT_EXPECT_MEMEQ(test, point, pub->key, pub->keylen);
	}
	expect_signs(test, cred, c->cert.p, c->cert.len);
}

/* Chains */

static void cred_chain_of_two(struct kunit *test)
{
	static const struct der d[] = {
		DER(server_p256_der), DER(ica_der),
	};
	static const struct der own[] = {
		DER(cred_p384_der), DER(cred_ca_der),
	};
	struct tls13_cred *cred = new_cred(test);
	size_t len;
	u8 *chain = cat(test, d, ARRAY_SIZE(d), &len);

	KUNIT_ASSERT_EQ(test, tls13_cred_set(chain, len, server_p256_key_sec1,
					     sizeof(server_p256_key_sec1),
					     cred), 0);
	KUNIT_ASSERT_EQ(test, cred->n, 2);
	KUNIT_EXPECT_PTR_EQ(test, cred->der[0], (const u8 *)cred->buf);
	KUNIT_EXPECT_EQ(test, cred->der_len[0], sizeof(server_p256_der));
	KUNIT_EXPECT_PTR_EQ(test, cred->der[1],
			    (const u8 *)cred->buf + sizeof(server_p256_der));
	KUNIT_EXPECT_EQ(test, cred->der_len[1], sizeof(ica_der));
	KUNIT_EXPECT_MEMEQ(test, cred->der[0], server_p256_der,
			   sizeof(server_p256_der));
	KUNIT_EXPECT_MEMEQ(test, cred->der[1], ica_der, sizeof(ica_der));
	KUNIT_EXPECT_EQ(test, cred->kind, TLS13_KEY_EC_P256);
	expect_signs(test, cred, cred->der[0], cred->der_len[0]);

	/* our own CA behind our own P-384 leaf */
	tls13_cred_free(cred);
	tls13_cred_free(cred);
	expect_zeroed(test, cred);
	chain = cat(test, own, ARRAY_SIZE(own), &len);
	KUNIT_ASSERT_EQ(test, tls13_cred_set(chain, len, cred_p384_key_pkcs8,
					     sizeof(cred_p384_key_pkcs8),
					     cred), 0);
	KUNIT_EXPECT_EQ(test, cred->n, 2);
	KUNIT_EXPECT_EQ(test, cred->der_len[1], sizeof(cred_ca_der));
}

/* TLS13_MAX_CHAIN certificates load; one more does not */
static void cred_chain_max(struct kunit *test)
{
	struct der d[TLS13_MAX_CHAIN + 1];
	struct tls13_cred *cred = new_cred(test);
	static const struct der long_chain[] = {
		DER(long_leaf_der), DER(long_ica9_der), DER(long_ica8_der),
		DER(long_ica7_der), DER(long_ica6_der), DER(long_ica5_der),
		DER(long_ica4_der), DER(long_ica3_der), DER(long_ica2_der),
		DER(long_ica1_der),
	};
	unsigned int i;
	size_t len;
	u8 *chain;

	d[0] = (struct der)DER(server_p256_der);
	for (i = 1; i < ARRAY_SIZE(d); i++)
		d[i] = (struct der)DER(ica_der);

	chain = cat(test, d, TLS13_MAX_CHAIN, &len);
	KUNIT_ASSERT_EQ(test, tls13_cred_set(chain, len, server_p256_key_sec1,
					     sizeof(server_p256_key_sec1),
					     cred), 0);
	KUNIT_EXPECT_EQ(test, cred->n, TLS13_MAX_CHAIN);
	KUNIT_EXPECT_PTR_EQ(test, cred->der[TLS13_MAX_CHAIN - 1],
			    (const u8 *)cred->buf + len - sizeof(ica_der));

	chain = cat(test, d, TLS13_MAX_CHAIN + 1, &len);
	KUNIT_EXPECT_EQ(test, set(test, chain, len, server_p256_key_sec1,
				  sizeof(server_p256_key_sec1)), -E2BIG);

	/* scripts/cert-vectors.sh's ten (the key does not matter) */
	chain = cat(test, long_chain, ARRAY_SIZE(long_chain), &len);
	KUNIT_EXPECT_EQ(test, set(test, chain, len, server_p256_key_sec1,
				  sizeof(server_p256_key_sec1)), -E2BIG);
}

/* Keys that are not the leaf's */

struct mismatch_case {
	const char *desc;
	struct der cert;
	struct der key;
	int err;
};

static const struct mismatch_case mismatch_cases[] = {
	/* the same kind, another key */
	{ "p256_other_key", DER(cred_p256_der), DER(client_p256_key_pkcs8),
	  -EKEYREJECTED },
	{ "p384_other_key", DER(cred_p384_der), DER(server_p384_key_pkcs8),
	  -EKEYREJECTED },
	{ "rsa_other_key", DER(cred_rsa_der), DER(server_rsa_key_pkcs1),
	  -EKEYREJECTED },
	/* another kind */
	{ "p256_cert_p384_key", DER(cred_p256_der), DER(cred_p384_key_sec1),
	  -EKEYREJECTED },
	{ "p384_cert_p256_key", DER(cred_p384_der), DER(cred_p256_key_pkcs8),
	  -EKEYREJECTED },
	{ "rsa_cert_p256_key", DER(cred_rsa_der), DER(cred_p256_key_sec1),
	  -EKEYREJECTED },
	{ "p256_cert_rsa_key", DER(cred_p256_der), DER(cred_rsa_key_pkcs8),
	  -EKEYREJECTED },
	/* a leaf on a curve the engine does not sign with */
	{ "p521_cert", DER(cred_p521_der), DER(cred_p256_key_sec1),
	  -ENOPKG },
	/* not certificates */
	{ "key_as_cert", DER(cred_rsa_key_pkcs1), DER(cred_rsa_key_pkcs1),
	  -EINVAL },
	{ "pkcs8_as_cert", DER(cred_rsa_key_pkcs8), DER(cred_rsa_key_pkcs1),
	  -EINVAL },
	/* not a key */
	{ "cert_as_key", DER(cred_p256_der), DER(cred_p256_der), -EBADMSG },
};

static void mismatch_desc(const struct mismatch_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(mismatch, mismatch_cases, mismatch_desc);

static void cred_mismatch(struct kunit *test)
{
	const struct mismatch_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, set(test, c->cert.p, c->cert.len, c->key.p,
				  c->key.len), c->err);
}

/* Malformed input */

/* every proper prefix of a chain (but the one ending at a boundary) */
static void cred_truncated_chain(struct kunit *test)
{
	static const struct der d[] = {
		DER(server_p256_der), DER(ica_der),
	};
	struct tls13_cred *cred = new_cred(test);
	size_t len, cut;
	u8 *chain = cat(test, d, ARRAY_SIZE(d), &len);
	int err;

	for (cut = 0; cut < len; cut++) {
		err = tls13_cred_set(chain, cut, server_p256_key_sec1,
				     sizeof(server_p256_key_sec1), cred);
		if (cut == sizeof(server_p256_der)) {
			KUNIT_EXPECT_EQ(test, err, 0);
			KUNIT_EXPECT_EQ(test, cred->n, 1);
			tls13_cred_free(cred);
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, err, -EINVAL, "cut at %zu", cut);
		if (err != -EINVAL)
			break;
		expect_zeroed(test, cred);
	}
}

static const struct der key_forms[] = {
	DER(cred_p256_key_pkcs8), DER(cred_p256_key_sec1),
	DER(cred_p384_key_pkcs8), DER(cred_p384_key_sec1),
	DER(cred_rsa_key_pkcs8), DER(cred_rsa_key_pkcs1),
};

static const char *const key_form_names[] = {
	"p256_pkcs8", "p256_sec1", "p384_pkcs8", "p384_sec1", "rsa_pkcs8",
	"rsa_pkcs1",
};

static void key_form_desc(const struct der *d, char *desc)
{
	strscpy(desc, key_form_names[d - key_forms], KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(key_form, key_forms, key_form_desc);

static const struct der *cert_for(const struct der *key)
{
	static const struct der certs[] = {
		DER(cred_p256_der), DER(cred_p384_der), DER(cred_rsa_der),
	};

	return &certs[(key - key_forms) / 2];
}

/* every proper prefix of each key form: -EBADMSG, before any signing */
static void cred_truncated_key(struct kunit *test)
{
	const struct der *key = test->param_value;
	const struct der *cert = cert_for(key);
	struct tls13_cred *cred = new_cred(test);
	size_t cut;
	int err;

	for (cut = 0; cut < key->len; cut++) {
		err = tls13_cred_set(cert->p, cert->len, key->p, cut, cred);
		KUNIT_EXPECT_EQ_MSG(test, err, -EBADMSG, "cut at %zu", cut);
		if (err != -EBADMSG)
			break;
	}
	expect_zeroed(test, cred);
	/* the whole key still loads */
	KUNIT_EXPECT_EQ(test, tls13_cred_set(cert->p, cert->len, key->p,
					     key->len, cred), 0);
}

/* @len bytes of @p and @tail_len of @tail */
static u8 *with_tail(struct kunit *test, const u8 *p, size_t len,
		     const u8 *tail, size_t tail_len, size_t *out_len)
{
	u8 *q = kunit_kmalloc(test, len + tail_len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, q);
	memcpy(q, p, len);
	memcpy(q + len, tail, tail_len);
	*out_len = len + tail_len;
	return q;
}

/* bytes after the chain or the key */
static void cred_trailing_garbage(struct kunit *test)
{
	static const u8 tails[][2] = {
		{ 0x00, 0x00 }, { 0x30, 0x00 }, { 0x02, 0x00 }, { 0xff, 0xff },
	};
	unsigned int i;
	size_t len;
	u8 *p;

	for (i = 0; i < ARRAY_SIZE(tails); i++) {
		p = with_tail(test, cred_p256_der, sizeof(cred_p256_der),
			      tails[i], 1, &len);
		KUNIT_EXPECT_EQ(test, set(test, p, len, cred_p256_key_sec1,
					  sizeof(cred_p256_key_sec1)), -EINVAL);
		p = with_tail(test, cred_p256_der, sizeof(cred_p256_der),
			      tails[i], 2, &len);
		KUNIT_EXPECT_EQ(test, set(test, p, len, cred_p256_key_sec1,
					  sizeof(cred_p256_key_sec1)), -EINVAL);
		p = with_tail(test, cred_p256_key_pkcs8,
			      sizeof(cred_p256_key_pkcs8), tails[i], 2, &len);
		KUNIT_EXPECT_EQ(test, set(test, cred_p256_der,
					  sizeof(cred_p256_der), p, len),
				-EBADMSG);
		p = with_tail(test, cred_rsa_key_pkcs1,
			      sizeof(cred_rsa_key_pkcs1), tails[i], 1, &len);
		KUNIT_EXPECT_EQ(test, set(test, cred_rsa_der,
					  sizeof(cred_rsa_der), p, len),
				-EBADMSG);
	}
	/* nothing at all */
	KUNIT_EXPECT_EQ(test, set(test, cred_p256_der, 0, cred_p256_key_sec1,
				  sizeof(cred_p256_key_sec1)), -EINVAL);
	KUNIT_EXPECT_EQ(test, set(test, cred_p256_der, sizeof(cred_p256_der),
				  cred_p256_key_sec1, 0), -EBADMSG);
}

/*
 * The version INTEGER of a key form, the first element after the outer
 * SEQUENCE header: 02 01 vv
 */
static u8 *version_of(struct kunit *test, u8 *key)
{
	size_t hdr = key[1] & 0x80 ? 2 + (key[1] & 0x7f) : 2;

	KUNIT_ASSERT_EQ(test, key[hdr], 0x02);
	KUNIT_ASSERT_EQ(test, key[hdr + 1], 0x01);
	return &key[hdr + 2];
}

struct version_case {
	const char *desc;
	struct der cert;
	struct der key;
	u8 version;
	int err;
};

static const struct version_case version_cases[] = {
	{ "pkcs8_v1", DER(cred_p256_der), DER(cred_p256_key_pkcs8), 0, 0 },
	/* RFC 5958 OneAsymmetricKey: v2 may carry the public key */
	{ "pkcs8_v2", DER(cred_p256_der), DER(cred_p256_key_pkcs8), 1, 0 },
	{ "pkcs8_v3", DER(cred_p256_der), DER(cred_p256_key_pkcs8), 2,
	  -EBADMSG },
	{ "pkcs8_rsa_v3", DER(cred_rsa_der), DER(cred_rsa_key_pkcs8), 2,
	  -EBADMSG },
	{ "sec1_v1", DER(cred_p384_der), DER(cred_p384_key_sec1), 1, 0 },
	{ "sec1_v0", DER(cred_p384_der), DER(cred_p384_key_sec1), 0,
	  -EBADMSG },
	{ "sec1_v2", DER(cred_p384_der), DER(cred_p384_key_sec1), 2,
	  -EBADMSG },
	{ "pkcs1_two_prime", DER(cred_rsa_der), DER(cred_rsa_key_pkcs1), 0,
	  0 },
	/* multi-prime says 1 and needs otherPrimeInfos */
	{ "pkcs1_multi_prime", DER(cred_rsa_der), DER(cred_rsa_key_pkcs1), 1,
	  -EBADMSG },
};

static void version_desc(const struct version_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(version, version_cases, version_desc);

static void cred_wrong_version(struct kunit *test)
{
	const struct version_case *c = test->param_value;
	size_t len;
	u8 *key = cat(test, &c->key, 1, &len);

	*version_of(test, key) = c->version;
	KUNIT_EXPECT_EQ(test, set(test, c->cert.p, c->cert.len, key, len),
			c->err);
}

/* Keys the engine does not sign with, or cannot read */

struct refused_case {
	const char *desc;
	struct der cert;
	struct der key;
	int err;
};

static const struct refused_case refused_cases[] = {
	{ "p521_pkcs8", DER(cred_p521_der), DER(cred_p521_key_pkcs8),
	  -ENOPKG },
	{ "p521_sec1", DER(cred_p521_der), DER(cred_p521_key_sec1), -ENOPKG },
	{ "p521_key_p256_cert", DER(cred_p256_der), DER(cred_p521_key_sec1),
	  -ENOPKG },
	{ "explicit_curve_sec1", DER(cred_p256_der),
	  DER(cred_p256_key_sec1_explicit), -ENOPKG },
	{ "explicit_curve_pkcs8", DER(cred_p256_der),
	  DER(cred_p256_key_pkcs8_explicit), -ENOPKG },
	{ "ed25519", DER(cred_p256_der), DER(cred_ed25519_key_pkcs8),
	  -ENOPKG },
	{ "rsassa_pss", DER(cred_rsa_der), DER(cred_rsapss_key_pkcs8),
	  -ENOPKG },
	/* a SEC1 key that names no curve, outside PKCS#8 */
	{ "sec1_no_curve", DER(cred_p256_der),
	  DER(cred_p256_key_sec1_nocurve), -EBADMSG },
	{ "encrypted_pkcs8", DER(cred_p384_der), DER(cred_p384_key_pkcs8_enc),
	  -EKEYREJECTED },
};

static void refused_desc(const struct refused_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(refused, refused_cases, refused_desc);

static void cred_refused_key(struct kunit *test)
{
	const struct refused_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, set(test, c->cert.p, c->cert.len, c->key.p,
				  c->key.len), c->err);
}

/* an EC scalar shorter than the curve is padded; longer with zeros is not */
static void cred_scalar_padding(struct kunit *test)
{
	/* SEC1 P-256: 30 77 02 01 01 04 20 <32 bytes> a0 ... */
	size_t len = sizeof(cred_p256_key_sec1);
	struct tls13_cred *cred = new_cred(test);
	u8 *key = kunit_kmalloc(test, len + 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, key);
	KUNIT_ASSERT_EQ(test, cred_p256_key_sec1[1], 0x77);
	KUNIT_ASSERT_EQ(test, cred_p256_key_sec1[6], 0x20);
	/* a leading zero added: 33 bytes */
	key[0] = 0x30;
	key[1] = 0x78;
	memcpy(key + 2, cred_p256_key_sec1 + 2, 4);
	key[6] = 0x21;
	key[7] = 0x00;
	memcpy(key + 8, cred_p256_key_sec1 + 7, len - 7);
	KUNIT_ASSERT_EQ(test, tls13_cred_set(cred_p256_der,
					     sizeof(cred_p256_der), key,
					     len + 1, cred), 0);
	KUNIT_EXPECT_EQ(test, cred->priv_len, 32);
	KUNIT_EXPECT_MEMEQ(test, cred->priv, cred_p256_key_sec1 + 7, 32);
	/* a non-zero byte there: 33 bytes of scalar */
	key[7] = 0x01;
	KUNIT_EXPECT_EQ(test, set(test, cred_p256_der, sizeof(cred_p256_der),
				  key, len + 1), -EBADMSG);
}

/*
 * The proof of possession is made once per identity: a pair that does not
 * match is proven (and refused) every time; a good pair at most the first
 * time, and not again, whatever form the same key comes in (the digest is
 * of the key itself, not of its DER).
 */
static void cred_proven_once(struct kunit *test)
{
	unsigned int before, mid;

	before = tls13_cred_proofs();
	KUNIT_EXPECT_EQ(test, set(test, cred_p256_der, sizeof(cred_p256_der),
				  client_p256_key_pkcs8,
				  sizeof(client_p256_key_pkcs8)), -EKEYREJECTED);
	KUNIT_EXPECT_EQ(test, set(test, cred_p256_der, sizeof(cred_p256_der),
				  client_p256_key_pkcs8,
				  sizeof(client_p256_key_pkcs8)), -EKEYREJECTED);
	KUNIT_EXPECT_EQ(test, tls13_cred_proofs() - before, 2);

	before = tls13_cred_proofs();
	KUNIT_ASSERT_EQ(test, set(test, cred_p256_der, sizeof(cred_p256_der),
				  cred_p256_key_pkcs8,
				  sizeof(cred_p256_key_pkcs8)), 0);
	mid = tls13_cred_proofs();
	KUNIT_EXPECT_LE(test, mid - before, 1);
	KUNIT_EXPECT_EQ(test, set(test, cred_p256_der, sizeof(cred_p256_der),
				  cred_p256_key_pkcs8,
				  sizeof(cred_p256_key_pkcs8)), 0);
	KUNIT_EXPECT_EQ(test, set(test, cred_p256_der, sizeof(cred_p256_der),
				  cred_p256_key_sec1,
				  sizeof(cred_p256_key_sec1)), 0);
	KUNIT_EXPECT_EQ(test, tls13_cred_proofs(), mid);
}

static void cred_free_twice(struct kunit *test)
{
	struct tls13_cred *cred = new_cred(test);

	tls13_cred_free(cred);
	tls13_cred_free(cred);
	expect_zeroed(test, cred);
	KUNIT_ASSERT_EQ(test, tls13_cred_set(cred_p256_der,
					     sizeof(cred_p256_der),
					     cred_p256_key_sec1,
					     sizeof(cred_p256_key_sec1),
					     cred), 0);
	tls13_cred_free(cred);
	expect_zeroed(test, cred);
	KUNIT_EXPECT_EQ(test, cred->priv_len, 0);
	KUNIT_EXPECT_EQ(test, cred->der_len[0], 0);
	tls13_cred_free(cred);
}

/* Keys and keyrings */

static void put_keyring(void *ring)
{
	key_revoke(ring);
	key_put(ring);
}

static struct key *new_keyring(struct kunit *test)
{
	struct key *ring;

	ring = keyring_alloc("tls13_cred_test", GLOBAL_ROOT_UID,
			     GLOBAL_ROOT_GID, current_cred(),
			     KEY_POS_ALL | KEY_USR_VIEW | KEY_USR_READ |
			     KEY_USR_SEARCH, KEY_ALLOC_NOT_IN_QUOTA, NULL,
			     NULL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ring);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, put_keyring,
							ring), 0);
	return ring;
}

static key_serial_t add_key(struct kunit *test, struct key *ring,
			    const char *type, const char *desc, const u8 *data,
			    size_t len)
{
	key_serial_t serial;
	key_ref_t ref;

	ref = key_create_or_update(make_key_ref(ring, true), type, desc, data,
				   len, KEY_POS_ALL | KEY_USR_VIEW,
				   KEY_ALLOC_NOT_IN_QUOTA);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ref);
	serial = key_ref_to_ptr(ref)->serial;
	key_ref_put(ref);
	return serial;
}

static void cred_load(struct kunit *test)
{
	static const struct der d[] = {
		DER(server_p256_der), DER(ica_der),
	};
	struct tls13_cred *cred = new_cred(test);
	struct key *ring = new_keyring(test);
	key_serial_t cert, key, rsa_key;
	size_t len;
	u8 *chain = cat(test, d, ARRAY_SIZE(d), &len);

	cert = add_key(test, ring, "user", "chain", chain, len);
	key = add_key(test, ring, "user", "key", server_p256_key_sec1,
		      sizeof(server_p256_key_sec1));
	KUNIT_ASSERT_EQ(test, tls13_cred_load(cert, key, cred), 0);
	KUNIT_EXPECT_EQ(test, cred->kind, TLS13_KEY_EC_P256);
	KUNIT_ASSERT_EQ(test, cred->n, 2);
	KUNIT_EXPECT_EQ(test, cred->der_len[1], sizeof(ica_der));
	KUNIT_EXPECT_MEMEQ(test, cred->der[1], ica_der, sizeof(ica_der));
	expect_signs(test, cred, server_p256_der, sizeof(server_p256_der));
	tls13_cred_free(cred);

	/* RSA, PKCS#8 */
	cert = add_key(test, ring, "user", "rsa cert", cred_rsa_der,
		       sizeof(cred_rsa_der));
	rsa_key = add_key(test, ring, "user", "rsa key", cred_rsa_key_pkcs8,
			  sizeof(cred_rsa_key_pkcs8));
	KUNIT_ASSERT_EQ(test, tls13_cred_load(cert, rsa_key, cred), 0);
	KUNIT_EXPECT_EQ(test, cred->kind, TLS13_KEY_RSA);
	KUNIT_EXPECT_EQ(test, cred->n, 1);
	tls13_cred_free(cred);

	/* the wrong key, an unknown curve, garbage: the contents */
	KUNIT_EXPECT_EQ(test, tls13_cred_load(cert, key, cred), -EKEYREJECTED);
	expect_zeroed(test, cred);
	key = add_key(test, ring, "user", "p521", cred_p521_key_sec1,
		      sizeof(cred_p521_key_sec1));
	KUNIT_EXPECT_EQ(test, tls13_cred_load(cert, key, cred), -ENOPKG);
	key = add_key(test, ring, "user", "garbage", (const u8 *)"garbage", 7);
	KUNIT_EXPECT_EQ(test, tls13_cred_load(cert, key, cred), -EKEYREJECTED);
	KUNIT_EXPECT_EQ(test, tls13_cred_load(key, rsa_key, cred),
			-EKEYREJECTED);
	key = add_key(test, ring, "user", "enc", cred_p384_key_pkcs8_enc,
		      sizeof(cred_p384_key_pkcs8_enc));
	KUNIT_EXPECT_EQ(test, tls13_cred_load(cert, key, cred), -EKEYREJECTED);
	expect_zeroed(test, cred);
}

static void cred_load_missing(struct kunit *test)
{
	struct tls13_cred *cred = new_cred(test);
	struct key *ring = new_keyring(test);
	key_serial_t cert, key;

	cert = add_key(test, ring, "user", "cert", cred_p256_der,
		       sizeof(cred_p256_der));
	key = add_key(test, ring, "user", "key", cred_p256_key_pkcs8,
		      sizeof(cred_p256_key_pkcs8));
	/* serials no key has */
	KUNIT_EXPECT_EQ(test, tls13_cred_load(0, key, cred), -ENOKEY);
	KUNIT_EXPECT_EQ(test, tls13_cred_load(cert, 0, cred), -ENOKEY);
	KUNIT_EXPECT_EQ(test, tls13_cred_load(cert, -1, cred), -ENOKEY);
	expect_zeroed(test, cred);
	KUNIT_ASSERT_EQ(test, tls13_cred_load(cert, key, cred), 0);
	tls13_cred_free(cred);
}

static void cred_load_revoked(struct kunit *test)
{
	struct tls13_cred *cred = new_cred(test);
	struct key *ring = new_keyring(test);
	key_serial_t cert, key;
	struct key *k;

	cert = add_key(test, ring, "user", "cert", cred_p256_der,
		       sizeof(cred_p256_der));
	key = add_key(test, ring, "user", "key", cred_p256_key_pkcs8,
		      sizeof(cred_p256_key_pkcs8));
	k = key_lookup(key);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
	key_revoke(k);
	key_put(k);
	KUNIT_EXPECT_EQ(test, tls13_cred_load(cert, key, cred), -EKEYREVOKED);
	expect_zeroed(test, cred);

	k = key_lookup(cert);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, k);
	key_invalidate(k);
	key_put(k);
	KUNIT_EXPECT_EQ(test, tls13_cred_load(cert, key, cred), -ENOKEY);
}

/* only "user" keys */
static void cred_load_wrong_type(struct kunit *test)
{
	struct tls13_cred *cred = new_cred(test);
	struct key *ring = new_keyring(test);
	key_serial_t cert, acert, key;

	cert = add_key(test, ring, "user", "cert", cred_p256_der,
		       sizeof(cred_p256_der));
	key = add_key(test, ring, "user", "key", cred_p256_key_pkcs8,
		      sizeof(cred_p256_key_pkcs8));
	acert = add_key(test, ring, "asymmetric", NULL, cred_p256_der,
			sizeof(cred_p256_der));
	KUNIT_EXPECT_EQ(test, tls13_cred_load(acert, key, cred),
			-EKEYREJECTED);
	/* the kernel's PKCS#8 parser takes RSA keys as "asymmetric" keys */
	key = add_key(test, ring, "asymmetric", "pkcs8", cred_rsa_key_pkcs8,
		      sizeof(cred_rsa_key_pkcs8));
	cert = add_key(test, ring, "user", "rsa cert", cred_rsa_der,
		       sizeof(cred_rsa_der));
	KUNIT_EXPECT_EQ(test, tls13_cred_load(cert, key, cred),
			-EKEYREJECTED);
	/* a keyring */
	KUNIT_EXPECT_EQ(test, tls13_cred_load(ring->serial, key, cred),
			-EKEYREJECTED);
	KUNIT_EXPECT_EQ(test, tls13_cred_load(cert, ring->serial, cred),
			-EKEYREJECTED);
	expect_zeroed(test, cred);
}

static void cred_load_default(struct kunit *test)
{
	struct tls13_cred *cred = new_cred(test);
	struct key *ring = new_keyring(test);
	struct key *empty = new_keyring(test);
	static const struct der d[] = {
		DER(server_p256_der), DER(ica_der),
	};
	size_t len;
	u8 *chain = cat(test, d, ARRAY_SIZE(d), &len);

	/* nothing there */
	KUNIT_EXPECT_EQ(test, tls13_cred_load_default(empty, cred), -ENOKEY);
	KUNIT_EXPECT_EQ(test, tls13_cred_load_default(NULL, cred), -ENOKEY);

	/* a private key but no "cert" */
	add_key(test, ring, "user", "privkey", server_p256_key_sec1,
		sizeof(server_p256_key_sec1));
	add_key(test, ring, "user", "cert.1", ica_der, sizeof(ica_der));
	KUNIT_EXPECT_EQ(test, tls13_cred_load_default(ring, cred), -ENOKEY);
	expect_zeroed(test, cred);

	/* "cert", "cert.1" and "privkey" */
	add_key(test, ring, "user", "cert", server_p256_der,
		sizeof(server_p256_der));
	KUNIT_ASSERT_EQ(test, tls13_cred_load_default(ring, cred), 0);
	KUNIT_EXPECT_EQ(test, cred->kind, TLS13_KEY_EC_P256);
	KUNIT_ASSERT_EQ(test, cred->n, 2);
	KUNIT_EXPECT_MEMEQ(test, cred->der[0], server_p256_der,
			   sizeof(server_p256_der));
	KUNIT_EXPECT_MEMEQ(test, cred->der[1], ica_der, sizeof(ica_der));
	expect_signs(test, cred, server_p256_der, sizeof(server_p256_der));
	tls13_cred_free(cred);

	/* "cert.3" after a gap is not part of it */
	add_key(test, ring, "user", "cert.3", ica_der, sizeof(ica_der));
	KUNIT_ASSERT_EQ(test, tls13_cred_load_default(ring, cred), 0);
	KUNIT_EXPECT_EQ(test, cred->n, 2);
	tls13_cred_free(cred);

	/* "cert" with the whole chain, and "cert.1" and "cert.2" too */
	add_key(test, ring, "user", "cert", chain, len);
	add_key(test, ring, "user", "cert.2", ica_der, sizeof(ica_der));
	KUNIT_ASSERT_EQ(test, tls13_cred_load_default(ring, cred), 0);
	KUNIT_EXPECT_EQ(test, cred->n, 5);
	tls13_cred_free(cred);

	/* a "cert" that is not a certificate */
	add_key(test, ring, "user", "cert", (const u8 *)"not a certificate",
		17);
	KUNIT_EXPECT_EQ(test, tls13_cred_load_default(ring, cred),
			-EKEYREJECTED);
	expect_zeroed(test, cred);

	/* a "cert" but no "privkey" */
	add_key(test, empty, "user", "cert", server_p256_der,
		sizeof(server_p256_der));
	KUNIT_EXPECT_EQ(test, tls13_cred_load_default(empty, cred), -ENOKEY);
	/* and a "privkey" that is an encrypted key */
	add_key(test, empty, "user", "privkey", cred_p384_key_pkcs8_enc,
		sizeof(cred_p384_key_pkcs8_enc));
	KUNIT_EXPECT_EQ(test, tls13_cred_load_default(empty, cred),
			-EKEYREJECTED);
	expect_zeroed(test, cred);
}

static struct kunit_case cred_test_cases[] = {
	KUNIT_CASE_PARAM(cred_key_formats, format_gen_params),
	KUNIT_CASE(cred_chain_of_two),
	KUNIT_CASE(cred_chain_max),
	KUNIT_CASE_PARAM(cred_mismatch, mismatch_gen_params),
	KUNIT_CASE(cred_truncated_chain),
	KUNIT_CASE_PARAM(cred_truncated_key, key_form_gen_params),
	KUNIT_CASE(cred_trailing_garbage),
	KUNIT_CASE_PARAM(cred_wrong_version, version_gen_params),
	KUNIT_CASE_PARAM(cred_refused_key, refused_gen_params),
	KUNIT_CASE(cred_scalar_padding),
	KUNIT_CASE(cred_proven_once),
	KUNIT_CASE(cred_free_twice),
	KUNIT_CASE(cred_load),
	KUNIT_CASE(cred_load_missing),
	KUNIT_CASE(cred_load_revoked),
	KUNIT_CASE(cred_load_wrong_type),
	KUNIT_CASE(cred_load_default),
	{}
};

static struct kunit_suite cred_test_suite = {
	.name = "tls13_cred",
	.test_cases = cred_test_cases,
};

kunit_test_suite(cred_test_suite);
