// SPDX-License-Identifier: GPL-2.0
/*
 * ECDSA signing for NIST P-256 and P-384 with deterministic nonces
 * (RFC 6979): P-256 through the constant-time library crypto/p256.c,
 * P-384 on top of the helpers crypto/ecc.c exports.
 *
 * The nonce k comes from HMAC_DRBG (RFC 6979 section 3.2) keyed with the
 * private key and the digest; HMAC uses the hash whose output length is
 * the digest's (SHA-256, SHA-384 or SHA-512), as RFC 6979 does, which for
 * the TLS 1.3 schemes ecdsa_secp256r1_sha256 and ecdsa_secp384r1_sha384
 * is the curve's hash. A digest longer than the group order is truncated
 * to its leftmost bits (bits2int), a shorter one is taken as is.
 *
 * P-256: this file derives the RFC 6979 nonce (below) and hands it to
 * p256_ecdsa_sign(), whose arithmetic has no secret-dependent branch or
 * memory index (see the audit in crypto/p256.c); the public key comes from
 * p256_public_from_private(). The crypto/ecc.c residuals listed below
 * concern P-384 only.
 *
 * Side channels (audit of this file and of what it calls in crypto/ecc.c
 * of 6.12; threat: a remote peer timing signatures it triggers at will,
 * and an unprivileged local process observing caches at line
 * granularity). Secrets: the private scalar d, the nonce k, the DRBG state
 * K and V, and the blinding values b and (k * b)^-1. Public: the digest
 * and e, r, s, x(k * G), the curve.
 *
 * Constant time (no branch or memory index on secrets):
 * - RFC 6979 nonce: HMAC-SHA-2 through the crypto API (SHA-2 has no
 *   data-dependent lookups), fixed key and message lengths, a fixed
 *   number of blocks per candidate; bits2int and int2octets are byte
 *   copies (ecc_digits_from_bytes(), vli_to_be()).
 * - Range checks of d and of each candidate k ([2, n - 3]) and of b
 *   ([1, n - 1]): scalar_in_range(), ct_lt() and ct_is_zero() here, full
 *   borrow chains. FIXED: they were ecc_is_key_valid() and vli_is_zero()/
 *   vli_cmp(), which return at the first differing digit.
 * - e + r * d: mod_add(), a masked select over full carry chains.
 * - vli_mult() (the product half of vli_mod_mult_slow()): loop bounds
 *   depend on ndigits only, 64x64 products with one mul instruction
 *   (CONFIG_ARCH_SUPPORTS_INT128) and branch-free carry handling.
 * - The ladder's scalar regularisation: ecc_point_mult() adds n and picks
 *   sk[!carry], an array index on the secret carry. FIXED:
 *   ecdsa_sign_ladder_scalar() hands it kl = k + n whenever k + n fits
 *   (else kl = k), so the carry is always 1 and the index always 0 (the
 *   ladder then runs on the very bits it used before; the RFC 6979 known
 *   answers are unchanged). The same for d in
 *   ecdsa_public_from_private().
 * - The Montgomery ladder's loop: a fixed number of iterations
 *   (64 * ndigits), an xycz_add_c() and an xycz_add() each, and the bit
 *   selects which of R0 and R1 is passed first by address arithmetic
 *   (setcc, no branch); both points are read and written in every step.
 *
 * Not constant time, with why it is acceptable or what was done:
 * - Field arithmetic inside the ladder (vli_mod_add()/vli_mod_sub()
 *   conditional corrections with early-exit vli_cmp(), the final loops of
 *   vli_mmod_fast_256/384(), vli_mod_inv() of the final Z): branches on
 *   coordinate values. crypto_ecdh_shared_secret() starts the ladder from
 *   a random Z (projective randomisation), so these values are random and
 *   independent of k between runs; the base point is G, not chosen by an
 *   attacker, so zero-value attacks do not apply. Accepted.
 * - The ladder's swap is by address, not a masked copy: a cache observer
 *   below line granularity (bank conflicts, 4K aliasing) or one tracing
 *   the operand order could still read bits of k. Not fixable outside
 *   crypto/ecc.c; residual.
 * - The two vli_add() calls of the regularisation have "if (sum !=
 *   left[i])", which GCC 12 compiles to a conditional jump in our (KASAN)
 *   test kernel (it is setcc and cmov in vli_sub()). The jump depends on
 *   n[i] + carry: at an all-ones digit of n (P-256 digit 2, P-384 digit
 *   3) it reveals the carry out of the low 128 (P-384: 192) bits of
 *   kl + n and of kl + 2n, two bits per signature about the nonce. A hidden-number
 *   attack on d would need a branch-predictor or single-stepping attacker
 *   on the kernel and very many signatures; this is a residual outside
 *   the threat model above, not fixable in this file (the scalar has no
 *   spare bits for randomising it).
 * - vli_mmod_slow() (the reduction of vli_mod_mult_slow()): a fixed number
 *   of shift-and-subtract rounds, but it keeps the remainder in v[i] with
 *   i chosen by the borrow (a memory index; both buffers are read or
 *   written in every round) and "if (diff != v[i][j])" is again a
 *   conditional jump in this build. FIXED by blinding: before, it reduced
 *   r * d with r public, the situation of the ROHNP attack (CVE-2018-
 *   0495) on the modular arithmetic of ECDSA signing. Now
 *   s = w * (b * e + (b * d) * r) with w = (k * b)^-1 and a fresh uniform
 *   b (blinding, the kind of fix OpenSSL adopted for that CVE): each
 *   reduction has a uniformly random, unknown operand (b, b * d, w) and
 *   never relates d or k to a known value.
 * - vli_mod_inv() (binary extended Euclid, branches on every bit) runs on
 *   k * b mod n, uniform and independent of k for a fresh b. Unchanged.
 * - Rejection loops: a candidate k out of range (probability 2^-32 for
 *   P-256, about 2^-194 for P-384), a zero r or s (about 2^-256), a
 *   candidate b out of range: each shows only that a discarded value was
 *   rejected; the value used is a fresh, independent draw. Accepted.
 * - Comparisons on public values: e against n, x against n, r and s
 *   against zero, DER leading zeros of r and s. Accepted.
 * - ecdsa_public_from_private() on P-384 calls ecc_make_pub_key(), whose
 *   ladder starts from Z = 1 (no projective randomisation) and runs on d:
 *   the field-level branches above are then a fixed function of d. It is
 *   meant for configuration time (today only tests call it), never per
 *   handshake; do not put it on a path a peer can trigger.
 *
 * Wiping: the workspace (d, k, kl, b, w, b * d, the DRBG state) is freed
 * with kfree_sensitive(); crypto/ecc.c frees its points with
 * kfree_sensitive(); stack temporaries here are cleared with
 * memzero_explicit(). crypto/ecc.c's own stack temporaries are not.
 *
 * Allocation: each call allocates one "hmac(shaX)" transform and one
 * workspace (kzalloc, freed with kfree_sensitive), and crypto/ecc.c
 * allocates its points. The transform cannot be shared: its key is the
 * DRBG state of this one signature. A signature is made once per
 * handshake, so this is not on a hot path. The calls may sleep.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/ecdsa-sign.h>
#include <crypto/hash.h>
#include <crypto/internal/ecc.h>
#include <crypto/p256.h>
#include <crypto/sha2.h>
#include <kunit/visibility.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#define MAX_NBYTES	48	/* P-384 */
#define MAX_NDIGITS	ECC_CURVE_NIST_P384_DIGITS

/*
 * Candidates for k rejected in a row before giving up. Each rejection has
 * probability about 2^-128 or less, so reaching this means a bug.
 */
#define MAX_K_TRIES	16

/* Everything one signature needs, off the stack and wiped on free. */
struct sign_ws {
	struct crypto_shash *hmac;
	const struct ecc_curve *curve;
	unsigned int curve_id;
	unsigned int ndigits;
	unsigned int nbytes;
	unsigned int hlen;
	/* HMAC_DRBG state, RFC 6979 section 3.2 */
	u8 key[SHA512_DIGEST_SIZE];
	u8 v[SHA512_DIGEST_SIZE];
	/* V || 0x00 or 0x01 || int2octets(x) || bits2octets(h1) */
	u8 buf[SHA512_DIGEST_SIZE + 1 + 2 * MAX_NBYTES];
	/* T of step h.2, and the big-endian r and s for the encoder */
	u8 t[MAX_NBYTES + SHA512_DIGEST_SIZE];
	u64 d[MAX_NDIGITS];		/* private scalar */
	u64 e[MAX_NDIGITS];		/* bits2int(digest) mod n */
	u64 k[MAX_NDIGITS];		/* nonce */
	u64 kl[MAX_NDIGITS];		/* k or k + n, for the ladder */
	u64 b[MAX_NDIGITS];		/* blinding factor */
	u64 w[MAX_NDIGITS];		/* (k * b)^-1 */
	u64 bd[MAX_NDIGITS];		/* b * d, then b * d * r */
	u64 r[MAX_NDIGITS];
	u64 s[MAX_NDIGITS];
	u64 g[2 * MAX_NDIGITS];		/* G, in ecc_swap_digits() layout */
	u64 x[MAX_NDIGITS];		/* x(k*G), same layout */
};

static int curve_ndigits(unsigned int curve_id)
{
	switch (curve_id) {
	case ECC_CURVE_NIST_P256:
		return ECC_CURVE_NIST_P256_DIGITS;
	case ECC_CURVE_NIST_P384:
		return ECC_CURVE_NIST_P384_DIGITS;
	default:
		return -EINVAL;
	}
}

static const char *hmac_name(size_t digest_len)
{
	switch (digest_len) {
	case SHA256_DIGEST_SIZE:
		return "hmac(sha256)";
	case SHA384_DIGEST_SIZE:
		return "hmac(sha384)";
	case SHA512_DIGEST_SIZE:
		return "hmac(sha512)";
	default:
		return NULL;
	}
}

/* Big-endian bytes of a vli (int2octets for values below n). */
static void vli_to_be(u8 *out, const u64 *vli, unsigned int ndigits)
{
	unsigned int i;

	for (i = 0; i < ndigits; i++)
		put_unaligned_be64(vli[ndigits - 1 - i], out + 8 * i);
}

/*
 * Constant-time multi-digit arithmetic: no branch and no memory index
 * depends on the values, only on @nd (public). crypto/ecc.c's vli_cmp(),
 * vli_is_zero() and vli_add() exit early or branch on the data.
 */

/* res = a + b; returns the carry out (0 or 1). res may alias a or b. */
static u64 ct_add(u64 *res, const u64 *a, const u64 *b, unsigned int nd)
{
	u64 carry = 0;
	unsigned int i;

	for (i = 0; i < nd; i++) {
		u64 x = a[i], y = b[i], z = x + y + carry;

		carry = ((x & y) | ((x | y) & ~z)) >> 63;
		res[i] = z;
	}
	return carry;
}

/* res = a - b; returns the borrow out (0 or 1). res may alias a or b. */
static u64 ct_sub(u64 *res, const u64 *a, const u64 *b, unsigned int nd)
{
	u64 borrow = 0;
	unsigned int i;

	for (i = 0; i < nd; i++) {
		u64 x = a[i], y = b[i], z = x - y - borrow;

		borrow = ((~x & y) | (~(x ^ y) & z)) >> 63;
		res[i] = z;
	}
	return borrow;
}

/* 1 if a < b, else 0 */
static u64 ct_lt(const u64 *a, const u64 *b, unsigned int nd)
{
	u64 borrow = 0;
	unsigned int i;

	for (i = 0; i < nd; i++) {
		u64 x = a[i], y = b[i], z = x - y - borrow;

		borrow = ((~x & y) | (~(x ^ y) & z)) >> 63;
	}
	return borrow;
}

/* 1 if a == 0, else 0 */
static u64 ct_is_zero(const u64 *a, unsigned int nd)
{
	u64 acc = 0;
	unsigned int i;

	for (i = 0; i < nd; i++)
		acc |= a[i];
	return ((acc | (0 - acc)) >> 63) ^ 1;
}

/* res = mask ? a : b, for mask all ones or zero */
static void ct_select(u64 *res, u64 mask, const u64 *a, const u64 *b,
		      unsigned int nd)
{
	unsigned int i;

	for (i = 0; i < nd; i++)
		res[i] = (a[i] & mask) | (b[i] & ~mask);
}

/*
 * 1 if 2 <= x <= n - 3, else 0, in constant time: the range crypto/ecc.c's
 * ladder handles (1, n - 2 and n - 1 hit the exceptional cases of its
 * co-Z formulas), which ecc_is_key_valid() checks with early-exit
 * vli_cmp() calls.
 */
static u64 scalar_in_range(const u64 *x, const u64 *n, unsigned int nd)
{
	u64 one[MAX_NDIGITS] = { 1 }, two[MAX_NDIGITS] = { 2 };
	u64 lim[MAX_NDIGITS];

	ct_sub(lim, n, two, nd);		/* n - 2, public */
	return ct_lt(one, x, nd) & ct_lt(x, lim, nd);
}

/*
 * Loads a big-endian private scalar and checks it: [2, n - 3], as
 * crypto/ecc.c accepts, checked without early exits.
 */
static int load_scalar(u64 *d, const struct ecc_curve *curve,
		       unsigned int ndigits, const u8 *priv)
{
	ecc_digits_from_bytes(priv, ndigits * 8, d, ndigits);
	return scalar_in_range(d, curve->n, ndigits) ? 0 : -EINVAL;
}

/**
 * ecdsa_sign_ladder_scalar - the scalar to give crypto/ecc.c's ladder
 * @out: output, @x + @n if that fits in @nd digits, else @x; may be @x
 * @x: a scalar in [2, n - 3]
 * @n: the group order
 * @nd: number of 64-bit digits
 *
 * ecc_point_mult() regularises its scalar by adding n and picks k + n or
 * k + 2n with an array index on the carry (sk[!carry]). Given @out, that
 * addition always carries, so the index is always 0, and the ladder runs
 * on the same bits it would have used for @x (x + n or x + 2n, less
 * 2^(64 * nd)). Constant time. Visible to KUnit, otherwise static.
 */
VISIBLE_IF_KUNIT void ecdsa_sign_ladder_scalar(u64 *out, const u64 *x,
					       const u64 *n, unsigned int nd)
{
	u64 t[MAX_NDIGITS], carry;

	carry = ct_add(t, x, n, nd);
	ct_select(out, carry - 1, t, x, nd);
	memzero_explicit(t, sizeof(t));
}
EXPORT_SYMBOL_IF_KUNIT(ecdsa_sign_ladder_scalar);

/* res = (a + b) mod m for a, b < m, without data-dependent branches. */
static void mod_add(u64 *res, const u64 *a, const u64 *b, const u64 *m,
		    unsigned int ndigits)
{
	u64 sum[MAX_NDIGITS], diff[MAX_NDIGITS];
	u64 carry, borrow;

	carry = ct_add(sum, a, b, ndigits);
	borrow = ct_sub(diff, sum, m, ndigits);
	/* a + b >= m when the sum carried out or the subtraction did not */
	ct_select(res, 0 - (carry | (borrow ^ 1)), diff, sum, ndigits);

	memzero_explicit(sum, sizeof(sum));
	memzero_explicit(diff, sizeof(diff));
}

static int hmac_rekey(struct sign_ws *ws)
{
	return crypto_shash_setkey(ws->hmac, ws->key, ws->hlen);
}

/* V = HMAC_K(V) */
static int hmac_update_v(struct sign_ws *ws)
{
	memcpy(ws->buf, ws->v, ws->hlen);
	return crypto_shash_tfm_digest(ws->hmac, ws->buf, ws->hlen, ws->v);
}

/*
 * K = HMAC_K(V || sep || extra); V = HMAC_K(V)
 * (RFC 6979 section 3.2 steps d-g, and step h.3 with no @extra).
 */
static int drbg_update(struct sign_ws *ws, u8 sep, const u8 *extra,
		       unsigned int extra_len)
{
	int err;

	memcpy(ws->buf, ws->v, ws->hlen);
	ws->buf[ws->hlen] = sep;
	if (extra_len)
		memcpy(ws->buf + ws->hlen + 1, extra, extra_len);
	err = crypto_shash_tfm_digest(ws->hmac, ws->buf,
				      ws->hlen + 1 + extra_len, ws->key);
	if (!err)
		err = hmac_rekey(ws);
	if (!err)
		err = hmac_update_v(ws);
	return err;
}

/* RFC 6979 section 3.2 steps b-g: seed with int2octets(x), bits2octets(h1). */
static int drbg_seed(struct sign_ws *ws, const u8 *priv)
{
	u8 *seed = ws->t;
	int err;

	memcpy(seed, priv, ws->nbytes);
	vli_to_be(seed + ws->nbytes, ws->e, ws->ndigits);

	memset(ws->v, 0x01, ws->hlen);
	memset(ws->key, 0x00, ws->hlen);
	err = hmac_rekey(ws);
	if (!err)
		err = drbg_update(ws, 0x00, seed, 2 * ws->nbytes);
	if (!err)
		err = drbg_update(ws, 0x01, seed, 2 * ws->nbytes);
	memzero_explicit(seed, 2 * ws->nbytes);
	return err;
}

/* RFC 6979 section 3.2 steps h.1-h.2: k = bits2int(T), qlen = 8 * nbytes. */
static int drbg_generate(struct sign_ws *ws)
{
	unsigned int tlen = 0;
	int err;

	while (tlen < ws->nbytes) {
		err = hmac_update_v(ws);
		if (err)
			return err;
		memcpy(ws->t + tlen, ws->v, ws->hlen);
		tlen += ws->hlen;
	}
	ecc_digits_from_bytes(ws->t, ws->nbytes, ws->k, ws->ndigits);
	memzero_explicit(ws->t, tlen);
	return 0;
}

/* r = x(k * G) mod n; -EAGAIN if r is zero. */
static int compute_r(struct sign_ws *ws)
{
	unsigned int nd = ws->ndigits;
	int err;

	ecdsa_sign_ladder_scalar(ws->kl, ws->k, ws->curve->n, nd);
	err = crypto_ecdh_shared_secret(ws->curve_id, nd, ws->kl, ws->g,
					ws->x);
	if (err)
		return err;
	ecc_swap_digits(ws->x, ws->r, nd);
	/* x < p < 2n for P-256 and P-384: one subtraction reduces it */
	/* public: x(k * G) is computable by any verifier */
	if (vli_cmp(ws->r, ws->curve->n, nd) >= 0)
		vli_sub(ws->r, ws->r, ws->curve->n, nd);
	return vli_is_zero(ws->r, nd) ? -EAGAIN : 0;
}

/*
 * P-256: r and s from crypto/p256.c for the candidate ws->k; -EAGAIN if
 * either is zero. Constant time in d and k.
 */
static int sign_p256(struct sign_ws *ws, const u8 *priv, const u8 *digest,
		     size_t digest_len)
{
	u8 *kb = ws->t, *rb = ws->t + P256_BYTES, *sb = ws->t + 2 * P256_BYTES;
	int err;

	vli_to_be(kb, ws->k, ws->ndigits);
	err = p256_ecdsa_sign(priv, digest, digest_len, kb, rb, sb);
	if (!err) {
		ecc_digits_from_bytes(rb, P256_BYTES, ws->r, ws->ndigits);
		ecc_digits_from_bytes(sb, P256_BYTES, ws->s, ws->ndigits);
	}
	memzero_explicit(kb, P256_BYTES);
	return err;
}

/*
 * s = k^-1 * (e + r * d) mod n, computed as w * (b * e + (b * d) * r) with
 * w = (k * b)^-1 and a fresh uniform b in [1, n - 1]: every product mod n
 * has a uniformly random operand or result, so the data-dependent parts
 * of vli_mod_mult_slow() and vli_mod_inv() never see d or k alone, nor
 * a value an attacker can relate to them. -EAGAIN if s is zero.
 */
static int compute_s(struct sign_ws *ws)
{
	const u64 *n = ws->curve->n;
	unsigned int nd = ws->ndigits;
	int tries = 0;

	/* blinding factor b, uniform in [1, n - 1]; rejections are public */
	do {
		if (++tries > MAX_K_TRIES)
			return -EAGAIN;
		get_random_bytes(ws->b, nd * sizeof(u64));
	} while (ct_is_zero(ws->b, nd) | (ct_lt(ws->b, n, nd) ^ 1));

	/* w = (k * b)^-1: the variable-time inversion sees a uniform unit */
	vli_mod_mult_slow(ws->w, ws->k, ws->b, n, nd);
	vli_mod_inv(ws->w, ws->w, n, nd);

	vli_mod_mult_slow(ws->bd, ws->b, ws->d, n, nd);
	vli_mod_mult_slow(ws->bd, ws->bd, ws->r, n, nd);
	vli_mod_mult_slow(ws->s, ws->b, ws->e, n, nd);
	mod_add(ws->s, ws->s, ws->bd, n, nd);
	vli_mod_mult_slow(ws->s, ws->s, ws->w, n, nd);
	/* public: s is the signature */
	return vli_is_zero(ws->s, nd) ? -EAGAIN : 0;
}

/* DER INTEGER of an unsigned big-endian value; returns its length. */
static size_t der_integer(u8 *out, const u8 *be, size_t len)
{
	size_t pad;

	while (len > 1 && !be[0]) {
		be++;
		len--;
	}
	pad = be[0] >> 7;
	if (out) {
		out[0] = 0x02;
		out[1] = len + pad;
		out[2] = 0x00;
		memcpy(out + 2 + pad, be, len);
	}
	return 2 + pad + len;
}

/* Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 5480) */
static int der_encode(struct sign_ws *ws, u8 *sig, size_t sig_size,
		      size_t *sig_len)
{
	const u8 *rb = ws->t, *sb = ws->t + ws->nbytes;
	size_t rlen, slen;

	vli_to_be(ws->t, ws->r, ws->ndigits);
	vli_to_be(ws->t + ws->nbytes, ws->s, ws->ndigits);
	rlen = der_integer(NULL, rb, ws->nbytes);
	slen = der_integer(NULL, sb, ws->nbytes);
	/* at most 2 * 51 = 102 content octets: the short length form */
	if (2 + rlen + slen > sig_size)
		return -ENOSPC;
	sig[0] = 0x30;
	sig[1] = rlen + slen;
	der_integer(sig + 2, rb, ws->nbytes);
	der_integer(sig + 2 + rlen, sb, ws->nbytes);
	*sig_len = 2 + rlen + slen;
	return 0;
}

static int sign_digest(struct sign_ws *ws, const u8 *priv, const u8 *digest,
		       size_t digest_len, u8 *sig, size_t sig_size,
		       size_t *sig_len)
{
	const struct ecc_curve *curve = ws->curve;
	unsigned int nd = ws->ndigits;
	int tries, err;

	err = load_scalar(ws->d, curve, nd, priv);
	if (err)
		return err;

	/* e = bits2int(digest) mod n, which is also bits2octets' value */
	/* public: e comes from the digest */
	ecc_digits_from_bytes(digest, min_t(size_t, digest_len, ws->nbytes),
			      ws->e, nd);
	if (vli_cmp(ws->e, curve->n, nd) >= 0)
		vli_sub(ws->e, ws->e, curve->n, nd);

	ecc_swap_digits(curve->g.x, ws->g, nd);
	ecc_swap_digits(curve->g.y, ws->g + nd, nd);

	err = drbg_seed(ws, priv);
	for (tries = 0; !err && tries < MAX_K_TRIES; tries++) {
		err = drbg_generate(ws);
		if (err)
			break;
		/*
		 * k outside [2, n - 3] is rejected like an r or s of zero;
		 * a rejection only shows that a discarded candidate was out
		 * of range (RFC 6979 section 3.2 step h.3 draws a new one)
		 */
		if (scalar_in_range(ws->k, curve->n, nd)) {
			if (ws->curve_id == ECC_CURVE_NIST_P256) {
				err = sign_p256(ws, priv, digest, digest_len);
			} else {
				err = compute_r(ws);
				if (!err)
					err = compute_s(ws);
			}
			if (!err)
				return der_encode(ws, sig, sig_size, sig_len);
			if (err != -EAGAIN)
				break;
		}
		/* RFC 6979 section 3.2 step h.3 */
		err = drbg_update(ws, 0x00, NULL, 0);
	}
	return err ?: -EAGAIN;
}

/**
 * ecdsa_sign_digest - sign a digest with ECDSA and an RFC 6979 nonce
 * @curve_id: %ECC_CURVE_NIST_P256 or %ECC_CURVE_NIST_P384
 * @priv: private scalar, big-endian
 * @priv_len: length of @priv: 32 (P-256) or 48 (P-384)
 * @digest: message digest (SHA-256, SHA-384 or SHA-512 output)
 * @digest_len: 32, 48 or 64; selects the HMAC hash of the nonce DRBG.
 *	A digest longer than the group order is truncated to its leftmost
 *	bits (RFC 6979 bits2int), as the verifier does.
 * @sig: output, the DER Ecdsa-Sig-Value; %ECDSA_SIGN_MAX_DER_SIZE is
 *	always enough
 * @sig_size: size of @sig
 * @sig_len: output, length of the signature written to @sig
 *
 * Deterministic: the same key and digest always give the same signature,
 * the one RFC 6979 section 3.2 defines. May sleep.
 *
 * Return values:
 *   %0: @sig holds *@sig_len bytes of signature
 *   %-EINVAL: unknown curve, wrong @priv_len or @digest_len, NULL pointer,
 *	or a private scalar outside [2, n - 3] (zero and >= n included)
 *   %-ENOSPC: the signature does not fit in @sig_size bytes
 *   %-ENOMEM: out of memory
 *   other negative errno: the HMAC transform or crypto/ecc.c failed
 */
int ecdsa_sign_digest(unsigned int curve_id, const u8 *priv, size_t priv_len,
		      const u8 *digest, size_t digest_len, u8 *sig,
		      size_t sig_size, size_t *sig_len)
{
	const char *hname = hmac_name(digest_len);
	int nd = curve_ndigits(curve_id);
	struct sign_ws *ws;
	int err;

	if (!sig_len)
		return -EINVAL;
	*sig_len = 0;
	if (nd < 0 || !priv || !digest || !sig || !hname ||
	    priv_len != nd * sizeof(u64))
		return -EINVAL;

	ws = kzalloc(sizeof(*ws), GFP_KERNEL);
	if (!ws)
		return -ENOMEM;
	ws->curve_id = curve_id;
	ws->curve = ecc_get_curve(curve_id);
	ws->ndigits = nd;
	ws->nbytes = priv_len;
	ws->hlen = digest_len;
	ws->hmac = crypto_alloc_shash(hname, 0, 0);
	if (IS_ERR(ws->hmac)) {
		err = PTR_ERR(ws->hmac);
		ws->hmac = NULL;
	} else if (!ws->curve) {
		err = -EINVAL;
	} else {
		err = sign_digest(ws, priv, digest, digest_len, sig,
				  sig_size, sig_len);
	}
	crypto_free_shash(ws->hmac);
	kfree_sensitive(ws);
	return err;
}
EXPORT_SYMBOL_GPL(ecdsa_sign_digest);

/**
 * ecdsa_public_from_private - derive the public key of a private scalar
 * @curve_id: %ECC_CURVE_NIST_P256 or %ECC_CURVE_NIST_P384
 * @priv: private scalar, big-endian
 * @priv_len: length of @priv: 32 (P-256) or 48 (P-384)
 * @pub: output, the uncompressed point 0x04 || X || Y
 * @pub_size: size of @pub; at least 1 + 2 * @priv_len
 *
 * P-256 goes through crypto/p256.c (constant time); for P-384 the point
 * is validated (on the curve, of order n) by crypto/ecc.c. May sleep.
 *
 * Return values:
 *   %0: @pub holds 1 + 2 * @priv_len bytes
 *   %-EINVAL: unknown curve, wrong @priv_len, NULL pointer, or a private
 *	scalar outside [2, n - 3]
 *   %-ENOSPC: @pub_size is too small
 *   other negative errno: crypto/ecc.c failed (%-ENOMEM)
 */
int ecdsa_public_from_private(unsigned int curve_id, const u8 *priv,
			      size_t priv_len, u8 *pub, size_t pub_size)
{
	const struct ecc_curve *curve = ecc_get_curve(curve_id);
	int nd = curve_ndigits(curve_id);
	u64 point[2 * MAX_NDIGITS];
	u64 d[MAX_NDIGITS];
	int err;

	if (nd < 0 || !curve || !priv || !pub || priv_len != nd * sizeof(u64))
		return -EINVAL;
	if (pub_size < 1 + 2 * priv_len)
		return -ENOSPC;

	err = load_scalar(d, curve, nd, priv);
	if (err)
		goto out;
	if (curve_id == ECC_CURVE_NIST_P256) {
		err = p256_public_from_private(priv, pub);
		goto out;
	}
	/* ecc_make_pub_key() does not range-check: d + n is fine */
	ecdsa_sign_ladder_scalar(d, d, curve->n, nd);
	err = ecc_make_pub_key(curve_id, nd, d, point);
	if (err)
		goto out;
	/* ecc_make_pub_key() leaves X and Y big-endian, one after the other */
	pub[0] = 0x04;
	memcpy(pub + 1, point, 2 * priv_len);
out:
	memzero_explicit(d, sizeof(d));
	memzero_explicit(point, sizeof(point));
	return err;
}
EXPORT_SYMBOL_GPL(ecdsa_public_from_private);

MODULE_DESCRIPTION("ECDSA signing with RFC 6979 deterministic nonces");
MODULE_LICENSE("GPL");
