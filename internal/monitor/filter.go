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
			if _, err := path.Match(shellGlob(p), ""); err != nil {
				return fmt.Errorf("%s: %q is not a valid pattern (use * ? [a-z] and [!a-z])", group.flag, p)
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
		if ok, _ := path.Match(shellGlob(p), name); ok {
			return true
		}
	}
	return false
}

// shellGlob turns a shell glob into the syntax of path.Match: a class
// that starts with '!' ([!a-z], "not a to z") is negated, as in the shell,
// and is written [^a-z] for path.Match; a ']' right after the class's
// start is one of its characters, as in the shell ([]x], [!]x]), and is
// escaped for path.Match. A backslash escapes the next character.
func shellGlob(p string) string {
	if !strings.Contains(p, "[!") && !strings.Contains(p, "[]") && !strings.Contains(p, "[^]") {
		return p // nothing to translate; a translated pattern holds none of these
	}
	b := make([]byte, 0, len(p)+2)
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			b = append(b, c, p[i+1])
			i++
			continue
		case !inClass && c == '[':
			inClass = true
			b = append(b, c)
			if i+1 < len(p) && (p[i+1] == '!' || p[i+1] == '^') {
				b = append(b, '^')
				i++
			}
			if i+1 < len(p) && p[i+1] == ']' {
				b = append(b, '\\', ']')
				i++
			}
			continue
		case inClass && c == ']':
			inClass = false
		}
		b = append(b, c)
	}
	return string(b)
}

// translated returns f with its globs in path.Match's syntax, so that
// matching them allocates nothing.
func (f Filter) translated() Filter {
	t := Filter{Names: f.Names}
	for _, p := range f.Include {
		t.Include = append(t.Include, shellGlob(p))
	}
	for _, p := range f.Exclude {
		t.Exclude = append(t.Exclude, shellGlob(p))
	}
	return t
}

// compare orders two device names: by their place in Names when given,
// else alphabetically.
func (f Filter) compare(a, b string) int {
	if len(f.Names) > 0 {
		return slices.Index(f.Names, a) - slices.Index(f.Names, b)
	}
	return strings.Compare(a, b)
}

// Check reports a device named on the command line that is not present,
// listing those that are. Include and exclude patterns may match nothing:
// they also apply to devices that appear later.
func (f Filter) Check(present []string) error {
	for _, n := range f.Names {
		if !slices.Contains(present, n) {
			return fmt.Errorf("%w %q; devices: %s", ErrNoDevice, n, printable.Join(present, ", "))
		}
	}
	return nil
}
