// SPDX-License-Identifier: GPL-2.0-only
/*
 * Our own certificate chain and private key, for the certificate
 * handshake (RFC 8446 section 4.4.2, RFC 9289). They come from kernel
 * keys in the form tlshd accepts: "user" keys holding DER, named by
 * serial (cert_serial=, privkey_serial=) or found by description in the
 * engine's default identity keyrings (keyrings.c).
 *
 * The chain is one or more DER certificates, leaf first, split by their
 * outer SEQUENCE lengths. The private key is a PKCS#8 PrivateKeyInfo
 * (RSA, or EC on P-256/P-384), a SEC1 ECPrivateKey or a PKCS#1
 * RSAPrivateKey, parsed by the grammars cred_pkcs8.asn1, cred_eckey.asn1
 * and cred_rsakey.asn1 (6.12's own PKCS#8 parser knows RSA only), and
 * kept in the form sig.c's tls13_sig_sign() takes. Before a credential
 * is accepted the key must prove it belongs to the leaf: it signs a fixed
 * message that the leaf's public key then verifies.
 *
 * That proof is the costliest part of loading a credential (a signature
 * and a verification: most of a certificate server's handshake), and a
 * server loads its identity for every handshake. So a proof is made once
 * per identity: a SHA-256 digest of the leaf and the key is remembered
 * (the last CRED_PROVEN_MAX of them), and a credential whose digest is
 * known skips it. Keyed by content, not by key serial: a key updated with
 * keyctl has other bytes and is proven again, and a revoked one is
 * refused by the load before this point. The leaf and the key are still
 * parsed and their kinds compared each time.
 *
 * Errors: a malformed chain is -EINVAL (-E2BIG: more than
 * %TLS13_MAX_CHAIN certificates), a malformed key -EBADMSG, an encrypted
 * PKCS#8 key -EKEYREJECTED, an algorithm or curve the engine does not
 * sign with -ENOPKG, and a key that is not the leaf's -EKEYREJECTED.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/ecdsa-sign.h>
#include <crypto/public_key.h>
#include <crypto/sha2.h>
#include <crypto/utils.h>
#include <keys/asymmetric-subtype.h>
#include <keys/asymmetric-type.h>
#include <keys/user-type.h>
#include <linux/array_size.h>
#include <linux/asn1.h>
#include <linux/asn1_decoder.h>
#include <linux/key.h>
#include <linux/key-type.h>
#include <linux/minmax.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "cert.h"
#include "compat.h"
#include "der.h"
#include "sig.h"
#include "cred_eckey.asn1.h"
#include "cred_pkcs8.asn1.h"
#include "cred_rsakey.asn1.h"

/* the asn1 decoder's limit */
#define KEY_MAX_LEN	65535

/* "user" key descriptions in the default identity keyrings */
#define DEFAULT_CERT	"cert"
#define DEFAULT_PRIVKEY	"privkey"

/* the OIDs (DER contents) the key forms carry */
static const u8 oid_rsa[] = {	/* rsaEncryption, 1.2.840.113549.1.1.1 */
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01
};

static const u8 oid_ec[] = {	/* id-ecPublicKey, 1.2.840.10045.2.1 */
	0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01
};

static const u8 oid_p256[] = {	/* prime256v1, 1.2.840.10045.3.1.7 */
	0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07
};

static const u8 oid_p384[] = {	/* secp384r1, 1.3.132.0.34 */
	0x2b, 0x81, 0x04, 0x00, 0x22
};

/**
 * struct keyparse - what the key grammars' actions found
 * @version: the version INTEGER was acceptable
 * @ec: PKCS#8 privateKeyAlgorithm is id-ecPublicKey (else rsaEncryption)
 * @params_tag: tag of the PKCS#8 algorithm parameters or of the SEC1
 *	[0] parameters, 0 when absent
 * @curve: the namedCurve in those parameters, %TLS13_KEY_NONE if it is
 *	none of ours
 * @key: PKCS#8 privateKey contents, or the SEC1 privateKey scalar
 * @key_len: its length
 */
struct keyparse {
	bool version;
	bool ec;
	u8 params_tag;
	enum tls13_key_kind curve;
	const u8 *key;
	size_t key_len;
};

static enum tls13_key_kind curve_kind(const void *oid, size_t len)
{
	if (tls13_oid_is(oid, len, oid_p256, sizeof(oid_p256)))
		return TLS13_KEY_EC_P256;
	if (tls13_oid_is(oid, len, oid_p384, sizeof(oid_p384)))
		return TLS13_KEY_EC_P384;
	return TLS13_KEY_NONE;
}

static int split_chain(struct tls13_cred *c, size_t len)
{
	size_t off = 0, n;

	while (off < len) {
		n = tls13_der_certificate(c->buf + off, len - off);
		if (!n)
			return -EINVAL;
		if (c->n == TLS13_MAX_CHAIN)
			return -E2BIG;
		c->der[c->n] = c->buf + off;
		c->der_len[c->n] = n;
		c->n++;
		off += n;
	}
	return 0;
}

/* cred_pkcs8.asn1 */

int tls13_cred_pkcs8_version(void *context, size_t hdrlen, unsigned char tag,
			     const void *value, size_t vlen)
{
	struct keyparse *kp = context;
	const u8 *v = value;

	/* v1 (RFC 5208) or v2 (RFC 5958, with publicKey) */
	if (vlen != 1 || v[0] > 1)
		return -EBADMSG;
	kp->version = true;
	return 0;
}

int tls13_cred_pkcs8_algo(void *context, size_t hdrlen, unsigned char tag,
			  const void *value, size_t vlen)
{
	struct keyparse *kp = context;

	if (tls13_oid_is(value, vlen, oid_ec, sizeof(oid_ec)))
		kp->ec = true;
	else if (!tls13_oid_is(value, vlen, oid_rsa, sizeof(oid_rsa)))
		return -ENOPKG;
	return 0;
}

int tls13_cred_pkcs8_params(void *context, size_t hdrlen, unsigned char tag,
			    const void *value, size_t vlen)
{
	struct keyparse *kp = context;

	kp->params_tag = tag;
	if (tag == ASN1_OID)
		kp->curve = curve_kind(value, vlen);
	else if (tag == ASN1_NULL && vlen)
		return -EBADMSG;
	return 0;
}

int tls13_cred_pkcs8_key(void *context, size_t hdrlen, unsigned char tag,
			 const void *value, size_t vlen)
{
	struct keyparse *kp = context;

	kp->key = value;
	kp->key_len = vlen;
	return 0;
}

/* cred_eckey.asn1 */

int tls13_cred_ec_version(void *context, size_t hdrlen, unsigned char tag,
			  const void *value, size_t vlen)
{
	struct keyparse *kp = context;
	const u8 *v = value;

	/* ecPrivkeyVer1 */
	if (vlen != 1 || v[0] != 1)
		return -EBADMSG;
	kp->version = true;
	return 0;
}

int tls13_cred_ec_key(void *context, size_t hdrlen, unsigned char tag,
		      const void *value, size_t vlen)
{
	struct keyparse *kp = context;

	kp->key = value;
	kp->key_len = vlen;
	return 0;
}

int tls13_cred_ec_params(void *context, size_t hdrlen, unsigned char tag,
			 const void *value, size_t vlen)
{
	struct keyparse *kp = context;

	/* implicitCurve and specifiedCurve are refused below (-ENOPKG) */
	kp->params_tag = tag;
	if (tag == ASN1_OID)
		kp->curve = curve_kind(value, vlen);
	return 0;
}

/* cred_rsakey.asn1 */

int tls13_cred_rsa_version(void *context, size_t hdrlen, unsigned char tag,
			   const void *value, size_t vlen)
{
	struct keyparse *kp = context;
	const u8 *v = value;

	/* two-prime */
	if (vlen != 1 || v[0] != 0)
		return -EBADMSG;
	kp->version = true;
	return 0;
}

/*
 * Run a grammar over exactly one SEQUENCE. The decoder's own errors are
 * all "malformed"; the actions' -ENOPKG says "well formed, not supported".
 */
static int decode(const struct asn1_decoder *decoder, struct keyparse *kp,
		  const u8 *der, size_t len)
{
	int err;

	if (len > KEY_MAX_LEN || !tls13_der_one_sequence(der, len))
		return -EBADMSG;
	err = asn1_ber_decoder(decoder, kp, der, len);
	if (err == -ENOPKG)
		return err;
	if (err || !kp->version)
		return -EBADMSG;
	return 0;
}

/*
 * An ECPrivateKey. @kind: the curve named outside it (PKCS#8), or
 * %TLS13_KEY_NONE (SEC1 standalone: its [0] parameters must name one).
 * Leaves the scalar, left-padded with zeros to the curve's size, in
 * @c->priv.
 */
static noinline_for_stack int parse_ec(struct tls13_cred *c, const u8 *der,
				       size_t len, enum tls13_key_kind kind)
{
	struct keyparse kp = { };
	size_t size;
	int err;

	err = decode(&cred_eckey_decoder, &kp, der, len);
	if (err)
		return err;
	if (kp.params_tag) {
		/* implicitCurve, specifiedCurve, or a curve not ours */
		if (kp.params_tag != ASN1_OID || kp.curve == TLS13_KEY_NONE)
			return -ENOPKG;
		/* PKCS#8 naming one curve around a key for another */
		if (kind != TLS13_KEY_NONE && kind != kp.curve)
			return -EBADMSG;
		kind = kp.curve;
	}
	if (kind == TLS13_KEY_NONE)
		return -EBADMSG;

	size = kind == TLS13_KEY_EC_P256 ? 32 : 48;
	/* RFC 5915 wants the full size; accept leading zeros added or lost */
	while (kp.key_len > size && !kp.key[0]) {
		kp.key++;
		kp.key_len--;
	}
	if (!kp.key_len || kp.key_len > size)
		return -EBADMSG;
	c->priv = kzalloc(size, GFP_KERNEL);
	if (!c->priv)
		return -ENOMEM;
	memcpy(c->priv + size - kp.key_len, kp.key, kp.key_len);
	c->priv_len = size;
	c->kind = kind;
	return 0;
}

/* An RSAPrivateKey, kept as it is in @c->priv */
static noinline_for_stack int parse_rsa(struct tls13_cred *c, const u8 *der,
					size_t len)
{
	struct keyparse kp = { };
	int err;

	err = decode(&cred_rsakey_decoder, &kp, der, len);
	if (err)
		return err;
	c->priv = kmemdup(der, len, GFP_KERNEL);
	if (!c->priv)
		return -ENOMEM;
	c->priv_len = len;
	c->kind = TLS13_KEY_RSA;
	return 0;
}

static noinline_for_stack int parse_pkcs8(struct tls13_cred *c,
					  const u8 *der, size_t len)
{
	struct keyparse kp = { };
	int err;

	err = decode(&cred_pkcs8_decoder, &kp, der, len);
	if (err)
		return err;
	if (!kp.ec) {
		if (kp.params_tag && kp.params_tag != ASN1_NULL)
			return -EBADMSG;
		return parse_rsa(c, kp.key, kp.key_len);
	}
	/* id-ecPublicKey: ECParameters, which must be one of our curves */
	if (!kp.params_tag)
		return -EBADMSG;
	if (kp.params_tag != ASN1_OID || kp.curve == TLS13_KEY_NONE)
		return -ENOPKG;
	return parse_ec(c, kp.key, kp.key_len, kp.curve);
}

/*
 * Tell the formats apart by their first two elements: PKCS#8 is INTEGER,
 * SEQUENCE; SEC1 INTEGER, OCTET STRING; PKCS#1 INTEGER, INTEGER; and an
 * EncryptedPrivateKeyInfo SEQUENCE, OCTET STRING.
 */
static int parse_key(struct tls13_cred *c, const u8 *der, size_t len)
{
	size_t hdr, vlen, off, h1, l1, h2, l2;
	u8 t1, t2;

	if (!tls13_der_one_sequence(der, len))
		return -EBADMSG;
	tls13_der_tlv(der, len, &t1, &hdr, &vlen);
	off = hdr;
	if (tls13_der_tlv(der + off, len - off, &t1, &h1, &l1))
		return -EBADMSG;
	off += h1 + l1;
	if (tls13_der_tlv(der + off, len - off, &t2, &h2, &l2))
		return -EBADMSG;
	if (t1 == TLS13_DER_SEQUENCE && t2 == TLS13_DER_OCTET_STRING)
		return -EKEYREJECTED;
	if (t1 != TLS13_DER_INTEGER)
		return -EBADMSG;
	switch (t2) {
	case TLS13_DER_SEQUENCE:
		return parse_pkcs8(c, der, len);
	case TLS13_DER_OCTET_STRING:
		return parse_ec(c, der, len, TLS13_KEY_NONE);
	case TLS13_DER_INTEGER:
		return parse_rsa(c, der, len);
	default:
		return -EBADMSG;
	}
}

/* The private key signs, the leaf's public key verifies. */
static noinline_for_stack int
prove_possession(const struct tls13_cred *c, const struct public_key *pub)
{
	static const u8 msg[] = "tls13: proof of possession of the private key";
	const struct tls13_sigscheme *s;
	size_t size, sig_len;
	u8 *sig;
	int err;

	s = tls13_sigscheme_find(tls13_sigscheme_for(c->kind));
	if (!s)
		return -ENOPKG;
	/* an RSA signature is shorter than the RSAPublicKey holding n */
	size = max_t(size_t, ECDSA_SIGN_MAX_DER_SIZE, pub->keylen);
	sig = kmalloc(size, GFP_KERNEL);
	if (!sig)
		return -ENOMEM;
	err = tls13_sig_sign(s, c->priv, c->priv_len, msg, sizeof(msg) - 1,
			     sig, size, &sig_len);
	if (!err)
		err = tls13_sig_verify(s, pub->key, pub->keylen, msg,
				       sizeof(msg) - 1, sig, sig_len);
	kfree(sig);
	/* a key that does not fit (RSA < 2048 bits, scalar >= n) or sign */
	if (err == -EINVAL || err == -EBADMSG)
		err = -EKEYREJECTED;
	return err;
}

/* identities proven (CRED_PROVEN_MAX digests, the oldest replaced) */
#define CRED_PROVEN_MAX	8
static DEFINE_SPINLOCK(proven_lock);
static u8 proven[CRED_PROVEN_MAX][SHA256_DIGEST_SIZE];
static unsigned int proven_n, proven_next;
static atomic_t proofs = ATOMIC_INIT(0);

/* the identity's digest: the leaf and the private key */
static void cred_digest(const struct tls13_cred *c, u8 *out)
{
	struct tls13_sha256_ctx st;

	sha256_init(&st);
	sha256_update(&st, c->der[0], c->der_len[0]);
	sha256_update(&st, c->priv, c->priv_len);
	sha256_final(&st, out);
}

static bool cred_proven(const u8 *digest)
{
	bool found = false;
	unsigned int i;

	spin_lock(&proven_lock);
	for (i = 0; i < proven_n; i++)
		found |= !crypto_memneq(proven[i], digest, SHA256_DIGEST_SIZE);
	spin_unlock(&proven_lock);
	return found;
}

static void cred_remember(const u8 *digest)
{
	spin_lock(&proven_lock);
	memcpy(proven[proven_next], digest, SHA256_DIGEST_SIZE);
	proven_next = (proven_next + 1) % CRED_PROVEN_MAX;
	proven_n = min_t(unsigned int, proven_n + 1, CRED_PROVEN_MAX);
	spin_unlock(&proven_lock);
}

/**
 * tls13_cred_proofs - how many proofs of possession were made
 *
 * Return values: the count since boot (/proc/net/tls13_stat's
 * identity_proofs: how often a cached proof could not be used)
 */
unsigned int tls13_cred_proofs(void)
{
	return atomic_read(&proofs);
}

/* Prove possession once per identity (see the top of this file) */
static noinline_for_stack int
prove_once(const struct tls13_cred *c, const struct public_key *pub)
{
	u8 digest[SHA256_DIGEST_SIZE];
	int err = 0;

	cred_digest(c, digest);
	if (!cred_proven(digest)) {
		atomic_inc(&proofs);
		err = prove_possession(c, pub);
		if (!err)
			cred_remember(digest);
	}
	memzero_explicit(digest, sizeof(digest));
	return err;
}

/* Parse the leaf, compare the kinds, prove possession (once). */
static noinline_for_stack int check_leaf(const struct tls13_cred *c)
{
	struct key_preparsed_payload prep = {
		.data = c->der[0],
		.datalen = c->der_len[0],
	};
	const struct public_key *pub;
	enum tls13_key_kind kind;
	int err;

	err = key_type_asymmetric.preparse(&prep);
	if (err)
		return err == -ENOMEM || err == -ENOPKG ? err : -EINVAL;
	pub = prep.payload.data[asym_crypto];
	/* the PKCS#8 key parser accepts a private key as well */
	if (!pub || pub->key_is_private || !pub->pkey_algo) {
		err = -EINVAL;
		goto out;
	}
	kind = tls13_key_kind(pub->pkey_algo);
	if (kind == TLS13_KEY_NONE) {
		err = -ENOPKG;
		goto out;
	}
	if (kind != c->kind) {
		err = -EKEYREJECTED;
		goto out;
	}
	err = prove_once(c, pub);
out:
	key_type_asymmetric.free_preparse(&prep);
	return err;
}

/**
 * tls13_cred_set - take a certificate chain and its private key
 * @chain: one or more DER certificates, concatenated, leaf first
 * @chain_len: its length
 * @privkey: the leaf's private key, DER: a PKCS#8 PrivateKeyInfo (RSA,
 *	or EC with namedCurve prime256v1 or secp384r1), a SEC1
 *	ECPrivateKey or a PKCS#1 RSAPrivateKey
 * @privkey_len: its length
 * @out: the credential; it must hold none (zeroed or freed). On
 *	success it owns copies of both; on failure it is zeroed.
 *
 * The leaf is parsed by the kernel's X.509 parser; its key must be of the
 * private key's kind, and a signature by the private key must verify with
 * it. The other certificates are only split, not checked: the peer does.
 *
 * Return values:
 *   0: @out holds the credential; tls13_cred_free() releases it
 *   -EINVAL: @chain is empty, malformed (each certificate's SEQUENCE
 *	exactly, nothing after the last) or its leaf is not a certificate
 *	the kernel parses
 *   -E2BIG: more than %TLS13_MAX_CHAIN certificates
 *   -EBADMSG: @privkey is malformed, of a wrong version, or has bytes
 *	after it
 *   -EKEYREJECTED: @privkey is an encrypted PKCS#8 key (load it
 *	decrypted), or not the leaf's key
 *   -ENOPKG: an algorithm or curve the engine does not sign with (in
 *	@privkey or the leaf)
 *   -ENOMEM
 */
int tls13_cred_set(const u8 *chain, size_t chain_len, const u8 *privkey,
		   size_t privkey_len, struct tls13_cred *out)
{
	int err;

	memset(out, 0, sizeof(*out));
	if (!chain_len)
		return -EINVAL;
	out->buf = kmemdup(chain, chain_len, GFP_KERNEL);
	if (!out->buf)
		return -ENOMEM;
	err = split_chain(out, chain_len);
	if (!err)
		err = parse_key(out, privkey, privkey_len);
	if (!err)
		err = check_leaf(out);
	if (err)
		tls13_cred_free(out);
	return err;
}

/*
 * Append the payload of "user" key @key to *@buf (*@len bytes so far).
 * The old buffer is wiped when it moves: it may hold a private key.
 */
static int append_payload(struct key *key, u8 **buf, size_t *len)
{
	const struct user_key_payload *upayload;
	u8 *p;
	int err;

	if (key->type != &key_type_user)
		return -EKEYREJECTED;
	down_read(&key->sem);
	err = key_validate(key);
	if (err)
		goto out;
	upayload = user_key_payload_locked(key);
	if (!upayload) {
		err = -EKEYREVOKED;
		goto out;
	}
	p = kmalloc(max_t(size_t, *len + upayload->datalen, 1), GFP_KERNEL);
	if (!p) {
		err = -ENOMEM;
		goto out;
	}
	if (*len)
		memcpy(p, *buf, *len);
	memcpy(p + *len, upayload->data, upayload->datalen);
	kfree_sensitive(*buf);
	*buf = p;
	*len += upayload->datalen;
out:
	up_read(&key->sem);
	return err;
}

/*
 * The certificate chain and the private key gathered, set. "bad contents"
 * are -EKEYREJECTED for the caller; -ENOPKG stays, to say what is wrong.
 */
static int set_copies(u8 *chain, size_t chain_len, u8 *priv, size_t priv_len,
		      struct tls13_cred *out)
{
	int err;

	err = tls13_cred_set(chain, chain_len, priv, priv_len, out);
	if (err == -EINVAL || err == -E2BIG || err == -EBADMSG)
		err = -EKEYREJECTED;
	return err;
}

/**
 * tls13_cred_load - a credential from two "user" keys, as tlshd takes it
 * @cert: serial of the key holding the certificate chain (DER, leaf
 *	first; one certificate or several concatenated)
 * @privkey: serial of the key holding the private key (DER, any form
 *	tls13_cred_set() takes)
 * @out: the credential, as for tls13_cred_set()
 *
 * Return values:
 *   0: @out holds the credential
 *   -ENOKEY: no key has one of the serials, or it was invalidated
 *   -EKEYREVOKED, -EKEYEXPIRED: one of the keys is revoked or expired
 *   -EKEYREJECTED: a key is not of type "user", or its contents are not
 *	a chain or private key tls13_cred_set() accepts, or they do not match
 *   -ENOPKG: an algorithm or curve the engine does not sign with
 *   -ENOMEM
 */
int tls13_cred_load(key_serial_t cert, key_serial_t privkey,
		    struct tls13_cred *out)
{
	struct key *ckey, *pkey = NULL;
	size_t chain_len = 0, priv_len = 0;
	u8 *chain = NULL, *priv = NULL;
	int err;

	memset(out, 0, sizeof(*out));
	ckey = key_lookup(cert);
	if (IS_ERR(ckey))
		return PTR_ERR(ckey);
	pkey = key_lookup(privkey);
	if (IS_ERR(pkey)) {
		err = PTR_ERR(pkey);
		pkey = NULL;
		goto out;
	}
	err = append_payload(ckey, &chain, &chain_len);
	if (!err)
		err = append_payload(pkey, &priv, &priv_len);
	if (!err)
		err = set_copies(chain, chain_len, priv, priv_len, out);
out:
	kfree_sensitive(priv);
	kfree(chain);
	key_put(pkey);
	key_put(ckey);
	return err;
}

/* "user" key @desc in @keyring (not its children) */
static struct key *find_user_key(struct key *keyring, const char *desc)
{
	key_ref_t ref;

	ref = keyring_search(make_key_ref(keyring, true), &key_type_user, desc,
			     false);
	if (IS_ERR(ref))
		return PTR_ERR(ref) == -EAGAIN ? ERR_PTR(-ENOKEY) :
						 ERR_CAST(ref);
	return key_ref_to_ptr(ref);
}

/* "cert", then "cert.1", "cert.2"... until one is missing */
static int gather_chain(struct key *keyring, u8 **chain, size_t *len)
{
	char desc[sizeof(DEFAULT_CERT ".") + 2];
	struct key *key;
	unsigned int i;
	int err;

	for (i = 0; i < TLS13_MAX_CHAIN; i++) {
		if (i)
			snprintf(desc, sizeof(desc), DEFAULT_CERT ".%u", i);
		else
			strscpy(desc, DEFAULT_CERT, sizeof(desc));
		key = find_user_key(keyring, desc);
		if (IS_ERR(key)) {
			err = PTR_ERR(key);
			/* the chain ends at the first missing "cert.N" */
			return i && err == -ENOKEY ? 0 : err;
		}
		err = append_payload(key, chain, len);
		key_put(key);
		if (err)
			return err;
	}
	return 0;
}

/**
 * tls13_cred_load_default - the default identity in one of the engine's
 *	keyrings (.tls13-server, .tls13-client)
 * @keyring: the keyring, searched (not recursively) with the current
 *	credentials for "user" keys: "cert" (DER: the leaf, or the whole
 *	chain concatenated), optionally "cert.1", "cert.2"... (the next
 *	certificates, up to the first missing one) and "privkey" (DER)
 * @out: the credential, as for tls13_cred_set()
 *
 * Return values:
 *   0: @out holds the credential
 *   -ENOKEY: no "cert" or no "privkey" in @keyring
 *   -EKEYREVOKED, -EKEYEXPIRED, -EACCES: keyring_search() said so
 *   -EKEYREJECTED: contents tls13_cred_set() refuses (see there), or a
 *	key that does not match
 *   -ENOPKG: an algorithm or curve the engine does not sign with
 *   -ENOMEM
 */
int tls13_cred_load_default(struct key *keyring, struct tls13_cred *out)
{
	size_t chain_len = 0, priv_len = 0;
	u8 *chain = NULL, *priv = NULL;
	struct key *pkey;
	int err;

	memset(out, 0, sizeof(*out));
	if (!keyring)
		return -ENOKEY;
	err = gather_chain(keyring, &chain, &chain_len);
	if (err)
		goto out;
	pkey = find_user_key(keyring, DEFAULT_PRIVKEY);
	if (IS_ERR(pkey)) {
		err = PTR_ERR(pkey);
		goto out;
	}
	err = append_payload(pkey, &priv, &priv_len);
	key_put(pkey);
	if (!err)
		err = set_copies(chain, chain_len, priv, priv_len, out);
out:
	kfree_sensitive(priv);
	kfree(chain);
	return err;
}

/**
 * tls13_cred_sign - sign with a credential's private key
 * @cred: the credential
 * @scheme: the SignatureScheme; the caller picked one that fits
 *	@cred->kind (the engine does)
 * @msg: what to sign
 * @len: its length
 * @sig: where the signature goes
 * @size: room at @sig
 * @sig_len: the signature's length
 *
 * What a caller's &struct tls13_hs_config sign callback does with the
 * credential it configured: the engine itself never sees the private key.
 *
 * Return values: 0, -EINVAL (no key, or a scheme the engine does not
 *	sign with), or tls13_sig_sign()'s error
 */
int tls13_cred_sign(const struct tls13_cred *cred, u16 scheme, const u8 *msg,
		    size_t len, u8 *sig, size_t size, size_t *sig_len)
{
	const struct tls13_sigscheme *s = tls13_sigscheme_find(scheme);

	if (!s || !cred->priv)
		return -EINVAL;
	return tls13_sig_sign(s, cred->priv, cred->priv_len, msg, len, sig,
			      size, sig_len);
}

/**
 * tls13_cred_free - release a credential and wipe its private key
 * @cred: the credential; zeroed afterwards, so a second call (or one on a
 *	zeroed struct) does nothing
 */
void tls13_cred_free(struct tls13_cred *cred)
{
	kfree_sensitive(cred->priv);
	kfree(cred->buf);
	memzero_explicit(cred, sizeof(*cred));
}
