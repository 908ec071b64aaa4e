package monitor

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/winload/winload/internal/printable"
)

// Filter decides which devices are listed and in what order.
type Filter struct {
	// Names, when given, restrict the list to these devices, in this order.
	Names []string
	// Include, when given, keeps only devices matching one of its globs.
	Include []string
	// Exclude drops devices matching any of its globs.
	Exclude []string
}

// Validate reports a malformed glob.
func (f Filter) Validate() error {
	for _, group := range []struct {
		flag     string
		patterns []string
	}{{"--include", f.Include}, {"--exclude", f.Exclude}} {
		for _, p := range group.patterns {
			if _, err := path.Match(p, ""); err != nil {
				return fmt.Errorf("%s: %q is not a valid pattern (use * ? and [a-z])", group.flag, p)
			}
		}
	}
	return nil
}

// Allows reports whether a device of that name is listed.
func (f Filter) Allows(name string) bool {
	if len(f.Names) > 0 && !slices.Contains(f.Names, name) {
		return false
	}
	if len(f.Include) > 0 && !matchesAny(f.Include, name) {
		return false
	}
	return !matchesAny(f.Exclude, name)
}

func matchesAny(patterns []string, name string) bool {
	for _, p := range patterns {
		if ok, _ := path.Match(p, name); ok {
			return true
		}
	}
	return false
}

// compare orders two device names: by their place in Names when given,
// else alphabetically.
func (f Filter) compare(a, b string) int {
	if len(f.Names) > 0 {
		return slices.Index(f.Names, a) - slices.Index(f.Names, b)
	}
	return strings.Compare(a, b)
}

// Check reports the names and include patterns that match none of the
// devices present, listing those that exist. Exclude patterns may match
// nothing: they are often meant for devices that appear later.
func (f Filter) Check(present []string) error {
	for _, n := range f.Names {
		if !slices.Contains(present, n) {
			return fmt.Errorf("%w %q; devices: %s", ErrNoDevice, n, printable.Join(present, ", "))
		}
	}
	for _, p := range f.Include {
		if !slices.ContainsFunc(present, func(n string) bool { return matchesAny([]string{p}, n) }) {
			return fmt.Errorf("--include %q matches no device; devices: %s", p, printable.Join(present, ", "))
		}
	}
	return nil
}
