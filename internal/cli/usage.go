package cli

import (
	"strings"

	"github.com/winload/winload/internal/units"
)

// Usage returns the text --help prints.
func Usage() string {
	var v flagValues
	fs := newFlagSet(&v)
	var b strings.Builder
	b.WriteString(`winload: watch the network load of an interface, in the line of nload.

Usage: winload [options] [DEVICE...]

Devices named as arguments restrict the list to them, in that order.

Options:
`)
	b.WriteString(fs.FlagUsages())
	b.WriteString(`
Values for -m/--max: ` + units.RateSyntax + `.

Keys:
  Right, Down, PgDn, Enter, Tab   next device (next page in multi view)
  Left, Up, PgUp                  previous device (previous page)
  m                               switch between one device and several
  F2                              options window; F5 saves the settings, F6 reloads them
  q, Esc, Ctrl-C                  quit

Examples:
  winload                         watch the first device
  winload -d eth                  start on the first device whose name contains "eth"
  winload -t 200 -a 60 -u byte    refresh every 200 ms, average over a minute, show bytes
  winload -m 1Gbit -U             fixed scale of one gigabit per second, Unicode graph
  winload -M --exclude 'veth*'    several devices at once, without container veths
  winload eth0 wlan0 -u M         just these two, rates in MiB/s
  winload --json --count 10 | jq  ten samples of every device as JSON
  winload -f traffic.log          also append nload's traffic log to traffic.log
  winload --debug-info            print every interface and its counters, then exit
  winload --npcap                 Windows: count loopback traffic through Npcap

Units: rates and totals use powers of 1024 (KiB, Mibit) unless --si asks for
powers of 1000 (kB, Mbit).

When standard output is not a terminal, winload writes one text line per device
per sample instead of drawing (JSON with --json).

Settings file: the keys are long flag names (interval = 250, unit = "byte");
flags on the command line take precedence over it.

Environment: NO_COLOR turns colours off.
`)
	return b.String()
}
