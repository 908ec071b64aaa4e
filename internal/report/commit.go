package report

import (
	"fmt"
	"io"
	"io/fs"
)

// regularFile is what commit needs of an *os.File to cut a partial write
// off again.
type regularFile interface {
	Stat() (fs.FileInfo, error)
	Truncate(size int64) error
}

// commit writes b, whole lines, with one Write call. When the write fails
// after part of b went out (a full disk, a file size limit) and w is a
// regular file, the file is cut back by what was written, so that it
// still ends with a whole line. On a pipe or a device nothing can be taken
// back: a line is partial there only if the system accepted part of a
// write. what names the output in the error.
func commit(w io.Writer, b []byte, what string) error {
	n, err := w.Write(b)
	if err == nil && n < len(b) {
		err = io.ErrShortWrite
	}
	if err == nil {
		return nil
	}
	if f, ok := w.(regularFile); ok && n > 0 {
		if info, statErr := f.Stat(); statErr == nil && info.Mode().IsRegular() && info.Size() >= int64(n) {
			if f.Truncate(info.Size()-int64(n)) == nil {
				return fmt.Errorf("writing %s (the partial line was removed): %w", what, err)
			}
		}
	}
	return fmt.Errorf("writing %s: %w", what, err)
}
