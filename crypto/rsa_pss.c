// SPDX-License-Identifier: GPL-2.0
/*
 * RSASSA-PSS (RFC 8017 sections 8.1 and 9.1) over the raw "rsa" akcipher
 *
 * The encoding is EMSA-PSS with MGF1 over the message hash, a salt as long
 * as the hash and the 0xbc trailer: the only parameters TLS 1.3 allows for
 * rsa_pss_rsae_* and rsa_pss_pss_* (RFC 8446 section 4.2.3). The caller
 * passes the message digest; the modular exponentiation is the kernel's
 * "rsa" akcipher (crypto/rsa.c), driven the way crypto/rsa-pkcs1pad.c
 * drives it: encrypt is RSAVP1 (s^e mod n), decrypt is RSASP1 (m^d mod n).
 *
 * Both functions take the key in the DER forms the akcipher takes, allocate
 * their transforms per call (a handshake signs or verifies once or twice),
 * may sleep, and keep modulus-sized buffers off the stack.
 */

#include <crypto/akcipher.h>
#include <crypto/hash.h>
#include <crypto/internal/rsa.h>
#include <crypto/rsa-pss.h>
#include <crypto/utils.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/overflow.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#define PSS_MAX_HASH_LEN	64
#define PSS_TRAILER		0xbc
/* Bound on the scratch we allocate; the akcipher decides what it supports. */
#define PSS_MAX_MODULUS_BITS	8192

struct pss_ctx {
	struct crypto_shash *hash;
	struct crypto_akcipher *rsa;
	unsigned int hlen;	/* hash length, also the salt length */
	unsigned int k;		/* modulus length in octets */
	unsigned int embits;	/* modBits - 1 */
	unsigned int emlen;	/* ceil(emBits / 8): k or k - 1 */
	u8 *em;			/* k octets: 0 or 1 zero octet, then EM */
	u8 *sig;		/* k octets */
	u8 *chk;		/* k octets */
	u8 salt[PSS_MAX_HASH_LEN];
	u8 mprime[8 + 2 * PSS_MAX_HASH_LEN];
	u8 mgf_in[PSS_MAX_HASH_LEN + 4];
	u8 mask[PSS_MAX_HASH_LEN];
	u8 hash_out[PSS_MAX_HASH_LEN];
	u8 buf[];
};

static int pss_hash_len(const char *hash_name)
{
	if (!hash_name)
		return -EINVAL;
	if (!strcmp(hash_name, "sha256"))
		return 32;
	if (!strcmp(hash_name, "sha384"))
		return 48;
	if (!strcmp(hash_name, "sha512"))
		return 64;
	return -EINVAL;
}

/*
 * Parse the key as the akcipher will and find its modulus: @n points at the
 * first non-zero octet of n inside @key, and @nbits is its length in bits.
 */
static int pss_parse_key(const u8 *key, size_t len, bool priv,
			 const u8 **n, unsigned int *nbits)
{
	struct rsa_key raw = {};
	const u8 *p;
	size_t sz;
	int err;

	if (!key || !len || len > UINT_MAX)
		return -EINVAL;
	if (priv)
		err = rsa_parse_priv_key(&raw, key, len);
	else
		err = rsa_parse_pub_key(&raw, key, len);
	if (err)
		return -EINVAL;

	p = raw.n;
	sz = raw.n_sz;
	while (sz && !*p) {
		p++;
		sz--;
	}
	if (!sz || sz > PSS_MAX_MODULUS_BITS / 8)
		return -EINVAL;
	*n = p;
	*nbits = (sz - 1) * 8 + fls(*p);
	if (*nbits < RSA_PSS_MIN_MODULUS_BITS)
		return -EINVAL;
	return 0;
}

static void pss_free(struct pss_ctx *ctx)
{
	if (!IS_ERR_OR_NULL(ctx->rsa))
		crypto_free_akcipher(ctx->rsa);
	if (!IS_ERR_OR_NULL(ctx->hash))
		crypto_free_shash(ctx->hash);
	kfree_sensitive(ctx);
}

static struct pss_ctx *pss_alloc(const char *hash_name, unsigned int hlen,
				 unsigned int nbits)
{
	unsigned int k = DIV_ROUND_UP(nbits, 8);
	struct pss_ctx *ctx;
	int err;

	ctx = kzalloc(struct_size(ctx, buf, 3 * k), GFP_KERNEL);
	if (!ctx)
		return ERR_PTR(-ENOMEM);
	ctx->hlen = hlen;
	ctx->k = k;
	ctx->embits = nbits - 1;
	ctx->emlen = DIV_ROUND_UP(ctx->embits, 8);
	ctx->em = ctx->buf;
	ctx->sig = ctx->buf + k;
	ctx->chk = ctx->buf + 2 * k;

	ctx->hash = crypto_alloc_shash(hash_name, 0, 0);
	if (IS_ERR(ctx->hash)) {
		err = PTR_ERR(ctx->hash);
		goto fail;
	}
	if (crypto_shash_digestsize(ctx->hash) != hlen) {
		err = -EINVAL;
		goto fail;
	}
	ctx->rsa = crypto_alloc_akcipher("rsa", 0, 0);
	if (IS_ERR(ctx->rsa)) {
		err = PTR_ERR(ctx->rsa);
		goto fail;
	}
	return ctx;

fail:
	pss_free(ctx);
	return ERR_PTR(err);
}

/* The akcipher must agree with our parse of the key on the modulus size. */
static int pss_check_size(struct pss_ctx *ctx)
{
	return crypto_akcipher_maxsize(ctx->rsa) == ctx->k ? 0 : -EINVAL;
}

/* out[0..len) ^= MGF1(seed, len), seed being hlen octets (RFC 8017 B.2.1) */
static int pss_mgf1_xor(struct pss_ctx *ctx, const u8 *seed, u8 *out,
			unsigned int len)
{
	unsigned int hlen = ctx->hlen;
	unsigned int n;
	u32 counter;
	int err;

	memcpy(ctx->mgf_in, seed, hlen);
	for (counter = 0; len; counter++) {
		put_unaligned_be32(counter, ctx->mgf_in + hlen);
		err = crypto_shash_tfm_digest(ctx->hash, ctx->mgf_in, hlen + 4,
					      ctx->mask);
		if (err)
			return err;
		n = min(len, hlen);
		crypto_xor(out, ctx->mask, n);
		out += n;
		len -= n;
	}
	return 0;
}

/* H = Hash(M'), M' = (0x)00 00 00 00 00 00 00 00 || mHash || salt */
static int pss_hash_mprime(struct pss_ctx *ctx, const u8 *mhash,
			   const u8 *salt, u8 *h)
{
	unsigned int hlen = ctx->hlen;

	memset(ctx->mprime, 0, 8);
	memcpy(ctx->mprime + 8, mhash, hlen);
	memcpy(ctx->mprime + 8 + hlen, salt, hlen);
	return crypto_shash_tfm_digest(ctx->hash, ctx->mprime, 8 + 2 * hlen, h);
}

/*
 * EMSA-PSS-ENCODE (RFC 8017 section 9.1.1) of @mhash with ctx->salt into
 * ctx->em, right-aligned in k octets.
 */
static int emsa_pss_encode(struct pss_ctx *ctx, const u8 *mhash)
{
	unsigned int hlen = ctx->hlen;
	unsigned int zbits = 8 * ctx->emlen - ctx->embits;
	unsigned int dblen, pslen;
	u8 *em = ctx->em + (ctx->k - ctx->emlen);
	u8 *h;
	int err;

	/* step 3 */
	if (ctx->emlen < 2 * hlen + 2)
		return -EINVAL;
	dblen = ctx->emlen - hlen - 1;
	pslen = dblen - hlen - 1;
	h = em + dblen;

	/* steps 5-6 */
	err = pss_hash_mprime(ctx, mhash, ctx->salt, h);
	if (err)
		return err;
	/* steps 7-8: DB = PS || 0x01 || salt */
	memset(em, 0, pslen);
	em[pslen] = 0x01;
	memcpy(em + pslen + 1, ctx->salt, hlen);
	/* steps 9-11 */
	err = pss_mgf1_xor(ctx, h, em, dblen);
	if (err)
		return err;
	em[0] &= 0xff >> zbits;
	/* step 12 */
	em[ctx->emlen - 1] = PSS_TRAILER;
	return 0;
}

/*
 * EMSA-PSS-VERIFY (RFC 8017 section 9.1.2) of ctx->em, which holds the
 * k-octet output of RSAVP1, against @mhash, with sLen = hLen.
 */
static int emsa_pss_verify(struct pss_ctx *ctx, const u8 *mhash)
{
	unsigned int hlen = ctx->hlen;
	unsigned int zbits = 8 * ctx->emlen - ctx->embits;
	unsigned int off = ctx->k - ctx->emlen;
	unsigned int dblen, pslen, i;
	u8 *em = ctx->em + off;
	u8 *h, bad;
	int err;

	/* step 3 */
	if (ctx->emlen < 2 * hlen + 2)
		return -EKEYREJECTED;
	dblen = ctx->emlen - hlen - 1;
	pslen = dblen - hlen - 1;
	h = em + dblen;

	/* RSASSA-PSS-VERIFY step 2c: the integer must fit in emLen octets */
	for (i = 0; i < off; i++)
		if (ctx->em[i])
			return -EKEYREJECTED;
	/* step 4 */
	if (em[ctx->emlen - 1] != PSS_TRAILER)
		return -EKEYREJECTED;
	/* step 6 */
	if (em[0] & ~(0xff >> zbits))
		return -EKEYREJECTED;
	/* steps 7-9: DB in place of maskedDB */
	err = pss_mgf1_xor(ctx, h, em, dblen);
	if (err)
		return err;
	em[0] &= 0xff >> zbits;
	/* step 10: PS all zero, then 0x01; this fixes sLen = hLen */
	bad = em[pslen] ^ 0x01;
	for (i = 0; i < pslen; i++)
		bad |= em[i];
	if (bad)
		return -EKEYREJECTED;
	/* steps 11-14 */
	err = pss_hash_mprime(ctx, mhash, em + pslen + 1, ctx->hash_out);
	if (err)
		return err;
	if (crypto_memneq(ctx->hash_out, h, hlen))
		return -EKEYREJECTED;
	return 0;
}

/**
 * rsa_pss_verify - verify an RSASSA-PSS signature over a digest
 * @pub_key_der: RSAPublicKey (DER), as crypto_akcipher_set_pub_key() takes it
 * @pub_len: length of @pub_key_der
 * @hash_name: "sha256", "sha384" or "sha512": the message hash and MGF1 hash
 * @digest: the message digest, mHash
 * @digest_len: length of @digest; must be the length of @hash_name's output
 * @sig: the signature
 * @sig_len: length of @sig; a valid signature is as long as the modulus
 *
 * Verifies with EMSA-PSS, MGF1(@hash_name), salt length equal to the hash
 * length and trailer 0xbc, as TLS 1.3 requires: a signature made with any
 * other salt length is rejected. The modulus must have at least
 * %RSA_PSS_MIN_MODULUS_BITS bits. May sleep.
 *
 * Return:
 * * %0 - the signature is valid
 * * %-EKEYREJECTED - the signature does not verify (wrong length, not below
 *   the modulus, or any EMSA-PSS consistency check failed)
 * * %-EINVAL - unsupported hash, @digest_len not the hash length, a key
 *   that does not parse, or a modulus below %RSA_PSS_MIN_MODULUS_BITS bits
 * * %-ENOMEM - out of memory
 * * other negative errno - from the crypto API
 */
int rsa_pss_verify(const u8 *pub_key_der, size_t pub_len,
		   const char *hash_name, const u8 *digest, size_t digest_len,
		   const u8 *sig, size_t sig_len)
{
	struct pss_ctx *ctx;
	unsigned int nbits, k;
	const u8 *n;
	int hlen, err;

	hlen = pss_hash_len(hash_name);
	if (hlen < 0)
		return hlen;
	if (!digest || digest_len != hlen)
		return -EINVAL;
	err = pss_parse_key(pub_key_der, pub_len, false, &n, &nbits);
	if (err)
		return err;
	k = DIV_ROUND_UP(nbits, 8);
	/* RSASSA-PSS-VERIFY step 1 and RSAVP1 step 1: |S| = k, s < n */
	/* public: the signature checked and the public modulus */
	if (!sig || sig_len != k || memcmp(sig, n, k) >= 0)
		return -EKEYREJECTED;

	ctx = pss_alloc(hash_name, hlen, nbits);
	if (IS_ERR(ctx))
		return PTR_ERR(ctx);
	err = crypto_akcipher_set_pub_key(ctx->rsa, pub_key_der, pub_len);
	if (err)
		goto out;
	err = pss_check_size(ctx);
	if (err)
		goto out;
	err = crypto_akcipher_sync_encrypt(ctx->rsa, sig, k, ctx->em, k);
	if (err == -EINVAL) {
		/* crypto/rsa.c refuses s <= 1 and s = n - 1: not signatures */
		err = -EKEYREJECTED;
	}
	if (err)
		goto out;
	err = emsa_pss_verify(ctx, digest);
out:
	pss_free(ctx);
	return err;
}
EXPORT_SYMBOL_GPL(rsa_pss_verify);

/**
 * rsa_pss_sign - make an RSASSA-PSS signature over a digest
 * @priv_key_der: RSAPrivateKey (DER), as crypto_akcipher_set_priv_key()
 *	takes it
 * @priv_len: length of @priv_key_der
 * @hash_name: "sha256", "sha384" or "sha512": the message hash and MGF1 hash
 * @digest: the message digest, mHash
 * @digest_len: length of @digest; must be the length of @hash_name's output
 * @salt: hash-length salt; %NULL for a random one (fixed only for tests)
 * @sig: output buffer for the signature
 * @sig_size: size of @sig; at least the modulus length
 * @sig_len: set to the signature length (the modulus length) on success
 *
 * Encodes with EMSA-PSS, MGF1(@hash_name), salt length equal to the hash
 * length and trailer 0xbc, applies RSASP1 with the private key, and checks
 * the result with the public exponent before releasing it (a fault in the
 * CRT computation would otherwise leak a factor of the modulus). The
 * modulus must have at least %RSA_PSS_MIN_MODULUS_BITS bits. May sleep.
 *
 * Return:
 * * %0 - @sig holds *@sig_len octets of signature
 * * %-EINVAL - unsupported hash, @digest_len not the hash length, a key
 *   that does not parse, or a modulus below %RSA_PSS_MIN_MODULUS_BITS bits
 * * %-ENOSPC - @sig_size is smaller than the modulus
 * * %-EIO - the signature did not verify with the key's public exponent
 * * %-ENOMEM - out of memory
 * * other negative errno - from the crypto API
 */
int rsa_pss_sign(const u8 *priv_key_der, size_t priv_len,
		 const char *hash_name, const u8 *digest, size_t digest_len,
		 const u8 *salt, u8 *sig, size_t sig_size, size_t *sig_len)
{
	struct pss_ctx *ctx;
	unsigned int nbits, k;
	const u8 *n;
	int hlen, err;

	hlen = pss_hash_len(hash_name);
	if (hlen < 0)
		return hlen;
	if (!digest || digest_len != hlen || !sig || !sig_len)
		return -EINVAL;
	err = pss_parse_key(priv_key_der, priv_len, true, &n, &nbits);
	if (err)
		return err;
	k = DIV_ROUND_UP(nbits, 8);
	if (sig_size < k)
		return -ENOSPC;

	ctx = pss_alloc(hash_name, hlen, nbits);
	if (IS_ERR(ctx))
		return PTR_ERR(ctx);
	err = crypto_akcipher_set_priv_key(ctx->rsa, priv_key_der, priv_len);
	if (err)
		goto out;
	err = pss_check_size(ctx);
	if (err)
		goto out;

	if (salt)
		memcpy(ctx->salt, salt, hlen);
	else
		get_random_bytes(ctx->salt, hlen);
	err = emsa_pss_encode(ctx, digest);
	if (err)
		goto out;

	/* RSASP1: s = m^d mod n */
	err = crypto_akcipher_sync_decrypt(ctx->rsa, ctx->em, k, ctx->sig, k);
	if (err < 0)
		goto out;
	/* RSAVP1 on the result must give EM back */
	err = crypto_akcipher_sync_encrypt(ctx->rsa, ctx->sig, k, ctx->chk, k);
	if (err)
		goto out;
	if (crypto_memneq(ctx->chk, ctx->em, k)) {
		err = -EIO;
		goto out;
	}
	memcpy(sig, ctx->sig, k);
	*sig_len = k;
	err = 0;
out:
	pss_free(ctx);
	return err;
}
EXPORT_SYMBOL_GPL(rsa_pss_sign);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("RSASSA-PSS signatures over the raw RSA primitive");
