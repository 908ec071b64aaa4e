package cli

import (
	"fmt"
	"strings"

	"github.com/winload/winload/internal/keys"
	"github.com/winload/winload/internal/settings"
	"github.com/winload/winload/internal/units"
)

// Usage returns the text --help prints.
func Usage() string {
	var b strings.Builder
	b.WriteString(`winload: watch the network load of an interface, in the line of nload.

Usage: winload [options] [DEVICE...]

Devices named as arguments restrict the list to them, in that order.

Options:
`)
	b.WriteString(flagUsages())
	b.WriteString("\n")
	b.WriteString(wrap("Values for -m, -i and -o: auto, a bare number in kbit/s (1024 bits/s, as nload's -i and -o take it), or "+units.RateSyntax+".", 80))
	b.WriteString("\nKeys:\n")
	b.WriteString(keys.Help(keys.Main()))
	b.WriteString("\nIn the options window (F2):\n")
	b.WriteString(keys.Help(keys.Window()))
	b.WriteString(`
Examples:
  winload                         watch the first device
  winload -d eth                  start on the first device whose name contains "eth"
  winload -t 200 -a 60 -u byte    refresh every 200 ms, average over a minute, show bytes
  winload -m 1Gbit -U             fixed scale of one gigabit per second, Unicode graph
  winload -M --exclude 'veth*'    several devices at once, without container veths
  winload eth0 wlan0 -u M         just these two, rates in MiB/s
  winload --json --count 10 | jq  ten samples of every device as JSON
  winload -f traffic.log          also append nload's traffic log to traffic.log
  winload --quota eth0=1TB        show Today, Month and how much of 1 TB is used
  winload --report monthly eth0   the kept totals of eth0 per billing month
  winload --debug-info            print every interface and its counters, then exit
  winload --npcap                 Windows: count loopback traffic through Npcap

Units: rates and totals use powers of 1024 (KiB, Mibit) unless --si asks for
powers of 1000 (kB, Mbit).

When standard output is not a terminal, winload writes one text line per device
per sample instead of drawing (JSON with --json).

Settings file: the keys are long flag names (interval = 250, unit = "byte");
flags on the command line take precedence over it.

Coming from nload: -m (several devices) is -M here, -U UNIT (unit of totals)
is --total-unit; -a, -t, -u, -f, -i and -o work as in nload.

Environment: NO_COLOR turns colours off.
`)
	return b.String()
}

// flagUsages lists the flags of the table one per line: the names, the
// value's placeholder, the usage and a non-empty default.
func flagUsages() string {
	type row struct{ left, right string }
	var rows []row
	width := 0
	for _, f := range settings.Table() {
		left := "      --" + f.Name
		if f.Short != "" {
			left = "  -" + f.Short + ", --" + f.Name
		}
		usage := f.Usage
		if f.Kind != settings.Switch {
			left += " " + f.Arg
			if f.Default != "" {
				usage += fmt.Sprintf(" (default %s)", f.Default)
			}
		}
		rows = append(rows, row{left, usage})
		width = max(width, len(left))
	}
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "%-*s   %s\n", width, r.left, r.right)
	}
	return b.String()
}

// wrap breaks text into lines of at most width columns at spaces.
func wrap(text string, width int) string {
	var b strings.Builder
	col := 0
	for _, word := range strings.Fields(text) {
		if col > 0 && col+1+len(word) > width {
			b.WriteString("\n")
			col = 0
		} else if col > 0 {
			b.WriteString(" ")
			col++
		}
		b.WriteString(word)
		col += len(word)
	}
	b.WriteString("\n")
	return b.String()
}
