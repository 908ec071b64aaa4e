package source

import (
	"syscall"

	"golang.org/x/net/route"
	"golang.org/x/sys/unix"
)

// Open returns the counter source for macOS, read in-process without a
// child process: the exact 64-bit counters of sysctl
// net.link.generic.ifalldata first; else sysctl NET_RT_IFLIST2 through
// golang.org/x/net/route, whose byte counters macOS rounds down to 1 KiB
// and cuts to 32 bits for programs not signed by Apple (unwrapped here);
// else gopsutil, which runs netstat at every sample.
func Open(opts Options) (Source, error) {
	if err := nativeModeOnly(opts, "macOS"); err != nil {
		return nil, err
	}
	readers := []sysctlReader{
		{what: readerIfAllData, fetch: fetchIfAllData, parse: parseIfMibData},
		{what: readerIfList2, fetch: fetchIfList2, parse: parseIfList2, unwrap: true},
	}
	return openSysctl(readers, systemAddresses, func() Source { return newGopsutilSource() }), nil
}

// The net.link.generic MIB of net/if_mib.h.
const (
	netlinkGeneric = 0
	ifmibIfAllData = 3
	ifdataGeneral  = 1
)

// fetchIfAllData returns the raw reply of sysctl {CTL_NET, PF_LINK,
// NETLINK_GENERIC, IFMIB_IFALLDATA, 0, IFDATA_GENERAL}: one struct
// ifmibdata per interface.
func fetchIfAllData() ([]byte, error) {
	return unix.SysctlRaw("net.link.generic", ifmibIfAllData, 0, ifdataGeneral)
}

// fetchIfList2 returns the raw reply of sysctl {CTL_NET, PF_ROUTE, 0, 0,
// NET_RT_IFLIST2, 0}: an RTM_IFINFO2 message per interface.
func fetchIfList2() ([]byte, error) {
	return route.FetchRIB(syscall.AF_UNSPEC, route.RIBType(syscall.NET_RT_IFLIST2), 0)
}
