// Package report writes winload's plain-text output, for when no screen
// is drawn.
package report

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/winload/winload/internal/source"
)

// DebugInfo writes one line per device with its address and raw counters,
// followed by what the source says about itself.
func DebugInfo(w io.Writer, devs []source.Device, status source.Status) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DEVICE\tADDRESS\tRX BYTES\tTX BYTES")
	for _, d := range devs {
		addr := d.Addr
		if addr == "" {
			addr = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\n", d.Name, addr, d.Rx, d.Tx)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("writing device list: %w", err)
	}
	for _, line := range []struct{ label, text string }{
		{"source", status.Tag}, {"adapter", status.Detail}, {"warning", status.Warning}, {"error", status.Error}, {"reader", status.Reader},
	} {
		if line.text != "" {
			if _, err := fmt.Fprintf(w, "%s: %s\n", line.label, line.text); err != nil {
				return fmt.Errorf("writing device list: %w", err)
			}
		}
	}
	return nil
}
