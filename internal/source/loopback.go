package source

import (
	"slices"
	"strings"
)

// Windows' loopback interface: its usual name and its address.
const (
	windowsLoopbackName   = "Loopback Pseudo-Interface 1"
	windowsLoopbackPrefix = "Loopback Pseudo-Interface"
	loopbackAddr          = "127.0.0.1"
)

// IsLoopback reports whether name is a loopback interface: "lo" on Linux,
// "lo0" on macOS, and "Loopback Pseudo-Interface N" on Windows.
func IsLoopback(name string) bool {
	if name == "lo" || name == "lo0" {
		return true
	}
	return len(name) >= len(windowsLoopbackPrefix) &&
		strings.EqualFold(name[:len(windowsLoopbackPrefix)], windowsLoopbackPrefix)
}

// ensureLoopback returns devs, sorted by name, with a row named name, and
// that row's index. A missing row is inserted in name order with zero
// counters; the row gets the loopback address if it has none.
func ensureLoopback(devs []Device, name string) ([]Device, int) {
	i, found := slices.BinarySearchFunc(devs, name, func(d Device, n string) int {
		return strings.Compare(d.Name, n)
	})
	if !found {
		devs = slices.Insert(devs, i, Device{Name: name})
	}
	if devs[i].Addr == "" {
		devs[i].Addr = loopbackAddr
	}
	return devs, i
}
