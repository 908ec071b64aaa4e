package app

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/cli"
	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/settings"
	"github.com/winload/winload/internal/source"
	"github.com/winload/winload/internal/ui"
)

// hourSource is a fake counter source for the long run: three devices
// that always exist with traffic that varies, and every simulated minute
// a short-lived device with a name never seen before (as container veths
// come and go), which lives 30 s and then vanishes.
type hourSource struct {
	tick  int
	devs  []source.Device
	names []string // the short-lived devices' names, made up front
}

const (
	ticksPerSecond = 10  // 100 ms ticks
	churnEvery     = 600 // a new short-lived device every minute
	churnLife      = 300 // living 30 s
)

func newHourSource(ticks int) *hourSource {
	s := &hourSource{}
	for k := range ticks/churnEvery + 1 {
		s.names = append(s.names, fmt.Sprintf("veth%06x", k))
	}
	return s
}

func (s *hourSource) Read(dst []source.Device) ([]source.Device, error) {
	i := s.tick
	s.tick++
	if len(s.devs) == 0 {
		s.devs = []source.Device{{Name: "eth0", Addr: "192.0.2.7"}, {Name: "lo", Addr: "127.0.0.1"}, {Name: "wlan0"}}
	}
	// Rates that wander between 0 and about 120 MB/s, so the graph's
	// scale and the units change over the hour.
	s.devs[0].Rx += uint64(1 + (i*7919)%12_000_000)
	s.devs[0].Tx += uint64(1 + (i*104729)%800_000)
	s.devs[1].Rx += 65536
	s.devs[1].Tx += 65536
	if i%3000 < 1500 {
		s.devs[2].Rx += uint64(i % 5000)
	}
	dst = append(dst[:0], s.devs...)
	if k, age := i/churnEvery, i%churnEvery; age < churnLife {
		dst = append(dst, source.Device{Name: s.names[k], Rx: uint64(age) * 1500, Tx: uint64(age) * 700})
	}
	return dst, nil
}

func (s *hourSource) Status() source.Status { return source.Status{} }

// heapInUse returns HeapInuse after a full collection.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// TestHourOfTicksHoldsMemory runs an hour of 100 ms ticks (36000) through
// the monitor and the drawing code, as the screen loop does, and checks
// that the heap in use grows by less than 1 MiB after a warm-up that
// fills every statistics window (the 300 s Avg window needs 3000 ticks)
// and lets the first short-lived devices come, go and be dropped.
func TestHourOfTicksHoldsMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("long run skipped in -short mode")
	}
	const (
		warmup = 6000  // ten simulated minutes
		hour   = 36000 // one simulated hour
	)
	// Every tick samples and builds the frame; drawing a 120x40 frame
	// costs about 0.2 ms (2 ms under the race detector), so the screen is
	// drawn every drawEvery ticks and always at the ends of both phases.
	drawEvery := 10
	if raceEnabled {
		drawEvery = 100
	}

	set := settings.Settings{Options: settings.Defaults().Options, Interval: 100 * time.Millisecond, Average: 300 * time.Second}
	src := newHourSource(warmup + hour)
	mon, err := monitor.New(src, monitor.Options{Stats: cli.StatsConfig(set), IsLoopback: func(name string) bool { return name == "lo" }})
	if err != nil {
		t.Fatal(err)
	}
	screen := tcell.NewSimulationScreen("UTF-8")
	if err := screen.Init(); err != nil {
		t.Fatal(err)
	}
	defer screen.Fini()
	screen.SetSize(120, 40)

	origin := time.Unix(1_800_000_000, 0)
	var f frame.Frame
	var view ui.View
	draws := 0
	run := func(from, to int) {
		for i := from; i < to; i++ {
			// A little jitter, as real ticks have.
			at := origin.Add(time.Duration(i)*100*time.Millisecond + time.Duration(i%7)*time.Millisecond)
			if err := mon.Sample(at); err != nil {
				t.Fatalf("tick %d: %v", i, err)
			}
			if i%600 == 0 {
				mon.Move(1) // walk the list, short-lived devices included
			}
			mon.Frame(&f)
			if i%drawEvery == 0 || i == to-1 {
				o := set.Options
				o.Multi = (i/drawEvery)%5 == 4 && i != to-1
				view.Paint(screen, mon, &o)
				screen.Show()
				draws++
			}
		}
	}

	start := time.Now()
	run(0, warmup)
	before := heapInUse()
	run(warmup, warmup+hour)
	after := heapInUse()
	elapsed := time.Since(start)

	growth := int64(after) - int64(before)
	t.Logf("%d ticks (%d after the warm-up), %d frames drawn, in %v; HeapInuse %d -> %d bytes (%+d); %d devices listed at the end",
		warmup+hour, hour, draws, elapsed.Round(time.Millisecond), before, after, growth, mon.Len())
	if src.tick != warmup+hour {
		t.Errorf("source read %d times, want %d", src.tick, warmup+hour)
	}
	if growth >= 1<<20 {
		t.Errorf("HeapInuse grew by %d bytes over an hour of ticks, want < 1 MiB", growth)
	}
	// Short-lived devices are dropped GoneLinger after they vanish: the
	// three permanent ones remain, with at most the last short-lived one
	// (and the selected device, which is never dropped).
	if n := mon.Len(); n > 5 {
		t.Errorf("%d devices listed after an hour; vanished devices are not dropped: %v", n, mon.Names())
	}
	if text := screenText(screen); !strings.HasPrefix(text, "Device ") || !strings.Contains(text, "Incoming") || !strings.Contains(text, "Outgoing") {
		t.Errorf("the last frame is not winload's screen:\n%s", text)
	}
}

// screenText returns the simulation screen's text, one line per row.
func screenText(s tcell.SimulationScreen) string {
	cells, w, h := s.GetContents()
	b := make([]rune, 0, (w+1)*h)
	for y := range h {
		for x := range w {
			if r := cells[y*w+x].Runes; len(r) > 0 {
				b = append(b, r[0])
			} else {
				b = append(b, ' ')
			}
		}
		b = append(b, '\n')
	}
	return string(b)
}
