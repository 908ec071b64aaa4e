package report

import (
	"bytes"
	"encoding/json"
	"net/netip"
	"strconv"
	"strings"
	"testing"

	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/talkers"
	"github.com/winload/winload/internal/units"
)

// talkerTable has seven open rows and one ended row.
func talkerTable() *talkers.Table {
	t := &talkers.Table{Valid: true}
	t.Rows = append(t.Rows, talkers.Row{PID: 99, Process: "gone", Proto: "tcp", Ended: true})
	for i := range 7 {
		t.Rows = append(t.Rows, talkers.Row{PID: 100 + i, Process: "p" + strconv.Itoa(i), User: "ann", Proto: "tcp",
			In: talkers.Rate{Curr: 1000, Avg: 500, Total: 4000}, Out: talkers.Rate{Curr: 10, Avg: 5, Total: 40}})
	}
	t.Rows[1].Local = netip.MustParseAddrPort("127.0.0.1:80")
	t.Rows[1].Remote = netip.MustParseAddrPort("[::1]:0")
	return t
}

func TestJSONStreamTalkers(t *testing.T) {
	var out bytes.Buffer
	s := NewJSON(&out)
	s.ShowTalkers(talkerTable)
	if err := s.Write(when, []monitor.Reading{reading}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		JSONReading
		Talkers []JSONTalker `json:"talkers"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := JSONTalker{PID: 100, Process: "p0", User: "ann", Proto: "tcp", Local: "127.0.0.1:80", Remote: "::1",
		In: JSONTalked{1000, 500, 4000}, Out: JSONTalked{10, 5, 40}}
	if len(got.Talkers) != 7 || got.Talkers[0] != want || got.Device != "eth0" {
		t.Errorf("talkers %+v, want 7 open rows starting with %+v", got.Talkers, want)
	}
}

func TestJSONStreamTalkersEmptyIsAnArray(t *testing.T) {
	var out bytes.Buffer
	s := NewJSON(&out)
	s.ShowTalkers(func() *talkers.Table { return &talkers.Table{} })
	if err := s.Write(when, []monitor.Reading{reading}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"talkers":[]`) {
		t.Errorf("no empty talkers array: %s", out.String())
	}
}

func TestTextStreamTopFiveTalkers(t *testing.T) {
	var out bytes.Buffer
	s := NewText(&out, units.Format{}, units.Format{})
	s.ShowTalkers(talkerTable)
	if err := s.Write(when, []monitor.Reading{reading}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 6 || !strings.HasPrefix(lines[1], "  talker 100 p0 (ann) in: curr ") || strings.Contains(out.String(), "gone") {
		t.Errorf("want the device line and five open talkers:\n%s", out.String())
	}
	out.Reset()
	s.ShowTalkers(func() *talkers.Table { return &talkers.Table{Problem: "not \x1b here"} })
	if err := s.Write(when, []monitor.Reading{reading}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `  talkers: not \x1b here`) {
		t.Errorf("the problem line is missing or unescaped: %q", out.String())
	}
}

// Each device object carries its own talkers, and the kernel's drops.
func TestStreamTalkersPerDevice(t *testing.T) {
	tab := &talkers.Table{Valid: true, Dropped: 7, Devices: map[string][]talkers.Row{
		"eth0": {{PID: 1, Process: "quic", Proto: "udp", In: talkers.Rate{Total: 100}}},
		"lo":   {{PID: 2, Process: "redis", Proto: "tcp", Out: talkers.Rate{Total: 200}}},
	}}
	lo := reading
	lo.Device = "lo"
	var out bytes.Buffer
	s := NewJSON(&out)
	s.ShowTalkers(func() *talkers.Table { return tab })
	if err := s.Write(when, []monitor.Reading{reading, lo}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("want two lines:\n%s", out.String())
	}
	for i, want := range []struct {
		dev  string
		proc string
	}{{"eth0", "quic"}, {"lo", "redis"}} {
		var got struct {
			Device  string       `json:"device"`
			Talkers []JSONTalker `json:"talkers"`
			Dropped uint64       `json:"talkers_dropped"`
		}
		if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
			t.Fatal(err)
		}
		if got.Device != want.dev || len(got.Talkers) != 1 || got.Talkers[0].Process != want.proc || got.Dropped != 7 {
			t.Errorf("line %d: %+v, want %s with %s and 7 dropped", i, got, want.dev, want.proc)
		}
	}
	out.Reset()
	st := NewText(&out, units.Format{}, units.Format{})
	st.ShowTalkers(func() *talkers.Table { return tab })
	if err := st.Write(when, []monitor.Reading{lo}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "  talkers: 7 frames dropped by the kernel\n  talker 2 redis") || strings.Contains(out.String(), "quic") {
		t.Errorf("text: want lo's talker after the drops:\n%s", out.String())
	}
	// Without drops there is no talkers_dropped key.
	tab.Dropped = 0
	out.Reset()
	s.ShowTalkers(func() *talkers.Table { return tab })
	if err := s.Write(when, []monitor.Reading{lo}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "talkers_dropped") {
		t.Errorf("talkers_dropped without drops: %s", out.String())
	}
}
