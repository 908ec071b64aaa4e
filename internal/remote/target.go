// Package remote reads the interface counters of other hosts: from their
// exporters (node_exporter, windows_exporter, another winload) in
// Prometheus' text format, or from a Prometheus server's HTTP API. It
// joins them to the local counters behind source.Source, naming each
// remote device HOST/DEVICE. Scrapes run in the background; Read only
// returns their latest results.
package remote

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/winload/winload/internal/httpget"
)

// Target is one --remote endpoint.
type Target struct {
	// Host names the endpoint's devices: HOST/DEVICE.
	Host string
	// URL is where its metrics are read.
	URL string
}

// ParseTarget reads a --remote value: URL or NAME=URL. A URL without a
// scheme gets http://, and one without a path gets /metrics, so that
// "web1:9100" reads node_exporter on web1. HOST is NAME, else the URL's
// host and port.
func ParseTarget(text string) (Target, error) {
	text = strings.TrimSpace(text)
	name, rest, named := strings.Cut(text, "=")
	if named && !strings.ContainsAny(name, ":/?") {
		text = strings.TrimSpace(rest)
		name = strings.TrimSpace(name)
		if name == "" {
			return Target{}, fmt.Errorf("%q: the NAME before = is empty", text)
		}
	} else {
		name = ""
	}
	u, err := parseURL(text)
	if err != nil {
		return Target{}, err
	}
	if u.Path == "" {
		u.Path = "/metrics"
	}
	if name == "" {
		name = u.Host
	}
	if strings.Contains(name, "/") {
		return Target{}, fmt.Errorf("%q: the NAME must not hold a /", name)
	}
	return Target{Host: name, URL: "http://" + u.Host + u.RequestURI()}, nil
}

// parseURL reads an http URL with a host; a URL without a scheme gets
// http://. https is refused: winload has no TLS client (see internal/httpget).
func parseURL(text string) (*url.URL, error) {
	if text == "" {
		return nil, fmt.Errorf("give a URL such as http://host:9100/metrics")
	}
	if !strings.Contains(text, "://") {
		text = "http://" + text
	}
	u, err := url.Parse(text)
	if err != nil {
		return nil, fmt.Errorf("%q is not a URL: %w", text, err)
	}
	if u.Scheme == "https" {
		return nil, fmt.Errorf("%q: https is not supported (winload has no TLS client); read the endpoint over http, or put it behind a proxy or tunnel that serves http locally", text)
	}
	if u.Scheme != "http" {
		return nil, fmt.Errorf("%q: only http:// URLs are read", text)
	}
	if u.Host == "" || u.Hostname() == "" {
		return nil, fmt.Errorf("%q has no host", text)
	}
	if _, err := httpget.HostPort(u); err != nil {
		return nil, fmt.Errorf("%q: %w", text, err)
	}
	return u, nil
}
