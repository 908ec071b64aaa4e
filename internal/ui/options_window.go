package ui

import (
	"strconv"
	"time"

	"github.com/winload/winload/internal/units"
)

// field is one line of the options window.
type field int

// The fields of the options window, top to bottom.
const (
	fieldInterval field = iota
	fieldAverage
	fieldRate
	fieldTotal
	fieldSI
	fieldInMax
	fieldOutMax
	fieldGraph
	fieldBar
	fieldMulti
	fieldCount
)

// fieldNames are the fields' labels.
var fieldNames = [fieldCount]string{
	"Interval", "Average", "Rate unit", "Total unit", "SI prefixes",
	"In scale", "Out scale", "Graph", "Bar style", "Multi view",
}

// The number of graph and bar styles the window steps through.
const (
	graphStyles = int(GraphBraille) + 1
	barStyles   = int(BarPlain) + 1
)

// optionsWindow is the state of the options window.
type optionsWindow struct {
	orig Settings // the settings in use when the window opened
	edit Settings // as edited
	sel  field    // the selected field
}

func newOptionsWindow(s Settings) optionsWindow {
	return optionsWindow{orig: s, edit: s}
}

// changed reports whether the edited settings differ from the original.
func (w *optionsWindow) changed() bool {
	return w.edit != w.orig
}

// move selects the field delta lines away, wrapping around.
func (w *optionsWindow) move(delta int) {
	w.sel = field(stepWrap(int(w.sel), int(fieldCount), delta))
}

// step changes the selected field to the value delta places away: among
// the presets and the value at opening for numbers (stopping at the
// ends), around the choices for the others.
func (w *optionsWindow) step(delta int) {
	e, o := &w.edit, &w.orig
	switch w.sel {
	case fieldInterval:
		e.Interval = stepOrdered(e.Interval, o.Interval, intervalPresets[:], delta)
	case fieldAverage:
		e.Average = stepOrdered(e.Average, o.Average, averagePresets[:], delta)
	case fieldRate:
		e.Rate = stepUnit(e.Rate, o.Rate, delta)
	case fieldTotal:
		e.Total = stepUnit(e.Total, o.Total, delta)
	case fieldSI:
		si := !e.Rate.SI
		e.Rate.SI, e.Total.SI = si, si
	case fieldInMax:
		p := scalePresets(e.Rate.SI)
		e.InMax = stepOrdered(e.InMax, o.InMax, p[:], delta)
	case fieldOutMax:
		p := scalePresets(e.Rate.SI)
		e.OutMax = stepOrdered(e.OutMax, o.OutMax, p[:], delta)
	case fieldGraph:
		e.Graph = GraphStyle(stepWrap(int(e.Graph), graphStyles, delta))
	case fieldBar:
		e.Bar = BarStyle(stepWrap(int(e.Bar), barStyles, delta))
	case fieldMulti:
		e.Multi = !e.Multi
	}
}

// appendValue appends the edited value of f as the window shows it.
func (w *optionsWindow) appendValue(dst []byte, f field) []byte {
	e := &w.edit
	switch f {
	case fieldInterval:
		return appendDuration(dst, e.Interval, time.Millisecond, " ms")
	case fieldAverage:
		return appendDuration(dst, e.Average, time.Second, " s")
	case fieldRate:
		return appendUnit(dst, e.Rate)
	case fieldTotal:
		return appendUnit(dst, e.Total)
	case fieldSI:
		return appendOnOff(dst, e.Rate.SI)
	case fieldInMax:
		return appendScale(dst, e.Rate, e.InMax)
	case fieldOutMax:
		return appendScale(dst, e.Rate, e.OutMax)
	case fieldGraph:
		return append(dst, e.Graph.String()...)
	case fieldBar:
		return append(dst, e.Bar.String()...)
	default:
		return appendOnOff(dst, e.Multi)
	}
}

// appendDuration appends d in the given unit, such as "500 ms".
func appendDuration(dst []byte, d, unit time.Duration, label string) []byte {
	dst = strconv.AppendFloat(dst, float64(d)/float64(unit), 'f', -1, 64)
	return append(dst, label...)
}

// appendUnit appends "auto bits", "auto bytes" or a unit such as "Mibit".
func appendUnit(dst []byte, f units.Format) []byte {
	switch {
	case f.Prefix == units.Auto && f.Bits:
		return append(dst, "auto bits"...)
	case f.Prefix == units.Auto:
		return append(dst, "auto bytes"...)
	case f.Prefix > units.Peta || f.Prefix < units.Auto:
		return append(dst, '?')
	default:
		return append(dst, f.Unit(int(f.Prefix-units.None))...)
	}
}

// appendScale appends "auto" or the fixed scale as a rate.
func appendScale(dst []byte, rate units.Format, v float64) []byte {
	if v <= 0 {
		return append(dst, "auto"...)
	}
	return rate.AppendRate(dst, v)
}

func appendOnOff(dst []byte, on bool) []byte {
	if on {
		return append(dst, "on"...)
	}
	return append(dst, "off"...)
}
