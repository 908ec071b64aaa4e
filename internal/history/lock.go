package history

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// errLocked means another winload holds the writer's lock.
var errLocked = errors.New("locked by another winload")

// writerLock is the lock file PATH.lock that the one writing process
// holds for as long as it runs; the system drops it when the process
// ends, also by kill -9.
type writerLock struct{ f *os.File }

// lockWriter takes the lock of the history file at path without waiting.
func lockWriter(path string) (*writerLock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("cannot make the history folder: %w", err)
	}
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot make the lock file: %w", err)
	}
	if err := tryLock(f); err != nil {
		f.Close()
		return nil, err
	}
	return &writerLock{f: f}, nil
}

// release gives the lock up.
func (l *writerLock) release() {
	if l != nil {
		l.f.Close()
	}
}
