package printable

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"eth0", "eth0"},
		{"", ""},
		{"Loopback Pseudo-Interface 1", "Loopback Pseudo-Interface 1"},
		{`\Device\NPF_Loopback`, `\Device\NPF_Loopback`},
		{"\x1b[31mx", `\x1b[31mx`},
		{"a\nb\tc\rd\a\b\f\v", `a\nb\tc\rd\a\b\f\v`},
		{"del\x7f", `del\x7f`},
		{"bad\xff\xfeutf8", `bad\xff\xfeutf8`},
		{"c1\u009b31m", `c1\u009b31m`},
		{"rtl\u202eevil", `rtl\u202eevil`},
		{"zw\u200bsp", `zw\u200bsp`},
		{"tag\U000e0041", `tag\U000e0041`},
		{"Ethernet 2 – café", "Ethernet 2 – café"},
		{"以太网", "以太网"},
		{"wlan📶", "wlan📶"},
		{"nul\x00", `nul\x00`},
	}
	for _, tt := range tests {
		if got := String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := string(Append([]byte("x"), tt.in)); got != "x"+tt.want {
			t.Errorf("Append(%q) = %q", tt.in, got)
		}
	}
}

func TestStringOfCleanNameDoesNotAllocate(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { _ = String("enp3s0") }); n != 0 {
		t.Errorf("String allocates %v times for a clean name", n)
	}
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"eth0", "\x1b[31mx", "bad\xff", "rtl\u202e", "以太网"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := String(s)
		if !utf8.ValidString(out) {
			t.Fatalf("String(%q) = %q is not UTF-8", s, out)
		}
		for _, r := range out {
			if r != ' ' && !unicode.IsPrint(r) && !unicode.IsGraphic(r) {
				t.Fatalf("String(%q) = %q keeps %U", s, out, r)
			}
			if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
				t.Fatalf("String(%q) = %q keeps %U", s, out, r)
			}
		}
		if clean(s) && out != s {
			t.Fatalf("String(%q) changed a clean name", s)
		}
		if !strings.ContainsAny(s, "\\") && utf8.ValidString(s) && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' }) < 0 && out != s {
			t.Fatalf("String(%q) = %q changed a printable name", s, out)
		}
	})
}

func TestJoin(t *testing.T) {
	if got := Join([]string{"lo", "\x1b[31mx", "以太网"}, ", "); got != `lo, \x1b[31mx, 以太网` {
		t.Errorf("Join = %q", got)
	}
	if got := Join(nil, ", "); got != "" {
		t.Errorf("Join(nil) = %q", got)
	}
}
