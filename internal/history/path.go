package history

import (
	"errors"
	"path/filepath"
)

// FileName is the history file's name in winload's state folder.
const FileName = "history.dat"

// DefaultPath returns where the history file goes: on Linux and other
// Unix systems $XDG_STATE_HOME/winload or ~/.local/state/winload, on
// macOS ~/Library/Application Support/winload, on Windows
// %LOCALAPPDATA%\winload.
func DefaultPath(goos string, getenv func(string) string) (string, error) {
	var dir string
	switch goos {
	case "windows":
		dir = getenv("LOCALAPPDATA")
		if dir == "" {
			return "", errors.New("LOCALAPPDATA is not set")
		}
	case "darwin":
		home := getenv("HOME")
		if home == "" {
			return "", errors.New("HOME is not set")
		}
		dir = filepath.Join(home, "Library", "Application Support")
	default:
		dir = getenv("XDG_STATE_HOME")
		if dir == "" || !filepath.IsAbs(dir) {
			home := getenv("HOME")
			if home == "" {
				return "", errors.New("neither XDG_STATE_HOME nor HOME is set")
			}
			dir = filepath.Join(home, ".local", "state")
		}
	}
	return filepath.Join(dir, "winload", FileName), nil
}
