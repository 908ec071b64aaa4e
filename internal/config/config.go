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
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/winload/winload/internal/plainfile"
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

// maxSize is the largest settings file Load reads: far more than every
// setting needs, small enough to read at once.
const maxSize = 1 << 20

// Load reads the file at path. A missing file is an empty File. A broken
// file is an error naming the file and line; the returned File then
// refuses to save over it. Only a regular file (or the null device) of at
// most maxSize bytes is read: a FIFO, device or directory is refused
// without blocking.
func Load(path string) (*File, error) {
	f := &File{Path: path}
	data, err := read(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		f.read = true
		return f, nil
	case err != nil:
		return f, err
	}
	entries, err := parse(path, data)
	if err != nil {
		return f, err
	}
	f.Entries, f.read, f.exists, f.content = entries, true, true, data
	return f, nil
}

// Exists reports whether the file existed when it was last read or saved.
func (f *File) Exists() bool { return f.exists }

// read reads the file at path, refusing special files and files larger
// than maxSize.
func read(path string) ([]byte, error) {
	file, err := plainfile.Open(path, os.O_RDONLY, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("reading config file %s: %w", path, err)
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, maxSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading config file %s: %w", path, err)
	}
	if len(data) > maxSize {
		return nil, fmt.Errorf("config file %s is larger than %d KiB; a settings file needs a few lines", path, maxSize>>10)
	}
	return data, nil
}

// parse reads the TOML text into entries, one per key, in one pass: only
// top-level keys with a string, number or true/false value are settings.
func parse(path string, data []byte) ([]Entry, error) {
	var p unstable.Parser
	p.Reset(data)
	lines := lineCounter{data: data, line: 1}
	var entries []Entry
	seen := map[string]int{}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			line := lines.at(keyOffset(e))
			return nil, fmt.Errorf("config file %s, line %d: sections are not supported; write every setting at the top, as key = value", path, line)
		case unstable.KeyValue:
		default:
			continue
		}
		line := lines.at(int(e.Raw.Offset))
		key, dotted := keyOf(e)
		if dotted {
			return nil, fmt.Errorf("config file %s, line %d: %s: dotted keys are not supported; write every setting at the top, as key = value", path, line, quote(key))
		}
		if first, dup := seen[key]; dup {
			return nil, fmt.Errorf("config file %s, line %d: %s is set twice (first on line %d)", path, line, quote(key), first)
		}
		seen[key] = line
		value, err := flagValue(e.Value())
		if err != nil {
			return nil, fmt.Errorf("config file %s, line %d: %s: %w", path, line, quote(key), err)
		}
		entries = append(entries, Entry{Key: key, Value: value, Line: line})
	}
	if err := p.Error(); err != nil {
		return nil, parseError(path, &p, data, err)
	}
	return entries, nil
}

// keyOf returns a key-value's key; dotted reports a key with dots (a.b).
func keyOf(e *unstable.Node) (key string, dotted bool) {
	it := e.Key()
	var parts []string
	for it.Next() {
		parts = append(parts, string(it.Node().Data))
	}
	return strings.Join(parts, "."), len(parts) > 1
}

// keyOffset returns where a table header's name starts.
func keyOffset(e *unstable.Node) int {
	it := e.Key()
	if it.Next() {
		return int(it.Node().Raw.Offset)
	}
	return 0
}

// parseError places a TOML syntax error at its line and column.
func parseError(path string, p *unstable.Parser, data []byte, err error) error {
	var pe *unstable.ParserError
	if !errors.As(err, &pe) || len(pe.Highlight) == 0 {
		return fmt.Errorf("config file %s: %s", path, excerpt(err.Error()))
	}
	offset := min(max(int(p.Range(pe.Highlight).Offset), 0), len(data))
	line := bytes.Count(data[:offset], []byte("\n")) + 1
	col := offset - bytes.LastIndexByte(data[:offset], '\n')
	return fmt.Errorf("config file %s, line %d, column %d: %s", path, line, col, excerpt(pe.Message))
}

// lineCounter turns increasing byte offsets into line numbers, counting
// each newline once.
type lineCounter struct {
	data []byte
	pos  int
	line int
}

func (c *lineCounter) at(offset int) int {
	offset = min(max(offset, c.pos), len(c.data))
	c.line += bytes.Count(c.data[c.pos:offset], []byte("\n"))
	c.pos = offset
	return c.line
}

// flagValue turns a TOML value into the text a flag takes. Integers
// written in hex (0xff0000, a colour) keep their spelling.
func flagValue(v *unstable.Node) (string, error) {
	switch v.Kind {
	case unstable.String, unstable.Bool:
		return string(v.Data), nil
	case unstable.Integer:
		text := strings.ReplaceAll(string(v.Data), "_", "")
		n, err := strconv.ParseInt(text, 0, 64)
		if err != nil {
			return "", fmt.Errorf("%s is not a whole number TOML can hold", quote(text))
		}
		if strings.HasPrefix(text, "0x") {
			return text, nil
		}
		return strconv.FormatInt(n, 10), nil
	case unstable.Float:
		text := strings.ReplaceAll(string(v.Data), "_", "")
		x, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return "", fmt.Errorf("%s is not a number", quote(text))
		}
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	}
	return "", fmt.Errorf("want a string, number or true/false, got %s", kindName(v.Kind))
}

// kindName names a TOML value's kind in plain words.
func kindName(k unstable.Kind) string {
	switch k {
	case unstable.Array:
		return "a list"
	case unstable.InlineTable:
		return "a table"
	case unstable.LocalDate, unstable.LocalTime, unstable.LocalDateTime, unstable.DateTime:
		return "a date or time"
	}
	return "something else"
}

// excerptLen is how many characters of a value a message quotes.
const excerptLen = 40

// quote quotes text for a message, at most its first 40 characters and
// "…", so that a huge value never floods the terminal.
func quote(text string) string {
	e := excerpt(text)
	if e != text {
		return strconv.Quote(e[:len(e)-len("…")]) + "…"
	}
	return strconv.Quote(text)
}

// excerpt shortens text to its first 40 characters and "…".
func excerpt(text string) string {
	n := 0
	for i := range text {
		if n == excerptLen {
			return text[:i] + "…"
		}
		n++
	}
	return text
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
	data, err := read(f.Path)
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
