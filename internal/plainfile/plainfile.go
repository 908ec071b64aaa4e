// Package plainfile opens files that a person names (the settings file,
// the traffic log) without the surprises of special files: a FIFO with no
// other end would block open() and leave the program deaf to Ctrl-C, and
// a device or directory is never what was meant. Only regular files and
// the null device are opened.
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

// Open opens path like os.OpenFile, without blocking on a FIFO, and
// refuses what is not a regular file or os.DevNull.
func Open(path string, flag int, perm fs.FileMode) (*os.File, error) {
	// A quick look first: a FIFO is refused before it is opened at all.
	if info, err := os.Stat(path); err == nil {
		if err := check(path, info); err != nil {
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
		err = check(path, info)
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

// check refuses what is neither a regular file nor the null device.
func check(path string, info fs.FileInfo) error {
	if info.Mode().IsRegular() {
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
