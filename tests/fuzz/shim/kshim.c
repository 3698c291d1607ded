// SPDX-License-Identifier: GPL-2.0-only
/*
 * The definitions behind kshim.h that are not a fuzz model: string and
 * time helpers, address parsing, a null AEAD for record.c, and keyring
 * stubs for the paths of cert.c and cred.c that the fuzzers do not take
 * (loading keys by serial or description).
 */
#include <arpa/inet.h>
#include <stdio.h>

#include "kshim.h"

size_t strscpy(char *dst, const char *src, size_t size)
{
	size_t n = strnlen(src, size);

	if (!size)
		return (size_t)-E2BIG;
	if (n == size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = 0;
	return n;
}

/* days from 1970-01-01 to a proleptic Gregorian date */
time64_t mktime64(unsigned int year, unsigned int mon, unsigned int day,
		  unsigned int hour, unsigned int min, unsigned int sec)
{
	long long y = (long long)year - (mon <= 2);
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (mon + (mon > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	long long days = era * 146097 + doe - 719468;

	return ((days * 24 + hour) * 60 + min) * 60 + sec;
}

/* a fixed "now", so that a run is reproducible: 2026-01-01 */
time64_t ktime_get_real_seconds(void)
{
	return 1767225600;
}

static int pton(int af, const char *src, int srclen, u8 *dst)
{
	char buf[INET6_ADDRSTRLEN];

	if (srclen < 0)
		srclen = strlen(src);
	if (srclen >= (int)sizeof(buf))
		return 0;
	memcpy(buf, src, srclen);
	buf[srclen] = 0;
	return inet_pton(af, buf, dst) == 1;
}

int in4_pton(const char *src, int srclen, u8 *dst, int delim,
	     const char **end)
{
	(void)delim;
	(void)end;
	return pton(AF_INET, src, srclen, dst);
}

int in6_pton(const char *src, int srclen, u8 *dst, int delim,
	     const char **end)
{
	(void)delim;
	(void)end;
	return pton(AF_INET6, src, srclen, dst);
}

/*
 * A null AEAD: "encryption" leaves the bytes as they are and appends a
 * fixed tag; "decryption" accepts any tag but one starting with 0xba, so
 * that a fuzzer reaches everything record.c does after the AEAD, and its
 * bad_record_mac path too.
 */
#define NULL_AEAD_BAD_TAG	0xba

struct crypto_aead {
	unsigned int ivsize;
	unsigned int authsize;
	bool keyed;
};

struct aead_request {
	struct crypto_aead *tfm;
	struct scatterlist *sg;
	unsigned int assoclen;
	unsigned int cryptlen;
};

void sg_init_one(struct scatterlist *sg, const void *buf, unsigned int len)
{
	sg->buf = (void *)buf;
	sg->len = len;
}

struct crypto_aead *crypto_alloc_aead(const char *name, u32 type, u32 mask)
{
	struct crypto_aead *tfm = calloc(1, sizeof(*tfm));

	(void)type;
	(void)mask;
	if (!tfm)
		return ERR_PTR(-ENOMEM);
	tfm->ivsize = strncmp(name, "ccm(", 4) ? 12 : 16;
	return tfm;
}

void crypto_free_aead(struct crypto_aead *tfm)
{
	free(tfm);
}

int crypto_aead_setauthsize(struct crypto_aead *tfm, unsigned int authsize)
{
	tfm->authsize = authsize;
	return 0;
}

unsigned int crypto_aead_ivsize(struct crypto_aead *tfm)
{
	return tfm->ivsize;
}

int crypto_aead_setkey(struct crypto_aead *tfm, const u8 *key,
		       unsigned int keylen)
{
	(void)key;
	if (keylen != 16 && keylen != 32)
		return -EINVAL;
	tfm->keyed = true;
	return 0;
}

struct aead_request *aead_request_alloc(struct crypto_aead *tfm, gfp_t gfp)
{
	struct aead_request *req = calloc(1, sizeof(*req));

	(void)gfp;
	if (req)
		req->tfm = tfm;
	return req;
}

void aead_request_free(struct aead_request *req)
{
	free(req);
}

void aead_request_set_callback(struct aead_request *req, u32 flags,
			       crypto_completion_t done, void *data)
{
	(void)req;
	(void)flags;
	(void)done;
	(void)data;
}

void aead_request_set_ad(struct aead_request *req, unsigned int assoclen)
{
	req->assoclen = assoclen;
}

void aead_request_set_crypt(struct aead_request *req, struct scatterlist *src,
			    struct scatterlist *dst, unsigned int cryptlen,
			    u8 *iv)
{
	(void)dst;
	(void)iv;
	req->sg = src;
	req->cryptlen = cryptlen;
}

/* the bounds the real AEAD would enforce on the scatterlist */
static int null_aead_check(struct aead_request *req, unsigned int need)
{
	if (!req->tfm->keyed || req->tfm->authsize != 16)
		abort();	/* record.c must key the transform first */
	if (req->assoclen + need > req->sg->len)
		abort();	/* the record does not hold what it claims */
	return 0;
}

int crypto_aead_encrypt(struct aead_request *req)
{
	u8 *tag;

	null_aead_check(req, req->cryptlen + req->tfm->authsize);
	tag = (u8 *)req->sg->buf + req->assoclen + req->cryptlen;
	memset(tag, 0x7a, req->tfm->authsize);
	return 0;
}

int crypto_aead_decrypt(struct aead_request *req)
{
	u8 *tag;

	if (req->cryptlen < req->tfm->authsize)
		return -EINVAL;
	null_aead_check(req, req->cryptlen);
	tag = (u8 *)req->sg->buf + req->assoclen + req->cryptlen -
	      req->tfm->authsize;
	return tag[0] == NULL_AEAD_BAD_TAG ? -EBADMSG : 0;
}

void crypto_req_done(void *data, int err)
{
	(void)data;
	(void)err;
}

/*
 * Keyrings: nothing to find; the fuzzers hand cert.c and cred.c bytes.
 * (key_put() is the model's: tests/fuzz/model.cpp.)
 */
struct key_type key_type_user = { .name = "user" };

struct key *key_lookup(key_serial_t id)
{
	(void)id;
	return ERR_PTR(-ENOKEY);
}

int key_validate(const struct key *key)
{
	(void)key;
	return 0;
}

key_ref_t keyring_search(key_ref_t keyring, const struct key_type *type,
			 const char *description, bool recurse)
{
	(void)keyring;
	(void)type;
	(void)description;
	(void)recurse;
	return ERR_PTR(-EAGAIN);
}
