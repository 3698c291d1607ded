// SPDX-License-Identifier: GPL-2.0-only
//
// tls-relay: a TCP relay that speaks TLS 1.3 (OpenSSL's libssl) on one
// side and plain TCP on the other, and sends a KeyUpdate on demand. It
// puts a TLS peer no one here wrote in front of a kernel consumer whose
// other end speaks plain TCP:
//
//   --tls front   the relay is the TLS server for whoever connects to
//                 --listen (the nvme-tcp host, the NFS client) and
//                 relays to --to in plain TCP (nvmet-tcp, knfsd)
//   --tls back    the relay takes plain TCP on --listen and is the TLS
//                 client of --to (nvmet-tcp, knfsd with TLS required)
//
// SIGUSR1 makes every open TLS connection send a KeyUpdate with
// update_requested (RFC 8446 section 4.6.3), at once; SIGUSR2 drops
// every open connection (both sides closed, no close_notify), so that
// the consumer connects anew. Events go to
// standard output, one line each, flushed:
//
//   open N                  connection N is relayed (after its handshake)
//   keyupdate N             N sent a KeyUpdate
//   peer-keyupdate N REQ    N received one (REQ: requested|not-requested)
//   alert N LEVEL DESC      N received an alert (OpenSSL's long names)
//   sent-alert N LEVEL DESC N sent one
//   close N WHY up=B down=B N ended (WHY "dropped": SIGUSR2); B: bytes
//                           towards --to / from --to
//
// Usage:
//   tls-relay --listen PORT --to HOST:PORT --tls front|back
//             [--cert FILE --key FILE] [--ca FILE] [--alpn PROTO]
//             [--psk-identity ID --psk HEX [--psk-hash sha256|sha384]]
//             [--rpc-tls]
// --rpc-tls: RPC-with-TLS (RFC 9289 section 4.1) first has the client
// ask, in the clear, with an RPC NULL call of flavor AUTH_TLS, and the
// server answer STARTTLS; the relay answers (front) or asks (back).
// Certificates and keys are PEM, or DER when the name ends in .der.

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

struct Options {
	std::string listen_port, to_host, to_port, tls;
	std::string cert, key, ca, alpn;
	std::string psk_identity, psk_hash = "sha256";
	std::vector<unsigned char> psk;
	bool rpc_tls = false;
};

Options opt;
std::atomic<unsigned> keyupdate_gen{0};
std::atomic<unsigned> drop_gen{0};
std::mutex out_mutex;

[[noreturn]] void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("tls-relay: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	ERR_print_errors_fp(stderr);
	exit(2);
}

void event(const char *fmt, ...)
{
	std::lock_guard<std::mutex> lock(out_mutex);
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

std::vector<unsigned char> unhex(const std::string &s)
{
	std::vector<unsigned char> out;

	if (s.size() % 2)
		die("--psk: odd number of hex digits");
	for (size_t i = 0; i < s.size(); i += 2) {
		char *end;
		std::string byte = s.substr(i, 2);
		unsigned long v = strtoul(byte.c_str(), &end, 16);

		if (*end)
			die("--psk: not hex: %s", byte.c_str());
		out.push_back((unsigned char)v);
	}
	return out;
}

void parse(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		std::string a = argv[i];
		auto val = [&]() -> std::string {
			if (i + 1 >= argc)
				die("%s needs a value", a.c_str());
			return argv[++i];
		};

		if (a == "--listen") {
			opt.listen_port = val();
		} else if (a == "--to") {
			std::string v = val();
			size_t c = v.rfind(':');

			if (c == std::string::npos)
				die("--to takes HOST:PORT");
			opt.to_host = v.substr(0, c);
			opt.to_port = v.substr(c + 1);
		} else if (a == "--tls") {
			opt.tls = val();
		} else if (a == "--cert") {
			opt.cert = val();
		} else if (a == "--key") {
			opt.key = val();
		} else if (a == "--ca") {
			opt.ca = val();
		} else if (a == "--alpn") {
			opt.alpn = val();
		} else if (a == "--psk-identity") {
			opt.psk_identity = val();
		} else if (a == "--psk") {
			opt.psk = unhex(val());
		} else if (a == "--psk-hash") {
			opt.psk_hash = val();
		} else if (a == "--rpc-tls") {
			opt.rpc_tls = true;
		} else {
			die("unknown option %s", a.c_str());
		}
	}
	if (opt.listen_port.empty() || opt.to_port.empty() ||
	    (opt.tls != "front" && opt.tls != "back"))
		die("usage: --listen PORT --to HOST:PORT --tls front|back ...");
	if (opt.psk_identity.empty() != opt.psk.empty())
		die("--psk-identity and --psk go together");
	if (opt.psk_hash != "sha256" && opt.psk_hash != "sha384")
		die("--psk-hash: sha256 or sha384");
}

int file_type(const std::string &name)
{
	return name.size() > 4 && name.compare(name.size() - 4, 4, ".der") == 0 ?
		       SSL_FILETYPE_ASN1 : SSL_FILETYPE_PEM;
}

// RFC 8446 section 4.2.11: an external PSK is bound to a hash; the
// suite with that hash is the session's.
SSL_SESSION *psk_session(SSL *ssl)
{
	const unsigned char id256[] = { 0x13, 0x01 }, id384[] = { 0x13, 0x02 };
	const SSL_CIPHER *c = SSL_CIPHER_find(ssl, opt.psk_hash == "sha384" ?
							   id384 : id256);
	SSL_SESSION *s = SSL_SESSION_new();

	if (!c || !s || !SSL_SESSION_set1_master_key(s, opt.psk.data(), opt.psk.size()) ||
	    !SSL_SESSION_set_cipher(s, c) ||
	    !SSL_SESSION_set_protocol_version(s, TLS1_3_VERSION)) {
		SSL_SESSION_free(s);
		return nullptr;
	}
	return s;
}

int psk_find(SSL *ssl, const unsigned char *id, size_t len, SSL_SESSION **sess)
{
	*sess = nullptr;
	if (len == opt.psk_identity.size() &&
	    !memcmp(id, opt.psk_identity.data(), len))
		*sess = psk_session(ssl);
	return 1;
}

int psk_use(SSL *ssl, const EVP_MD *, const unsigned char **id, size_t *len,
	    SSL_SESSION **sess)
{
	*id = (const unsigned char *)opt.psk_identity.data();
	*len = opt.psk_identity.size();
	*sess = psk_session(ssl);
	return *sess ? 1 : 0;
}

int alpn_select(SSL *, const unsigned char **out, unsigned char *outlen,
		const unsigned char *in, unsigned int inlen, void *)
{
	for (unsigned int i = 0; i < inlen; i += 1 + in[i]) {
		if (in[i] == opt.alpn.size() && i + 1 + in[i] <= inlen &&
		    !memcmp(in + i + 1, opt.alpn.data(), in[i])) {
			*out = in + i + 1;
			*outlen = in[i];
			return SSL_TLSEXT_ERR_OK;
		}
	}
	return SSL_TLSEXT_ERR_ALERT_FATAL;
}

void info(const SSL *ssl, int where, int ret)
{
	if ((where & SSL_CB_READ_ALERT) == SSL_CB_READ_ALERT)
		event("alert %ld %s %s", (long)(intptr_t)SSL_get_app_data(ssl),
		      SSL_alert_type_string_long(ret),
		      SSL_alert_desc_string_long(ret));
	else if ((where & SSL_CB_WRITE_ALERT) == SSL_CB_WRITE_ALERT)
		event("sent-alert %ld %s %s", (long)(intptr_t)SSL_get_app_data(ssl),
		      SSL_alert_type_string_long(ret),
		      SSL_alert_desc_string_long(ret));
}

// A KeyUpdate from the kernel's end: OpenSSL follows it by itself; the
// event says that it came, and whether it asked for ours
void msg(int write_p, int, int content_type, const void *buf, size_t len,
	 SSL *ssl, void *)
{
	const unsigned char *m = (const unsigned char *)buf;

	if (!write_p && content_type == SSL3_RT_HANDSHAKE && len == 5 && m[0] == 24)
		event("peer-keyupdate %ld %s", (long)(intptr_t)SSL_get_app_data(ssl),
		      m[4] ? "requested" : "not-requested");
}

SSL_CTX *make_ctx()
{
	bool server = opt.tls == "front";
	SSL_CTX *ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());

	if (!ctx)
		die("SSL_CTX_new");
	SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
	SSL_CTX_set_info_callback(ctx, info);
	SSL_CTX_set_msg_callback(ctx, msg);
	SSL_CTX_set_num_tickets(ctx, 0);
	if (!opt.cert.empty() &&
	    (SSL_CTX_use_certificate_file(ctx, opt.cert.c_str(), file_type(opt.cert)) != 1 ||
	     SSL_CTX_use_PrivateKey_file(ctx, opt.key.c_str(), file_type(opt.key)) != 1))
		die("cannot load %s / %s", opt.cert.c_str(), opt.key.c_str());
	if (!opt.ca.empty()) {
		X509_STORE *st = SSL_CTX_get_cert_store(ctx);
		X509_LOOKUP *lu = X509_STORE_add_lookup(st, X509_LOOKUP_file());

		if (!lu || X509_LOOKUP_load_file(lu, opt.ca.c_str(), file_type(opt.ca)) != 1)
			die("cannot load CA %s", opt.ca.c_str());
		SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
	}
	if (!opt.psk.empty()) {
		if (server)
			SSL_CTX_set_psk_find_session_callback(ctx, psk_find);
		else
			SSL_CTX_set_psk_use_session_callback(ctx, psk_use);
	}
	if (!opt.alpn.empty()) {
		if (server) {
			SSL_CTX_set_alpn_select_cb(ctx, alpn_select, nullptr);
		} else {
			std::string wire(1, char(opt.alpn.size()));

			wire += opt.alpn;
			SSL_CTX_set_alpn_protos(ctx, (const unsigned char *)wire.data(),
						wire.size());
		}
	}
	return ctx;
}

int dial()
{
	struct addrinfo hints = {}, *res;
	int fd, one = 1;

	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(opt.to_host.c_str(), opt.to_port.c_str(), &hints, &res))
		return -1;
	fd = socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	// from a reserved port, as knfsd's "secure" exports want
	for (int port = 1023; fd >= 0 && res->ai_family == AF_INET && port >= 600; port--) {
		struct sockaddr_in me = {};

		me.sin_family = AF_INET;
		me.sin_port = htons((unsigned short)port);
		if (!bind(fd, (struct sockaddr *)&me, sizeof(me)))
			break;
	}
	if (fd >= 0 && connect(fd, res->ai_addr, res->ai_addrlen)) {
		close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	if (fd >= 0)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return fd;
}

void nonblock(int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

// Write all of buf to the TLS side; false when the connection is gone.
bool ssl_write_all(SSL *ssl, int fd, const char *buf, size_t len)
{
	while (len) {
		int n = SSL_write(ssl, buf, int(len));

		if (n > 0) {
			buf += n;
			len -= size_t(n);
			continue;
		}
		int e = SSL_get_error(ssl, n);
		struct pollfd p = { fd, short(e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT), 0 };

		if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE)
			return false;
		poll(&p, 1, 1000);
	}
	return true;
}

bool plain_write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n > 0) {
			buf += n;
			len -= size_t(n);
		} else if (n < 0 && errno == EAGAIN) {
			struct pollfd p = { fd, POLLOUT, 0 };

			poll(&p, 1, 1000);
		} else {
			return false;
		}
	}
	return true;
}

bool read_full(int fd, unsigned char *buf, size_t len)
{
	while (len) {
		ssize_t n = read(fd, buf, len);

		if (n <= 0)
			return false;
		buf += n;
		len -= size_t(n);
	}
	return true;
}

uint32_t be32(const unsigned char *p)
{
	return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
}

void put32(std::vector<unsigned char> &v, uint32_t x)
{
	for (int sh = 24; sh >= 0; sh -= 8)
		v.push_back((unsigned char)(x >> sh));
}

// One RPC record (RFC 5531 section 11, a single last fragment) of at
// most 1 KiB.
bool rpc_read(int fd, std::vector<unsigned char> &msg)
{
	unsigned char mark[4];
	uint32_t len;

	if (!read_full(fd, mark, 4))
		return false;
	len = be32(mark) & 0x7fffffff;
	if (!(mark[0] & 0x80) || len > 1024)
		return false;
	msg.resize(len);
	return read_full(fd, msg.data(), len);
}

bool rpc_write(int fd, const std::vector<unsigned char> &msg)
{
	std::vector<unsigned char> rec;

	put32(rec, 0x80000000u | uint32_t(msg.size()));
	rec.insert(rec.end(), msg.begin(), msg.end());
	return write(fd, rec.data(), rec.size()) == ssize_t(rec.size());
}

enum { AUTH_NONE = 0, AUTH_TLS = 7 };

// Front: the client's RPC NULL call with an AUTH_TLS credential gets
// the reply that says STARTTLS (accepted, verifier AUTH_NONE "STARTTLS").
bool rpc_starttls_answer(int fd)
{
	std::vector<unsigned char> call, reply;

	if (!rpc_read(fd, call) || call.size() < 40 || be32(&call[4]) != 0 ||
	    be32(&call[20]) != 0 || be32(&call[24]) != AUTH_TLS)
		return false;
	reply.insert(reply.end(), call.begin(), call.begin() + 4);	// xid
	put32(reply, 1);		// REPLY
	put32(reply, 0);		// MSG_ACCEPTED
	put32(reply, AUTH_NONE);
	put32(reply, 8);
	for (char c : std::string("STARTTLS"))
		reply.push_back((unsigned char)c);
	put32(reply, 0);		// SUCCESS
	return rpc_write(fd, reply);
}

// Back: ask the server (NFS, program 100003 version 4) for STARTTLS.
bool rpc_starttls_ask(int fd)
{
	std::vector<unsigned char> call, reply;

	put32(call, 0x544c5331);	// xid
	put32(call, 0);			// CALL
	put32(call, 2);			// RPC version
	put32(call, 100003);
	put32(call, 4);
	put32(call, 0);			// NULL
	put32(call, AUTH_TLS);
	put32(call, 0);
	put32(call, AUTH_NONE);
	put32(call, 0);
	return rpc_write(fd, call) && rpc_read(fd, reply) && reply.size() >= 32 &&
	       be32(&reply[4]) == 1 && be32(&reply[8]) == 0 &&
	       be32(&reply[16]) == 8 && !memcmp(&reply[20], "STARTTLS", 8);
}

void relay(SSL_CTX *ctx, int accepted, long id)
{
	bool server = opt.tls == "front";
	int plain = server ? dial() : accepted;
	int tfd = server ? accepted : dial();
	unsigned long long up = 0, down = 0;
	unsigned gen = keyupdate_gen.load();
	unsigned drop = drop_gen.load();
	const char *why = "eof";
	SSL *ssl = nullptr;
	char buf[16384];

	if (plain < 0 || tfd < 0) {
		event("close %ld connect-failed up=0 down=0", id);
		goto out;
	}
	if (opt.rpc_tls && !(server ? rpc_starttls_answer(tfd) : rpc_starttls_ask(tfd))) {
		event("close %ld rpc-starttls-failed up=0 down=0", id);
		goto out;
	}
	ssl = SSL_new(ctx);
	SSL_set_app_data(ssl, (void *)(intptr_t)id);
	SSL_set_fd(ssl, tfd);
	if ((server ? SSL_accept(ssl) : SSL_connect(ssl)) != 1) {
		event("close %ld handshake-failed up=0 down=0", id);
		goto out;
	}
	event("open %ld", id);
	nonblock(plain);
	nonblock(tfd);
	for (;;) {
		struct pollfd p[2] = { { plain, POLLIN, 0 }, { tfd, POLLIN, 0 } };
		unsigned g = keyupdate_gen.load();

		if (drop_gen.load() != drop) {
			why = "dropped";
			break;
		}
		if (g != gen) {
			gen = g;
			if (SSL_key_update(ssl, SSL_KEY_UPDATE_REQUESTED) != 1 ||
			    SSL_do_handshake(ssl) != 1) {
				why = "keyupdate-failed";
				break;
			}
			event("keyupdate %ld", id);
		}
		if (!SSL_pending(ssl) && poll(p, 2, 100) <= 0)
			continue;
		if (p[0].revents) {
			ssize_t n = read(plain, buf, sizeof(buf));

			if (n == 0 || (n < 0 && errno != EAGAIN)) {
				why = n ? "plain-error" : "plain-eof";
				SSL_shutdown(ssl);	// close_notify
				break;
			}
			if (n > 0) {
				if (!ssl_write_all(ssl, tfd, buf, size_t(n))) {
					why = "tls-write-failed";
					break;
				}
				(server ? down : up) += size_t(n);
			}
		}
		if (p[1].revents || SSL_pending(ssl)) {
			int n = SSL_read(ssl, buf, sizeof(buf));

			if (n > 0) {
				if (!plain_write_all(plain, buf, size_t(n))) {
					why = "plain-write-failed";
					break;
				}
				(server ? up : down) += size_t(n);
				continue;
			}
			int e = SSL_get_error(ssl, n);

			if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE)
				continue;
			why = e == SSL_ERROR_ZERO_RETURN ? "tls-close-notify" :
			      e == SSL_ERROR_SSL ? "tls-error" : "tls-eof";
			break;
		}
	}
	event("close %ld %s up=%llu down=%llu", id, why, up, down);
out:
	ERR_clear_error();
	SSL_free(ssl);
	if (plain >= 0)
		close(plain);
	if (tfd >= 0 && tfd != plain)
		close(tfd);
}

} // namespace

int main(int argc, char **argv)
{
	struct sockaddr_in sa = {};
	int ls, one = 1;
	long next = 1;

	parse(argc, argv);
	signal(SIGPIPE, SIG_IGN);
	{
		struct sigaction act = {};

		act.sa_handler = [](int) { keyupdate_gen++; };
		sigaction(SIGUSR1, &act, nullptr);	// no SA_RESTART: accept() wakes
		act.sa_handler = [](int) { drop_gen++; };
		sigaction(SIGUSR2, &act, nullptr);
	}
	SSL_CTX *ctx = make_ctx();

	ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons((unsigned short)atoi(opt.listen_port.c_str()));
	if (bind(ls, (struct sockaddr *)&sa, sizeof(sa)) || listen(ls, 64))
		die("cannot listen on %s: %s", opt.listen_port.c_str(), strerror(errno));
	event("listening %s", opt.listen_port.c_str());
	for (;;) {
		int fd = accept4(ls, nullptr, nullptr, SOCK_CLOEXEC);

		if (fd < 0) {
			if (errno == EINTR)
				continue;
			die("accept: %s", strerror(errno));
		}
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		std::thread(relay, ctx, fd, next++).detach();
	}
}
