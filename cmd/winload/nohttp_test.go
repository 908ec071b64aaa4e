package main

import (
	"os/exec"
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
