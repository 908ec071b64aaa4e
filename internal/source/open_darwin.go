package source

import (
	"syscall"

	"golang.org/x/net/route"
)

// Open returns the counter source for macOS: the 64-bit counters of sysctl
// NET_RT_IFLIST2, read in-process through golang.org/x/net/route, or
// gopsutil (which runs netstat at every sample) when that sysctl fails.
func Open(opts Options) (Source, error) {
	if err := nativeModeOnly(opts, "macOS"); err != nil {
		return nil, err
	}
	return openIfList2(fetchIfList2, systemAddresses, func() Source { return newGopsutilSource() }), nil
}

// fetchIfList2 returns the raw reply of sysctl {CTL_NET, PF_ROUTE, 0, 0,
// NET_RT_IFLIST2, 0}: an RTM_IFINFO2 message per interface.
func fetchIfList2() ([]byte, error) {
	return route.FetchRIB(syscall.AF_UNSPEC, route.RIBType(syscall.NET_RT_IFLIST2), 0)
}
