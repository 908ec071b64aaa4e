package cli

import (
	"fmt"
	"strconv"

	"github.com/winload/winload/internal/config"
	"github.com/winload/winload/internal/ui"
	"github.com/winload/winload/internal/units"
)

// Entries turns settings into the lines of a settings file, keyed by flag
// name, so that Parse reads back the same settings.
func Entries(s ui.Settings) []config.Entry {
	o := s.Options
	e := []config.Entry{
		{Key: "interval", Value: strconv.FormatInt(s.Interval.Milliseconds(), 10)},
		{Key: "average", Value: strconv.FormatFloat(s.Average.Seconds(), 'f', -1, 64)},
		{Key: "unit", Value: unitLetter(o.Rate)},
		{Key: "total-unit", Value: unitLetter(o.Total)},
		{Key: "si", Value: strconv.FormatBool(o.Rate.SI)},
		{Key: "graph", Value: graphStyles[o.Graph]},
		{Key: "bar-style", Value: [...]string{ui.BarFill: "fill", ui.BarColor: "color", ui.BarPlain: "plain"}[o.Bar]},
		{Key: "in-color", Value: hexColour(o.InColor.Hex())},
		{Key: "out-color", Value: hexColour(o.OutColor.Hex())},
		{Key: "emoji", Value: strconv.FormatBool(o.Emoji)},
		{Key: "no-graph", Value: strconv.FormatBool(o.NoGraph)},
		{Key: "multi", Value: strconv.FormatBool(o.Multi)},
	}
	if o.InMax > 0 {
		e = append(e, config.Entry{Key: "in-max", Value: strconv.FormatFloat(o.InMax, 'f', -1, 64)})
	}
	if o.OutMax > 0 {
		e = append(e, config.Entry{Key: "out-max", Value: strconv.FormatFloat(o.OutMax, 'f', -1, 64)})
	}
	return e
}

func hexColour(rgb int32) string { return fmt.Sprintf("%06x", rgb&0xffffff) }

// unitLetter names a format by nload's letter for it.
func unitLetter(f units.Format) string {
	f.SI = false
	for letter, g := range unitLetters {
		if g == f {
			return letter
		}
	}
	return "h"
}
