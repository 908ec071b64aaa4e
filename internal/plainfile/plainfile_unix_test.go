//go:build unix

package plainfile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A FIFO with no other end is refused at once, for reading and for
// writing, instead of blocking in open(); for writing, one with a reader
// works.
func TestOpenRefusesFIFOWithoutBlocking(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skip(err)
	}
	for _, flag := range []int{os.O_RDONLY, os.O_WRONLY | os.O_APPEND | os.O_CREATE} {
		done := make(chan error, 1)
		go func() {
			f, err := Open(path, flag, 0o644)
			if f != nil {
				f.Close()
			}
			done <- err
		}()
		// A blocked open() never returns: the test then times out.
		if err := <-done; !errors.Is(err, ErrNotRegular) {
			t.Errorf("flag %#x: %v, want ErrNotRegular", flag, err)
		}
	}
}

func TestOpenFIFOWithReader(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skip(err)
	}
	r, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	w, err := Open(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatalf("FIFO with a reader: %v", err)
	}
	defer w.Close()
	if _, err := w.WriteString("x\n"); err != nil {
		t.Error(err)
	}
	if _, err := Open(path, os.O_RDONLY, 0); !errors.Is(err, ErrNotRegular) {
		t.Errorf("reading a FIFO: %v", err)
	}
}
