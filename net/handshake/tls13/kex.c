// SPDX-License-Identifier: GPL-2.0-only
/*
 * (EC)DHE key exchange for the TLS 1.3 groups the engine supports
 * (RFC 8446 section 4.2.7, 7.4): x25519 through lib/crypto's curve25519,
 * secp256r1 through the constant-time P-256 library (crypto/p256.c),
 * secp384r1 through the kernel's "ecdh-nist-p384" kpp transform.
 *
 * A peer's key share is validated before use: the exact length, the
 * uncompressed-point form (0x04 || X || Y) and the point on the curve for
 * the NIST groups (p256_ecdh_shared() and the kpp transform check it),
 * and a non-zero shared secret for x25519 (section 7.4.2). Any of those
 * failing is -EINVAL, which the handshake sends as illegal_parameter.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/curve25519.h>
#include <crypto/ecdh.h>
#include <crypto/kpp.h>
#include <crypto/p256.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/string.h>

#include "tls13.h"

static int kpp_run(struct tls13_kex *kex, unsigned int in_len,
		   unsigned int out_len)
{
	struct scatterlist src, dst;
	int err;

	sg_init_one(&dst, kex->io, out_len);
	if (in_len) {
		sg_init_one(&src, kex->io, in_len);
		kpp_request_set_input(kex->req, &src, in_len);
	} else {
		kpp_request_set_input(kex->req, NULL, 0);
	}
	kpp_request_set_output(kex->req, &dst, out_len);
	if (in_len)
		err = crypto_kpp_compute_shared_secret(kex->req);
	else
		err = crypto_kpp_generate_public_key(kex->req);
	return crypto_wait_req(err, &kex->wait);
}

static int nist_init(struct tls13_kex *kex, const u8 *priv)
{
	const struct tls13_group *g = kex->group;
	struct ecdh params = {
		.key = (char *)priv,
		.key_size = priv ? g->key_len : 0,
	};
	u8 secret[4 + 4 + TLS13_MAX_KEX_KEY_LEN];	/* kpp_secret + key */
	unsigned int len = crypto_ecdh_key_len(&params);
	int err;

	if (len > sizeof(secret))
		return -EINVAL;
	kex->kpp = crypto_alloc_kpp(g->kpp, 0, 0);
	if (IS_ERR(kex->kpp)) {
		err = PTR_ERR(kex->kpp);
		kex->kpp = NULL;
		return err;
	}
	kex->req = kpp_request_alloc(kex->kpp, GFP_KERNEL);
	if (!kex->req)
		return -ENOMEM;
	crypto_init_wait(&kex->wait);
	kpp_request_set_callback(kex->req, CRYPTO_TFM_REQ_MAY_SLEEP |
				 CRYPTO_TFM_REQ_MAY_BACKLOG,
				 crypto_req_done, &kex->wait);

	err = crypto_ecdh_encode_key(secret, len, &params);
	if (!err)
		err = crypto_kpp_set_secret(kex->kpp, secret, len);
	memzero_explicit(secret, sizeof(secret));
	if (err)
		return err;

	err = kpp_run(kex, 0, 2 * g->key_len);
	if (err)
		return err;
	kex->share[0] = 0x04;	/* uncompressed point */
	memcpy(kex->share + 1, kex->io, 2 * g->key_len);
	return 0;
}

/* the NIST groups on kpp: the peer's point 0x04 || X || Y */
static int nist_shared(struct tls13_kex *kex, const u8 *peer, u8 *shared)
{
	const struct tls13_group *g = kex->group;
	int err;

	if (peer[0] != 0x04)
		return -EINVAL;
	memcpy(kex->io, peer + 1, 2 * g->key_len);
	err = kpp_run(kex, 2 * g->key_len, g->key_len);
	if (!err)
		memcpy(shared, kex->io, g->key_len);
	else if (err == -EFAULT)	/* the product is the point at infinity */
		err = -EINVAL;
	memzero_explicit(kex->io, sizeof(kex->io));
	return err;
}

/* secp256r1: the private scalar in kex->priv, the share 0x04 || X || Y */
static int p256_init(struct tls13_kex *kex, const u8 *priv)
{
	if (!priv)
		return p256_ecdh_keygen(kex->priv, kex->share);
	memcpy(kex->priv, priv, P256_BYTES);
	return p256_public_from_private(kex->priv, kex->share);
}

/* validates the point; -EINVAL for a bad one */
static int p256_shared(struct tls13_kex *kex, const u8 *peer, u8 *shared)
{
	return p256_ecdh_shared(kex->priv, peer, P256_PUB_BYTES, shared);
}

static int x25519_init(struct tls13_kex *kex, const u8 *priv)
{
	if (priv)
		memcpy(kex->priv, priv, CURVE25519_KEY_SIZE);
	else
		curve25519_generate_secret(kex->priv);
	return curve25519_generate_public(kex->share, kex->priv) ? 0 : -EINVAL;
}

/* an all-zero result is refused (section 7.4.2) */
static int x25519_shared(struct tls13_kex *kex, const u8 *peer, u8 *shared)
{
	return curve25519(shared, kex->priv, peer) ? 0 : -EINVAL;
}

static const struct tls13_group groups[] = {
	{
		.id = TLS13_GROUP_X25519, .name = "x25519",
		.key_len = CURVE25519_KEY_SIZE, .share_len = CURVE25519_KEY_SIZE,
		.init = x25519_init, .shared = x25519_shared,
	}, {
		.id = TLS13_GROUP_SECP256R1, .name = "secp256r1",
		.key_len = P256_BYTES, .share_len = P256_PUB_BYTES,
		.init = p256_init, .shared = p256_shared,
	}, {
		.id = TLS13_GROUP_SECP384R1, .name = "secp384r1",
		.kpp = "ecdh-nist-p384", .key_len = 48, .share_len = 1 + 2 * 48,
		.init = nist_init, .shared = nist_shared,
	},
};

/**
 * tls13_group_find - look up a named group by code point
 * @id: IANA NamedGroup value
 *
 * Return values:
 *   the group, or %NULL if the engine does not implement @id
 */
const struct tls13_group *tls13_group_find(u16 id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(groups); i++)
		if (groups[i].id == id)
			return &groups[i];
	return NULL;
}

/**
 * tls13_kex_init - create our key pair for a group
 * @kex: key exchange state; zeroed here. It holds the buffers the crypto
 *	API reads and writes through scatterlists, so it must not live on
 *	the stack.
 * @group_id: IANA NamedGroup
 * @priv: private key to use (tests: RFC 8448's), or %NULL for a fresh one
 *
 * On success @kex->share holds our KeyShareEntry.key_exchange.
 *
 * Return values:
 *   %0: the key pair is ready; release it with tls13_kex_free()
 *   %-ENOENT: the engine does not implement @group_id
 *   %-EINVAL: @priv is not a valid private key for the group
 *   other negative errno: the crypto API failed
 */
int tls13_kex_init(struct tls13_kex *kex, u16 group_id, const u8 *priv)
{
	const struct tls13_group *g = tls13_group_find(group_id);
	int err;

	memset(kex, 0, sizeof(*kex));
	if (!g)
		return -ENOENT;
	kex->group = g;
	err = g->init(kex, priv);
	if (err)
		tls13_kex_free(kex);
	return err;
}

/**
 * tls13_kex_shared - validate the peer's key share and derive the secret
 * @kex: our key pair
 * @peer: the peer's KeyShareEntry.key_exchange
 * @len: its length
 * @shared: @kex->group->key_len bytes: the (EC)DHE shared secret
 *
 * Return values:
 *   %0: @shared is set
 *   %-EINVAL: the peer's share is malformed, not on the curve, or yields
 *	an all-zero secret (illegal_parameter); @shared is wiped
 *   other negative errno: the crypto API failed; @shared is wiped
 */
int tls13_kex_shared(struct tls13_kex *kex, const u8 *peer, size_t len,
		     u8 *shared)
{
	const struct tls13_group *g = kex->group;
	int err = -EINVAL;

	if (len == g->share_len)
		err = g->shared(kex, peer, shared);
	if (err)
		memzero_explicit(shared, g->key_len);
	return err;
}

/**
 * tls13_kex_free - wipe the private key and free the transform
 * @kex: from tls13_kex_init(), or zeroed
 */
void tls13_kex_free(struct tls13_kex *kex)
{
	kpp_request_free(kex->req);
	crypto_free_kpp(kex->kpp);
	memzero_explicit(kex, sizeof(*kex));
}
