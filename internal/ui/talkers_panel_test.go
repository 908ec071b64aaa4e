package ui

import (
	"context"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/settings"

	"github.com/winload/winload/internal/talkers"
)

// sampleTalkers is a table of three processes, one of them ended and one
// another user's.
func sampleTalkers(g talkers.Grouping) *talkers.Table {
	ap := netip.MustParseAddrPort
	return &talkers.Table{
		View: talkers.View{Group: g, Sort: talkers.ByTotal}, Valid: true,
		Note: "TCP payload only; sockets closed between ticks miss their last bytes; not root: only your own processes are named",
		Rows: []talkers.Row{
			{PID: 4242, Process: "firefox", User: "ann", Cgroup: "session-2.scope", Proto: "tcp", Local: ap("192.168.1.20:51234"), Remote: ap("151.101.1.69:443"),
				In: talkers.Rate{Curr: 1.25 * mib, Avg: 600 * kib, Total: 3 * gib}, Out: talkers.Rate{Curr: 20 * kib, Avg: 10 * kib, Total: 40 * mib},
				Spark: [talkers.SparkLen]float64{0, 1, 2, 4, 8, 4, 2, 1}},
			{PID: 0, User: "bob", Proto: "tcp", Local: ap("192.168.1.20:22"), Remote: ap("10.0.0.9:40022"),
				In: talkers.Rate{Curr: 2 * kib, Avg: 1 * kib, Total: 5 * mib}, Out: talkers.Rate{Curr: 300 * kib, Avg: 200 * kib, Total: 900 * mib},
				Spark: [talkers.SparkLen]float64{3, 3, 3, 3, 3, 3, 3, 3}},
			{PID: 777, Process: "rsync", User: "ann", Cgroup: "rsync.service", Proto: "tcp", Local: ap("[2001:db8::20]:40000"), Remote: ap("[2001:db8::1]:873"),
				Out: talkers.Rate{Total: 12 * mib, Avg: 100 * kib}, Ended: true},
		},
	}
}

func TestTalkersGolden(t *testing.T) {
	cases := []struct {
		name string
		w, h int
		tab  *talkers.Table
		opts func(o *settings.Options)
		// multi draws the multi view of four devices above the panel.
		multi bool
	}{
		{"talkers_process_80x24", 80, 24, sampleTalkers(talkers.ByProcess), nil, false},
		{"talkers_connection_120x40", 120, 40, sampleTalkers(talkers.ByConnection), func(o *settings.Options) { o.Graph = settings.GraphUnicode }, false},
		{"talkers_host_80x24", 80, 24, sampleTalkers(talkers.ByHost), nil, false},
		{"talkers_port_80x24", 80, 24, sampleTalkers(talkers.ByPort), nil, false},
		{"talkers_cgroup_80x24", 80, 24, sampleTalkers(talkers.ByCgroup), nil, false},
		{"talkers_unavailable_80x24", 80, 24, &talkers.Table{Problem: "talkers: not available on macOS (its per-connection counters need a program run per tick)"}, nil, false},
		{"talkers_multi_100x40", 100, 40, sampleTalkers(talkers.ByProcess), func(o *settings.Options) { o.Multi = true }, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newSim(t, c.w, c.h)
			o := settings.Defaults().Options
			o.Talkers = true
			if c.opts != nil {
				c.opts(&o)
			}
			ph := panelRows(c.h)
			clip := &clipScreen{Screen: s, h: c.h - ph}
			if c.multi {
				list := sampleDevices(4)
				f := list[0]
				var buf frame.Frame
				drawMulti(clip, list, &f, &buf, &o, note{})
			} else {
				f := sampleFrame()
				draw(clip, &f, &o, note{})
			}
			drawTalkersPanel(s, c.h-ph, ph, c.tab, "lo", &o)
			got := screenText(s)
			checkGolden(t, c.name, got, "TestTalkersGolden")
		})
	}
}

func TestPanelRows(t *testing.T) {
	for _, tt := range []struct{ h, want int }{{24, 9}, {40, 16}, {60, 16}, {16, 6}, {15, 0}, {10, 0}} {
		if got := panelRows(tt.h); got != tt.want {
			t.Errorf("panelRows(%d) = %d, want %d", tt.h, got, tt.want)
		}
	}
}

// talkersModel is a fakeModel with talkers that records the views asked.
type talkersModel struct {
	fakeModel
	views chan talkers.View
}

func (m *talkersModel) Talkers(v talkers.View, _ time.Duration) *talkers.Table {
	select {
	case m.views <- v:
	default:
	}
	t := sampleTalkers(v.Group)
	t.View = v
	return t
}

func TestRunTalkersKeys(t *testing.T) {
	s := newRecScreen(80, 24)
	m := &talkersModel{fakeModel: fakeModel{n: 1}, views: make(chan talkers.View, 100)}
	done := startRunWith(t, context.Background(), s, m, settingsEvery(time.Hour), nil)
	// g and s do nothing while the panel is hidden.
	s.InjectKey(tcell.KeyRune, 'g', tcell.ModNone)
	s.InjectKey(tcell.KeyRune, 'p', tcell.ModNone)
	waitText(t, s, "Talkers by process, sorted by total")
	s.InjectKey(tcell.KeyRune, 'g', tcell.ModNone)
	waitText(t, s, "Talkers by connection, sorted by total")
	s.InjectKey(tcell.KeyRune, 's', tcell.ModNone)
	text := waitText(t, s, "Talkers by connection, sorted by in")
	if !strings.Contains(text, "151.101.1.69:443 :51234 4242 firefox") {
		t.Errorf("the connection row is missing:\n%s", text)
	}
	s.InjectKey(tcell.KeyRune, 'p', tcell.ModNone)
	waitFor(t, "the panel to hide", func() bool {
		_, text, _ := s.snapshot()
		return !strings.Contains(text, "Talkers by")
	})
	quitRun(t, s, done)
}

// The panel on a model without talkers says so instead of showing rows.
func TestRunTalkersWithoutSource(t *testing.T) {
	s := newRecScreen(80, 24)
	set := settingsEvery(time.Hour)
	set.Talkers = true
	done := startRunWith(t, context.Background(), s, &fakeModel{n: 1}, set, nil)
	waitText(t, s, "this screen has no source of talkers")
	quitRun(t, s, done)
}

// The panel draws without allocating once its table exists.
func TestTalkersPanelAllocatesNothing(t *testing.T) {
	s := newSim(t, 120, 40)
	o := settings.Defaults().Options
	tab := sampleTalkers(talkers.ByConnection)
	allocs := testing.AllocsPerRun(20, func() { drawTalkersPanel(s, 24, 16, tab, "lo", &o) })
	if allocs != 0 {
		t.Errorf("drawTalkersPanel allocates %v times per frame", allocs)
	}
}

// The panel shows the selected device's talkers, says what the capture
// counts, and how many frames the kernel dropped.
func TestTalkersPanelOfDevice(t *testing.T) {
	tab := sampleTalkers(talkers.ByProcess)
	tab.Devices = map[string][]talkers.Row{
		"eth0": {{PID: 31, Process: "quic-client", User: "ann", Proto: "udp", In: talkers.Rate{Curr: 5 * mib}}},
		"lo":   {{PID: 32, Process: "redis-server", User: "redis", Proto: "tcp", Out: talkers.Rate{Curr: 1 * mib}}},
	}
	tab.Rows = nil
	tab.Note = "wire bytes of every protocol (packet capture)"
	tab.Dropped = 1234
	o := settings.Defaults().Options
	o.Talkers = true
	for _, tt := range []struct{ dev, want, not string }{
		{"eth0", "31 quic-client", "redis-server"},
		{"lo", "32 redis-server", "quic-client"},
	} {
		s := newSim(t, 80, 24)
		drawTalkersPanel(s, 15, 9, tab, tt.dev, &o)
		got := screenText(s)
		for _, want := range []string{"Talkers on " + tt.dev + " by process", tt.want,
			"1234 frames dropped by the kernel", "wire bytes of every protocol"} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: the panel lacks %q:\n%s", tt.dev, want, got)
			}
		}
		if strings.Contains(got, tt.not) {
			t.Errorf("%s: the panel shows another device's %q:\n%s", tt.dev, tt.not, got)
		}
	}
	// A device without rows of its own shows those whose device is not
	// known.
	tab.Rows = []talkers.Row{{PID: 40, Process: "sshd", User: "root", Proto: "tcp"}}
	s := newSim(t, 80, 24)
	drawTalkersPanel(s, 15, 9, tab, "wlan0", &o)
	if got := screenText(s); !strings.Contains(got, "40 sshd (root)") || strings.Contains(got, "Talkers on") {
		t.Errorf("wlan0: want the host's rows:\n%s", got)
	}
}
