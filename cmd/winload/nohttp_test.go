package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoHTTPLibrary: --listen is served by internal/httpserve and the
// exposition written by internal/export, and --remote and --prometheus read
// with internal/httpget and internal/remote's parser, because net/http (which every
// Prometheus library imports) adds over 2.7 MiB to the resident memory of
// every run, screen included (docs/prometheus.md).
func TestNoHTTPLibrary(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	for _, goos := range []string{"linux", "darwin", "windows"} {
		cmd := exec.Command("go", "list", "-deps", ".")
		cmd.Env = append(cmd.Environ(), "GOOS="+goos, "GOARCH=amd64", "CGO_ENABLED=0")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go list (%s): %v\n%s", goos, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			if dep == "net/http" || dep == "crypto/tls" || strings.Contains(dep, "prometheus") || strings.HasPrefix(dep, "google.golang.org/protobuf") || strings.Contains(dep, "VictoriaMetrics") {
				t.Errorf("%s build links %s", goos, dep)
			}
		}
	}
}

// TestNoDNSResolver: --remote and --prometheus dial IP addresses only,
// because Go's DNS resolver (resolv.conf, nsswitch, the DNS client) adds
// about 205 KB to the binary and as much to the resident memory of every
// run on Linux (docs/prometheus.md). Dialling a host name anywhere would
// link it again.
func TestNoDNSResolver(t *testing.T) {
	if testing.Short() {
		t.Skip("builds winload")
	}
	bin := filepath.Join(t.TempDir(), "winload")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Env = append(build.Environ(), "GOOS=linux", "GOARCH=amd64", "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command("go", "tool", "nm", bin).Output()
	if err != nil {
		t.Fatalf("go tool nm: %v", err)
	}
	for _, sym := range []string{"net.(*Resolver).lookupIPAddr", "net.dnsReadConfig", "dnsmessage.(*Parser).Start"} {
		if strings.Contains(string(out), sym) {
			t.Errorf("the linux build links Go's DNS resolver (%s)", sym)
		}
	}
}
