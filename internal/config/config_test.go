package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
		e, ok := again.Lookup(w.Key)
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

func TestLineOf(t *testing.T) {
	data := []byte("a = 1\n# interval = 3\n  \"interval\" = 2\nintervals = 4\n")
	if got := lineOf(data, "interval"); got != 3 {
		t.Errorf("lineOf = %d, want 3", got)
	}
	if got := lineOf(data, "nope"); got != 0 {
		t.Errorf("lineOf missing = %d", got)
	}
}

func FuzzLoad(f *testing.F) {
	f.Add("interval = 250\nunit = 'byte'\n")
	f.Add("[table]\nx = 1\n")
	f.Add("a = \"unterminated\n")
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
		for _, e := range file.Entries {
			if e.Key == "" && e.Line == 0 && e.Value == "" {
				continue
			}
			if _, ok := file.Lookup(e.Key); !ok {
				t.Fatalf("entry %q not found by Lookup", e.Key)
			}
		}
	})
}
