// Package report writes winload's plain-text output, for when no screen
// is drawn.
package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/rivo/uniseg"

	"github.com/winload/winload/internal/printable"
	"github.com/winload/winload/internal/source"
)

// DebugInfo writes one line per device with its address and raw counters,
// followed by what the source says about itself. Names are escaped
// (printable.String) and the columns aligned by display width, so wide
// and combining characters keep them straight.
func DebugInfo(w io.Writer, devs []source.Device, status source.Status) error {
	rows := [][]string{{"DEVICE", "ADDRESS", "RX BYTES", "TX BYTES"}}
	for _, d := range devs {
		addr := d.Addr
		if addr == "" {
			addr = "-"
		}
		rows = append(rows, []string{printable.String(d.Name), printable.String(addr),
			strconv.FormatUint(d.Rx, 10), strconv.FormatUint(d.Tx, 10)})
	}
	var b strings.Builder
	writeColumns(&b, rows, 2)
	for _, line := range []struct{ label, text string }{
		{"source", status.Tag}, {"adapter", status.Detail}, {"warning", status.Warning}, {"error", status.Error}, {"reader", status.Reader},
	} {
		if line.text != "" {
			fmt.Fprintf(&b, "%s: %s\n", line.label, printable.String(line.text))
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing device list: %w", err)
	}
	return nil
}

// writeColumns writes rows as left-aligned columns, each as wide as its
// widest cell on screen plus gap spaces; the last cell of a row is not
// padded.
func writeColumns(b *strings.Builder, rows [][]string, gap int) {
	var widths []int
	for _, row := range rows {
		for i, cell := range row {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], uniseg.StringWidth(cell))
		}
	}
	for _, row := range rows {
		for i, cell := range row {
			b.WriteString(cell)
			if i < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-uniseg.StringWidth(cell)+gap))
			}
		}
		b.WriteByte('\n')
	}
}
