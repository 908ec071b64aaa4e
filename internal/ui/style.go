package ui

import (
	"github.com/gdamore/tcell/v2"

	model "github.com/winload/winload/internal/settings"
)

// colour returns c as a tcell colour, def when c is the default colour.
func colour(c, def model.Color) tcell.Color {
	rgb, ok := c.RGB()
	if !ok {
		rgb, _ = def.RGB()
	}
	return tcell.NewHexColor(int32(rgb))
}

// palette holds every style one frame uses, worked out from Options.
type palette struct {
	plain, header, warn, err, help tcell.Style
	label                          [2]tcell.Style
	bar                            [2][levelCount]tcell.Style
}

func newPalette(o *Options) palette {
	plain := tcell.StyleDefault
	p := palette{
		plain:  plain,
		header: plain.Bold(true),
		warn:   plain.Bold(true),
		err:    plain.Bold(true),
		help:   plain.Reverse(true),
		label:  [2]tcell.Style{plain.Bold(true), plain.Bold(true)},
	}
	if !o.Color {
		return p
	}
	p.warn = p.warn.Foreground(tcell.ColorYellow)
	p.err = p.err.Foreground(tcell.ColorRed)
	colors := [2]tcell.Color{colour(o.InColor, model.DefaultInColor), colour(o.OutColor, model.DefaultOutColor)}
	for d, c := range colors {
		p.label[d] = p.label[d].Foreground(c)
		if o.Bar == BarPlain {
			continue
		}
		part := plain.Foreground(c)
		full := part
		if o.Bar == BarFill {
			full = full.Background(c)
		}
		p.bar[d] = [levelCount]tcell.Style{plain, part, part, part, full}
	}
	return p
}
