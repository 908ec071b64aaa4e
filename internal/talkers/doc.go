// Package talkers finds who uses the bandwidth: it counts the bytes of
// the host's sockets or flows, ties each to the process that holds it,
// and aggregates the rates per device by process, connection, remote
// host, local port or cgroup into a Table the screen and the streams
// show.
//
// On Linux there are two sources. With root or CAP_NET_RAW, a packet
// capture (AF_PACKET with TPACKET_V3 rings through gopacket's afpacket,
// headers only, a kernel BPF filter) counts the wire bytes of every
// protocol per device and flow, and the kernel's TCP and UDP socket
// tables (sock_diag) tie the flows to sockets. Without it, the kernel's
// socket statistics (sock_diag, the tcp_info fields bytes_acked and
// bytes_received, as `ss -ti` reads them) give TCP payload, without
// headers, retransmissions or other protocols, so the rows do not add up
// to an interface's counters. Without root only the user's own processes
// are named.
// On Windows there are two as well: with Npcap, a packet capture on every
// adapter and the loopback adapter (wpcap.dll, headers only, the filter
// "ip or ip6"), counted per device and flow like Linux's, with owners from
// GetExtendedTcpTable and GetExtendedUdpTable; as administrator without
// Npcap, the extended TCP statistics of each connection
// (GetPerTcpConnectionEStats, the same two RFC 4898 counters), with owners
// from GetExtendedTcpTable.
// On macOS they are each socket's own counters, TCP and UDP, from the
// sysctls net.inet.tcp.pcblist_n and net.inet.udp.pcblist_n, with owners
// from the sockets' PIDs; every user may read them. Other systems have no
// source yet, and their Table says so.
//
// A Collector runs in a goroutine owned by a context and publishes its
// latest Table without ever blocking the caller; the capture's own
// goroutines stop when the Collector's source closes.
package talkers
