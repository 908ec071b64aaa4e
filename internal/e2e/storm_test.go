//go:build linux

package e2e

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Keys the storm sends. None of them quits: q, Q, Esc and Ctrl-C quit on
// the main screen, and the storm may believe the options window open when
// it is not. Escape is sent only after the screen shows the window.
var (
	stormMainKeys   = []string{"Right", "Left", "Up", "Down", "NPage", "PPage", "Enter", "Tab", "BTab", "m", "M", "F5", "F6", "x"}
	stormWindowKeys = []string{"Up", "Down", "Left", "Right", "Tab", "BTab", "-", "+", "=", "m"}
	stormSizes      = [][2]int{{10, 3}, {250, 80}, {40, 10}, {39, 9}, {41, 11}, {56, 17}, {80, 24}, {1, 1}, {200, 5}, {12, 70}}
)

// optionsVisible reports whether the options window's top border, with
// its title, is on screen (ASCII or Unicode box).
func optionsVisible(s string) bool {
	return strings.Contains(s, "- Options -") || strings.Contains(s, "─ Options ─")
}

// TestResizeAndKeyStorm resizes the terminal at random, tiny and huge
// sizes included, while typing random keys for 10 s (opening, editing and
// closing the options window, switching devices and views), then checks
// that winload still runs and draws a correct frame for the final size,
// and quits cleanly. The seed is logged; WINLOAD_STORM_SEED replays one.
func TestResizeAndKeyStorm(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("WINLOAD_STORM_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("WINLOAD_STORM_SEED: %v", err)
		}
		seed = v
	}
	t.Logf("seed %d (WINLOAD_STORM_SEED=%d replays it)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 1))

	p := newPane(t, 120, 40)
	startWinload(p, "--no-config -d lo -t 100")
	pid := winloadPID(p)

	var log []string // the latest actions, for the failure message
	note := func(format string, args ...any) {
		log = append(log, fmt.Sprintf(format, args...))
		if len(log) > 30 {
			log = log[1:]
		}
	}
	alive := func(when string) {
		t.Helper()
		if err := syscall.Kill(pid, 0); err != nil {
			t.Fatalf("winload is gone %s: %v\nlast actions:\n%s\nscreen:\n%s", when, err, strings.Join(log, "\n"), p.screen())
		}
	}

	open := false // the options window, as far as the storm knows
	width, height := 120, 40
	keys, resizes, escapes, checks := 0, 0, 0, 0
	start := time.Now()
	nextCheck := start.Add(500 * time.Millisecond)
	for time.Since(start) < 10*time.Second {
		switch r := rng.IntN(10); {
		case r < 3:
			if rng.IntN(3) == 0 {
				sz := stormSizes[rng.IntN(len(stormSizes))]
				width, height = sz[0], sz[1]
			} else {
				width, height = 10+rng.IntN(241), 3+rng.IntN(78)
			}
			p.resize(width, height)
			note("resize %dx%d", width, height)
			resizes++
		case !open && rng.IntN(12) == 0:
			p.send("F2")
			note("F2 (open)")
			open = true
			keys++
		case !open:
			batch := make([]string, 1+rng.IntN(4))
			for i := range batch {
				batch[i] = stormMainKeys[rng.IntN(len(stormMainKeys))]
			}
			p.send(batch...)
			note("main keys %v", batch)
			keys += len(batch)
		case rng.IntN(8) == 0:
			// Close the window: Enter or F2 blindly, Escape only once
			// the window is seen on a screen big enough to show it.
			switch k := rng.IntN(3); {
			case k == 2 && width >= 56 && height >= 18:
				p.waitFor(optionsVisible, 5*time.Second, "the options window before Escape")
				p.send("Escape")
				p.waitFor(func(s string) bool { return !optionsVisible(s) }, 5*time.Second, "Escape to close the options window")
				note("Escape (close, checked)")
				escapes++
			case k == 1:
				p.send("F2")
				note("F2 (close)")
			default:
				p.send("Enter")
				note("Enter (close)")
			}
			open = false
			keys++
		default:
			batch := make([]string, 1+rng.IntN(3))
			for i := range batch {
				batch[i] = stormWindowKeys[rng.IntN(len(stormWindowKeys))]
			}
			p.send(batch...)
			note("window keys %v", batch)
			keys += len(batch)
		}
		time.Sleep(time.Duration(rng.IntN(25)) * time.Millisecond)
		if time.Now().After(nextCheck) {
			alive("during the storm")
			if s := p.screen(); strings.Contains(s, "EXIT=") || strings.Contains(strings.ToLower(s), "panic") {
				t.Fatalf("winload quit or panicked during the storm\nlast actions:\n%s\nscreen:\n%s", strings.Join(log, "\n"), s)
			}
			checks++
			nextCheck = time.Now().Add(500 * time.Millisecond)
		}
	}
	storm := time.Since(start)

	// The final size; close the options window and leave the multi view,
	// whatever state the storm left them in.
	p.resize(132, 43)
	note("resize 132x43 (final)")
	time.Sleep(300 * time.Millisecond)
	for attempt := 0; ; attempt++ {
		s := p.screen()
		if optionsVisible(s) {
			p.send("Enter")
		} else if strings.HasPrefix(s, "winload: ") {
			p.send("m")
		} else {
			break
		}
		if attempt == 5 {
			t.Fatalf("cannot get back to the single view:\n%s", s)
		}
		time.Sleep(300 * time.Millisecond)
	}
	alive("after the storm")

	size := strings.Fields(p.tmux("display-message", "-p", "-t", "main", "#{pane_width} #{pane_height}"))
	w, _ := strconv.Atoi(size[0])
	h, _ := strconv.Atoi(size[1])
	good := func(s string) bool {
		lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
		if len(lines) != h || !strings.HasPrefix(lines[0], "Device ") || lines[1] != strings.Repeat("=", w) {
			return false
		}
		in, out := false, false
		for _, l := range lines {
			in = in || strings.HasPrefix(l, "Incoming")
			out = out || strings.HasPrefix(l, "Outgoing")
		}
		// The help bar is the last line, or the last above the talkers
		// panel when the storm's 'p' left it open.
		help := lines[h-1]
		for i, l := range lines {
			if i > 0 && strings.HasPrefix(strings.TrimSpace(l), "Talkers ") { // "Talkers by …" or "Talkers on DEVICE by …"
				help = lines[i-1]
				break
			}
		}
		return in && out && strings.Contains(help, "Quit") && !strings.Contains(strings.ToLower(s), "panic")
	}
	p.waitFor(good, 5*time.Second, fmt.Sprintf("a correct %dx%d frame (header, a rule of %d '=', both panels, the help bar)", w, h, w))
	t.Logf("storm of %v: %d keys, %d resizes, %d checked Escapes, %d liveness checks; final frame %dx%d correct",
		storm.Round(time.Millisecond), keys, resizes, escapes, checks, w, h)

	p.send("q")
	terminalRestored(p, "0")
}
