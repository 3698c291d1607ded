// SPDX-License-Identifier: GPL-2.0-only
/* The model of model.hpp, and the kernel functions it stands behind. */
#include <map>

#include "model.hpp"

extern "C" {
#include "cert.h"
#include "sig.h"
}

namespace model {
namespace {

const char *const algos[] = { "ecdsa-nist-p256", "ecdsa-nist-p384", "rsa",
			      "ecrdsa", nullptr };
const int errs[] = { -EBADMSG, -ENOPKG, -ENOMEM, -EKEYREJECTED, -ENOTSUPP,
		     -EINVAL, -EOPNOTSUPP, -ENOKEY };

int err_of(uint8_t v)
{
	return errs[v % (sizeof(errs) / sizeof(errs[0]))];
}

World world;
Cert dflt;
std::map<const uint8_t *, Cert> certs;
std::map<const public_key_signature *, int> sigs;	// -> verify_err
long live;	// objects handed out and not freed yet

asymmetric_key_id *kid(uint8_t id)
{
	auto *k = static_cast<asymmetric_key_id *>(
		std::malloc(sizeof(asymmetric_key_id) + 1));

	k->len = 1;
	k->data[0] = id;
	live++;
	return k;
}

void unkid(void *k)
{
	if (k)
		live--;
	std::free(k);
}

// A public key as the X.509 parser leaves it: an uncompressed point, or
// an RSAPublicKey (modulus of 1024, 2048, 4096 or 4104 bits; exponent
// 65537, 3, 2 or 2^32 + 1) for the kernel's RSA key parser to read.
std::vector<uint8_t> key_bytes(const Cert &c)
{
	static const size_t n_len[] = { 128, 256, 512, 513 };
	static const std::vector<uint8_t> e_val[] = {
		{ 1, 0, 1 }, { 3 }, { 2 }, { 1, 0, 0, 0, 1 } };

	if (c.too_long)
		return std::vector<uint8_t>(TLS13_MAX_PUBKEY + 1, 4);
	if (c.algo != 2) {
		std::vector<uint8_t> point(1 + 2 * (c.algo == 1 ? 48 : 32), 7);

		point[0] = 4;
		return point;
	}
	size_t n = n_len[c.rsa & 3];
	const std::vector<uint8_t> &e = e_val[(c.rsa >> 2) & 3];
	std::vector<uint8_t> ints = { 0x02, 0x82, static_cast<uint8_t>((n + 1) >> 8),
				      static_cast<uint8_t>(n + 1), 0x00 };
	ints.insert(ints.end(), n, 0xb5);
	ints.push_back(0x02);
	ints.push_back(static_cast<uint8_t>(e.size()));
	ints.insert(ints.end(), e.begin(), e.end());
	std::vector<uint8_t> der = { 0x30, 0x82,
				     static_cast<uint8_t>(ints.size() >> 8),
				     static_cast<uint8_t>(ints.size()) };
	der.insert(der.end(), ints.begin(), ints.end());
	return der;
}

int preparse(key_preparsed_payload *prep)
{
	auto it = certs.find(static_cast<const uint8_t *>(prep->data));
	const Cert &c = it == certs.end() ? dflt : it->second;

	if (c.preparse_err)
		return c.preparse_err;
	auto *pub = static_cast<public_key *>(
		std::calloc(1, sizeof(public_key)));
	std::vector<uint8_t> kb = key_bytes(c);
	pub->keylen = kb.size();
	pub->key = std::malloc(kb.size());
	std::memcpy(pub->key, kb.data(), kb.size());
	pub->id_type = c.x509 ? "X509" : "PKCS8";
	pub->pkey_algo = algos[c.algo % (sizeof(algos) / sizeof(algos[0]))];
	pub->key_is_private = c.priv;
	prep->payload.data[asym_crypto] = pub;
	live++;
	if (c.ids) {
		auto *ids = static_cast<asymmetric_key_ids *>(
			std::calloc(1, sizeof(asymmetric_key_ids)));
		ids->id[2] = kid(c.subject);
		prep->payload.data[asym_key_ids] = ids;
		live++;
	}
	if (c.sig) {
		auto *sig = static_cast<public_key_signature *>(
			std::calloc(1, sizeof(public_key_signature)));
		static const char *const pkeys[] = { "ecdsa", "rsa", nullptr,
						     "ecrdsa" };
		static const char *const hashes[] = { "sha256", "sha384",
			"sha512", "sha1", "sha224", "md5", nullptr,
			"streebog256" };
		if (c.auth_id)
			sig->auth_ids[2] = kid(c.issuer);
		sig->pkey_algo = pkeys[(c.sig_algo >> 3) & 3];
		sig->encoding = c.sig_algo & 0x20 ? "raw" :
				sig->pkey_algo && !std::strcmp(sig->pkey_algo, "rsa") ?
				"pkcs1" : "x962";
		sig->hash_algo = hashes[c.sig_algo & 7];
		sigs[sig] = c.verify_err;
		prep->payload.data[asym_auth] = sig;
		live++;
	}
	return 0;
}

void free_preparse(key_preparsed_payload *prep)
{
	auto *pub = static_cast<public_key *>(prep->payload.data[asym_crypto]);
	auto *ids = static_cast<asymmetric_key_ids *>(
		prep->payload.data[asym_key_ids]);
	auto *sig = static_cast<public_key_signature *>(
		prep->payload.data[asym_auth]);

	if (pub) {
		std::free(pub->key);
		std::free(pub);
		live--;
	}
	if (ids) {
		unkid(ids->id[2]);
		std::free(ids);
		live--;
	}
	if (sig) {
		unkid(sig->auth_ids[2]);
		sigs.erase(sig);
		std::free(sig);
		live--;
	}
	std::memset(&prep->payload, 0, sizeof(prep->payload));
}

key anchor_key = { 100, nullptr, {}, nullptr };
uint8_t anchor_bytes[65] = { 4 };
public_key anchor_pub = { anchor_bytes, sizeof(anchor_bytes), "X509",
			  "ecdsa-nist-p256", false };
long anchors_held;

} // namespace

Cert read_cert(fuzz::Input &in)
{
	uint8_t a = in.u8(), b = in.u8(), f = in.u8();
	Cert c = {};

	c.sig_algo = in.u8();
	c.rsa = in.u8();

	c.subject = a & 0x1f;
	c.issuer = b & 0x1f;
	c.algo = (a >> 5) & 7;
	c.x509 = !(f & 0x01);
	c.ids = !(f & 0x02);
	c.sig = !(f & 0x04);
	c.auth_id = !(f & 0x08);
	c.priv = f & 0x10;
	c.verify_err = f & 0x20 ? err_of(b >> 5) : 0;
	c.preparse_err = f & 0x40 ? err_of(b >> 5) : 0;
	c.too_long = f & 0x80;
	return c;
}

World read_world(fuzz::Input &in)
{
	World w = {};
	uint8_t f;

	w.anchors = in.u32();
	f = in.u8();
	w.anchor_err = f & 0x01 ? err_of(f >> 5) : 0;
	w.anchor_no_pub = f & 0x02;
	// what sig.c's signing can return
	static const int sign_errs[] = { -EINVAL, -EBADMSG, -ENOMEM, -ENOPKG };
	w.sign_err = f & 0x08 ? sign_errs[f >> 6] : 0;
	w.verify_err = f & 0x10 ? -EBADMSG : 0;
	return w;
}

void begin(const World &w, const Cert &d)
{
	world = w;
	dflt = d;
	certs.clear();
	sigs.clear();
	live = 0;
	anchors_held = 0;
}

void add(const uint8_t *der, const Cert &c)
{
	certs[der] = c;
}

void end()
{
	fuzz::check(!live, "a preparsed certificate was not freed");
	fuzz::check(!anchors_held, "an anchor key was not put");
}

} // namespace model

using namespace model;

extern "C" {

struct key_type key_type_asymmetric = { "asymmetric", preparse,
					free_preparse };

struct key *find_asymmetric_key(struct key *keyring,
				const struct asymmetric_key_id *id_0,
				const struct asymmetric_key_id *id_1,
				const struct asymmetric_key_id *id_2,
				bool partial)
{
	fuzz::check(keyring && !id_0 && !id_1 && id_2 && !partial,
		    "find_asymmetric_key: arguments");
	if (world.anchor_err)
		return static_cast<struct key *>(ERR_PTR(world.anchor_err));
	if (id_2->len != 1 || !(world.anchors & (1u << (id_2->data[0] & 31))))
		return static_cast<struct key *>(ERR_PTR(-ENOKEY));
	anchors_held++;
	return &anchor_key;
}

void key_put(struct key *key)
{
	if (key == &anchor_key)
		anchors_held--;
}

const struct public_key *asymmetric_key_public_key(const struct key *key)
{
	fuzz::check(key == &anchor_key, "asymmetric_key_public_key: key");
	return world.anchor_no_pub ? nullptr : &anchor_pub;
}

int tls13_sig_verify_cert(const struct public_key *pkey,
			  const struct public_key_signature *sig)
{
	auto it = sigs.find(sig);

	fuzz::check(pkey && it != sigs.end(),
		    "tls13_sig_verify_cert: a freed or unknown signature");
	return it->second;
}

bool asymmetric_key_id_same(const struct asymmetric_key_id *kid1,
			    const struct asymmetric_key_id *kid2)
{
	return kid1 && kid2 && kid1->len == kid2->len &&
	       !std::memcmp(kid1->data, kid2->data, kid1->len);
}

// cred.c's proof of possession, through sig.c (the schemes: sigscheme.c)
int tls13_sig_sign(const struct tls13_sigscheme *s, const u8 *priv,
		   size_t priv_len, const u8 *content, size_t len, u8 *sig,
		   size_t size, size_t *sig_len)
{
	fuzz::check(s && priv && priv_len && content && len && sig && size,
		    "tls13_sig_sign: arguments");
	if (world.sign_err)
		return world.sign_err;
	*sig_len = size < 64 ? size : 64;
	std::memset(sig, 0x5a, *sig_len);
	return 0;
}

int tls13_sig_verify(const struct tls13_sigscheme *s, const u8 *pub,
		     size_t pub_len, const u8 *content, size_t len,
		     const u8 *sig, size_t sig_len)
{
	fuzz::check(s && pub && content && len && sig && sig_len,
		    "tls13_sig_verify: arguments");
	(void)pub_len;
	return world.verify_err;
}

} // extern "C"
