package history

import (
	"os"
	"strings"
)

// BootID identifies the running boot of the machine: the kernel's random
// boot_id, new at every boot.
func BootID() string {
	b, err := os.ReadFile("/proc/sys/kernel/random/boot_id")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}
