package app

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/winload/winload/internal/cli"
	"github.com/winload/winload/internal/config"
	"github.com/winload/winload/internal/settings"
)

// F5 never writes settings that the next start would refuse.
func TestControllerSaveRefusesBrokenRules(t *testing.T) {
	path := filepath.Join(t.TempDir(), config.FileName)
	file, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	c := &controller{file: file}
	s := settings.Defaults()
	s.Interval, s.Average = 20*time.Second, 10*time.Second
	if err := c.Save(s); err == nil {
		t.Fatal("saved an average window shorter than the interval")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the file was written: %v", err)
	}
	if err := c.Apply(s); err == nil {
		t.Error("applied an average window shorter than the interval")
	}
	s.Average = 30 * time.Second
	if err := c.Save(s); err != nil {
		t.Fatal(err)
	}
	if _, err := cli.Parse(nil, cli.Env{GOOS: "linux", ConfigPath: path}); err != nil {
		t.Errorf("the saved file is refused: %v", err)
	}
}
