/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * In-kernel TLS 1.3 handshake: definitions shared by the engine's files.
 * Symbols shared across files carry the tls13_ prefix.
 */
#ifndef _NET_HANDSHAKE_TLS13_H
#define _NET_HANDSHAKE_TLS13_H

#include <crypto/aead.h>
#include <crypto/hash.h>
#include <crypto/kpp.h>
#include <linux/types.h>

#include "wire.h"

/* keysched.c */

/**
 * struct tls13_hash_alg - a hash function of the key schedule
 * @name: crypto API name of the hash ("sha256")
 * @hmac_name: crypto API name of its HMAC ("hmac(sha256)")
 * @len: digest length in bytes (Hash.length)
 */
struct tls13_hash_alg {
	const char *name;
	const char *hmac_name;
	unsigned int len;
};

extern const struct tls13_hash_alg tls13_sha256;
extern const struct tls13_hash_alg tls13_sha384;

/**
 * struct tls13_suite - a TLS 1.3 cipher suite (RFC 8446 appendix B.4)
 * @id: IANA code point
 * @name: IANA name
 * @hash: hash of the key schedule and transcript
 * @aead: crypto API name of the record AEAD
 * @key_len: AEAD key length in bytes
 * @ccm_iv: the kernel's "ccm(aes)" takes a 16-byte counter block, not the
 *	12-byte nonce (RFC 3610 flags byte, nonce, zeroed counter)
 */
struct tls13_suite {
	u16 id;
	const char *name;
	const struct tls13_hash_alg *hash;
	const char *aead;
	unsigned int key_len;
	bool ccm_iv;
};

const struct tls13_suite *tls13_suite_find(u16 id);

/**
 * struct tls13_ks - key schedule and transcript of one handshake
 * @hash: the negotiated hash
 * @hmac: HMAC transform, keyed with @hmac_key when @hmac_keyed
 * @sha: hash transform for the transcript and Hash(""), shared by every
 *	key schedule of @hash (it holds no key)
 * @transcript: running hash over the handshake messages
 * @state: export buffer for reading the transcript without ending it
 * @secret: the current stage's secret (early, handshake, master)
 * @empty_hash: Hash("")
 * @hmac_key: the secret @hmac holds, so that derivations in a row from one
 *	secret key it once (HMAC's setkey hashes two blocks)
 * @hmac_keyed: @hmac_key is what @hmac holds
 *
 * One per handshake; its HMAC transform is allocated in tls13_ks_init()
 * and every secret is wiped by tls13_ks_free().
 */
struct tls13_ks {
	const struct tls13_hash_alg *hash;
	struct crypto_shash *hmac;
	struct crypto_shash *sha;
	struct shash_desc *transcript;
	u8 *state;
	u8 secret[TLS13_MAX_HASH_LEN];
	u8 empty_hash[TLS13_MAX_HASH_LEN];
	u8 hmac_key[TLS13_MAX_HASH_LEN];
	bool hmac_keyed;
};

int __must_check tls13_ks_init(struct tls13_ks *ks,
			       const struct tls13_hash_alg *hash);
void tls13_ks_free(struct tls13_ks *ks);
struct crypto_shash *tls13_shared_hash(const char *name);
void tls13_ks_exit(void);

int __must_check tls13_hkdf_expand_label(struct tls13_ks *ks, const u8 *secret,
					 const char *label, const u8 *context,
					 unsigned int context_len,
					 u8 *out, unsigned int out_len);
int __must_check tls13_derive_secret(struct tls13_ks *ks, const u8 *secret,
				     const char *label, const u8 *thash,
				     u8 *out);

int __must_check tls13_ks_early(struct tls13_ks *ks, const u8 *psk,
				unsigned int psk_len);
int __must_check tls13_ks_handshake(struct tls13_ks *ks, const u8 *dhe,
				    unsigned int dhe_len);
int __must_check tls13_ks_master(struct tls13_ks *ks);
int __must_check tls13_ks_derive(struct tls13_ks *ks, const char *label,
				 const u8 *thash, u8 *out);

int __must_check tls13_finished_mac(struct tls13_ks *ks, const u8 *base_key,
				    const u8 *thash, u8 *out);
int __must_check tls13_traffic_keys(struct tls13_ks *ks,
				    const struct tls13_suite *suite,
				    const u8 *secret, u8 *key, u8 *iv);

int __must_check tls13_next_traffic_secret(struct tls13_ks *ks, u8 *secret);
int __must_check tls13_hash(struct tls13_ks *ks, const u8 *data,
			    unsigned int len, u8 *out);
int __must_check tls13_transcript_add(struct tls13_ks *ks, const u8 *msg,
				      unsigned int len);
int __must_check tls13_transcript_hash(struct tls13_ks *ks, u8 *out);
int __must_check tls13_transcript_peek(struct tls13_ks *ks, const u8 *data,
				       unsigned int len, u8 *out);
int __must_check tls13_transcript_restart_hrr(struct tls13_ks *ks);

/* kex.c */

/**
 * struct tls13_group - a NamedGroup for (EC)DHE (RFC 8446 section 4.2.7)
 * @id: IANA code point
 * @name: IANA name
 * @kpp: crypto API name of the kpp transform (secp384r1), else %NULL
 * @key_len: private key and shared secret length in bytes
 * @share_len: KeyShareEntry.key_exchange length in bytes
 * @init: make the key pair in a zeroed @kex (@priv or a fresh key)
 * @shared: the shared secret from a share of exactly @share_len bytes;
 *	-EINVAL for a share that is not a valid point or key
 */
struct tls13_kex;

struct tls13_group {
	u16 id;
	const char *name;
	const char *kpp;
	unsigned int key_len;
	unsigned int share_len;
	int (*init)(struct tls13_kex *kex, const u8 *priv);
	int (*shared)(struct tls13_kex *kex, const u8 *peer, u8 *shared);
};

const struct tls13_group *tls13_group_find(u16 id);

/**
 * struct tls13_kex - our (EC)DHE key pair for one handshake
 * @group: its group
 * @kpp: kpp transform (NIST groups)
 * @req: kpp request, allocated with @kpp
 * @wait: completion for asynchronous kpp implementations
 * @priv: private key (x25519; the NIST groups keep theirs in @kpp)
 * @share: our KeyShareEntry.key_exchange
 * @io: kpp input and output, reached through scatterlists
 */
struct tls13_kex {
	const struct tls13_group *group;
	struct crypto_kpp *kpp;
	struct kpp_request *req;
	struct crypto_wait wait;
	u8 priv[TLS13_MAX_KEX_KEY_LEN];
	u8 share[TLS13_MAX_KEX_SHARE_LEN];
	u8 io[2 * TLS13_MAX_KEX_KEY_LEN];
};

int __must_check tls13_kex_init(struct tls13_kex *kex, u16 group_id,
				const u8 *priv);
int __must_check tls13_kex_shared(struct tls13_kex *kex, const u8 *peer,
				  size_t len, u8 *shared);
void tls13_kex_free(struct tls13_kex *kex);

/* record.c */

/**
 * struct tls13_rec_key - AEAD state of one direction of one epoch
 * @suite: cipher suite the transform was allocated for
 * @aead: AEAD transform, allocated once and re-keyed per epoch
 * @req: request reused for every record
 * @wait: completion for asynchronous AEAD implementations
 * @iv: the epoch's write/read IV (RFC 8446 section 7.3)
 * @nonce: per-record nonce in the form @aead takes
 * @seq: sequence number of the next record
 */
struct tls13_rec_key {
	const struct tls13_suite *suite;
	struct crypto_aead *aead;
	struct aead_request *req;
	struct crypto_wait wait;
	u8 iv[TLS13_AEAD_NONCE_LEN];
	u8 nonce[16];
	u64 seq;
};

int __must_check tls13_rec_key_init(struct tls13_rec_key *rk,
				    const struct tls13_suite *suite);
int __must_check tls13_rec_key_set(struct tls13_rec_key *rk, const u8 *key,
				   const u8 *iv);
void tls13_rec_key_free(struct tls13_rec_key *rk);

int __must_check tls13_rec_header(const u8 *buf, size_t avail, bool protected,
				  u8 *type, size_t *len);
int __must_check tls13_rec_frame(u8 type, u16 version, u8 *buf,
				 size_t buf_size, size_t len);
int __must_check tls13_rec_seal(struct tls13_rec_key *rk, u8 type, u8 *buf,
				size_t buf_size, size_t len, size_t pad);
int __must_check tls13_rec_open(struct tls13_rec_key *rk, u8 *rec,
				size_t rec_len, u8 *type, size_t *len);
u8 tls13_rec_alert(int err);
#if IS_ENABLED(CONFIG_KUNIT)
int tls13_hkdf_label(u8 *info, size_t size, unsigned int out_len,
		     const char *label, const u8 *context,
		     unsigned int context_len);
int tls13_rec_seal_raw(struct tls13_rec_key *rk, u8 type, u8 *buf,
		       size_t buf_size, size_t len, size_t pad);
#endif

#endif /* _NET_HANDSHAKE_TLS13_H */
