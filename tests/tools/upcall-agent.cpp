// SPDX-License-Identifier: GPL-2.0-only
// upcall-agent: stands in for tlshd on net/handshake's netlink upcall, in
// the network namespace it runs in, so that a test can tell which agent
// a namespace's requests go to. It joins the "tlshd" multicast group of
// the "handshake" generic netlink family, prints "listening", and for
// each READY it is sent: ACCEPT (the request's socket arrives as a new
// file descriptor), one line describing the request, then DONE with the
// status it was given (an errno; no handshake is done) and the socket
// closed.
//
// Usage: upcall-agent [--count N] [--status ERRNO]
//   --count N      requests to answer before exiting (default 1)
//   --status ERRNO the DONE status (default 13, EACCES)
// Exit status 0 once N requests are answered; 1 on any error.
//
// The constants are the kernel's include/uapi/linux/handshake.h, which
// Debian 12's linux-libc-dev (6.1) predates.

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr const char *kFamily = "handshake";
constexpr const char *kGroup = "tlshd";
constexpr uint32_t kClassTlshd = 1;	// HANDSHAKE_HANDLER_CLASS_TLSHD
enum : uint8_t { kCmdReady = 1, kCmdAccept, kCmdDone };
enum : uint16_t {	// HANDSHAKE_A_ACCEPT_*
	kAcceptSockfd = 1, kAcceptHandlerClass, kAcceptMessageType,
	kAcceptTimeout, kAcceptAuthMode, kAcceptPeerIdentity,
	kAcceptCertificate, kAcceptPeername,
};
enum : uint16_t { kDoneStatus = 1, kDoneSockfd };	// HANDSHAKE_A_DONE_*

[[noreturn]] void die(const std::string &what)
{
	std::fprintf(stderr, "upcall-agent: %s: %s\n", what.c_str(),
		     std::strerror(errno));
	std::exit(1);
}

// One generic netlink request under construction
struct Msg {
	std::vector<uint8_t> buf;

	Msg(uint16_t type, uint8_t cmd, uint16_t flags)
	{
		buf.resize(NLMSG_HDRLEN + GENL_HDRLEN);
		auto *nlh = reinterpret_cast<nlmsghdr *>(buf.data());
		nlh->nlmsg_type = type;
		nlh->nlmsg_flags = NLM_F_REQUEST | flags;
		auto *g = reinterpret_cast<genlmsghdr *>(buf.data() + NLMSG_HDRLEN);
		g->cmd = cmd;
		g->version = 1;
	}
	void put(uint16_t type, const void *data, size_t len)
	{
		size_t at = buf.size();
		buf.resize(at + NLA_ALIGN(NLA_HDRLEN + len));
		auto *nla = reinterpret_cast<nlattr *>(buf.data() + at);
		nla->nla_type = type;
		nla->nla_len = static_cast<uint16_t>(NLA_HDRLEN + len);
		std::memcpy(buf.data() + at + NLA_HDRLEN, data, len);
	}
	void put_u32(uint16_t type, uint32_t v) { put(type, &v, sizeof(v)); }
	void send(int fd)
	{
		reinterpret_cast<nlmsghdr *>(buf.data())->nlmsg_len =
			static_cast<uint32_t>(buf.size());
		if (::send(fd, buf.data(), buf.size(), 0) < 0)
			die("send");
	}
};

// Attributes of one message, by type (the last of each kind wins)
struct Attrs {
	std::vector<const nlattr *> at;

	Attrs(const uint8_t *p, size_t len) : at(64, nullptr)
	{
		while (len >= NLA_HDRLEN) {
			auto *nla = reinterpret_cast<const nlattr *>(p);
			if (nla->nla_len < NLA_HDRLEN || nla->nla_len > len)
				break;
			uint16_t type = nla->nla_type & NLA_TYPE_MASK;
			if (type < at.size())
				at[type] = nla;
			size_t step = NLA_ALIGN(nla->nla_len);
			if (step >= len)
				break;
			p += step;
			len -= step;
		}
	}
	const uint8_t *data(uint16_t type) const
	{
		return at[type] ? reinterpret_cast<const uint8_t *>(at[type]) +
			NLA_HDRLEN : nullptr;
	}
	size_t len(uint16_t type) const
	{
		return at[type] ? at[type]->nla_len - NLA_HDRLEN : 0;
	}
	bool u32(uint16_t type, uint32_t *v) const
	{
		if (len(type) < sizeof(*v))
			return false;
		std::memcpy(v, data(type), sizeof(*v));
		return true;
	}
};

// Receive one message, skipping acks; an error answer is fatal. Returns
// its generic netlink command; its attributes are left in @out.
uint8_t recv_msg(int fd, std::vector<uint8_t> &out)
{
	out.resize(16384);
	for (;;) {
		ssize_t n = recv(fd, out.data(), out.size(), 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die("recv");
		}
		auto *nlh = reinterpret_cast<nlmsghdr *>(out.data());
		if (!NLMSG_OK(nlh, static_cast<size_t>(n)))
			continue;
		if (nlh->nlmsg_type == NLMSG_ERROR) {
			auto *e = static_cast<nlmsgerr *>(NLMSG_DATA(nlh));
			if (!e->error)
				continue;	// an ack
			errno = -e->error;
			die("netlink request");
		}
		size_t off = NLMSG_HDRLEN + GENL_HDRLEN, len = nlh->nlmsg_len;
		if (len < off)
			continue;
		uint8_t cmd = static_cast<genlmsghdr *>(NLMSG_DATA(nlh))->cmd;
		out.erase(out.begin(), out.begin() + off);
		out.resize(len - off);
		return cmd;
	}
}

// The family's id and its "tlshd" group's id, from the controller
void resolve(int fd, uint16_t *family, uint32_t *group)
{
	Msg m(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0);
	m.put(CTRL_ATTR_FAMILY_NAME, kFamily, std::strlen(kFamily) + 1);
	m.send(fd);
	std::vector<uint8_t> buf;
	recv_msg(fd, buf);
	Attrs a(buf.data(), buf.size());
	if (a.len(CTRL_ATTR_FAMILY_ID) < 2) {
		errno = ENOENT;
		die("no handshake family");
	}
	std::memcpy(family, a.data(CTRL_ATTR_FAMILY_ID), 2);
	const uint8_t *p = a.data(CTRL_ATTR_MCAST_GROUPS);
	size_t len = a.len(CTRL_ATTR_MCAST_GROUPS);
	while (p && len >= NLA_HDRLEN) {
		auto *nest = reinterpret_cast<const nlattr *>(p);
		if (nest->nla_len < NLA_HDRLEN || nest->nla_len > len)
			break;
		Attrs g(p + NLA_HDRLEN, nest->nla_len - NLA_HDRLEN);
		const char *name = reinterpret_cast<const char *>(
			g.data(CTRL_ATTR_MCAST_GRP_NAME));
		if (name && !std::strcmp(name, kGroup) &&
		    g.u32(CTRL_ATTR_MCAST_GRP_ID, group))
			return;
		size_t step = NLA_ALIGN(nest->nla_len);
		if (step >= len)
			break;
		p += step;
		len -= step;
	}
	errno = ENOENT;
	die("no tlshd group");
}

} // namespace

int main(int argc, char **argv)
{
	long count = 1, status = EACCES;

	for (int i = 1; i < argc; i++) {
		std::string arg = argv[i];
		if (arg == "--count" && i + 1 < argc)
			count = std::strtol(argv[++i], nullptr, 10);
		else if (arg == "--status" && i + 1 < argc)
			status = std::strtol(argv[++i], nullptr, 10);
		else {
			std::fprintf(stderr, "usage: upcall-agent [--count N] [--status ERRNO]\n");
			return 1;
		}
	}

	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0)
		die("socket");
	uint16_t family;
	uint32_t group;
	resolve(fd, &family, &group);
	if (setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group,
		       sizeof(group)) < 0)
		die("join the tlshd group");
	std::printf("listening\n");
	std::fflush(stdout);

	std::vector<uint8_t> buf;
	long ready = 0;		// READY notifications not yet answered
	while (count-- > 0) {
		while (!ready)
			if (recv_msg(fd, buf) == kCmdReady)
				ready++;
		ready--;
		Msg accept(family, kCmdAccept, 0);
		accept.put_u32(kAcceptHandlerClass, kClassTlshd);
		accept.send(fd);
		uint8_t cmd;
		while ((cmd = recv_msg(fd, buf)) != kCmdAccept)
			if (cmd == kCmdReady)
				ready++;
		Attrs a(buf.data(), buf.size());
		uint32_t sock, type = 0, auth = 0, tmo = 0, peer = 0;
		if (!a.u32(kAcceptSockfd, &sock)) {
			errno = EPROTO;
			die("ACCEPT without a socket");
		}
		a.u32(kAcceptMessageType, &type);
		a.u32(kAcceptAuthMode, &auth);
		a.u32(kAcceptTimeout, &tmo);
		a.u32(kAcceptPeerIdentity, &peer);
		std::printf("accepted fd %u type %u auth %u timeout %u peer-identity %08x\n",
			    sock, type, auth, tmo, peer);
		Msg done(family, kCmdDone, 0);
		done.put_u32(kDoneStatus, static_cast<uint32_t>(status));
		done.put_u32(kDoneSockfd, sock);
		done.send(fd);
		close(static_cast<int>(sock));
		std::printf("done status %ld\n", status);
		std::fflush(stdout);
	}
	close(fd);
	return 0;
}
