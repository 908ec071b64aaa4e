// Package export serves the counters of the monitor's last sample to
// Prometheus: GET /metrics in the text exposition format, from the
// immutable snapshot the monitor publishes each tick, so that a scrape
// never waits for the sampling loop nor holds it up.
//
// The exposition is written here rather than by a client library: every
// Prometheus library links net/http, which costs the screen over 2.7 MiB of
// memory in every run, with or without --listen (docs/prometheus.md).
package export

import (
	"io"
	"strconv"
	"strings"

	"github.com/winload/winload/internal/monitor"
)

// Info is what the exposition says about winload itself.
type Info struct {
	// Version, GOOS and GOARCH label winload_build_info.
	Version, GOOS, GOARCH string
	// Loopback is how loopback traffic is counted: native, npcap or etw.
	Loopback string
}

// family is one metric family of a device's counters.
type family struct {
	name, help string
	value      func(c *monitor.Counters) (uint64, bool)
}

func always(f func(c *monitor.Counters) uint64) func(c *monitor.Counters) (uint64, bool) {
	return func(c *monitor.Counters) (uint64, bool) { return f(c), true }
}

func extra(f func(c *monitor.Counters) uint64) func(c *monitor.Counters) (uint64, bool) {
	return func(c *monitor.Counters) (uint64, bool) { return f(c), c.Extra.Valid }
}

// families are the per-device counters, named after node_exporter's.
var families = [...]family{
	{"winload_network_receive_bytes_total", "Bytes received by the device.", always(func(c *monitor.Counters) uint64 { return c.Rx })},
	{"winload_network_transmit_bytes_total", "Bytes sent by the device.", always(func(c *monitor.Counters) uint64 { return c.Tx })},
	{"winload_network_receive_packets_total", "Packets received by the device.", extra(func(c *monitor.Counters) uint64 { return c.Extra.RxPackets })},
	{"winload_network_transmit_packets_total", "Packets sent by the device.", extra(func(c *monitor.Counters) uint64 { return c.Extra.TxPackets })},
	{"winload_network_receive_errors_total", "Receive errors of the device.", extra(func(c *monitor.Counters) uint64 { return c.Extra.RxErrors })},
	{"winload_network_transmit_errors_total", "Transmit errors of the device.", extra(func(c *monitor.Counters) uint64 { return c.Extra.TxErrors })},
	{"winload_network_receive_drops_total", "Received packets the device dropped.", extra(func(c *monitor.Counters) uint64 { return c.Extra.RxDropped })},
	{"winload_network_transmit_drops_total", "Packets to send the device dropped.", extra(func(c *monitor.Counters) uint64 { return c.Extra.TxDropped })},
}

// escapes are the text format's escapes in label values: backslash,
// double quote and line feed.
var escapes = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

// labelValue escapes a label value; bytes that are not UTF-8 (a Linux
// interface name may hold any) become U+FFFD, since Prometheus refuses a
// whole scrape over one such label.
func labelValue(v string) string { return escapes.Replace(strings.ToValidUTF8(v, "\uFFFD")) }

// header writes a family's HELP and TYPE lines; promtool counts a family
// without help as a problem. The texts are constants that need no
// escaping.
func header(w io.Writer, name, help, kind string) {
	io.WriteString(w, "# HELP "+name+" "+help+"\n# TYPE "+name+" "+kind+"\n")
}

// sample writes one sample line: the series (name and labels, already
// escaped) and its value in decimal, which holds every uint64 exactly.
func sample(w io.Writer, series string, v uint64) {
	io.WriteString(w, series+" "+strconv.FormatUint(v, 10)+"\n")
}

// Write writes the exposition of s, which may be nil before the first
// sample, to w. Only this machine's devices are written: devices with a
// Host come from another machine, which exports them itself.
func Write(w io.Writer, s *monitor.Snapshot, info Info) {
	header(w, "winload_build_info", "A metric with a constant 1 labelled by the version, OS and architecture winload was built for.", "gauge")
	sample(w, `winload_build_info{version="`+labelValue(info.Version)+`",goos="`+labelValue(info.GOOS)+`",goarch="`+labelValue(info.GOARCH)+`"}`, 1)
	header(w, "winload_loopback_info", "A metric with a constant 1 labelled by how loopback traffic is counted: native, npcap or etw.", "gauge")
	sample(w, `winload_loopback_info{mode="`+labelValue(info.Loopback)+`"}`, 1)
	if s == nil {
		return
	}
	for i := range families {
		f := &families[i]
		wrote := false
		for j := range s.Devices {
			c := &s.Devices[j]
			v, ok := f.value(c)
			if c.Host != "" || !ok {
				continue
			}
			if !wrote {
				header(w, f.name, f.help, "counter")
				wrote = true
			}
			sample(w, f.name+`{device="`+labelValue(c.Name)+`"}`, v)
		}
	}
}
