package report

import (
	"net/netip"
	"strconv"

	"github.com/winload/winload/internal/printable"
	"github.com/winload/winload/internal/talkers"
)

// textTalkers is how many talkers the text stream prints per device.
const textTalkers = 5

// ShowTalkers makes every device's line carry its talkers from latest's
// table (those whose device is not known under every device): a
// "talkers" array in JSON, with "talkers_dropped" when the kernel dropped
// captured frames, the busiest five as indented lines in text. Rows
// whose sockets all closed are left out.
func (s *Stream) ShowTalkers(latest func() *talkers.Table) { s.talkers = latest }

// JSONTalker is one element of a device's "talkers" array: rates in
// bytes/s, totals in bytes since the talker was first seen; fields the
// grouping does not have are empty.
type JSONTalker struct {
	PID     int        `json:"pid"`
	Process string     `json:"process"`
	User    string     `json:"user"`
	Cgroup  string     `json:"cgroup"`
	Proto   string     `json:"proto"`
	Local   string     `json:"local"`
	Remote  string     `json:"remote"`
	In      JSONTalked `json:"in"`
	Out     JSONTalked `json:"out"`
}

// JSONTalked is one direction of a JSONTalker.
type JSONTalked struct {
	Curr  float64 `json:"curr"`
	Avg   float64 `json:"avg"`
	Total uint64  `json:"total"`
}

// jsonReadingTalkers is a JSONReading with its talkers.
type jsonReadingTalkers struct {
	JSONReading
	Talkers []JSONTalker `json:"talkers"`
	// Dropped is the frames the kernel dropped since the capture began.
	Dropped uint64 `json:"talkers_dropped,omitempty"`
}

// jsonTalkers converts the open rows.
func jsonTalkers(rows []talkers.Row) []JSONTalker {
	out := []JSONTalker{}
	for i := range rows {
		r := &rows[i]
		if r.Ended {
			continue
		}
		out = append(out, JSONTalker{
			PID: r.PID, Process: r.Process, User: r.User, Cgroup: r.Cgroup, Proto: r.Proto,
			Local: addrText(r.Local), Remote: addrText(r.Remote),
			In:  JSONTalked{r.In.Curr, r.In.Avg, r.In.Total},
			Out: JSONTalked{r.Out.Curr, r.Out.Avg, r.Out.Total},
		})
	}
	return out
}

// addrText writes an address, ":PORT" for a port alone, "" for none.
func addrText(a netip.AddrPort) string {
	switch {
	case a.Addr().IsValid() && a.Port() == 0:
		return a.Addr().String()
	case a.Addr().IsValid():
		return a.String()
	case a.Port() != 0:
		return ":" + strconv.Itoa(int(a.Port()))
	}
	return ""
}

// appendTextTalkers appends up to five lines such as
// "  talker 4242 firefox (ann) in: curr 1.50 MiB/s avg … ttl … | out: …",
// or the reason there are none.
func (s *Stream) appendTextTalkers(b []byte, t *talkers.Table, dev string) []byte {
	if t.Problem != "" {
		b = append(b, "  talkers: "...)
		return append(printable.Append(b, t.Problem), '\n')
	}
	if t.Dropped > 0 {
		b = append(strconv.AppendUint(append(b, "  talkers: "...), t.Dropped, 10), " frames dropped by the kernel\n"...)
	}
	rows := t.Of(dev)
	n := 0
	for i := range rows {
		r := &rows[i]
		if r.Ended || n == textTalkers {
			continue
		}
		n++
		b = append(b, "  talker "...)
		if r.PID != 0 {
			b = strconv.AppendInt(b, int64(r.PID), 10)
			b = append(b, ' ')
			b = printable.Append(b, r.Process)
		} else {
			b = append(b, '?')
		}
		if r.User != "" {
			b = append(b, " ("...)
			b = append(printable.Append(b, r.User), ')')
		}
		b = s.appendTalked(append(b, " in:"...), r.In)
		b = s.appendTalked(append(b, " | out:"...), r.Out)
		b = append(b, '\n')
	}
	return b
}

func (s *Stream) appendTalked(b []byte, r talkers.Rate) []byte {
	b = s.rate.AppendRate(append(b, " curr "...), r.Curr)
	b = s.rate.AppendRate(append(b, " avg "...), r.Avg)
	return s.total.AppendAmount(append(b, " ttl "...), float64(r.Total))
}
