package monitor

import (
	"strings"
	"testing"
	"time"

	"github.com/winload/winload/internal/source"
)

func TestFilterAllows(t *testing.T) {
	f := Filter{Include: []string{"e*", "lo"}, Exclude: []string{"eth1", "*[0-9][0-9]"}}
	for name, want := range map[string]bool{"eth0": true, "eth1": false, "lo": true, "enp10": false, "wlan0": false} {
		if got := f.Allows(name); got != want {
			t.Errorf("Allows(%q) = %v, want %v", name, got, want)
		}
	}
	named := Filter{Names: []string{"wlan0", "eth0"}, Exclude: []string{"eth*"}}
	if !named.Allows("wlan0") || named.Allows("eth0") || named.Allows("lo") {
		t.Error("names restrict the list and excludes still apply")
	}
}

func TestFilterValidateAndCheck(t *testing.T) {
	if err := (Filter{Exclude: []string{"[a-"}}).Validate(); err == nil || !strings.Contains(err.Error(), "--exclude") {
		t.Errorf("bad exclude glob: %v", err)
	}
	if err := (Filter{Include: []string{"\\"}}).Validate(); err == nil || !strings.Contains(err.Error(), "--include") {
		t.Errorf("bad include glob: %v", err)
	}
	present := []string{"eth0", "lo"}
	if err := (Filter{Names: []string{"eth9"}}).Check(present); err == nil || !strings.Contains(err.Error(), "eth0, lo") {
		t.Errorf("unknown name: %v", err)
	}
	if err := (Filter{Include: []string{"wl*"}}).Check(present); err != nil {
		t.Errorf("an include matching nothing yet waits for the device: %v", err)
	}
	if err := (Filter{Names: []string{"x"}}).Check([]string{"lo", "\x1b[31mx"}); err == nil || !strings.Contains(err.Error(), `devices: lo, \x1b[31mx`) {
		t.Errorf("the device list must be escaped: %v", err)
	}
	if err := (Filter{Exclude: []string{"veth*"}, Include: []string{"e*"}}).Check(present); err != nil {
		t.Errorf("exclude may match nothing: %v", err)
	}
}

// Globs read as in the shell: [!...] is a negated class.
func TestFilterShellGlobs(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"[!a-z]*", "0eth", true},
		{"[!a-z]*", "eth0", false},
		{"[^a-z]*", "eth0", false}, // Go's spelling still works
		{"[^a-z]*", "0eth", true},
		{"eth[!0-1]", "eth2", true},
		{"eth[!0-1]", "eth1", false},
		{"[!]]x", "ax", true}, // ']' first in a class is a member
		{"[!]]x", "]x", false},
		{"\\[!x", "[!x", true}, // an escaped '[' starts no class
		{"\\[!x", "[^x", false},
		{"[a!]*", "!x", true}, // '!' later in a class is a member
		{"[a!]*", "bx", false},
		{"*[!0-9]", "veth1", false},
		{"*[!0-9]", "vethx", true},
	}
	for _, tt := range tests {
		if got := (Filter{Include: []string{tt.pattern}}).Allows(tt.name); got != tt.want {
			t.Errorf("--include %q allows %q = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
		if got := (Filter{Exclude: []string{tt.pattern}}).Allows(tt.name); got == tt.want {
			t.Errorf("--exclude %q allows %q = %v, want %v", tt.pattern, tt.name, got, !tt.want)
		}
	}
	// The monitor matches translated patterns, which translate to themselves.
	for _, tt := range tests {
		if p := shellGlob(tt.pattern); shellGlob(p) != p {
			t.Errorf("%q translates to %q, then to %q", tt.pattern, p, shellGlob(p))
		}
	}
	f := Filter{Include: []string{"[!a-z]*", "[]x]"}, Exclude: []string{"[!]]"}}.translated()
	if n := testing.AllocsPerRun(10, func() { f.Allows("eth0") }); n != 0 {
		t.Errorf("matching translated globs allocates %v times", n)
	}
	for _, bad := range []string{"[!", "[!a-", "x[!]"} {
		if err := (Filter{Include: []string{bad}}).Validate(); err == nil {
			t.Errorf("--include %q: want an error", bad)
		}
	}
}

// Devices that appear after start are filtered too, and names given as
// arguments keep their order.
func TestFilterAppliesToLaterDevices(t *testing.T) {
	src := &scripted{reads: [][]source.Device{
		{dev("eth0", 0, 0), dev("lo", 0, 0)},
		{dev("docker0", 0, 0), dev("eth0", 0, 0), dev("lo", 0, 0), dev("veth12", 0, 0), dev("wg0", 0, 0)},
	}}
	m, err := New(src, Options{Stats: testCfg, Filter: Filter{Exclude: []string{"veth*", "docker*"}}})
	if err != nil {
		t.Fatal(err)
	}
	m.Sample(time.Unix(0, 0))
	m.Sample(time.Unix(1, 0))
	if got := strings.Join(m.Names(), ","); got != "eth0,lo,wg0" {
		t.Errorf("listed %s, want eth0,lo,wg0", got)
	}
	if got := strings.Join(m.Present(), ","); got != "docker0,eth0,lo,veth12,wg0" {
		t.Errorf("present %s", got)
	}

	src = &scripted{reads: [][]source.Device{{dev("eth0", 0, 0), dev("lo", 0, 0), dev("wg0", 0, 0)}}}
	m, _ = New(src, Options{Stats: testCfg, Filter: Filter{Names: []string{"wg0", "lo", "eth0"}}})
	m.Sample(time.Unix(0, 0))
	if got := strings.Join(m.Names(), ","); got != "wg0,lo,eth0" {
		t.Errorf("argument order lost: %s", got)
	}
}
