package units

import (
	"math"
	"strings"
	"testing"
)

func rate(f Format, v float64) string   { return string(f.AppendRate(nil, v)) }
func amount(f Format, v float64) string { return string(f.AppendAmount(nil, v)) }

func TestFormatRate(t *testing.T) {
	tests := []struct {
		f    Format
		v    float64
		want string
	}{
		{Format{}, 0, "0.00 B/s"},
		{Format{}, 1023, "1023.00 B/s"},
		{Format{}, 1024, "1.00 KiB/s"},
		{Format{}, 1536 * 1024, "1.50 MiB/s"},
		{Format{Bits: true}, 128, "1.00 Kibit/s"},
		{Format{Bits: true}, 2 * 1024 * 1024, "16.00 Mibit/s"},
		{Format{SI: true}, 1500, "1.50 kB/s"},
		{Format{SI: true, Bits: true}, 125e6, "1.00 Gbit/s"},
		{Format{}, math.Pow(1024, 5) * 3, "3.00 PiB/s"},
		{Format{}, math.Pow(1024, 6) * 2, "2048.00 PiB/s"},
		{Format{Prefix: Kilo}, 1 << 20, "1024.00 KiB/s"},
		{Format{Prefix: None, Bits: true}, 1, "8.00 bit/s"},
		{Format{Prefix: Giga, SI: true}, 5e8, "0.50 GB/s"},
		{Format{Prefix: Tera}, math.Pow(1024, 4), "1.00 TiB/s"},
	}
	for _, tt := range tests {
		if got := rate(tt.f, tt.v); got != tt.want {
			t.Errorf("%+v.Rate(%v) = %q, want %q", tt.f, tt.v, got, tt.want)
		}
	}
}

func TestFormatAmount(t *testing.T) {
	if got := amount(Format{}, 6.08*1024*1024*1024); got != "6.08 GiB" {
		t.Errorf("Amount = %q", got)
	}
	if got := amount(Format{SI: true}, 999); got != "999.00 B" {
		t.Errorf("Amount = %q", got)
	}
}

// A value is rounded before its prefix is chosen: what would print as
// "1024.00 B" or "1000.00 kbit" is one of the next prefix.
func TestFormatRoundsBeforeChoosingThePrefix(t *testing.T) {
	tests := []struct {
		f    Format
		v    float64
		want string
	}{
		{Format{}, 1023.994, "1023.99 B"},
		{Format{}, 1023.996, "1.00 KiB"},
		{Format{}, 1023.999, "1.00 KiB"},
		{Format{}, -1023.999, "-1.00 KiB"},
		{Format{}, 1024*1024 - 1, "1.00 MiB"},
		{Format{}, 1024*1024 - 6, "1023.99 KiB"},
		{Format{SI: true}, 999.995, "1.00 kB"},
		{Format{SI: true}, 999.994, "999.99 B"},
		{Format{SI: true, Bits: true}, 999_999.9 / 8, "1.00 Mbit"},
		{Format{SI: true, Bits: true}, 999_990.0 / 8, "999.99 kbit"},
		{Format{SI: true}, 999.999e15, "1000.00 PB"},  // no prefix above peta
		{Format{Prefix: None}, 1023.999, "1024.00 B"}, // a fixed prefix stays
	}
	for _, tt := range tests {
		if got := amount(tt.f, tt.v); got != tt.want {
			t.Errorf("%+v: %v bytes = %q, want %q", tt.f, tt.v, got, tt.want)
		}
	}
}

func TestAutoScale(t *testing.T) {
	const Mi = 1024.0 * 1024
	tests := []struct {
		f     Format
		peak  float64
		want  float64 // bytes/s
		label string
	}{
		{Format{}, 0, 2048, "2.00 KiB/s"},
		{Format{}, math.NaN(), 2048, "2.00 KiB/s"},
		{Format{}, 2048, 2048, "2.00 KiB/s"},
		{Format{}, 1, 2048, "2.00 KiB/s"},
		{Format{}, 2049, 4096, "4.00 KiB/s"}, // SPEC §3 vector
		{Format{}, 4096, 4096, "4.00 KiB/s"},
		{Format{}, 4097, 8192, "8.00 KiB/s"},
		{Format{}, 1.5 * Mi, 2 * Mi, "2.00 MiB/s"},
		{Format{}, 1e12, 2048 * math.Pow(2, 29), "1.00 TiB/s"},
		{Format{Bits: true}, 0, 2048, "16.00 Kibit/s"},
		{Format{SI: true}, 0, 2000, "2.00 kB/s"},
		{Format{SI: true}, 2001, 5000, "5.00 kB/s"},
		{Format{SI: true}, 5001, 10_000, "10.00 kB/s"},
		{Format{SI: true}, 12_000, 20_000, "20.00 kB/s"},
		{Format{SI: true}, 999e6, 1e9, "1.00 GB/s"},
		{Format{SI: true}, 1.0001e9, 2e9, "2.00 GB/s"},
		{Format{SI: true}, 1 << 30, 2e9, "2.00 GB/s"}, // not 1.07 GB/s
		{Format{SI: true, Bits: true}, 0, 20_000.0 / 8, "20.00 kbit/s"},
		{Format{SI: true, Bits: true}, 125e6, 1e9 / 8, "1.00 Gbit/s"},
		{Format{SI: true, Bits: true}, 125e6 + 1, 2e9 / 8, "2.00 Gbit/s"},
		{Format{SI: true, Bits: true}, 30e6, 500e6 / 8, "500.00 Mbit/s"},
		{Format{SI: true, Prefix: Mega}, 3e6, 5e6, "5.00 MB/s"},
	}
	for _, tt := range tests {
		got := tt.f.AutoScale(tt.peak)
		if got != tt.want {
			t.Errorf("%+v.AutoScale(%v) = %v, want %v", tt.f, tt.peak, got, tt.want)
		}
		if l := rate(tt.f, got); l != tt.label {
			t.Errorf("%+v.AutoScale(%v) is labelled %q, want %q", tt.f, tt.peak, l, tt.label)
		}
	}
	for _, f := range []Format{{}, {SI: true}, {SI: true, Bits: true}} {
		if s := f.AutoScale(math.MaxFloat64); !(s >= math.MaxFloat64) {
			t.Errorf("%+v.AutoScale(MaxFloat64) = %v", f, s)
		}
	}
}

func TestAppendRateDoesNotAllocate(t *testing.T) {
	buf := make([]byte, 0, 32)
	f := Format{Bits: true}
	if n := testing.AllocsPerRun(100, func() { buf = f.AppendRate(buf[:0], 123456789) }); n != 0 {
		t.Errorf("AppendRate allocates %v times", n)
	}
}

func TestParseRate(t *testing.T) {
	const Ki, Mi, Gi = 1024.0, 1024.0 * 1024, 1024.0 * 1024 * 1024
	tests := []struct {
		in   string
		want float64
	}{
		{"100", 100},
		{"100M", 100 * Mi},
		{"100m", 100 * Mi},
		{"1G", Gi},
		{"1.5k", 1.5 * Ki},
		{"12.5MiB", 12.5 * Mi},
		{"12.5mib", 12.5 * Mi / 8}, // lower-case b is bits
		{"100MB", 100e6},
		{"100Mb", 100e6 / 8},
		{"1Gbit", 1e9 / 8},
		{"1gbit", 1e9 / 8},
		{"1Gibit", Gi / 8},
		{"800kbit/s", 800e3 / 8},
		{"100Mbps", 100e6 / 8},
		{"100MBps", 100e6},
		{"8b", 1},
		{"8bit", 1},
		{"3B", 3},
		{"3 bytes", 3},
		{" 2 T ", 2 * Gi * Ki},
		{"1P", Gi * Mi},
		{"0.5", 0.5},
		{".5K", 512},
		{"5.", 5},
		{"1E", 0},
	}
	for _, tt := range tests {
		got, err := ParseRate(tt.in)
		if tt.want == 0 {
			if err == nil {
				t.Errorf("ParseRate(%q) = %v, want an error", tt.in, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseRate(%q): %v", tt.in, err)
			continue
		}
		if math.Abs(got-tt.want) > 1e-9*tt.want {
			t.Errorf("ParseRate(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParseRateErrors(t *testing.T) {
	tests := []struct{ in, mention string }{
		{"", "empty"},
		{"abc", "does not start with a number"},
		{"-5M", "negative"},
		{"0", "zero"},
		{"0M", "zero"},
		{"1.2.3", "does not start with a number"},
		{"5X", "unknown unit"},
		{"5Mx", "unknown unit"},
		{"5Mi", "binary prefix needs a unit"},
		{"99999999999999999999999P", "too large"},
		{"2000P", "too large"},
		{"1e9", "unknown unit"},
		{".", "does not start with a number"},
		{"NaN", "does not start with a number"},
		{"inf", "does not start with a number"},
	}
	for _, tt := range tests {
		_, err := ParseRate(tt.in)
		if err == nil {
			t.Errorf("ParseRate(%q): want error", tt.in)
			continue
		}
		if !strings.Contains(err.Error(), tt.mention) {
			t.Errorf("ParseRate(%q) = %q, want it to mention %q", tt.in, err, tt.mention)
		}
	}
}

func FuzzParseRate(f *testing.F) {
	for _, s := range []string{"100M", "1Gbit", "12.5MiB", "800kbit/s", "0", "-1", "5Mi", "1e9", ".5", "2000P"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseRate(s)
		if err != nil {
			if v != 0 {
				t.Fatalf("error with value %v", v)
			}
			return
		}
		if !(v > 0) || v > MaxRate || math.IsInf(v, 0) {
			t.Fatalf("ParseRate(%q) = %v, outside (0, MaxRate]", s, v)
		}
		// Formatting what was parsed must not fail or panic either.
		_ = rate(Format{Bits: true}, v)
	})
}
