package source

// Open returns the counter source for Linux: /proc/net/dev read directly,
// or gopsutil when that file cannot be opened.
func Open(opts Options) (Source, error) {
	if err := nativeModeOnly(opts, "Linux"); err != nil {
		return nil, err
	}
	if p, err := openProcSource(procNetDevPath); err == nil {
		return p, nil
	}
	return newGopsutilSource(), nil
}
