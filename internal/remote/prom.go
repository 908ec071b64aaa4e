package remote

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/valyala/fastjson"

	"github.com/winload/winload/internal/source"
)

// timeLabel marks the series of a query that carry the time of each
// counter's sample (see seriesQuery).
const timeLabel = "winload_series"

// server reads a Prometheus server's HTTP API.
type server struct {
	base  *url.URL // the server's URL, ending before /api
	query string   // see seriesQuery
}

// newServer checks the --prometheus URL and the --match selector.
func newServer(rawURL, match string) (*server, error) {
	u, err := parseURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("--prometheus: %w", err)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawQuery, u.Fragment = "", ""
	q, err := seriesQuery(match)
	if err != nil {
		return nil, fmt.Errorf("--match: %w", err)
	}
	return &server{base: u, query: q}, nil
}

// seriesQuery is the PromQL query for the byte counters of every scheme,
// narrowed by match (label matchers in braces, such as {job="node"}),
// together with the time each sample was taken: the counters themselves,
// and for each metric NAME the timestamp() of its samples, labelled
// timeLabel=NAME (timestamp drops the metric name). An instant query's
// result carries the evaluation time, not the sample's; and timestamp()
// gives the sample's own time only when applied to a selector directly.
// One query keeps both halves of one evaluation together.
func seriesQuery(match string) (string, error) {
	match = strings.TrimSpace(match)
	inner := ""
	if match != "" {
		if !strings.HasPrefix(match, "{") || !strings.HasSuffix(match, "}") {
			return "", fmt.Errorf("%q: give label matchers in braces, such as {job=\"node\"}", match)
		}
		inner = strings.TrimSpace(match[1 : len(match)-1])
	}
	if inner != "" {
		inner = "," + inner
	}
	names := make([]string, 0, 2*len(schemes))
	for _, s := range schemes {
		names = append(names, s.rx, s.tx)
	}
	q := `{__name__=~"` + strings.Join(names, "|") + `"` + inner + `}`
	for _, n := range names {
		q += ` or label_replace(timestamp({__name__="` + n + `"` + inner + `}),"` + timeLabel + `","` + n + `","","")`
	}
	return q, nil
}

// apiAnswer is what winload uses of an answer of Prometheus' HTTP API.
type apiAnswer struct {
	Status, ErrorType, Error string
	// Result is the data's result: a vector or a matrix.
	Result []series
}

// series is one series of a vector (Value) or matrix (Values) result.
type series struct {
	Metric map[string]string
	Value  *point
	Values []point
}

// point is one [time, "value"] pair of the API.
type point struct {
	t time.Time
	v float64
}

// decodeAnswer reads an answer of the API,
//
//	{"status":"success","data":{"resultType":"vector","result":[
//	  {"metric":{"__name__":"...","device":"lo"},"value":[1435781451.781,"1"]}]}}
//
// (a matrix has "values", a list of such pairs) or
// {"status":"error","errorType":"bad_data","error":"..."}, with fastjson.
// Fields it does not use are skipped; those it uses must have their types.
func decodeAnswer(body []byte) (apiAnswer, error) {
	var ans apiAnswer
	var p fastjson.Parser
	v, err := p.ParseBytes(body)
	if err != nil {
		return ans, err
	}
	if v.Type() != fastjson.TypeObject {
		return ans, errors.New("the answer is not an object")
	}
	ans.Status = string(v.GetStringBytes("status"))
	ans.ErrorType = string(v.GetStringBytes("errorType"))
	ans.Error = string(v.GetStringBytes("error"))
	res := v.Get("data", "result")
	if res == nil || res.Type() == fastjson.TypeNull {
		return ans, nil
	}
	items, err := res.Array()
	if err != nil {
		return ans, fmt.Errorf("result: %w", err)
	}
	ans.Result = make([]series, len(items))
	for i, item := range items {
		if ans.Result[i], err = decodeSeries(item); err != nil {
			return ans, fmt.Errorf("series %d: %w", i, err)
		}
	}
	return ans, nil
}

// decodeSeries reads {"metric":{...},"value":[t,"v"]} or its "values".
func decodeSeries(v *fastjson.Value) (series, error) {
	var sr series
	if v.Type() != fastjson.TypeObject {
		return sr, errors.New("not an object")
	}
	if m := v.Get("metric"); m != nil && m.Type() != fastjson.TypeNull {
		obj, err := m.Object()
		if err != nil {
			return sr, fmt.Errorf("metric: %w", err)
		}
		sr.Metric = make(map[string]string, obj.Len())
		obj.Visit(func(key []byte, lv *fastjson.Value) {
			val, verr := lv.StringBytes()
			if verr != nil && err == nil {
				err = fmt.Errorf("label %q: %w", key, verr)
			}
			sr.Metric[string(key)] = string(val)
		})
		if err != nil {
			return sr, err
		}
	}
	if pv := v.Get("value"); pv != nil && pv.Type() != fastjson.TypeNull {
		pt, err := decodePoint(pv)
		if err != nil {
			return sr, fmt.Errorf("value: %w", err)
		}
		sr.Value = &pt
	}
	if vs := v.Get("values"); vs != nil && vs.Type() != fastjson.TypeNull {
		items, err := vs.Array()
		if err != nil {
			return sr, fmt.Errorf("values: %w", err)
		}
		sr.Values = make([]point, len(items))
		for i, item := range items {
			if sr.Values[i], err = decodePoint(item); err != nil {
				return sr, fmt.Errorf("values: %w", err)
			}
		}
	}
	return sr, nil
}

// decodePoint reads [1435781451.781, "1"].
func decodePoint(v *fastjson.Value) (point, error) {
	pair, err := v.Array()
	if err != nil || len(pair) != 2 {
		return point{}, errors.New(`not a [time, "value"] pair`)
	}
	secs, err := pair[0].Float64()
	if err != nil {
		return point{}, fmt.Errorf("sample time: %w", err)
	}
	text, err := pair[1].StringBytes()
	if err != nil {
		return point{}, fmt.Errorf("sample value: %w", err)
	}
	f, err := strconv.ParseFloat(string(text), 64)
	if err != nil {
		return point{}, fmt.Errorf("sample value: %w", err)
	}
	return point{t: time.UnixMilli(int64(secs*1000 + 0.5)), v: f}, nil
}

// errRefused is wrapped by the errors of a query the server refused as
// malformed: a bad --match.
var errRefused = errors.New("the Prometheus server refused the query")

// call runs one API request and decodes its answer. query is the URL's
// query, its values escaped.
func (s *server) call(ctx context.Context, path, query string) ([]series, error) {
	u := *s.base
	u.Path += path
	u.RawQuery = query
	var ans apiAnswer
	err := get(ctx, "http://"+u.Host+u.RequestURI(), "application/json", maxAPIBytes, func(body []byte, _ time.Time) (err error) {
		if ans, err = decodeAnswer(body); err != nil {
			return fmt.Errorf("not a Prometheus API answer: %w", err)
		}
		return nil
	})
	if ans.Status == "error" {
		if ans.ErrorType == "bad_data" {
			return nil, fmt.Errorf("%w: %s", errRefused, ans.Error)
		}
		return nil, fmt.Errorf("the Prometheus server says %s: %s", ans.ErrorType, ans.Error)
	}
	if err != nil {
		return nil, err
	}
	if ans.Status != "success" {
		return nil, fmt.Errorf("not a Prometheus API answer: status %q", ans.Status)
	}
	return ans.Result, nil
}

// fetch reads the latest counters of the fleet.
func (s *server) fetch(ctx context.Context) ([]source.Device, error) {
	res, err := s.call(ctx, "/api/v1/query", "query="+url.QueryEscape(s.query))
	if err != nil {
		return nil, err
	}
	return join(res, false)
}

// history reads the counters over the last span, one reading per step,
// oldest first, to fill the graphs and the Avg window at start.
func (s *server) history(ctx context.Context, now time.Time, span, step time.Duration) ([]source.Device, error) {
	step = max(step, time.Second)
	if n := span / step; n > 10000 { // the API's limit is 11000 points per series
		step = span / 10000
	}
	res, err := s.call(ctx, "/api/v1/query_range", "query="+url.QueryEscape(s.query)+
		"&start="+formatTime(now.Add(-span))+"&end="+formatTime(now)+
		"&step="+strconv.FormatFloat(step.Seconds(), 'f', -1, 64))
	if err != nil {
		return nil, err
	}
	return join(res, true)
}

func (s *server) name() string { return s.base.Host }

func formatTime(t time.Time) string {
	return strconv.FormatFloat(float64(t.UnixMilli())/1000, 'f', 3, 64)
}

// reading is what join gathers for one device at one evaluation time.
type reading struct {
	host   string
	rx, tx uint64
	at     time.Time
	has    bool
}

type readingKey struct {
	name string
	eval int64 // evaluation time in ms; 0 for an instant query
}

// join pairs the counter series of a seriesQuery result with their
// timestamp series and returns one Device per device and evaluation
// time, named INSTANCE/DEVICE, sorted by name then time. A device whose
// sample time is missing is left out.
func join(res []series, matrix bool) ([]source.Device, error) {
	got := map[readingKey]*reading{}
	for _, sr := range res {
		metric := sr.Metric[timeLabel]
		isTime := metric != ""
		if !isTime {
			metric = sr.Metric["__name__"]
		}
		sch, transmit, ok := schemeOf(metric)
		if !ok {
			continue
		}
		dev := sr.Metric[sch.label]
		if dev == "" {
			continue
		}
		host := sr.Metric["instance"]
		if host == "" {
			host = sr.Metric["job"]
		}
		name := host + "/" + dev
		points := sr.Values
		if !matrix {
			if sr.Value == nil {
				return nil, errors.New("not a Prometheus API answer: a series without a value")
			}
			points = []point{*sr.Value}
		}
		for _, p := range points {
			k := readingKey{name: name}
			if matrix {
				k.eval = p.t.UnixMilli()
			}
			r := got[k]
			if r == nil {
				r = &reading{host: host}
				got[k] = r
			}
			if isTime {
				r.at = time.UnixMilli(int64(p.v*1000 + 0.5))
				continue
			}
			v, err := byteCount(metric, p.v)
			if err != nil {
				return nil, err
			}
			r.has = true
			if transmit {
				r.tx = v
			} else {
				r.rx = v
			}
		}
	}
	keys := make([]readingKey, 0, len(got))
	for k, r := range got {
		if r.has && !r.at.IsZero() {
			keys = append(keys, k)
		}
	}
	sort.Sort(byNameEval(keys))
	devs := make([]source.Device, len(keys))
	for i, k := range keys {
		r := got[k]
		devs[i] = source.Device{Name: k.name, Host: r.host, Rx: r.rx, Tx: r.tx, At: r.at}
	}
	return devs, nil
}

// schemeOf finds the scheme of a metric name and whether it counts sent
// bytes.
func schemeOf(metric string) (scheme, bool, bool) {
	for _, s := range schemes {
		switch metric {
		case s.rx:
			return s, false, true
		case s.tx:
			return s, true, true
		}
	}
	return scheme{}, false, false
}
