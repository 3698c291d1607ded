// SPDX-License-Identifier: GPL-2.0
/*
 * NIST P-256 (secp256r1): ECDH key generation and agreement, ECDSA
 * signing and verification, on 64-bit limbs.
 *
 * Design.
 * - Field elements mod p = 2^256 - 2^224 + 2^192 + 2^96 - 1 and scalars
 *   mod the group order n are four little-endian u64 limbs, kept in
 *   Montgomery form (a * 2^256 mod m) and always fully reduced (< m).
 *   One word-serial Montgomery multiplication (CIOS) serves both moduli;
 *   for p, -p^-1 mod 2^64 is 1. 64x64->128-bit products use u128 where
 *   the architecture has it, 32-bit halves otherwise.
 * - Inversion is Fermat's a^(m - 2): for p a fixed addition chain (255
 *   squarings, 12 multiplications), for n square-and-multiply over the
 *   bits of the constant n - 2.
 * - Points are projective (X : Y : Z), x = X/Z, y = Y/Z, with the
 *   complete formulas for a = -3 of Renes, Costello and Batina, "Complete
 *   addition formulas for prime order elliptic curves" (2016),
 *   algorithms 4 (addition), 5 (mixed addition) and 6 (doubling): no
 *   special case for doubling or for the point at infinity (0 : 1 : 0).
 *   The mixed addition is complete except for an affine operand at
 *   infinity, which it is never given unmasked (see below).
 * - Scalars are recoded into 52 signed radix-32 digits in [-15, 16]
 *   (k = sum d_i 32^i).
 * - Variable base (ECDH): a table of 1P..16P built per call (kmalloc),
 *   then 51 rounds of five doublings and one addition of the table entry
 *   for |d_i|, negated when d_i < 0.
 * - Fixed base (key generation, signing): a table of j * 32^i * G,
 *   i < 52, 1 <= j <= 16, in affine coordinates (52 KiB), computed once
 *   at init into __ro_after_init storage; k * G is 52 mixed additions, no
 *   doubling.
 * - Verification: u1 * G + u2 * Q, variable time (every input is
 *   public): u1 * G from the fixed table indexed directly, u2 * Q with a
 *   per-call table indexed directly, zero digits skipped; x(R) = r is
 *   checked as r * Z == X (and (r + n) * Z == X when r + n < p), without
 *   an inversion. Public keys are validated once by p256_pubkey_decode()
 *   (coordinates < p, on the curve; the cofactor is 1, so that is a point
 *   of order n, and the uncompressed form cannot encode infinity).
 *
 * Side-channel audit (threat: a remote peer timing operations it
 * triggers at will; a local unprivileged process observing the caches at
 * line granularity). Secrets: private scalars, ECDSA nonces, the shared
 * point, and every intermediate value derived from them.
 * - Limb arithmetic: loop bounds are constants; carries and borrows are
 *   computed with bit operations; the final subtraction of a Montgomery
 *   product, of a modular addition or subtraction, is a masked select
 *   over all limbs, never a branch.
 * - Inversions: the sequence of squarings and multiplications depends
 *   only on the public modulus.
 * - Scalar recoding: the digit of window i comes from the scalar's bits
 *   at positions that depend on i only; the carry and the digit's sign
 *   and absolute value are computed arithmetically.
 * - Table lookups (both tables): every entry of the row is read and
 *   combined with a mask that is all ones for the wanted entry only; the
 *   negation of y is computed always and selected by mask. A zero digit
 *   selects nothing (all-zero, for the fixed table) or infinity (for the
 *   variable table); in the fixed-base loop the mixed addition then runs
 *   on garbage whose result is discarded by a masked select, so every
 *   round costs the same.
 * - Point formulas are complete: no branch on the values of the points.
 * - Range checks of secret scalars ([1, n - 1]) are borrow chains; the
 *   result only decides whether a value is rejected, and a rejected value
 *   is never used (key generation draws a fresh one; ECDSA signing
 *   returns -EAGAIN for the caller's next nonce candidate).
 * - ECDSA signing: s = k^-1 (e + r d) mod n entirely in constant-time
 *   Montgomery arithmetic mod n; r, s and their zero tests are public.
 * - The conversions to affine (one inversion of Z) are constant time; the
 *   test for a result at infinity (ECDH) only decides an error return.
 * Not constant time, on purpose: verification, public-key decoding and
 * DER parsing, whose inputs are all public.
 *
 * Wiping: every function that handles secrets clears its stack
 * temporaries (memzero_explicit) and frees its workspace with
 * kfree_sensitive() (the Montgomery multiplication's few limbs live in
 * registers or are overwritten by the next one).
 *
 * Memory: stack frames stay under 400 bytes (about 560 with KASAN's
 * redzones); ECDH and verification allocate a 2.2 KiB workspace (the
 * per-call point table) with GFP_KERNEL, so they may sleep; key
 * generation, public-key derivation and signing allocate nothing. The
 * base-point table is 52 KiB of static, read-only-after-init data,
 * computed at init from a workspace in __initdata.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/p256.h>
#include <kunit/visibility.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#define NLIMBS		4
#define NWINDOWS	52	/* ceil(257 / 5): signed radix-32 digits */
#define NENTRIES	16	/* |digit| <= 16 */

struct jpoint {			/* projective (X : Y : Z), Montgomery form */
	u64 x[NLIMBS], y[NLIMBS], z[NLIMBS];
};

struct apoint {			/* affine (x, y), Montgomery form */
	u64 x[NLIMBS], y[NLIMBS];
};

static const u64 P[NLIMBS] = {
	0xffffffffffffffffULL, 0x00000000ffffffffULL,
	0x0000000000000000ULL, 0xffffffff00000001ULL,
};

static const u64 N[NLIMBS] = {
	0xf3b9cac2fc632551ULL, 0xbce6faada7179e84ULL,
	0xffffffffffffffffULL, 0xffffffff00000000ULL,
};

/* -n^-1 mod 2^64 (for p it is 1) */
#define N_MONT_INV	0xccd1c8aaee00bc4fULL

/* 2^512 mod p and mod n: the factors into Montgomery form */
static const u64 P_RR[NLIMBS] = {
	0x0000000000000003ULL, 0xfffffffbffffffffULL,
	0xfffffffffffffffeULL, 0x00000004fffffffdULL,
};

static const u64 N_RR[NLIMBS] = {
	0x83244c95be79eea2ULL, 0x4699799c49bd6fa6ULL,
	0x2845b2392b6bec59ULL, 0x66e12d94f3d95620ULL,
};

/* 1, b and G in Montgomery form mod p */
static const u64 P_ONE[NLIMBS] = {
	0x0000000000000001ULL, 0xffffffff00000000ULL,
	0xffffffffffffffffULL, 0x00000000fffffffeULL,
};

static const u64 B_MONT[NLIMBS] = {
	0xd89cdf6229c4bddfULL, 0xacf005cd78843090ULL,
	0xe5a220abf7212ed6ULL, 0xdc30061d04874834ULL,
};

static const struct apoint G_MONT = {
	.x = { 0x79e730d418a9143cULL, 0x75ba95fc5fedb601ULL,
	       0x79fb732b77622510ULL, 0x18905f76a53755c6ULL },
	.y = { 0xddf25357ce95560aULL, 0x8b4ab8e4ba19e45cULL,
	       0xd2e88688dd21f325ULL, 0x8571ff1825885d85ULL },
};

/* j * 32^i * G for j = 1..16, affine, Montgomery form; see p256_init() */
static struct apoint gtable[NWINDOWS][NENTRIES] __ro_after_init;

/* ---- limb primitives ------------------------------------------------ */

/* Returns the low half of a * b + c + d, *hi the high half. */
static __always_inline u64 mac(u64 a, u64 b, u64 c, u64 d, u64 *hi)
{
#ifdef CONFIG_ARCH_SUPPORTS_INT128
	u128 t = (u128)a * b + c + d;

	*hi = t >> 64;
	return (u64)t;
#else
	u64 al = (u32)a, ah = a >> 32, bl = (u32)b, bh = b >> 32;
	u64 ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
	u64 mid = (ll >> 32) + (u32)lh + (u32)hl;
	u64 lo = (mid << 32) | (u32)ll;
	u64 h = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
	u64 s = lo + c;

	h += ((lo & c) | ((lo | c) & ~s)) >> 63;
	lo = s + d;
	h += ((s & d) | ((s | d) & ~lo)) >> 63;
	*hi = h;
	return lo;
#endif
}

/* a + b + cin, carry out in *cout (0 or 1) */
static __always_inline u64 adc(u64 a, u64 b, u64 cin, u64 *cout)
{
#ifdef CONFIG_ARCH_SUPPORTS_INT128
	u128 t = (u128)a + b + cin;

	*cout = t >> 64;
	return (u64)t;
#else
	u64 s = a + b + cin;

	*cout = ((a & b) | ((a | b) & ~s)) >> 63;
	return s;
#endif
}

/* a - b - bin, borrow out in *bout (0 or 1) */
static __always_inline u64 sbb(u64 a, u64 b, u64 bin, u64 *bout)
{
#ifdef CONFIG_ARCH_SUPPORTS_INT128
	u128 t = (u128)a - b - bin;

	*bout = (u64)(t >> 64) & 1;
	return (u64)t;
#else
	u64 d = a - b - bin;

	*bout = ((~a & b) | (~(a ^ b) & d)) >> 63;
	return d;
#endif
}

/* r = mask ? a : b, mask all ones or zero; r may alias a or b */
static __always_inline void sel(u64 *r, u64 mask, const u64 *a, const u64 *b)
{
	int i;

	for (i = 0; i < NLIMBS; i++)
		r[i] = (a[i] & mask) | (b[i] & ~mask);
}

/* all ones if a == 0, else 0 */
static __always_inline u64 is_zero_mask(const u64 *a)
{
	u64 acc = a[0] | a[1] | a[2] | a[3];

	return ((acc | (0 - acc)) >> 63) - 1;
}

/* all ones if a < b, else 0 */
static __always_inline u64 lt_mask(const u64 *a, const u64 *b)
{
	u64 borrow = 0;
	int i;

	for (i = 0; i < NLIMBS; i++)
		sbb(a[i], b[i], borrow, &borrow);
	return 0 - borrow;
}

/* all ones if 1 <= a <= n - 1, else 0 */
static u64 scalar_valid_mask(const u64 *a)
{
	return ~is_zero_mask(a) & lt_mask(a, N);
}

static void from_be(u64 *r, const u8 *in)
{
	int i;

	for (i = 0; i < NLIMBS; i++)
		r[i] = get_unaligned_be64(in + 8 * (NLIMBS - 1 - i));
}

static void to_be(u8 *out, const u64 *a)
{
	int i;

	for (i = 0; i < NLIMBS; i++)
		put_unaligned_be64(a[i], out + 8 * (NLIMBS - 1 - i));
}

/* ---- arithmetic mod m (p or n) -------------------------------------- */

/*
 * One round of word-serial Montgomery multiplication (CIOS), unrolled:
 * t = (t + a * bi + q * m) / 2^64 with q = (t + a * bi) * minv mod 2^64,
 * so that the division is exact. t has five limbs, t < 2m throughout.
 */
static __always_inline void mont_round(u64 *t, const u64 *a, u64 bi,
				       const u64 *m, u64 minv)
{
	u64 c, hi, q, t5;

	t[0] = mac(a[0], bi, t[0], 0, &c);
	t[1] = mac(a[1], bi, t[1], c, &c);
	t[2] = mac(a[2], bi, t[2], c, &c);
	t[3] = mac(a[3], bi, t[3], c, &c);
	t[4] = adc(t[4], c, 0, &t5);

	q = t[0] * minv;
	mac(q, m[0], t[0], 0, &c);		/* low half is 0 */
	t[0] = mac(q, m[1], t[1], c, &c);
	t[1] = mac(q, m[2], t[2], c, &c);
	t[2] = mac(q, m[3], t[3], c, &c);
	t[3] = adc(t[4], c, 0, &hi);
	t[4] = t5 + hi;
}

/* r = t - m if t (five limbs, < 2m) >= m, else t: by mask, not branch */
static __always_inline void mont_final(u64 *r, const u64 *t, const u64 *m)
{
	u64 s0, s1, s2, s3, borrow, mask;

	s0 = sbb(t[0], m[0], 0, &borrow);
	s1 = sbb(t[1], m[1], borrow, &borrow);
	s2 = sbb(t[2], m[2], borrow, &borrow);
	s3 = sbb(t[3], m[3], borrow, &borrow);
	sbb(t[4], 0, borrow, &borrow);
	mask = borrow - 1;		/* all ones: no borrow, take t - m */
	r[0] = (s0 & mask) | (t[0] & ~mask);
	r[1] = (s1 & mask) | (t[1] & ~mask);
	r[2] = (s2 & mask) | (t[2] & ~mask);
	r[3] = (s3 & mask) | (t[3] & ~mask);
}

/*
 * r = a * b * 2^-256 mod m for a, b < m (CIOS Montgomery multiplication);
 * r < m. minv = -m^-1 mod 2^64. r may alias a or b. Always inlined, so
 * each caller gets a copy specialised to its constant modulus.
 */
static __always_inline void mont_mul(u64 *r, const u64 *a, const u64 *b,
				     const u64 *m, u64 minv)
{
	u64 t[NLIMBS + 1] = { 0 };

	mont_round(t, a, b[0], m, minv);
	mont_round(t, a, b[1], m, minv);
	mont_round(t, a, b[2], m, minv);
	mont_round(t, a, b[3], m, minv);
	mont_final(r, t, m);
}

/* r = a + b mod m for a, b < m */
static __always_inline void mod_add(u64 *r, const u64 *a, const u64 *b,
				    const u64 *m)
{
	u64 t[NLIMBS + 1], carry;

	t[0] = adc(a[0], b[0], 0, &carry);
	t[1] = adc(a[1], b[1], carry, &carry);
	t[2] = adc(a[2], b[2], carry, &carry);
	t[3] = adc(a[3], b[3], carry, &carry);
	t[4] = carry;
	mont_final(r, t, m);
}

/* r = a - b mod m for a, b < m */
static __always_inline void mod_sub(u64 *r, const u64 *a, const u64 *b,
				    const u64 *m)
{
	u64 t0, t1, t2, t3, mask, borrow, carry;

	t0 = sbb(a[0], b[0], 0, &borrow);
	t1 = sbb(a[1], b[1], borrow, &borrow);
	t2 = sbb(a[2], b[2], borrow, &borrow);
	t3 = sbb(a[3], b[3], borrow, &borrow);
	mask = 0 - borrow;		/* add m back if it went negative */
	r[0] = adc(t0, m[0] & mask, 0, &carry);
	r[1] = adc(t1, m[1] & mask, carry, &carry);
	r[2] = adc(t2, m[2] & mask, carry, &carry);
	r[3] = adc(t3, m[3] & mask, carry, &carry);
}

/* ---- the field ---------------------------------------------------- */

static void fe_mul(u64 *r, const u64 *a, const u64 *b)
{
	mont_mul(r, a, b, P, 1);
}

static void fe_sqr(u64 *r, const u64 *a)
{
	mont_mul(r, a, a, P, 1);
}

static void fe_add(u64 *r, const u64 *a, const u64 *b)
{
	mod_add(r, a, b, P);
}

static void fe_sub(u64 *r, const u64 *a, const u64 *b)
{
	mod_sub(r, a, b, P);
}

static void fe_sqr_n(u64 *r, const u64 *a, int n)
{
	int i;

	fe_sqr(r, a);
	for (i = 1; i < n; i++)
		fe_sqr(r, r);
}

/*
 * r = a^(p - 2) = a^-1 (0 for a = 0). p - 2 in hex is ffffffff 00000001
 * 00000000 00000000 00000000 ffffffff ffffffff fffffffd; xN below is
 * a^(2^N - 1).
 */
static void fe_inv(u64 *r, const u64 *a)
{
	u64 w[5][NLIMBS];
	u64 *x2 = w[0], *x3 = w[1], *u = w[2], *v = w[3], *t = w[4];

	fe_sqr(x2, a);
	fe_mul(x2, x2, a);
	fe_sqr(x3, x2);
	fe_mul(x3, x3, a);
	fe_sqr_n(u, x3, 3);
	fe_mul(u, u, x3);		/* x6 */
	fe_sqr_n(v, u, 6);
	fe_mul(v, v, u);		/* x12 */
	fe_sqr_n(u, v, 3);
	fe_mul(u, u, x3);		/* x15 */
	fe_sqr_n(v, u, 15);
	fe_mul(v, v, u);		/* x30 */
	fe_sqr_n(u, v, 2);
	fe_mul(u, u, x2);		/* x32 */

	fe_sqr_n(t, u, 32);		/* ffffffff 00000000 */
	fe_mul(t, t, a);		/* ffffffff 00000001 */
	fe_sqr_n(t, t, 128);		/* ... 00000000 x 4 */
	fe_mul(t, t, u);		/* ... ffffffff */
	fe_sqr_n(t, t, 32);
	fe_mul(t, t, u);		/* ... ffffffff ffffffff */
	fe_sqr_n(t, t, 30);
	fe_mul(t, t, v);		/* ... fffffffc >> 2 */
	fe_sqr_n(t, t, 2);
	fe_mul(r, t, a);		/* ... fffffffd */

	memzero_explicit(w, sizeof(w));
}

static void fe_to_mont(u64 *r, const u64 *a)
{
	fe_mul(r, a, P_RR);
}

static void fe_from_mont(u64 *r, const u64 *a)
{
	static const u64 one[NLIMBS] = { 1 };

	fe_mul(r, a, one);
}

/* ---- scalars mod n ------------------------------------------------- */

static void sc_mul(u64 *r, const u64 *a, const u64 *b)
{
	mont_mul(r, a, b, N, N_MONT_INV);
}

static void sc_to_mont(u64 *r, const u64 *a)
{
	sc_mul(r, a, N_RR);
}

static void sc_from_mont(u64 *r, const u64 *a)
{
	static const u64 one[NLIMBS] = { 1 };

	sc_mul(r, a, one);
}

/*
 * r = a^(n - 2) in Montgomery form (a^-1 for a != 0). The branches follow
 * the bits of the constant n - 2, never of a.
 */
static void sc_inv_mont(u64 *r, const u64 *a)
{
	static const u64 e[NLIMBS] = {
		0xf3b9cac2fc63254fULL, 0xbce6faada7179e84ULL,
		0xffffffffffffffffULL, 0xffffffff00000000ULL,
	};
	u64 t[NLIMBS];
	int i;

	memcpy(t, a, sizeof(t));	/* the top bit of n - 2 */
	for (i = 254; i >= 0; i--) {
		sc_mul(t, t, t);
		if ((e[i / 64] >> (i % 64)) & 1)
			sc_mul(t, t, a);
	}
	memcpy(r, t, sizeof(t));
	memzero_explicit(t, sizeof(t));
}

/* r = a mod n for a < 2^256 (< 2n): one masked subtraction */
static void sc_reduce_once(u64 *r, const u64 *a)
{
	u64 s[NLIMBS], borrow = 0;
	int i;

	for (i = 0; i < NLIMBS; i++)
		s[i] = sbb(a[i], N[i], borrow, &borrow);
	sel(r, borrow - 1, s, a);
}

/* e = bits2int(digest) mod n: the leftmost 256 bits */
static void digest_to_scalar(u64 *e, const u8 *digest, size_t dlen)
{
	u8 buf[P256_BYTES] = { 0 };

	if (dlen > P256_BYTES)
		dlen = P256_BYTES;
	memcpy(buf + P256_BYTES - dlen, digest, dlen);
	from_be(e, buf);
	sc_reduce_once(e, e);
}

/* ---- points -------------------------------------------------------- */

static void point_set_infinity(struct jpoint *r)
{
	memset(r->x, 0, sizeof(r->x));
	memcpy(r->y, P_ONE, sizeof(r->y));
	memset(r->z, 0, sizeof(r->z));
}

static void point_from_affine(struct jpoint *r, const struct apoint *a)
{
	memcpy(r->x, a->x, sizeof(r->x));
	memcpy(r->y, a->y, sizeof(r->y));
	memcpy(r->z, P_ONE, sizeof(r->z));
}

/* r = p + q: RCB16 algorithm 4 (a = -3), complete; r may alias p or q */
static void point_add(struct jpoint *r, const struct jpoint *p,
		      const struct jpoint *q)
{
	u64 tmp[8][NLIMBS];
	u64 *t0 = tmp[0], *t1 = tmp[1], *t2 = tmp[2], *t3 = tmp[3];
	u64 *t4 = tmp[4], *x3 = tmp[5], *y3 = tmp[6], *z3 = tmp[7];

	fe_mul(t0, p->x, q->x);
	fe_mul(t1, p->y, q->y);
	fe_mul(t2, p->z, q->z);
	fe_add(t3, p->x, p->y);
	fe_add(t4, q->x, q->y);
	fe_mul(t3, t3, t4);
	fe_add(t4, t0, t1);
	fe_sub(t3, t3, t4);
	fe_add(t4, p->y, p->z);
	fe_add(x3, q->y, q->z);
	fe_mul(t4, t4, x3);
	fe_add(x3, t1, t2);
	fe_sub(t4, t4, x3);
	fe_add(x3, p->x, p->z);
	fe_add(y3, q->x, q->z);
	fe_mul(x3, x3, y3);
	fe_add(y3, t0, t2);
	fe_sub(y3, x3, y3);
	fe_mul(z3, B_MONT, t2);
	fe_sub(x3, y3, z3);
	fe_add(z3, x3, x3);
	fe_add(x3, x3, z3);
	fe_sub(z3, t1, x3);
	fe_add(x3, t1, x3);
	fe_mul(y3, B_MONT, y3);
	fe_add(t1, t2, t2);
	fe_add(t2, t1, t2);
	fe_sub(y3, y3, t2);
	fe_sub(y3, y3, t0);
	fe_add(t1, y3, y3);
	fe_add(y3, t1, y3);
	fe_add(t1, t0, t0);
	fe_add(t0, t1, t0);
	fe_sub(t0, t0, t2);
	fe_mul(t1, t4, y3);
	fe_mul(t2, t0, y3);
	fe_mul(y3, x3, z3);
	fe_add(y3, y3, t2);
	fe_mul(x3, t3, x3);
	fe_sub(x3, x3, t1);
	fe_mul(z3, t4, z3);
	fe_mul(t1, t3, t0);
	fe_add(z3, z3, t1);

	memcpy(r->x, x3, sizeof(r->x));
	memcpy(r->y, y3, sizeof(r->y));
	memcpy(r->z, z3, sizeof(r->z));
	memzero_explicit(tmp, sizeof(tmp));
}

/*
 * r = p + q for an affine q: RCB16 algorithm 5 (a = -3), complete for
 * every p, q not at infinity (which affine coordinates cannot express);
 * r may alias p
 */
static void point_add_mixed(struct jpoint *r, const struct jpoint *p,
			    const struct apoint *q)
{
	u64 tmp[8][NLIMBS];
	u64 *t0 = tmp[0], *t1 = tmp[1], *t2 = tmp[2], *t3 = tmp[3];
	u64 *t4 = tmp[4], *x3 = tmp[5], *y3 = tmp[6], *z3 = tmp[7];

	fe_mul(t0, p->x, q->x);
	fe_mul(t1, p->y, q->y);
	fe_add(t3, q->x, q->y);
	fe_add(t4, p->x, p->y);
	fe_mul(t3, t3, t4);
	fe_add(t4, t0, t1);
	fe_sub(t3, t3, t4);
	fe_mul(t4, q->y, p->z);
	fe_add(t4, t4, p->y);
	fe_mul(y3, q->x, p->z);
	fe_add(y3, y3, p->x);
	fe_mul(z3, B_MONT, p->z);
	fe_sub(x3, y3, z3);
	fe_add(z3, x3, x3);
	fe_add(x3, x3, z3);
	fe_sub(z3, t1, x3);
	fe_add(x3, t1, x3);
	fe_mul(y3, B_MONT, y3);
	fe_add(t1, p->z, p->z);
	fe_add(t2, t1, p->z);
	fe_sub(y3, y3, t2);
	fe_sub(y3, y3, t0);
	fe_add(t1, y3, y3);
	fe_add(y3, t1, y3);
	fe_add(t1, t0, t0);
	fe_add(t0, t1, t0);
	fe_sub(t0, t0, t2);
	fe_mul(t1, t4, y3);
	fe_mul(t2, t0, y3);
	fe_mul(y3, x3, z3);
	fe_add(y3, y3, t2);
	fe_mul(x3, t3, x3);
	fe_sub(x3, x3, t1);
	fe_mul(z3, t4, z3);
	fe_mul(t1, t3, t0);
	fe_add(z3, z3, t1);

	memcpy(r->x, x3, sizeof(r->x));
	memcpy(r->y, y3, sizeof(r->y));
	memcpy(r->z, z3, sizeof(r->z));
	memzero_explicit(tmp, sizeof(tmp));
}

/* r = 2p: RCB16 algorithm 6 (a = -3), complete; r may alias p */
static void point_double(struct jpoint *r, const struct jpoint *p)
{
	u64 tmp[7][NLIMBS];
	u64 *t0 = tmp[0], *t1 = tmp[1], *t2 = tmp[2], *t3 = tmp[3];
	u64 *x3 = tmp[4], *y3 = tmp[5], *z3 = tmp[6];

	fe_sqr(t0, p->x);
	fe_sqr(t1, p->y);
	fe_sqr(t2, p->z);
	fe_mul(t3, p->x, p->y);
	fe_add(t3, t3, t3);
	fe_mul(z3, p->x, p->z);
	fe_add(z3, z3, z3);
	fe_mul(y3, B_MONT, t2);
	fe_sub(y3, y3, z3);
	fe_add(x3, y3, y3);
	fe_add(y3, x3, y3);
	fe_sub(x3, t1, y3);
	fe_add(y3, t1, y3);
	fe_mul(y3, x3, y3);
	fe_mul(x3, x3, t3);
	fe_add(t3, t2, t2);
	fe_add(t2, t2, t3);
	fe_mul(z3, B_MONT, z3);
	fe_sub(z3, z3, t2);
	fe_sub(z3, z3, t0);
	fe_add(t3, z3, z3);
	fe_add(z3, z3, t3);
	fe_add(t3, t0, t0);
	fe_add(t0, t3, t0);
	fe_sub(t0, t0, t2);
	fe_mul(t0, t0, z3);
	fe_add(y3, y3, t0);
	fe_mul(t0, p->y, p->z);
	fe_add(t0, t0, t0);
	fe_mul(z3, t0, z3);
	fe_sub(x3, x3, z3);
	fe_mul(z3, t0, t1);
	fe_add(z3, z3, z3);
	fe_add(z3, z3, z3);

	memcpy(r->x, x3, sizeof(r->x));
	memcpy(r->y, y3, sizeof(r->y));
	memcpy(r->z, z3, sizeof(r->z));
	memzero_explicit(tmp, sizeof(tmp));
}

/*
 * Affine coordinates of p, back in normal form; the point at infinity
 * gives (0, 0). Returns all ones if p is at infinity, else 0.
 */
static u64 point_to_affine(u64 *x, u64 *y, const struct jpoint *p)
{
	u64 zinv[NLIMBS], inf = is_zero_mask(p->z);

	fe_inv(zinv, p->z);
	fe_mul(x, p->x, zinv);
	fe_from_mont(x, x);
	if (y) {
		fe_mul(y, p->y, zinv);
		fe_from_mont(y, y);
	}
	memzero_explicit(zinv, sizeof(zinv));
	return inf;
}

/* ---- scalar recoding and table lookups -------------------------------- */

/*
 * k (< 2^256) as 52 signed digits in [-15, 16]: k = sum d[i] * 32^i.
 * Constant time: bit positions depend on i only.
 */
static void recode(s8 *d, const u64 *k)
{
	u64 carry = 0, w;
	int i, pos, limb, off;

	for (i = 0; i < NWINDOWS; i++) {
		pos = 5 * i;
		limb = pos / 64;
		off = pos % 64;
		w = limb < NLIMBS ? k[limb] >> off : 0;
		if (off > 59 && limb + 1 < NLIMBS)
			w |= k[limb + 1] << (64 - off);
		w = (w & 31) + carry;
		carry = (w + 15) >> 5;		/* 1 iff w >= 17 */
		d[i] = (s8)(w - (carry << 5));
	}
}

/* |d| and an all-ones mask if d < 0, without branches */
static __always_inline u64 digit_abs(s8 d, u64 *neg)
{
	u64 v = (u64)(s64)d, m = 0 - (v >> 63);

	*neg = m;
	return (v ^ m) - m;
}

/* all ones if a == b, for a, b < 2^63 */
static __always_inline u64 eq_mask(u64 a, u64 b)
{
	return 0 - (((a ^ b) - 1) >> 63);
}

/* r = idx * P from tab[j] = (j + 1) * P (idx = 0: infinity), masked scan */
static void jtable_select(struct jpoint *r, const struct jpoint *tab,
			  u64 idx)
{
	u64 m;
	int j;

	point_set_infinity(r);
	for (j = 0; j < NENTRIES; j++) {
		m = eq_mask(idx, j + 1);
		sel(r->x, m, tab[j].x, r->x);
		sel(r->y, m, tab[j].y, r->y);
		sel(r->z, m, tab[j].z, r->z);
	}
}

/* r = row[idx - 1] (idx = 0: all zero), masked scan */
static void atable_select(struct apoint *r, const struct apoint *row,
			  u64 idx)
{
	u64 m;
	int j;

	memset(r, 0, sizeof(*r));
	for (j = 0; j < NENTRIES; j++) {
		m = eq_mask(idx, j + 1);
		sel(r->x, m, row[j].x, r->x);
		sel(r->y, m, row[j].y, r->y);
	}
}

/* y = mask ? -y : y */
static void cond_neg(u64 *y, u64 mask)
{
	static const u64 zero[NLIMBS];
	u64 t[NLIMBS];

	fe_sub(t, zero, y);
	sel(y, mask, t, y);
	memzero_explicit(t, sizeof(t));
}

/* ---- scalar multiplications ------------------------------------------ */

struct mul_ws {
	struct jpoint tab[NENTRIES];	/* 1P .. 16P */
	struct jpoint t;
	struct apoint a;
	s8 d[NWINDOWS];
};

/* p256_ecdh_shared()'s and p256_ecdsa_verify()'s values, off the stack */
struct op_ws {
	struct mul_ws m;
	struct jpoint r, r2;
	struct apoint q;
	u64 x[NLIMBS], rv[NLIMBS], sv[NLIMBS], e[NLIMBS];
	u64 u1[NLIMBS], u2[NLIMBS];
};

static void build_table(struct jpoint *tab, const struct apoint *p)
{
	int j;

	point_from_affine(&tab[0], p);
	point_double(&tab[1], &tab[0]);
	for (j = 2; j < NENTRIES; j++)
		point_add(&tab[j], &tab[j - 1], &tab[0]);
}

/* r = k * p in constant time, k < 2^256 */
static void point_mul(struct jpoint *r, const u64 *k, const struct apoint *p,
		      struct mul_ws *ws)
{
	u64 neg, idx;
	int i, j;

	build_table(ws->tab, p);
	recode(ws->d, k);
	/* the top digit is 0, 1 or 2 */
	jtable_select(r, ws->tab, digit_abs(ws->d[NWINDOWS - 1], &neg));
	for (i = NWINDOWS - 2; i >= 0; i--) {
		for (j = 0; j < 5; j++)
			point_double(r, r);
		idx = digit_abs(ws->d[i], &neg);
		jtable_select(&ws->t, ws->tab, idx);
		cond_neg(ws->t.y, neg);
		point_add(r, r, &ws->t);
	}
}

/* r = k * G in constant time, k < 2^256 */
static noinline void base_mul(struct jpoint *r, const u64 *k)
{
	struct jpoint t;
	struct apoint a;
	s8 d[NWINDOWS];
	u64 neg, idx;
	int i;

	recode(d, k);
	point_set_infinity(r);
	for (i = 0; i < NWINDOWS; i++) {
		idx = digit_abs(d[i], &neg);
		atable_select(&a, gtable[i], idx);
		cond_neg(a.y, neg);
		point_add_mixed(&t, r, &a);
		/* a zero digit selected nothing: keep r */
		idx = ~eq_mask(idx, 0);
		sel(r->x, idx, t.x, r->x);
		sel(r->y, idx, t.y, r->y);
		sel(r->z, idx, t.z, r->z);
	}
	memzero_explicit(&t, sizeof(t));
	memzero_explicit(&a, sizeof(a));
	memzero_explicit(d, sizeof(d));
}

/* ---- key generation and ECDH -------------------------------------------- */

/**
 * p256_public_from_private - compute the public key of a private scalar
 * @priv: the private scalar, P256_BYTES big-endian, in [1, n - 1]
 * @pub: output, the uncompressed point 0x04 || X || Y (P256_PUB_BYTES)
 *
 * Constant time in @priv. Does not sleep.
 *
 * Return:
 *   %0: @pub is set;
 *   %-EINVAL: @priv is zero or not below the group order n (@pub is not
 *	written).
 */
int p256_public_from_private(const u8 *priv, u8 *pub)
{
	struct jpoint r;
	u64 d[NLIMBS], x[NLIMBS], y[NLIMBS];
	int err = -EINVAL;

	from_be(d, priv);
	if (scalar_valid_mask(d)) {
		base_mul(&r, d);
		point_to_affine(x, y, &r);
		pub[0] = 0x04;
		to_be(pub + 1, x);
		to_be(pub + 1 + P256_BYTES, y);
		err = 0;
	}
	memzero_explicit(&r, sizeof(r));
	memzero_explicit(d, sizeof(d));
	memzero_explicit(x, sizeof(x));
	memzero_explicit(y, sizeof(y));
	return err;
}
EXPORT_SYMBOL_GPL(p256_public_from_private);

/* Candidates drawn before giving up; each is rejected with p < 2^-32. */
#define MAX_KEYGEN_TRIES	64

/**
 * p256_ecdh_keygen - generate a key pair
 * @priv: output, a uniformly random private scalar in [1, n - 1]
 *	(P256_BYTES big-endian), by rejection sampling from
 *	get_random_bytes()
 * @pub: output, its public key 0x04 || X || Y (P256_PUB_BYTES)
 *
 * Does not sleep.
 *
 * Return:
 *   %0: @priv and @pub are set;
 *   %-EAGAIN: the random generator failed to give a scalar in range
 *	MAX_KEYGEN_TRIES times in a row (a broken generator); both are
 *	wiped.
 */
int p256_ecdh_keygen(u8 *priv, u8 *pub)
{
	u64 d[NLIMBS];
	int i, err = -EAGAIN;

	for (i = 0; i < MAX_KEYGEN_TRIES; i++) {
		get_random_bytes(priv, P256_BYTES);
		from_be(d, priv);
		/* a rejected candidate is discarded, never used */
		if (scalar_valid_mask(d)) {
			err = p256_public_from_private(priv, pub);
			break;
		}
	}
	memzero_explicit(d, sizeof(d));
	if (err) {
		memzero_explicit(priv, P256_BYTES);
		memzero_explicit(pub, P256_PUB_BYTES);
	}
	return err;
}
EXPORT_SYMBOL_GPL(p256_ecdh_keygen);

/**
 * p256_pubkey_decode - decode and validate a public key
 * @key: output, the key for p256_ecdsa_verify() and internal use
 * @in: the uncompressed point 0x04 || X || Y
 * @len: length of @in; must be P256_PUB_BYTES
 *
 * Checks the form, that X and Y are below p and that the point is on the
 * curve (so, the cofactor being 1, of order n). Variable time: the key
 * is public. Does not sleep.
 *
 * Return:
 *   %0: @key is set;
 *   %-EINVAL: @in is not a valid P-256 public key (wrong length or form,
 *	coordinate out of range, not on the curve).
 */
int p256_pubkey_decode(struct p256_pubkey *key, const u8 *in, size_t len)
{
	u64 x[NLIMBS], y[NLIMBS], l[NLIMBS], r[NLIMBS];

	if (!in || len != P256_PUB_BYTES || in[0] != 0x04)
		return -EINVAL;
	from_be(x, in + 1);
	from_be(y, in + 1 + P256_BYTES);
	if (!lt_mask(x, P) || !lt_mask(y, P))
		return -EINVAL;
	fe_to_mont(x, x);
	fe_to_mont(y, y);
	/* y^2 == x^3 - 3x + b */
	fe_sqr(l, y);
	fe_sqr(r, x);
	fe_mul(r, r, x);
	fe_sub(r, r, x);
	fe_sub(r, r, x);
	fe_sub(r, r, x);
	fe_add(r, r, B_MONT);
	/* public: the key's own coordinates */
	if (memcmp(l, r, sizeof(l)))
		return -EINVAL;
	memcpy(key->x, x, sizeof(x));
	memcpy(key->y, y, sizeof(y));
	return 0;
}
EXPORT_SYMBOL_GPL(p256_pubkey_decode);

/**
 * p256_ecdh_shared - ECDH: validate the peer's public key, compute the
 *	shared secret
 * @priv: our private scalar, P256_BYTES big-endian, in [1, n - 1]
 * @peer_pub: the peer's uncompressed point 0x04 || X || Y
 * @peer_len: length of @peer_pub; must be P256_PUB_BYTES
 * @shared_x: output, the x coordinate of @priv * peer (P256_BYTES,
 *	big-endian), the TLS 1.3 and SP 800-56A shared secret Z
 *
 * Constant time in @priv and the result. May sleep (allocates its
 * workspace with GFP_KERNEL).
 *
 * Return:
 *   %0: @shared_x is set;
 *   %-EINVAL: @peer_pub is not a valid public key, @priv is out of
 *	range, or the product is the point at infinity; @shared_x is wiped;
 *   %-ENOMEM: out of memory; @shared_x is wiped.
 */
int p256_ecdh_shared(const u8 *priv, const u8 *peer_pub, size_t peer_len,
		     u8 *shared_x)
{
	struct p256_pubkey peer;
	struct op_ws *ws;
	u64 d[NLIMBS];
	int err;

	memzero_explicit(shared_x, P256_BYTES);
	err = p256_pubkey_decode(&peer, peer_pub, peer_len);
	if (err)
		return err;
	from_be(d, priv);
	if (!scalar_valid_mask(d)) {
		err = -EINVAL;
		goto out;
	}
	ws = kmalloc(sizeof(*ws), GFP_KERNEL);
	if (!ws) {
		err = -ENOMEM;
		goto out;
	}
	memcpy(ws->q.x, peer.x, sizeof(ws->q.x));
	memcpy(ws->q.y, peer.y, sizeof(ws->q.y));
	point_mul(&ws->r, d, &ws->q, &ws->m);
	/* infinity cannot happen for d in [1, n - 1] and a point of order n */
	if (point_to_affine(ws->x, NULL, &ws->r))
		err = -EINVAL;
	else
		to_be(shared_x, ws->x);
	kfree_sensitive(ws);
out:
	memzero_explicit(d, sizeof(d));
	return err;
}
EXPORT_SYMBOL_GPL(p256_ecdh_shared);

/* ---- ECDSA ------------------------------------------------------------ */

/**
 * p256_ecdsa_sign - ECDSA signature of a digest with a given nonce
 * @priv: the private scalar d, P256_BYTES big-endian, in [1, n - 1]
 * @digest: the message digest
 * @dlen: its length; a digest longer than P256_BYTES is truncated to its
 *	leftmost 256 bits (bits2int), a shorter one taken as is
 * @k: the nonce, P256_BYTES big-endian: secret, unique per signature
 *	(e.g. RFC 6979's)
 * @r: output, P256_BYTES big-endian
 * @s: output, P256_BYTES big-endian
 *
 * Computes r = x(k * G) mod n and s = k^-1 (e + r * d) mod n. Constant
 * time in @priv and @k. Does not sleep.
 *
 * Return:
 *   %0: @r and @s are set;
 *   %-EINVAL: @priv is zero or not below n;
 *   %-EAGAIN: @k is zero or not below n, or r or s came out zero: take
 *	the next nonce candidate (RFC 6979 section 3.2 step h.3).
 *	@r and @s are wiped on any error.
 */
int p256_ecdsa_sign(const u8 *priv, const u8 *digest, size_t dlen,
		    const u8 *k, u8 *r, u8 *s)
{
	struct {
		struct jpoint kg;
		u64 d[NLIMBS], k[NLIMBS], e[NLIMBS];
		u64 r[NLIMBS], s[NLIMBS], t[NLIMBS];
	} w;
	int err = 0;

	memzero_explicit(r, P256_BYTES);
	memzero_explicit(s, P256_BYTES);
	from_be(w.d, priv);
	from_be(w.k, k);
	if (!scalar_valid_mask(w.d)) {
		err = -EINVAL;
		goto out;
	}
	if (!scalar_valid_mask(w.k)) {
		err = -EAGAIN;
		goto out;
	}

	base_mul(&w.kg, w.k);
	point_to_affine(w.t, NULL, &w.kg);
	sc_reduce_once(w.r, w.t);		/* x < p < 2n */
	/* public: r is part of the signature */
	if (is_zero_mask(w.r)) {
		err = -EAGAIN;
		goto out;
	}

	digest_to_scalar(w.e, digest, dlen);
	/* in Montgomery form mod n: s = k^-1 * (e + r * d) */
	sc_to_mont(w.e, w.e);
	sc_to_mont(w.t, w.r);
	sc_to_mont(w.d, w.d);
	sc_mul(w.t, w.t, w.d);
	mod_add(w.t, w.t, w.e, N);
	sc_to_mont(w.k, w.k);
	sc_inv_mont(w.k, w.k);
	sc_mul(w.s, w.t, w.k);
	sc_from_mont(w.s, w.s);
	/* public: s is part of the signature */
	if (is_zero_mask(w.s)) {
		err = -EAGAIN;
		goto out;
	}
	to_be(r, w.r);
	to_be(s, w.s);
out:
	memzero_explicit(&w, sizeof(w));
	return err;
}
EXPORT_SYMBOL_GPL(p256_ecdsa_sign);

/* r = k * G, variable time (k public) */
static void base_mul_vartime(struct jpoint *r, const u64 *k,
			     struct mul_ws *ws)
{
	struct apoint *a = &ws->a;
	int i;

	recode(ws->d, k);
	point_set_infinity(r);
	for (i = 0; i < NWINDOWS; i++) {
		if (!ws->d[i])
			continue;
		*a = gtable[i][abs(ws->d[i]) - 1];
		if (ws->d[i] < 0)
			fe_sub(a->y, P, a->y);	/* -y; y != 0 on this curve */
		point_add_mixed(r, r, a);
	}
}

/* r = k * p, variable time (k and p public) */
static void point_mul_vartime(struct jpoint *r, const u64 *k,
			      const struct apoint *p, struct mul_ws *ws)
{
	int i, j, top;

	build_table(ws->tab, p);
	recode(ws->d, k);
	point_set_infinity(r);
	for (top = NWINDOWS - 1; top > 0 && !ws->d[top]; top--)
		;
	for (i = top; i >= 0; i--) {
		if (i != top)
			for (j = 0; j < 5; j++)
				point_double(r, r);
		if (!ws->d[i])
			continue;
		ws->t = ws->tab[abs(ws->d[i]) - 1];
		if (ws->d[i] < 0) {
			static const u64 zero[NLIMBS];

			fe_sub(ws->t.y, zero, ws->t.y);
		}
		point_add(r, r, &ws->t);
	}
}

/**
 * p256_ecdsa_verify - verify an ECDSA signature of a digest
 * @key: the signer's public key, from p256_pubkey_decode()
 * @digest: the message digest
 * @dlen: its length; a digest longer than P256_BYTES is truncated to its
 *	leftmost 256 bits, a shorter one taken as is
 * @r: the signature's r, P256_BYTES big-endian
 * @s: the signature's s, P256_BYTES big-endian
 *
 * Variable time (all inputs are public). May sleep (allocates its
 * workspace with GFP_KERNEL).
 *
 * Return:
 *   %0: the signature is valid;
 *   %-EKEYREJECTED: it is not (including r or s zero or not below n);
 *   %-ENOMEM: out of memory.
 */
int p256_ecdsa_verify(const struct p256_pubkey *key, const u8 *digest,
		      size_t dlen, const u8 *r, const u8 *s)
{
	struct op_ws *ws;
	u64 *rv, *sv, *t, carry;
	int i, err = -EKEYREJECTED;

	ws = kmalloc(sizeof(*ws), GFP_KERNEL);
	if (!ws)
		return -ENOMEM;
	rv = ws->rv;
	sv = ws->sv;
	t = ws->x;
	from_be(rv, r);
	from_be(sv, s);
	if (!scalar_valid_mask(rv) || !scalar_valid_mask(sv))
		goto out;

	digest_to_scalar(ws->e, digest, dlen);
	/* w = s^-1; u1 = e * w, u2 = r * w (normal form) */
	sc_to_mont(sv, sv);
	sc_inv_mont(sv, sv);		/* w * R */
	sc_mul(ws->u1, ws->e, sv);
	sc_mul(ws->u2, rv, sv);

	base_mul_vartime(&ws->r, ws->u1, &ws->m);
	memcpy(ws->q.x, key->x, sizeof(ws->q.x));
	memcpy(ws->q.y, key->y, sizeof(ws->q.y));
	point_mul_vartime(&ws->r2, ws->u2, &ws->q, &ws->m);
	point_add(&ws->r, &ws->r, &ws->r2);
	if (is_zero_mask(ws->r.z))
		goto out;

	/* x(R) mod n == r  <=>  X == r' * Z for r' = r or r + n below p */
	fe_to_mont(t, rv);
	fe_mul(t, t, ws->r.z);
	/* public: R comes from the signature, the digest and the key */
	if (!memcmp(t, ws->r.x, NLIMBS * sizeof(u64))) {
		err = 0;
		goto out;
	}
	carry = 0;
	for (i = 0; i < NLIMBS; i++)
		t[i] = adc(rv[i], N[i], carry, &carry);
	if (!carry && lt_mask(t, P)) {
		fe_to_mont(t, t);
		fe_mul(t, t, ws->r.z);
		/* public: as above */
		if (!memcmp(t, ws->r.x, NLIMBS * sizeof(u64)))
			err = 0;
	}
out:
	kfree(ws);
	return err;
}
EXPORT_SYMBOL_GPL(p256_ecdsa_verify);

/* One DER INTEGER, positive and minimal, of at most P256_BYTES value bytes */
static int der_uint(const u8 **p, const u8 *end, u8 *out)
{
	const u8 *q = *p;
	size_t len;

	if (end - q < 2 || q[0] != 0x02)
		return -EBADMSG;
	len = q[1];
	q += 2;
	if (len == 0 || len > (size_t)(end - q) || len > 0x7f)
		return -EBADMSG;
	if (q[0] & 0x80)			/* negative */
		return -EBADMSG;
	if (q[0] == 0 && len > 1) {
		if (!(q[1] & 0x80))		/* not minimal */
			return -EBADMSG;
		q++;
		len--;
	}
	if (len > P256_BYTES)
		return -EBADMSG;
	memset(out, 0, P256_BYTES - len);
	memcpy(out + P256_BYTES - len, q, len);
	*p = q + len;
	return 0;
}

/**
 * p256_ecdsa_sig_from_der - split a DER Ecdsa-Sig-Value into r and s
 * @der: SEQUENCE { r INTEGER, s INTEGER } (RFC 5480, RFC 8446 4.2.3)
 * @len: its length
 * @r: output, P256_BYTES big-endian
 * @s: output, P256_BYTES big-endian
 *
 * Strict DER: definite short lengths, minimal positive integers of at
 * most 32 value bytes, nothing after the sequence. The range of r and s
 * is checked by p256_ecdsa_verify(). Does not sleep.
 *
 * Return:
 *   %0: @r and @s are set;
 *   %-EBADMSG: @der is not such an encoding.
 */
int p256_ecdsa_sig_from_der(const u8 *der, size_t len, u8 *r, u8 *s)
{
	const u8 *p = der, *end;
	int err;

	if (len < 2 || der[0] != 0x30 || der[1] > 0x7f ||
	    der[1] != len - 2)
		return -EBADMSG;
	p = der + 2;
	end = der + len;
	err = der_uint(&p, end, r);
	if (!err)
		err = der_uint(&p, end, s);
	if (!err && p != end)
		err = -EBADMSG;
	return err;
}
EXPORT_SYMBOL_GPL(p256_ecdsa_sig_from_der);

/* ---- KUnit hooks ------------------------------------------------------ */

#if IS_ENABLED(CONFIG_KUNIT)
VISIBLE_IF_KUNIT void p256_fe_to_mont(u64 *r, const u64 *a)
{
	fe_to_mont(r, a);
}
EXPORT_SYMBOL_IF_KUNIT(p256_fe_to_mont);

VISIBLE_IF_KUNIT void p256_fe_from_mont(u64 *r, const u64 *a)
{
	fe_from_mont(r, a);
}
EXPORT_SYMBOL_IF_KUNIT(p256_fe_from_mont);

VISIBLE_IF_KUNIT void p256_fe_mul(u64 *r, const u64 *a, const u64 *b)
{
	fe_mul(r, a, b);
}
EXPORT_SYMBOL_IF_KUNIT(p256_fe_mul);

VISIBLE_IF_KUNIT void p256_fe_sqr(u64 *r, const u64 *a)
{
	fe_sqr(r, a);
}
EXPORT_SYMBOL_IF_KUNIT(p256_fe_sqr);

VISIBLE_IF_KUNIT void p256_fe_inv(u64 *r, const u64 *a)
{
	fe_inv(r, a);
}
EXPORT_SYMBOL_IF_KUNIT(p256_fe_inv);

VISIBLE_IF_KUNIT void p256_fe_add(u64 *r, const u64 *a, const u64 *b)
{
	fe_add(r, a, b);
}
EXPORT_SYMBOL_IF_KUNIT(p256_fe_add);

VISIBLE_IF_KUNIT void p256_fe_sub(u64 *r, const u64 *a, const u64 *b)
{
	fe_sub(r, a, b);
}
EXPORT_SYMBOL_IF_KUNIT(p256_fe_sub);

/* r = a^-1 mod n, normal form in and out */
VISIBLE_IF_KUNIT void p256_scalar_inv(u64 *r, const u64 *a)
{
	sc_to_mont(r, a);
	sc_inv_mont(r, r);
	sc_from_mont(r, r);
}
EXPORT_SYMBOL_IF_KUNIT(p256_scalar_inv);
#endif

/* ---- the fixed-base table ---------------------------------------------- */

/* p256_init()'s workspace, discarded with the init sections */
static struct {
	struct jpoint row[NENTRIES];
	u64 acc[NENTRIES][NLIMBS];
	struct jpoint base;
} init_ws __initdata;

/*
 * gtable[i][j - 1] = j * 32^i * G: per row, sixteen projective points
 * made affine with one inversion (Montgomery's trick). Runs once, cannot
 * fail (no allocation); all values are public.
 */
static int __init p256_init(void)
{
	typeof(init_ws) *w = &init_ws;
	u64 inv[NLIMBS], zi[NLIMBS];
	int i, j;

	point_from_affine(&w->base, &G_MONT);
	for (i = 0; i < NWINDOWS; i++) {
		w->row[0] = w->base;
		for (j = 1; j < NENTRIES; j++)
			point_add(&w->row[j], &w->row[j - 1], &w->base);
		/* the next base, 32 * base = 2 * (16 * base) */
		point_double(&w->base, &w->row[NENTRIES - 1]);

		memcpy(w->acc[0], w->row[0].z, sizeof(w->acc[0]));
		for (j = 1; j < NENTRIES; j++)
			fe_mul(w->acc[j], w->acc[j - 1], w->row[j].z);
		fe_inv(inv, w->acc[NENTRIES - 1]);
		for (j = NENTRIES - 1; j >= 0; j--) {
			if (j) {
				fe_mul(zi, inv, w->acc[j - 1]);
				fe_mul(inv, inv, w->row[j].z);
			} else {
				memcpy(zi, inv, sizeof(zi));
			}
			fe_mul(gtable[i][j].x, w->row[j].x, zi);
			fe_mul(gtable[i][j].y, w->row[j].y, zi);
		}
	}
	return 0;
}

static void __exit p256_exit(void)
{
}

subsys_initcall(p256_init);
module_exit(p256_exit);

MODULE_DESCRIPTION("NIST P-256 ECDH and ECDSA, constant time");
MODULE_LICENSE("GPL");
