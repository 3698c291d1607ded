// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel crypto the state machines use, over OpenSSL's libcrypto, for
 * the "hs" fuzz target: SHA-256/384 and their HMACs as shash transforms
 * (contexts held by value: the kernel's export/import copy them), ECDH on
 * P-256/P-384 as kpp transforms and P-256 as crypto/p256.c's ECDH calls,
 * lib/crypto's curve25519, crypto_memneq() and a deterministic
 * get_random_bytes(). Records use the null AEAD of kshim.c.
 */
#define OPENSSL_SUPPRESS_DEPRECATED	/* SHA256_CTX: copyable by value */
#include <crypto/p256.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/sha.h>

#include "kshim.h"

/* --- shash ------------------------------------------------------------ */
struct hctx {
	bool sha384;
	union {
		SHA256_CTX s256;
		SHA512_CTX s512;
	} in, out;	/* out: HMAC's outer hash, keyed */
};

_Static_assert(sizeof(struct hctx) <= HASH_MAX_DESCSIZE, "desc too small");

struct crypto_shash {
	bool sha384;
	bool hmac;
	bool keyed;
	struct hctx key;	/* HMAC: the contexts after ipad and opad */
};

struct crypto_shash *crypto_alloc_shash(const char *name, u32 type, u32 mask)
{
	struct crypto_shash *tfm;

	(void)type;
	(void)mask;
	tfm = calloc(1, sizeof(*tfm));
	if (!tfm)
		return ERR_PTR(-ENOMEM);
	tfm->hmac = !strncmp(name, "hmac(", 5);
	if (tfm->hmac)
		name += 5;
	if (!strncmp(name, "sha384", 6)) {
		tfm->sha384 = true;
	} else if (strncmp(name, "sha256", 6)) {
		free(tfm);
		return ERR_PTR(-ENOENT);
	}
	tfm->key.sha384 = tfm->sha384;
	return tfm;
}

void crypto_free_shash(struct crypto_shash *tfm)
{
	if (!IS_ERR(tfm))
		free(tfm);
}

unsigned int crypto_shash_digestsize(struct crypto_shash *tfm)
{
	return tfm->sha384 ? 48 : 32;
}

unsigned int crypto_shash_descsize(struct crypto_shash *tfm)
{
	(void)tfm;
	return sizeof(struct hctx);
}

unsigned int crypto_shash_statesize(struct crypto_shash *tfm)
{
	(void)tfm;
	return sizeof(struct hctx);
}

static void h_init(struct hctx *c, bool sha384)
{
	c->sha384 = sha384;
	if (sha384)
		SHA384_Init(&c->in.s512);
	else
		SHA256_Init(&c->in.s256);
}

static void h_update(struct hctx *c, const void *p, size_t n)
{
	if (c->sha384)
		SHA384_Update(&c->in.s512, p, n);
	else
		SHA256_Update(&c->in.s256, p, n);
}

static void h_final(struct hctx *c, u8 *out)
{
	if (c->sha384)
		SHA384_Final(out, &c->in.s512);
	else
		SHA256_Final(out, &c->in.s256);
}

int crypto_shash_setkey(struct crypto_shash *tfm, const u8 *key,
			unsigned int keylen)
{
	unsigned int block = tfm->sha384 ? 128 : 64, i;
	u8 k[128] = { 0 }, pad[128];
	struct hctx outer;

	if (!tfm->hmac)
		return -ENOSYS;
	if (keylen > block) {
		struct hctx c;

		h_init(&c, tfm->sha384);
		h_update(&c, key, keylen);
		h_final(&c, k);
	} else if (keylen) {
		memcpy(k, key, keylen);
	}
	for (i = 0; i < block; i++)
		pad[i] = k[i] ^ 0x36;
	h_init(&tfm->key, tfm->sha384);
	h_update(&tfm->key, pad, block);
	for (i = 0; i < block; i++)
		pad[i] = k[i] ^ 0x5c;
	h_init(&outer, tfm->sha384);
	h_update(&outer, pad, block);
	tfm->key.out = outer.in;
	tfm->keyed = true;
	memzero_explicit(k, sizeof(k));
	return 0;
}

static struct hctx *ctx_of(struct shash_desc *desc)
{
	return (struct hctx *)desc->__ctx;
}

int crypto_shash_init(struct shash_desc *desc)
{
	struct crypto_shash *tfm = desc->tfm;

	if (tfm->hmac) {
		if (!tfm->keyed)
			abort();	/* the engine keys an HMAC first */
		*ctx_of(desc) = tfm->key;
	} else {
		h_init(ctx_of(desc), tfm->sha384);
	}
	return 0;
}

int crypto_shash_update(struct shash_desc *desc, const u8 *data,
			unsigned int len)
{
	h_update(ctx_of(desc), data, len);
	return 0;
}

int crypto_shash_final(struct shash_desc *desc, u8 *out)
{
	struct hctx *c = ctx_of(desc);
	unsigned int n = crypto_shash_digestsize(desc->tfm);

	h_final(c, out);
	if (desc->tfm->hmac) {
		c->in = c->out;
		h_update(c, out, n);
		h_final(c, out);
	}
	return 0;
}

int crypto_shash_finup(struct shash_desc *desc, const u8 *data,
		       unsigned int len, u8 *out)
{
	crypto_shash_update(desc, data, len);
	return crypto_shash_final(desc, out);
}

int crypto_shash_export(struct shash_desc *desc, void *out)
{
	memcpy(out, ctx_of(desc), sizeof(struct hctx));
	return 0;
}

int crypto_shash_import(struct shash_desc *desc, const void *in)
{
	memcpy(ctx_of(desc), in, sizeof(struct hctx));
	return 0;
}

int crypto_shash_tfm_digest(struct crypto_shash *tfm, const u8 *data,
			    unsigned int len, u8 *out)
{
	SHASH_DESC_ON_STACK(desc, tfm);

	desc->tfm = tfm;
	crypto_shash_init(desc);
	return crypto_shash_finup(desc, data, len, out);
}

/* --- lib/crypto's SHA-256 ---------------------------------------------- */
_Static_assert(sizeof(SHA256_CTX) <= sizeof(struct sha256_state),
	       "sha256_state too small");

void sha256_init(struct sha256_state *sctx)
{
	SHA256_Init((SHA256_CTX *)sctx);
}

void sha256_update(struct sha256_state *sctx, const u8 *data,
		   unsigned int len)
{
	SHA256_Update((SHA256_CTX *)sctx, data, len);
}

void sha256_final(struct sha256_state *sctx, u8 *out)
{
	SHA256_Final(out, (SHA256_CTX *)sctx);
}

int crypto_memneq(const void *a, const void *b, size_t size)
{
	const u8 *x = a, *y = b;
	u8 d = 0;

	while (size--)
		d |= *x++ ^ *y++;
	return d != 0;
}

/* a fixed stream: a run is reproducible from its input alone */
void get_random_bytes(void *buf, size_t len)
{
	static u32 state = 0x2545f491;
	u8 *p = buf;

	while (len--) {
		state = state * 1103515245 + 12345;
		*p++ = state >> 16;
	}
}

/* --- ECDH: the kpp transforms ecdh-nist-p256/p384 ---------------------- */
struct crypto_kpp {
	int nid;
	unsigned int len;	/* coordinate size */
	u8 priv[48];
	bool has_priv;
};

struct kpp_request {
	struct crypto_kpp *tfm;
	struct scatterlist *src, *dst;
	unsigned int src_len, dst_len;
};

/* our own encoding between encode_key and set_secret: size, key */
unsigned int crypto_ecdh_key_len(const struct ecdh *params)
{
	return 4 + params->key_size;
}

int crypto_ecdh_encode_key(char *buf, unsigned int len,
			   const struct ecdh *params)
{
	if (len != crypto_ecdh_key_len(params))
		return -EINVAL;
	memcpy(buf, &params->key_size, sizeof(params->key_size));
	if (params->key_size)
		memcpy(buf + 4, params->key, params->key_size);
	return 0;
}

struct crypto_kpp *crypto_alloc_kpp(const char *name, u32 type, u32 mask)
{
	struct crypto_kpp *tfm = calloc(1, sizeof(*tfm));

	(void)type;
	(void)mask;
	if (!tfm)
		return ERR_PTR(-ENOMEM);
	if (!strcmp(name, "ecdh-nist-p256")) {
		tfm->nid = NID_X9_62_prime256v1;
		tfm->len = 32;
	} else if (!strcmp(name, "ecdh-nist-p384")) {
		tfm->nid = NID_secp384r1;
		tfm->len = 48;
	} else {
		free(tfm);
		return ERR_PTR(-ENOENT);
	}
	return tfm;
}

void crypto_free_kpp(struct crypto_kpp *tfm)
{
	if (!IS_ERR(tfm))
		free(tfm);
}

int crypto_kpp_set_secret(struct crypto_kpp *tfm, const void *buffer,
			  unsigned int len)
{
	unsigned short size;

	if (len < 4)
		return -EINVAL;
	memcpy(&size, buffer, sizeof(size));
	if (size && size != tfm->len)
		return -EINVAL;
	if (size)
		memcpy(tfm->priv, (const u8 *)buffer + 4, size);
	else
		get_random_bytes(tfm->priv, tfm->len);
	tfm->has_priv = true;
	return 0;
}

struct kpp_request *kpp_request_alloc(struct crypto_kpp *tfm, gfp_t gfp)
{
	struct kpp_request *req = calloc(1, sizeof(*req));

	(void)gfp;
	if (req)
		req->tfm = tfm;
	return req;
}

void kpp_request_free(struct kpp_request *req)
{
	free(req);
}

void kpp_request_set_callback(struct kpp_request *req, u32 flags,
			      crypto_completion_t done, void *data)
{
	(void)req;
	(void)flags;
	(void)done;
	(void)data;
}

void kpp_request_set_input(struct kpp_request *req, struct scatterlist *input,
			   unsigned int input_len)
{
	req->src = input;
	req->src_len = input_len;
}

void kpp_request_set_output(struct kpp_request *req,
			    struct scatterlist *output,
			    unsigned int output_len)
{
	req->dst = output;
	req->dst_len = output_len;
}

/* the curves, made once: making one costs more than a multiplication */
static const EC_GROUP *curve(int nid)
{
	static EC_GROUP *p256, *p384;
	EC_GROUP **g = nid == NID_secp384r1 ? &p384 : &p256;

	if (!*g)
		*g = EC_GROUP_new_by_curve_name(nid);
	return *g;
}

/*
 * scalar * (the peer's point X||Y, or the generator without one): its x
 * into @xo and, if @yo, its y. 0, -EINVAL (a scalar out of [1, n - 1]
 * or a point off the curve), -EFAULT (the point at infinity), -ENOMEM.
 */
static int ec_point_mul(int nid, const u8 *priv, size_t len, const u8 *peer,
			u8 *xo, u8 *yo)
{
	const EC_GROUP *g = curve(nid);
	EC_POINT *p = NULL, *r = g ? EC_POINT_new(g) : NULL;
	BIGNUM *k = BN_bin2bn(priv, len, NULL);
	BIGNUM *x = BN_new(), *y = BN_new();
	u8 oct[1 + 2 * 48];
	int err = -ENOMEM;

	if (!g || !r || !k || !x || !y)
		goto out;
	err = -EINVAL;
	if (BN_is_zero(k) || BN_cmp(k, EC_GROUP_get0_order(g)) >= 0)
		goto out;
	if (peer) {
		oct[0] = 4;
		memcpy(oct + 1, peer, 2 * len);
		p = EC_POINT_new(g);
		/* oct2point checks that the point is on the curve */
		if (!p || !EC_POINT_oct2point(g, p, oct, 1 + 2 * len, NULL))
			goto out;
		if (!EC_POINT_mul(g, r, NULL, p, k, NULL))
			goto out;
	} else if (!EC_POINT_mul(g, r, k, NULL, NULL, NULL)) {
		goto out;
	}
	if (EC_POINT_is_at_infinity(g, r)) {
		err = -EFAULT;
		goto out;
	}
	if (!EC_POINT_get_affine_coordinates(g, r, x, y, NULL))
		goto out;
	BN_bn2binpad(x, xo, len);
	if (yo)
		BN_bn2binpad(y, yo, len);
	err = 0;
out:
	BN_free(x);
	BN_free(y);
	BN_clear_free(k);
	EC_POINT_free(p);
	EC_POINT_free(r);
	return err;
}

/* point = scalar * (peer, or the generator); X||Y or X into the output */
static int ec_mul(struct kpp_request *req, bool shared)
{
	struct crypto_kpp *tfm = req->tfm;
	size_t len = tfm->len;

	if (!tfm->has_priv)
		return -ENOMEM;
	if (shared && (req->src_len != 2 * len || req->src->len < req->src_len))
		return -EINVAL;
	if (req->dst_len != (shared ? 1 : 2) * len || req->dst->len < req->dst_len)
		abort();	/* kex.c's buffers are wrong */
	return ec_point_mul(tfm->nid, tfm->priv, len,
			    shared ? (const u8 *)req->src->buf : NULL,
			    (u8 *)req->dst->buf,
			    shared ? NULL : (u8 *)req->dst->buf + len);
}

int crypto_kpp_generate_public_key(struct kpp_request *req)
{
	return ec_mul(req, false);
}

int crypto_kpp_compute_shared_secret(struct kpp_request *req)
{
	return ec_mul(req, true);
}

/* --- crypto/p256.c's ECDH (kex.c), over OpenSSL ----------------------- */
int p256_public_from_private(const u8 *priv, u8 *pub)
{
	pub[0] = 4;
	return ec_point_mul(NID_X9_62_prime256v1, priv, P256_BYTES, NULL,
			    pub + 1, pub + 1 + P256_BYTES);
}

int p256_ecdh_keygen(u8 *priv, u8 *pub)
{
	do
		get_random_bytes(priv, P256_BYTES);
	while (p256_public_from_private(priv, pub));
	return 0;
}

int p256_ecdh_shared(const u8 *priv, const u8 *peer, size_t len, u8 *x)
{
	if (len != P256_PUB_BYTES || peer[0] != 4)
		return -EINVAL;
	return ec_point_mul(NID_X9_62_prime256v1, priv, P256_BYTES, peer + 1,
			    x, NULL) ? -EINVAL : 0;
}

/* --- x25519 --------------------------------------------------------------- */
bool curve25519(u8 *out, const u8 *secret, const u8 *basepoint)
{
	EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL,
						   secret, 32);
	EVP_PKEY *p = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL,
						  basepoint, 32);
	EVP_PKEY_CTX *c = k ? EVP_PKEY_CTX_new(k, NULL) : NULL;
	size_t len = 32;
	bool ok = c && p && EVP_PKEY_derive_init(c) > 0 &&
		  EVP_PKEY_derive_set_peer(c, p) > 0 &&
		  EVP_PKEY_derive(c, out, &len) > 0 && len == 32;

	EVP_PKEY_CTX_free(c);
	EVP_PKEY_free(p);
	EVP_PKEY_free(k);
	if (!ok)
		memset(out, 0, 32);	/* OpenSSL refuses an all-zero result */
	return ok;
}

bool curve25519_generate_public(u8 *pub, const u8 *secret)
{
	EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL,
						   secret, 32);
	size_t len = 32;
	bool ok = k && EVP_PKEY_get_raw_public_key(k, pub, &len) > 0;

	EVP_PKEY_free(k);
	return ok;
}

void curve25519_generate_secret(u8 *secret)
{
	get_random_bytes(secret, 32);
	secret[0] &= 248;
	secret[31] = (secret[31] & 127) | 64;
}
