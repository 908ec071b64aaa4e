package ui

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/settings"
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
func sampleFrame() frame.Frame {
	return frame.Frame{
		Device: "eth0",
		Addr:   "192.168.1.20",
		Index:  0,
		Count:  3,
		In: frame.Direction{
			Curr: 1.5 * mib, Avg: 812.25 * kib, Min: 0, Max: 1.5 * mib,
			Total: 6528 * mib, Valid: true,
			History: triangle(200, 48, 1.5*mib),
		},
		Out: frame.Direction{
			Curr: 120 * kib, Avg: 96.5 * kib, Min: 0, Max: 300 * kib,
			Total: 734 * mib, Valid: true,
			History: sawSpikes(200, 300*kib),
		},
	}
}

// sampleDevices returns n devices with different traffic: device 1 is a
// loopback with a warning, device 4 is gone, device 5 has no address.
func sampleDevices(n int) frameList {
	names := [...][2]string{
		{"eth0", "192.168.1.20"}, {"lo", "127.0.0.1"}, {"wlan0", "10.0.0.7"},
		{"docker0", "172.17.0.1"}, {"eth1", "192.168.2.1"}, {"tun0", ""},
		{"br-lan", "fe80::1"}, {"veth9", "169.254.0.9"},
	}
	list := make(frameList, n)
	for i := range list {
		f := sampleFrame()
		f.Device, f.Addr = names[i%len(names)][0], names[i%len(names)][1]
		f.Index, f.Count = i, n
		k := float64(i + 1)
		f.In.History = triangle(200, 24+8*(i%4), 1.5*mib*k/2)
		f.In.Curr, f.In.Max = 1.5*mib*k/2, 1.5*mib*k/2
		f.Out.History = sawSpikes(200+i*5, 300*kib*k)
		f.Out.Total = uint64(734*mib) * uint64(i+1)
		switch i {
		case 1:
			f.Warning = "Loopback traffic is not counted without --npcap or --etw"
		case 4:
			f.Gone = true
		}
		list[i] = f
	}
	return list
}

// testSettings are the settings the options window goldens start from.
func testSettings(o settings.Options) settings.Settings {
	return settings.Settings{Options: o, Interval: 500 * time.Millisecond, Average: 300 * time.Second}
}

type goldenCase struct {
	name  string
	w, h  int
	frame func(f *frame.Frame)
	opts  func(o *settings.Options)
	// devices > 0 draws the multi view of sampleDevices(devices) with
	// device sel selected (frame edits the selected frame).
	devices, sel int
	// window, when set, opens the options window and edits it.
	window func(w *optionsWindow)
	note   note
}

func goldenCases() []goldenCase {
	return []goldenCase{
		{name: "ascii_bits_120x40", w: 120, h: 40},
		{name: "unicode_bytes_120x40", w: 120, h: 40, opts: func(o *settings.Options) {
			o.Graph = settings.GraphUnicode
			o.Rate = units.Format{}
		}},
		{name: "min_40x10", w: 40, h: 10},
		{name: "min_warning_40x10", w: 40, h: 10, frame: func(f *frame.Frame) {
			f.Warning = "Loopback traffic is not counted without --npcap or --etw"
		}},
		{name: "emoji_80x24", w: 80, h: 24, opts: func(o *settings.Options) {
			o.Emoji = true
			o.Graph = settings.GraphUnicode
		}},
		{name: "nograph_80x24", w: 80, h: 24, opts: func(o *settings.Options) { o.NoGraph = true }},
		{name: "too_small_39x9", w: 39, h: 9},
		{name: "too_small_120x9", w: 120, h: 9},
		{name: "gone_80x24", w: 80, h: 24, frame: func(f *frame.Frame) {
			f.Device = "eth1"
			f.Index = 1
			f.Gone = true
		}},
		{name: "warning_100x30", w: 100, h: 30, frame: func(f *frame.Frame) {
			f.Device = "Loopback Pseudo-Interface 1"
			f.Addr = "127.0.0.1"
			f.Tag = "npcap"
			f.Detail = `\Device\NPF_Loopback`
			f.Warning = "Loopback traffic is counted by capture; totals start at zero"
			f.Error = "capture stopped: adapter removed"
		}},
		{name: "error_only_60x12", w: 60, h: 12, frame: func(f *frame.Frame) {
			f.Error = "read /proc/net/dev: permission denied"
		}},
		{name: "fixed_scale_80x24", w: 80, h: 24, opts: func(o *settings.Options) {
			o.InMax = 1 * mib
			o.OutMax = 2 * mib
		}},
		{name: "startup_80x24", w: 80, h: 24, frame: func(f *frame.Frame) {
			f.In = frame.Direction{Curr: 5, Avg: 5, Max: 5, Total: 4096, History: sliceSeries{}}
			f.Out = frame.Direction{Total: 1 << 20}
		}},
		{name: "truncate_wide_40x10", w: 40, h: 10, frame: func(f *frame.Frame) {
			// The 15th wide character would start in the last column.
			f.Device = "v以太网适配器以太网适配器以太网 (WSL 🐧)"
			f.Addr = "fe80::1"
		}, opts: func(o *settings.Options) { o.Emoji = true }},
		{name: "block_120x40", w: 120, h: 40, opts: func(o *settings.Options) { o.Graph = settings.GraphBlock }},
		{name: "braille_120x40", w: 120, h: 40, opts: func(o *settings.Options) { o.Graph = settings.GraphBraille }},
		{name: "braille_bytes_80x24", w: 80, h: 24, opts: func(o *settings.Options) {
			o.Graph = settings.GraphBraille
			o.Rate = units.Format{}
		}},
		{name: "multi_120x40", w: 120, h: 40, devices: 7, sel: 1},
		{name: "multi_page2_120x40", w: 120, h: 40, devices: 7, sel: 5, opts: func(o *settings.Options) { o.Graph = settings.GraphBlock }},
		{name: "multi_80x24", w: 80, h: 24, devices: 5, frame: func(f *frame.Frame) {
			f.Tag, f.Detail = "npcap", `\Device\NPF_Loopback`
			f.Error = "capture stopped: adapter removed"
		}},
		{name: "multi_braille_200x60", w: 200, h: 60, devices: 6, opts: func(o *settings.Options) { o.Graph = settings.GraphBraille }},
		{name: "multi_stacked_60x30", w: 60, h: 30, devices: 3, opts: func(o *settings.Options) { o.Graph = settings.GraphUnicode }},
		{name: "multi_nograph_80x24", w: 80, h: 24, devices: 4, opts: func(o *settings.Options) { o.NoGraph = true }},
		{name: "options_120x40", w: 120, h: 40, window: func(w *optionsWindow) {}},
		{name: "options_edited_80x24", w: 80, h: 24, opts: func(o *settings.Options) { o.Graph = settings.GraphUnicode },
			note: note{text: "saved to /home/ana/.config/winload/winload.toml"},
			window: func(w *optionsWindow) {
				w.sel = rowIndex("in-max")
				w.step(1) // 1 Mibit/s
				w.step(1) // 2 Mibit/s
				w.edit.Interval = time.Second
				w.edit.Rate = units.Format{Bits: true, Prefix: units.Mega}
				w.edit.Multi = true
			}},
		{name: "options_short_60x12", w: 60, h: 12, note: note{text: "cannot save settings: permission denied", err: true},
			window: func(w *optionsWindow) { w.sel = rowIndex("multi") }},
	}
}

// goldenPath is the config file path the options window goldens show.
const goldenPath = "/home/ana/.config/winload/winload.toml"

func renderCase(t *testing.T, c goldenCase) string {
	t.Helper()
	s := newSim(t, c.w, c.h)
	o := settings.Defaults().Options
	if c.opts != nil {
		c.opts(&o)
	}
	var f frame.Frame
	if c.devices > 0 {
		list := sampleDevices(c.devices)
		f = list[c.sel]
		if c.frame != nil {
			c.frame(&f)
		}
		var buf frame.Frame
		drawMulti(s, list, &f, &buf, &o, c.note)
	} else {
		f = sampleFrame()
		if c.frame != nil {
			c.frame(&f)
		}
		draw(s, &f, &o, c.note)
	}
	if c.window != nil {
		w := newOptionsWindow(testSettings(o))
		c.window(&w)
		drawOptionsWindow(s, &w, &o, goldenPath, c.note)
	}
	return screenText(s)
}

func TestGolden(t *testing.T) {
	for _, c := range goldenCases() {
		t.Run(c.name, func(t *testing.T) {
			got := renderCase(t, c)
			checkGolden(t, c.name, got, "TestGolden")
		})
	}
}

// lineDiff lists the rows that differ between want and got.
// checkGolden compares got with testdata/NAME.golden, or writes it there
// with -update; test names the test that -update should be run for.
func checkGolden(t *testing.T, name, got, test string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/ui -run %s -update to create it)", err, test)
	}
	if got != string(want) {
		t.Errorf("screen differs from %s:\n%s", path, lineDiff(string(want), got))
	}
}

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
