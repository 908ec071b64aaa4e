package source

import "fmt"

// Open returns the counter source for Linux: netlink's RTM_GETSTATS dump,
// else /proc/net/dev read directly (kernels before 4.7). On
// a 32-bit kernel counters that wrap at 2^32 are unwrapped.
func Open(opts Options) (Source, error) {
	if err := nativeModeOnly(opts, "Linux"); err != nil {
		return nil, err
	}
	if s, err := openStatsSource(); err == nil {
		if kernelCounts32() {
			s.unwrap32()
		}
		return s, nil
	}
	p, err := openProcSource(procNetDevPath)
	if err != nil {
		return nil, fmt.Errorf("no interface counters: netlink refused and %w", err)
	}
	if kernelCounts32() {
		p.unwrap32()
	}
	return p, nil
}
