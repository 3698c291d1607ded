/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A model of what cert.c and cred.c ask the kernel about a certificate:
 * the X.509 parser (key_type_asymmetric.preparse), signature checks,
 * trust-anchor lookups and sig.c's sign/verify. The
 * fuzzer chooses each answer (struct Cert, struct World), so that the
 * engine's own logic around them (path building, policy, key kinds) is
 * explored; the kernel's X.509 parser and crypto themselves are not
 * built here.
 */
#ifndef TLS13_FUZZ_MODEL_H
#define TLS13_FUZZ_MODEL_H

#include "fuzz_util.hpp"

namespace model {

// what the X.509 parser says of one certificate
struct Cert {
	int preparse_err;	// 0, or the parser's errno
	uint8_t subject;	// id of the subject name
	uint8_t issuer;		// id of the issuer name
	uint8_t algo;		// index into the algorithm names
	bool x509;		// id_type "X509" (else another parser's key)
	bool ids;		// has the key ids
	bool sig;		// has a signature the kernel can check
	bool auth_id;		// the signature names its issuer
	bool priv;		// the key is a private one (PKCS#8 parser)
	int verify_err;		// what checking its signature gives
	bool too_long;		// a key longer than cert.c keeps
	uint8_t sig_algo;	// the signature's key type, encoding, hash
	uint8_t rsa;		// an RSA key's modulus and exponent
};

Cert read_cert(fuzz::Input &in);	// 5 bytes

// the rest of the kernel
struct World {
	uint32_t anchors;	// bit N: an anchor's subject id is N
	int anchor_err;		// find_asymmetric_key() fails with this
	bool anchor_no_pub;	// the anchor key has no public key
	int sign_err;		// tls13_sig_sign()
	int verify_err;		// tls13_sig_verify()
};

World read_world(fuzz::Input &in);	// 5 bytes

// A run: the answers for each certificate, by address, and for any
// other (cred.c parses a copy of the leaf) the default.
void begin(const World &w, const Cert &dflt);
void add(const uint8_t *der, const Cert &c);
// every object the model handed out was freed
void end();

} // namespace model

#endif /* TLS13_FUZZ_MODEL_H */
