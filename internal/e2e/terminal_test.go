//go:build linux

package e2e

import (
	"strings"
	"testing"
	"time"
)

// alternateOn reports whether the pane shows the alternate screen.
func alternateOn(p *pane) bool {
	return strings.TrimSpace(p.tmux("display-message", "-p", "-t", "main", "#{alternate_on}")) == "1"
}

// cookedMode checks that the shell's terminal has echo and canonical mode.
func cookedMode(p *pane, marker string) {
	p.t.Helper()
	p.run("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | sort | tr '\\n' ' '; echo " + marker + "-$((6*7))")
	s := p.waitText(marker+"-42", 5*time.Second)
	if !strings.Contains(s, "echo icanon") {
		p.t.Errorf("terminal not in cooked mode with echo:\n%s", s)
	}
}

// Ctrl-Z suspends winload as a shell job: the terminal is back in cooked
// mode on the normal screen with the shell's prompt; fg continues it on
// the alternate screen, drawn again, and it keeps running.
func TestCtrlZSuspendsAndFgResumes(t *testing.T) {
	p := newPane(t, 100, 30)
	// Alone on its command line: in a list, bash would go on with the
	// next command when the job stops.
	p.run(binary + " --no-config -d lo -t 200")
	p.waitText("Incoming", 10*time.Second)
	p.send("C-z")
	p.waitText("Stopped", 5*time.Second)
	if alternateOn(p) {
		t.Errorf("alternate screen still on after Ctrl-Z:\n%s", p.screen())
	}
	cookedMode(p, "SUSPENDED")
	p.tmux("clear-history", "-t", "main")
	p.run("clear; fg")
	p.waitFor(func(s string) bool {
		return strings.Contains(s, "Device lo") && strings.Contains(s, "Incoming") && strings.Contains(s, "Outgoing")
	}, 5*time.Second, "the screen drawn again after fg")
	if !alternateOn(p) {
		t.Errorf("not on the alternate screen after fg")
	}
	// Still live: it answers keys.
	p.send("m")
	p.waitText("winload: ", 5*time.Second)
	p.send("q")
	// Type the next command only at the shell's prompt: keys typed while
	// winload still runs are its input, not the shell's.
	p.waitFor(func(s string) bool {
		lines := strings.Split(strings.TrimRight(s, "\n "), "\n")
		return !alternateOn(p) && strings.TrimSpace(lines[len(lines)-1]) == "$"
	}, 5*time.Second, "the shell's prompt after q")
	p.run(`echo "EXIT=$?"`)
	terminalRestored(p, "0")
}

// TERM=dumb cannot place the cursor: winload says so in one line and
// prints the text stream instead. An unknown or empty TERM draws the
// screen with a basic definition and says so in the header.
func TestTermFallbacks(t *testing.T) {
	t.Run("dumb", func(t *testing.T) {
		p := newPane(t, 150, 30)
		p.run("TERM=dumb " + binary + ` --no-config -t 200 --count 2 lo; echo "EXIT=$?"`)
		s := p.waitText("EXIT=0", 10*time.Second)
		if !strings.Contains(s, "winload: TERM=dumb cannot show the screen; printing text lines instead") {
			t.Errorf("no note about TERM=dumb:\n%s", s)
		}
		if strings.Count(s, " lo in: curr ") != 2 {
			t.Errorf("want two text lines for lo:\n%s", s)
		}
	})
	for _, tt := range []struct{ name, env, hint string }{
		{"unknown", "TERM=no-such-terminal", "[TERM=no-such-terminal unknown: as xterm]"},
		{"empty", "TERM=", "[TERM unset: as xterm]"},
		{"unset", "-u TERM", "[TERM unset: as xterm]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := newPane(t, 120, 30)
			p.run("env " + tt.env + " " + binary + ` --no-config -d lo; echo "EXIT=$?"`)
			s := p.waitText("Incoming", 10*time.Second)
			if header := strings.SplitN(s, "\n", 2)[0]; !strings.Contains(header, tt.hint) {
				t.Errorf("header %q lacks %q", header, tt.hint)
			}
			p.send("q")
			terminalRestored(p, "0")
		})
	}
}

// Under the C locale the terminal shows ASCII only: the Braille, Unicode
// and block graphs and the emoji fall back to ASCII with a note in the
// header, instead of a screen of '?'.
func TestCLocaleFallsBackToASCII(t *testing.T) {
	for _, args := range []string{"--graph braille", "--graph unicode", "--graph block", "-U", "-e"} {
		t.Run(args, func(t *testing.T) {
			p := newPane(t, 120, 30)
			p.run("LANG=C LC_ALL=C " + binary + " --no-config -d lo " + args + `; echo "EXIT=$?"`)
			s := p.waitText("Incoming", 10*time.Second)
			if !strings.Contains(s, "[ASCII: the terminal's charset lacks the glyphs]") {
				t.Errorf("no fallback note:\n%s", s)
			}
			if strings.Contains(s, "?") {
				t.Errorf("characters the terminal cannot show:\n%s", s)
			}
			p.send("q")
			terminalRestored(p, "0")
		})
	}
}
