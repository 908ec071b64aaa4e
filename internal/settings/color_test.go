package settings

import "testing"

func TestParseColor(t *testing.T) {
	good := map[string]uint32{"00d7ff": 0x00d7ff, "0x00D7FF": 0x00d7ff, "#ffaf00": 0xffaf00, "0XABCDEF": 0xabcdef, " 123456 ": 0x123456}
	for in, want := range good {
		if got, err := ParseColor(in); err != nil || got != want {
			t.Errorf("ParseColor(%q) = %x, %v; want %x", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0x", "#12345", "1234567", "zzzzzz", "0x-12345", "+12345", "12 456", "ｆｆｆｆｆｆ"} {
		if _, err := ParseColor(in); err == nil {
			t.Errorf("ParseColor(%q): want error", in)
		}
	}
}

func FuzzParseColor(f *testing.F) {
	for _, s := range []string{"00d7ff", "0xffaf00", "#123456", "", "0x", "gggggg"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseColor(s)
		if err != nil {
			return
		}
		if v > 0xffffff {
			t.Fatalf("ParseColor(%q) = %x, more than 24 bits", s, v)
		}
	})
}
