package plainfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestOpenRegularAndNull(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	f, err := Open(path, os.O_WRONLY|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("x"); err != nil {
		t.Error(err)
	}
	f.Close()
	if f, err = Open(os.DevNull, os.O_RDONLY, 0); err != nil {
		t.Errorf("%s: %v", os.DevNull, err)
	} else {
		f.Close()
	}
}

func TestOpenRefusesDirectory(t *testing.T) {
	if _, err := Open(t.TempDir(), os.O_RDONLY, 0); !errors.Is(err, ErrNotRegular) {
		t.Errorf("directory: %v", err)
	}
}
