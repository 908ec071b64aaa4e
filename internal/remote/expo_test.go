package remote

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/winload/winload/internal/source"
)

var scrapeTime = time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC)

// The recorded expositions of every exporter winload reads give the
// devices, named HOST/DEVICE, with their counters and the scrape time.
func TestParseRecordedExpositions(t *testing.T) {
	for _, tc := range []struct {
		file string
		want []source.Device
	}{
		// Debian's node_exporter 1.5.0 in a network namespace with a veth
		// pair, lo shown (--collector.netdev.device-exclude='^$').
		{"node_exporter-1.5.prom", []source.Device{
			{Name: "h/lo", Rx: 382, Tx: 382},
			{Name: "h/veth-a", Rx: 266, Tx: 266},
			{Name: "h/veth-b", Rx: 266, Tx: 266},
		}},
		{"windows_exporter.prom", []source.Device{
			{Name: "h/Intel[R] Wi-Fi 6E AX211 160MHz", Rx: 25669132000, Tx: 1033618000},
			{Name: "h/Microsoft_Hyper_V_Network_Adapter", Rx: 105848279, Tx: 141699537},
		}},
		{"winload.prom", []source.Device{
			{Name: "h/eth0", Rx: 123456789, Tx: 98765},
			{Name: "h/lo", Rx: 42, Tx: 42},
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f, err := os.Open("testdata/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := parseExposition(f, "h", scrapeTime)
			if err != nil {
				t.Fatal(err)
			}
			for i := range tc.want {
				tc.want[i].At = scrapeTime
			}
			assertDevices(t, got, tc.want)
		})
	}
}

func assertDevices(t *testing.T, got, want []source.Device) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d devices %+v, want %d %+v", len(got), got, len(want), want)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Name != w.Name || g.Rx != w.Rx || g.Tx != w.Tx || !g.At.Equal(w.At) || g.Err != w.Err {
			t.Errorf("device %d: got %+v, want %+v", i, g, w)
		}
	}
}

func TestParseExpositionRefusesWhatIsNoByteCounter(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"html", "<html><body>It works!</body></html>\n", "not Prometheus text format"},
		{"other metrics", "# TYPE up gauge\nup 1\n", "no interface byte counters"},
		{"empty", "", "no interface byte counters"},
		{"negative", `node_network_receive_bytes_total{device="eth0"} -5` + "\n", "not a byte count"},
		{"NaN", `node_network_receive_bytes_total{device="eth0"} NaN` + "\n", "not a byte count"},
		{"infinite", `node_network_transmit_bytes_total{device="eth0"} +Inf` + "\n", "not a byte count"},
		{"too big", `node_network_transmit_bytes_total{device="eth0"} 1e20` + "\n", "not a byte count"},
		{"histogram", "# TYPE node_network_receive_bytes_total histogram\nnode_network_receive_bytes_total_bucket{device=\"eth0\",le=\"+Inf\"} 1\n", "not a counter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseExposition(strings.NewReader(tc.body), "h", scrapeTime)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error saying %q", err, tc.want)
			}
		})
	}
}

// A sample's own timestamp is when its counter was taken; a device
// without the label is skipped; a device with only one direction has 0
// in the other.
func TestParseExpositionTimestampsAndGaps(t *testing.T) {
	body := `node_network_receive_bytes_total{device="eth0"} 100 1700000000123
node_network_receive_bytes_total 7
node_network_transmit_bytes_total{device="wlan0"} 5
`
	got, err := parseExposition(strings.NewReader(body), "web1", scrapeTime)
	if err != nil {
		t.Fatal(err)
	}
	assertDevices(t, got, []source.Device{
		{Name: "web1/eth0", Rx: 100, At: time.UnixMilli(1700000000123)},
		{Name: "web1/wlan0", Tx: 5, At: scrapeTime},
	})
}

func TestParseTarget(t *testing.T) {
	for _, tc := range []struct{ in, host, url, err string }{
		{in: "http://192.0.2.7:9100/metrics", host: "192.0.2.7:9100", url: "http://192.0.2.7:9100/metrics"},
		{in: "192.0.2.7:9100", host: "192.0.2.7:9100", url: "http://192.0.2.7:9100/metrics"},
		{in: "web1=localhost:9100", host: "web1", url: "http://localhost:9100/metrics"},
		{in: "web1=web1:9100", host: "web1", url: "http://web1:9100/metrics"},
		{in: "web1.lan:9100", host: "web1.lan:9100", url: "http://web1.lan:9100/metrics"},
		{in: "web1:99999", err: `"http://web1:99999": "99999" is not a port`},
		{in: "db=http://10.0.0.5:9182/metrics", host: "db", url: "http://10.0.0.5:9182/metrics"},
		{in: "db=https://10.0.0.5:9182/metrics", err: "https is not supported"},
		{in: " db = 10.0.0.5:9182 ", host: "db", url: "http://10.0.0.5:9182/metrics"},
		{in: "http://[::1]:9101", host: "[::1]:9101", url: "http://[::1]:9101/metrics"},
		{in: "http://10.1.2.3:1/m?collect[]=netdev&x=y", host: "10.1.2.3:1", url: "http://10.1.2.3:1/m?collect[]=netdev&x=y"},
		{in: "=http://10.1.2.3:1/", err: "NAME before = is empty"},
		{in: "", err: "give a URL"},
		{in: "ftp://h/x", err: "only http:// URLs"},
		{in: "http:///metrics", err: "has no host"},
		{in: "http://10.1.2.3:1/%zz", err: "is not a URL"},
		{in: "http://10.1.2.3:99999/", err: `"99999" is not a port`},
	} {
		got, err := ParseTarget(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseTarget(%q) = %+v, %v; want error %q", tc.in, got, err, tc.err)
			}
			continue
		}
		if err != nil || got.Host != tc.host || got.URL != tc.url {
			t.Errorf("ParseTarget(%q) = %+v, %v; want host %q url %q", tc.in, got, err, tc.host, tc.url)
		}
	}
}

// Prometheus' series are named INSTANCE/DEVICE (the job when there is no
// instance), with the device from the scheme's label; a counter whose
// sample time is missing is left out, and series of other metrics are
// ignored.
func TestJoinNamesSeries(t *testing.T) {
	body := `{"status":"success","data":{"resultType":"vector","result":[
{"metric":{"__name__":"windows_net_bytes_received_total","nic":"Intel[R] Wi-Fi","instance":"win:9182"},"value":[1700000001.5,"1.5e+06"]},
{"metric":{"__name__":"windows_net_bytes_sent_total","nic":"Intel[R] Wi-Fi","instance":"win:9182"},"value":[1700000001.5,"2000"]},
{"metric":{"winload_series":"windows_net_bytes_received_total","nic":"Intel[R] Wi-Fi","instance":"win:9182"},"value":[1700000001.5,"1700000000.25"]},
{"metric":{"__name__":"node_network_receive_bytes_total","device":"eth0","job":"edge"},"value":[1700000001.5,"7"]},
{"metric":{"winload_series":"node_network_receive_bytes_total","device":"eth0","job":"edge"},"value":[1700000001.5,"1700000001"]},
{"metric":{"__name__":"node_network_receive_bytes_total","device":"eth1","instance":"a:1"},"value":[1700000001.5,"9"]},
{"metric":{"__name__":"up","instance":"a:1"},"value":[1700000001.5,"1"]}]}}`
	ans, err := decodeAnswer([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	devs, err := join(ans.Result, false)
	if err != nil {
		t.Fatal(err)
	}
	assertDevices(t, devs, []source.Device{
		{Name: "edge/eth0", Rx: 7, At: time.UnixMilli(1700000001000)},
		{Name: "win:9182/Intel[R] Wi-Fi", Rx: 1500000, Tx: 2000, At: time.UnixMilli(1700000000250)},
	})
}

// The syntax of the text format that winload's parser must read: label
// escapes, quoted names, blanks, a trailing comma, exponents, Windows line
// ends, comments of any kind, and samples of other metrics.
func TestParseExpositionSyntax(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       []source.Device
	}{
		{"escapes", `node_network_receive_bytes_total{device="a\"b\\c\nd"} 1` + "\n",
			[]source.Device{{Name: "h/a\"b\\c\nd", Rx: 1}}},
		{"quoted names", `{"node_network_transmit_bytes_total", "device"="x.y"} 2` + "\n",
			[]source.Device{{Name: "h/x.y", Tx: 2}}},
		{"blanks and trailing comma", "  node_network_receive_bytes_total { job = \"n\" , device = \"e\" , }\t3.5e3   \n",
			[]source.Device{{Name: "h/e", Rx: 3500}}},
		{"CRLF and no final newline", "# HELP node_network_receive_bytes_total Network device statistic receive_bytes.\r\n# TYPE node_network_receive_bytes_total counter\r\nnode_network_receive_bytes_total{device=\"e\"} 4\r\nnode_network_transmit_bytes_total{device=\"e\"} 5",
			[]source.Device{{Name: "h/e", Rx: 4, Tx: 5}}},
		{"other lines", "# just a comment\n#\n\nup 1\nhttp_requests_total{code=\"200\",path=\"/a{b}\"} +Inf 17\nnode_network_receive_bytes_total{device=\"e\"} 6\nx_sum NaN\n",
			[]source.Device{{Name: "h/e", Rx: 6}}},
		{"only its HELP", "# HELP winload_network_receive_bytes_total Bytes.\nnode_network_receive_bytes_total{device=\"e\"} 6\n",
			[]source.Device{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseExposition(strings.NewReader(tc.body), "h", scrapeTime)
			if err != nil {
				t.Fatal(err)
			}
			for i := range tc.want {
				tc.want[i].At = scrapeTime
			}
			assertDevices(t, got, tc.want)
		})
	}
}

// Malformed lines are refused with the line's number, wherever they are.
func TestParseExpositionSyntaxErrors(t *testing.T) {
	for _, tc := range []struct{ body, want string }{
		{`a{device="x\t"} 1`, `line 1: unknown escape \t`},
		{"up 1\n" + `a{device="x} 1`, "line 2: a string without its closing quote"},
		{`a{device="x" 1`, `line 1: "1" where , or } belongs`},
		{`a{device} 1`, `line 1: label "device" without =`},
		{`a{device=x} 1`, `line 1: label "device" without a quoted value`},
		{`a{1="x"} 1`, "line 1: \"1=\\\"x\\\"} 1\" is not a label name"},
		{"a", `line 1: "a" has no value`},
		{"a one", `line 1: "one" is not a value`},
		{"a 1 2.5", `line 1: "2.5" is not a timestamp`},
		{"a 1 2 3", `line 1: " 3" after the timestamp`},
		{"a-b 1", `line 1: no blank after the metric name "a"`},
		{"1a 1", `line 1: "1a 1" does not start with a metric name`},
		{`a{"b","c"} 1`, "line 1: a quoted metric name must come first"},
		{`a{"b"} 1`, "line 1: a metric name both before and inside the braces"},
		{"# TYPE a counter\n# TYPE b countr", `line 2: unknown metric type "countr"`},
		{"# TYPE", "line 1: # TYPE without a metric name"},
	} {
		_, err := parseExposition(strings.NewReader(tc.body), "h", scrapeTime)
		if err == nil || !strings.Contains(err.Error(), "not Prometheus text format: "+tc.want) {
			t.Errorf("%q: got %v, want an error with %q", tc.body, err, tc.want)
		}
	}
}
