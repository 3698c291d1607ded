// SPDX-License-Identifier: GPL-2.0
/*
 * RSASSA-PSS (RFC 8017 sections 8.1 and 9.1)
 *
 * The encoding is EMSA-PSS with MGF1 over the message hash, a salt as long
 * as the hash and the 0xbc trailer: the only parameters TLS 1.3 allows for
 * rsa_pss_rsae_* and rsa_pss_pss_* (RFC 8446 section 4.2.3). The caller
 * passes the message digest. Verifying uses the kernel's "rsa" akcipher
 * (crypto/rsa.c) for RSAVP1 (s^e mod n), driven the way
 * crypto/rsa-pkcs1pad.c drives it. Signing does RSASP1 (m^d mod n) itself,
 * with CRT and Montgomery arithmetic on 64-bit limbs (pss_crt()), and
 * checks its results with its own RSAVP1 (pss_check_public()).
 *
 * Both functions take the key in the DER forms the akcipher takes, allocate
 * their transforms and their scratch per call (a handshake signs or
 * verifies once or twice), may sleep, and keep modulus-sized buffers off
 * the stack.
 *
 * Side channels of signing
 *
 * A TLS server signs on every full handshake, when any remote peer asks,
 * and the peer learns EM afterwards (EM = s^e mod n). Timing attacks on
 * RSA (Kocher; Brumley and Boneh's remote attack on CRT, from chosen
 * inputs near a factor) correlate the time of many private operations
 * with the inputs; cache and branch tracing on the same machine (Yarom and
 * Falkner's Flush+Reload on GnuPG's square-and-multiply) reads exponent
 * bits from a single one. crypto/rsa.c's RSASP1, lib/crypto/mpi's
 * mpi_powm() (binary square-and-multiply, multiply only where a bit is
 * set, variable-length limbs, reduction by long division), is exposed to
 * both, so signing does not use it. Three layers instead:
 *
 * 1. The private operation is constant time in its secrets (pss_crt()).
 *    m1 = c^dp' mod p, m2 = c^dq' mod q, h = qinv * (m1 - m2) mod p,
 *    s' = m2 + h * q, on arrays of u64 limbs whose count is that of the
 *    longer prime (public). Montgomery multiplication (CIOS, 128-bit
 *    products) ends with a masked subtraction; R^2 mod p is made per call
 *    by doublings with masked subtraction and six Montgomery squarings;
 *    c mod p by a Montgomery reduction of c (c < n < p * R) and two
 *    multiplications by R^2; m1 - m2 with a masked addition of p. The
 *    exponentiation uses fixed 5-bit windows over a bit length fixed by
 *    the bit length of p (public) plus %PSS_EXP_BLIND_BITS: five
 *    squarings and one multiplication per window, zero windows included
 *    (the table entry for 0 is R), and every table lookup reads all 32
 *    entries and keeps one with masks. Loop bounds and memory indexes
 *    depend only on the limb count, the prime's bit length and the window
 *    position.
 * 2. The exponents are blinded: dp' = dp + kp * (p - 1) and
 *    dq' = dq + kq * (q - 1) with fresh 64-bit kp and kq for every private
 *    operation (c^dp' = c^dp mod p by Fermat), so the exponent bits an
 *    attacker might trace differ in every signature.
 * 3. The message is blinded: rsa_pss_sign() draws a fresh uniform r in
 *    [2, n - 1] with gcd(r, n) = 1, gives the private operation
 *    em' = em * r^e mod n instead of em, and unblinds s = s' * r^-1 mod n
 *    (s' = em'^d = em^d * r). em' is uniform in the units mod n and
 *    independent of em. r^e mod n is computed with mpi_powm() on the
 *    public e and n; r^-1 by rsa_pss_mod_inv_blinded(): the binary
 *    extended Euclid of rsa_pss_mod_inv() (variable time) runs on
 *    t = r * b mod n for another fresh uniform b and r^-1 = t^-1 * b, so
 *    it only ever sees a uniformly random unit, as crypto/ecdsa_sign.c
 *    does for k.
 * The result is the same signature as without any blinding (the
 * known-answer tests with a fixed salt go through this path).
 *
 * Faults (Bellcore): a CRT result wrong modulo one prime only would give
 * the factorisation away. pss_rsasp1() checks s'^e = em' mod n before it
 * returns s' (and wipes s' and fails with -EIO if not), and the signature
 * is checked again against EM after unblinding; a faulty signature is
 * never released.
 *
 * What remains, and why it is accepted or not covered:
 * - The compiler is trusted not to turn the masks (ct_mask_nz(), with an
 *   optimizer barrier) into branches, and the CPU's multiplier is assumed
 *   to run in constant time (true of x86_64 MULQ).
 * - Lengths are public: of p, q, dp, dq and qinv as DER encodes them
 *   (leading zero octets are skipped in variable time), hence the limb
 *   count and the number of windows.
 * - The check with e (square-and-multiply over e's bits, e public) and
 *   the byte conversions run on s' and em', one-time blinded values, or
 *   on s and EM, which are public.
 * - Candidates for r and b are compared with 1 and n by mpi_cmp(), and
 *   lib/crypto/mpi normalises leading zero limbs: this reveals how a fresh
 *   random value compares with n, not anything that is reused.
 * - mpi_powm(r, e, n), mpi_mulm() by r^e, r^-1 and b, rsa_pss_mod_inv()
 *   on r * b are variable time on one-time random values (or on EM and
 *   s, which are public): what leaks is a function of r or b, each used
 *   for one signature only.
 * - Rejections (r or b not a unit, em' in {0, 1, n - 1}) happen with
 *   probability about 2^-1000 for a real modulus and only cost a redraw.
 * - Our buffers are sized by the modulus length only; lib/crypto/mpi
 *   sizes (and grows) its results by their length in limbs, which for the
 *   blinded values is again a property of one-time random numbers.
 *
 * Wiping: the limb workspace of the private operation (primes, blinded
 * exponents, qinv, the table, every intermediate) is freed with
 * kfree_sensitive(). Every intermediate of the message blinding (r, b,
 * r * b and its inverse, r^-1, r^e, em', s') is cleared before it is
 * freed. lib/crypto/mpi in 6.12 frees limbs with kfree_sensitive()
 * (mpi_free_limb_space()) and so do its internal temporaries; we still
 * clear each MPI's limbs ourselves (mpi_wipe_free()) so this does not
 * depend on the library version. The byte buffers live in the context,
 * freed with kfree_sensitive().
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
/* Largest prime factor the private operation takes: a 4096-bit modulus */
#define PSS_MAX_PRIME_BITS	2048
/* Fixed-window exponentiation: bits per window, entries in the table */
#define PSS_WIN_BITS		5
#define PSS_WIN_SIZE		BIT(PSS_WIN_BITS)
/* Bits of the random multiple of p - 1 (q - 1) added to dp (dq) */
#define PSS_EXP_BLIND_BITS	64

/*
 * The parts of the key the encoding, the blinding and the private operation
 * need; every integer from its first non-zero octet
 */
struct pss_key {
	const u8 *n;		/* modulus */
	const u8 *e;		/* public exponent */
	size_t n_sz, e_sz;
	unsigned int nbits;	/* modulus length in bits */
	/* private keys only: the CRT parameters */
	const u8 *p, *q, *dp, *dq, *qinv;
	size_t p_sz, q_sz, dp_sz, dq_sz, qinv_sz;
	unsigned int pbits, qbits;	/* lengths of p and q in bits */
	unsigned int pl;	/* limbs of the longer prime */
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

/* Skips leading zero octets (of a DER integer: lengths are public) */
static const u8 *be_strip(const u8 *p, size_t *len)
{
	while (*len && !*p) {
		p++;
		(*len)--;
	}
	return p;
}

/* bit length of the @len-octet big-endian @p whose first octet is not 0 */
static unsigned int be_bits(const u8 *p, size_t len)
{
	return (len - 1) * 8 + fls(*p);
}

/*
 * Parse the key as the akcipher would and find its modulus and public
 * exponent: @pk->n points at the first non-zero octet of n inside @key,
 * and @pk->nbits is its length in bits. For a private key also the CRT
 * parameters, with the bounds the private operation needs: odd primes of
 * at most %PSS_MAX_PRIME_BITS bits, dp, dq and qinv no longer than the
 * limbs of the longer prime, an odd n no longer than twice that.
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
	pk->e_sz = raw.e_sz;
	pk->e = be_strip(raw.e, &pk->e_sz);
	if (pk->nbits < RSA_PSS_MIN_MODULUS_BITS || !pk->e_sz)
		return -EINVAL;
	if (!priv)
		return 0;

	pk->p_sz = raw.p_sz;
	pk->p = be_strip(raw.p, &pk->p_sz);
	pk->q_sz = raw.q_sz;
	pk->q = be_strip(raw.q, &pk->q_sz);
	pk->dp_sz = raw.dp_sz;
	pk->dp = be_strip(raw.dp, &pk->dp_sz);
	pk->dq_sz = raw.dq_sz;
	pk->dq = be_strip(raw.dq, &pk->dq_sz);
	pk->qinv_sz = raw.qinv_sz;
	pk->qinv = be_strip(raw.qinv, &pk->qinv_sz);
	if (!pk->p_sz || !pk->q_sz || pk->p_sz > PSS_MAX_PRIME_BITS / 8 ||
	    pk->q_sz > PSS_MAX_PRIME_BITS / 8)
		return -EINVAL;
	pk->pbits = be_bits(pk->p, pk->p_sz);
	pk->qbits = be_bits(pk->q, pk->q_sz);
	pk->pl = DIV_ROUND_UP(max(pk->p_sz, pk->q_sz), 8);
	if (pk->pbits < 2 || pk->qbits < 2 || !(pk->p[pk->p_sz - 1] & 1) ||
	    !(pk->q[pk->q_sz - 1] & 1) || !(pk->n[pk->n_sz - 1] & 1) ||
	    pk->dp_sz > 8 * pk->pl || pk->dq_sz > 8 * pk->pl ||
	    pk->qinv_sz > 8 * pk->pl || pk->n_sz > 16 * pk->pl)
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
				 unsigned int nbits, bool akcipher)
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
	ctx->rnd = ctx->buf + 2 * k;

	ctx->hash = crypto_alloc_shash(hash_name, 0, 0);
	if (IS_ERR(ctx->hash)) {
		err = PTR_ERR(ctx->hash);
		goto fail;
	}
	if (crypto_shash_digestsize(ctx->hash) != hlen) {
		err = -EINVAL;
		goto fail;
	}
	if (!akcipher)
		return ctx;
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

/*
 * The private operation: CRT with Montgomery arithmetic on u64 limbs
 * (least significant limb first), see the header comment. Every loop bound
 * and every memory index below depends only on public lengths: the limb
 * count of the primes, the bit length of p and q, the window size.
 */

/* all ones if @x is not zero, else zero, without a branch */
static inline u64 ct_mask_nz(u64 x)
{
	u64 m = 0 - ((x | (0 - x)) >> 63);

	OPTIMIZER_HIDE_VAR(m);
	return m;
}

/*
 * r = t - m if t >= m, else t, for t of nl + 1 limbs below 2m; @r (nl
 * limbs) must not overlap @t.
 */
static void ct_final_sub(u64 *r, const u64 *t, const u64 *m, unsigned int nl)
{
	u64 borrow = 0, mask;
	unsigned int j;
	u128 z;

	for (j = 0; j < nl; j++) {
		z = (u128)t[j] - m[j] - borrow;
		r[j] = (u64)z;
		borrow = (u64)(z >> 64) & 1;
	}
	/* t >= m unless the top limb is 0 and the subtraction borrowed */
	mask = ct_mask_nz(t[nl] | (borrow ^ 1));
	for (j = 0; j < nl; j++)
		r[j] = (r[j] & mask) | (t[j] & ~mask);
}

/* r = a - b mod m, for a, b < m; @r may be @a or @b */
static void ct_mod_sub(u64 *r, const u64 *a, const u64 *b, const u64 *m,
		       unsigned int nl)
{
	u64 borrow = 0, carry = 0, mask;
	unsigned int j;
	u128 z;

	for (j = 0; j < nl; j++) {
		z = (u128)a[j] - b[j] - borrow;
		r[j] = (u64)z;
		borrow = (u64)(z >> 64) & 1;
	}
	mask = 0 - borrow;
	OPTIMIZER_HIDE_VAR(mask);
	for (j = 0; j < nl; j++) {
		z = (u128)r[j] + (m[j] & mask) + carry;
		r[j] = (u64)z;
		carry = (u64)(z >> 64);
	}
}

/* A Montgomery context: R = 2^(64 nl) */
struct pss_mont {
	const u64 *m;		/* odd modulus, nl limbs */
	u64 *r2;		/* R^2 mod m */
	u64 *t;			/* 2 nl + 2 limbs of scratch */
	u64 minv;		/* -m^-1 mod 2^64 */
	unsigned int nl;
};

/*
 * r = a * b / R mod m (CIOS), fully reduced; needs a * b < m * R (e.g.
 * a < R and b < m). @r may be @a or @b.
 */
static void mont_mul(const struct pss_mont *mo, u64 *r, const u64 *a,
		     const u64 *b)
{
	unsigned int nl = mo->nl, i, j;
	const u64 *m = mo->m;
	u64 *t = mo->t, c, u;
	u128 z;

	memset(t, 0, (nl + 2) * sizeof(*t));
	for (i = 0; i < nl; i++) {
		c = 0;
		for (j = 0; j < nl; j++) {
			z = (u128)a[j] * b[i] + t[j] + c;
			t[j] = (u64)z;
			c = (u64)(z >> 64);
		}
		z = (u128)t[nl] + c;
		t[nl] = (u64)z;
		t[nl + 1] = (u64)(z >> 64);

		u = t[0] * mo->minv;
		z = (u128)u * m[0] + t[0];
		c = (u64)(z >> 64);
		for (j = 1; j < nl; j++) {
			z = (u128)u * m[j] + t[j] + c;
			t[j - 1] = (u64)z;
			c = (u64)(z >> 64);
		}
		z = (u128)t[nl] + c;
		t[nl - 1] = (u64)z;
		t[nl] = t[nl + 1] + (u64)(z >> 64);
	}
	ct_final_sub(r, t, m, nl);
}

/*
 * r = x / R mod m, for x of 2 nl + 1 limbs below m * R (word-by-word
 * Montgomery reduction); destroys @x. @r must not overlap @x.
 */
static void mont_redc_wide(const struct pss_mont *mo, u64 *r, u64 *x)
{
	unsigned int nl = mo->nl, i, j;
	const u64 *m = mo->m;
	u64 c, c2 = 0, u, minv = mo->minv;
	u128 z;

	for (i = 0; i < nl; i++, x++) {
		u = x[0] * minv;
		c = 0;
		for (j = 0; j < nl; j++) {
			z = (u128)u * m[j] + x[j] + c;
			x[j] = (u64)z;
			c = (u64)(z >> 64);
		}
		z = (u128)x[nl] + c + c2;
		x[nl] = (u64)z;
		c2 = (u64)(z >> 64);
	}
	x[nl] += c2;
	ct_final_sub(r, x, m, nl);
}

/* r = a^2 / R mod m, for a < m; @r may be @a */
static void mont_sqr(const struct pss_mont *mo, u64 *r, const u64 *a)
{
	unsigned int nl = mo->nl, i, j;
	u64 *x = mo->t, c = 0, sb = 0, lo, hi;
	u128 z, y;

	memset(x, 0, (2 * nl + 1) * sizeof(*x));
	/* the products a[i] a[j], i < j */
	for (i = 0; i < nl; i++) {
		u64 ai = a[i], *xi = x + i;

		c = 0;
		for (j = i + 1; j < nl; j++) {
			z = (u128)ai * a[j] + xi[j] + c;
			xi[j] = (u64)z;
			c = (u64)(z >> 64);
		}
		xi[nl] = c;
	}
	/* twice that, plus the squares a[i]^2 */
	c = 0;
	for (i = 0; i < nl; i++) {
		z = (u128)a[i] * a[i];
		lo = x[2 * i] << 1 | sb;
		hi = x[2 * i + 1] << 1 | x[2 * i] >> 63;
		sb = x[2 * i + 1] >> 63;
		y = (u128)lo + (u64)z + c;
		x[2 * i] = (u64)y;
		c = (u64)(y >> 64);
		y = (u128)hi + (u64)(z >> 64) + c;
		x[2 * i + 1] = (u64)y;
		c = (u64)(y >> 64);
	}
	mont_redc_wide(mo, r, x);
}

/*
 * Sets up @mo for the odd modulus @m of @bits bits (bits >= 2, public):
 * -m^-1 mod 2^64 by Newton's iteration, and R^2 mod m without a division:
 * from 2^(bits - 1) < m, doublings each followed by a masked subtraction up
 * to 2^(65 nl) = R * 2^nl, then six Montgomery squarings, each doubling
 * the power of two above R: R * 2^(64 nl) = R^2.
 */
static void mont_init(struct pss_mont *mo, const u64 *m, unsigned int nl,
		      unsigned int bits, u64 *r2, u64 *t)
{
	unsigned int i, j;
	u64 x = m[0], c;

	/* m * m = 1 mod 8: x is right in 3 bits, each step doubles that */
	for (i = 0; i < 5; i++)
		x *= 2 - m[0] * x;
	mo->m = m;
	mo->nl = nl;
	mo->r2 = r2;
	mo->t = t;
	mo->minv = 0 - x;

	memset(r2, 0, nl * sizeof(*r2));
	r2[(bits - 1) / 64] = 1ULL << ((bits - 1) % 64);
	for (i = bits - 1; i < 65 * nl; i++) {
		c = 0;
		for (j = 0; j < nl; j++) {
			t[j] = r2[j] << 1 | c;
			c = r2[j] >> 63;
		}
		t[nl] = c;
		ct_final_sub(r2, t, m, nl);
	}
	for (i = 0; i < 6; i++)
		mont_sqr(mo, r2, r2);
}

/* @w window bits of @e (@el limbs) from bit @pos (public) up */
static unsigned int exp_window(const u64 *e, unsigned int el,
			       unsigned int pos, unsigned int w)
{
	unsigned int limb = pos / 64, sh = pos % 64;
	u64 v = e[limb] >> sh;

	if (sh > 64 - w && limb + 1 < el)
		v |= e[limb + 1] << (64 - sh);
	return v & ((1U << w) - 1);
}

/* out = tab[idx], reading every entry of the table */
static void ct_lookup(u64 *out, const u64 *tab, unsigned int idx,
		      unsigned int nl)
{
	unsigned int i, j;
	u64 mask;

	memset(out, 0, nl * sizeof(*out));
	for (i = 0; i < PSS_WIN_SIZE; i++) {
		mask = ~ct_mask_nz(i ^ idx);
		for (j = 0; j < nl; j++)
			out[j] |= tab[i * nl + j] & mask;
	}
}

/*
 * acc = base^e in Montgomery form, for base in Montgomery form and e of
 * @ebits bits (public) in @el limbs: fixed windows of %PSS_WIN_BITS bits,
 * each %PSS_WIN_BITS squarings and one multiplication by an entry of the
 * table (the entry for 0 is R, so a zero window costs the same). @tab
 * holds %PSS_WIN_SIZE * nl limbs; @base is clobbered.
 */
static void mont_exp_ct(const struct pss_mont *mo, u64 *acc, u64 *base,
			const u64 *e, unsigned int el, unsigned int ebits,
			u64 *tab)
{
	unsigned int nl = mo->nl, i, j, idx;

	memcpy(tab + nl, base, nl * sizeof(*tab));
	memset(base, 0, nl * sizeof(*base));
	base[0] = 1;
	mont_mul(mo, tab, mo->r2, base);
	for (i = 2; i < PSS_WIN_SIZE; i++)
		mont_mul(mo, tab + i * nl, tab + (i - 1) * nl, tab + nl);

	memcpy(acc, tab, nl * sizeof(*acc));
	for (i = DIV_ROUND_UP(ebits, PSS_WIN_BITS); i-- > 0;) {
		for (j = 0; j < PSS_WIN_BITS; j++)
			mont_sqr(mo, acc, acc);
		idx = exp_window(e, el, i * PSS_WIN_BITS, PSS_WIN_BITS);
		ct_lookup(base, tab, idx, nl);
		mont_mul(mo, acc, acc, base);
	}
}

/* eb = d + k * (m - 1), m odd, in nl + 1 limbs; @eb may be @d */
static void exp_blind(u64 *eb, const u64 *d, const u64 *m, unsigned int nl,
		      u64 k)
{
	unsigned int j;
	u64 c = 0;
	u128 z;

	for (j = 0; j < nl; j++) {
		z = (u128)k * (j ? m[j] : m[0] & ~1ULL) + d[j] + c;
		eb[j] = (u64)z;
		c = (u64)(z >> 64);
	}
	eb[nl] = c;
}

/* x[0..nl) = the @len big-endian octets at @be; len <= 8 * nl */
static void be_to_limbs(u64 *x, unsigned int nl, const u8 *be, size_t len)
{
	size_t i;

	memset(x, 0, nl * sizeof(*x));
	for (i = 0; i < len; i++)
		x[i / 8] |= (u64)be[len - 1 - i] << (8 * (i % 8));
}

/* the @len low octets of x[0..nl), big-endian, zero above 8 * nl */
static void limbs_to_be(u8 *be, size_t len, const u64 *x, unsigned int nl)
{
	size_t i;

	for (i = 0; i < len; i++)
		be[len - 1 - i] = i / 8 < nl ? (u8)(x[i / 8] >> (8 * (i % 8))) :
					       0;
}

/* @len octets of @a below those of @b, big-endian, in constant time */
static bool ct_be_below(const u8 *a, const u8 *b, size_t len)
{
	unsigned int borrow = 0;
	size_t i;

	for (i = len; i-- > 0;)
		borrow = ((unsigned int)a[i] - b[i] - borrow) >> 31;
	return borrow;
}

/* x = x / 2 mod n (n odd, x < n), in nl limbs */
static void limb_half_mod(u64 *x, const u64 *n, unsigned int nl)
{
	u64 c = 0, mask = 0 - (x[0] & 1);
	unsigned int j;
	u128 z;

	for (j = 0; j < nl; j++) {
		z = (u128)x[j] + (n[j] & mask) + c;
		x[j] = (u64)z;
		c = (u64)(z >> 64);
	}
	for (j = 0; j < nl; j++)
		x[j] = x[j] >> 1 | (j + 1 < nl ? x[j + 1] << 63 : c << 63);
}

/* a -= b, for a >= b */
static void limb_sub(u64 *a, const u64 *b, unsigned int nl)
{
	u64 borrow = 0;
	unsigned int j;
	u128 z;

	for (j = 0; j < nl; j++) {
		z = (u128)a[j] - b[j] - borrow;
		a[j] = (u64)z;
		borrow = (u64)(z >> 64) & 1;
	}
}

/* compares a and b: -1, 0 or 1 (variable time) */
static int limb_cmp(const u64 *a, const u64 *b, unsigned int nl)
{
	while (nl--)
		if (a[nl] != b[nl])
			return a[nl] > b[nl] ? 1 : -1;
	return 0;
}

static bool limb_is(const u64 *a, unsigned int nl, u64 v)
{
	unsigned int j;

	for (j = 1; j < nl; j++)
		if (a[j])
			return false;
	return a[0] == v;
}

/* a >>= 1 */
static void limb_shr1(u64 *a, unsigned int nl)
{
	unsigned int j;

	for (j = 0; j + 1 < nl; j++)
		a[j] = a[j] >> 1 | a[j + 1] << 63;
	a[nl - 1] >>= 1;
}

/*
 * x = a^-1 mod n by the binary extended Euclid algorithm, variable time,
 * on nl limbs: a < n, n odd above 1; @ws holds 3 nl limbs. 0 or -EDOM.
 */
static int limb_mod_inv(u64 *x, const u64 *a, const u64 *n, unsigned int nl,
			u64 *ws)
{
	u64 *u = ws, *v = ws + nl, *x2 = ws + 2 * nl, *x1 = x;

	memcpy(u, a, nl * sizeof(*u));
	memcpy(v, n, nl * sizeof(*v));
	memset(x1, 0, nl * sizeof(*x1));
	x1[0] = 1;
	memset(x2, 0, nl * sizeof(*x2));
	for (;;) {
		if (limb_is(u, nl, 1))
			return 0;
		if (limb_is(v, nl, 1)) {
			memcpy(x, x2, nl * sizeof(*x));
			return 0;
		}
		if (limb_is(u, nl, 0))
			return -EDOM;
		while (!(u[0] & 1)) {
			limb_shr1(u, nl);
			limb_half_mod(x1, n, nl);
		}
		while (!(v[0] & 1)) {
			limb_shr1(v, nl);
			limb_half_mod(x2, n, nl);
		}
		if (limb_cmp(u, v, nl) >= 0) {
			limb_sub(u, v, nl);
			ct_mod_sub(x1, x1, x2, n, nl);
		} else {
			limb_sub(v, u, nl);
			ct_mod_sub(x2, x2, x1, n, nl);
		}
	}
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
 * halves or subtracts until u or v is 1, or u reaches 0 (gcd(a, n) = v),
 * on u64 limbs (limb_mod_inv()): lib/crypto/mpi's calls per step made this
 * the slowest part of signing.
 *
 * Return: 0 with @x set, -EDOM if gcd(@a, @n) != 1, -EINVAL if @n is even
 * or below 3 or @a >= @n, -ENOMEM.
 */
VISIBLE_IF_KUNIT int rsa_pss_mod_inv(MPI x, MPI a, MPI n)
{
	unsigned int nl = mpi_get_nlimbs(n), len = 8 * nl;
	u64 *ws, *av, *nv;
	MPI t = NULL;
	u8 *buf;
	int err;

	if (!mpi_test_bit(n, 0) || mpi_cmp_ui(n, 1) <= 0 || mpi_cmp(a, n) >= 0)
		return -EINVAL;
	ws = kcalloc(6 * nl, sizeof(*ws), GFP_KERNEL);
	buf = kmalloc(len, GFP_KERNEL);
	err = -ENOMEM;
	if (!ws || !buf)
		goto out;
	av = ws + nl;
	nv = av + nl;
	err = mpi_to_be(a, buf, len);
	if (err)
		goto out;
	be_to_limbs(av, nl, buf, len);
	err = mpi_to_be(n, buf, len);
	if (err)
		goto out;
	be_to_limbs(nv, nl, buf, len);
	err = limb_mod_inv(ws, av, nv, nl, nv + nl);
	if (err)
		goto out;
	limbs_to_be(buf, len, ws, nl);
	t = mpi_read_raw_data(buf, len);
	err = t ? mpi_rshift(x, t, 0) : -ENOMEM;
out:
	mpi_wipe_free(t);
	kfree_sensitive(buf);
	kfree_sensitive(ws);
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
 * s = c^d mod n for @in = c below n (k = n_sz octets, big-endian) into @out
 * (k octets), by CRT with exponents blinded afresh (header comment). Does
 * not check the result: pss_rsasp1() does.
 */
static int pss_crt(const struct pss_key *pk, const u8 *in, u8 *out)
{
	unsigned int l = pk->pl, w = 2 * l, i, j;
	u64 *ws, *p, *q, *r2p, *r2q, *qinv, *ep, *eq, *x, *tab, *a, *m1, *m2;
	struct pss_mont mp, mq;
	u64 *t, c;
	u128 z;

	ws = kcalloc(46 * l + 5, sizeof(*ws), GFP_KERNEL);
	if (!ws)
		return -ENOMEM;
	p = ws;
	q = p + l;
	r2p = q + l;
	r2q = r2p + l;
	qinv = r2q + l;
	a = qinv + l;
	m1 = a + l;
	m2 = m1 + l;
	ep = m2 + l;			/* l + 1 limbs */
	eq = ep + l + 1;		/* l + 1 limbs */
	t = eq + l + 1;			/* w + 2 limbs */
	x = t + w + 2;			/* w + 1 limbs */
	tab = x + w + 1;		/* PSS_WIN_SIZE * l limbs */

	be_to_limbs(p, l, pk->p, pk->p_sz);
	be_to_limbs(q, l, pk->q, pk->q_sz);
	be_to_limbs(qinv, l, pk->qinv, pk->qinv_sz);
	be_to_limbs(ep, l, pk->dp, pk->dp_sz);
	be_to_limbs(eq, l, pk->dq, pk->dq_sz);
	exp_blind(ep, ep, p, l, get_random_u64());
	exp_blind(eq, eq, q, l, get_random_u64());
	mont_init(&mp, p, l, pk->pbits, r2p, t);
	mont_init(&mq, q, l, pk->qbits, r2q, t);

	/* m1 = c^dp' R mod p: c / R, then c, then c R (c < n < p R) */
	be_to_limbs(x, w + 1, in, pk->n_sz);
	mont_redc_wide(&mp, a, x);
	mont_mul(&mp, a, a, r2p);
	mont_mul(&mp, a, a, r2p);
	mont_exp_ct(&mp, m1, a, ep, l + 1, pk->pbits + PSS_EXP_BLIND_BITS, tab);

	/* m2 = c^dq' mod q, out of Montgomery form */
	be_to_limbs(x, w + 1, in, pk->n_sz);
	mont_redc_wide(&mq, a, x);
	mont_mul(&mq, a, a, r2q);
	mont_mul(&mq, a, a, r2q);
	mont_exp_ct(&mq, m2, a, eq, l + 1, pk->qbits + PSS_EXP_BLIND_BITS, tab);
	memset(a, 0, l * sizeof(*a));
	a[0] = 1;
	mont_mul(&mq, m2, m2, a);

	/* h = qinv (m1 - m2) mod p: (m1 - m2) R, times qinv / R */
	mont_mul(&mp, a, m2, r2p);
	ct_mod_sub(m1, m1, a, p, l);
	mont_mul(&mp, m1, m1, qinv);

	/* s = m2 + h q, below n */
	memset(x, 0, (w + 1) * sizeof(*x));
	for (i = 0; i < l; i++) {
		c = 0;
		for (j = 0; j < l; j++) {
			z = (u128)m1[j] * q[i] + x[i + j] + c;
			x[i + j] = (u64)z;
			c = (u64)(z >> 64);
		}
		x[i + l] = c;
	}
	c = 0;
	for (j = 0; j < w; j++) {
		z = (u128)x[j] + (j < l ? m2[j] : 0) + c;
		x[j] = (u64)z;
		c = (u64)(z >> 64);
	}
	limbs_to_be(out, pk->n_sz, x, w);
	kfree_sensitive(ws);
	return 0;
}

/*
 * 0 if @s^e mod n is @want (both n_sz octets, big-endian), else -EIO. The
 * exponent and the modulus are public: a left-to-right square-and-multiply
 * over the bits of e. @s and @want are the signature and EM, or the
 * one-time blinded s' and em'.
 */
static int pss_check_public(const struct pss_key *pk, const u8 *s,
			    const u8 *want)
{
	unsigned int nl = DIV_ROUND_UP(pk->n_sz, 8);
	unsigned int ebits = be_bits(pk->e, pk->e_sz), b;
	u64 *ws, *n, *r2, *x, *acc, *t;
	struct pss_mont mo;
	int err;

	ws = kcalloc(6 * nl + 2, sizeof(*ws), GFP_KERNEL);
	if (!ws)
		return -ENOMEM;
	n = ws;
	r2 = n + nl;
	x = r2 + nl;
	acc = x + nl;
	t = acc + nl;			/* 2 nl + 2 limbs */

	be_to_limbs(n, nl, pk->n, pk->n_sz);
	mont_init(&mo, n, nl, pk->nbits, r2, t);
	be_to_limbs(x, nl, s, pk->n_sz);
	mont_mul(&mo, x, x, r2);
	memcpy(acc, x, nl * sizeof(*acc));
	for (b = ebits - 1; b-- > 0;) {
		mont_sqr(&mo, acc, acc);
		if ((pk->e[pk->e_sz - 1 - b / 8] >> (b % 8)) & 1)
			mont_mul(&mo, acc, acc, x);
	}
	memset(x, 0, nl * sizeof(*x));
	x[0] = 1;
	mont_mul(&mo, acc, acc, x);
	be_to_limbs(x, nl, want, pk->n_sz);
	err = crypto_memneq(acc, x, nl * sizeof(*x)) ? -EIO : 0;
	kfree_sensitive(ws);
	return err;
}

/*
 * RSASP1 of @in into @out (n_sz octets each), checked with the public
 * exponent: a faulty result is wiped, never returned.
 */
static int pss_rsasp1(const struct pss_key *pk, const u8 *in, u8 *out)
{
	int err;

	err = pss_crt(pk, in, out);
	if (!err)
		err = pss_check_public(pk, out, in);
	if (err)
		memzero_explicit(out, pk->n_sz);
	return err;
}

/**
 * rsa_pss_rsasp1 - the private operation, checked
 * @priv_key_der: RSAPrivateKey (DER)
 * @priv_len: length of @priv_key_der
 * @c: the input, big-endian, below n
 * @s: output, c^d mod n
 * @len: length of @c and of @s: the modulus length in octets
 *
 * Visible to KUnit only, for cross-checks against crypto/rsa.c.
 *
 * Return: 0, -EINVAL for a key pss_parse_key() refuses, a wrong @len or
 * @c not below n, -EIO if the result failed the check, -ENOMEM.
 */
VISIBLE_IF_KUNIT int rsa_pss_rsasp1(const u8 *priv_key_der, size_t priv_len,
				    const u8 *c, u8 *s, size_t len)
{
	struct pss_key pk;
	int err;

	err = pss_parse_key(priv_key_der, priv_len, true, &pk);
	if (err)
		return err;
	if (len != pk.n_sz || !ct_be_below(c, pk.n, len))
		return -EINVAL;
	return pss_rsasp1(&pk, c, s);
}
EXPORT_SYMBOL_IF_KUNIT(rsa_pss_rsasp1);

/**
 * rsa_pss_rsasp1_check - the fault check of rsa_pss_rsasp1() on its own
 * @priv_key_der: RSAPrivateKey (DER)
 * @priv_len: length of @priv_key_der
 * @c: the input of the private operation
 * @s: its claimed result
 * @len: length of @c and of @s: the modulus length in octets
 *
 * Visible to KUnit only: the tests show with it that a faulty result is
 * caught.
 *
 * Return: 0 if @s^e mod n = @c, -EIO if not, -EINVAL for a key
 * pss_parse_key() refuses or a wrong @len, -ENOMEM.
 */
VISIBLE_IF_KUNIT int rsa_pss_rsasp1_check(const u8 *priv_key_der,
					  size_t priv_len, const u8 *c,
					  const u8 *s, size_t len)
{
	struct pss_key pk;
	int err;

	err = pss_parse_key(priv_key_der, priv_len, true, &pk);
	if (err)
		return err;
	if (len != pk.n_sz)
		return -EINVAL;
	return pss_check_public(&pk, s, c);
}
EXPORT_SYMBOL_IF_KUNIT(rsa_pss_rsasp1_check);

/*
 * Picks the blinding factor: @blind if given (tests), else a fresh random
 * one. Sets bl->r, bl->rinv, bl->a = r^e and bl->mb = em' = m * r^e, all
 * mod n, with em' in [2, n - 2] (0, 1 and n - 1 are their own signatures:
 * blinding by such an r would hide nothing).
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
 * RSASP1 of ctx->em into ctx->sig, blinded: s' = (em * r^e)^d by
 * pss_rsasp1(), then s = s' * r^-1 mod n.
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

	err = pss_rsasp1(pk, ctx->rnd, ctx->sig);
	memzero_explicit(ctx->rnd, k);
	if (err)
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

	ctx = pss_alloc(hash_name, hlen, pk.nbits, true);
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

	ctx = pss_alloc(hash_name, hlen, pk.nbits, false);
	if (IS_ERR(ctx))
		return PTR_ERR(ctx);

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
	err = pss_check_public(&pk, ctx->sig, ctx->em);
	if (err)
		goto out;
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
 *   that does not parse, a modulus below %RSA_PSS_MIN_MODULUS_BITS bits,
 *   or CRT parameters the private operation does not take (a prime above
 *   %PSS_MAX_PRIME_BITS bits or even, dp, dq or qinv longer than the primes)
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
