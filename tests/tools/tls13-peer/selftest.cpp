// SPDX-License-Identifier: GPL-2.0-only
//
// tls13-peer-selftest: the tests of tls13-peer that need no kernel:
// argument parsing, the request and result checks, the data exchange over
// plain TCP and over framed records, and the peer runner. Exit status 0
// when every check passed, 1 otherwise.

#include "ktls.hpp"
#include "options.hpp"
#include "peer.hpp"
#include "run.hpp"
#include "util.hpp"

#include <fcntl.h>
#include <linux/tls.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace tls13peer {

namespace {

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
	// With @rekey, each KeyUpdate is taken and its flags recorded.
	int key_update(uint32_t flags) override
	{
		if (!rekey)
			return -EOPNOTSUPP;
		ku.push_back(flags);
		return 0;
	}

	bool rekey = false;
	std::vector<uint32_t> ku;

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
		{ 2, "following the peer's KeyUpdate 1: EOPNOTSUPP" },	// no re-key
		{ 3, "closed (close_notify) early" },
		{ 4, "record of unexpected type 20" },
		{ 5, nullptr },		// KeyUpdates both ways, data, close_notify
		{ 6, "KeyUpdate request_update 2" },
		{ 7, "KeyUpdate not at the end of its record" },
		{ 8, "KeyUpdate of 2 bytes" },
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
		case 5:	// update_requested, split over two records
			FramedChannel::frame(sv[1], REC_HANDSHAKE, { 24, 0 });
			FramedChannel::frame(sv[1], REC_HANDSHAKE, { 0, 1, 1 });
			FramedChannel::frame(sv[1], REC_DATA, hello);
			FramedChannel::frame(sv[1], REC_ALERT, { 1, 0 });
			break;
		case 6:
			FramedChannel::frame(sv[1], REC_HANDSHAKE, { 24, 0, 0, 1, 2 });
			break;
		case 7:
			FramedChannel::frame(sv[1], REC_HANDSHAKE, { 24, 0, 0, 1, 0, 4 });
			break;
		case 8:
			FramedChannel::frame(sv[1], REC_HANDSHAKE, { 24, 0, 0, 2, 0, 0 });
			break;
		}

		FramedChannel ch(sv[0]);
		// with KeyUpdates (every 2 bytes): ours after "w\n" and "or\n"
		Bytes out = c.script >= 5 ? Bytes{ 'w', '\n', 'o', 'r', '\n', 'l', 'd' } :
					   Bytes{ 'w', 'o', 'r', 'l', 'd' };

		ch.rekey = c.script >= 5;
		Exchange x(ch, out, hello, nullptr, c.script >= 5 ? 2 : 0);
		Deadline dl(2000);
		bool ok = x.run(dl) && x.finish(dl, 500);
		std::string what = "framed script " + std::to_string(c.script) + ": ";

		if (c.error) {
			expect(!ok && x.error().find(c.error) != std::string::npos,
			       what + "expected '" + c.error + "', got '" + x.error() + "'");
		} else if (c.script == 5) {
			// ours at two line ends; the peer's followed, with its request
			const uint32_t theirs = TLS13_TEST_KU_RECEIVED | TLS13_TEST_KU_REQUESTED;
			auto n_ours = std::count(ch.ku.begin(), ch.ku.end(), TLS13_TEST_KU_REQUESTED);
			auto n_theirs = std::count(ch.ku.begin(), ch.ku.end(), theirs);

			expect(ok && ch.ku.size() == 3 && n_ours == 2 && n_theirs == 1 &&
			       x.key_updates_sent() == 2 && x.key_updates_received() == 1,
			       what + "KeyUpdates: " + std::to_string(ch.ku.size()) + " " + x.error());
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

} // namespace

} // namespace tls13peer

int main(int argc, char **argv)
{
	if (argc > 1) {
		std::fprintf(stderr, "usage: %s (no arguments)\n", argv[0]);
		return tls13peer::EXIT_USAGE;
	}
	setvbuf(stdout, nullptr, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	return tls13peer::Selftest().run();
}
