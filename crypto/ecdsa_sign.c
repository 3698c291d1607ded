// SPDX-License-Identifier: GPL-2.0
/*
 * ECDSA signing for NIST P-256 and P-384 with deterministic nonces
 * (RFC 6979), on top of the helpers crypto/ecc.c exports.
 *
 * The nonce k comes from HMAC_DRBG (RFC 6979 section 3.2) keyed with the
 * private key and the digest; HMAC uses the hash whose output length is
 * the digest's (SHA-256, SHA-384 or SHA-512), as RFC 6979 does, which for
 * the TLS 1.3 schemes ecdsa_secp256r1_sha256 and ecdsa_secp384r1_sha384
 * is the curve's hash. A digest longer than the group order is truncated
 * to its leftmost bits (bits2int), a shorter one is taken as is.
 *
 * Side channels, as far as crypto/ecc.c allows:
 * - k*G runs through crypto_ecdh_shared_secret(): crypto/ecc.c's
 *   Montgomery ladder with a regularised scalar and a random initial Z;
 * - k^-1 is computed as b * (k * b)^-1 with a fresh random b, so the
 *   variable-time binary inversion only sees a uniformly random value;
 * - the other products mod n use vli_mod_mult_slow(), whose reduction is
 *   a fixed number of shift-and-subtract rounds; additions are masked.
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
#include <crypto/sha2.h>
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
	u64 b[MAX_NDIGITS];		/* blinding factor for k^-1 */
	u64 kinv[MAX_NDIGITS];
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
 * Loads a big-endian private scalar and checks it: crypto/ecc.c accepts
 * [2, n - 3], the range its ladder handles (1, n - 2 and n - 1 hit the
 * exceptional cases of the co-Z formulas).
 */
static int load_scalar(u64 *d, unsigned int curve_id, unsigned int ndigits,
		       const u8 *priv)
{
	ecc_digits_from_bytes(priv, ndigits * 8, d, ndigits);
	return ecc_is_key_valid(curve_id, ndigits, d, ndigits * 8);
}

/* res = (a + b) mod m for a, b < m, without data-dependent branches. */
static void mod_add(u64 *res, const u64 *a, const u64 *b, const u64 *m,
		    unsigned int ndigits)
{
	u64 sum[MAX_NDIGITS], diff[MAX_NDIGITS];
	u64 carry = 0, borrow = 0, mask;
	unsigned int i;

	for (i = 0; i < ndigits; i++) {
		u64 t = a[i] + carry;
		u64 c = t < carry;

		sum[i] = t + b[i];
		carry = c | (sum[i] < t);
	}
	for (i = 0; i < ndigits; i++) {
		u64 t = sum[i] - borrow;
		u64 c = t > sum[i];

		diff[i] = t - m[i];
		borrow = c | (diff[i] > t);
	}
	/* a + b >= m when the sum carried out or the subtraction did not */
	mask = 0 - (carry | (borrow ^ 1));
	for (i = 0; i < ndigits; i++)
		res[i] = (diff[i] & mask) | (sum[i] & ~mask);

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

	err = crypto_ecdh_shared_secret(ws->curve_id, nd, ws->k, ws->g, ws->x);
	if (err)
		return err;
	ecc_swap_digits(ws->x, ws->r, nd);
	/* x < p < 2n for P-256 and P-384: one subtraction reduces it */
	if (vli_cmp(ws->r, ws->curve->n, nd) >= 0)
		vli_sub(ws->r, ws->r, ws->curve->n, nd);
	return vli_is_zero(ws->r, nd) ? -EAGAIN : 0;
}

/* s = k^-1 * (e + r * d) mod n; -EAGAIN if s is zero. */
static int compute_s(struct sign_ws *ws)
{
	const u64 *n = ws->curve->n;
	unsigned int nd = ws->ndigits;
	int tries = 0;

	/* blinding factor b, uniform in [1, n - 1] */
	do {
		if (++tries > MAX_K_TRIES)
			return -EAGAIN;
		get_random_bytes(ws->b, nd * sizeof(u64));
	} while (vli_is_zero(ws->b, nd) || vli_cmp(ws->b, n, nd) >= 0);

	/* k^-1 = b * (k * b)^-1 */
	vli_mod_mult_slow(ws->kinv, ws->k, ws->b, n, nd);
	vli_mod_inv(ws->kinv, ws->kinv, n, nd);
	vli_mod_mult_slow(ws->kinv, ws->kinv, ws->b, n, nd);

	vli_mod_mult_slow(ws->s, ws->r, ws->d, n, nd);
	mod_add(ws->s, ws->s, ws->e, n, nd);
	vli_mod_mult_slow(ws->s, ws->s, ws->kinv, n, nd);
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

	err = load_scalar(ws->d, ws->curve_id, nd, priv);
	if (err)
		return -EINVAL;

	/* e = bits2int(digest) mod n, which is also bits2octets' value */
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
		/* k outside [2, n - 3] is rejected like an r or s of zero */
		if (!ecc_is_key_valid(ws->curve_id, nd, ws->k, nd * 8)) {
			err = compute_r(ws);
			if (!err)
				err = compute_s(ws);
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
 * The point is validated (on the curve, of order n) by crypto/ecc.c.
 * May sleep.
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
	int nd = curve_ndigits(curve_id);
	u64 point[2 * MAX_NDIGITS];
	u64 d[MAX_NDIGITS];
	int err;

	if (nd < 0 || !priv || !pub || priv_len != nd * sizeof(u64))
		return -EINVAL;
	if (pub_size < 1 + 2 * priv_len)
		return -ENOSPC;

	err = load_scalar(d, curve_id, nd, priv);
	if (err) {
		err = -EINVAL;
		goto out;
	}
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
