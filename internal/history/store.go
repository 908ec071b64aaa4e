package history

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// format is the layout of the file this version writes and reads. A file
// of a later format is refused, never rewritten.
const format = 1

// magic starts every history file.
const magic = "WLHIST"

// maxFileSize bounds what load reads: far above what 24 months of a
// hundred devices take (about 5 KiB each).
const maxFileSize = 64 << 20

// Errors the store returns, wrapped with the file's path.
var (
	// ErrNewer means the file was written by a newer winload.
	ErrNewer = errors.New("written by a newer winload")
	// ErrCorrupt means the file cannot be read as a history file.
	ErrCorrupt = errors.New("damaged or not a winload history file")
	// ErrUnreadable means the file exists but may not be read.
	ErrUnreadable = errors.New("unreadable")
)

// store reads and writes the history file. The file is replaced whole
// on every save: written to PATH.tmp, synced, then renamed over PATH, so
// that a reader, a crash or a full disk always leaves either the old
// file or the new one, never a mix.
//
// Layout: "WLHIST", the format (2 bytes), the number of devices (4
// bytes), then per device its name (2-byte length, bytes) and its record
// (4-byte length, encodeRecord's bytes), and last a CRC-32 (IEEE) of all
// that precedes it. Numbers are little-endian.
type store struct {
	path string
}

// load returns the records of the file, none when it does not exist.
func (s *store) load() (map[string]*Record, error) {
	f, err := os.Open(s.path)
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrPermission):
		return nil, fmt.Errorf("%s: %w: %w", s.path, ErrUnreadable, err)
	default:
		// No file yet (or no folder, or a file where a folder should be).
		return map[string]*Record{}, nil
	}
	defer f.Close()
	// One buffer of the file's size: reading into a growing one
	// allocated three times the file.
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	if size > maxFileSize {
		return nil, fmt.Errorf("%s: %w: larger than %d MiB", s.path, ErrCorrupt, maxFileSize>>20)
	}
	data := make([]byte, 0, size+1)
	for {
		n, err := f.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w: %w", s.path, ErrUnreadable, err)
		}
		if len(data) == cap(data) {
			if len(data) > maxFileSize {
				return nil, fmt.Errorf("%s: %w: larger than %d MiB", s.path, ErrCorrupt, maxFileSize>>20)
			}
			data = append(data, 0)[:len(data)]
		}
	}
	recs, err := decodeFile(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.path, err)
	}
	return recs, nil
}

// decodeFile reads a whole history file.
func decodeFile(data []byte) (map[string]*Record, error) {
	if len(data) < len(magic)+2 || string(data[:len(magic)]) != magic {
		return nil, ErrCorrupt
	}
	if v := binary.LittleEndian.Uint16(data[len(magic):]); v > format {
		return nil, fmt.Errorf("%w (format %d; this winload reads format %d)", ErrNewer, v, format)
	}
	if len(data) > maxFileSize || len(data) < len(magic)+2+4+4 {
		return nil, ErrCorrupt
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	d := &decoder{b: body[len(magic)+2:]}
	n := d.u32()
	recs := make(map[string]*Record, min(n, len(d.b)/6))
	for i := 0; i < n && d.err == nil; i++ {
		name := string(d.take(d.u16()))
		raw := d.take(d.u32())
		if d.err != nil {
			break
		}
		r, err := decodeRecord(raw)
		if err != nil {
			return nil, fmt.Errorf("%w: device %q: %w", ErrCorrupt, name, err)
		}
		recs[name] = r
	}
	if d.err != nil || len(d.b) != 0 {
		return nil, fmt.Errorf("%w: bad layout", ErrCorrupt)
	}
	return recs, nil
}

// encodeFile writes recs as a whole history file, in one buffer sized
// beforehand.
func encodeFile(recs map[string]*entry) []byte {
	size := len(magic) + 2 + 4 + 4
	for name, e := range recs {
		size += 2 + len(name) + 4 + recordSize(e.rec)
	}
	b := make([]byte, 0, size)
	b = append(b, magic...)
	b = binary.LittleEndian.AppendUint16(b, format)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(recs)))
	for name, e := range recs {
		b = binary.LittleEndian.AppendUint16(b, uint16(len(name)))
		b = append(b, name...)
		b = binary.LittleEndian.AppendUint32(b, uint32(recordSize(e.rec)))
		b = appendRecord(b, e.rec)
	}
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
}

// save replaces the file with data (encodeFile's). On any failure the
// file keeps its previous state.
func (s *store) save(data []byte) error {
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		return fmt.Errorf("cannot make the history folder: %w", err)
	}
	tmp := s.path + ".tmp"
	err := writeSynced(tmp, data)
	if err == nil {
		err = os.Rename(tmp, s.path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot write %s: %w", s.path, err)
	}
	syncDir(filepath.Dir(s.path))
	return nil
}

// writeSynced writes data to a new file at path and syncs it to disk.
func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir makes a rename in dir durable where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// moveAside renames the file to PATH.broken-TIME and returns the new name.
func (s *store) moveAside(now time.Time) (string, error) {
	to := s.path + ".broken-" + now.UTC().Format("20060102T150405")
	if err := os.Rename(s.path, to); err != nil {
		return "", err
	}
	return to, nil
}
