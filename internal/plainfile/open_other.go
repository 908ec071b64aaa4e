//go:build !unix

package plainfile

import (
	"io/fs"
	"os"
)

// openNonblock opens path; systems other than Unix have no FIFOs that
// block open(), and Open looks at the path before it opens it.
func openNonblock(path string, flag int, perm fs.FileMode) (*os.File, error) {
	return os.OpenFile(path, flag, perm)
}

// setBlocking has nothing to undo here.
func setBlocking(*os.File) error { return nil }
