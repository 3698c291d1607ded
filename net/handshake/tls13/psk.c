// SPDX-License-Identifier: GPL-2.0-only
/*
 * External PSKs from kernel keyrings, as tlshd takes them: keys of type
 * "psk" (the NVMe keyring's) or "user", whose payload is the raw key and
 * whose description is the identity sent on the wire.
 *
 * The hash a PSK is used with follows the NVMe identity when the
 * description is one (NVMe TCP transport specification: "NVMe<v><R|G><hh>
 * <hostnqn> <subnqn>", hh 01 = SHA-256, 02 = SHA-384), otherwise the key
 * length (32 bytes: SHA-256, 48: SHA-384).
 */

#include <crypto/utils.h>
#include <keys/user-type.h>
#include <linux/key.h>
#include <linux/key-type.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "engine.h"

static const struct tls13_hash_alg *psk_hash(const char *id, size_t id_len,
					     size_t key_len)
{
	/* public: the identity is sent in the clear */
	if (id_len >= 9 && !memcmp(id, "NVMe", 4) &&
	    (id[4] == '0' || id[4] == '1') && (id[5] == 'R' || id[5] == 'G') &&
	    id[8] == ' ') {
		if (id[6] == '0' && id[7] == '1')
			return &tls13_sha256;
		if (id[6] == '0' && id[7] == '2')
			return &tls13_sha384;
	}
	if (key_len == 32)
		return &tls13_sha256;
	if (key_len == 48)
		return &tls13_sha384;
	return NULL;
}

static bool psk_type(const struct key *key)
{
	return key->type == &key_type_user || !strcmp(key->type->name, "psk");
}

/* Copy a PSK out of @key; the caller holds a reference on it */
static int psk_from_key(struct key *key, struct tls13_psk *out)
{
	const struct user_key_payload *payload;
	size_t id_len;
	int err;

	if (!psk_type(key))
		return -EKEYREJECTED;
	down_read(&key->sem);
	err = key_validate(key);
	if (err)
		goto out;
	payload = user_key_payload_locked(key);
	id_len = key->description ? strlen(key->description) : 0;
	err = -EKEYREJECTED;
	if (!payload || !payload->datalen ||
	    payload->datalen > sizeof(out->key) || !id_len ||
	    id_len > sizeof(out->id))
		goto out;
	out->hash = psk_hash(key->description, id_len, payload->datalen);
	if (!out->hash)
		goto out;
	memcpy(out->key, payload->data, payload->datalen);
	out->key_len = payload->datalen;
	memcpy(out->id, key->description, id_len);
	out->id_len = id_len;
	out->serial = key->serial;
	err = 0;
out:
	up_read(&key->sem);
	return err;
}

/**
 * tls13_psk_load - copy the PSK of a key serial
 * @serial: the key (ta_my_peerids[])
 * @out: the PSK
 *
 * Return values:
 *   %0: @out is filled in
 *   %-ENOKEY: no such key
 *   %-EKEYREVOKED, %-EKEYEXPIRED: the key is not usable
 *   %-EKEYREJECTED: not a "psk" or "user" key, or a payload or
 *	description the engine cannot use
 */
int tls13_psk_load(key_serial_t serial, struct tls13_psk *out)
{
	struct key *key = key_lookup(serial);
	int err;

	if (IS_ERR(key))
		return -ENOKEY;
	err = psk_from_key(key, out);
	key_put(key);
	return err;
}

/**
 * tls13_psk_find - look an offered identity up in a keyring
 * @keyring: the keyring (ta_keyring), a reference held by the caller
 * @id: the identity
 * @id_len: its length
 * @out: the PSK
 *
 * The keys linked directly in @keyring whose description is @id are
 * candidates; the first usable one wins.
 *
 * Return values:
 *   %0: @out is filled in
 *   %-ENOKEY: no usable key with that description
 *   %-ENOMEM: out of memory
 */
int tls13_psk_find(struct key *keyring, const u8 *id, u16 id_len,
		   struct tls13_psk *out)
{
	key_serial_t *serials;
	long n, size = 64 * sizeof(key_serial_t);
	struct key *key;
	bool match;
	int err = -ENOKEY;
	long i;

	if (!keyring || keyring->type != &key_type_keyring)
		return -ENOKEY;
	for (;;) {
		serials = kmalloc(size, GFP_KERNEL);
		if (!serials)
			return -ENOMEM;
		down_read(&keyring->sem);
		n = key_validate(keyring);
		if (!n)
			n = keyring->type->read(keyring, (char *)serials, size);
		up_read(&keyring->sem);
		if (n <= size)
			break;
		kfree(serials);
		size = n;
	}
	for (i = 0; i < n / (long)sizeof(key_serial_t) && err; i++) {
		key = key_lookup(serials[i]);
		if (IS_ERR(key))
			continue;
		match = psk_type(key) && key->description &&
			strlen(key->description) == id_len &&
			!crypto_memneq(key->description, id, id_len);
		if (match)
			err = psk_from_key(key, out);
		if (err && err != -ENOKEY)
			err = -ENOKEY;	/* try the next one */
		key_put(key);
	}
	kfree(serials);
	return err;
}
