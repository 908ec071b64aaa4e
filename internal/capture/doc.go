// Package capture counts Windows loopback traffic from packets captured by
// Npcap.
//
// Windows short-circuits traffic to 127.0.0.1 inside tcpip.sys, so the
// loopback interface's own counters stay at zero. Npcap's WFP callout sees
// those packets and hands them out on its loopback adapter with a 4-byte
// DLT_NULL header. This package turns such frames into byte counts.
//
// The counting works over gopacket's PacketDataSource, so the same loop runs
// over the live Npcap binding on Windows and over pcap fixtures in tests.
// The Npcap binding itself (npcap_windows.go) loads wpcap.dll only when it
// is opened, so a machine without Npcap runs winload unharmed; it never
// links gopacket's pcap package, which loads wpcap.dll at start-up and
// panics when a function is missing.
package capture
