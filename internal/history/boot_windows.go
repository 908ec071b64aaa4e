package history

import (
	"time"

	"golang.org/x/sys/windows"
)

// BootID identifies the running boot of the machine by its boot time:
// the clock less the milliseconds since boot.
func BootID() string {
	proc := windows.NewLazySystemDLL("kernel32.dll").NewProc("GetTickCount64")
	if proc.Find() != nil {
		return ""
	}
	ms, _, _ := proc.Call()
	return bootTimeID(time.Now().Add(-time.Duration(ms) * time.Millisecond).Unix())
}
