// Package plainfile opens files that a person names (the settings file,
// the traffic log) without the surprises of special files: a FIFO with no
// other end would block open() and leave the program deaf to Ctrl-C, and
// a directory or disk is never what was meant. Files are read only when
// they are regular files or the null device; written also when they are
// a FIFO with a reader or a character device (a terminal, /dev/full).
package plainfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// ErrNotRegular is wrapped by Open's error for anything but a regular
// file or the null device.
var ErrNotRegular = errors.New("not a regular file")

// Open opens path like os.OpenFile without ever blocking in open(): for
// reading only a regular file or os.DevNull, for writing also a FIFO that
// has a reader or a character device. Anything else is refused with an
// error wrapping ErrNotRegular.
func Open(path string, flag int, perm fs.FileMode) (*os.File, error) {
	write := flag&(os.O_WRONLY|os.O_RDWR) != 0
	// A quick look first: what cannot be read is refused before it is
	// opened at all.
	if info, err := os.Stat(path); err == nil {
		if err := check(path, info, write); err != nil {
			return nil, err
		}
	}
	f, err := openNonblock(path, flag, perm)
	if err != nil {
		return nil, err
	}
	// The path may have changed between the look and the open: check
	// what was opened.
	info, err := f.Stat()
	if err == nil {
		err = check(path, info, write)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	if err := setBlocking(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// check refuses what is neither a regular file nor the null device, and
// for writing, a FIFO or character device.
func check(path string, info fs.FileInfo, write bool) error {
	m := info.Mode()
	if m.IsRegular() {
		return nil
	}
	if write && (m&fs.ModeNamedPipe != 0 || m&fs.ModeCharDevice != 0) {
		return nil
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(info, null) {
		return nil
	}
	return fmt.Errorf("%s: %w (it is %s)", path, ErrNotRegular, kind(info.Mode()))
}

// kind names a file mode's type in plain words.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}
