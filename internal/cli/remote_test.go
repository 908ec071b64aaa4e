package cli

import (
	"errors"
	"strings"
	"testing"
)

func TestParseRemoteFlags(t *testing.T) {
	cfg, err := Parse([]string{"--remote", "web1=10.0.0.4:9100", "--remote", "http://10.0.0.5:9182/metrics",
		"--prometheus", "http://10.0.0.9:9090", "--match", `{job="node"}`, "--include", "web*/eth0"}, linux)
	if err != nil {
		t.Fatal(err)
	}
	r := cfg.Remote
	if len(r.Targets) != 2 || r.Targets[0].Host != "web1" || r.Targets[0].URL != "http://10.0.0.4:9100/metrics" ||
		r.Targets[1].Host != "10.0.0.5:9182" || r.Prometheus != "http://10.0.0.9:9090" || r.Match != `{job="node"}` {
		t.Errorf("remote options %+v", r)
	}
	if !cfg.Filter.Allows("web1/eth0") || cfg.Filter.Allows("web1/eth1") || cfg.Filter.Allows("eth0") {
		t.Errorf("--include 'web*/eth0' must match the host's eth0 only")
	}
}

func TestParseRemoteFlagErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--remote", "ftp://x/y"}, `--remote: "ftp://x/y": only http:// URLs are read`},
		{[]string{"--remote", "https://x:9100/metrics"}, `--remote: "https://x:9100/metrics": https is not supported`},
		{[]string{"--prometheus", "https://prom:9090"}, `--prometheus: "https://prom:9090": https is not supported`},
		{[]string{"--remote", ""}, "--remote: give a URL such as http://host:9100/metrics"},
		{[]string{"--prometheus", " "}, "--prometheus: give the Prometheus server's URL"},
		{[]string{"--match", `{job="node"}`}, "--match: narrows the series of --prometheus; give --prometheus URL too"},
		{[]string{"--prometheus", "10.0.0.9:9090", "--match", "node"}, `--match: "node": give label matchers in braces`},
		{[]string{"--remote", "a=10.0.0.4:9100", "--remote", "a=10.0.0.5:9100"}, `--remote: "a" names two endpoints`},
		{[]string{"--remote", "10.0.0.4:9100", "--remote", "http://10.0.0.4:9100/other"}, `--remote: "10.0.0.4:9100" names two endpoints`},
		{[]string{"--remote", "web1:99999"}, `--remote: "http://web1:99999": "99999" is not a port`},
		{[]string{"--prometheus", "prom:0"}, `--prometheus: "http://prom:0": "0" is not a port`},
	} {
		_, err := Parse(tc.args, linux)
		var usage *UsageError
		if !errors.As(err, &usage) || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want a usage error starting %q", tc.args, err, tc.want)
		}
	}
}
