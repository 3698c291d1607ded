// SPDX-License-Identifier: GPL-2.0-only
//
// tls13-peer: the command line: Options, their parser and the usage text.

#include "options.hpp"
#include "names.hpp"
#include "util.hpp"

#include <cstdint>

namespace tls13peer {

std::string Parser::value(const std::string &opt)
{
	if (has_inline_) {
		has_inline_ = false;
		return inline_val_;
	}
	if (i_ + 1 >= args_.size())
		fail(opt + " needs a value");
	return args_[++i_];
}

void Parser::endpoint(Options &o, const std::string &opt, bool listen)
{
	std::string v = value(opt);
	size_t colon = v.rfind(':');
	long long port;

	if (colon == std::string::npos && listen) {
		o.port = v;
	} else if (colon == std::string::npos) {
		fail(opt + " takes HOST:PORT");
	} else {
		o.host = v.substr(0, colon);
		o.port = v.substr(colon + 1);
		if (o.host.size() > 2 && o.host.front() == '[' && o.host.back() == ']')
			o.host = o.host.substr(1, o.host.size() - 2);
	}
	if (o.host.empty() || !parse_num(o.port, 1, 65535, port))
		fail(opt + ": bad address '" + v + "'");
}

template <typename T>
void Parser::list(std::vector<T> &out, const NameTable &table,
		  const std::string &opt, size_t max)
{
	std::string v = value(opt);
	unsigned int code;

	out.clear();
	for (const std::string &item : split(v, ',')) {
		if (!parse_code(table, item, 0xffff, code) || !code)
			fail(opt + ": unknown value '" + item + "'");
		out.push_back(T(code));
	}
	if (out.size() > max)
		fail(opt + ": at most " + std::to_string(max) + " values");
}

int32_t Parser::serial(const std::string &opt)
{
	std::string v = value(opt);
	long long s;

	if (!parse_num(v, 1, INT32_MAX, s))
		fail(opt + ": bad key serial '" + v + "'");
	return int32_t(s);
}

// A SignatureScheme by name or number, or "none" (0).
uint16_t Parser::scheme(const std::string &opt)
{
	std::string v = value(opt);
	unsigned int code;

	if (v == "none")
		return 0;
	if (!parse_code(scheme_names, v, 0xffff, code) || !code)
		fail(opt + ": unknown signature scheme '" + v + "'");
	return uint16_t(code);
}

void Parser::serials(std::vector<int32_t> &out, const std::string &opt,
		     size_t max)
{
	std::string v = value(opt);
	long long s;

	out.clear();
	for (const std::string &item : split(v, ',')) {
		if (!parse_num(item, 1, INT32_MAX, s))
			fail(opt + ": bad key serial '" + item + "'");
		out.push_back(int32_t(s));
	}
	if (out.size() > max)
		fail(opt + ": at most " + std::to_string(max) + " keys");
}

// One option at args_[i_]; false if unknown.
bool Parser::option(Options &o, const std::string &opt)
{
	unsigned int code;
	long long n;

	if (opt == "--connect" && o.role == TLS13_TEST_CLIENT) {
		endpoint(o, opt, false);
	} else if (opt == "--listen" && o.role == TLS13_TEST_SERVER) {
		endpoint(o, opt, true);
	} else if (opt == "--auth") {
		std::string v = value(opt);

		if (v == "psk")
			o.auth = TLS13_TEST_AUTH_PSK;
		else if (v == "x509")
			o.auth = TLS13_TEST_AUTH_X509;
		else if (v == "anon")
			o.auth = TLS13_TEST_AUTH_ANON;
		else
			fail(opt + ": psk, x509 or anon, not '" + v + "'");
	} else if (opt == "--psk") {
		serials(o.psks, opt, TLS13_TEST_MAX_PEERIDS);
	} else if (opt == "--keyring") {
		o.keyring = serial(opt);
	} else if (opt == "--cert") {
		o.cert = serial(opt);
	} else if (opt == "--privkey") {
		o.privkey = serial(opt);
	} else if (opt == "--suite") {
		list(o.suites, suite_names, opt, TLS13_TEST_MAX_SUITES);
	} else if (opt == "--group") {
		list(o.groups, group_names, opt, TLS13_TEST_MAX_GROUPS);
	} else if (opt == "--psk-ke") {
		o.flags |= TLS13_TEST_F_PSK_KE;
	} else if (opt == "--psk-dhe-ke") {
		o.flags |= TLS13_TEST_F_PSK_DHE_KE;
	} else if (opt == "--no-client-cert") {
		o.flags |= TLS13_TEST_F_NO_CLIENT_CERT;
	} else if (opt == "--require-client-cert") {
		o.flags |= TLS13_TEST_F_REQUIRE_CLIENT_CERT;
	} else if (opt == "--no-name-check") {
		o.flags |= TLS13_TEST_F_NO_NAME_CHECK;
	} else if (opt == "--peername") {
		o.peername = value(opt);
		if (o.peername.size() >= TLS13_TEST_PEERNAME_LEN)
			fail(opt + ": too long");
	} else if (opt == "--alpn") {
		o.alpn = value(opt);
		if (o.alpn.empty() || o.alpn.size() >= TLS13_TEST_ALPN_LEN)
			fail(opt + ": empty or too long");
	} else if (opt == "--timeout-ms") {
		std::string v = value(opt);

		if (!parse_num(v, 1, 3600000, n))
			fail(opt + ": bad value '" + v + "'");
		o.timeout_ms = unsigned(n);
	} else if (opt == "--send") {
		o.send_file = value(opt);
	} else if (opt == "--expect") {
		o.expect_file = value(opt);
	} else if (opt == "--expect-suite") {
		std::string v = value(opt);

		if (!parse_code(suite_names, v, 0xffff, code))
			fail(opt + ": unknown suite '" + v + "'");
		o.expect_suite = uint16_t(code);
	} else if (opt == "--expect-group") {
		std::string v = value(opt);

		if (v == "any")
			o.expect_group = GROUP_ANY;
		else if (v == "none")
			o.expect_group = 0;
		else if (parse_code(group_names, v, 0xffff, code))
			o.expect_group = int(code);
		else
			fail(opt + ": unknown group '" + v + "'");
	} else if (opt == "--expect-hrr") {
		o.expect_hrr = true;
	} else if (opt == "--expect-no-hrr") {
		o.expect_hrr = false;
	} else if (opt == "--expect-peerid") {
		o.expect_peerid = serial(opt);
	} else if (opt == "--expect-peerid-set") {
		o.expect_peerid_set = true;
	} else if (opt == "--expect-no-peerid") {
		o.expect_peerid_set = false;
	} else if (opt == "--expect-peer-cert") {
		o.expect_peer_cert = true;
	} else if (opt == "--expect-no-peer-cert") {
		o.expect_peer_cert = false;
	} else if (opt == "--expect-cert-sent") {
		o.expect_cert_sent = true;
	} else if (opt == "--expect-no-cert-sent") {
		o.expect_cert_sent = false;
	} else if (opt == "--expect-scheme") {
		o.expect_scheme = scheme(opt);
	} else if (opt == "--expect-peer-scheme") {
		o.expect_peer_scheme = scheme(opt);
	} else if (opt == "--expect-tickets") {
		std::string v = value(opt);

		if (!parse_num(v, 0, 1000, n))
			fail(opt + ": bad count '" + v + "'");
		o.expect_tickets = unsigned(n);
	} else if (opt == "--expect-key-updates") {
		std::string v = value(opt);

		if (!parse_num(v, 1, 100000, n))
			fail(opt + ": bad count '" + v + "'");
		o.expect_key_updates = unsigned(n);
	} else if (opt == "--key-update-every") {
		std::string v = value(opt);

		if (!parse_num(v, 1, 1 << 30, n))
			fail(opt + ": bad byte count '" + v + "'");
		o.key_update_every = size_t(n);
	} else if (opt == "--expect-fail") {
		o.expect_fail = true;
	} else if (opt == "--expect-alert") {
		std::string v = value(opt);

		if (!parse_code(alert_names, v, 255, code))
			fail(opt + ": unknown alert '" + v + "'");
		o.expect_alert = code;
	} else if (opt == "--peer-stdin") {
		o.peer_stdin = value(opt);
	} else if (opt == "--peer-output") {
		o.peer_output = value(opt);
	} else if (opt == "--peer-says") {
		o.peer_says.push_back(value(opt));
	} else if (opt == "--peer-fail") {
		o.peer_fail = true;
	} else if (opt == "--peer-daemon") {
		o.peer_daemon = true;
	} else {
		return false;
	}
	return true;
}

void Parser::validate(const Options &o)
{
	bool client = o.role == TLS13_TEST_CLIENT;
	bool psk = o.auth == TLS13_TEST_AUTH_PSK;
	uint32_t cert_flags = TLS13_TEST_F_NO_CLIENT_CERT | TLS13_TEST_F_REQUIRE_CLIENT_CERT;

	if (o.port.empty())
		fail(client ? "--connect HOST:PORT is required" :
			      "--listen [HOST:]PORT is required");
	if (o.auth == TLS13_TEST_AUTH_PSK && client && o.psks.empty())
		fail("a PSK client needs --psk SERIAL[,SERIAL..]");
	if (o.auth == TLS13_TEST_AUTH_PSK && !client && !o.keyring)
		fail("a PSK server needs --keyring SERIAL");
	if (o.auth == TLS13_TEST_AUTH_ANON && !client)
		fail("--auth anon is for clients only");
	if (!psk && !o.psks.empty())
		fail("--psk is for --auth psk");
	if (!psk && (o.flags & (TLS13_TEST_F_PSK_KE | TLS13_TEST_F_PSK_DHE_KE)))
		fail("--psk-ke and --psk-dhe-ke are for --auth psk");
	/* x509 without --cert/--privkey: the engine's default identity */
	if ((o.cert || o.privkey) && o.auth != TLS13_TEST_AUTH_X509)
		fail("--cert and --privkey are for --auth x509");
	if (!o.cert != !o.privkey)
		fail("--cert and --privkey go together (neither: the default identity)");
	if ((o.flags & cert_flags) && (client || o.auth != TLS13_TEST_AUTH_X509))
		fail("--no-client-cert and --require-client-cert are for an x509 server");
	if ((o.flags & TLS13_TEST_F_NO_NAME_CHECK) && (!client || psk))
		fail("--no-name-check is for an x509 or anon client");
	if ((o.flags & cert_flags) == cert_flags)
		fail("--no-client-cert and --require-client-cert exclude each other");
	if ((o.flags & TLS13_TEST_F_PSK_KE) && (o.flags & TLS13_TEST_F_PSK_DHE_KE))
		fail("--psk-ke and --psk-dhe-ke exclude each other");
	if (o.expect_peerid && o.expect_peerid_set)
		fail("--expect-peerid excludes --expect-peerid-set and --expect-no-peerid");
	if (o.expect_fail && (o.expect_suite || o.expect_group || o.expect_hrr ||
			      o.expect_peerid || o.expect_tickets || !o.send_file.empty() ||
			      o.expect_key_updates || o.key_update_every ||
			      !o.expect_file.empty() || !o.peer_output.empty() ||
			      o.expect_peerid_set || o.expect_peer_cert || o.expect_cert_sent ||
			      o.expect_scheme || o.expect_peer_scheme))
		fail("--expect-fail excludes --expect-suite/-group/-hrr/-peerid/-tickets, "
		     "the KeyUpdate options, "
		     "the certificate expectations, --send, --expect and --peer-output");
	if (o.expect_alert && !o.expect_fail)
		fail("--expect-alert needs --expect-fail");
	if (o.peer_argv.empty() && (!o.peer_output.empty() || !o.peer_says.empty() ||
				    o.peer_fail || o.peer_daemon))
		fail("--peer-* options need a peer command after --");
	if (o.peer_fail && o.peer_daemon)
		fail("--peer-fail and --peer-daemon exclude each other");
}

Options Parser::parse()
{
	Options o;

	if (args_.empty())
		fail("no command (client, server, --help)");
	if (args_[0] == "client")
		o.role = TLS13_TEST_CLIENT;
	else if (args_[0] == "server")
		o.role = TLS13_TEST_SERVER;
	else
		fail("unknown command '" + args_[0] + "'");

	for (i_ = 1; i_ < args_.size(); i_++) {
		std::string opt = args_[i_];
		size_t eq = opt.find('=');

		if (opt == "--") {
			o.peer_argv.assign(args_.begin() + i_ + 1, args_.end());
			if (o.peer_argv.empty())
				fail("-- must be followed by the peer command");
			break;
		}
		has_inline_ = opt.compare(0, 2, "--") == 0 && eq != std::string::npos;
		if (has_inline_) {
			inline_val_ = opt.substr(eq + 1);
			opt.resize(eq);
		}
		if (!option(o, opt))
			fail("unknown option '" + opt + "'");
		if (has_inline_)
			fail(opt + " takes no value");
	}
	validate(o);
	return o;
}

const char usage[] =
"usage: tls13-peer client --connect HOST:PORT --psk SERIAL[,SERIAL..] [options] [-- PEER...]\n"
"       tls13-peer server --listen [HOST:]PORT --keyring SERIAL [options] [-- PEER...]\n"
"       tls13-peer client --connect HOST:PORT --auth x509|anon [options] [-- PEER...]\n"
"       tls13-peer server --listen [HOST:]PORT --auth x509 [options] [-- PEER...]\n"
"\n"
"Runs one handshake of the in-kernel TLS 1.3 engine through " TLS13_TEST_DEVICE "\n"
"(CAP_NET_ADMIN), checks the result, then exchanges data over the kTLS socket.\n"
"\n"
"handshake:\n"
"  --auth psk|x509|anon      request type (default psk; anon: a client without a certificate)\n"
"  --psk SERIAL[,..]         client: PSK keys to offer, in order (at most 5)\n"
"  --keyring SERIAL          PSK server: keyring where offered identities are looked up;\n"
"                            x509/anon: trust anchors for the peer's chain (default: the\n"
"                            engine's .tls13-trust)\n"
"  --cert SERIAL --privkey SERIAL  x509: user keys with our chain (DER, leaf first) and\n"
"                            private key (DER); neither: the default identity keyring\n"
"  --no-client-cert          x509 server: send no CertificateRequest\n"
"  --require-client-cert     x509 server: fail (certificate_required) without one\n"
"  --no-name-check           x509/anon client without --peername: check no name\n"
"  --suite S[,..]            suites to offer/accept: 0x1301 or TLS_AES_128_GCM_SHA256 (max 4)\n"
"  --group G[,..]            x25519, secp256r1, secp384r1 or 0x001d (max 3); a client\n"
"                            sends a key share for the first\n"
"  --psk-ke | --psk-dhe-ke   offer/accept only this PSK key exchange mode\n"
"  --peername NAME           ta_peername: the name the server's certificate must carry\n"
"  --alpn NAME               ta_alpn: offer and require (client), require (server)\n"
"  --timeout-ms N            budget of the run (a server's from the connection on),\n"
"                            also the engine's timeout (30000)\n"
"\n"
"expectations (each failure is reported, exit status 1):\n"
"  --expect-suite S  --expect-group G|none|any  --expect-hrr | --expect-no-hrr\n"
"  --expect-peerid SERIAL    the peer id the engine reported (PSK: the key's serial)\n"
"  --expect-tickets N        NewSessionTicket messages received after the handshake\n"
"  --expect-key-updates N    at least N KeyUpdates of the peer followed (kTLS re-keyed)\n"
"  --expect-peerid-set | --expect-no-peerid   a key serial (> 0) | TLS_NO_PEERID (0)\n"
"  --expect-peer-cert | --expect-no-peer-cert the peer authenticated by a certificate\n"
"  --expect-cert-sent | --expect-no-cert-sent we sent a certificate and CertificateVerify\n"
"  --expect-scheme S|none    our CertificateVerify's scheme: 0x0403 or ecdsa_secp256r1_sha256\n"
"  --expect-peer-scheme S|none  the peer's\n"
"  --expect-fail             the handshake must fail (status < 0)\n"
"  --expect-alert A          ... with this alert sent or received (name or number)\n"
"\n"
"data (after a successful handshake; kTLS must be installed with the suite's cipher):\n"
"  --send FILE               write these bytes\n"
"  --key-update-every N      a KeyUpdate (update_requested) of ours after each N bytes\n"
"  --expect FILE             read back exactly these bytes (compared byte for byte),\n"
"                            then send close_notify and wait for the peer to close\n"
"\n"
"peer (the command after --, run by the tool: a server peer before connecting, with\n"
"retries while it starts; a client peer once the tool listens):\n"
"  --peer-stdin FILE         its standard input (default /dev/null)\n"
"  --peer-output FILE        its standard output must equal FILE\n"
"  --peer-says TEXT          its output must contain TEXT; %a stands for the alert\n"
"                            number the kernel reported (repeatable)\n"
"  --peer-fail               it must exit non-zero (default: it must exit 0)\n"
"  --peer-daemon             it does not exit by itself: end it when done\n";

} // namespace tls13peer
