package remote

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// The lines of Prometheus' text exposition format (0.0.4):
//
//	# HELP name docstring
//	# TYPE name counter|gauge|histogram|summary|untyped
//	# any other comment
//	name{label="value",...} value [timestamp]
//
// Label values escape \\, \" and \n. Names may be quoted inside the
// braces ({"name.with.dots",label="x"}), as Prometheus 3 allows.

// sample is one sample line: its labels point into the line.
type sample struct {
	labels  []labelPair
	value   float64
	ms      int64
	hasTime bool
}

// labelPair is one label; value is still escaped when escaped is set.
type labelPair struct {
	name, value []byte
	escaped     bool
}

// label returns the value of the label name, "" when there is none.
func (s *sample) label(name string) string {
	for _, l := range s.labels {
		if string(l.name) == name {
			if l.escaped {
				return unescape(l.value)
			}
			return string(l.value)
		}
	}
	return ""
}

// unescape undoes the escapes of a label value already checked by
// quoted.
func unescape(b []byte) string {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '\\' && i+1 < len(b) {
			i++
			c = b[i]
			if c == 'n' {
				c = '\n'
			}
		}
		out = append(out, c)
	}
	return string(out)
}

// lineParser parses lines, keeping its label slice between them.
type lineParser struct {
	s sample
}

// parse reads one line and calls use with the metric name of a sample
// (s set) or of a HELP or TYPE comment (s nil; typ is the TYPE's type,
// "" for HELP). Blank lines and other comments are skipped; anything
// else is an error.
func (p *lineParser) parse(line []byte, use func(name []byte, typ string, s *sample)) error {
	line = bytes.TrimSuffix(line, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	line = trimBlanks(line)
	if len(line) == 0 {
		return nil
	}
	if line[0] == '#' {
		return comment(line[1:], use)
	}
	s := &p.s
	*s = sample{labels: s.labels[:0]}
	name, after := metricName(line)
	rest := trimBlanks(after)
	if len(rest) > 0 && rest[0] == '{' {
		var err error
		var quotedName []byte
		if quotedName, rest, err = s.readLabels(rest[1:]); err != nil {
			return err
		}
		if quotedName != nil {
			if name != nil {
				return errors.New("a metric name both before and inside the braces")
			}
			name = quotedName
		}
	} else if name != nil && len(after) > 0 && len(rest) == len(after) {
		return fmt.Errorf("no blank after the metric name %q", clip(name))
	}
	if name == nil {
		return fmt.Errorf("%q does not start with a metric name", clip(line))
	}
	valueText, rest := token(trimBlanks(rest))
	if valueText == nil {
		return fmt.Errorf("%q has no value", clip(name))
	}
	v, err := strconv.ParseFloat(string(valueText), 64)
	if err != nil {
		return fmt.Errorf("%q is not a value", clip(valueText))
	}
	s.value = v
	if ts, rest := token(trimBlanks(rest)); ts != nil {
		if len(trimBlanks(rest)) > 0 {
			return fmt.Errorf("%q after the timestamp", clip(rest))
		}
		if s.ms, err = strconv.ParseInt(string(ts), 10, 64); err != nil {
			return fmt.Errorf("%q is not a timestamp in milliseconds", clip(ts))
		}
		s.hasTime = true
	}
	use(name, "", s)
	return nil
}

// comment reads what follows a #.
func comment(line []byte, use func(name []byte, typ string, s *sample)) error {
	word, rest := token(trimBlanks(line))
	if string(word) != "HELP" && string(word) != "TYPE" {
		return nil
	}
	rest = trimBlanks(rest)
	var name []byte
	if len(rest) > 0 && rest[0] == '"' {
		val, after, escaped, err := quoted(rest[1:])
		if err != nil {
			return err
		}
		name = val
		if escaped {
			name = []byte(unescape(val))
		}
		rest = after
	} else {
		name, rest = metricName(rest)
	}
	if name == nil {
		return fmt.Errorf("# %s without a metric name", word)
	}
	if string(word) == "HELP" {
		use(name, "", nil)
		return nil
	}
	typ, rest := token(trimBlanks(rest))
	switch string(typ) {
	case "counter", "gauge", "histogram", "summary", "untyped":
	default:
		return fmt.Errorf("unknown metric type %q", clip(typ))
	}
	if len(trimBlanks(rest)) > 0 {
		return fmt.Errorf("%q after the TYPE", clip(rest))
	}
	use(name, string(typ), nil)
	return nil
}

// readLabels reads the labels after a {, up to and with the }. A quoted
// item without = is the metric name, which it returns.
func (s *sample) readLabels(b []byte) (name, rest []byte, err error) {
	for {
		b = trimBlanks(b)
		if len(b) == 0 {
			return nil, nil, errors.New("labels without a closing }")
		}
		if b[0] == '}' {
			return name, b[1:], nil
		}
		var l labelPair
		if b[0] == '"' {
			val, after, escaped, err := quoted(b[1:])
			if err != nil {
				return nil, nil, err
			}
			l.name, b = val, trimBlanks(after)
			if escaped {
				l.name = []byte(unescape(val))
			}
			if len(b) > 0 && b[0] != '=' {
				if name != nil || len(s.labels) > 0 {
					return nil, nil, errors.New("a quoted metric name must come first in the braces")
				}
				name = l.name
				if b, err = afterItem(b); err != nil {
					return nil, nil, err
				}
				continue
			}
		} else {
			l.name, b = labelName(b)
			if l.name == nil {
				return nil, nil, fmt.Errorf("%q is not a label name", clip(b))
			}
			b = trimBlanks(b)
		}
		if len(b) == 0 || b[0] != '=' {
			return nil, nil, fmt.Errorf("label %q without =", clip(l.name))
		}
		b = trimBlanks(b[1:])
		if len(b) == 0 || b[0] != '"' {
			return nil, nil, fmt.Errorf("label %q without a quoted value", clip(l.name))
		}
		if l.value, b, l.escaped, err = quoted(b[1:]); err != nil {
			return nil, nil, err
		}
		s.labels = append(s.labels, l)
		if b, err = afterItem(trimBlanks(b)); err != nil {
			return nil, nil, err
		}
	}
}

// afterItem skips the comma after a label; the } stays.
func afterItem(b []byte) ([]byte, error) {
	switch {
	case len(b) > 0 && b[0] == ',':
		return b[1:], nil
	case len(b) > 0 && b[0] == '}':
		return b, nil
	}
	return nil, fmt.Errorf("%q where , or } belongs", clip(b))
}

// quoted reads a string after its opening quote: its still escaped text,
// what follows the closing quote, and whether it holds escapes.
func quoted(b []byte) (val, rest []byte, escaped bool, err error) {
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '"':
			return b[:i], b[i+1:], escaped, nil
		case '\\':
			if i+1 >= len(b) {
				return nil, nil, false, errors.New("a string without its closing quote")
			}
			switch b[i+1] {
			case '\\', '"', 'n':
			default:
				return nil, nil, false, fmt.Errorf("unknown escape \\%c", b[i+1])
			}
			escaped = true
			i++
		}
	}
	return nil, nil, false, errors.New("a string without its closing quote")
}

// metricName splits a leading [a-zA-Z_:][a-zA-Z0-9_:]* off b; nil when
// b does not start with one.
func metricName(b []byte) (name, rest []byte) {
	return identifier(b, true)
}

// labelName splits a leading [a-zA-Z_][a-zA-Z0-9_]* off b.
func labelName(b []byte) (name, rest []byte) {
	return identifier(b, false)
}

func identifier(b []byte, colon bool) (name, rest []byte) {
	i := 0
	for ; i < len(b); i++ {
		c := b[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || colon && c == ':'
		if !letter && (i == 0 || c < '0' || c > '9') {
			break
		}
	}
	if i == 0 {
		return nil, b
	}
	return b[:i], b[i:]
}

// token splits the text up to the next blank off b; nil when b is empty.
func token(b []byte) (tok, rest []byte) {
	if len(b) == 0 {
		return nil, b
	}
	i := bytes.IndexAny(b, " \t")
	if i < 0 {
		return b, nil
	}
	return b[:i], b[i:]
}

func trimBlanks(b []byte) []byte {
	return bytes.TrimLeft(b, " \t")
}

// clip shortens text for a message.
func clip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "..."
	}
	return string(b)
}
