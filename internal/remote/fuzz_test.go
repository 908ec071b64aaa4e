package remote

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// Whatever the body, parseExposition returns
// devices named HOST/..., sorted and unique, or an error; never a panic.
func FuzzParseExposition(f *testing.F) {
	for _, name := range []string{"windows_exporter.prom", "winload.prom"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("# TYPE node_network_receive_bytes_total counter\nnode_network_receive_bytes_total{device=\"lo\"} 382\nnode_network_transmit_bytes_total{device=\"lo\"} 382\n"))
	f.Add([]byte("node_network_receive_bytes_total{device=\"a\"} 1e300 -1\n"))
	f.Add([]byte("{\"node_network_transmit_bytes_total\", \"device\"=\"a\\\"b\\\\c\\nd\",}\t2 17\r\n# TYPE x histogram\n"))
	f.Fuzz(func(t *testing.T, body []byte) {
		devs, err := parseExposition(bytes.NewReader(body), "h", scrapeTime)
		if err != nil {
			return
		}
		for i, d := range devs {
			if !strings.HasPrefix(d.Name, "h/") || d.At.IsZero() {
				t.Fatalf("device %+v", d)
			}
			if i > 0 && devs[i-1].Name >= d.Name {
				t.Fatalf("not sorted and unique: %q then %q", devs[i-1].Name, d.Name)
			}
		}
	})
}

// The API answer's decoding and joining: any answer decodes and joins to devices
// with a time, or to an error; never a panic.
func FuzzJoinAPIAnswer(f *testing.F) {
	for _, name := range []string{"prometheus-2.42-query.json", "prometheus-2.42-query_range.json", "prometheus-2.42-bad_data.json"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"status":"success","data":{"result":[{"metric":{"__name__":"node_network_receive_bytes_total","device":"x"},"value":[1e300,"-1"]}]}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		ans, err := decodeAnswer(body)
		if err != nil {
			return
		}
		for _, matrix := range []bool{false, true} {
			devs, err := join(ans.Result, matrix)
			if err != nil {
				continue
			}
			for _, d := range devs {
				if d.At.IsZero() || !strings.Contains(d.Name, "/") {
					t.Fatalf("device %+v", d)
				}
			}
		}
	})
}

// Whatever the text, ParseTarget gives an http URL and a HOST without
// a slash, or an error.
func FuzzParseTarget(f *testing.F) {
	for _, s := range []string{"web1:9100", "db=https://10.0.0.5:9182/metrics", "http://[::1]:9101", "=x", "a=b=c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		tg, err := ParseTarget(text)
		if err != nil {
			return
		}
		if tg.Host == "" || strings.Contains(tg.Host, "/") || !strings.HasPrefix(tg.URL, "http://") {
			t.Fatalf("ParseTarget(%q) = %+v", text, tg)
		}
	})
}
