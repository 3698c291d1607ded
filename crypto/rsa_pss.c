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
 *
 * Side channels of signing (message blinding)
 *
 * A TLS server signs on every full handshake, when any remote peer asks,
 * and the peer learns EM afterwards (EM = s^e mod n). crypto/rsa.c's
 * RSASP1 is not constant time: it is CRT with lib/crypto/mpi's mpi_powm(),
 * a left-to-right binary square-and-multiply (not a window method) whose
 * squarings and multiplications use variable-length limb arithmetic,
 * reduce with a data-dependent long division, first reduce the base mod p
 * and mod q, and multiply only where the exponent bit is set. Its running
 * time thus depends on the base (c mod p, c mod q and every intermediate)
 * and on the exponents dp and dq. Timing attacks on unblinded RSA (Kocher;
 * Brumley and Boneh's remote attack on CRT, which works from known or
 * chosen inputs near a factor) correlate the time of many private
 * operations with the inputs the attacker knows or chooses.
 *
 * rsa_pss_sign() therefore blinds the message: for each signature it draws
 * a fresh uniform r in [2, n - 1] with gcd(r, n) = 1, gives the akcipher
 * em' = em * r^e mod n instead of em, and unblinds s = s' * r^-1 mod n
 * (s' = em'^d = em^d * r). em' is uniform in the units mod n and
 * independent of em, so the base-dependent part of RSASP1's timing is
 * decorrelated from anything the peer knows or chooses, and no two
 * signatures share a blinding value. r^e mod n is computed with
 * mpi_powm() on the public e and n; r^-1 by rsa_pss_mod_inv_blinded():
 * the binary extended Euclid of rsa_pss_mod_inv() (variable time) runs on
 * t = r * b mod n for another fresh uniform b and r^-1 = t^-1 * b, so it
 * only ever sees a uniformly random unit, as crypto/ecdsa_sign.c does for k.
 * The result is the same signature as without blinding (the known-answer
 * tests with a fixed salt go through this path), and the existing check
 * s^e = EM still guards against a faulty CRT computation.
 *
 * What remains variable time, and why it is accepted or not covered:
 * - The exponent is not blinded: crypto/rsa.c takes dp and dq from the
 *   key as they are. mpi_powm()'s multiply-if-bit-set loop makes the
 *   sequence of squarings and multiplications a function of dp and dq.
 *   Its total time is the same for every signature with the key (so a
 *   remote timing attacker gains nothing from it once the base is
 *   blinded), but an attacker who traces one private operation at the
 *   cache or branch level on the same machine can read exponent bits
 *   from it, as Yarom and Falkner did with Flush+Reload on the
 *   square-and-multiply of GnuPG 1.4.13, from which lib/crypto/mpi
 *   descends. Exponent blinding (dp + j * (p - 1)) would need a private
 *   key re-encoded for the akcipher per signature; this is a known
 *   residual, not addressed here.
 * - Candidates for r and b are compared with 1 and n by mpi_cmp(), and
 *   lib/crypto/mpi normalises leading zero limbs: this reveals how a fresh
 *   random value compares with n, not anything that is reused.
 * - mpi_powm(r, e, n), mpi_mulm() by r^e, r^-1 and b, rsa_pss_mod_inv()
 *   on r * b and the byte conversions are variable time on one-time
 *   random values (or on EM and s, which are public): what leaks is a
 *   function of r or b, each used for one signature only.
 * - Rejections (r or b not a unit, em' in {0, 1, n - 1}) happen with
 *   probability about 2^-1000 for a real modulus and only cost a redraw.
 * - Our buffers are sized by the modulus length only; lib/crypto/mpi
 *   sizes (and grows) its results by their length in limbs, which for the
 *   blinded values is again a property of one-time random numbers.
 *
 * Wiping: every intermediate of the blinding (r, b, r * b and its inverse,
 * r^-1, r^e, em', s') is cleared before it is freed. lib/crypto/mpi in
 * 6.12 frees limbs with kfree_sensitive() (mpi_free_limb_space()) and so
 * do its internal temporaries; we still clear each MPI's limbs ourselves
 * (mpi_wipe_free()) so this does not depend on the library version. The
 * byte buffers live in the context, freed with kfree_sensitive().
 */

#include <crypto/akcipher.h>
#include <crypto/hash.h>
#include <crypto/internal/rsa.h>
#include <crypto/rsa-pss.h>
#include <crypto/utils.h>
#include <kunit/visibility.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mpi.h>
#include <linux/overflow.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#define PSS_MAX_HASH_LEN	64
#define PSS_TRAILER		0xbc
/* Bound on the scratch we allocate; the akcipher decides what it supports. */
#define PSS_MAX_MODULUS_BITS	8192
/*
 * Draws of a random value below n before giving up: each is accepted with
 * probability above 1/2, so reaching this means a broken RNG.
 */
#define PSS_RANDOM_TRIES	64
/*
 * Blinding factors tried before giving up. A draw fails only if it shares
 * a factor with n (or makes em' one of 0, 1, n - 1): about 2^-1000 for a
 * real modulus, about 2^-60 for the small test moduli.
 */
#define PSS_BLIND_TRIES		8

/* The parts of the key the encoding and the blinding need */
struct pss_key {
	const u8 *n;		/* modulus, from its first non-zero octet */
	const u8 *e;		/* public exponent */
	size_t n_sz, e_sz;
	unsigned int nbits;	/* modulus length in bits */
};

/*
 * The integers of one blinded signature (see the header comment); each is
 * freed with mpi_wipe_free().
 */
struct pss_blind {
	MPI n, e;		/* public */
	MPI nm1;		/* n - 1 */
	MPI m;			/* EM: public once the signature is */
	MPI r;			/* blinding factor, uniform in [2, n - 1] */
	MPI rinv;		/* r^-1 mod n */
	MPI a;			/* r^e mod n */
	MPI mb;			/* em' = m * a mod n, what RSASP1 sees */
	MPI sb;			/* s' = em'^d mod n */
	MPI s;			/* s = s' * r^-1 mod n */
};

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
	u8 *rnd;		/* k octets: random draws, em' */
	struct pss_blind bl;
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
 * Parse the key as the akcipher will and find its modulus and public
 * exponent: @pk->n points at the first non-zero octet of n inside @key,
 * and @pk->nbits is its length in bits.
 */
static int pss_parse_key(const u8 *key, size_t len, bool priv,
			 struct pss_key *pk)
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
	pk->n = p;
	pk->n_sz = sz;
	pk->nbits = (sz - 1) * 8 + fls(*p);
	pk->e = raw.e;
	pk->e_sz = raw.e_sz;
	if (pk->nbits < RSA_PSS_MIN_MODULUS_BITS)
		return -EINVAL;
	return 0;
}

/* Clears the limbs of @a, then frees it; @a may be NULL. */
static void mpi_wipe_free(MPI a)
{
	if (a && a->d)
		memzero_explicit(a->d, a->alloced * sizeof(*a->d));
	mpi_free(a);
}

static void pss_blind_free(struct pss_blind *bl)
{
	mpi_wipe_free(bl->n);
	mpi_wipe_free(bl->e);
	mpi_wipe_free(bl->nm1);
	mpi_wipe_free(bl->m);
	mpi_wipe_free(bl->r);
	mpi_wipe_free(bl->rinv);
	mpi_wipe_free(bl->a);
	mpi_wipe_free(bl->mb);
	mpi_wipe_free(bl->sb);
	mpi_wipe_free(bl->s);
	memset(bl, 0, sizeof(*bl));
}

static void pss_free(struct pss_ctx *ctx)
{
	pss_blind_free(&ctx->bl);
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

	ctx = kzalloc(struct_size(ctx, buf, 4 * k), GFP_KERNEL);
	if (!ctx)
		return ERR_PTR(-ENOMEM);
	ctx->hlen = hlen;
	ctx->k = k;
	ctx->embits = nbits - 1;
	ctx->emlen = DIV_ROUND_UP(ctx->embits, 8);
	ctx->em = ctx->buf;
	ctx->sig = ctx->buf + k;
	ctx->chk = ctx->buf + 2 * k;
	ctx->rnd = ctx->buf + 3 * k;

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

/* @buf[0..k) = @a, big-endian, left-padded with zeros; @a < 256^k. */
static int mpi_to_be(MPI a, u8 *buf, unsigned int k)
{
	unsigned int len;
	int err;

	err = mpi_read_buffer(a, buf, k, &len, NULL);
	if (err)
		return err;
	memmove(buf + k - len, buf, len);
	memset(buf, 0, k - len);
	return 0;
}

/*
 * *@x = a fresh uniform integer in [2, n - 1], by rejection sampling of
 * @nbits-bit values; @buf is scratch of DIV_ROUND_UP(@nbits, 8) octets.
 */
static int mpi_random_below(MPI *x, MPI n, unsigned int nbits, u8 *buf)
{
	unsigned int len = DIV_ROUND_UP(nbits, 8);
	int tries;

	for (tries = 0; tries < PSS_RANDOM_TRIES; tries++) {
		get_random_bytes(buf, len);
		buf[0] &= 0xff >> (8 * len - nbits);
		*x = mpi_read_raw_data(buf, len);
		memzero_explicit(buf, len);
		if (!*x)
			return -ENOMEM;
		if (mpi_cmp_ui(*x, 1) > 0 && mpi_cmp(*x, n) < 0)
			return 0;
		mpi_wipe_free(*x);
		*x = NULL;
	}
	return -EAGAIN;
}

/* x = x / 2 mod n, for 0 <= x < n and n odd */
static int mpi_half_mod(MPI x, MPI n)
{
	int err = 0;

	if (mpi_test_bit(x, 0))
		err = mpi_add(x, x, n);
	return err ?: mpi_rshift(x, x, 1);
}

/* x = x - y mod n, for 0 <= x, y < n */
static int mpi_sub_mod(MPI x, MPI y, MPI n)
{
	int err = 0;

	if (mpi_cmp(x, y) < 0)
		err = mpi_add(x, x, n);
	return err ?: mpi_sub(x, x, y);
}

/**
 * rsa_pss_mod_inv - modular inverse by the binary extended Euclid algorithm
 * @x: output, a^-1 mod n
 * @a: the value to invert, 0 <= @a < @n
 * @n: an odd modulus above 1
 *
 * Not constant time: the number of steps and every branch depend on @a.
 * Only rsa_pss_mod_inv_blinded() calls it, on a uniformly random unit.
 * Keeps u = x1 * a and v = x2 * a (mod n), starting from u = a, v = n, and
 * halves or subtracts until u or v is 1, or u reaches 0 (gcd(a, n) = v).
 *
 * Return: 0 with @x set, -EDOM if gcd(@a, @n) != 1, -EINVAL if @n is even
 * or below 3 or @a >= @n, -ENOMEM.
 */
VISIBLE_IF_KUNIT int rsa_pss_mod_inv(MPI x, MPI a, MPI n)
{
	static const u8 one = 1;
	unsigned int nl = mpi_get_nlimbs(n) + 1;
	MPI u, v, x1, x2;
	int err;

	if (!mpi_test_bit(n, 0) || mpi_cmp_ui(n, 1) <= 0 || mpi_cmp(a, n) >= 0)
		return -EINVAL;
	u = mpi_alloc(nl);
	v = mpi_alloc(nl);
	x1 = mpi_read_raw_data(&one, 1);
	x2 = mpi_alloc(nl);
	err = -ENOMEM;
	if (!u || !v || !x1 || !x2)
		goto out;
	err = mpi_rshift(u, a, 0) ?: mpi_rshift(v, n, 0);
	while (!err) {
		if (!mpi_cmp_ui(u, 1)) {
			err = mpi_rshift(x, x1, 0);
			break;
		}
		if (!mpi_cmp_ui(v, 1)) {
			err = mpi_rshift(x, x2, 0);
			break;
		}
		if (!mpi_cmp_ui(u, 0)) {
			err = -EDOM;
			break;
		}
		while (!err && !mpi_test_bit(u, 0))
			err = mpi_rshift(u, u, 1) ?: mpi_half_mod(x1, n);
		/* v is odd or, after a subtraction, non-zero */
		while (!err && !mpi_test_bit(v, 0))
			err = mpi_rshift(v, v, 1) ?: mpi_half_mod(x2, n);
		if (err)
			break;
		if (mpi_cmp(u, v) >= 0)
			err = mpi_sub(u, u, v) ?: mpi_sub_mod(x1, x2, n);
		else
			err = mpi_sub(v, v, u) ?: mpi_sub_mod(x2, x1, n);
	}
out:
	mpi_wipe_free(u);
	mpi_wipe_free(v);
	mpi_wipe_free(x1);
	mpi_wipe_free(x2);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(rsa_pss_mod_inv);

/**
 * rsa_pss_mod_inv_blinded - modular inverse of a secret
 * @x: output, r^-1 mod n
 * @r: the secret to invert, 0 <= @r < @n
 * @n: an odd modulus above 3
 *
 * Computes r^-1 = (r * b)^-1 * b for a fresh uniform b in [2, n - 1], so
 * that rsa_pss_mod_inv(), which is variable time, only sees r * b mod n:
 * a uniformly random unit, independent of r. If r * b is not a unit, b
 * is drawn again, up to %PSS_BLIND_TRIES times; an @r that is not a unit
 * fails every time.
 *
 * Return: 0 with @x set, -EDOM if no inverse was found (gcd(@r, @n) != 1),
 * -EINVAL for a modulus rsa_pss_mod_inv() refuses or @r >= @n, -ENOMEM,
 * -EAGAIN if the RNG gives no value below @n.
 */
VISIBLE_IF_KUNIT int rsa_pss_mod_inv_blinded(MPI x, MPI r, MPI n)
{
	unsigned int nbits = mpi_get_nbits(n);
	MPI b = NULL, t, tinv;
	int tries, err;
	u8 *buf;

	if (nbits < 3 || !mpi_test_bit(n, 0) || mpi_cmp(r, n) >= 0)
		return -EINVAL;
	buf = kmalloc(DIV_ROUND_UP(nbits, 8), GFP_KERNEL);
	t = mpi_alloc(mpi_get_nlimbs(n) * 2 + 1);
	tinv = mpi_alloc(mpi_get_nlimbs(n) + 1);
	err = -ENOMEM;
	if (!buf || !t || !tinv)
		goto out;
	err = -EDOM;
	for (tries = 0; err == -EDOM && tries < PSS_BLIND_TRIES; tries++) {
		mpi_wipe_free(b);
		b = NULL;
		err = mpi_random_below(&b, n, nbits, buf) ?:
		      mpi_mulm(t, r, b, n) ?:
		      rsa_pss_mod_inv(tinv, t, n);
	}
	if (!err)
		err = mpi_mulm(x, tinv, b, n);
out:
	mpi_wipe_free(b);
	mpi_wipe_free(t);
	mpi_wipe_free(tinv);
	kfree_sensitive(buf);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(rsa_pss_mod_inv_blinded);

/*
 * Picks the blinding factor: @blind if given (tests), else a fresh random
 * one. Sets bl->r, bl->rinv, bl->a = r^e and bl->mb = em' = m * r^e, all
 * mod n, with em' in [2, n - 2] as crypto/rsa.c requires of its input.
 * An invalid @blind is -EINVAL; a random one is drawn again.
 */
static int pss_blind_em(struct pss_ctx *ctx, const u8 *blind,
			size_t blind_len)
{
	struct pss_blind *bl = &ctx->bl;
	unsigned int nbits = ctx->embits + 1;
	int tries, err;

	for (tries = 0; tries < PSS_BLIND_TRIES; tries++) {
		mpi_wipe_free(bl->r);
		bl->r = NULL;
		if (blind) {
			bl->r = mpi_read_raw_data(blind, blind_len);
			if (!bl->r)
				return -ENOMEM;
			if (mpi_cmp_ui(bl->r, 1) <= 0 ||
			    mpi_cmp(bl->r, bl->n) >= 0)
				return -EINVAL;
		} else {
			err = mpi_random_below(&bl->r, bl->n, nbits, ctx->rnd);
			if (err)
				return err;
		}
		err = rsa_pss_mod_inv_blinded(bl->rinv, bl->r, bl->n);
		if (!err) {
			err = mpi_powm(bl->a, bl->r, bl->e, bl->n) ?:
			      mpi_mulm(bl->mb, bl->m, bl->a, bl->n);
			if (err)
				return err;
			if (mpi_cmp_ui(bl->mb, 1) > 0 &&
			    mpi_cmp(bl->mb, bl->nm1) < 0)
				return 0;
			err = -EDOM;
		}
		if (err != -EDOM)
			return err;
		if (blind)
			return -EINVAL;
	}
	return -EAGAIN;
}

/*
 * RSASP1 of ctx->em into ctx->sig, blinded: s' = (em * r^e)^d by the
 * akcipher, then s = s' * r^-1 mod n.
 */
static int pss_rsasp1_blinded(struct pss_ctx *ctx, const struct pss_key *pk,
			      const u8 *blind, size_t blind_len)
{
	struct pss_blind *bl = &ctx->bl;
	unsigned int k = ctx->k;
	int err;

	bl->n = mpi_read_raw_data(pk->n, pk->n_sz);
	bl->e = mpi_read_raw_data(pk->e, pk->e_sz);
	bl->m = mpi_read_raw_data(ctx->em, k);
	bl->nm1 = mpi_alloc(0);
	bl->rinv = mpi_alloc(0);
	bl->a = mpi_alloc(0);
	bl->mb = mpi_alloc(0);
	bl->s = mpi_alloc(0);
	if (!bl->n || !bl->e || !bl->m || !bl->nm1 || !bl->rinv || !bl->a ||
	    !bl->mb || !bl->s)
		return -ENOMEM;
	err = mpi_sub_ui(bl->nm1, bl->n, 1) ?:
	      pss_blind_em(ctx, blind, blind_len) ?:
	      mpi_to_be(bl->mb, ctx->rnd, k);
	if (err)
		return err;

	err = crypto_akcipher_sync_decrypt(ctx->rsa, ctx->rnd, k, ctx->sig, k);
	memzero_explicit(ctx->rnd, k);
	if (err < 0)
		return err;
	bl->sb = mpi_read_raw_data(ctx->sig, k);
	memzero_explicit(ctx->sig, k);
	if (!bl->sb)
		return -ENOMEM;
	return mpi_mulm(bl->s, bl->sb, bl->rinv, bl->n) ?:
	       mpi_to_be(bl->s, ctx->sig, k);
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
	struct pss_key pk;
	unsigned int k;
	int hlen, err;

	hlen = pss_hash_len(hash_name);
	if (hlen < 0)
		return hlen;
	if (!digest || digest_len != hlen)
		return -EINVAL;
	err = pss_parse_key(pub_key_der, pub_len, false, &pk);
	if (err)
		return err;
	k = DIV_ROUND_UP(pk.nbits, 8);
	/* RSASSA-PSS-VERIFY step 1 and RSAVP1 step 1: |S| = k, s < n */
	/* public: the signature checked and the public modulus */
	if (!sig || sig_len != k || memcmp(sig, pk.n, k) >= 0)
		return -EKEYREJECTED;

	ctx = pss_alloc(hash_name, hlen, pk.nbits);
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
 * rsa_pss_sign_blind - rsa_pss_sign() with a chosen blinding factor
 * @priv_key_der: as for rsa_pss_sign()
 * @priv_len: as for rsa_pss_sign()
 * @hash_name: as for rsa_pss_sign()
 * @digest: as for rsa_pss_sign()
 * @digest_len: as for rsa_pss_sign()
 * @salt: as for rsa_pss_sign()
 * @blind: the blinding factor r, big-endian, with 1 < r < n and
 *	gcd(r, n) = 1; %NULL for a fresh random one (rsa_pss_sign())
 * @blind_len: length of @blind
 * @sig: as for rsa_pss_sign()
 * @sig_size: as for rsa_pss_sign()
 * @sig_len: as for rsa_pss_sign()
 *
 * Visible to KUnit only: the tests show with it that the signature does not
 * depend on the blinding factor and that unsuitable factors are refused.
 *
 * Return: as rsa_pss_sign(); also %-EINVAL for a @blind outside (1, n),
 * not prime to n, or making em' one of 0, 1 and n - 1.
 */
VISIBLE_IF_KUNIT int rsa_pss_sign_blind(const u8 *priv_key_der,
					size_t priv_len, const char *hash_name,
					const u8 *digest, size_t digest_len,
					const u8 *salt, const u8 *blind,
					size_t blind_len, u8 *sig,
					size_t sig_size, size_t *sig_len)
{
	struct pss_ctx *ctx;
	struct pss_key pk;
	unsigned int k;
	int hlen, err;

	hlen = pss_hash_len(hash_name);
	if (hlen < 0)
		return hlen;
	if (!digest || digest_len != hlen || !sig || !sig_len)
		return -EINVAL;
	if (blind && !blind_len)
		return -EINVAL;
	err = pss_parse_key(priv_key_der, priv_len, true, &pk);
	if (err)
		return err;
	k = DIV_ROUND_UP(pk.nbits, 8);
	if (sig_size < k)
		return -ENOSPC;

	ctx = pss_alloc(hash_name, hlen, pk.nbits);
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

	/* RSASP1: s = m^d mod n, blinded */
	err = pss_rsasp1_blinded(ctx, &pk, blind, blind_len);
	if (err)
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
EXPORT_SYMBOL_IF_KUNIT(rsa_pss_sign_blind);

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
 * length and trailer 0xbc, applies RSASP1 with the private key to the
 * encoding blinded by a fresh random factor (see the comment at the top of
 * this file), and checks the result with the public exponent before
 * releasing it (a fault in the CRT computation would otherwise leak a
 * factor of the modulus). The signature does not depend on the blinding:
 * with a fixed @salt it is always the same. The modulus must have at least
 * %RSA_PSS_MIN_MODULUS_BITS bits. May sleep.
 *
 * Return:
 * * %0 - @sig holds *@sig_len octets of signature
 * * %-EINVAL - unsupported hash, @digest_len not the hash length, a key
 *   that does not parse, or a modulus below %RSA_PSS_MIN_MODULUS_BITS bits
 * * %-ENOSPC - @sig_size is smaller than the modulus
 * * %-EIO - the signature did not verify with the key's public exponent
 * * %-EAGAIN - no usable blinding factor was drawn (a broken RNG, or a
 *   modulus that is not a product of large primes)
 * * %-ENOMEM - out of memory
 * * other negative errno - from the crypto API
 */
int rsa_pss_sign(const u8 *priv_key_der, size_t priv_len,
		 const char *hash_name, const u8 *digest, size_t digest_len,
		 const u8 *salt, u8 *sig, size_t sig_size, size_t *sig_len)
{
	return rsa_pss_sign_blind(priv_key_der, priv_len, hash_name, digest,
				  digest_len, salt, NULL, 0, sig, sig_size,
				  sig_len);
}
EXPORT_SYMBOL_GPL(rsa_pss_sign);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("RSASSA-PSS signatures over the raw RSA primitive");
