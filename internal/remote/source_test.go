package remote

import (
	"context"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/monitor"
	"github.com/winload/winload/internal/source"
	"github.com/winload/winload/internal/stats"
)

// localSource is the local machine with one device.
type localSource struct{ rx uint64 }

func (l *localSource) Read(dst []source.Device) ([]source.Device, error) {
	l.rx += 1000
	return append(dst[:0], source.Device{Name: "eth0", Rx: l.rx, Tx: l.rx}), nil
}
func (l *localSource) Status() source.Status { return source.Status{} }
func (l *localSource) Close() error          { return nil }

// exporterStub serves what the test sets: counters of eth0 at a time
// given in the exposition, an HTTP status, a raw body, or nothing until
// the test ends (hang).
type exporterStub struct {
	mu     sync.Mutex
	rx, tx uint64
	ms     int64 // sample timestamp, ms
	status int
	body   string
	hang   bool
	done   chan struct{}
}

func newExporterStub(t *testing.T) (*exporterStub, *httptest.Server) {
	s := &exporterStub{status: http.StatusOK, ms: 1_700_000_000_000, done: make(chan struct{})}
	srv := httptest.NewServer(s)
	t.Cleanup(func() {
		close(s.done)
		srv.Close()
	})
	return s, srv
}

func (s *exporterStub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	hang, status, body := s.hang, s.status, s.body
	if body == "" {
		body = fmt.Sprintf("node_network_receive_bytes_total{device=\"eth0\"} %d %d\nnode_network_transmit_bytes_total{device=\"eth0\"} %d %d\n", s.rx, s.ms, s.tx, s.ms)
	}
	s.mu.Unlock()
	if hang {
		select {
		case <-s.done:
		case <-r.Context().Done():
		}
		return
	}
	w.WriteHeader(status)
	io.WriteString(w, body)
}

// set makes the next scrapes see rx and tx taken dt after the last ones.
func (s *exporterStub) set(rx, tx uint64, dt time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rx, s.tx, s.ms = rx, tx, s.ms+dt.Milliseconds()
	s.status, s.body, s.hang = http.StatusOK, "", false
}

func (s *exporterStub) answer(status int, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.status, s.body = status, body
}

// testPoller is a poller of one target, driven by the test.
func testPoller(t *testing.T, host, url string) *poller {
	t.Helper()
	target, err := ParseTarget(host + "=" + url)
	if err != nil {
		t.Fatal(err)
	}
	return &poller{f: &exporter{target: target, limit: maxExpositionBytes}, timeout: time.Second}
}

// sampler feeds a monitor from a joined source whose pollers the test
// drives.
type sampler struct {
	t   *testing.T
	src *Source
	mon *monitor.Monitor
	now time.Time
}

func newSampler(t *testing.T, pollers ...*poller) *sampler {
	src := &Source{local: &localSource{}, pollers: pollers, cancel: func() {}}
	mon, err := monitor.New(src, monitor.Options{Stats: stats.Config{Interval: time.Second, Average: 10 * time.Second, History: 10}})
	if err != nil {
		t.Fatal(err)
	}
	return &sampler{t: t, src: src, mon: mon, now: time.Now()}
}

// step scrapes every poller once, samples, and returns the frame of name.
func (s *sampler) step(name string) frame.Frame {
	s.t.Helper()
	for _, p := range s.src.pollers {
		p.once(context.Background())
	}
	s.now = s.now.Add(time.Second)
	if err := s.mon.Sample(s.now); err != nil {
		s.t.Fatal(err)
	}
	if err := s.mon.Select(name); err != nil {
		s.t.Fatal(err)
	}
	var f frame.Frame
	s.mon.Frame(&f)
	if f.Device != name {
		s.t.Fatalf("selected %q, want %q", f.Device, name)
	}
	return f
}

// Rates use the time the counters were taken: 1000 bytes over a sample
// 2 s later is 500 B/s, however fast winload draws. An exporter that
// restarts (counters back near 0) gives no spike; one that cannot be
// reached shows why on its devices, and comes back by itself.
func TestRemoteRateResetUnreachableRecovery(t *testing.T) {
	stub, srv := newExporterStub(t)
	s := newSampler(t, testPoller(t, "web1", srv.URL))

	stub.set(10_000, 20_000, 0)
	s.step("web1/eth0")
	stub.set(11_000, 22_000, 2*time.Second)
	f := s.step("web1/eth0")
	if !f.In.Valid || f.In.Curr != 500 || f.Out.Curr != 1000 {
		t.Fatalf("after 1000 and 2000 bytes in 2 s: in %+v out %+v, want 500 and 1000 B/s", f.In, f.Out)
	}

	// The exporter restarts: its counters start again from nearly 0.
	stub.set(300, 600, time.Second)
	f = s.step("web1/eth0")
	stub.set(1300, 1600, time.Second)
	f2 := s.step("web1/eth0")
	for _, fr := range []frame.Frame{f, f2} {
		if fr.In.Curr > 1000 || fr.Out.Curr > 1000 || fr.In.Max > 1000 || fr.Out.Max > 1000 {
			t.Fatalf("a counter reset made a spike: in %+v out %+v", fr.In, fr.Out)
		}
	}

	stub.answer(http.StatusInternalServerError, "collector failed\n")
	f = s.step("web1/eth0")
	if f.Warning != "unreachable: HTTP 500: collector failed" || f.In.Valid {
		t.Fatalf("exporter failing: warning %q, valid %v", f.Warning, f.In.Valid)
	}
	if f = s.step("eth0"); f.Warning != "" {
		t.Fatalf("the local device shows %q", f.Warning)
	}

	// Back, with many bytes counted meanwhile: the first answer is a new
	// baseline, the next a rate.
	stub.set(900_000, 900_000, 5*time.Second)
	f = s.step("web1/eth0")
	if f.Warning != "" || f.In.Valid {
		t.Fatalf("recovered: warning %q, valid %v; want no warning, no rate yet", f.Warning, f.In.Valid)
	}
	stub.set(902_000, 901_000, time.Second)
	f = s.step("web1/eth0")
	if !f.In.Valid || f.In.Curr != 2000 || f.Out.Curr != 1000 || f.In.Max != 2000 {
		t.Fatalf("recovered: in %+v out %+v, want 2000 and 1000 B/s", f.In, f.Out)
	}
}

// An endpoint that answers garbage, too much, or nothing at all shows why
// on its devices, while the other endpoint's devices carry on.
func TestRemoteBrokenEndpoints(t *testing.T) {
	huge := strings.Repeat("# padding padding padding padding padding padding padding\n", (1<<20)/58+10)
	for _, tc := range []struct {
		name   string
		break_ func(*exporterStub)
		want   string
	}{
		{"garbage", func(s *exporterStub) { s.answer(http.StatusOK, "<html>\x00\x01 not metrics {{{\n") }, "unreachable: not Prometheus text format"},
		{"huge body", func(s *exporterStub) { s.answer(http.StatusOK, huge) }, "unreachable: malformed response: body over the limit of 1048576 bytes"},
		{"hangs", func(s *exporterStub) { s.mu.Lock(); s.hang = true; s.mu.Unlock() }, "unreachable: no answer within 1s"},
		{"no counters", func(s *exporterStub) { s.answer(http.StatusOK, "up 1\n") }, "unreachable: no interface byte counters"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad, badSrv := newExporterStub(t)
			good, goodSrv := newExporterStub(t)
			badPoller := testPoller(t, "bad", badSrv.URL)
			badPoller.f.(*exporter).limit = 1 << 20
			s := newSampler(t, badPoller, testPoller(t, "good", goodSrv.URL))
			bad.set(1000, 1000, 0)
			good.set(1000, 1000, 0)
			s.step("good/eth0")
			bad.set(2000, 2000, time.Second)
			good.set(2000, 2000, time.Second)
			s.step("good/eth0")

			tc.break_(bad)
			good.set(4000, 4000, time.Second)
			if f := s.step("good/eth0"); f.Warning != "" || f.In.Curr != 2000 {
				t.Fatalf("the good host: warning %q, in %+v", f.Warning, f.In)
			}
			f := s.step("bad/eth0")
			if !strings.HasPrefix(f.Warning, tc.want) {
				t.Fatalf("warning %q, want it to start with %q", f.Warning, tc.want)
			}
		})
	}
}

// Open waits for the first answers at most one timeout; an endpoint that
// hangs is reported, and Read returns at once with what the others said,
// while the hanging scrapes go on in the background.
func TestOpenAndReadDoNotWaitForAHangingHost(t *testing.T) {
	hung, hungSrv := newExporterStub(t)
	hung.hang = true
	good, goodSrv := newExporterStub(t)
	good.set(5, 6, 0)
	var targets []Target
	for _, arg := range []string{"hung=" + hungSrv.URL, "good=" + goodSrv.URL} {
		tg, err := ParseTarget(arg)
		if err != nil {
			t.Fatal(err)
		}
		targets = append(targets, tg)
	}
	src, err := Open(context.Background(), &localSource{}, Options{Targets: targets, Interval: 100 * time.Millisecond, Average: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	for range 3 {
		devs, err := src.Read(nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(devs) != 2 || devs[0].Name != "eth0" || devs[1].Name != "good/eth0" || devs[1].Rx != 5 || devs[1].Err != "" {
			t.Fatalf("devices %+v, want eth0 and good/eth0", devs)
		}
	}
	if got, want := src.Status().Error, "hung: unreachable: no answer within 1s"; got != want {
		t.Fatalf("status error %q, want %q", got, want)
	}
}

// A host that refuses connections says so.
func TestUnreachableReason(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	p := testPoller(t, "gone", "http://"+addr+"/metrics")
	p.once(context.Background())
	if got := p.problem(); got != "gone: unreachable: connection refused" {
		t.Fatalf("problem %q", got)
	}
}

// apiStub answers Prometheus' API from recorded answers.
func apiStub(t *testing.T, query, queryRange string) (*httptest.Server, *[]string) {
	var mu sync.Mutex
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		q := r.URL.Query()
		asked = append(asked, r.URL.Path+" "+q.Get("query")+" "+q.Get("start")+" "+q.Get("end")+" "+q.Get("step"))
		mu.Unlock()
		file := map[string]string{"/prom/api/v1/query": query, "/prom/api/v1/query_range": queryRange}[r.URL.Path]
		b, err := os.ReadFile("testdata/" + file)
		if file == "" || err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		if strings.Contains(string(b), `"bad_data"`) {
			w.WriteHeader(http.StatusBadRequest)
		}
		w.Write(b)
	}))
	t.Cleanup(srv.Close)
	return srv, &asked
}

// The recorded answers of Prometheus 2.42 (scraping Debian's
// node_exporter every second) give INSTANCE/DEVICE with the time each
// sample was taken, not the time of the query; the range query fills the
// statistics at start.
func TestPrometheusRecordedAnswers(t *testing.T) {
	srv, asked := apiStub(t, "prometheus-2.42-query.json", "prometheus-2.42-query_range.json")
	src, err := Open(context.Background(), &localSource{}, Options{Prometheus: srv.URL + "/prom/", Match: `{job="node"}`, Interval: time.Second, Average: 4 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	at := func(ms int64) time.Time { return time.UnixMilli(ms) }
	assertDevices(t, src.History(), []source.Device{
		{Name: "127.0.0.1:9100/lo", Rx: 563, Tx: 563, At: at(1796087600174)},
		{Name: "127.0.0.1:9100/lo", Rx: 10631, Tx: 10631, At: at(1796087601174)},
		{Name: "127.0.0.1:9100/lo", Rx: 20728, Tx: 20728, At: at(1796087602174)},
		{Name: "127.0.0.1:9100/lo", Rx: 30853, Tx: 30853, At: at(1796087603174)},
	})
	devs, err := src.Read(nil)
	if err != nil {
		t.Fatal(err)
	}
	assertDevices(t, devs, []source.Device{
		{Name: "127.0.0.1:9100/lo", Rx: 30853, Tx: 30853, At: at(1796087603174)},
		{Name: "eth0", Rx: 1000, Tx: 1000},
	})
	ranged := false
	for _, q := range *asked {
		if !strings.Contains(q, `job="node"`) {
			t.Errorf("asked %q without the --match selector", q)
		}
		if f := strings.Fields(q); f[0] == "/prom/api/v1/query_range" {
			ranged = true
			start, _ := strconv.ParseFloat(f[len(f)-3], 64)
			end, _ := strconv.ParseFloat(f[len(f)-2], 64)
			if end-start != 4 || f[len(f)-1] != "1" || math.Abs(end-float64(time.Now().Unix())) > 60 {
				t.Errorf("range query %q: want the last 4 s, step 1", q)
			}
		}
	}
	if !ranged {
		t.Error("no range query")
	}

	mon, err := monitor.New(src, monitor.Options{Stats: stats.Config{Interval: time.Second, Average: 4 * time.Second, History: 10}})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	mon.Preload(now, src.History())
	if err := mon.Sample(now); err != nil {
		t.Fatal(err)
	}
	var f frame.Frame
	mon.Frame(&f)
	if f.Device != "127.0.0.1:9100/lo" || !f.In.Valid || f.In.History.Len() != 3 || f.In.Min < 10000 || f.In.Max > 10200 {
		t.Fatalf("after preload: %s in %+v (history %d)", f.Device, f.In, f.In.History.Len())
	}
}

// A selector Prometheus refuses is the command line's error.
func TestPrometheusRefusesMatch(t *testing.T) {
	srv, _ := apiStub(t, "prometheus-2.42-bad_data.json", "prometheus-2.42-bad_data.json")
	_, err := Open(context.Background(), &localSource{}, Options{Prometheus: srv.URL + "/prom", Match: `{job=~"("}`, Interval: time.Second, Average: time.Second})
	if err == nil || !strings.Contains(err.Error(), "--prometheus/--match: the Prometheus server refused the query: invalid parameter") {
		t.Fatalf("got %v", err)
	}
}

func TestOptionsValidate(t *testing.T) {
	for _, tc := range []struct {
		o    Options
		want string
	}{
		{Options{Match: "{a=\"b\"}"}, "--match: narrows the series of --prometheus"},
		{Options{Prometheus: "ftp://x"}, "--prometheus: \"ftp://x\": only http:// URLs"},
		{Options{Prometheus: "https://x"}, "--prometheus: \"https://x\": https is not supported"},
		{Options{Prometheus: "10.0.0.9:9090", Match: "job=\"node\""}, "--match: \"job=\\\"node\\\"\": give label matchers in braces"},
		{Options{Prometheus: "10.0.0.9:9090", Match: "{job=\"node\"}"}, ""},
		{Options{Prometheus: "prom:9090"}, ""},
		{Options{Prometheus: "prom:0"}, "--prometheus: \"http://prom:0\": \"0\" is not a port"},
	} {
		err := tc.o.Validate()
		if (err == nil) != (tc.want == "") || (err != nil && !strings.HasPrefix(err.Error(), tc.want)) {
			t.Errorf("%+v: got %v, want %q", tc.o, err, tc.want)
		}
	}
}

// A target Prometheus stops having series of (down: its series went
// stale) leaves the answer, and its devices are shown gone, as a local
// interface that vanished.
func TestPrometheusTargetDownIsGone(t *testing.T) {
	body, err := os.ReadFile("testdata/prometheus-2.42-query.json")
	if err != nil {
		t.Fatal(err)
	}
	var down sync.Mutex
	isDown := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		down.Lock()
		defer down.Unlock()
		if isDown || strings.HasSuffix(r.URL.Path, "query_range") {
			io.WriteString(w, `{"status":"success","data":{"resultType":"vector","result":[]}}`)
			return
		}
		w.Write(body)
	}))
	defer srv.Close()
	src, err := Open(context.Background(), &localSource{}, Options{Prometheus: srv.URL, Interval: 500 * time.Millisecond, Average: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	mon, err := monitor.New(src, monitor.Options{Stats: stats.Config{Interval: 500 * time.Millisecond, Average: 2 * time.Second, History: 10}})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if err := mon.Sample(now); err != nil {
		t.Fatal(err)
	}
	const dev = "127.0.0.1:9100/lo"
	if err := mon.Select(dev); err != nil {
		t.Fatal(err)
	}
	down.Lock()
	isDown = true
	down.Unlock()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		devs, _ := src.Read(nil)
		if len(devs) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the target's device stays: %+v", devs)
		}
	}
	if err := mon.Sample(now.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	var f frame.Frame
	mon.Frame(&f)
	if f.Device != dev || !f.Gone {
		t.Errorf("frame of %s: gone %v", f.Device, f.Gone)
	}
}
