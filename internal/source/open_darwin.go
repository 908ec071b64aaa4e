package source

// Open returns the counter source for macOS, which reads the interface
// counters through gopsutil.
func Open(opts Options) (Source, error) {
	if err := nativeModeOnly(opts, "macOS"); err != nil {
		return nil, err
	}
	return newGopsutilSource(), nil
}
