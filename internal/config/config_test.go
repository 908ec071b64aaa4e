package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"

	"github.com/winload/winload/internal/plainfile"
)

func TestRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", FileName)
	f, err := Load(path)
	if err != nil || len(f.Entries) != 0 {
		t.Fatalf("missing file: %+v, %v", f, err)
	}
	want := []Entry{{Key: "interval", Value: "250"}, {Key: "unit", Value: "byte"}, {Key: "si", Value: "true"}, {Key: "in-max", Value: "100MiB"}, {Key: "average", Value: "30.5"}}
	if err := f.Save(want); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	for _, line := range []string{"interval = 250", "si = true", "unit = 'byte'", "in-max = '100MiB'"} {
		if !strings.Contains(string(data), line) {
			t.Errorf("saved file lacks %q:\n%s", line, data)
		}
	}
	again, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range want {
		e, ok := lookup(again, w.Key)
		if !ok || e.Value != w.Value || e.Line == 0 {
			t.Errorf("%s: got %+v, want value %q with a line", w.Key, e, w.Value)
		}
	}
	// Saving twice in a row works: the file is the one last written.
	if err := again.Save(want[:1]); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestBrokenFileNamesLineAndIsNotOverwritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	broken := "interval = 250\nunit = \"byte\nsi = true\n"
	os.WriteFile(path, []byte(broken), 0o644)
	f, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("broken file: %v", err)
	}
	if err := f.Save([]Entry{{Key: "interval", Value: "500"}}); !errors.Is(err, ErrNotRead) {
		t.Errorf("save over a broken file: %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != broken {
		t.Errorf("broken file was overwritten: %q", data)
	}
}

func TestUnsupportedValueNamesLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(path, []byte("# c\n\ninterval = 1\n  graph = [1, 2]\n"), 0o644)
	_, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), "line 4") || !strings.Contains(err.Error(), "graph") {
		t.Errorf("array value: %v", err)
	}
}

func TestSaveRefusesAFileChangedBehindIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(path, []byte("interval = 250\n"), 0o644)
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, []byte("interval = 1000\n"), 0o644)
	if err := f.Save(nil); !errors.Is(err, ErrNotRead) {
		t.Errorf("save over a changed file: %v", err)
	}
	// A file that appears after an empty load is not overwritten either.
	other := filepath.Join(t.TempDir(), FileName)
	g, _ := Load(other)
	os.WriteFile(other, []byte("unit = 'bit'\n"), 0o644)
	if err := g.Save(nil); !errors.Is(err, ErrNotRead) {
		t.Errorf("save over a file created since: %v", err)
	}
}

func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		// root reads anything; use a directory in place of the file instead.
		path := t.TempDir()
		f, err := Load(path)
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Fatalf("directory as config: %v", err)
		}
		if err := f.Save(nil); !errors.Is(err, ErrNotRead) {
			t.Errorf("save after a failed read: %v", err)
		}
		return
	}
	path := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(path, []byte("x = 1\n"), 0o000)
	if _, err := Load(path); err == nil {
		t.Error("unreadable file: want error")
	}
}

// lookup returns the entry for key, if f has one.
func lookup(f *File, key string) (Entry, bool) {
	for _, e := range f.Entries {
		if e.Key == key {
			return e, true
		}
	}
	return Entry{}, false
}

func TestLines(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(path, []byte("a = 1\n# interval = 3\n  \"interval\" = 2\nintervals = '''x\ny = 1'''\nunit = 'k'\r\n\n\nsi = true"), 0o644)
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"a": 1, "interval": 3, "intervals": 4, "unit": 6, "si": 9}
	for key, line := range want {
		if e, ok := lookup(f, key); !ok || e.Line != line {
			t.Errorf("%s: %+v, want line %d", key, e, line)
		}
	}
	if e, _ := lookup(f, "intervals"); e.Value != "x\ny = 1" {
		t.Errorf("multi-line string %q", e.Value)
	}
}

func TestFileErrors(t *testing.T) {
	long := strings.Repeat("x", 5000)
	tests := []struct{ text, want string }{
		{"interval = 250\n\n[display]\ngraph = 'braille'\n", "line 3: sections are not supported"},
		{"a = 1\n[[x]]\n", "line 2: sections are not supported"},
		{"\ndisplay.graph = 'braille'\n", "line 2: \"display.graph\": dotted keys are not supported"},
		{"unit = 'k'\nunit = 'M'\n", "line 2: \"unit\" is set twice (first on line 1)"},
		{"when = 1979-05-27\n", "line 1: \"when\": want a string, number or true/false, got a date or time"},
		{"x = {a = 1}\n", "got a table"},
		{"x = 99999999999999999999\n", "line 1"},
		{"x = '" + long + "\n", "line 1, column"},
		{long + " = 1\n[x]\n", "line 2: sections"},
	}
	for _, tt := range tests {
		path := filepath.Join(t.TempDir(), FileName)
		os.WriteFile(path, []byte(tt.text), 0o644)
		_, err := Load(path)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("%.40q: %v, want %q", tt.text, err, tt.want)
			continue
		}
		if len(err.Error()) > len(path)+200 || strings.Contains(err.Error(), "\n") {
			t.Errorf("%.40q: message too long or on several lines: %d bytes", tt.text, len(err.Error()))
		}
	}
}

// A TOML integer keeps its hex spelling, so in-color = 0xff0000 reads as
// the colour ff0000.
func TestHexIntegerKeepsSpelling(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(path, []byte("in-color = 0xff0000\nout-color = 0x00_d7_ff\ninterval = 1_000\naverage = 2.5\n"), 0o644)
	f, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"in-color": "0xff0000", "out-color": "0x00d7ff", "interval": "1000", "average": "2.5"}
	for k, v := range want {
		if e, _ := lookup(f, k); e.Value != v {
			t.Errorf("%s = %q, want %q", k, e.Value, v)
		}
	}
}

func TestSizeLimit(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(path, bytes.Repeat([]byte("# padding\n"), maxSize/10+1), 0o644)
	_, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), "larger than 1024 KiB") {
		t.Errorf("big file: %v", err)
	}
}

// A FIFO with no writer is refused at once instead of blocking.
func TestSpecialFilesRefused(t *testing.T) {
	if _, err := Load(os.DevNull); err != nil {
		t.Errorf("%s: %v", os.DevNull, err)
	}
	dir := t.TempDir()
	_, err := Load(dir)
	if !errors.Is(err, plainfile.ErrNotRegular) || !strings.Contains(err.Error(), dir) {
		t.Errorf("directory: %v", err)
	}
}

// BenchmarkLoadLarge loads a settings file of 30,000 keys (about 1 MB),
// which took 72 s when each key was looked up by a regexp over the file.
func BenchmarkLoadLarge(b *testing.B) {
	path := filepath.Join(b.TempDir(), FileName)
	var buf bytes.Buffer
	for i := 0; buf.Len() < maxSize-64; i++ {
		fmt.Fprintf(&buf, "key%d = %d\n", i, i)
	}
	os.WriteFile(path, buf.Bytes(), 0o644)
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		if _, err := Load(path); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadTooLarge refuses a 10 MB file.
func BenchmarkLoadTooLarge(b *testing.B) {
	path := filepath.Join(b.TempDir(), FileName)
	os.WriteFile(path, bytes.Repeat([]byte("k = 1\n"), 10<<20/6), 0o644)
	for b.Loop() {
		if _, err := Load(path); err == nil {
			b.Fatal("a 10 MB file loaded")
		}
	}
}

func FuzzLoad(f *testing.F) {
	f.Add("interval = 250\nunit = 'byte'\n")
	f.Add("[table]\nx = 1\n")
	f.Add("a = \"unterminated\n")
	f.Add("x.y = 1\n")
	f.Add("c = 0xff_00_00\nd = '''a\nb'''\n")
	f.Fuzz(func(t *testing.T, text string) {
		path := filepath.Join(t.TempDir(), FileName)
		os.WriteFile(path, []byte(text), 0o644)
		file, err := Load(path)
		if err != nil {
			if !strings.Contains(err.Error(), path) {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		// What loads is valid TOML, with the same values.
		var doc map[string]any
		if err := toml.Unmarshal([]byte(text), &doc); err != nil {
			t.Fatalf("loaded %q, which go-toml refuses: %v", text, err)
		}
		if len(doc) != len(file.Entries) {
			t.Fatalf("%q: %d entries, go-toml finds %d keys", text, len(file.Entries), len(doc))
		}
		seen := map[string]bool{}
		last := 0
		for _, e := range file.Entries {
			if seen[e.Key] || e.Line < last || e.Line < 1 {
				t.Fatalf("entry %+v: duplicate key or line out of order (after %d)", e, last)
			}
			seen[e.Key], last = true, e.Line
		}
	})
}
