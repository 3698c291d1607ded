// SPDX-License-Identifier: GPL-2.0-only
/*
 * Checking a peer's certificate chain (RFC 8446 section 4.4.2, RFC 5280
 * section 6 in the subset TLS 1.3 and RFC 9289 need).
 *
 * Every certificate the peer sent is parsed twice: by the kernel's X.509
 * parser, through key_type_asymmetric.preparse() (the public key, the
 * signature and its digest, the ids of the raw subject and issuer names),
 * and by the grammars cert_*.asn1 for what that parser keeps private: the
 * validity, basicConstraints, keyUsage, extKeyUsage and subjectAltName,
 * and whether an unknown extension is critical.
 *
 * The path starts at the leaf (der[0]). At each step the issuer's name is
 * looked up among the trust anchors (pol->trust, by the id of the raw
 * name); if an anchor has it, its key must verify the signature and the
 * path ends there (only the first anchor of that name is tried: two
 * anchors sharing a name are not supported). Otherwise the issuer is
 * sought among the other certificates the peer sent, in any order, each
 * used at most once; the first whose key verifies the signature is
 * taken. A root the peer sent is trusted only through the trust keyring:
 * its self-signature proves nothing. The anchor itself is not checked
 * further (it is trusted by configuration). The certificates of the path
 * are then checked: validity, CA constraints on the issuers, and on the
 * leaf keyUsage, extKeyUsage and the name.
 *
 * Names: an IPv4 or IPv6 literal must equal an iPAddress SAN; anything
 * else must equal a dNSName SAN, ignoring ASCII case. There are no
 * wildcards, no trailing-dot folding and no fallback to the subject CN.
 *
 * Alerts (hs.c's tls13_alert_errno() maps them to errnos):
 *   bad_certificate (42)          n == 0 or n > TLS13_MAX_CHAIN; an empty,
 *                                 oversized (> 65535 bytes) or malformed
 *                                 certificate (DER, trailing bytes, a
 *                                 duplicate extension, a bad time); a
 *                                 signature along the path that does not
 *                                 verify, or that uses SHA-1 or SHA-224
 *                                 (RFC 8446 section 4.4.2.4 for SHA-1;
 *                                 SHA-224 is weaker than anything we
 *                                 advertise); more than CERT_MAX_VERIFY
 *                                 signatures to check
 *   unsupported_certificate (43)  a key the engine cannot use (not P-256,
 *                                 P-384 or RSA; too long), a signature
 *                                 algorithm outside what our
 *                                 signature_algorithms_cert advertises
 *                                 (below), or an RSA key of an issuer or
 *                                 the leaf outside 2048..4096 bits or
 *                                 with a public exponent over 32 bits
 *   certificate_expired (45)      now outside notBefore..notAfter of a
 *                                 certificate of the path
 *   certificate_unknown (46)      policy: an issuer that is not a CA
 *                                 (basicConstraints missing or cA FALSE),
 *                                 an issuer whose keyUsage lacks
 *                                 keyCertSign, pathLenConstraint exceeded,
 *                                 a leaf keyUsage without digitalSignature,
 *                                 an extKeyUsage without the role's
 *                                 purpose, a name mismatch, an unknown
 *                                 critical extension, a loop among the
 *                                 sent certificates, a path longer than
 *                                 TLS13_MAX_CHAIN
 *   unknown_ca (48)               no issuer for a certificate of the path
 *                                 among the sent certificates or the
 *                                 anchors (a self-signed leaf that is not
 *                                 an anchor, an unknown root)
 *   internal_error (80)           out of memory, a keyring failure
 * The first failure found wins, in this order: parsing every certificate,
 * building the path (signatures), validity, issuer constraints, the leaf.
 *
 * Signatures along the path: those client.c advertises in
 * signature_algorithms_cert, as the issuer's key and the signature's
 * hash: an RSA key with PKCS#1 v1.5 and SHA-256/384/512, or a P-256 or
 * P-384 key with ECDSA and SHA-256/384 (the ECDSA schemes' curve is not
 * tied to their hash here: a P-384 CA signing with SHA-256 is common and
 * no weaker than the P-256 scheme). Every key that verifies something
 * (an anchor's, a sent CA's) is checked first: its kind, and for RSA its
 * size and public exponent, which bound what one verification costs. A
 * chain may cost at most CERT_MAX_VERIFY verifications, tries of a
 * candidate issuer that fail included, so a peer sending eight
 * certificates of one name pays for what it makes us do.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/internal/rsa.h>
#include <crypto/public_key.h>
#include <keys/asymmetric-parser.h>
#include <keys/asymmetric-subtype.h>
#include <keys/asymmetric-type.h>
#include <linux/asn1.h>
#include <linux/asn1_decoder.h>
#include <linux/err.h>
#include <linux/inet.h>
#include <linux/key-type.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/time64.h>
#include <linux/timekeeping.h>

#include "wire.h"
#include "cert.h"
#include "der.h"
#include "cert_x509.asn1.h"
#include "cert_bc.asn1.h"
#include "cert_ku.asn1.h"
#include "cert_eku.asn1.h"
#include "sig.h"
#include "cert_san.asn1.h"

/* the kernel's BER decoder takes at most 64 KiB - 1 */
#define CERT_MAX_DER		65535
/* entries of one extKeyUsage or subjectAltName we walk at most */
#define CERT_MAX_ENTRIES	256
#define WEAK_SIG		"a signature with a weak hash (SHA-1 or SHA-224)"
/* signature verifications one chain may cost: two per certificate */
#define CERT_MAX_VERIFY		(2 * TLS13_MAX_CHAIN)
/* RSA keys that verify: modulus bits, and the public exponent's bytes */
#define CERT_RSA_MIN_BITS	2048
#define CERT_RSA_MAX_BITS	4096
#define CERT_RSA_MAX_E_BYTES	4

/* keyUsage, first octet of the bits (RFC 5280 4.2.1.3) */
#define KU_DIGITAL_SIGNATURE	0x80
#define KU_KEY_CERT_SIGN	0x04

/* what a certificate's extensions say */
#define EXT_BC			BIT(0)
#define EXT_KU			BIT(1)
#define EXT_EKU			BIT(2)
#define EXT_SAN			BIT(3)
#define EXT_SKID		BIT(4)
#define EXT_AKID		BIT(5)

#define EKU_SERVER		BIT(0)
#define EKU_CLIENT		BIT(1)
#define EKU_ANY			BIT(2)

/* raw OID contents */
static const u8 oid_bc[] = { 0x55, 0x1d, 0x13 };	/* 2.5.29.19 */
static const u8 oid_ku[] = { 0x55, 0x1d, 0x0f };	/* 2.5.29.15 */
static const u8 oid_eku[] = { 0x55, 0x1d, 0x25 };	/* 2.5.29.37 */
static const u8 oid_san[] = { 0x55, 0x1d, 0x11 };	/* 2.5.29.17 */
static const u8 oid_skid[] = { 0x55, 0x1d, 0x0e };	/* 2.5.29.14 */
static const u8 oid_akid[] = { 0x55, 0x1d, 0x23 };	/* 2.5.29.35 */
/* anyExtendedKeyUsage, 2.5.29.37.0 */
static const u8 oid_any_eku[] = { 0x55, 0x1d, 0x25, 0x00 };
/* id-kp, 1.3.6.1.5.5.7.3; the last arc follows */
static const u8 oid_kp[] = { 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03 };
#define KP_SERVER_AUTH		1	/* id-kp-serverAuth, RFC 5280 */
#define KP_CLIENT_AUTH		2	/* id-kp-clientAuth, RFC 5280 */
#define KP_RPC_TLS_CLIENT	33	/* id-kp-rpcTLSClient, RFC 9289 */
#define KP_RPC_TLS_SERVER	34	/* id-kp-rpcTLSServer, RFC 9289 */

struct cert {
	struct key_preparsed_payload prep;
	bool parsed;
	const struct public_key *pub;
	const struct public_key_signature *sig;	/* NULL: unsupported */
	const struct asymmetric_key_id *subject;
	time64_t not_before;
	time64_t not_after;
	unsigned int ext;		/* EXT_* seen */
	bool unknown_critical;
	bool weak_sig;			/* signed with MD5, SHA-1 or SHA-224 */
	bool ca;
	int pathlen;			/* -1: no pathLenConstraint */
	u8 ku;				/* keyUsage bits 0..7 */
	u8 eku;				/* EKU_* */
	bool name_ok;			/* a SAN matches the peer name */
	unsigned int entries;
};

struct chain {
	const struct tls13_cert_policy *pol;
	size_t name_len;
	u8 ip[16];
	unsigned int ip_len;		/* 0: the name is a DNS name */
	struct cert *cur;		/* being parsed */
	const u8 *oid;
	size_t oid_len;
	bool critical;
	unsigned int n;
	unsigned int path[TLS13_MAX_CHAIN];
	unsigned int depth;
	unsigned int verifies;		/* signatures checked so far */
	const char *why;		/* what the refusal's alert means */
	struct cert certs[TLS13_MAX_CHAIN];
};

/* refuse the chain with @alert, saying why in the handshake's log line */
static u8 refuse(struct chain *ch, u8 alert, const char *why)
{
	ch->why = why;
	return alert;
}

static bool two_digits(const u8 *p, unsigned int *v)
{
	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
		return false;
	*v = (p[0] - '0') * 10 + (p[1] - '0');
	return true;
}

/* UTCTime YYMMDDHHMMSSZ or GeneralizedTime YYYYMMDDHHMMSSZ (RFC 5280 4.1.2.5) */
static int decode_time(time64_t *t, unsigned char tag, const u8 *v,
		       size_t vlen)
{
	static const u8 mdays[] = { 31, 29, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31 };
	unsigned int year, cy, mon, day, hour, min, sec;

	if (tag == ASN1_UNITIM) {
		if (vlen != 13 || !two_digits(v, &year))
			return -EBADMSG;
		year += year < 50 ? 2000 : 1900;
		v += 2;
	} else if (tag == ASN1_GENTIM) {
		if (vlen != 15 || !two_digits(v, &cy) ||
		    !two_digits(v + 2, &year))
			return -EBADMSG;
		year += cy * 100;
		v += 4;
	} else {
		return -EBADMSG;
	}
	if (!two_digits(v, &mon) || !two_digits(v + 2, &day) ||
	    !two_digits(v + 4, &hour) || !two_digits(v + 6, &min) ||
	    !two_digits(v + 8, &sec) || v[10] != 'Z')
		return -EBADMSG;
	if (mon < 1 || mon > 12 || day < 1 || day > mdays[mon - 1] ||
	    hour > 23 || min > 59 || sec > 60)
		return -EBADMSG;
	if (mon == 2 && day == 29 &&
	    (year % 4 || (year % 100 == 0 && year % 400)))
		return -EBADMSG;
	*t = mktime64(year, mon, day, hour, min, sec);
	return 0;
}

int tls13_cert_note_not_before(void *context, size_t hdrlen,
			       unsigned char tag, const void *value,
			       size_t vlen)
{
	struct chain *ch = context;

	return decode_time(&ch->cur->not_before, tag, value, vlen);
}

int tls13_cert_note_not_after(void *context, size_t hdrlen,
			      unsigned char tag, const void *value,
			      size_t vlen)
{
	struct chain *ch = context;

	return decode_time(&ch->cur->not_after, tag, value, vlen);
}

/*
 * Signature algorithms with a hash we refuse (RFC 8446 section 4.4.2.4:
 * MD5 must be, SHA-1 should be; SHA-224 is weaker than anything we
 * advertise): found by OID, since a kernel without the hash cannot even
 * parse such a certificate. The last arc follows each prefix.
 */
static const u8 oid_pkcs1[] = {		/* 1.2.840.113549.1.1 */
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01
};

static const u8 pkcs1_weak[] = {
	2, 3, 4, 5,	/* md2, md4, md5, sha1 WithRSAEncryption */
	14,		/* sha224WithRSAEncryption */
};

static const u8 oid_ecdsa_sha1[] = {	/* 1.2.840.10045.4.1 */
	0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01
};

static const u8 oid_ecdsa_sha224[] = {	/* 1.2.840.10045.4.3.1 */
	0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x01
};

static const u8 oid_dsa_sha1[] = {	/* 1.2.840.10040.4.3 */
	0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x03
};

int tls13_cert_note_sig_oid(void *context, size_t hdrlen, unsigned char tag,
			    const void *value, size_t vlen)
{
	struct chain *ch = context;
	const u8 *oid = value;
	unsigned int i;

	if (tls13_oid_is(oid, vlen, oid_ecdsa_sha1, sizeof(oid_ecdsa_sha1)) ||
	    tls13_oid_is(oid, vlen, oid_ecdsa_sha224, sizeof(oid_ecdsa_sha224)) ||
	    tls13_oid_is(oid, vlen, oid_dsa_sha1, sizeof(oid_dsa_sha1)))
		ch->cur->weak_sig = true;
	if (vlen == sizeof(oid_pkcs1) + 1 &&
	    tls13_oid_is(oid, sizeof(oid_pkcs1), oid_pkcs1, sizeof(oid_pkcs1)))
		for (i = 0; i < ARRAY_SIZE(pkcs1_weak); i++)
			ch->cur->weak_sig |= oid[vlen - 1] == pkcs1_weak[i];
	return 0;
}

int tls13_cert_note_ext_oid(void *context, size_t hdrlen, unsigned char tag,
			    const void *value, size_t vlen)
{
	struct chain *ch = context;

	ch->oid = value;
	ch->oid_len = vlen;
	ch->critical = false;
	return 0;
}

int tls13_cert_note_ext_critical(void *context, size_t hdrlen,
				 unsigned char tag, const void *value,
				 size_t vlen)
{
	struct chain *ch = context;

	if (vlen != 1)
		return -EBADMSG;
	ch->critical = *(const u8 *)value != 0;
	return 0;
}

int tls13_cert_note_ca(void *context, size_t hdrlen, unsigned char tag,
		       const void *value, size_t vlen)
{
	struct chain *ch = context;

	if (vlen != 1)
		return -EBADMSG;
	ch->cur->ca = *(const u8 *)value != 0;
	return 0;
}

int tls13_cert_note_pathlen(void *context, size_t hdrlen, unsigned char tag,
			    const void *value, size_t vlen)
{
	struct chain *ch = context;
	const u8 *v = value;
	unsigned int i, len = 0;

	if (vlen < 1 || (v[0] & 0x80))
		return -EBADMSG;
	for (i = 0; i < vlen; i++) {
		if (len > TLS13_MAX_CHAIN)
			break;
		len = len << 8 | v[i];
	}
	/* anything beyond what we could ever check is "no limit" here */
	ch->cur->pathlen = min_t(unsigned int, len, TLS13_MAX_CHAIN);
	return 0;
}

int tls13_cert_note_ku(void *context, size_t hdrlen, unsigned char tag,
		       const void *value, size_t vlen)
{
	struct chain *ch = context;
	const u8 *v = value;

	/* the unused-bits octet, then the bits */
	if (vlen < 1 || v[0] > 7 || (vlen == 1 && v[0]))
		return -EBADMSG;
	ch->cur->ku = vlen > 1 ? v[1] : 0;
	return 0;
}

int tls13_cert_note_eku(void *context, size_t hdrlen, unsigned char tag,
			const void *value, size_t vlen)
{
	struct chain *ch = context;
	struct cert *c = ch->cur;
	const u8 *v = value;

	if (++c->entries > CERT_MAX_ENTRIES)
		return -EBADMSG;
	if (tls13_oid_is(v, vlen, oid_any_eku, sizeof(oid_any_eku))) {
		c->eku |= EKU_ANY;
		return 0;
	}
	/* public: an OID of the peer's certificate */
	if (vlen != sizeof(oid_kp) + 1 || memcmp(v, oid_kp, sizeof(oid_kp)))
		return 0;
	switch (v[sizeof(oid_kp)]) {
	case KP_SERVER_AUTH:
	case KP_RPC_TLS_SERVER:
		c->eku |= EKU_SERVER;
		break;
	case KP_CLIENT_AUTH:
	case KP_RPC_TLS_CLIENT:
		c->eku |= EKU_CLIENT;
		break;
	}
	return 0;
}

int tls13_cert_note_dns(void *context, size_t hdrlen, unsigned char tag,
			const void *value, size_t vlen)
{
	struct chain *ch = context;
	struct cert *c = ch->cur;

	if (++c->entries > CERT_MAX_ENTRIES)
		return -EBADMSG;
	if (ch->pol->peername && !ch->ip_len && vlen == ch->name_len &&
	    !strncasecmp(value, ch->pol->peername, vlen))
		c->name_ok = true;
	return 0;
}

int tls13_cert_note_ip(void *context, size_t hdrlen, unsigned char tag,
		       const void *value, size_t vlen)
{
	struct chain *ch = context;
	struct cert *c = ch->cur;

	if (++c->entries > CERT_MAX_ENTRIES)
		return -EBADMSG;
	/* public: an address of the peer's certificate */
	if (ch->ip_len && vlen == ch->ip_len && !memcmp(value, ch->ip, vlen))
		c->name_ok = true;
	return 0;
}

static int ext_once(struct cert *c, unsigned int bit)
{
	if (c->ext & bit)
		return -EBADMSG;	/* RFC 5280 4.2: at most one instance */
	c->ext |= bit;
	return 0;
}

int tls13_cert_note_ext(void *context, size_t hdrlen, unsigned char tag,
			const void *value, size_t vlen)
{
	struct chain *ch = context;
	struct cert *c = ch->cur;
	const struct asn1_decoder *dec = NULL;
	unsigned int bit;
	int ret;

	if (tls13_oid_is(ch->oid, ch->oid_len, oid_bc, sizeof(oid_bc))) {
		bit = EXT_BC;
		dec = &cert_bc_decoder;
	} else if (tls13_oid_is(ch->oid, ch->oid_len, oid_ku, sizeof(oid_ku))) {
		bit = EXT_KU;
		dec = &cert_ku_decoder;
	} else if (tls13_oid_is(ch->oid, ch->oid_len, oid_eku, sizeof(oid_eku))) {
		bit = EXT_EKU;
		dec = &cert_eku_decoder;
	} else if (tls13_oid_is(ch->oid, ch->oid_len, oid_san, sizeof(oid_san))) {
		bit = EXT_SAN;
		dec = &cert_san_decoder;
	} else if (tls13_oid_is(ch->oid, ch->oid_len, oid_skid, sizeof(oid_skid))) {
		bit = EXT_SKID;
	} else if (tls13_oid_is(ch->oid, ch->oid_len, oid_akid, sizeof(oid_akid))) {
		bit = EXT_AKID;
	} else {
		if (ch->critical)
			c->unknown_critical = true;
		return 0;
	}
	ret = ext_once(c, bit);
	if (ret || !dec)
		return ret;
	c->entries = 0;
	return asn1_ber_decoder(dec, ch, value, vlen);
}

static u8 errno_alert(int err)
{
	switch (err) {
	case -ENOMEM:
		return TLS13_ALERT_INTERNAL_ERROR;
	case -ENOPKG:
	case -ENOTSUPP:	/* from crypto/asymmetric_keys/signature.c */
	case -EOPNOTSUPP:
		return TLS13_ALERT_UNSUPPORTED_CERTIFICATE;
	default:
		return TLS13_ALERT_BAD_CERTIFICATE;
	}
}

static u8 parse_cert(struct chain *ch, unsigned int i, const u8 *der, u32 len)
{
	struct cert *c = &ch->certs[i];
	const struct asymmetric_key_ids *kids;
	int ret;

	if (!der || !len || len > CERT_MAX_DER ||
	    tls13_der_certificate(der, len) != len)
		return TLS13_ALERT_BAD_CERTIFICATE;

	/*
	 * Our grammar first: what is not a Certificate is bad_certificate,
	 * whatever another asymmetric key parser (PKCS#8, say) makes of it.
	 */
	c->pathlen = -1;
	ch->cur = c;
	ret = asn1_ber_decoder(&cert_x509_decoder, ch, der, len);
	ch->cur = NULL;
	if (ret)
		return errno_alert(ret);

	c->prep.data = der;
	c->prep.datalen = len;
	ret = key_type_asymmetric.preparse(&c->prep);
	if (ret)
		return errno_alert(ret);
	c->parsed = true;

	c->pub = c->prep.payload.data[asym_crypto];
	c->sig = c->prep.payload.data[asym_auth];
	kids = c->prep.payload.data[asym_key_ids];
	/* another asymmetric parser is no certificate parser */
	if (!c->pub || !c->pub->id_type || strcmp(c->pub->id_type, "X509") ||
	    !kids || !kids->id[2])
		return TLS13_ALERT_BAD_CERTIFICATE;
	c->subject = kids->id[2];
	if (c->sig && !c->sig->auth_ids[2])
		return TLS13_ALERT_BAD_CERTIFICATE;
	return 0;
}

/* big-endian integer bytes without leading zeros */
static size_t int_len(const u8 *p, size_t len, const u8 **first)
{
	while (len && !*p) {
		p++;
		len--;
	}
	*first = p;
	return len;
}

/*
 * Can @pub verify a signature along the path, or be the leaf's key?
 * 0 or an alert. RSA: 2048..4096 bits, an odd exponent of at most 32
 * bits; EC: P-256 or P-384.
 */
static u8 key_usable(struct chain *ch, const struct public_key *pub)
{
	const u8 *n, *e;
	struct rsa_key rk;
	size_t n_len, e_len;
	unsigned int bits;

	if (!pub->pkey_algo)
		return refuse(ch, TLS13_ALERT_UNSUPPORTED_CERTIFICATE,
			      "a key of an unknown kind");
	switch (tls13_key_kind(pub->pkey_algo)) {
	case TLS13_KEY_EC_P256:
	case TLS13_KEY_EC_P384:
		return 0;
	case TLS13_KEY_RSA:
		break;
	default:
		return refuse(ch, TLS13_ALERT_UNSUPPORTED_CERTIFICATE,
			      "a key of a kind we cannot use");
	}
	if (rsa_parse_pub_key(&rk, pub->key, pub->keylen))
		return refuse(ch, TLS13_ALERT_BAD_CERTIFICATE,
			      "a malformed RSA key");
	n_len = int_len(rk.n, rk.n_sz, &n);
	e_len = int_len(rk.e, rk.e_sz, &e);
	bits = n_len ? (n_len - 1) * 8 + fls(n[0]) : 0;
	if (bits < CERT_RSA_MIN_BITS || bits > CERT_RSA_MAX_BITS)
		return refuse(ch, TLS13_ALERT_UNSUPPORTED_CERTIFICATE,
			      "an RSA key outside 2048..4096 bits");
	if (!e_len || e_len > CERT_RSA_MAX_E_BYTES || !(e[e_len - 1] & 1) ||
	    (e_len == 1 && e[0] < 3))
		return refuse(ch, TLS13_ALERT_UNSUPPORTED_CERTIFICATE,
			      "an RSA public exponent that is even or over 32 bits");
	return 0;
}

/* Is @sig, made by @issuer, one of the schemes we advertise? 0 or an alert */
static u8 sig_usable(struct chain *ch, const struct cert *c,
		     const struct public_key *issuer)
{
	const struct public_key_signature *sig = c->sig;
	const char *h = sig->hash_algo ?: "";
	bool rsa, ec;

	if (c->weak_sig)
		return refuse(ch, TLS13_ALERT_BAD_CERTIFICATE, WEAK_SIG);
	rsa = sig->pkey_algo && !strcmp(sig->pkey_algo, "rsa") &&
	      sig->encoding && !strcmp(sig->encoding, "pkcs1") &&
	      !strcmp(issuer->pkey_algo, "rsa") &&
	      (!strcmp(h, "sha256") || !strcmp(h, "sha384") ||
	       !strcmp(h, "sha512"));
	ec = sig->pkey_algo && !strcmp(sig->pkey_algo, "ecdsa") &&
	     strstarts(issuer->pkey_algo, "ecdsa-nist-p") &&
	     (!strcmp(h, "sha256") || !strcmp(h, "sha384"));
	if (!rsa && !ec)
		return refuse(ch, TLS13_ALERT_UNSUPPORTED_CERTIFICATE,
			      "a signature algorithm we did not advertise");
	return 0;
}

/*
 * Verify @c's signature with @issuer's key, within the chain's budget:
 * 0 or an alert (the issuer's key or the algorithm refused, the budget
 * spent, or the signature wrong).
 */
static u8 verify_link(struct chain *ch, const struct cert *c,
		      const struct public_key *issuer)
{
	int ret;
	u8 alert;

	alert = key_usable(ch, issuer);
	if (!alert)
		alert = sig_usable(ch, c, issuer);
	if (alert)
		return alert;
	if (++ch->verifies > CERT_MAX_VERIFY)
		return refuse(ch, TLS13_ALERT_BAD_CERTIFICATE,
			      "too many signatures to check");
	ret = tls13_sig_verify_cert(issuer, c->sig);
	if (ret)
		return refuse(ch, errno_alert(ret),
			      "an issuer's signature does not verify");
	return 0;
}

/*
 * The issuer of @c among the anchors: 0 (its key verified @c, the path
 * ends), -ENOKEY (none there), or an alert.
 */
static int issuer_anchor(struct chain *ch, const struct cert *c)
{
	const struct public_key *pub;
	struct key *anchor;
	int ret;

	if (!ch->pol->trust)
		return -ENOKEY;
	anchor = find_asymmetric_key(ch->pol->trust, NULL, NULL,
				     c->sig->auth_ids[2], false);
	if (IS_ERR(anchor)) {
		ret = PTR_ERR(anchor);
		if (ret == -ENOKEY || ret == -EKEYREJECTED ||
		    ret == -EKEYREVOKED || ret == -EKEYEXPIRED)
			return -ENOKEY;
		return errno_alert(ret);
	}
	pub = asymmetric_key_public_key(anchor);
	ret = pub ? verify_link(ch, c, pub) :
		    refuse(ch, TLS13_ALERT_BAD_CERTIFICATE,
			   "a trust anchor without a key");
	key_put(anchor);
	return ret;
}

/* the next link: an anchor (0, done), a sent issuer (1), or an alert */
static int next_link(struct chain *ch)
{
	const struct cert *c = &ch->certs[ch->path[ch->depth - 1]];
	unsigned int j, k;
	const char *why = NULL;
	bool looped = false;
	int ret;
	u8 bad = 0;

	/* a kernel without that hash keeps no signature to check */
	if (c->weak_sig)
		return refuse(ch, TLS13_ALERT_BAD_CERTIFICATE, WEAK_SIG);
	if (!c->sig)
		return TLS13_ALERT_UNSUPPORTED_CERTIFICATE;

	ret = issuer_anchor(ch, c);
	if (ret != -ENOKEY)
		return ret;

	for (j = 1; j < ch->n; j++) {
		const struct cert *cand = &ch->certs[j];
		bool used = false;

		if (!asymmetric_key_id_same(cand->subject, c->sig->auth_ids[2]))
			continue;
		for (k = 0; k < ch->depth; k++)
			used |= ch->path[k] == j;
		if (used) {
			/* itself (self-issued) is no issuer; an earlier one is a loop */
			if (j != ch->path[ch->depth - 1])
				looped = true;
			continue;
		}
		ret = verify_link(ch, c, cand->pub);
		if (ret && ch->verifies > CERT_MAX_VERIFY)
			return ret;
		if (ret) {
			/* another sent certificate of that name may be it */
			if (!bad) {
				bad = ret;
				why = ch->why;
			}
			continue;
		}
		if (ch->depth >= TLS13_MAX_CHAIN)
			return refuse(ch, TLS13_ALERT_CERTIFICATE_UNKNOWN,
				      "the path is too long");
		ch->path[ch->depth++] = j;
		return 1;
	}
	if (bad)
		return refuse(ch, bad, why);
	if (looped)
		return refuse(ch, TLS13_ALERT_CERTIFICATE_UNKNOWN, "the chain loops");
	return refuse(ch, TLS13_ALERT_UNKNOWN_CA, "no trusted anchor issued the chain");
}

static u8 build_path(struct chain *ch)
{
	int ret;

	ch->path[0] = 0;
	ch->depth = 1;
	do {
		ret = next_link(ch);
	} while (ret == 1);
	return ret;
}

static u8 check_path(struct chain *ch, time64_t now)
{
	const struct tls13_cert_policy *pol = ch->pol;
	const struct cert *leaf = &ch->certs[0];
	unsigned int i;

	for (i = 0; i < ch->depth; i++) {
		const struct cert *c = &ch->certs[ch->path[i]];

		if (now >= c->not_before && now <= c->not_after)
			continue;
		/* the dates say whether the certificate or the clock is wrong */
		pr_warn_ratelimited("certificate %u of the path (0: the peer's) is valid from %ptTs to %ptTs; the clock says %ptTs\n",
				    i, &c->not_before, &c->not_after, &now);
		return refuse(ch, TLS13_ALERT_CERTIFICATE_EXPIRED,
			      now > c->not_after ? "a certificate has expired" :
			      "a certificate is not valid yet");
	}

	for (i = 0; i < ch->depth; i++) {
		const struct cert *c = &ch->certs[ch->path[i]];

		if (c->unknown_critical)
			return refuse(ch, TLS13_ALERT_CERTIFICATE_UNKNOWN,
				      "an unknown critical extension");
		if (i == 0)
			continue;
		/* an issuer: a CA allowed to sign certificates */
		if (!(c->ext & EXT_BC) || !c->ca)
			return refuse(ch, TLS13_ALERT_CERTIFICATE_UNKNOWN,
				      "an issuer is not a CA");
		if ((c->ext & EXT_KU) && !(c->ku & KU_KEY_CERT_SIGN))
			return refuse(ch, TLS13_ALERT_CERTIFICATE_UNKNOWN,
				      "an issuer may not sign certificates");
		/* intermediates below this one: path[1..i-1] */
		if (c->pathlen >= 0 && (int)i - 1 > c->pathlen)
			return refuse(ch, TLS13_ALERT_CERTIFICATE_UNKNOWN,
				      "a CA's path length is exceeded");
	}

	if ((leaf->ext & EXT_KU) && !(leaf->ku & KU_DIGITAL_SIGNATURE))
		return refuse(ch, TLS13_ALERT_CERTIFICATE_UNKNOWN,
			      "the key may not sign (keyUsage)");
	if ((leaf->ext & EXT_EKU) && !(leaf->eku & EKU_ANY) &&
	    !(leaf->eku & (pol->client ? EKU_CLIENT : EKU_SERVER)))
		return refuse(ch, TLS13_ALERT_CERTIFICATE_UNKNOWN,
			      pol->client ? "not for TLS clients (extKeyUsage)" :
			      "not for TLS servers (extKeyUsage)");
	if (pol->peername && !leaf->name_ok)
		return refuse(ch, TLS13_ALERT_CERTIFICATE_UNKNOWN,
			      "it does not name the peer we asked for");
	return 0;
}

static u8 leaf_key(struct chain *ch, const struct cert *leaf,
		   struct tls13_pubkey *out)
{
	const struct public_key *pub = leaf->pub;
	u8 alert;

	alert = key_usable(ch, pub);
	if (alert)
		return alert;
	out->kind = tls13_key_kind(pub->pkey_algo);
	if (out->kind == TLS13_KEY_NONE)
		return TLS13_ALERT_UNSUPPORTED_CERTIFICATE;
	if (!pub->keylen || pub->keylen > TLS13_MAX_PUBKEY)
		return TLS13_ALERT_UNSUPPORTED_CERTIFICATE;
	memcpy(out->key, pub->key, pub->keylen);
	out->len = pub->keylen;
	return 0;
}

/* keep a copy of the verified leaf for the transport */
static u8 keep_leaf(struct tls13_leaf *leaf, const u8 *der, u32 len)
{
	u8 *copy = kmemdup(der, len, GFP_KERNEL);

	if (!copy)
		return TLS13_ALERT_INTERNAL_ERROR;
	kfree(leaf->der);
	leaf->der = copy;
	leaf->len = len;
	return 0;
}

static void chain_free(struct chain *ch)
{
	unsigned int i;

	for (i = 0; i < ch->n; i++)
		if (ch->certs[i].parsed)
			key_type_asymmetric.free_preparse(&ch->certs[i].prep);
	kfree_sensitive(ch);
}

/**
 * tls13_cert_verify_chain - check a peer's certificate chain
 * @pol: the trust anchors, the expected name and role, the time, and
 *	where to record the verified leaf
 * @der: the certificates as sent: the leaf first, then the others in
 *	any order (RFC 8446 section 4.4.2); extra ones are ignored
 * @der_len: their lengths
 * @n: how many (1..%TLS13_MAX_CHAIN)
 * @out: the leaf's public key
 *
 * Builds a path from the leaf through the sent certificates to an anchor
 * of @pol->trust, verifying every signature along it, then checks the
 * validity of each certificate of the path, that each issuer is a CA
 * allowed to sign certificates, and the leaf's keyUsage, extKeyUsage
 * (for @pol->client) and name (@pol->peername). Sleeps.
 *
 * Return values:
 *   %0: the chain is good; @out holds the leaf's key
 *   %TLS13_ALERT_BAD_CERTIFICATE: malformed, or a signature that does
 *	not verify, or @n out of range
 *   %TLS13_ALERT_UNSUPPORTED_CERTIFICATE: a key or signature algorithm
 *	the engine cannot use
 *   %TLS13_ALERT_CERTIFICATE_EXPIRED: a certificate of the path is not
 *	valid now
 *   %TLS13_ALERT_CERTIFICATE_UNKNOWN: the chain breaks a policy rule
 *	(CA constraints, key usage, name, critical extension, loop)
 *   %TLS13_ALERT_UNKNOWN_CA: no path to a trust anchor
 *   %TLS13_ALERT_INTERNAL_ERROR: out of memory or a keyring failure
 */
u8 tls13_cert_verify_chain(const struct tls13_cert_policy *pol,
			   const u8 *const *der, const u32 *der_len,
			   unsigned int n, struct tls13_pubkey *out)
{
	struct chain *ch;
	time64_t now;
	unsigned int i;
	u8 alert;

	if (!pol || !out)
		return TLS13_ALERT_INTERNAL_ERROR;
	out->kind = TLS13_KEY_NONE;
	out->len = 0;
	out->serial = 0;
	if (!n || n > TLS13_MAX_CHAIN || !der || !der_len)
		return TLS13_ALERT_BAD_CERTIFICATE;

	ch = kzalloc(sizeof(*ch), GFP_KERNEL);
	if (!ch)
		return TLS13_ALERT_INTERNAL_ERROR;
	ch->pol = pol;
	ch->n = n;
	if (pol->peername) {
		ch->name_len = strlen(pol->peername);
		if (ch->name_len < INET6_ADDRSTRLEN &&
		    in4_pton(pol->peername, ch->name_len, ch->ip, -1, NULL))
			ch->ip_len = 4;
		else if (ch->name_len < INET6_ADDRSTRLEN &&
			 in6_pton(pol->peername, ch->name_len, ch->ip, -1,
				  NULL))
			ch->ip_len = 16;
	}
	now = pol->now ? pol->now : ktime_get_real_seconds();

	for (i = 0; i < n; i++) {
		alert = parse_cert(ch, i, der[i], der_len[i]);
		if (alert)
			goto out;
	}
	alert = build_path(ch);
	if (alert)
		goto out;
	alert = check_path(ch, now);
	if (alert)
		goto out;
	alert = leaf_key(ch, &ch->certs[0], out);
	if (alert)
		goto out;
	if (pol->leaf)
		alert = keep_leaf(pol->leaf, der[0], der_len[0]);
out:
	out->why = alert ? ch->why : NULL;
	if (alert) {
		out->kind = TLS13_KEY_NONE;
		memzero_explicit(out->key, sizeof(out->key));
		out->len = 0;
	}
	chain_free(ch);
	return alert;
}
