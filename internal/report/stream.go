package report

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/printable"
	"github.com/winload/winload/internal/stats"
	"github.com/winload/winload/internal/talkers"
	"github.com/winload/winload/internal/units"
)

// Stream writes one line per device per sample to a writer that is not a
// terminal: readable text, or one JSON object per line.
type Stream struct {
	w           io.Writer
	json        bool
	rate, total units.Format
	buf         []byte
	talkers     func() *talkers.Table // nil without --talkers
}

// NewText returns a Stream of text lines formatted with rate and total.
func NewText(w io.Writer, rate, total units.Format) *Stream {
	return &Stream{w: w, rate: rate, total: total}
}

// NewJSON returns a Stream of JSON objects, one per line.
func NewJSON(w io.Writer) *Stream { return &Stream{w: w, json: true} }

// JSONReading is the object --json writes: times in RFC 3339, data in
// bytes and rates in bytes per second.
type JSONReading struct {
	Time   string        `json:"time"`
	Device string        `json:"device"`
	In     JSONDirection `json:"in"`
	Out    JSONDirection `json:"out"`
	// Error says why the device's counters could not be read (another
	// host that is unreachable); its numbers are 0 then.
	Error string `json:"error,omitempty"`
}

// JSONDirection is one direction's numbers in a JSONReading.
type JSONDirection struct {
	Total uint64  `json:"total"`
	Curr  float64 `json:"curr"`
	Avg   float64 `json:"avg"`
	Min   float64 `json:"min"`
	Max   float64 `json:"max"`
}

// Write implements monitor.Sink. Devices without rates yet are skipped,
// unless their counters could not be read: that is written as a line with
// the reason.
// Each sample's lines go out in one write (see commit): a failed write
// ends with an error and, on a regular file, without a partial line.
func (s *Stream) Write(now time.Time, readings []monitor.Reading) error {
	b := s.buf[:0]
	var tab *talkers.Table
	if s.talkers != nil {
		tab = s.talkers()
	}
	for _, r := range readings {
		if !r.Valid && r.Error == "" {
			continue
		}
		if s.json {
			var v any = JSONReading{
				Time: now.Format(time.RFC3339Nano), Device: r.Device,
				In:    JSONDirection{r.In.Total, r.In.Curr, r.In.Avg, r.In.Min, r.In.Max},
				Out:   JSONDirection{r.Out.Total, r.Out.Curr, r.Out.Avg, r.Out.Min, r.Out.Max},
				Error: r.Error,
			}
			if tab != nil {
				v = jsonReadingTalkers{v.(JSONReading), jsonTalkers(tab.Of(r.Device)), tab.Dropped}
			}
			line, err := json.Marshal(v)
			if err != nil {
				return fmt.Errorf("encoding JSON: %w", err)
			}
			b = append(append(b, line...), '\n')
			continue
		}
		b = s.appendText(b, now, r)
		if tab != nil {
			b = s.appendTextTalkers(b, tab, r.Device)
		}
	}
	s.buf = b
	if len(b) == 0 {
		return nil
	}
	return commit(s.w, b, "to standard output")
}

// appendText appends a line such as
// "2026-11-25 22:14:15 eth0 in: curr 1.50 MiB/s avg … ttl 6.08 GiB | out: …".
func (s *Stream) appendText(b []byte, now time.Time, r monitor.Reading) []byte {
	b = now.AppendFormat(b, "2006-01-02 15:04:05 ")
	b = printable.Append(b, r.Device)
	if r.Error != "" {
		b = append(b, " ("...)
		b = printable.Append(b, r.Error)
		return append(b, ")\n"...)
	}
	b = s.appendDirection(append(b, " in:"...), r.In)
	b = s.appendDirection(append(b, " | out:"...), r.Out)
	return append(b, '\n')
}

func (s *Stream) appendDirection(b []byte, st stats.Stat) []byte {
	b = s.rate.AppendRate(append(b, " curr "...), st.Curr)
	b = s.rate.AppendRate(append(b, " avg "...), st.Avg)
	b = s.rate.AppendRate(append(b, " min "...), st.Min)
	b = s.rate.AppendRate(append(b, " max "...), st.Max)
	return s.total.AppendAmount(append(b, " ttl "...), float64(st.Total))
}
