// Package config reads and writes winload's settings file, a TOML file
// whose keys are the long names of command-line flags:
//
//	interval = 250
//	unit = "byte"
//	graph = "braille"
//
// Values found there apply where the command line does not set the flag.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"

	"github.com/pelletier/go-toml/v2"
)

// FileName is the settings file inside the user's config folder.
const FileName = "config.toml"

// DefaultPath is where the settings live: $XDG_CONFIG_HOME/winload on
// Linux, ~/Library/Application Support/winload on macOS, %AppData%\winload
// on Windows.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the config folder: %w", err)
	}
	return filepath.Join(dir, "winload", FileName), nil
}

// Entry is one setting: a flag's long name, its value as a flag would
// take it, and the line it was read from (0 when it was not read).
type Entry struct {
	Key   string
	Value string
	Line  int
}

// File is a settings file as last read from disk.
type File struct {
	Path    string
	Entries []Entry // in the order of their lines
	// read is true when the file was read successfully (or was absent);
	// digest is what was read, so a save can tell whether the file
	// changed behind it.
	read   bool
	exists bool
	// content is the file as last read or saved, to notice a change.
	content []byte
}

// ErrNotRead is wrapped by Save when the file on disk is not the one
// last read: it was broken, unreadable, or changed since.
var ErrNotRead = errors.New("the config file was not read as it is now")

// Load reads the file at path. A missing file is an empty File. A broken
// file is an error naming the file and line; the returned File then
// refuses to save over it.
func Load(path string) (*File, error) {
	f := &File{Path: path}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		f.read = true
		return f, nil
	case err != nil:
		return f, fmt.Errorf("reading config file %s: %w", path, err)
	}
	entries, err := parse(path, data)
	if err != nil {
		return f, err
	}
	f.Entries, f.read, f.exists, f.content = entries, true, true, data
	return f, nil
}

// parse decodes the TOML text into entries, one per key.
func parse(path string, data []byte) ([]Entry, error) {
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			row, col := de.Position()
			return nil, fmt.Errorf("config file %s, line %d, column %d: %s", path, row, col, de.Error())
		}
		return nil, fmt.Errorf("config file %s: %w", path, err)
	}
	entries := make([]Entry, 0, len(doc))
	for key, raw := range doc {
		line := lineOf(data, key)
		value, err := flagValue(raw)
		if err != nil {
			return nil, fmt.Errorf("config file %s, line %d: %s: %w", path, line, key, err)
		}
		entries = append(entries, Entry{Key: key, Value: value, Line: line})
	}
	slices.SortFunc(entries, func(a, b Entry) int { return a.Line - b.Line })
	return entries, nil
}

// flagValue turns a TOML value into the text a flag takes.
func flagValue(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case bool:
		return strconv.FormatBool(v), nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	}
	return "", fmt.Errorf("want a string, number or true/false, got %T", v)
}

// lineOf finds the 1-based line where key is assigned, or 0.
func lineOf(data []byte, key string) int {
	re := regexp.MustCompile(`(?m)^[ \t]*(?:"` + regexp.QuoteMeta(key) + `"|` + regexp.QuoteMeta(key) + `)[ \t]*=`)
	loc := re.FindIndex(data)
	if loc == nil {
		return 0
	}
	return bytes.Count(data[:loc[0]], []byte("\n")) + 1
}

// Lookup returns the entry for key, if the file has one.
func (f *File) Lookup(key string) (Entry, bool) {
	for _, e := range f.Entries {
		if e.Key == key {
			return e, true
		}
	}
	return Entry{}, false
}

// Save replaces the file with entries, written to a temporary file in the
// same folder and renamed over it, so a crash never leaves half a file.
// It refuses when the file on disk is not the one last read.
func (f *File) Save(entries []Entry) error {
	if err := f.unchanged(); err != nil {
		return err
	}
	doc := make(map[string]any, len(entries))
	for _, e := range entries {
		doc[e.Key] = typed(e.Value)
	}
	data, err := toml.Marshal(doc)
	if err != nil {
		return fmt.Errorf("encoding settings: %w", err)
	}
	data = append([]byte("# winload settings: keys are the long names of its flags; flags given on the command line win.\n"), data...)
	if err := writeAtomic(f.Path, data); err != nil {
		return err
	}
	f.Entries = slices.Clone(entries)
	f.read, f.exists, f.content = true, true, data
	return nil
}

// unchanged checks that the file on disk is what was last read or saved.
func (f *File) unchanged() error {
	if !f.read {
		return fmt.Errorf("not saving over %s: %w (it could not be read; fix or remove it first)", f.Path, ErrNotRead)
	}
	data, err := os.ReadFile(f.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !f.exists:
		return nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("not saving over %s: %w", f.Path, err)
	case err != nil || !bytes.Equal(data, f.content):
		return fmt.Errorf("not saving over %s: %w (it changed since; reload it with F6 first)", f.Path, ErrNotRead)
	}
	return nil
}

// typed stores numbers and booleans as such, so the file reads naturally.
func typed(v string) any {
	if b, err := strconv.ParseBool(v); err == nil && (v == "true" || v == "false") {
		return b
	}
	if i, err := strconv.ParseInt(v, 10, 64); err == nil {
		return i
	}
	return v
}

func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, ".config-*.toml")
	if err != nil {
		return fmt.Errorf("saving settings: %w", err)
	}
	_, werr := tmp.Write(data)
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("saving settings to %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("saving settings to %s: %w", path, err)
	}
	return nil
}
