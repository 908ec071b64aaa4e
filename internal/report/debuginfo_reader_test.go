package report

import (
	"strings"
	"testing"

	"github.com/winload/winload/internal/source"
)

func TestDebugInfoNamesReader(t *testing.T) {
	var out strings.Builder
	st := source.Status{Reader: "sysctl NET_RT_IFLIST2", Error: "loopback capture stopped"}
	if err := DebugInfo(&out, []source.Device{{Name: "en0"}}, st); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"reader: sysctl NET_RT_IFLIST2\n", "error: loopback capture stopped\n"} {
		if !strings.Contains(out.String(), line) {
			t.Errorf("--debug-info output lacks %q:\n%s", line, out.String())
		}
	}
}
