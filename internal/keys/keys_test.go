package keys

import (
	"strings"
	"testing"
)

// TestEveryKeyDoesOneThing checks that no key appears twice in a table,
// that every binding has keys and words for --help, and that the main
// screen offers a way out.
func TestEveryKeyDoesOneThing(t *testing.T) {
	for _, table := range []struct {
		name     string
		bindings []Binding
	}{{"main screen", Main()}, {"options window", Window()}} {
		seen := map[string]string{}
		for _, b := range table.bindings {
			if len(b.Keys) == 0 || b.Help == "" || b.Action == None {
				t.Errorf("%s: binding %+v needs keys, an action and help", table.name, b)
			}
			for _, k := range b.Keys {
				if other, ok := seen[k]; ok {
					t.Errorf("%s: %s is bound twice: %q and %q", table.name, k, other, b.Help)
				}
				seen[k] = b.Help
			}
		}
		if Lookup(table.bindings, "q") != Quit || Lookup(table.bindings, "Ctrl-C") != Quit {
			t.Errorf("%s: q and Ctrl-C must quit", table.name)
		}
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		bindings []Binding
		name     string
		want     Action
	}{
		{Main(), "Right", Next},
		{Window(), "Right", More},
		{Main(), "Esc", Quit},
		{Window(), "Esc", Close},
		{Main(), "Home", First},
		{Main(), "x", None},
		{Main(), "", None},
	}
	for _, tt := range tests {
		if got := Lookup(tt.bindings, tt.name); got != tt.want {
			t.Errorf("Lookup(%q) = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestHelpAlignsTheColumns(t *testing.T) {
	help := Help([]Binding{{[]string{"a"}, Next, "one"}, {[]string{"Left", "b"}, Prev, "two"}})
	want := "  a         one\n  Left, b   two\n"
	if help != want {
		t.Errorf("Help = %q, want %q", help, want)
	}
	if !strings.Contains(Help(Main()), "Home") {
		t.Error("--help does not list Home")
	}
}
