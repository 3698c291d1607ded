// SPDX-License-Identifier: GPL-2.0-only
/*
 * TLS 1.3 key schedule (RFC 8446 section 7): HKDF-Expand-Label,
 * Derive-Secret, the stage secrets, Finished MACs, traffic keys and the
 * transcript hash.
 *
 * Everything runs on transforms allocated once per handshake in
 * tls13_ks_init(). Secrets live in struct tls13_ks or in caller buffers;
 * intermediate values on the stack are wiped before return.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/hkdf.h>
#include <crypto/utils.h>
#include <kunit/visibility.h>
#include <linux/array_size.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "tls13.h"

const struct tls13_hash_alg tls13_sha256 = {
	.name = "sha256", .hmac_name = "hmac(sha256)", .len = 32,
};

const struct tls13_hash_alg tls13_sha384 = {
	.name = "sha384", .hmac_name = "hmac(sha384)", .len = 48,
};

/* the hashes whose transforms are shared */
static const char *const shared_names[] = { "sha256", "sha384", "sha512" };
static struct crypto_shash *shared_hash[ARRAY_SIZE(shared_names)];
static DEFINE_MUTEX(shared_hash_lock);

/**
 * tls13_shared_hash - the engine's transform of an unkeyed hash
 * @name: "sha256", "sha384" (the key schedules' hashes) or "sha512"
 *	(rsa_pss_rsae_sha512)
 *
 * A hash transform carries no key: one per hash serves every handshake,
 * each hashing in a descriptor of its own (a transcript, or
 * crypto_shash_tfm_digest()). It is made by the first caller and freed
 * with the module (tls13_ks_exit()). An HMAC transform holds its key:
 * each key schedule has its own.
 *
 * Return values: the transform, or an ERR_PTR(): -ENOENT for a hash not
 *	listed here, or the crypto API's errno
 */
struct crypto_shash *tls13_shared_hash(const char *name)
{
	struct crypto_shash **slot = NULL, *tfm;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(shared_names); i++)
		if (!strcmp(shared_names[i], name))
			slot = &shared_hash[i];
	if (!slot)
		return ERR_PTR(-ENOENT);
	/* pairs with the release below: a transform seen is set up */
	tfm = smp_load_acquire(slot);
	if (tfm)
		return tfm;
	mutex_lock(&shared_hash_lock);
	tfm = *slot;
	if (!tfm) {
		tfm = crypto_alloc_shash(name, 0, 0);
		if (!IS_ERR(tfm))	/* pairs with the acquire above */
			smp_store_release(slot, tfm);
	}
	mutex_unlock(&shared_hash_lock);
	return tfm;
}

/**
 * tls13_ks_exit - free the shared hash transforms (module unload)
 */
void tls13_ks_exit(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(shared_hash); i++) {
		crypto_free_shash(shared_hash[i]);
		shared_hash[i] = NULL;
	}
}

static const struct tls13_suite suites[] = {
	{
		.id = TLS13_AES_128_GCM_SHA256,
		.name = "TLS_AES_128_GCM_SHA256",
		.hash = &tls13_sha256, .aead = "gcm(aes)", .key_len = 16,
	}, {
		.id = TLS13_AES_256_GCM_SHA384,
		.name = "TLS_AES_256_GCM_SHA384",
		.hash = &tls13_sha384, .aead = "gcm(aes)", .key_len = 32,
	}, {
		.id = TLS13_CHACHA20_POLY1305_SHA256,
		.name = "TLS_CHACHA20_POLY1305_SHA256",
		.hash = &tls13_sha256, .aead = "rfc7539(chacha20,poly1305)",
		.key_len = 32,
	}, {
		.id = TLS13_AES_128_CCM_SHA256,
		.name = "TLS_AES_128_CCM_SHA256",
		.hash = &tls13_sha256, .aead = "ccm(aes)", .key_len = 16,
		.ccm_iv = true,
	},
};

/**
 * tls13_suite_find - look up a cipher suite by code point
 * @id: IANA CipherSuite value
 *
 * Return values:
 *   the suite, or %NULL if the engine does not implement @id
 */
const struct tls13_suite *tls13_suite_find(u16 id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(suites); i++)
		if (suites[i].id == id)
			return &suites[i];
	return NULL;
}

/**
 * tls13_ks_init - set up one handshake's key schedule
 * @ks: key schedule to set up; zeroed here
 * @hash: hash of the negotiated cipher suite
 *
 * Allocates its HMAC transform, starts an empty transcript on the shared
 * hash transform and computes Hash("").
 *
 * Return values:
 *   %0: @ks is ready; release it with tls13_ks_free()
 *   %-ENOMEM or the crypto API's errno: nothing is left allocated
 */
int tls13_ks_init(struct tls13_ks *ks, const struct tls13_hash_alg *hash)
{
	int err;

	memset(ks, 0, sizeof(*ks));
	ks->hash = hash;
	ks->hmac = crypto_alloc_shash(hash->hmac_name, 0, 0);
	if (IS_ERR(ks->hmac)) {
		err = PTR_ERR(ks->hmac);
		ks->hmac = NULL;
		goto fail;
	}
	ks->sha = tls13_shared_hash(hash->name);
	if (IS_ERR(ks->sha)) {
		err = PTR_ERR(ks->sha);
		ks->sha = NULL;
		goto fail;
	}
	err = -ENOMEM;
	ks->transcript = kzalloc(sizeof(*ks->transcript) +
				 crypto_shash_descsize(ks->sha), GFP_KERNEL);
	ks->state = kzalloc(crypto_shash_statesize(ks->sha), GFP_KERNEL);
	if (!ks->transcript || !ks->state)
		goto fail;
	ks->transcript->tfm = ks->sha;
	err = crypto_shash_init(ks->transcript);
	if (err)
		goto fail;
	err = crypto_shash_tfm_digest(ks->sha, NULL, 0, ks->empty_hash);
	if (err)
		goto fail;
	return 0;

fail:
	tls13_ks_free(ks);
	return err;
}

/**
 * tls13_ks_free - wipe every secret of a key schedule and free it
 * @ks: key schedule set up by tls13_ks_init(), or zeroed
 */
void tls13_ks_free(struct tls13_ks *ks)
{
	kfree_sensitive(ks->transcript);
	kfree_sensitive(ks->state);
	crypto_free_shash(ks->hmac);
	memzero_explicit(ks, sizeof(*ks));
}

/*
 * Key the HMAC transform with @key (Hash.length bytes) unless it holds it
 * already: the traffic secrets and "derived" of one stage, a traffic
 * secret's key and iv, and its "finished" come from one secret each.
 * The comparison is constant-time: both sides are secrets.
 */
static int hmac_key(struct tls13_ks *ks, const u8 *key)
{
	unsigned int len = ks->hash->len;
	int err;

	if (ks->hmac_keyed && !crypto_memneq(ks->hmac_key, key, len))
		return 0;
	ks->hmac_keyed = false;
	err = crypto_shash_setkey(ks->hmac, key, len);
	if (err)
		return err;
	memcpy(ks->hmac_key, key, len);
	ks->hmac_keyed = true;
	return 0;
}

/* HKDF-Extract keys the HMAC transform with its salt: forget the key. */
static int extract(struct tls13_ks *ks, const u8 *ikm, unsigned int ikm_len,
		   const u8 *salt, unsigned int salt_len, u8 *prk)
{
	ks->hmac_keyed = false;
	return hkdf_extract(ks->hmac, ikm, ikm_len, salt, salt_len, prk);
}

/* HkdfLabel is at most this long for the labels and contexts we accept. */
#define MAX_LABEL	64
#define MAX_CONTEXT	64
#define HKDF_LABEL_MAX	(2 + 1 + sizeof(TLS13_LABEL_PREFIX) - 1 + \
			 MAX_LABEL + 1 + MAX_CONTEXT)

/*
 * Encode HkdfLabel { uint16 length; opaque label<7..255> = "tls13 " + Label;
 * opaque context<0..255>; } into @info. Returns its length or -EINVAL.
 */
VISIBLE_IF_KUNIT int tls13_hkdf_label(u8 *info, size_t size,
				      unsigned int out_len, const char *label,
				      const u8 *context,
				      unsigned int context_len)
{
	static const char prefix[] = TLS13_LABEL_PREFIX;
	size_t label_len = strlen(label);
	u8 *p = info;

	if (!label_len || label_len > MAX_LABEL || context_len > MAX_CONTEXT ||
	    out_len > U16_MAX ||
	    size < 2 + 1 + sizeof(prefix) - 1 + label_len + 1 + context_len)
		return -EINVAL;

	put_unaligned_be16(out_len, p);
	p += 2;
	*p++ = sizeof(prefix) - 1 + label_len;
	memcpy(p, prefix, sizeof(prefix) - 1);
	p += sizeof(prefix) - 1;
	memcpy(p, label, label_len);
	p += label_len;
	*p++ = context_len;
	if (context_len)
		memcpy(p, context, context_len);
	p += context_len;
	return p - info;
}

/**
 * tls13_hkdf_expand_label - HKDF-Expand-Label (RFC 8446 section 7.1)
 * @ks: key schedule whose HMAC transform to use
 * @secret: Secret, Hash.length bytes
 * @label: Label without the "tls13 " prefix, 1 to 64 characters
 * @context: Context (may be %NULL when @context_len is 0)
 * @context_len: at most 64 bytes
 * @out: output
 * @out_len: Length, 1 to 255 * Hash.length
 *
 * Return values:
 *   %0: @out holds @out_len bytes
 *   %-EINVAL: a label, context or length out of range
 *   other negative errno: the crypto API failed; @out is wiped
 */
int tls13_hkdf_expand_label(struct tls13_ks *ks, const u8 *secret,
			    const char *label, const u8 *context,
			    unsigned int context_len, u8 *out,
			    unsigned int out_len)
{
	u8 info[HKDF_LABEL_MAX];
	int len, err;

	len = tls13_hkdf_label(info, sizeof(info), out_len, label, context,
			       context_len);
	if (len < 0)
		return len;
	err = hmac_key(ks, secret);
	if (!err)
		err = hkdf_expand(ks->hmac, info, len, out, out_len);
	if (err)
		memzero_explicit(out, out_len);
	return err;
}

/**
 * tls13_derive_secret - Derive-Secret (RFC 8446 section 7.1)
 * @ks: key schedule
 * @secret: Secret, Hash.length bytes
 * @label: Label without the "tls13 " prefix
 * @thash: Transcript-Hash(Messages), Hash.length bytes, or %NULL for the
 *	hash of no messages
 * @out: Hash.length bytes of output
 *
 * Return values: as tls13_hkdf_expand_label()
 */
int tls13_derive_secret(struct tls13_ks *ks, const u8 *secret,
			const char *label, const u8 *thash, u8 *out)
{
	return tls13_hkdf_expand_label(ks, secret, label,
				       thash ? thash : ks->empty_hash,
				       ks->hash->len, out, ks->hash->len);
}

/* Secret = HKDF-Extract(Derive-Secret(Secret, "derived", ""), IKM) */
static int next_stage(struct tls13_ks *ks, const u8 *ikm, unsigned int len)
{
	static const u8 zeroes[TLS13_MAX_HASH_LEN];
	u8 salt[TLS13_MAX_HASH_LEN];
	int err;

	if (!ikm) {
		ikm = zeroes;
		len = ks->hash->len;
	}
	err = tls13_derive_secret(ks, ks->secret, "derived", NULL, salt);
	if (!err)
		err = extract(ks, ikm, len, salt, ks->hash->len, ks->secret);
	memzero_explicit(salt, sizeof(salt));
	if (err)
		memzero_explicit(ks->secret, sizeof(ks->secret));
	return err;
}

/**
 * tls13_ks_early - enter the early stage: Early Secret = HKDF-Extract(0, PSK)
 * @ks: key schedule
 * @psk: pre-shared key, or %NULL for Hash.length zero bytes (no PSK)
 * @psk_len: length of @psk
 *
 * Return values:
 *   %0: the early secret is the current secret
 *   negative errno: the crypto API failed; the current secret is wiped
 */
int tls13_ks_early(struct tls13_ks *ks, const u8 *psk, unsigned int psk_len)
{
	static const u8 zeroes[TLS13_MAX_HASH_LEN];
	int err;

	if (!psk) {
		psk = zeroes;
		psk_len = ks->hash->len;
	}
	err = extract(ks, psk, psk_len, NULL, 0, ks->secret);
	if (err)
		memzero_explicit(ks->secret, sizeof(ks->secret));
	return err;
}

/**
 * tls13_ks_handshake - enter the handshake stage from the early stage
 * @ks: key schedule holding the early secret
 * @dhe: (EC)DHE shared secret, or %NULL for psk_ke (zero bytes)
 * @dhe_len: length of @dhe
 *
 * Return values: as tls13_ks_early()
 */
int tls13_ks_handshake(struct tls13_ks *ks, const u8 *dhe,
		       unsigned int dhe_len)
{
	return next_stage(ks, dhe, dhe_len);
}

/**
 * tls13_ks_master - enter the master stage from the handshake stage
 * @ks: key schedule holding the handshake secret
 *
 * Return values: as tls13_ks_early()
 */
int tls13_ks_master(struct tls13_ks *ks)
{
	return next_stage(ks, NULL, 0);
}

/**
 * tls13_ks_derive - Derive-Secret from the current stage's secret
 * @ks: key schedule
 * @label: e.g. "c hs traffic", "s ap traffic", "res binder", "exp master"
 * @thash: transcript hash, or %NULL for the hash of no messages
 * @out: Hash.length bytes of output
 *
 * Return values: as tls13_hkdf_expand_label()
 */
int tls13_ks_derive(struct tls13_ks *ks, const char *label, const u8 *thash,
		    u8 *out)
{
	return tls13_derive_secret(ks, ks->secret, label, thash, out);
}

/**
 * tls13_finished_mac - Finished verify_data or a PSK binder (section 4.4.4)
 * @ks: key schedule
 * @base_key: handshake traffic secret, or binder key for a binder
 * @thash: transcript hash the MAC covers
 * @out: Hash.length bytes: HMAC(finished_key, @thash)
 *
 * Return values:
 *   %0: @out holds the MAC
 *   negative errno: the crypto API failed; @out is wiped
 */
int tls13_finished_mac(struct tls13_ks *ks, const u8 *base_key,
		       const u8 *thash, u8 *out)
{
	u8 key[TLS13_MAX_HASH_LEN];
	int err;

	err = tls13_hkdf_expand_label(ks, base_key, "finished", NULL, 0, key,
				      ks->hash->len);
	if (!err)
		err = hmac_key(ks, key);
	if (!err)
		err = crypto_shash_tfm_digest(ks->hmac, thash, ks->hash->len,
					      out);
	memzero_explicit(key, sizeof(key));
	if (err)
		memzero_explicit(out, ks->hash->len);
	return err;
}

/**
 * tls13_traffic_keys - [sender]_write_key and _iv of a traffic secret (7.3)
 * @ks: key schedule
 * @suite: cipher suite, for the key length
 * @secret: traffic secret
 * @key: @suite->key_len bytes
 * @iv: %TLS13_AEAD_NONCE_LEN bytes
 *
 * Return values:
 *   %0: @key and @iv are set
 *   negative errno: both are wiped
 */
int tls13_traffic_keys(struct tls13_ks *ks, const struct tls13_suite *suite,
		       const u8 *secret, u8 *key, u8 *iv)
{
	int err;

	err = tls13_hkdf_expand_label(ks, secret, "key", NULL, 0, key,
				      suite->key_len);
	if (!err)
		err = tls13_hkdf_expand_label(ks, secret, "iv", NULL, 0, iv,
					      TLS13_AEAD_NONCE_LEN);
	if (err) {
		memzero_explicit(key, suite->key_len);
		memzero_explicit(iv, TLS13_AEAD_NONCE_LEN);
	}
	return err;
}

/**
 * tls13_next_traffic_secret - the next application traffic secret (7.2)
 * @ks: key schedule of the connection's hash (its HMAC transform)
 * @secret: application_traffic_secret_N, Hash.length bytes; replaced by
 *	application_traffic_secret_N+1 =
 *	HKDF-Expand-Label(secret_N, "traffic upd", "", Hash.length)
 *
 * What a KeyUpdate (RFC 8446 section 4.6.3) moves a direction to.
 *
 * Return values:
 *   %0: @secret is the next one
 *   negative errno: the crypto API failed; @secret is wiped
 */
int tls13_next_traffic_secret(struct tls13_ks *ks, u8 *secret)
{
	u8 next[TLS13_MAX_HASH_LEN];
	int err;

	err = tls13_hkdf_expand_label(ks, secret, "traffic upd", NULL, 0, next,
				      ks->hash->len);
	if (!err)
		memcpy(secret, next, ks->hash->len);
	else
		memzero_explicit(secret, ks->hash->len);
	memzero_explicit(next, sizeof(next));
	return err;
}

/**
 * tls13_hash - Hash(@data) with the key schedule's hash
 * @ks: key schedule
 * @data: bytes to hash, e.g. a ClientHello truncated before its binders
 * @len: length of @data
 * @out: Hash.length bytes
 *
 * Return values:
 *   %0 or the crypto API's negative errno
 */
int tls13_hash(struct tls13_ks *ks, const u8 *data, unsigned int len, u8 *out)
{
	return crypto_shash_tfm_digest(ks->sha, data, len, out);
}

/**
 * tls13_transcript_add - append a handshake message to the transcript
 * @ks: key schedule
 * @msg: the message with its 4-byte header
 * @len: length of @msg
 *
 * Return values:
 *   %0 or the crypto API's negative errno
 */
int tls13_transcript_add(struct tls13_ks *ks, const u8 *msg, unsigned int len)
{
	return crypto_shash_update(ks->transcript, msg, len);
}

/**
 * tls13_transcript_hash - Transcript-Hash of the messages so far
 * @ks: key schedule
 * @out: Hash.length bytes
 *
 * The transcript continues: more messages may be added afterwards.
 *
 * Return values:
 *   %0 or the crypto API's negative errno
 */
int tls13_transcript_hash(struct tls13_ks *ks, u8 *out)
{
	int err;

	err = crypto_shash_export(ks->transcript, ks->state);
	if (err)
		return err;
	err = crypto_shash_final(ks->transcript, out);
	if (!err)
		err = crypto_shash_import(ks->transcript, ks->state);
	return err;
}

/**
 * tls13_transcript_peek - Transcript-Hash as if @data were appended
 * @ks: key schedule
 * @data: bytes to hash after the transcript (a truncated ClientHello)
 * @len: their length
 * @out: Hash.length bytes
 *
 * The transcript itself is unchanged (section 4.2.11.2: binders).
 *
 * Return values:
 *   %0 or the crypto API's negative errno
 */
int tls13_transcript_peek(struct tls13_ks *ks, const u8 *data,
			  unsigned int len, u8 *out)
{
	int err;

	err = crypto_shash_export(ks->transcript, ks->state);
	if (err)
		return err;
	err = crypto_shash_finup(ks->transcript, data, len, out);
	if (!err)
		err = crypto_shash_import(ks->transcript, ks->state);
	return err;
}

/**
 * tls13_transcript_restart_hrr - replace ClientHello1 by message_hash (4.4.1)
 * @ks: key schedule whose transcript holds exactly ClientHello1
 *
 * The transcript becomes message_hash(00 00 Hash.length Hash(ClientHello1)),
 * ready for HelloRetryRequest and ClientHello2 to be added.
 *
 * Return values:
 *   %0 or the crypto API's negative errno
 */
int tls13_transcript_restart_hrr(struct tls13_ks *ks)
{
	u8 msg[TLS13_HS_HEADER_LEN + TLS13_MAX_HASH_LEN];
	int err;

	msg[0] = TLS13_HS_MESSAGE_HASH;
	msg[1] = 0;
	msg[2] = 0;
	msg[3] = ks->hash->len;
	err = crypto_shash_final(ks->transcript, msg + TLS13_HS_HEADER_LEN);
	if (!err)
		err = crypto_shash_init(ks->transcript);
	if (!err)
		err = crypto_shash_update(ks->transcript, msg,
					  TLS13_HS_HEADER_LEN + ks->hash->len);
	return err;
}
