package history

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// format is the layout of the file this version writes and reads. A file
// of a later format is refused, never rewritten.
const format = 1

// The buckets of the file: meta holds the format, devices one JSON record
// per device name.
var (
	metaBucket    = []byte("meta")
	devicesBucket = []byte("devices")
	formatKey     = []byte("format")
)

// lockWait is how long opening the file waits for another winload that
// is reading or writing it; a flush that times out is retried later.
const lockWait = time.Second

// Errors the store returns, wrapped with the file's path.
var (
	// ErrNewer means the file was written by a newer winload.
	ErrNewer = errors.New("written by a newer winload")
	// ErrCorrupt means the file cannot be read as a history file.
	ErrCorrupt = errors.New("damaged or not a winload history file")
	// ErrUnreadable means the file exists but may not be read.
	ErrUnreadable = errors.New("unreadable")
	// ErrBusy means another winload held the file for longer than lockWait.
	ErrBusy = errors.New("busy: another winload is using it")
)

// store reads and writes the history file. It opens the file for each
// load and save only, so that other processes can read it in between.
type store struct {
	path string
}

// load returns the records of the file, none when it does not exist.
func (s *store) load() (recs map[string]*Record, err error) {
	if _, err := os.Stat(s.path); err != nil && !errors.Is(err, fs.ErrPermission) {
		// No file yet (or no folder, or a file where a folder should be).
		return map[string]*Record{}, nil
	}
	defer func() {
		// bbolt panics on some damaged pages.
		if p := recover(); p != nil {
			recs, err = nil, fmt.Errorf("%s: %w (%v)", s.path, ErrCorrupt, p)
		}
	}()
	db, err := s.open(true)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	recs = map[string]*Record{}
	err = db.View(func(tx *bolt.Tx) error {
		if err := checkFormat(tx); err != nil {
			return err
		}
		b := tx.Bucket(devicesBucket)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			r, err := decodeRecord(v)
			if err != nil {
				return fmt.Errorf("%w: device %q: %v", ErrCorrupt, k, err)
			}
			recs[string(k)] = r
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.path, err)
	}
	return recs, nil
}

// save writes recs in one transaction: either all of them are written or
// the file keeps its previous state.
func (s *store) save(recs map[string][]byte) error {
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		return fmt.Errorf("cannot make the history folder: %w", err)
	}
	db, err := s.open(false)
	if err != nil {
		return err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if err := checkFormat(tx); err != nil {
			return err
		}
		meta, err := tx.CreateBucketIfNotExists(metaBucket)
		if err != nil {
			return err
		}
		if err := meta.Put(formatKey, []byte(strconv.Itoa(format))); err != nil {
			return err
		}
		devs, err := tx.CreateBucketIfNotExists(devicesBucket)
		if err != nil {
			return err
		}
		for name, data := range recs {
			if err := devs.Put([]byte(name), data); err != nil {
				return err
			}
		}
		return nil
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", s.path, err)
	}
	return nil
}

// open opens the file with bbolt, read-only or for writing.
func (s *store) open(readOnly bool) (*bolt.DB, error) {
	db, err := bolt.Open(s.path, 0o600, &bolt.Options{Timeout: lockWait, ReadOnly: readOnly})
	var pathErr *fs.PathError
	switch {
	case err == nil:
		return db, nil
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, fmt.Errorf("%s: %w", s.path, ErrBusy)
	case errors.As(err, &pathErr):
		// The file could not be opened at all: unreadable when it
		// exists, else its folder cannot be written.
		if _, serr := os.Stat(s.path); serr == nil && errors.Is(err, fs.ErrPermission) {
			return nil, fmt.Errorf("%s: %w: %w", s.path, ErrUnreadable, err)
		}
		return nil, fmt.Errorf("cannot open %s: %w", s.path, err)
	}
	return nil, fmt.Errorf("%s: %w: %w", s.path, ErrCorrupt, err)
}

// checkFormat refuses a file of a later format.
func checkFormat(tx *bolt.Tx) error {
	meta := tx.Bucket(metaBucket)
	if meta == nil {
		return nil
	}
	v := meta.Get(formatKey)
	n, err := strconv.Atoi(string(v))
	switch {
	case err != nil:
		return fmt.Errorf("%w: format %q", ErrCorrupt, v)
	case n > format:
		return fmt.Errorf("%w (format %d; this winload reads format %d)", ErrNewer, n, format)
	}
	return nil
}

// moveAside renames the file to PATH.broken-TIME and returns the new name.
func (s *store) moveAside(now time.Time) (string, error) {
	to := s.path + ".broken-" + now.UTC().Format("20060102T150405")
	if err := os.Rename(s.path, to); err != nil {
		return "", err
	}
	return to, nil
}
