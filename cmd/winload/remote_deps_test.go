package main

import (
	"os/exec"
	"strings"
	"testing"
)

// Reading other hosts (--remote, --prometheus) must not link net/http,
// crypto/tls, protobuf or a Prometheus library: any of them grows the
// binary by megabytes and the plain screen's resident memory with it
// (internal/httpget and the parser in internal/remote do the job).
func TestRemoteLinksNoHTTPOrPrometheusLibrary(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	banned := []string{"net/http", "crypto/tls", "google.golang.org/protobuf", "github.com/prometheus/"}
	for _, goos := range []string{"linux", "darwin", "windows"} {
		cmd := exec.Command("go", "list", "-deps", ".")
		cmd.Env = append(cmd.Environ(), "GOOS="+goos, "GOARCH=amd64", "CGO_ENABLED=0")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go list (%s): %v\n%s", goos, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, b := range banned {
				if dep == b || strings.HasPrefix(dep, strings.TrimSuffix(b, "/")+"/") {
					t.Errorf("%s build links %s", goos, dep)
				}
			}
		}
	}
}
