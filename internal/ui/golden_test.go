package ui

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/winload/winload/internal/units"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const (
	kib = 1024.0
	mib = 1024 * kib
	gib = 1024 * mib
)

// triangle returns n values rising from 0 to peak and back over period
// samples, with every value an exact multiple of peak/20.
func triangle(n, period int, peak float64) sliceSeries {
	s := make(sliceSeries, n)
	half := period / 2
	for i := range s {
		t := i % period
		if t > half {
			t = period - t
		}
		s[i] = peak * float64(t) / float64(half)
	}
	return s
}

// sawSpikes returns a slow sawtooth with a spike every 23 samples.
func sawSpikes(n int, peak float64) sliceSeries {
	s := make(sliceSeries, n)
	for i := range s {
		s[i] = peak * float64(i%10) / 20
		if i%23 == 7 {
			s[i] = peak
		}
	}
	return s
}

// sampleFrame is a device with traffic in both directions.
func sampleFrame() Frame {
	return Frame{
		Device: "eth0",
		Addr:   "192.168.1.20",
		Index:  0,
		Count:  3,
		In: Direction{
			Curr: 1.5 * mib, Avg: 812.25 * kib, Min: 0, Max: 1.5 * mib,
			Total: 6528 * mib, Valid: true,
			History: triangle(200, 48, 1.5*mib),
		},
		Out: Direction{
			Curr: 120 * kib, Avg: 96.5 * kib, Min: 0, Max: 300 * kib,
			Total: 734 * mib, Valid: true,
			History: sawSpikes(200, 300*kib),
		},
	}
}

type goldenCase struct {
	name  string
	w, h  int
	frame func(f *Frame)
	opts  func(o *Options)
}

func goldenCases() []goldenCase {
	return []goldenCase{
		{name: "ascii_bits_120x40", w: 120, h: 40},
		{name: "unicode_bytes_120x40", w: 120, h: 40, opts: func(o *Options) {
			o.Unicode = true
			o.Rate = units.Format{}
		}},
		{name: "min_40x10", w: 40, h: 10},
		{name: "min_warning_40x10", w: 40, h: 10, frame: func(f *Frame) {
			f.Warning = "Loopback traffic is not counted without --npcap or --etw"
		}},
		{name: "emoji_80x24", w: 80, h: 24, opts: func(o *Options) {
			o.Emoji = true
			o.Unicode = true
		}},
		{name: "nograph_80x24", w: 80, h: 24, opts: func(o *Options) { o.NoGraph = true }},
		{name: "too_small_39x9", w: 39, h: 9},
		{name: "too_small_120x9", w: 120, h: 9},
		{name: "gone_80x24", w: 80, h: 24, frame: func(f *Frame) {
			f.Device = "eth1"
			f.Index = 1
			f.Gone = true
		}},
		{name: "warning_100x30", w: 100, h: 30, frame: func(f *Frame) {
			f.Device = "Loopback Pseudo-Interface 1"
			f.Addr = "127.0.0.1"
			f.Tag = "npcap"
			f.Detail = `\Device\NPF_Loopback`
			f.Warning = "Loopback traffic is counted by capture; totals start at zero"
			f.Error = "capture stopped: adapter removed"
		}},
		{name: "error_only_60x12", w: 60, h: 12, frame: func(f *Frame) {
			f.Error = "read /proc/net/dev: permission denied"
		}},
		{name: "fixed_scale_80x24", w: 80, h: 24, opts: func(o *Options) {
			o.InMax = 1 * mib
			o.OutMax = 2 * mib
		}},
		{name: "startup_80x24", w: 80, h: 24, frame: func(f *Frame) {
			f.In = Direction{Curr: 5, Avg: 5, Max: 5, Total: 4096, History: sliceSeries{}}
			f.Out = Direction{Total: 1 << 20}
		}},
		{name: "truncate_wide_40x10", w: 40, h: 10, frame: func(f *Frame) {
			// The 15th wide character would start in the last column.
			f.Device = "v以太网适配器以太网适配器以太网 (WSL 🐧)"
			f.Addr = "fe80::1"
		}, opts: func(o *Options) { o.Emoji = true }},
	}
}

func renderCase(t *testing.T, c goldenCase) string {
	t.Helper()
	s := newSim(t, c.w, c.h)
	f := sampleFrame()
	if c.frame != nil {
		c.frame(&f)
	}
	o := DefaultOptions()
	if c.opts != nil {
		c.opts(&o)
	}
	Draw(s, &f, &o)
	return screenText(s)
}

func TestGolden(t *testing.T) {
	for _, c := range goldenCases() {
		t.Run(c.name, func(t *testing.T) {
			got := renderCase(t, c)
			path := filepath.Join("testdata", c.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/ui -run TestGolden -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("screen differs from %s:\n%s", path, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff lists the rows that differ between want and got.
func lineDiff(want, got string) string {
	wl := strings.Split(want, "\n")
	gl := strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			fmt.Fprintf(&b, "row %d:\n  want |%s|\n  got  |%s|\n", i, w, g)
		}
	}
	return b.String()
}
