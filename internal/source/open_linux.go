package source

// Open returns the counter source for Linux: netlink's RTM_GETSTATS dump,
// else /proc/net/dev read directly (kernels before 4.7), else gopsutil.
func Open(opts Options) (Source, error) {
	if err := nativeModeOnly(opts, "Linux"); err != nil {
		return nil, err
	}
	if s, err := openStatsSource(); err == nil {
		return s, nil
	}
	if p, err := openProcSource(procNetDevPath); err == nil {
		return p, nil
	}
	return newGopsutilSource(), nil
}
