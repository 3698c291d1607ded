// SPDX-License-Identifier: GPL-2.0-only
//
// tls13-peer: one run, client or server: the sockets, the handshake
// through /dev/tls13_test, the checks of its result, the data, the peer
// and the verdict; and the watchdog over it all.

#include "run.hpp"
#include "ktls.hpp"
#include "names.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

namespace tls13peer {

namespace {

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

} // namespace

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

namespace {

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

} // namespace

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
		// The client connects when its script gets to it, later on a
		// loaded host: the wait has a guard of its own (30 s at least),
		// and the run's budget, the engine's timeout, starts with the
		// connection. (A 3 s budget from the start ran out under load
		// before the client came: psk-faults' silent-client steps.)
		Deadline accept_dl(std::max(o_.timeout_ms, 30000u));

		fd = accept_one(lfd, peer_, accept_dl, err);
		close(lfd);
		dl_ = Deadline(o_.timeout_ms);
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
	auto t0 = std::chrono::steady_clock::now();
	int rc = ioctl(devfd, TLS13_TEST_HANDSHAKE, &hs);
	int err = errno;
	auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
		std::chrono::steady_clock::now() - t0).count();
	if (rc && hs.status == STATUS_UNSET) {
		problem(std::string("ioctl TLS13_TEST_HANDSHAKE: ") + errname(err) +
			" (" + std::strerror(err) + ")");
		return false;
	}
	say("%s", result_line(o_, hs).c_str());
	// the engine's time alone, without the exec and connect around it
	say("handshake took %lld ms", static_cast<long long>(ms));
	problems(check_result(o_, hs));
	return true;
}

void Run::exchange(int devfd, int fd)
{
	KtlsChannel ch(fd, devfd);
	Exchange x(ch, send_, expect_, peer_.started() ? &peer_ : nullptr, o_.key_update_every);

	if (!x.run(dl_) || !x.finish(dl_, 5000)) {
		problem("data: " + x.error());
		return;
	}
	if (o_.expect_tickets && x.tickets() != *o_.expect_tickets)
		problem("skipped " + std::to_string(x.tickets()) + " NewSessionTicket, expected " +
			std::to_string(*o_.expect_tickets));
	if (o_.expect_key_updates && x.key_updates_received() < *o_.expect_key_updates)
		problem("followed " + std::to_string(x.key_updates_received()) +
			" KeyUpdate(s) of the peer, expected at least " +
			std::to_string(*o_.expect_key_updates));
	if (x.key_updates_sent() || x.key_updates_received())
		say("%s: KeyUpdate: sent %u (update_requested), followed %u of the peer's",
		    role_, x.key_updates_sent(), x.key_updates_received());
	say("%s: data: sent %zu bytes, received the %zu expected%s%s", role_, x.sent(),
	    x.received(), x.tickets() ? (", skipped " + std::to_string(x.tickets()) +
					 " NewSessionTicket").c_str() : "",
	    x.note().empty() ? "" : ("; " + x.note()).c_str());
}

namespace {

// Substitute %a in a --peer-says text with the alert number we got.
std::string says_text(const std::string &text, const tls13_test_handshake &hs)
{
	std::string s = text;
	size_t pos = s.find("%a");

	if (pos != std::string::npos)
		s.replace(pos, 2, std::to_string(hs.alert));
	return s;
}

} // namespace

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
		problem("the peer did not exit (" + peer_.where() + "; at our close, " +
			closing_ + ")");
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
				exchange(devfd, fd);
		}
		closing_ = send_queue(fd);
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
namespace {

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

} // namespace

void arm_watchdog(unsigned int timeout_ms)
{
	signal(SIGALRM, on_watchdog);
	alarm(timeout_ms / 1000 + 11);
}

} // namespace tls13peer
