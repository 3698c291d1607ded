// SPDX-License-Identifier: GPL-2.0-only
/* The "record" target's way into record.c (see record_adapter.h). */
#include "tls13.h"
#include "record_adapter.h"

/* the record-layer half of the suites of RFC 8446 appendix B.4 */
static const struct tls13_suite suites[] = {
	{ TLS13_AES_128_GCM_SHA256, "aes128gcm", NULL, "gcm(aes)", 16, false },
	{ TLS13_AES_256_GCM_SHA384, "aes256gcm", NULL, "gcm(aes)", 32, false },
	{ TLS13_CHACHA20_POLY1305_SHA256, "chacha", NULL,
	  "rfc7539(chacha20,poly1305)", 32, false },
	{ TLS13_AES_128_CCM_SHA256, "aes128ccm", NULL, "ccm(aes)", 16, true },
};

static int key_up(struct tls13_rec_key *rk, unsigned int suite, u64 seq)
{
	static const u8 key[32], iv[TLS13_AEAD_NONCE_LEN];
	int err;

	err = tls13_rec_key_init(rk, &suites[suite % ARRAY_SIZE(suites)]);
	if (err)
		return err;
	err = tls13_rec_key_set(rk, key, iv);
	if (err) {
		tls13_rec_key_free(rk);
		return err;
	}
	rk->seq = seq;
	return 0;
}

int fz_rec_header(const uint8_t *buf, size_t avail, bool prot, uint8_t *type,
		  size_t *len)
{
	return tls13_rec_header(buf, avail, prot, type, len);
}

int fz_rec_frame(uint8_t type, uint16_t version, uint8_t *buf,
		 size_t buf_size, size_t len)
{
	return tls13_rec_frame(type, version, buf, buf_size, len);
}

int fz_rec_open(unsigned int suite, uint64_t seq, uint8_t *rec,
		size_t rec_len, uint8_t *type, size_t *len)
{
	struct tls13_rec_key rk;
	int err = key_up(&rk, suite, seq);

	if (err)
		return err;
	err = tls13_rec_open(&rk, rec, rec_len, type, len);
	tls13_rec_key_free(&rk);
	return err;
}

int fz_rec_seal(unsigned int suite, uint64_t seq, uint8_t type, uint8_t *buf,
		size_t buf_size, size_t len, size_t pad)
{
	struct tls13_rec_key rk;
	int err = key_up(&rk, suite, seq);

	if (err)
		return err;
	err = tls13_rec_seal(&rk, type, buf, buf_size, len, pad);
	tls13_rec_key_free(&rk);
	return err;
}

uint8_t fz_rec_alert(int err)
{
	return tls13_rec_alert(err);
}
