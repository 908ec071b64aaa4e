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

Usage: winload [options]

Options:
`)
	b.WriteString(fs.FlagUsages())
	b.WriteString(`
Values for -m/--max: ` + units.RateSyntax + `.

Keys:
  Right, Down, PgDn, Enter, Tab   next device
  Left, Up, PgUp                  previous device
  q, Esc, Ctrl-C                  quit

Examples:
  winload                         watch the first device
  winload -d eth                  start on the first device whose name contains "eth"
  winload -t 200 -a 60 -u byte    refresh every 200 ms, average over a minute, show bytes
  winload -m 1Gbit -U             fixed scale of one gigabit per second, Unicode graph
  winload --debug-info            print every interface and its counters, then exit
  winload --npcap                 Windows: count loopback traffic through Npcap

Environment: NO_COLOR turns colours off.
`)
	return b.String()
}
