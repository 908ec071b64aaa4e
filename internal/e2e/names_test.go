//go:build linux

package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// runInNetns runs winload inside the namespace with stdout and stderr
// captured (so stdout is not a terminal).
func runInNetns(t *testing.T, ip, ns string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(ip, append([]string{"netns", "exec", ns, binary, "--no-config"}, args...)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("running winload %v: %v", args, err)
	}
	return out.String(), errOut.String(), code
}

// TestHostileInterfaceNames gives interfaces names the kernel allows but
// a terminal must never receive raw (ESC[31m, which turns text red, and
// bytes that are not UTF-8) and one of wide characters, in a namespace of
// their own. Every text output shows them escaped, --debug-info keeps its
// columns, JSON keeps the exact name and the screen shows no control
// character.
func TestHostileInterfaceNames(t *testing.T) {
	ip, ns := netns(t)
	const red, notUTF8, wide = "\x1b[31mx", "p\xff\xfe", "é以"
	ipBatch(t, ip, ns, []string{
		fmt.Sprintf("link add %s type veth peer name %s", red, notUTF8),
		fmt.Sprintf("link add %s type veth peer name p3", wide),
	})
	const redShown, notUTF8Shown = `\x1b[31mx`, `p\xff\xfe`
	noControls := func(what, out string) {
		t.Helper()
		if strings.ContainsRune(out, '\x1b') || !utf8.ValidString(out) {
			t.Errorf("%s writes a raw control character or invalid byte: %q", what, out)
		}
	}

	out, errOut, code := runInNetns(t, ip, ns, "--debug-info")
	if code != 0 {
		t.Fatalf("--debug-info: exit %d: %s", code, errOut)
	}
	noControls("--debug-info", out)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	column := -1
	for _, l := range lines {
		if !strings.Contains(l, "  -  ") && !strings.HasPrefix(l, "DEVICE") {
			continue
		}
		i := strings.Index(l, "  -  ")
		if strings.HasPrefix(l, "DEVICE") {
			i = strings.Index(l, "ADDRESS") - 2
		}
		if w := uniseg.StringWidth(l[:i]); column < 0 {
			column = w
		} else if w != column {
			t.Errorf("--debug-info columns misaligned at %q:\n%s", l, out)
		}
	}
	for _, name := range []string{redShown, notUTF8Shown, wide} {
		if !strings.Contains(out, name) {
			t.Errorf("--debug-info does not list %q:\n%s", name, out)
		}
	}

	out, errOut, code = runInNetns(t, ip, ns, "-t", "100", "--count", "2")
	if code != 0 {
		t.Fatalf("text stream: exit %d: %s", code, errOut)
	}
	noControls("the text stream", out)
	if !strings.Contains(out, " "+redShown+" in: ") {
		t.Errorf("the text stream does not show %s escaped:\n%s", redShown, out)
	}

	out, errOut, code = runInNetns(t, ip, ns, "-t", "100", "--count", "1", "--json")
	if code != 0 {
		t.Fatalf("JSON: exit %d: %s", code, errOut)
	}
	found := false
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		var r struct{ Device string }
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("JSON line %q: %v", l, err)
		}
		found = found || r.Device == red
	}
	if !found {
		t.Errorf("JSON does not carry the exact name %q:\n%s", red, out)
	}

	_, errOut, code = runInNetns(t, ip, ns, "-d", "nosuch", "--json")
	if code != 2 || !strings.Contains(errOut, redShown) {
		t.Errorf("-d nosuch: exit %d, %q", code, errOut)
	}
	noControls("the error message", errOut)

	p := newPane(t, 100, 30)
	p.run(fmt.Sprintf(`%s netns exec %s %s --no-config -d 31mx; echo "EXIT=$?"`, ip, ns, binary))
	s := p.waitText("Incoming", 10*time.Second)
	if !strings.Contains(s, "Device ?[31mx") {
		t.Errorf("the screen's header does not show the name with '?' for ESC:\n%s", s)
	}
	p.send("q")
	terminalRestored(p, "0")
}
