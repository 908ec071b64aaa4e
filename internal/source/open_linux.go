package source

// Open returns the counter source for Linux: /proc/net/dev read directly
// (with 32-bit counters unwrapped on a 32-bit kernel), or gopsutil when
// that file cannot be opened.
func Open(opts Options) (Source, error) {
	if err := nativeModeOnly(opts, "Linux"); err != nil {
		return nil, err
	}
	if p, err := openProcSource(procNetDevPath); err == nil {
		if kernelCounts32() {
			p.unwrap32()
		}
		return p, nil
	}
	return newGopsutilSource(), nil
}
