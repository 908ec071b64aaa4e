package remote

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/winload/winload/internal/source"
)

// scheme is how one kind of exporter names its interface byte counters.
type scheme struct {
	rx, tx, label string
}

// schemes are the exporters understood, in the order they are looked
// for: another winload, node_exporter, windows_exporter.
var schemes = [...]scheme{
	{"winload_network_receive_bytes_total", "winload_network_transmit_bytes_total", "device"},
	{"node_network_receive_bytes_total", "node_network_transmit_bytes_total", "device"},
	{"windows_net_bytes_received_total", "windows_net_bytes_sent_total", "nic"},
}

// errNoCounters is returned for an answer without interface byte counters.
var errNoCounters = errors.New("no interface byte counters in the answer (node_network_receive_bytes_total, windows_net_bytes_received_total or winload_network_receive_bytes_total)")

// parseExposition reads an answer in Prometheus' text format (0.0.4)
// and returns the devices of the first scheme found, named host/DEVICE,
// sorted, each with the time its counters were taken: the sample's own
// timestamp when the exposition has one, else at. Every line must be a
// comment or a well-formed sample; only the byte counters are kept.
func parseExposition(r io.Reader, host string, at time.Time) ([]source.Device, error) {
	var found [len(schemes)]struct {
		seen bool
		err  error
		c    collector
	}
	for i := range found {
		found[i].c = collector{host: host, at: at, label: schemes[i].label}
	}
	br := bufio.NewReader(r)
	var lp lineParser
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			var long []byte
			long, err = readLong(br, line)
			line = long
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		if len(line) > 0 {
			if perr := lp.parse(line, func(name []byte, typ string, s *sample) {
				for i, sc := range schemes {
					if string(name) != sc.rx && string(name) != sc.tx {
						continue
					}
					f := &found[i]
					f.seen = true
					if f.err != nil {
						return
					}
					switch {
					case s == nil && typ != "" && typ != "counter" && typ != "gauge" && typ != "untyped":
						f.err = fmt.Errorf("%s is not a counter", name)
					case s != nil:
						transmit := string(name) == sc.tx
						family := sc.rx
						if transmit {
							family = sc.tx
						}
						f.err = f.c.add(family, s, transmit)
					}
				}
			}); perr != nil {
				return nil, fmt.Errorf("not Prometheus text format: line %d: %w", n, perr)
			}
		}
		if err == io.EOF {
			break
		}
	}
	for _, f := range found {
		if f.seen {
			if f.err != nil {
				return nil, f.err
			}
			return f.c.devices(), nil
		}
	}
	return nil, errNoCounters
}

// readLong completes a line longer than br's buffer.
func readLong(br *bufio.Reader, start []byte) ([]byte, error) {
	line := append([]byte(nil), start...)
	for {
		part, err := br.ReadSlice('\n')
		line = append(line, part...)
		if err != bufio.ErrBufferFull {
			return line, err
		}
	}
}

// collector gathers the receive and transmit series of one answer into
// devices.
type collector struct {
	host  string
	at    time.Time
	label string
	devs  []source.Device
}

func (c *collector) add(family string, s *sample, transmit bool) error {
	name := s.label(c.label)
	if name == "" {
		return nil
	}
	v, err := byteCount(family, s.value)
	if err != nil {
		return err
	}
	at := c.at
	if s.hasTime {
		at = time.UnixMilli(s.ms)
	}
	d := c.device(c.host+"/"+name, at)
	if transmit {
		d.Tx = v
	} else {
		d.Rx = v
	}
	return nil
}

func (c *collector) device(name string, at time.Time) *source.Device {
	for i := range c.devs {
		if c.devs[i].Name == name {
			return &c.devs[i]
		}
	}
	c.devs = append(c.devs, source.Device{Name: name, Host: c.host, At: at})
	return &c.devs[len(c.devs)-1]
}

func (c *collector) devices() []source.Device {
	sortDevices(c.devs)
	return c.devs
}

// maxExact is the largest float64 that converts to uint64 without
// overflow (2^64 is not one).
const maxExact = 1 << 64

// byteCount converts a sample value to a counter; negative, infinite and
// NaN values are refused.
func byteCount(family string, v float64) (uint64, error) {
	if math.IsNaN(v) || v < 0 || v >= maxExact {
		return 0, fmt.Errorf("%s has the value %v, not a byte count", family, v)
	}
	return uint64(v), nil
}
