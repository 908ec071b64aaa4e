//go:build !linux && !darwin && !windows

package history

// BootID returns "": with no boot identity every start counts from the
// counters it finds, as after a reboot.
func BootID() string { return "" }
