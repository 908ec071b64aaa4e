package source

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ErrProcNetDevFormat is wrapped by every error parseProcNetDev returns.
var ErrProcNetDevFormat = errors.New("unexpected /proc/net/dev format")

// parseProcNetDev appends one Device per interface line of a
// /proc/net/dev text to dst. intern maps a name's bytes to a string kept
// from an earlier call, so steady-state parsing allocates nothing; new
// names are added to it.
//
// The text has two header lines, then lines of the form
// "  name: rxBytes rxPackets rxErrs rxDrop ... (8 receive fields) txBytes
// txPackets txErrs txDrop ...". Lines with fewer than 12 fields (the
// kernel writes 16) give bytes only.
func parseProcNetDev(text []byte, dst []Device, intern map[string]string) ([]Device, error) {
	line := 0
	for len(text) > 0 {
		end := 0
		for end < len(text) && text[end] != '\n' {
			end++
		}
		row := text[:end]
		if end < len(text) {
			end++
		}
		text = text[end:]
		line++
		if line <= 2 || len(trimSpace(row)) == 0 {
			continue
		}
		colon := -1
		for i := len(row) - 1; i >= 0; i-- {
			if row[i] == ':' {
				colon = i
				break
			}
		}
		if colon < 0 {
			return dst, fmt.Errorf("%w: line %d has no ':'", ErrProcNetDevFormat, line)
		}
		nameBytes := trimSpace(row[:colon])
		if len(nameBytes) == 0 {
			return dst, fmt.Errorf("%w: line %d has no interface name", ErrProcNetDevFormat, line)
		}
		var c [12]uint64 // the receive fields, then the transmit fields
		field := 0
		rest := row[colon+1:]
		for len(rest) > 0 && field < len(c) {
			rest = trimLeft(rest)
			n := 0
			for n < len(rest) && !isSpace(rest[n]) {
				n++
			}
			if n == 0 {
				break
			}
			if wanted(field) {
				v, err := parseUint(rest[:n])
				if err != nil {
					return dst, fmt.Errorf("%w: line %d: %v", ErrProcNetDevFormat, line, err)
				}
				c[field] = v
			}
			rest = rest[n:]
			field++
		}
		if field <= 8 {
			return dst, fmt.Errorf("%w: line %d has %d fields, want at least 9", ErrProcNetDevFormat, line, field)
		}
		name, ok := intern[string(nameBytes)]
		if !ok {
			name = string(nameBytes)
			intern[name] = name
		}
		d := Device{Name: name, Rx: c[0], Tx: c[8]}
		if field == len(c) {
			d.Extra = Extra{Valid: true, RxPackets: c[1], RxErrors: c[2], RxDropped: c[3], TxPackets: c[9], TxErrors: c[10], TxDropped: c[11]}
		}
		dst = append(dst, d)
	}
	return dst, nil
}

// wanted tells the fields of a /proc/net/dev line that winload keeps:
// bytes, packets, errors and drops of each direction (0-3 and 8-11).
func wanted(field int) bool { return field&7 < 4 }

func parseUint(b []byte) (uint64, error) {
	var v uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("%q is not a counter", b)
		}
		d := uint64(c - '0')
		if v > (1<<64-1-d)/10 {
			return 0, fmt.Errorf("%q overflows 64 bits", b)
		}
		v = v*10 + d
	}
	if len(b) == 0 {
		return 0, errors.New("empty counter")
	}
	return v, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

func trimLeft(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	return b
}

func trimSpace(b []byte) []byte {
	b = trimLeft(b)
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// nameOrder sorts device lists by name, remembering the order of the last
// list: /proc/net/dev lists interfaces by index, and while the same names
// come in the same places the remembered order applies without a sort.
type nameOrder struct {
	names   []string // the last list's names, as read
	order   []int    // order[k] is the place, as read, of the k-th name sorted
	scratch []Device
}

// sort sorts devs by name in place.
func (o *nameOrder) sort(devs []Device) {
	same := len(devs) == len(o.names)
	for i := 0; same && i < len(devs); i++ {
		same = devs[i].Name == o.names[i]
	}
	if !same {
		o.names = o.names[:0]
		o.order = o.order[:0]
		for i := range devs {
			o.names = append(o.names, devs[i].Name)
			o.order = append(o.order, i)
		}
		slices.SortFunc(o.order, func(a, b int) int { return strings.Compare(o.names[a], o.names[b]) })
	}
	o.scratch = o.scratch[:0]
	for _, i := range o.order {
		o.scratch = append(o.scratch, devs[i])
	}
	copy(devs, o.scratch)
}
