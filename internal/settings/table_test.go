package settings

import (
	"testing"
	"time"

	"github.com/winload/winload/internal/units"
)

// The table is the one place flags are defined: each entry must be whole.
func TestTableIsConsistent(t *testing.T) {
	names, shorts := map[string]bool{}, map[string]bool{}
	for _, f := range Table() {
		if f.Name == "" || names[f.Name] {
			t.Errorf("flag name %q empty or repeated", f.Name)
		}
		names[f.Name] = true
		if f.Short != "" && (len(f.Short) != 1 || shorts[f.Short]) {
			t.Errorf("--%s: shorthand %q not one letter or repeated", f.Name, f.Short)
		}
		shorts[f.Short] = f.Short != ""
		if (f.Kind == Switch) != (f.Arg == "") || f.Usage == "" {
			t.Errorf("--%s: a switch has no Arg, a value has one; every flag has a usage", f.Name)
		}
		if f.Label != "" && (f.set == nil || f.get == nil || f.step == nil || f.show == nil) {
			t.Errorf("--%s: a row of the options window must be set, saved, stepped and shown", f.Name)
		}
		if f.set != nil && f.Default != "" {
			var s Settings
			if err := f.set(&s, f.Default); err != nil {
				t.Errorf("--%s: default %q: %v", f.Name, f.Default, err)
			}
		}
	}
	d := Defaults()
	if err := Check(&d); err != nil {
		t.Errorf("the defaults break a rule: %v", err)
	}
	want := Settings{
		Options:  Options{Rate: units.Format{Bits: true}, Color: true, InColor: DefaultInColor, OutColor: DefaultOutColor},
		Interval: 500 * time.Millisecond, Average: 300 * time.Second,
	}
	if d != want {
		t.Errorf("defaults\n %+v\nwant\n %+v", d, want)
	}
}

func TestQuote(t *testing.T) {
	long := ""
	for range 100 {
		long += "é"
	}
	if got := Quote(long); got != `"`+long[:80]+`"…` {
		t.Errorf("Quote(100 × é) = %s", got)
	}
	if got := Quote("ok"); got != `"ok"` {
		t.Errorf("Quote(ok) = %s", got)
	}
}
