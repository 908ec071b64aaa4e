package main

import (
	"os/exec"
	"strings"
	"testing"
)

// The packet decoders are only for Windows' --npcap: gopacket's layers
// package fills megabytes of lookup tables at start-up, which would more
// than double winload's resident memory on Linux and macOS. Linux links
// the AF_PACKET ring of the talkers' capture (gopacket/afpacket and the
// gopacket package it needs), which parses no layers.
func TestNoPacketDecodersOutsideWindows(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	for _, goos := range []string{"linux", "darwin"} {
		cmd := exec.Command("go", "list", "-deps", ".")
		cmd.Env = append(cmd.Environ(), "GOOS="+goos, "CGO_ENABLED=0")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go list (%s): %v\n%s", goos, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			if goos == "linux" && (dep == "github.com/gopacket/gopacket" || dep == "github.com/gopacket/gopacket/afpacket" || dep == "github.com/gopacket/gopacket/endian") {
				continue
			}
			if strings.Contains(dep, "gopacket") {
				t.Errorf("%s build links %s", goos, dep)
			}
		}
	}
}
