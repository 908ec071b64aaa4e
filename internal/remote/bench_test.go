package remote

import (
	"bytes"
	"os"
	"testing"
)

// BenchmarkParseExposition parses a whole node_exporter 1.5 answer (all
// default collectors, 57 KB): what each scrape of it costs.
func BenchmarkParseExposition(b *testing.B) {
	body, err := os.ReadFile("testdata/node_exporter-1.5.prom")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseExposition(bytes.NewReader(body), "h", scrapeTime); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeAnswer decodes and joins a recorded Prometheus 2.42
// answer to the instant query: what each --prometheus read costs for one
// host (the work grows with the series).
func BenchmarkDecodeAnswer(b *testing.B) {
	body, err := os.ReadFile("testdata/prometheus-2.42-query.json")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		ans, err := decodeAnswer(body)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := join(ans.Result, false); err != nil {
			b.Fatal(err)
		}
	}
}
