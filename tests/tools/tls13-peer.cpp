// SPDX-License-Identifier: GPL-2.0-only
//
// tls13-peer: drive one TLS 1.3 handshake of the in-kernel engine through
// /dev/tls13_test (net/handshake/tls13/testdev.h) against a real peer, then
// prove the kTLS socket it leaves behind carries data both ways.
//
//   tls13-peer client --connect HOST:PORT --psk SERIAL[,SERIAL..] [options]
//   tls13-peer server --listen [HOST:]PORT --keyring SERIAL [options]
//   tls13-peer client|server --auth x509|anon ... [--cert S --privkey S]
//   tls13-peer selftest
//   tls13-peer --help
//
// The kernel does the handshake; the tool checks what it reports against
// the --expect-* options, checks that kTLS is installed with the negotiated
// cipher, writes --send's bytes, reads exactly --expect's bytes back and
// compares them, then closes with a close_notify. Optionally it runs the
// peer program itself (everything after "--"), so that it knows when the
// peer is listening, can compare what the peer printed with what it sent,
// and ends it on any failure. Exit status: 0 when every check passed, 1
// when a check failed, 2 on a usage error, 3 when the test could not run.

#include "../../net/handshake/tls13/testdev.h"

#include <fcntl.h>
#include <linux/tls.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace {

using Bytes = std::vector<unsigned char>;

constexpr int EXIT_CHECK = 1;
constexpr int EXIT_USAGE = 2;
constexpr int EXIT_ENV = 3;

constexpr uint8_t REC_ALERT = 21;
constexpr uint8_t REC_HANDSHAKE = 22;
constexpr uint8_t REC_DATA = 23;
constexpr uint8_t HS_NEW_SESSION_TICKET = 4;
constexpr uint8_t ALERT_CLOSE_NOTIFY = 0;
constexpr size_t MAX_RECORD = 16384;

// --expect-group any: some (EC)DHE group, whichever.
constexpr int GROUP_ANY = -1;

// Sentinel in tls13_test_handshake.status: the kernel never wrote a result.
constexpr int32_t STATUS_UNSET = INT32_MIN;

// The peer we run, for the watchdog (see arm_watchdog()).
volatile sig_atomic_t watchdog_pid;

void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void say(const char *fmt, ...)
{
	va_list ap;

	std::fputs("tls13-peer: ", stdout);
	va_start(ap, fmt);
	std::vfprintf(stdout, fmt, ap);
	va_end(ap);
	std::fputc('\n', stdout);
	std::fflush(stdout);
}

std::string errname(int err)
{
	const char *name = strerrorname_np(err);

	return name ? name : "E" + std::to_string(err);
}

// "-EACCES (Permission denied)", or "0" for success.
std::string status_str(int status)
{
	if (status == 0)
		return "0";
	if (status > 0)
		return std::to_string(status);
	return "-" + errname(-status) + " (" + std::strerror(-status) + ")";
}

/*
 * Deadline - one budget for a whole run: connect, handshake, data, peer.
 */
class Deadline {
public:
	explicit Deadline(unsigned int ms)
		: end_(Clock::now() + std::chrono::milliseconds(ms)) {}

	int left_ms() const
	{
		auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
			end_ - Clock::now()).count();

		return left < 0 ? 0 : left > INT_MAX ? INT_MAX : int(left);
	}

	bool passed() const { return left_ms() == 0; }

	// Poll timeout: the time left, at most @cap ms.
	int slice(int cap) const { return std::min(left_ms(), cap); }

private:
	using Clock = std::chrono::steady_clock;
	Clock::time_point end_;
};

bool read_file(const std::string &path, Bytes &out, std::string &err)
{
	int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
	unsigned char buf[65536];
	ssize_t n;

	if (fd < 0) {
		err = path + ": " + std::strerror(errno);
		return false;
	}
	out.clear();
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		out.insert(out.end(), buf, buf + n);
	if (n < 0)
		err = path + ": " + std::strerror(errno);
	close(fd);
	return n == 0;
}

// Printable excerpt of @b around @off for mismatch reports.
std::string excerpt(const unsigned char *b, size_t len, size_t off)
{
	static const char digits[] = "0123456789abcdef";
	size_t from = off >= 8 ? off - 8 : 0, to = std::min(len, off + 8);
	std::string s;

	for (size_t i = from; i < to; i++) {
		if (i == off)
			s += '[';
		s += digits[b[i] >> 4];
		s += digits[b[i] & 15];
		if (i == off)
			s += ']';
		if (i + 1 < to)
			s += ' ';
	}
	return s;
}

/*
 * Names: cipher suites, groups and alerts by IANA code point.
 */
struct Name {
	unsigned int code;
	const char *name;
};

const Name suite_names[] = {
	{ 0x1301, "TLS_AES_128_GCM_SHA256" },
	{ 0x1302, "TLS_AES_256_GCM_SHA384" },
	{ 0x1303, "TLS_CHACHA20_POLY1305_SHA256" },
	{ 0x1304, "TLS_AES_128_CCM_SHA256" },
	{ 0x1305, "TLS_AES_128_CCM_8_SHA256" },
};

const Name group_names[] = {
	{ 0x0017, "secp256r1" },
	{ 0x0018, "secp384r1" },
	{ 0x0019, "secp521r1" },
	{ 0x001d, "x25519" },
	{ 0x001e, "x448" },
};

// SignatureScheme (RFC 8446 section 4.2.3)
const Name scheme_names[] = {
	{ 0x0401, "rsa_pkcs1_sha256" },
	{ 0x0501, "rsa_pkcs1_sha384" },
	{ 0x0601, "rsa_pkcs1_sha512" },
	{ 0x0403, "ecdsa_secp256r1_sha256" },
	{ 0x0503, "ecdsa_secp384r1_sha384" },
	{ 0x0603, "ecdsa_secp521r1_sha512" },
	{ 0x0804, "rsa_pss_rsae_sha256" },
	{ 0x0805, "rsa_pss_rsae_sha384" },
	{ 0x0806, "rsa_pss_rsae_sha512" },
	{ 0x0807, "ed25519" },
	{ 0x0808, "ed448" },
	{ 0x0809, "rsa_pss_pss_sha256" },
	{ 0x080a, "rsa_pss_pss_sha384" },
	{ 0x080b, "rsa_pss_pss_sha512" },
};

const Name alert_names[] = {
	{ 0, "close_notify" },
	{ 10, "unexpected_message" },
	{ 20, "bad_record_mac" },
	{ 22, "record_overflow" },
	{ 40, "handshake_failure" },
	{ 42, "bad_certificate" },
	{ 43, "unsupported_certificate" },
	{ 44, "certificate_revoked" },
	{ 45, "certificate_expired" },
	{ 46, "certificate_unknown" },
	{ 47, "illegal_parameter" },
	{ 48, "unknown_ca" },
	{ 49, "access_denied" },
	{ 50, "decode_error" },
	{ 51, "decrypt_error" },
	{ 70, "protocol_version" },
	{ 71, "insufficient_security" },
	{ 80, "internal_error" },
	{ 86, "inappropriate_fallback" },
	{ 90, "user_canceled" },
	{ 109, "missing_extension" },
	{ 110, "unsupported_extension" },
	{ 112, "unrecognized_name" },
	{ 113, "bad_certificate_status_response" },
	{ 115, "unknown_psk_identity" },
	{ 116, "certificate_required" },
	{ 120, "no_application_protocol" },
};

template <size_t N>
const char *name_of(const Name (&table)[N], unsigned int code)
{
	for (const Name &n : table)
		if (n.code == code)
			return n.name;
	return nullptr;
}

template <size_t N>
std::string describe(const Name (&table)[N], unsigned int code)
{
	const char *name = name_of(table, code);
	char hex[16];

	std::snprintf(hex, sizeof(hex), "0x%04x", code);
	return name ? name : hex;
}

std::string suite_str(unsigned int code)
{
	return code ? describe(suite_names, code) : "none";
}

std::string group_str(unsigned int code)
{
	return code ? describe(group_names, code) : "none";
}

std::string scheme_str(unsigned int code)
{
	return code ? describe(scheme_names, code) : "none";
}

std::string alert_str(unsigned int code)
{
	const char *name = name_of(alert_names, code);

	return std::string(name ? name : "alert") + "(" + std::to_string(code) + ")";
}

// A decimal or 0x-prefixed number within [min, max].
bool parse_num(const std::string &s, long long min, long long max,
	       long long &out)
{
	char *end;

	if (s.empty())
		return false;
	errno = 0;
	out = std::strtoll(s.c_str(), &end, 0);
	return !errno && *end == '\0' && out >= min && out <= max;
}

// A name from @table (case-insensitive) or a number.
template <size_t N>
bool parse_code(const Name (&table)[N], const std::string &s,
		unsigned int max, unsigned int &out)
{
	long long v;

	for (const Name &n : table) {
		if (!strcasecmp(n.name, s.c_str())) {
			out = n.code;
			return true;
		}
	}
	if (!parse_num(s, 0, max, v))
		return false;
	out = unsigned(v);
	return true;
}

std::vector<std::string> split(const std::string &s, char sep)
{
	std::vector<std::string> parts;
	size_t start = 0, pos;

	while ((pos = s.find(sep, start)) != std::string::npos) {
		parts.push_back(s.substr(start, pos - start));
		start = pos + 1;
	}
	parts.push_back(s.substr(start));
	return parts;
}

/*
 * Options - one run, as parsed from the command line.
 */
struct Options {
	uint32_t role = 0;			// TLS13_TEST_CLIENT/SERVER
	std::string host = "127.0.0.1";
	std::string port;
	uint32_t auth = TLS13_TEST_AUTH_PSK;
	std::vector<int32_t> psks;		// client: peerids
	int32_t keyring = 0;
	int32_t cert = 0;
	int32_t privkey = 0;
	std::vector<uint16_t> suites;
	std::vector<uint16_t> groups;
	uint32_t flags = 0;
	std::string peername;
	std::string alpn;
	unsigned int timeout_ms = 30000;
	std::string send_file;
	std::string expect_file;

	// What the handshake must report
	std::optional<uint16_t> expect_suite;
	std::optional<int> expect_group;	// 0: none (psk_ke), GROUP_ANY
	std::optional<bool> expect_hrr;
	std::optional<int32_t> expect_peerid;
	std::optional<unsigned int> expect_alert;
	bool expect_fail = false;
	std::optional<unsigned int> expect_tickets;
	std::optional<bool> expect_peer_cert;	// TLS13_TEST_R_PEER_CERT
	std::optional<bool> expect_cert_sent;	// TLS13_TEST_R_CERT_SENT
	std::optional<uint16_t> expect_scheme;	// 0: none
	std::optional<uint16_t> expect_peer_scheme;
	std::optional<bool> expect_peerid_set;	// > 0, or TLS_NO_PEERID (0)

	// The peer program, run by the tool
	std::vector<std::string> peer_argv;
	std::string peer_stdin = "/dev/null";
	std::string peer_output;		// its stdout must equal this file
	std::vector<std::string> peer_says;	// texts its output must contain
	bool peer_fail = false;			// it must exit non-zero
	bool peer_daemon = false;		// it never exits: end it
};

struct ParseError {
	std::string msg;
};

class Parser {
public:
	explicit Parser(const std::vector<std::string> &args) : args_(args) {}

	Options parse();

private:
	const std::vector<std::string> &args_;
	size_t i_ = 0;
	std::string inline_val_;
	bool has_inline_ = false;

	[[noreturn]] void fail(const std::string &msg) { throw ParseError{ msg }; }
	std::string value(const std::string &opt);
	void endpoint(Options &o, const std::string &opt, bool listen);
	template <typename T, size_t N>
	void list(std::vector<T> &out, const Name (&table)[N], const std::string &opt,
		  size_t max);
	void serials(std::vector<int32_t> &out, const std::string &opt, size_t max);
	int32_t serial(const std::string &opt);
	uint16_t scheme(const std::string &opt);
	bool option(Options &o, const std::string &opt);
	void validate(const Options &o);
};

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

template <typename T, size_t N>
void Parser::list(std::vector<T> &out, const Name (&table)[N],
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
	if ((o.flags & cert_flags) == cert_flags)
		fail("--no-client-cert and --require-client-cert exclude each other");
	if ((o.flags & TLS13_TEST_F_PSK_KE) && (o.flags & TLS13_TEST_F_PSK_DHE_KE))
		fail("--psk-ke and --psk-dhe-ke exclude each other");
	if (o.expect_peerid && o.expect_peerid_set)
		fail("--expect-peerid excludes --expect-peerid-set and --expect-no-peerid");
	if (o.expect_fail && (o.expect_suite || o.expect_group || o.expect_hrr ||
			      o.expect_peerid || o.expect_tickets || !o.send_file.empty() ||
			      !o.expect_file.empty() || !o.peer_output.empty() ||
			      o.expect_peerid_set || o.expect_peer_cert || o.expect_cert_sent ||
			      o.expect_scheme || o.expect_peer_scheme))
		fail("--expect-fail excludes --expect-suite/-group/-hrr/-peerid/-tickets, "
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
		fail("no command (client, server, selftest, --help)");
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

/*
 * Peer - the peer program, run with stdin from a file and stdout/stderr
 * collected through pipes, which every wait of the tool keeps draining.
 */
class Peer {
public:
	~Peer() { end(); }

	bool start(const std::vector<std::string> &argv, const std::string &in,
		   std::string &err);
	bool started() const { return pid_ > 0 || done_; }

	// Append the live pipes to @fds; read the ones @fds says are ready.
	void add_pollfds(std::vector<pollfd> &fds);
	void handle_pollfds(const std::vector<pollfd> &fds);

	// Reap the peer if it exited; true while it runs.
	bool running();

	// Drain output until the peer exits or @ms pass; true if it exited.
	bool wait_exit(int ms);

	// Drain output until it contains @text, the peer exits or @ms pass.
	bool wait_says(const std::string &text, int ms);

	// SIGTERM, then SIGKILL if it lingers; reaps it.
	void end();

	bool says(const std::string &text) const;
	std::string status_str() const;
	bool exited_ok() const { return done_ && WIFEXITED(status_) && !WEXITSTATUS(status_); }
	bool exited_fail() const { return done_ && !exited_ok() && !killed_; }
	const std::string &out() const { return out_; }
	void print_tail(size_t lines) const;
	pid_t pid() const { return pid_; }

private:
	pid_t pid_ = -1;
	bool done_ = false;
	bool killed_ = false;	// ended by us
	int status_ = 0;
	int fds_[2] = { -1, -1 };	// stdout, stderr
	std::string out_, err_;
	size_t poll_base_ = 0;

	void read_fd(int i);
	void pump(int ms);
};

bool Peer::start(const std::vector<std::string> &argv, const std::string &in,
		 std::string &err)
{
	int outp[2], errp[2], infd;
	std::vector<char *> cargv;

	infd = open(in.c_str(), O_RDONLY | O_CLOEXEC);
	if (infd < 0) {
		err = in + ": " + std::strerror(errno);
		return false;
	}
	if (pipe2(outp, O_CLOEXEC) || pipe2(errp, O_CLOEXEC)) {
		err = std::string("pipe: ") + std::strerror(errno);
		close(infd);
		return false;
	}
	for (const std::string &a : argv)
		cargv.push_back(const_cast<char *>(a.c_str()));
	cargv.push_back(nullptr);

	pid_ = fork();
	if (pid_ == 0) {
		dup2(infd, 0);
		dup2(outp[1], 1);
		dup2(errp[1], 2);
		signal(SIGPIPE, SIG_DFL);
		execvp(cargv[0], cargv.data());
		dprintf(2, "cannot run %s: %s\n", cargv[0], std::strerror(errno));
		_exit(127);
	}
	close(infd);
	close(outp[1]);
	close(errp[1]);
	watchdog_pid = pid_ > 0 ? pid_ : 0;
	fds_[0] = outp[0];
	fds_[1] = errp[0];
	if (pid_ < 0) {
		err = std::string("fork: ") + std::strerror(errno);
		close(fds_[0]);
		close(fds_[1]);
		fds_[0] = fds_[1] = -1;
		return false;
	}
	return true;
}

void Peer::add_pollfds(std::vector<pollfd> &fds)
{
	poll_base_ = fds.size();
	for (int fd : fds_)
		fds.push_back({ fd, POLLIN, 0 });	// poll ignores fd -1
}

void Peer::read_fd(int i)
{
	char buf[16384];
	ssize_t n = read(fds_[i], buf, sizeof(buf));

	if (n > 0) {
		(i ? err_ : out_).append(buf, size_t(n));
	} else if (n == 0 || errno != EINTR) {
		close(fds_[i]);
		fds_[i] = -1;
	}
}

void Peer::handle_pollfds(const std::vector<pollfd> &fds)
{
	for (int i = 0; i < 2; i++) {
		if (poll_base_ + i >= fds.size() || fds_[i] < 0)
			continue;
		if (fds[poll_base_ + i].revents & (POLLIN | POLLHUP | POLLERR))
			read_fd(i);
	}
}

void Peer::pump(int ms)
{
	std::vector<pollfd> fds;

	add_pollfds(fds);
	if (fds_[0] < 0 && fds_[1] < 0) {
		if (ms > 0)
			poll(nullptr, 0, ms);
		return;
	}
	if (poll(fds.data(), fds.size(), ms) > 0)
		handle_pollfds(fds);
}

bool Peer::running()
{
	if (pid_ <= 0)
		return false;
	if (waitpid(pid_, &status_, WNOHANG) == pid_) {
		Deadline dl(2000);

		pid_ = -1;
		done_ = true;
		// Collect what it wrote last (unless a child of its own
		// keeps the pipes open).
		while ((fds_[0] >= 0 || fds_[1] >= 0) && !dl.passed())
			pump(dl.slice(100));
		return false;
	}
	return true;
}

bool Peer::wait_exit(int ms)
{
	Deadline dl(ms);

	while (running() && !dl.passed())
		pump(dl.slice(20));
	return !running();
}

bool Peer::wait_says(const std::string &text, int ms)
{
	Deadline dl(ms);

	while (!says(text) && running() && !dl.passed())
		pump(dl.slice(20));
	return says(text);
}

void Peer::end()
{
	if (!running())
		return;
	killed_ = true;
	kill(pid_, SIGTERM);
	if (!wait_exit(2000)) {
		kill(pid_, SIGKILL);
		wait_exit(5000);
	}
}

bool Peer::says(const std::string &text) const
{
	return out_.find(text) != std::string::npos ||
	       err_.find(text) != std::string::npos;
}

std::string Peer::status_str() const
{
	if (!done_)
		return "still running";
	if (killed_)
		return "ended by tls13-peer";
	if (WIFEXITED(status_))
		return "exited " + std::to_string(WEXITSTATUS(status_));
	return std::string("killed by signal ") + strsignal(WTERMSIG(status_));
}

void Peer::print_tail(size_t lines) const
{
	for (const std::string *s : { &out_, &err_ }) {
		std::vector<std::string> all = split(*s, '\n');
		size_t from;

		if (!all.empty() && all.back().empty())
			all.pop_back();
		from = all.size() > lines ? all.size() - lines : 0;
		if (from)
			say("peer %s: (%zu lines before)", s == &out_ ? "stdout" : "stderr", from);
		for (size_t i = from; i < all.size(); i++)
			say("peer %s: %s", s == &out_ ? "stdout" : "stderr", all[i].c_str());
	}
}

/*
 * Sockets.
 */
struct AddrInfo {
	addrinfo *ai = nullptr;
	~AddrInfo() { if (ai) freeaddrinfo(ai); }
};

bool resolve(const Options &o, AddrInfo &res, std::string &err)
{
	addrinfo hints = {};
	int rc;

	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	rc = getaddrinfo(o.host.c_str(), o.port.c_str(), &hints, &res.ai);
	if (rc) {
		err = o.host + ":" + o.port + ": " + gai_strerror(rc);
		return false;
	}
	return true;
}

// Connect, retrying while the peer (if we run it) is still starting up.
int connect_retry(const Options &o, Peer &peer, const Deadline &dl, std::string &err)
{
	AddrInfo res;

	if (!resolve(o, res, err))
		return -1;
	for (;;) {
		int fd = socket(res.ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);

		if (fd < 0) {
			err = std::string("socket: ") + std::strerror(errno);
			return -1;
		}
		int rc = connect(fd, res.ai->ai_addr, res.ai->ai_addrlen), e = errno;

		if (!rc)
			return fd;
		close(fd);
		err = "connect " + o.host + ":" + o.port + ": " + std::strerror(e);
		if (e != ECONNREFUSED || dl.passed())
			return -1;
		if (peer.started() && !peer.running()) {
			err += " (the peer has exited)";
			return -1;
		}
		peer.wait_exit(dl.slice(50));
	}
}

int listen_on(const Options &o, std::string &err)
{
	AddrInfo res;
	int fd, one = 1;

	if (!resolve(o, res, err))
		return -1;
	fd = socket(res.ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0) {
		err = std::string("socket: ") + std::strerror(errno);
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, res.ai->ai_addr, res.ai->ai_addrlen) || listen(fd, 4)) {
		err = "listen on " + o.host + ":" + o.port + ": " + std::strerror(errno);
		close(fd);
		return -1;
	}
	return fd;
}

int accept_one(int lfd, Peer &peer, const Deadline &dl, std::string &err)
{
	for (;;) {
		std::vector<pollfd> fds = { { lfd, POLLIN, 0 } };
		int fd;

		peer.add_pollfds(fds);
		if (poll(fds.data(), fds.size(), dl.slice(100)) > 0)
			peer.handle_pollfds(fds);
		fd = accept4(lfd, nullptr, nullptr, SOCK_CLOEXEC);	// blocking
		if (fd >= 0)
			return fd;
		if (errno != EAGAIN && errno != EINTR) {
			err = std::string("accept: ") + std::strerror(errno);
			return -1;
		}
		if (dl.passed()) {
			err = "timed out waiting for the peer to connect";
			return -1;
		}
		if (peer.started() && !peer.running()) {
			err = "the peer exited without connecting";
			return -1;
		}
	}
}

/*
 * The handshake through /dev/tls13_test.
 */
tls13_test_handshake make_request(const Options &o, int fd, unsigned int timeout_ms)
{
	tls13_test_handshake hs = {};

	hs.fd = fd;
	hs.role = o.role;
	hs.auth = o.auth;
	hs.timeout_ms = timeout_ms;
	hs.keyring = o.keyring;
	hs.cert = o.cert;
	hs.privkey = o.privkey;
	hs.num_peerids = uint32_t(o.psks.size());
	std::copy(o.psks.begin(), o.psks.end(), hs.peerids);
	hs.flags = o.flags;
	std::copy(o.suites.begin(), o.suites.end(), hs.suites);
	std::copy(o.groups.begin(), o.groups.end(), hs.groups);
	std::snprintf(hs.peername, sizeof(hs.peername), "%s", o.peername.c_str());
	std::snprintf(hs.alpn, sizeof(hs.alpn), "%s", o.alpn.c_str());
	hs.status = STATUS_UNSET;
	return hs;
}

std::string result_line(const Options &o, const tls13_test_handshake &hs)
{
	std::string s = o.role == TLS13_TEST_CLIENT ? "client" : "server";

	s += ": status " + status_str(hs.status);
	s += ", suite " + suite_str(hs.suite);
	s += ", group " + group_str(hs.group);
	s += std::string(", hrr ") + (hs.result_flags & TLS13_TEST_R_HRR ? "yes" : "no");
	s += std::string(", psk_dhe ") + (hs.result_flags & TLS13_TEST_R_PSK_DHE ? "yes" : "no");
	s += std::string(", alpn ") + (hs.result_flags & TLS13_TEST_R_ALPN ? hs.alpn : "none");
	s += ", peerid " + std::to_string(hs.peerid);
	s += ", alert " + (hs.alert ? alert_str(hs.alert) : std::string("none"));
	if (o.auth == TLS13_TEST_AUTH_PSK)
		return s;
	s += std::string(", cert sent ") + (hs.result_flags & TLS13_TEST_R_CERT_SENT ? "yes" : "no");
	s += ", scheme " + scheme_str(hs.scheme);
	s += std::string(", peer cert ") + (hs.result_flags & TLS13_TEST_R_PEER_CERT ? "yes" : "no");
	s += ", peer scheme " + scheme_str(hs.peer_scheme);
	return s;
}

std::string yes_no(bool b)
{
	return b ? "yes" : "no";
}

// A certificate handshake's result: --expect-* options and the invariants
// of testdev.h. TLS_NO_PEERID is 0 (include/net/handshake.h); knfsd takes
// any other peerid as an authenticated peer (svc_tcp_handshake_done()).
void check_cert_result(const Options &o, const tls13_test_handshake &hs,
		       std::vector<std::string> &bad)
{
	bool client = o.role == TLS13_TEST_CLIENT;
	bool peer_cert = hs.result_flags & TLS13_TEST_R_PEER_CERT;
	bool cert_sent = hs.result_flags & TLS13_TEST_R_CERT_SENT;

	if (o.expect_peer_cert && peer_cert != *o.expect_peer_cert)
		bad.push_back("peer cert " + yes_no(peer_cert) + ", expected " +
			      yes_no(*o.expect_peer_cert));
	if (o.expect_cert_sent && cert_sent != *o.expect_cert_sent)
		bad.push_back("cert sent " + yes_no(cert_sent) + ", expected " +
			      yes_no(*o.expect_cert_sent));
	if (o.expect_scheme && hs.scheme != *o.expect_scheme)
		bad.push_back("scheme " + scheme_str(hs.scheme) + ", expected " +
			      scheme_str(*o.expect_scheme));
	if (o.expect_peer_scheme && hs.peer_scheme != *o.expect_peer_scheme)
		bad.push_back("peer scheme " + scheme_str(hs.peer_scheme) + ", expected " +
			      scheme_str(*o.expect_peer_scheme));
	if (o.expect_peerid_set == true && hs.peerid <= 0)
		bad.push_back("peerid " + std::to_string(hs.peerid) +
			      ", expected the serial of a key (> 0)");
	if (o.expect_peerid_set == false && hs.peerid != 0)
		bad.push_back("peerid " + std::to_string(hs.peerid) +
			      ", expected TLS_NO_PEERID (0)");

	// Whatever the options, what testdev.h promises.
	if (hs.result_flags & TLS13_TEST_R_PSK_DHE)
		bad.push_back("psk_dhe result flag set in a certificate handshake");
	if (!hs.group)
		bad.push_back("no group: a certificate handshake needs (EC)DHE");
	if (client && !peer_cert)
		bad.push_back("a client succeeded without authenticating the server");
	if (!client && !cert_sent)
		bad.push_back("a server succeeded without sending its certificate");
	if (o.auth == TLS13_TEST_AUTH_ANON && cert_sent)
		bad.push_back("an anon client sent a certificate");
	if (!client && (o.flags & TLS13_TEST_F_NO_CLIENT_CERT) && peer_cert)
		bad.push_back("a client certificate with --no-client-cert");
	if (!client && (o.flags & TLS13_TEST_F_REQUIRE_CLIENT_CERT) && !peer_cert)
		bad.push_back("success without a client certificate though required");
	if (cert_sent != (hs.scheme != 0))
		bad.push_back("cert sent " + yes_no(cert_sent) + " but scheme " +
			      scheme_str(hs.scheme));
	if (peer_cert != (hs.peer_scheme != 0))
		bad.push_back("peer cert " + yes_no(peer_cert) + " but peer scheme " +
			      scheme_str(hs.peer_scheme));
	if (!client && !o.expect_peerid_set && peer_cert && hs.peerid <= 0)
		bad.push_back("client certificate verified but peerid " +
			      std::to_string(hs.peerid));
	if (!client && !o.expect_peerid_set && !peer_cert && hs.peerid != 0)
		bad.push_back("no client certificate but peerid " + std::to_string(hs.peerid) +
			      ", not TLS_NO_PEERID (0)");
}

// What the kernel reported against the --expect-* options.
std::vector<std::string> check_result(const Options &o, const tls13_test_handshake &hs)
{
	std::vector<std::string> bad;
	bool hrr = hs.result_flags & TLS13_TEST_R_HRR;
	bool dhe = hs.result_flags & TLS13_TEST_R_PSK_DHE;

	if (o.expect_fail) {
		if (hs.status >= 0)
			bad.push_back("the handshake succeeded but was expected to fail");
		if (o.expect_alert && hs.alert != *o.expect_alert)
			bad.push_back("alert " + (hs.alert ? alert_str(hs.alert) : "none") +
				      ", expected " + alert_str(*o.expect_alert));
		return bad;
	}
	if (hs.status != 0) {
		bad.push_back("the handshake failed: " + status_str(hs.status));
		return bad;
	}
	if (o.expect_suite && hs.suite != *o.expect_suite)
		bad.push_back("suite " + suite_str(hs.suite) + ", expected " +
			      suite_str(*o.expect_suite));
	if (o.expect_group == GROUP_ANY && !hs.group)
		bad.push_back("no group (psk_ke), expected psk_dhe_ke with any group");
	else if (o.expect_group && *o.expect_group != GROUP_ANY && hs.group != *o.expect_group)
		bad.push_back("group " + group_str(hs.group) + ", expected " +
			      group_str(unsigned(*o.expect_group)));
	if (o.auth == TLS13_TEST_AUTH_PSK && hs.group && !dhe)
		bad.push_back("group set but the psk_dhe result flag is not");
	if (o.auth == TLS13_TEST_AUTH_PSK && !hs.group && dhe)
		bad.push_back("psk_dhe result flag set but no group");
	if (o.auth != TLS13_TEST_AUTH_PSK)
		check_cert_result(o, hs, bad);
	if (o.expect_hrr && hrr != *o.expect_hrr)
		bad.push_back(std::string("HelloRetryRequest ") + (hrr ? "happened" : "did not happen") +
			      ", expected " + (*o.expect_hrr ? "one" : "none"));
	/* --alpn: the engine fails the handshake unless it was negotiated */
	if (!o.alpn.empty() && !(hs.result_flags & TLS13_TEST_R_ALPN))
		bad.push_back("ALPN " + o.alpn + " requested but not negotiated");
	if (o.alpn.empty() && (hs.result_flags & TLS13_TEST_R_ALPN))
		bad.push_back("ALPN reported though none was requested");
	if (o.expect_peerid && hs.peerid != *o.expect_peerid)
		bad.push_back("peerid " + std::to_string(hs.peerid) + ", expected " +
			      std::to_string(*o.expect_peerid));
	if (hs.alert)
		bad.push_back("success reported with alert " + alert_str(hs.alert));
	return bad;
}

// The kTLS cipher type a suite must have been installed with.
int ktls_cipher(uint16_t suite)
{
	switch (suite) {
	case 0x1301: return TLS_CIPHER_AES_GCM_128;
	case 0x1302: return TLS_CIPHER_AES_GCM_256;
	case 0x1303: return TLS_CIPHER_CHACHA20_POLY1305;
	case 0x1304: return TLS_CIPHER_AES_CCM_128;
	default: return -1;
	}
}

// kTLS TX and RX are installed, TLS 1.3, with the negotiated suite's cipher.
std::vector<std::string> check_ktls(int fd, uint16_t suite)
{
	std::vector<std::string> bad;
	char ulp[16] = "";
	socklen_t len = sizeof(ulp);

	if (getsockopt(fd, IPPROTO_TCP, TCP_ULP, ulp, &len))
		bad.push_back(std::string("TCP_ULP: ") + std::strerror(errno));
	else if (std::strcmp(ulp, "tls"))
		bad.push_back(std::string("the socket's ULP is '") + ulp + "', not tls");
	for (int dir : { TLS_TX, TLS_RX }) {
		const char *name = dir == TLS_TX ? "TLS_TX" : "TLS_RX";
		tls_crypto_info info = {};

		len = sizeof(info);
		if (getsockopt(fd, SOL_TLS, dir, &info, &len)) {
			bad.push_back(std::string(name) + " not installed: " + std::strerror(errno));
			continue;
		}
		if (info.version != TLS_1_3_VERSION)
			bad.push_back(std::string(name) + " version " + std::to_string(info.version) +
				      ", not TLS 1.3");
		if (info.cipher_type != ktls_cipher(suite))
			bad.push_back(std::string(name) + " cipher type " +
				      std::to_string(info.cipher_type) + " does not match " +
				      suite_str(suite));
	}
	return bad;
}

/*
 * Channel - a stream of records after the handshake: kTLS in the product;
 * plain TCP and a framed socketpair stand in for it in the selftest.
 */
class Channel {
public:
	virtual ~Channel() = default;
	virtual int fd() const = 0;
	// Receive from one record: length, 0 at EOF, -errno. Sets @type.
	virtual ssize_t recv(unsigned char *buf, size_t len, uint8_t &type) = 0;
	// Send application data: bytes taken or -errno (-EAGAIN).
	virtual ssize_t send(const unsigned char *buf, size_t len) = 0;
	// close_notify, then no more writes; 0 or -errno.
	virtual int close_write() = 0;
};

// kTLS: the record type comes in a TLS_GET_RECORD_TYPE control message.
// The socket stays blocking; data goes and comes with MSG_DONTWAIT.
class KtlsChannel : public Channel {
public:
	explicit KtlsChannel(int fd) : fd_(fd) {}
	int fd() const override { return fd_; }
	ssize_t recv(unsigned char *buf, size_t len, uint8_t &type) override;
	ssize_t send(const unsigned char *buf, size_t len) override;
	int close_write() override;

private:
	int fd_;
};

ssize_t KtlsChannel::recv(unsigned char *buf, size_t len, uint8_t &type)
{
	char cbuf[CMSG_SPACE(sizeof(unsigned char))];
	iovec iov = { buf, len };
	msghdr msg = {};
	ssize_t n;

	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cbuf;
	msg.msg_controllen = sizeof(cbuf);
	n = recvmsg(fd_, &msg, MSG_DONTWAIT);
	if (n < 0)
		return -errno;
	type = REC_DATA;
	for (cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
		if (c->cmsg_level == SOL_TLS && c->cmsg_type == TLS_GET_RECORD_TYPE)
			type = *CMSG_DATA(c);
	return n;
}

ssize_t KtlsChannel::send(const unsigned char *buf, size_t len)
{
	ssize_t n = ::send(fd_, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL);

	return n < 0 ? -errno : n;
}

int KtlsChannel::close_write()
{
	unsigned char alert[2] = { 1, ALERT_CLOSE_NOTIFY };	// warning level
	char cbuf[CMSG_SPACE(sizeof(unsigned char))] = {};
	iovec iov = { alert, sizeof(alert) };
	msghdr msg = {};
	cmsghdr *c;

	timeval tmo = { 5, 0 };

	// A blocking send, bounded: the alert must not be cut short.
	setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tmo, sizeof(tmo));
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cbuf;
	msg.msg_controllen = sizeof(cbuf);
	c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_TLS;
	c->cmsg_type = TLS_SET_RECORD_TYPE;
	c->cmsg_len = CMSG_LEN(sizeof(unsigned char));
	*CMSG_DATA(c) = REC_ALERT;
	if (sendmsg(fd_, &msg, MSG_NOSIGNAL) != ssize_t(sizeof(alert)))
		return -errno;
	return shutdown(fd_, SHUT_WR) ? -errno : 0;
}

/*
 * Exchange - send @out and receive exactly @expect at the same time, then
 * close with a close_notify and wait for the peer's end of the stream.
 * NewSessionTicket messages are skipped (kTLS leaves them to us); any
 * other handshake message, an alert other than close_notify, a byte that
 * differs or one too many fail the exchange.
 */
class Exchange {
public:
	Exchange(Channel &ch, const Bytes &out, const Bytes &expect, Peer *peer)
		: ch_(ch), out_(out), expect_(expect), peer_(peer) {}

	bool run(const Deadline &dl);
	bool finish(const Deadline &dl, int drain_ms);

	const std::string &error() const { return error_; }
	const std::string &note() const { return note_; }
	unsigned int tickets() const { return tickets_; }
	size_t sent() const { return sent_; }
	size_t received() const { return got_; }

private:
	Channel &ch_;
	const Bytes &out_, &expect_;
	Peer *peer_;
	size_t sent_ = 0, got_ = 0;
	unsigned int tickets_ = 0;
	bool close_notify_ = false, eof_ = false;
	Bytes hs_;	// handshake bytes not yet parsed
	std::string error_, note_;

	bool closed() const { return close_notify_ || eof_; }
	bool fail(const std::string &msg) { error_ = msg; return false; }
	bool on_data(const unsigned char *p, size_t n);
	bool on_alert(const unsigned char *p, size_t n);
	bool on_handshake(const unsigned char *p, size_t n);
	bool receive();
	bool transmit();
	int wait(short events, const Deadline &dl);
	std::string progress() const;
};

std::string Exchange::progress() const
{
	return "sent " + std::to_string(sent_) + "/" + std::to_string(out_.size()) +
	       " bytes, received " + std::to_string(got_) + "/" +
	       std::to_string(expect_.size());
}

bool Exchange::on_data(const unsigned char *p, size_t n)
{
	size_t room = expect_.size() - got_;
	size_t cmp = std::min(n, room);
	auto diff = std::mismatch(p, p + cmp, expect_.begin() + got_);

	if (diff.first != p + cmp) {
		size_t off = got_ + size_t(diff.first - p);

		return fail("received data differs from the expected at byte " +
			    std::to_string(off) + ": got " +
			    excerpt(p, n, size_t(diff.first - p)) + ", expected " +
			    excerpt(expect_.data(), expect_.size(), off));
	}
	got_ += cmp;
	if (n > room)
		return fail("the peer sent " + std::to_string(n - room) +
			    " bytes more than the " + std::to_string(expect_.size()) +
			    " expected");
	return true;
}

bool Exchange::on_alert(const unsigned char *p, size_t n)
{
	if (n != 2)
		return fail("alert record of " + std::to_string(n) + " bytes");
	if (p[1] != ALERT_CLOSE_NOTIFY)
		return fail("the peer sent alert " + alert_str(p[1]));
	close_notify_ = true;
	return true;
}

bool Exchange::on_handshake(const unsigned char *p, size_t n)
{
	hs_.insert(hs_.end(), p, p + n);
	while (hs_.size() >= 4) {
		size_t len = size_t(hs_[1]) << 16 | size_t(hs_[2]) << 8 | hs_[3];

		if (hs_[0] != HS_NEW_SESSION_TICKET)
			return fail("post-handshake message type " + std::to_string(hs_[0]) +
				    " (only NewSessionTicket is expected)");
		if (hs_.size() < 4 + len)
			break;
		hs_.erase(hs_.begin(), hs_.begin() + 4 + long(len));
		tickets_++;
	}
	return true;
}

bool Exchange::receive()
{
	unsigned char buf[MAX_RECORD + 256];
	uint8_t type = 0;
	ssize_t n = ch_.recv(buf, sizeof(buf), type);

	if (n == -EAGAIN || n == -EINTR)
		return true;
	if (n < 0)
		return fail("receive: " + errname(int(-n)) + " (" + std::strerror(int(-n)) + ")");
	if (n == 0) {
		eof_ = true;
		return true;
	}
	if (close_notify_)
		return fail("record of type " + std::to_string(type) + " after close_notify");
	switch (type) {
	case REC_DATA:
		return on_data(buf, size_t(n));
	case REC_ALERT:
		return on_alert(buf, size_t(n));
	case REC_HANDSHAKE:
		return on_handshake(buf, size_t(n));
	default:
		return fail("record of unexpected type " + std::to_string(type));
	}
}

bool Exchange::transmit()
{
	size_t len = std::min(out_.size() - sent_, MAX_RECORD);
	ssize_t n = ch_.send(out_.data() + sent_, len);

	if (n == -EAGAIN || n == -EINTR)
		return true;
	if (n < 0)
		return fail("send: " + errname(int(-n)) + " (" + std::strerror(int(-n)) + ")");
	sent_ += size_t(n);
	return true;
}

// Poll the channel for @events and the peer's output; channel revents.
int Exchange::wait(short events, const Deadline &dl)
{
	std::vector<pollfd> fds = { { ch_.fd(), events, 0 } };

	if (peer_)
		peer_->add_pollfds(fds);
	if (poll(fds.data(), fds.size(), dl.slice(1000)) <= 0)
		return 0;
	if (peer_)
		peer_->handle_pollfds(fds);
	return fds[0].revents;
}

bool Exchange::run(const Deadline &dl)
{
	while (sent_ < out_.size() || got_ < expect_.size()) {
		short events = closed() ? 0 : POLLIN;	// no spinning at EOF
		int rev;

		if (got_ < expect_.size() && closed())
			return fail(std::string("the peer closed (") +
				    (close_notify_ ? "close_notify" : "end of stream") +
				    ") early: " + progress());
		if (dl.passed())
			return fail("timed out: " + progress());
		if (sent_ < out_.size())
			events |= POLLOUT;
		rev = wait(events, dl);
		if ((rev & (POLLIN | POLLERR | POLLHUP)) && !closed() && !receive())
			return false;
		if ((rev & POLLOUT) && sent_ < out_.size() && !transmit())
			return false;
	}
	return true;
}

bool Exchange::finish(const Deadline &dl, int drain_ms)
{
	Deadline drain(std::min(drain_ms, dl.left_ms()));
	int err = ch_.close_write();

	if (err && closed()) {
		note_ = "close_notify not sent (" + errname(-err) + "): the peer had closed";
		return true;
	}
	if (err)
		return fail("sending close_notify: " + errname(-err));
	while (!closed()) {
		if (drain.passed()) {
			note_ = "the peer did not close within " + std::to_string(drain_ms) + " ms";
			return true;
		}
		if ((wait(POLLIN, drain) & (POLLIN | POLLERR | POLLHUP)) && !receive()) {
			if (error_.find("ECONNRESET") == std::string::npos)
				return false;
			note_ = "the peer reset the connection after close_notify";
			error_.clear();
			return true;
		}
	}
	return true;
}

/*
 * One run: client or server.
 */
class Run {
public:
	explicit Run(const Options &o) : o_(o), dl_(o.timeout_ms) {}
	int exec();

private:
	const Options &o_;
	Deadline dl_;
	Peer peer_;
	Bytes send_, expect_, peer_output_;
	std::vector<std::string> bad_;
	const char *role_ = "";

	bool prepare(int &devfd);
	int open_socket();
	bool handshake(int devfd, int fd, tls13_test_handshake &hs);
	void exchange(int fd);
	void check_peer(const tls13_test_handshake &hs);
	void check_peer_output();
	int verdict();
	void problem(const std::string &msg) { bad_.push_back(msg); }
	void problems(const std::vector<std::string> &v)
	{
		bad_.insert(bad_.end(), v.begin(), v.end());
	}
};

bool Run::prepare(int &devfd)
{
	std::string err;

	if ((!o_.send_file.empty() && !read_file(o_.send_file, send_, err)) ||
	    (!o_.expect_file.empty() && !read_file(o_.expect_file, expect_, err)) ||
	    (!o_.peer_output.empty() && !read_file(o_.peer_output, peer_output_, err))) {
		say("%s: %s", role_, err.c_str());
		return false;
	}
	devfd = open(TLS13_TEST_DEVICE, O_RDWR | O_CLOEXEC);
	if (devfd < 0) {
		say("%s: cannot open %s: %s%s", role_, TLS13_TEST_DEVICE, std::strerror(errno),
		    errno == ENOENT ? " (kernel without CONFIG_NET_HANDSHAKE_TLS13_TESTDEV?)" : "");
		return false;
	}
	return true;
}

// Connected socket, with the peer started at the right moment; -1 on error.
int Run::open_socket()
{
	std::string err;
	int fd, lfd = -1;

	if (o_.role == TLS13_TEST_SERVER) {
		lfd = listen_on(o_, err);
		if (lfd < 0) {
			problem(err);
			return -1;
		}
	}
	if (!o_.peer_argv.empty()) {
		if (!peer_.start(o_.peer_argv, o_.peer_stdin, err)) {
			problem("cannot start the peer: " + err);
			if (lfd >= 0)
				close(lfd);
			return -1;
		}
		say("%s: peer %s started (pid %d)", role_, o_.peer_argv[0].c_str(), peer_.pid());
	}
	if (lfd >= 0) {
		fd = accept_one(lfd, peer_, dl_, err);
		close(lfd);
	} else {
		fd = connect_retry(o_, peer_, dl_, err);
	}
	if (fd < 0)
		problem(err);
	return fd;
}

bool Run::handshake(int devfd, int fd, tls13_test_handshake &hs)
{
	hs = make_request(o_, fd, unsigned(dl_.left_ms()));
	if (ioctl(devfd, TLS13_TEST_HANDSHAKE, &hs) && hs.status == STATUS_UNSET) {
		problem(std::string("ioctl TLS13_TEST_HANDSHAKE: ") + errname(errno) +
			" (" + std::strerror(errno) + ")");
		return false;
	}
	say("%s", result_line(o_, hs).c_str());
	problems(check_result(o_, hs));
	return true;
}

void Run::exchange(int fd)
{
	KtlsChannel ch(fd);
	Exchange x(ch, send_, expect_, peer_.started() ? &peer_ : nullptr);

	if (!x.run(dl_) || !x.finish(dl_, 5000)) {
		problem("data: " + x.error());
		return;
	}
	if (o_.expect_tickets && x.tickets() != *o_.expect_tickets)
		problem("skipped " + std::to_string(x.tickets()) + " NewSessionTicket, expected " +
			std::to_string(*o_.expect_tickets));
	say("%s: data: sent %zu bytes, received the %zu expected%s%s", role_, x.sent(),
	    x.received(), x.tickets() ? (", skipped " + std::to_string(x.tickets()) +
					 " NewSessionTicket").c_str() : "",
	    x.note().empty() ? "" : ("; " + x.note()).c_str());
}

// Substitute %a in a --peer-says text with the alert number we got.
std::string says_text(const std::string &text, const tls13_test_handshake &hs)
{
	std::string s = text;
	size_t pos = s.find("%a");

	if (pos != std::string::npos)
		s.replace(pos, 2, std::to_string(hs.alert));
	return s;
}

// The peer's output against what we sent.
void Run::check_peer_output()
{
	const std::string &got = peer_.out();
	auto diff = std::mismatch(got.begin(), got.end(), peer_output_.begin(),
				  peer_output_.end(), [](char a, unsigned char b) {
					  return (unsigned char)a == b;
				  });
	size_t off = size_t(diff.first - got.begin());

	if (diff.first == got.end() && diff.second == peer_output_.end()) {
		say("%s: the peer received and printed the %zu bytes sent", role_, got.size());
		return;
	}
	if (off == got.size()) {
		problem("the peer printed only " + std::to_string(got.size()) + " of the " +
			std::to_string(peer_output_.size()) + " bytes sent");
		return;
	}
	problem("the peer printed " + std::to_string(got.size()) + " bytes, differing from the " +
		std::to_string(peer_output_.size()) + " sent at byte " + std::to_string(off) +
		": printed " + excerpt((const unsigned char *)got.data(), got.size(), off) +
		(off < peer_output_.size() ? ", sent " + excerpt(peer_output_.data(),
								 peer_output_.size(), off) : ""));
}

void Run::check_peer(const tls13_test_handshake &hs)
{
	if (!peer_.started())
		return;
	for (const std::string &t : o_.peer_says) {
		std::string text = says_text(t, hs);

		if (bad_.empty() && !peer_.wait_says(text, std::max(dl_.left_ms(), 1000)))
			problem("the peer did not say '" + text + "'");
	}
	if (bad_.empty() && !o_.peer_daemon &&
	    !peer_.wait_exit(std::max(dl_.left_ms(), 2000)))
		problem("the peer did not exit");
	peer_.end();
	say("%s: peer %s", role_, peer_.status_str().c_str());
	if (bad_.empty() && o_.peer_fail && !peer_.exited_fail())
		problem("the peer was expected to fail but " + peer_.status_str());
	if (bad_.empty() && !o_.peer_fail && !o_.peer_daemon && !peer_.exited_ok())
		problem("the peer " + peer_.status_str());
	if (bad_.empty() && !o_.peer_output.empty())
		check_peer_output();
	if (!bad_.empty())
		peer_.print_tail(25);
}

int Run::verdict()
{
	for (const std::string &b : bad_)
		say("%s: FAIL: %s", role_, b.c_str());
	say("%s: %s", role_, bad_.empty() ? "passed" : "FAILED");
	return bad_.empty() ? 0 : EXIT_CHECK;
}

int Run::exec()
{
	tls13_test_handshake hs = {};
	int devfd, fd;

	role_ = o_.role == TLS13_TEST_CLIENT ? "client" : "server";
	if (!prepare(devfd))
		return EXIT_ENV;
	fd = open_socket();
	if (fd >= 0) {
		if (handshake(devfd, fd, hs) && bad_.empty() && hs.status == 0) {
			problems(check_ktls(fd, hs.suite));
			if (bad_.empty())
				exchange(fd);
		}
		close(fd);
	}
	close(devfd);
	check_peer(hs);
	return verdict();
}

/*
 * Watchdog: should a wait in the kernel outlive the whole budget, kill the
 * peer (its end of the connection closes, which ends any handshake) and
 * give up.
 */
void on_watchdog(int)
{
	static const char msg[] = "tls13-peer: FAIL: watchdog: the run outlived "
				  "--timeout-ms by 10 s; killing the peer\n";

	if (watchdog_pid > 0)
		kill(watchdog_pid, SIGKILL);
	if (write(1, msg, sizeof(msg) - 1) < 0)
		_exit(EXIT_CHECK);
	_exit(EXIT_CHECK);
}

void arm_watchdog(unsigned int timeout_ms)
{
	signal(SIGALRM, on_watchdog);
	alarm(timeout_ms / 1000 + 11);
}

/*
 * Selftest: argument parsing, the request and result checks, the data
 * exchange over plain TCP and over framed records, and the peer runner.
 * Everything but the kernel; no device needed.
 */
class Selftest {
public:
	int run();

private:
	unsigned int checks_ = 0, failed_ = 0;

	void expect(bool ok, const std::string &what);
	Options parse(const std::vector<std::string> &args, std::string &err);
	void parsing();
	void results();
	void cert_results();
	void plain_exchange();
	void framed_exchange();
	void peers();
};

void Selftest::expect(bool ok, const std::string &what)
{
	checks_++;
	if (!ok) {
		failed_++;
		say("selftest: FAIL: %s", what.c_str());
	}
}

Options Selftest::parse(const std::vector<std::string> &args, std::string &err)
{
	err.clear();
	try {
		return Parser(args).parse();
	} catch (const ParseError &e) {
		err = e.msg;
		return Options();
	}
}

void Selftest::parsing()
{
	static const struct {
		std::vector<std::string> args;
		const char *error;	// substring, or nullptr for success
	} bad[] = {
		{ {}, "no command" },
		{ { "talk" }, "unknown command" },
		{ { "client", "--psk", "5" }, "--connect" },
		{ { "client", "--connect", "127.0.0.1" }, "HOST:PORT" },
		{ { "client", "--connect", "127.0.0.1:0", "--psk", "5" }, "bad address" },
		{ { "client", "--connect", "127.0.0.1:4433" }, "needs --psk" },
		{ { "server", "--listen", "4433" }, "needs --keyring" },
		{ { "client", "--connect", "1.2.3.4:1", "--psk", "0" }, "bad key serial" },
		{ { "client", "--connect", "1.2.3.4:1", "--psk", "1,2,3,4,5,6" }, "at most 5" },
		{ { "client", "--connect", "1.2.3.4:1", "--psk", "1", "--suite",
		    "0x1301,0x1302,0x1303,0x1304,0x1305" }, "at most 4" },
		{ { "client", "--connect", "1.2.3.4:1", "--psk", "1", "--group", "x448,ffdhe" },
		  "unknown value 'ffdhe'" },
		{ { "client", "--connect", "1.2.3.4:1", "--psk", "1", "--psk-ke",
		    "--psk-dhe-ke" }, "exclude" },
		{ { "client", "--connect", "1.2.3.4:1", "--psk", "1", "--expect-fail",
		    "--expect-suite", "0x1301" }, "excludes" },
		{ { "client", "--connect", "1.2.3.4:1", "--psk", "1", "--expect-alert",
		    "decrypt_error" }, "needs --expect-fail" },
		{ { "client", "--connect", "1.2.3.4:1", "--psk", "1", "--peer-fail" },
		  "need a peer command" },
		{ { "client", "--connect", "1.2.3.4:1", "--psk", "1", "--" }, "followed by" },
		{ { "client", "--connect", "1.2.3.4:1", "--psk", "1", "--bogus" },
		  "unknown option" },
		{ { "client", "--connect", "1.2.3.4:1", "--psk", "1", "--psk-ke=1" },
		  "takes no value" },
		{ { "server", "--listen", "1", "--auth", "anon" }, "clients only" },
		{ { "server", "--connect", "1.2.3.4:1" }, "unknown option" },
		{ { "client", "--connect", "1.2.3.4:1", "--auth", "x509", "--psk", "1" },
		  "for --auth psk" },
		{ { "client", "--connect", "1.2.3.4:1", "--auth", "anon", "--psk-ke" },
		  "for --auth psk" },
		{ { "client", "--connect", "1.2.3.4:1", "--auth", "anon", "--cert", "1",
		    "--privkey", "2" }, "for --auth x509" },
		{ { "server", "--listen", "1", "--auth", "x509", "--cert", "1" }, "go together" },
		{ { "client", "--connect", "1.2.3.4:1", "--auth", "x509", "--no-client-cert" },
		  "for an x509 server" },
		{ { "server", "--listen", "1", "--keyring", "3", "--require-client-cert" },
		  "for an x509 server" },
		{ { "server", "--listen", "1", "--auth", "x509", "--no-client-cert",
		    "--require-client-cert" }, "exclude each other" },
		{ { "client", "--connect", "1.2.3.4:1", "--auth", "x509", "--expect-scheme",
		    "rsa_pss_rsae_sha1" }, "unknown signature scheme" },
		{ { "client", "--connect", "1.2.3.4:1", "--auth", "x509", "--expect-fail",
		    "--expect-peer-cert" }, "excludes" },
		{ { "server", "--listen", "1", "--auth", "x509", "--expect-peerid", "4",
		    "--expect-no-peerid" }, "excludes --expect-peerid-set" },
	};
	std::string err;
	Options o;

	for (const auto &t : bad) {
		parse(t.args, err);
		expect(err.find(t.error) != std::string::npos,
		       std::string("parse error '") + t.error + "', got '" + err + "'");
	}

	o = parse({ "client", "--connect=[::1]:4433", "--psk", "12,0x20",
		    "--suite", "TLS_AES_256_GCM_SHA384,0x1304", "--group",
		    "secp384r1,X25519", "--psk-dhe-ke", "--timeout-ms", "1500",
		    "--expect-suite", "0x1302", "--expect-group", "secp384r1",
		    "--expect-hrr", "--expect-peerid", "12", "--send", "a", "--expect",
		    "b", "--peer-says", "x", "--peer-says", "y", "--", "openssl",
		    "s_server", "--psk-ke" }, err);
	expect(err.empty(), "good client options: " + err);
	expect(o.role == TLS13_TEST_CLIENT && o.host == "::1" && o.port == "4433",
	       "client endpoint");
	expect(o.psks == std::vector<int32_t>{ 12, 32 }, "psk serials");
	expect(o.suites == std::vector<uint16_t>{ 0x1302, 0x1304 }, "suites");
	expect(o.groups == std::vector<uint16_t>{ 0x18, 0x1d }, "groups");
	expect(o.flags == TLS13_TEST_F_PSK_DHE_KE && o.timeout_ms == 1500, "flags, timeout");
	expect(o.expect_suite == 0x1302 && o.expect_group == 0x18 &&
	       o.expect_hrr == true && o.expect_peerid == 12, "expectations");
	expect(o.peer_argv == std::vector<std::string>{ "openssl", "s_server", "--psk-ke" },
	       "peer argv after --, its options left alone");
	expect(o.peer_says.size() == 2, "repeated --peer-says");

	o = parse({ "server", "--listen", "4433", "--keyring", "77", "--psk-ke",
		    "--expect-group", "none", "--expect-no-hrr" }, err);
	expect(err.empty(), "good server options: " + err);
	expect(o.role == TLS13_TEST_SERVER && o.host == "127.0.0.1" && o.port == "4433" &&
	       o.keyring == 77 && o.flags == TLS13_TEST_F_PSK_KE &&
	       o.expect_group == 0 && o.expect_hrr == false, "server fields");

	o = parse({ "server", "--listen", "4433", "--keyring", "77", "--expect-fail",
		    "--expect-alert", "51", "--", "p" }, err);
	expect(err.empty() && o.expect_alert == 51u, "numeric alert");

	o = parse({ "server", "--listen", "4433", "--keyring", "77", "--expect-group",
		    "any", "--expect-tickets", "2" }, err);
	expect(err.empty() && o.expect_group == GROUP_ANY && o.expect_tickets == 2u,
	       "--expect-group any, --expect-tickets");
}

void Selftest::cert_results()
{
	std::string err;
	Options o = parse({ "server", "--listen", "4433", "--auth", "x509", "--cert", "0x10",
			    "--privkey", "17", "--keyring", "18", "--require-client-cert",
			    "--peername", "client.test", "--expect-peer-cert",
			    "--expect-cert-sent", "--expect-scheme", "ecdsa_secp384r1_sha384",
			    "--expect-peer-scheme", "0x0403", "--expect-peerid-set" }, err);
	tls13_test_handshake hs = make_request(o, 4, 99);
	std::vector<std::string> bad;

	expect(err.empty(), "good x509 server options: " + err);
	expect(hs.auth == TLS13_TEST_AUTH_X509 && hs.cert == 16 && hs.privkey == 17 &&
	       hs.keyring == 18 && hs.flags == TLS13_TEST_F_REQUIRE_CLIENT_CERT &&
	       hs.num_peerids == 0, "x509 request fields");
	hs.status = 0;
	hs.suite = 0x1301;
	hs.group = 0x1d;
	hs.result_flags = TLS13_TEST_R_PEER_CERT | TLS13_TEST_R_CERT_SENT;
	hs.scheme = 0x0503;
	hs.peer_scheme = 0x0403;
	hs.peerid = 0x2a;
	bad = check_result(o, hs);
	expect(bad.empty(), "matching x509 result passes" +
	       (bad.empty() ? std::string() : ": " + bad[0]));
	expect(result_line(o, hs) == "server: status 0, suite TLS_AES_128_GCM_SHA256, "
				     "group x25519, hrr no, psk_dhe no, alpn none, peerid 42, "
				     "alert none, cert sent yes, scheme ecdsa_secp384r1_sha384, "
				     "peer cert yes, peer scheme ecdsa_secp256r1_sha256",
	       "x509 result line: " + result_line(o, hs));
	hs.peer_scheme = 0x0804;
	hs.peerid = 0;
	bad = check_result(o, hs);
	expect(bad.size() == 2 && bad[0].find("peer scheme rsa_pss_rsae_sha256, expected "
					      "ecdsa_secp256r1_sha256") == 0 &&
	       bad[1].find("peerid 0, expected the serial") == 0, "scheme and peerid mismatch");

	// The invariants, with no --expect-* option.
	o = parse({ "server", "--listen", "4433", "--auth", "x509" }, err);
	expect(err.empty() && o.cert == 0 && o.privkey == 0, "x509 server, default identity");
	hs.result_flags = TLS13_TEST_R_CERT_SENT | TLS13_TEST_R_PSK_DHE;
	hs.peer_scheme = 0;
	hs.peerid = -1;
	bad = check_result(o, hs);
	expect(bad.size() == 2 && bad[0].find("psk_dhe result flag") == 0 &&
	       bad[1].find("peerid -1, not TLS_NO_PEERID") != std::string::npos,
	       "psk_dhe and peerid -1 refused in a certificate handshake");
	hs.result_flags = TLS13_TEST_R_PEER_CERT;
	hs.peerid = 0;
	bad = check_result(o, hs);
	expect(bad.size() == 4, "server without cert sent, scheme without flag, peer "
	       "scheme missing, peerid 0 with a peer cert: " + std::to_string(bad.size()));

	o = parse({ "client", "--connect", "127.0.0.1:1", "--auth", "anon", "--peername",
		    "server.test", "--expect-no-cert-sent", "--expect-scheme", "none",
		    "--expect-no-peer-cert" }, err);
	expect(err.empty() && o.auth == TLS13_TEST_AUTH_ANON, "anon client options: " + err);
	hs = make_request(o, 3, 10);
	hs.status = 0;
	hs.suite = 0x1302;
	hs.group = 0x18;
	hs.result_flags = TLS13_TEST_R_PEER_CERT;
	hs.peer_scheme = 0x0403;
	bad = check_result(o, hs);
	expect(bad.size() == 1 && bad[0] == "peer cert yes, expected no",
	       "anon client: peer cert expectation");
	o.expect_peer_cert.reset();
	hs.result_flags = 0;
	hs.peer_scheme = 0;
	bad = check_result(o, hs);
	expect(bad.size() == 1 && bad[0].find("without authenticating the server") != std::string::npos,
	       "a client must authenticate the server");
	hs.status = -EKEYREJECTED;
	hs.alert = 48;
	o = parse({ "client", "--connect", "127.0.0.1:1", "--auth", "x509", "--expect-fail",
		    "--expect-alert", "unknown_ca" }, err);
	expect(err.empty() && check_result(o, hs).empty(), "expected unknown_ca passes");
	expect(result_line(o, hs).find("alert unknown_ca(48), cert sent no, scheme none")
	       != std::string::npos, "unknown_ca in the result line");
}

void Selftest::results()
{
	std::string err;
	Options o = parse({ "client", "--connect", "127.0.0.1:1", "--psk", "5,6",
			    "--suite", "0x1303", "--group", "x25519,secp256r1",
			    "--psk-ke", "--peername", "peer.example", "--expect-suite",
			    "0x1303", "--expect-group", "none", "--expect-no-hrr",
			    "--expect-peerid", "6" }, err);
	tls13_test_handshake hs = make_request(o, 9, 1234);
	std::vector<std::string> bad;

	expect(hs.fd == 9 && hs.role == TLS13_TEST_CLIENT && hs.auth == TLS13_TEST_AUTH_PSK &&
	       hs.timeout_ms == 1234 && hs.num_peerids == 2 && hs.peerids[0] == 5 &&
	       hs.peerids[1] == 6 && hs.peerids[2] == 0 && hs.flags == TLS13_TEST_F_PSK_KE &&
	       hs.suites[0] == 0x1303 && hs.suites[1] == 0 && hs.groups[0] == 0x1d &&
	       hs.groups[1] == 0x17 && hs.groups[2] == 0 &&
	       !std::strcmp(hs.peername, "peer.example") && hs.status == STATUS_UNSET,
	       "request fields");

	hs.status = 0;
	hs.suite = 0x1303;
	hs.peerid = 6;
	expect(check_result(o, hs).empty(), "matching result passes");
	expect(result_line(o, hs) == "client: status 0, suite TLS_CHACHA20_POLY1305_SHA256, "
				     "group none, hrr no, psk_dhe no, alpn none, peerid 6, alert none",
	       "result line: " + result_line(o, hs));
	hs.group = 0x1d;
	hs.result_flags = TLS13_TEST_R_PSK_DHE | TLS13_TEST_R_HRR;
	bad = check_result(o, hs);
	expect(bad.size() == 2 && bad[0].find("group x25519, expected none") == 0 &&
	       bad[1].find("HelloRetryRequest happened") == 0, "group and hrr mismatch");
	o.expect_group = GROUP_ANY;
	o.expect_hrr.reset();
	expect(check_result(o, hs).empty(), "any group accepts x25519");
	hs.group = 0;
	hs.result_flags = 0;
	expect(check_result(o, hs).size() == 1, "any group refuses psk_ke");
	hs.status = -EACCES;
	hs.alert = 51;
	bad = check_result(o, hs);
	expect(bad.size() == 1 && bad[0].find("-EACCES") != std::string::npos,
	       "unexpected failure reported with errno name");
	expect(result_line(o, hs).find("alert decrypt_error(51)") != std::string::npos,
	       "alert name in the result line");

	o = parse({ "server", "--listen", "1", "--keyring", "3", "--expect-fail",
		    "--expect-alert", "illegal_parameter" }, err);
	expect(check_result(o, hs).size() == 1, "wrong alert detected");
	hs.alert = 47;
	expect(check_result(o, hs).empty(), "expected failure passes");
	hs.status = 0;
	expect(!check_result(o, hs).empty(), "unexpected success detected");
	expect(ktls_cipher(0x1302) == TLS_CIPHER_AES_GCM_256 &&
	       ktls_cipher(0x1304) == TLS_CIPHER_AES_CCM_128, "kTLS cipher map");
}

// Plain TCP (no record types) for the selftest's echo server.
class PlainChannel : public Channel {
public:
	explicit PlainChannel(int fd) : fd_(fd) {}
	int fd() const override { return fd_; }
	ssize_t recv(unsigned char *buf, size_t len, uint8_t &type) override
	{
		ssize_t n = ::recv(fd_, buf, len, MSG_DONTWAIT);

		type = REC_DATA;
		return n < 0 ? -errno : n;
	}
	ssize_t send(const unsigned char *buf, size_t len) override
	{
		ssize_t n = ::send(fd_, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL);

		return n < 0 ? -errno : n;
	}
	int close_write() override { return shutdown(fd_, SHUT_WR) ? -errno : 0; }

private:
	int fd_;
};

enum class Echo { SAME, SHORT, EXTRA, FLIP, MUTE };

// A forked TCP echo server that misbehaves as told; returns the client fd.
int echo_server(Echo mode, size_t total, pid_t &pid)
{
	sockaddr_in sa = {};
	socklen_t len = sizeof(sa);
	int lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), fd;

	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(lfd, (sockaddr *)&sa, sizeof(sa)) || listen(lfd, 1) ||
	    getsockname(lfd, (sockaddr *)&sa, &len))
		return -1;
	pid = fork();
	if (pid == 0) {
		unsigned char buf[8192];
		size_t seen = 0;
		ssize_t n;
		int c = accept(lfd, nullptr, nullptr);

		while ((n = read(c, buf, sizeof(buf))) > 0) {
			size_t m = size_t(n);

			if (mode == Echo::MUTE || (mode == Echo::SHORT && seen == total / 2))
				continue;
			if (mode == Echo::FLIP && seen <= 1000 && 1000 < seen + m)
				buf[1000 - seen] ^= 1;
			if (mode == Echo::SHORT && seen + m > total / 2)
				m = total / 2 - seen;
			if (write(c, buf, m) != ssize_t(m))
				_exit(1);
			seen += m;
			if (mode == Echo::SHORT && seen == total / 2)
				shutdown(c, SHUT_WR);	// end of stream, keep reading
			if (mode == Echo::EXTRA && seen == total && write(c, "!!", 2) != 2)
				_exit(1);
		}
		_exit(0);
	}
	close(lfd);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (connect(fd, (sockaddr *)&sa, sizeof(sa)))
		return -1;
	fcntl(fd, F_SETFL, O_NONBLOCK);
	return fd;
}

void Selftest::plain_exchange()
{
	static const struct {
		Echo mode;
		const char *error;	// substring, or nullptr
	} cases[] = {
		{ Echo::SAME, nullptr },
		{ Echo::SHORT, "received 524288/1048576" },
		{ Echo::EXTRA, "2 bytes more than the 1048576 expected" },
		{ Echo::FLIP, "differs from the expected at byte 1000" },
		{ Echo::MUTE, "timed out" },
	};
	Bytes data(1 << 20);

	for (size_t i = 0; i < data.size(); i++)
		data[i] = (unsigned char)(i * 2654435761u >> 13);
	for (const auto &c : cases) {
		pid_t pid;
		int fd = echo_server(c.mode, data.size(), pid), status;
		PlainChannel ch(fd);
		Exchange x(ch, data, data, nullptr);
		Deadline dl(c.mode == Echo::MUTE ? 300 : 10000);
		bool ok = fd >= 0 && x.run(dl) && x.finish(dl, 2000);
		std::string what = "echo mode " + std::to_string(int(c.mode)) + ": ";

		if (c.mode == Echo::SHORT)
			expect(x.error().find("the peer closed (end of stream) early") == 0,
			       what + "closed early, got '" + x.error() + "'");
		if (c.error)
			expect(!ok && x.error().find(c.error) != std::string::npos,
			       what + "expected '" + c.error + "', got '" + x.error() + "'");
		else
			expect(ok && x.received() == data.size() && x.note().empty(),
			       what + x.error() + x.note());
		close(fd);
		if (fd >= 0) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
		}
	}
}

// Records as [type][length, 2 bytes][content] on a socketpair.
class FramedChannel : public Channel {
public:
	explicit FramedChannel(int fd) : fd_(fd) {}
	int fd() const override { return fd_; }
	ssize_t recv(unsigned char *buf, size_t len, uint8_t &type) override
	{
		unsigned char h[3];
		ssize_t n = ::recv(fd_, h, 3, MSG_WAITALL);
		size_t rlen = size_t(h[1]) << 8 | h[2];

		if (n <= 0)
			return n < 0 ? -errno : 0;
		type = h[0];
		if (rlen > len || ::recv(fd_, buf, rlen, MSG_WAITALL) != ssize_t(rlen))
			return -EMSGSIZE;
		return ssize_t(rlen);
	}
	ssize_t send(const unsigned char *buf, size_t len) override
	{
		return frame(fd_, REC_DATA, Bytes(buf, buf + len)) ? ssize_t(len) : -errno;
	}
	int close_write() override
	{
		return frame(fd_, REC_ALERT, { 1, ALERT_CLOSE_NOTIFY }) ? 0 : -errno;
	}

	static bool frame(int fd, uint8_t type, const Bytes &b)
	{
		Bytes f = { type, (unsigned char)(b.size() >> 8), (unsigned char)b.size() };

		f.insert(f.end(), b.begin(), b.end());
		return write(fd, f.data(), f.size()) == ssize_t(f.size());
	}

private:
	int fd_;
};

void Selftest::framed_exchange()
{
	// NewSessionTicket: type 4, length 5; split over two records.
	const Bytes nst1 = { 4, 0, 0, 5, 1, 2 }, nst2 = { 3, 4, 5 };
	const Bytes hello = { 'h', 'e', 'l', 'l', 'o' };
	static const struct {
		int script;
		const char *error;
	} cases[] = {
		{ 0, nullptr },		// tickets, data, close_notify
		{ 1, "the peer sent alert decrypt_error(51)" },
		{ 2, "post-handshake message type 24" },	// KeyUpdate
		{ 3, "closed (close_notify) early" },
		{ 4, "record of unexpected type 20" },
	};

	for (const auto &c : cases) {
		int sv[2];
		Bytes got(64);

		socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv);
		switch (c.script) {
		case 0:
			FramedChannel::frame(sv[1], REC_HANDSHAKE, nst1);
			FramedChannel::frame(sv[1], REC_HANDSHAKE, nst2);
			FramedChannel::frame(sv[1], REC_DATA, { 'h', 'e' });
			FramedChannel::frame(sv[1], REC_DATA, { 'l', 'l', 'o' });
			FramedChannel::frame(sv[1], REC_ALERT, { 1, 0 });
			break;
		case 1:
			FramedChannel::frame(sv[1], REC_ALERT, { 2, 51 });
			break;
		case 2:
			FramedChannel::frame(sv[1], REC_HANDSHAKE, { 24, 0, 0, 1, 0 });
			break;
		case 3:
			FramedChannel::frame(sv[1], REC_DATA, { 'h' });
			FramedChannel::frame(sv[1], REC_ALERT, { 1, 0 });
			break;
		case 4:
			FramedChannel::frame(sv[1], 20, { 1 });
			break;
		}

		FramedChannel ch(sv[0]);
		Bytes out = { 'w', 'o', 'r', 'l', 'd' };
		Exchange x(ch, out, hello, nullptr);
		Deadline dl(2000);
		bool ok = x.run(dl) && x.finish(dl, 500);
		std::string what = "framed script " + std::to_string(c.script) + ": ";

		if (c.error) {
			expect(!ok && x.error().find(c.error) != std::string::npos,
			       what + "expected '" + c.error + "', got '" + x.error() + "'");
		} else {
			// What we sent: one data record, then close_notify.
			const Bytes want = { 23, 0, 5, 'w', 'o', 'r', 'l', 'd', 21, 0, 2, 1, 0 };
			ssize_t n = read(sv[1], got.data(), got.size());

			expect(ok && x.tickets() == 1 && x.note().empty(), what + x.error());
			expect(n == ssize_t(want.size()) &&
			       std::equal(want.begin(), want.end(), got.begin()),
			       what + "data record and close_notify sent");
		}
		close(sv[0]);
		close(sv[1]);
	}
}

void Selftest::peers()
{
	char path[] = "/tmp/tls13-peer-selftest.XXXXXX";
	int fd = mkstemp(path);
	const char text[] = "peer stdin\n";

	expect(fd >= 0 && write(fd, text, sizeof(text) - 1) == ssize_t(sizeof(text) - 1),
	       "temporary file");
	close(fd);
	{
		Peer p;
		std::string err;

		expect(p.start({ "/bin/sh", "-c", "cat; printf oops >&2; exit 3" }, path, err),
		       "start a peer: " + err);
		expect(p.wait_exit(5000) && p.status_str() == "exited 3", "exit status: " +
		       p.status_str());
		expect(p.out() == text && p.says("oops") && p.exited_fail(),
		       "stdin given, stdout and stderr collected");
	}
	{
		Peer p;
		std::string err;

		p.start({ "/bin/sh", "-c", "echo ready; exec sleep 60" }, "/dev/null", err);
		expect(p.wait_says("ready", 5000) && p.running(), "a daemon says something");
		p.end();
		expect(p.status_str() == "ended by tls13-peer" && !p.exited_fail(),
		       "a daemon is ended: " + p.status_str());
	}
	{
		Peer p;
		std::string err;

		p.start({ "/nonexistent/tls13-peer-test" }, "/dev/null", err);
		expect(p.wait_exit(5000) && p.says("cannot run") && p.exited_fail(),
		       "a missing program fails clearly");
	}
	{
		Peer p;
		std::string err;

		expect(!p.start({ "true" }, "/nonexistent/input", err) &&
		       err.find("/nonexistent/input") == 0, "a missing stdin file is reported");
	}
	unlink(path);
}

int Selftest::run()
{
	parsing();
	results();
	cert_results();
	plain_exchange();
	framed_exchange();
	peers();
	say("selftest: %u checks, %u failed", checks_, failed_);
	return failed_ ? EXIT_CHECK : 0;
}

const char usage[] =
"usage: tls13-peer client --connect HOST:PORT --psk SERIAL[,SERIAL..] [options] [-- PEER...]\n"
"       tls13-peer server --listen [HOST:]PORT --keyring SERIAL [options] [-- PEER...]\n"
"       tls13-peer client --connect HOST:PORT --auth x509|anon [options] [-- PEER...]\n"
"       tls13-peer server --listen [HOST:]PORT --auth x509 [options] [-- PEER...]\n"
"       tls13-peer selftest\n"
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
"  --suite S[,..]            suites to offer/accept: 0x1301 or TLS_AES_128_GCM_SHA256 (max 4)\n"
"  --group G[,..]            x25519, secp256r1, secp384r1 or 0x001d (max 3); a client\n"
"                            sends a key share for the first\n"
"  --psk-ke | --psk-dhe-ke   offer/accept only this PSK key exchange mode\n"
"  --peername NAME           ta_peername: the name the server's certificate must carry\n"
"  --alpn NAME               ta_alpn: offer and require (client), require (server)\n"
"  --timeout-ms N            budget of the whole run, also the engine's timeout (30000)\n"
"\n"
"expectations (each failure is reported, exit status 1):\n"
"  --expect-suite S  --expect-group G|none|any  --expect-hrr | --expect-no-hrr\n"
"  --expect-peerid SERIAL    the peer id the engine reported (PSK: the key's serial)\n"
"  --expect-tickets N        NewSessionTicket messages received after the handshake\n"
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

} // namespace

int main(int argc, char **argv)
{
	std::vector<std::string> args(argv + 1, argv + argc);

	setvbuf(stdout, nullptr, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
		std::fputs(usage, stdout);
		return 0;
	}
	if (args.size() == 1 && args[0] == "selftest")
		return Selftest().run();
	try {
		Options o = Parser(args).parse();

		arm_watchdog(o.timeout_ms);
		return Run(o).exec();
	} catch (const ParseError &e) {
		std::fprintf(stderr, "tls13-peer: %s\n%s", e.msg.c_str(), usage);
		return EXIT_USAGE;
	}
}
