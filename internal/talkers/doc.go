// Package talkers finds who uses the bandwidth: it reads the byte counters
// of the host's TCP sockets, ties each socket to the process that holds
// it, and aggregates the rates by process, connection, remote host or
// local port into a Table the screen and the streams show.
//
// On Linux the counters are the kernel's socket statistics (sock_diag,
// the tcp_info fields bytes_acked and bytes_received, as `ss -ti` reads
// them): TCP payload, without headers, retransmissions or other
// protocols, so the rows do not add up to an interface's counters. No
// root is needed; without it only the user's own processes are named.
// On Windows they are the extended TCP statistics of each connection
// (GetPerTcpConnectionEStats, the same two RFC 4898 counters), with
// owners from GetExtendedTcpTable; only an administrator may read them.
// On macOS they are each socket's own counters, TCP and UDP, from the
// sysctls net.inet.tcp.pcblist_n and net.inet.udp.pcblist_n, with owners
// from the sockets' PIDs; every user may read them. Other systems have no
// source yet, and their Table says so.
//
// A Collector runs in a goroutine owned by a context and publishes its
// latest Table without ever blocking the caller.
package talkers
