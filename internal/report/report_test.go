package report

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/rivo/uniseg"

	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/source"
	"github.com/winload/winload/internal/stats"
	"github.com/winload/winload/internal/units"
)

var when = time.Date(2026, 11, 25, 22, 14, 15, 123456789, time.Local)

var reading = monitor.Reading{
	Device: "eth0",
	In:     stats.Stat{Curr: 2000, Avg: 1500.4, Min: 1000, Max: 3000.6, Total: 6530941952},
	Out:    stats.Stat{Curr: 20, Avg: 15, Min: 10, Max: 30, Total: 42},
	Valid:  true,
}

// SPEC §6: fields in nload's order, each followed by one space.
func TestLogLineFormat(t *testing.T) {
	got := string(AppendLogLine(nil, when, reading))
	want := "2026-11-25 22:14:15 eth0 6530941952 42 2000 20 1500 15 1000 10 3001 30 " +
		strconv.FormatInt(when.Unix(), 10) + " 123456 \n"
	if got != want {
		t.Errorf("log line\n got %q\nwant %q", got, want)
	}
	if n := len(strings.Fields(got)); n != len(strings.Fields(LogHeader)) {
		t.Errorf("line has %d fields, header %d", n, len(strings.Fields(LogHeader)))
	}
	if !strings.Contains(LogHeader, " DataOutAverge ") || !strings.HasSuffix(LogHeader, "TimeMicroSeconds \n") {
		t.Errorf("header must match nload's spelling and spacing: %q", LogHeader)
	}
}

func TestLogHeaderOnlyWhenNewOrEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "traffic.log")
	for i := 0; i < 2; i++ {
		l, err := OpenLog(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := l.Write(when, []monitor.Reading{reading, {Device: "new0"}}); err != nil {
			t.Fatal(err)
		}
		l.Close()
	}
	data, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != 3 || lines[0]+"\n" != LogHeader || strings.Count(string(data), "Date Time") != 1 {
		t.Errorf("log:\n%s", data)
	}
	if strings.Contains(string(data), "new0") {
		t.Error("a device without rates must not be logged")
	}
	// An existing empty file gets the header.
	empty := filepath.Join(t.TempDir(), "empty.log")
	os.WriteFile(empty, nil, 0o644)
	l, err := OpenLog(empty)
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
	if data, _ := os.ReadFile(empty); string(data) != LogHeader {
		t.Errorf("empty file got %q", data)
	}
}

func TestLogWriteErrors(t *testing.T) {
	if _, err := OpenLog(filepath.Join(t.TempDir(), "missing", "x.log")); err == nil || !strings.Contains(err.Error(), "traffic log") {
		t.Errorf("open in a missing folder: %v", err)
	}
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	if _, err := OpenLog("/dev/full"); err == nil || !strings.Contains(err.Error(), "no space") {
		t.Errorf("disk full: %v", err)
	}
}

func TestTextStream(t *testing.T) {
	var out bytes.Buffer
	s := NewText(&out, units.Format{Bits: true}, units.Format{})
	if err := s.Write(when, []monitor.Reading{reading, {Device: "skip"}}); err != nil {
		t.Fatal(err)
	}
	want := "2026-11-25 22:14:15 eth0 in: curr 15.62 Kibit/s avg 11.72 Kibit/s min 7.81 Kibit/s max 23.44 Kibit/s ttl 6.08 GiB" +
		" | out: curr 160.00 bit/s avg 120.00 bit/s min 80.00 bit/s max 240.00 bit/s ttl 42.00 B\n"
	if out.String() != want {
		t.Errorf("text line\n got %q\nwant %q", out.String(), want)
	}
}

func TestJSONStream(t *testing.T) {
	var out bytes.Buffer
	s := NewJSON(&out)
	other := reading
	other.Device = `we"ird`
	if err := s.Write(when, []monitor.Reading{reading, other}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one object per line, got %q", out.String())
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
		t.Fatal(err)
	}
	in := got["in"].(map[string]any)
	if got["device"] != "eth0" || in["total"] != 6530941952.0 || in["curr"] != 2000.0 || in["avg"] != 1500.4 ||
		in["min"] != 1000.0 || in["max"] != 3000.6 || got["out"].(map[string]any)["total"] != 42.0 {
		t.Errorf("fields: %v", got)
	}
	if ts, err := time.Parse(time.RFC3339Nano, got["time"].(string)); err != nil || !ts.Equal(when) {
		t.Errorf("time %v: %v", got["time"], err)
	}
	var second JSONReading
	if err := json.Unmarshal([]byte(lines[1]), &second); err != nil || second.Device != `we"ird` {
		t.Errorf("escaping: %q %v", lines[1], err)
	}
}

func TestStreamClosedPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	defer w.Close()
	err = NewText(w, units.Format{}, units.Format{}).Write(when, []monitor.Reading{reading})
	if err == nil || !strings.Contains(err.Error(), "standard output") {
		t.Errorf("closed pipe: %v", err)
	}
}

type fixedSource struct{ n uint64 }

func (f *fixedSource) Read(dst []source.Device) ([]source.Device, error) {
	f.n += 1000
	return append(dst[:0], source.Device{Name: "lo", Rx: f.n, Tx: f.n}), nil
}
func (f *fixedSource) Status() source.Status { return source.Status{} }

type failingSink struct{ calls int }

func (f *failingSink) Write(time.Time, []monitor.Reading) error {
	f.calls++
	if f.calls == 3 {
		return errors.New("disk full")
	}
	return nil
}

func TestSampleLoopCountAndFatalSink(t *testing.T) {
	var out bytes.Buffer
	cfg := stats.Config{Interval: 10 * time.Millisecond, Average: time.Second, History: 8}
	m, err := monitor.New(&fixedSource{}, monitor.Options{Stats: cfg, Sinks: []monitor.Sink{NewJSON(&out)}})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Sample(time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := SampleLoop(context.Background(), m, cfg.Interval, 3, func(err error) { t.Error(err) }); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "\n"); n != 3 {
		t.Errorf("--count 3 wrote %d lines:\n%s", n, out.String())
	}

	sink := &failingSink{}
	m, _ = monitor.New(&fixedSource{}, monitor.Options{Stats: cfg, Sinks: []monitor.Sink{sink}})
	if err := m.Sample(time.Now()); err != nil {
		t.Fatal(err)
	}
	err = SampleLoop(context.Background(), m, cfg.Interval, 0, func(err error) { t.Error(err) })
	if !Fatal(err) || !strings.Contains(err.Error(), "disk full") || sink.calls != 3 {
		t.Errorf("a failing sink must end the run: %v after %d calls", err, sink.calls)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	m, _ = monitor.New(&fixedSource{}, monitor.Options{Stats: cfg})
	if err := SampleLoop(ctx, m, cfg.Interval, 0, func(error) {}); err != nil {
		t.Errorf("cancelled run: %v", err)
	}
}

func TestDebugInfo(t *testing.T) {
	var out bytes.Buffer
	err := DebugInfo(&out, []source.Device{{Name: "lo", Addr: "127.0.0.1", Rx: 5, Tx: 6}, {Name: "eth1"}}, source.Status{Tag: "npcap", Warning: "w"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"DEVICE", "lo", "127.0.0.1", "eth1", "-", "source: npcap", "warning: w"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in\n%s", want, out.String())
		}
	}
}

// A device name is written escaped (printable.String) wherever it is
// printed as text: a name holding ESC[31m must not recolour the terminal.
func TestHostileNamesAreEscaped(t *testing.T) {
	hostile := reading
	hostile.Device = "\x1b[31mx\n"
	var text bytes.Buffer
	if err := NewText(&text, units.Format{}, units.Format{}).Write(when, []monitor.Reading{hostile}); err != nil {
		t.Fatal(err)
	}
	line := string(AppendLogLine(nil, when, hostile))
	var info bytes.Buffer
	if err := DebugInfo(&info, []source.Device{{Name: hostile.Device, Addr: "\x1b]0;x\a"}}, source.Status{Warning: "adapter \x1b[2J"}); err != nil {
		t.Fatal(err)
	}
	for what, out := range map[string]string{"text stream": text.String(), "log line": line, "--debug-info": info.String()} {
		if strings.ContainsAny(out, "\x1b\a") {
			t.Errorf("%s writes control characters: %q", what, out)
		}
		if !strings.Contains(out, `\x1b[31mx\n`) {
			t.Errorf("%s does not show the escaped name: %q", what, out)
		}
	}
	if strings.Count(line, "\n") != 1 {
		t.Errorf("log line broken in two by the name: %q", line)
	}
	if !strings.Contains(info.String(), `\x1b]0;x\a`) || !strings.Contains(info.String(), `warning: adapter \x1b[2J`) {
		t.Errorf("--debug-info: %q", info.String())
	}
}

// --debug-info aligns its columns by what the terminal shows: a name of
// wide CJK characters or with combining accents takes its display width.
func TestDebugInfoAlignsByDisplayWidth(t *testing.T) {
	var out bytes.Buffer
	devs := []source.Device{
		{Name: "以太网", Addr: "10.0.0.1", Rx: 1, Tx: 2},
		{Name: "cafe\u0301", Addr: "10.0.0.2", Rx: 3, Tx: 4},
		{Name: "eth0", Addr: "10.0.0.3", Rx: 5, Tx: 6},
	}
	if err := DebugInfo(&out, devs, source.Status{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("lines: %q", lines)
	}
	col := func(line, field string) int {
		i := strings.Index(line, field)
		if i < 0 {
			t.Fatalf("%q not in %q", field, line)
		}
		return uniseg.StringWidth(line[:i])
	}
	want := col(lines[0], "ADDRESS")
	for i, addr := range []string{"10.0.0.1", "10.0.0.2", "10.0.0.3"} {
		if got := col(lines[i+1], addr); got != want {
			t.Errorf("line %q: address at column %d, header at %d", lines[i+1], got, want)
		}
	}
	if want != 6+2 {
		t.Errorf("ADDRESS at column %d, want %d (widest name 6 columns + 2)", want, 6+2)
	}
}

// shortWriter accepts at most room bytes in all, then fails as a full disk
// does; with noErr it reports a short write without an error instead.
type shortWriter struct {
	bytes.Buffer
	room  int
	noErr bool
}

func (w *shortWriter) Write(b []byte) (int, error) {
	n := min(len(b), w.room)
	w.room -= n
	w.Buffer.Write(b[:n])
	if n < len(b) && !w.noErr {
		return n, syscall.ENOSPC
	}
	return n, nil
}

// fakeFile is a shortWriter that is a regular file: commit can cut it.
type fakeFile struct {
	shortWriter
	truncatedTo int64
}

func (f *fakeFile) Stat() (fs.FileInfo, error) { return fakeInfo{int64(f.Len())}, nil }
func (f *fakeFile) Truncate(n int64) error {
	f.truncatedTo = n
	f.Buffer.Truncate(int(n))
	return nil
}

type fakeInfo struct{ size int64 }

func (i fakeInfo) Name() string       { return "out" }
func (i fakeInfo) Size() int64        { return i.size }
func (i fakeInfo) Mode() fs.FileMode  { return 0o644 }
func (i fakeInfo) ModTime() time.Time { return time.Time{} }
func (i fakeInfo) IsDir() bool        { return false }
func (i fakeInfo) Sys() any           { return nil }

// A write that fails or is short ends the stream with an error; on a
// regular file the partial line is cut off again, so the output still
// ends with a whole line.
func TestStreamWriteFailures(t *testing.T) {
	readings := []monitor.Reading{reading, reading}
	var whole bytes.Buffer
	NewJSON(&whole).Write(when, readings)
	sample := whole.Len()
	tests := []struct {
		name     string
		w        io.Writer
		mention  string
		wantKept int
	}{
		{"full at once", &shortWriter{room: 0}, "no space left", 0},
		{"short with an error", &shortWriter{room: 10}, "no space left", 10},
		{"short without an error", &shortWriter{room: 10, noErr: true}, "short write", 10},
		{"regular file, short", &fakeFile{shortWriter: shortWriter{room: sample + 10}}, "partial line was removed", sample},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewJSON(tt.w)
			var err error
			for i := 0; i < 2 && err == nil; i++ {
				err = s.Write(when, readings)
			}
			if err == nil || !strings.Contains(err.Error(), tt.mention) || !strings.Contains(err.Error(), "standard output") {
				t.Fatalf("error %v, want one about standard output mentioning %q", err, tt.mention)
			}
			var kept string
			switch w := tt.w.(type) {
			case *shortWriter:
				kept = w.String()
			case *fakeFile:
				kept = w.String()
				if !strings.HasSuffix(kept, "\n") {
					t.Errorf("the file ends with a partial line: %q", kept)
				}
			}
			if len(kept) != tt.wantKept {
				t.Errorf("%d bytes kept, want %d", len(kept), tt.wantKept)
			}
		})
	}
}

// Each sample's lines are one Write call, so a writer that takes whole
// writes or nothing never holds a partial line.
func TestStreamWritesEachSampleOnce(t *testing.T) {
	var w countingWriter
	s := NewText(&w, units.Format{}, units.Format{})
	for range 3 {
		if err := s.Write(when, []monitor.Reading{reading, reading, {Device: "skip"}}); err != nil {
			t.Fatal(err)
		}
	}
	if w.calls != 3 || strings.Count(w.String(), "\n") != 6 {
		t.Errorf("%d writes for 3 samples of 2 lines: %q", w.calls, w.String())
	}
}

type countingWriter struct {
	bytes.Buffer
	calls int
}

func (w *countingWriter) Write(b []byte) (int, error) {
	w.calls++
	return w.Buffer.Write(b)
}
