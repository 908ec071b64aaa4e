//go:build unix

package plainfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// openNonblock opens with O_NONBLOCK, so that a FIFO without a writer (or
// reader) returns at once instead of blocking.
func openNonblock(path string, flag int, perm fs.FileMode) (*os.File, error) {
	f, err := os.OpenFile(path, flag|syscall.O_NONBLOCK, perm)
	if errors.Is(err, syscall.ENXIO) {
		return nil, fmt.Errorf("%s: %w (it is a named pipe (FIFO) that nothing reads)", path, ErrNotRegular)
	}
	return f, err
}

// setBlocking clears O_NONBLOCK again for ordinary reads and writes.
func setBlocking(f *os.File) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	if err := rc.Control(func(fd uintptr) { serr = syscall.SetNonblock(int(fd), false) }); err != nil {
		return err
	}
	return serr
}
