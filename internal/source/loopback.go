package source

import (
	"slices"
	"strings"
)

// Windows' loopback interface: its usual name, used when the interface
// table cannot be read, and its address.
const (
	windowsLoopbackName = "Loopback Pseudo-Interface 1"
	loopbackAddr        = "127.0.0.1"
)

// isLoopbackName reports whether name is the loopback interface of Linux
// ("lo") or macOS ("lo0"), where the name is fixed.
func isLoopbackName(name string) bool {
	return name == "lo" || name == "lo0"
}

// loopbackNamer is a source that knows its loopback row by more than its
// name: on Windows, the row of interface type 24 (IF_TYPE_SOFTWARE_LOOPBACK),
// whose alias can be renamed or localized.
type loopbackNamer interface {
	loopbackRow() string
}

// LoopbackMatcher returns the test that tells src's loopback device, the
// one its loopback warning concerns: on Windows the row of interface type
// 24 whatever it is called, elsewhere "lo" or "lo0".
func LoopbackMatcher(src Source) func(name string) bool {
	if l, ok := src.(loopbackNamer); ok {
		row := l.loopbackRow()
		return func(name string) bool { return name == row }
	}
	return isLoopbackName
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
