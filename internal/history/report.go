package history

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/winload/winload/internal/units"
)

// Kind is a table of --report: hourly, daily or monthly.
type Kind string

// The kinds of report.
const (
	Hourly  Kind = "hourly"
	Daily   Kind = "daily"
	Monthly Kind = "monthly"
)

// ParseKind reads a report kind; ok is false for anything else.
func ParseKind(s string) (Kind, bool) {
	switch k := Kind(strings.ToLower(s)); k {
	case Hourly, Daily, Monthly:
		return k, true
	}
	return "", false
}

// Report is what --report prints.
type Report struct {
	Kind     Kind
	Devices  []string // only these, in this order; all when empty
	Calendar Calendar
	Quotas   map[string]uint64
	Format   units.Format
	Now      time.Time
}

// row is one line of a report table.
type row struct {
	Start time.Time `json:"start"`
	In    uint64    `json:"in"`
	Out   uint64    `json:"out"`
}

// deviceReport is one device's part of a report.
type deviceReport struct {
	Device string `json:"device"`
	Kind   Kind   `json:"kind"`
	Rows   []row  `json:"rows"`
	Today  Amount `json:"today"`
	Month  Amount `json:"month"`
	// MonthStart is when the current billing month began.
	MonthStart time.Time `json:"month_start"`
	Total      Amount    `json:"total"`
	Quota      uint64    `json:"quota,omitempty"`
}

// names returns the devices to report: the asked ones, or all in name
// order. It fails for an asked device that has no history.
func (rp *Report) names(recs map[string]*Record) ([]string, error) {
	if len(rp.Devices) == 0 {
		names := make([]string, 0, len(recs))
		for name := range recs {
			names = append(names, name)
		}
		sortNames(names)
		return names, nil
	}
	for _, name := range rp.Devices {
		if recs[name] == nil {
			return nil, fmt.Errorf("no history for device %q", name)
		}
	}
	return rp.Devices, nil
}

func (rp *Report) build(recs map[string]*Record) ([]deviceReport, error) {
	names, err := rp.names(recs)
	if err != nil {
		return nil, err
	}
	cal := rp.Calendar
	day, month := cal.Day(rp.Now), cal.Month(rp.Now)
	out := make([]deviceReport, 0, len(names))
	for _, name := range names {
		rec := recs[name]
		d := deviceReport{Device: name, Kind: rp.Kind, Total: rec.Total, Quota: rp.Quotas[name], MonthStart: month,
			Today: find(rec.Days, day.Unix()), Month: sumSince(rec.Days, month.Unix(), day.Unix())}
		bs := rec.Days
		switch rp.Kind {
		case Hourly:
			bs = rec.Hours
		case Monthly:
			bs = rec.Months
		}
		d.Rows = []row{}
		for _, b := range bs {
			d.Rows = append(d.Rows, row{Start: time.Unix(b.Start, 0).In(cal.loc()), In: b.In, Out: b.Out})
		}
		out = append(out, d)
	}
	return out, nil
}

// WriteJSON writes the report as one JSON object on one line.
func (rp *Report) WriteJSON(w io.Writer, recs map[string]*Record) error {
	devs, err := rp.build(recs)
	if err != nil {
		return err
	}
	data, err := json.Marshal(struct {
		Devices []deviceReport `json:"devices"`
	}{devs})
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// WriteText writes the report as a table per device, as vnstat does.
func (rp *Report) WriteText(w io.Writer, recs map[string]*Record) error {
	devs, err := rp.build(recs)
	if err != nil {
		return err
	}
	if len(devs) == 0 {
		_, err := fmt.Fprintln(w, "no history yet: winload records while it runs")
		return err
	}
	layout, head := "2006-01-02", "day"
	switch rp.Kind {
	case Hourly:
		layout, head = "2006-01-02 15:04", "hour"
	case Monthly:
		head = "month from"
	}
	f := rp.Format
	var b strings.Builder
	line := func(label string, a Amount) {
		fmt.Fprintf(&b, "%16s %12s %12s %12s\n", label, amountText(f, float64(a.In)), amountText(f, float64(a.Out)), amountText(f, float64(a.In)+float64(a.Out)))
	}
	for i, d := range devs {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s (%s)\n", d.Device, d.Kind)
		fmt.Fprintf(&b, "%16s %12s %12s %12s\n", head, "rx", "tx", "total")
		for _, r := range d.Rows {
			line(r.Start.Format(layout), Amount{In: r.In, Out: r.Out})
		}
		line("today", d.Today)
		line("month", d.Month)
		line("all time", d.Total)
		if d.Quota > 0 {
			used := d.Month.In + d.Month.Out
			fmt.Fprintf(&b, "%16s %12s %12s %10.1f %%\n", "quota", amountText(f, float64(used)), "of "+amountText(f, float64(d.Quota)), Percent(used, d.Quota))
		}
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// Percent returns used as a percentage of quota.
func Percent(used, quota uint64) float64 {
	if quota == 0 {
		return 0
	}
	return float64(used) / float64(quota) * 100
}

// CheckQuota writes one line per device with a quota, how much of it the
// current billing month used, and reports whether any is exceeded.
func CheckQuota(w io.Writer, recs map[string]*Record, quotas map[string]uint64, cal Calendar, now time.Time, f units.Format) (exceeded bool, err error) {
	names := make([]string, 0, len(quotas))
	for name := range quotas {
		names = append(names, name)
	}
	sortNames(names)
	day, month := cal.Day(now), cal.Month(now)
	for _, name := range names {
		var used Amount
		if rec := recs[name]; rec != nil {
			used = sumSince(rec.Days, month.Unix(), day.Unix())
		}
		total := used.In + used.Out
		state := "ok"
		if total > quotas[name] {
			state, exceeded = "EXCEEDED", true
		}
		_, err = fmt.Fprintf(w, "%s: %s of %s used since %s (%.1f %%): %s\n", name,
			amountText(f, float64(total)), amountText(f, float64(quotas[name])), month.Format("2006-01-02"), Percent(total, quotas[name]), state)
		if err != nil {
			return exceeded, err
		}
	}
	return exceeded, nil
}

// sortNames sorts a few device names in place.
func sortNames(names []string) {
	for i := 1; i < len(names); i++ {
		for j := i; j > 0 && names[j] < names[j-1]; j-- {
			names[j], names[j-1] = names[j-1], names[j]
		}
	}
}

// amountText formats an amount of bytes in f's unit.
func amountText(f units.Format, bytes float64) string { return string(f.AppendAmount(nil, bytes)) }
