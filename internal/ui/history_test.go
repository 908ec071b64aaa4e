package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/gdamore/tcell/v2"

	"github.com/winload/winload/internal/frame"
	"github.com/winload/winload/internal/settings"
)

// sampleUsage is a month of made-up daily traffic with a quota.
func sampleUsage() frame.Usage {
	u := frame.Usage{Known: true, Quota: 50 * gib}
	today := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	for i := range u.Days {
		k := uint64(i%7 + 1)
		u.Days[i] = frame.Bar{Start: today.AddDate(0, 0, i+1-len(u.Days)), Amount: frame.Amount{In: k * 300 * mib, Out: k * 40 * mib}}
	}
	month := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for i := range u.Months {
		k := uint64(i%5 + 2)
		u.Months[i] = frame.Bar{Start: month.AddDate(0, i+1-len(u.Months), 0), Amount: frame.Amount{In: k * 9 * gib, Out: k * gib}}
	}
	u.Today = u.Days[len(u.Days)-1].Amount
	u.Month = frame.Amount{In: 40 * gib, Out: 3 * gib}
	return u
}

type historyCase struct {
	name string
	w, h int
	view histView
	edit func(f *frame.Frame, o *settings.Options)
}

func historyCases() []historyCase {
	return []historyCase{
		{name: "usage_header_120x40", w: 120, h: 40, view: viewLive, edit: func(f *frame.Frame, o *settings.Options) { o.Graph = settings.GraphUnicode }},
		{name: "usage_quota_warn_100x24", w: 100, h: 24, view: viewLive, edit: func(f *frame.Frame, o *settings.Options) {
			f.Usage.Month = frame.Amount{In: 44 * gib, Out: 2 * gib}
		}},
		{name: "usage_no_quota_80x24", w: 80, h: 24, view: viewLive, edit: func(f *frame.Frame, o *settings.Options) { f.Usage.Quota = 0 }},
		{name: "history_days_120x40", w: 120, h: 40, view: viewDays},
		{name: "history_days_block_80x24", w: 80, h: 24, view: viewDays, edit: func(f *frame.Frame, o *settings.Options) { o.Graph = settings.GraphBlock }},
		{name: "history_months_braille_100x30", w: 100, h: 30, view: viewMonths, edit: func(f *frame.Frame, o *settings.Options) {
			o.Graph = settings.GraphBraille
			f.Warning = "history not saved: disk full"
		}},
		{name: "history_small_39x9", w: 39, h: 9, view: viewDays},
	}
}

func TestHistoryGolden(t *testing.T) {
	for _, c := range historyCases() {
		t.Run(c.name, func(t *testing.T) {
			s := newSim(t, c.w, c.h)
			o := settings.Defaults().Options
			f := sampleFrame()
			f.Usage = sampleUsage()
			if c.edit != nil {
				c.edit(&f, &o)
			}
			if c.view == viewLive {
				draw(s, &f, &o, note{})
			} else {
				drawHistory(s, &f, &o, c.view, note{})
			}
			got := screenText(s)
			checkGolden(t, c.name, got, "TestHistoryGolden")
		})
	}
}

func TestHistoryDrawAllocatesNothing(t *testing.T) {
	s := newSim(t, 120, 40)
	f := sampleFrame()
	f.Usage = sampleUsage()
	for _, g := range []settings.GraphStyle{settings.GraphASCII, settings.GraphUnicode, settings.GraphBlock, settings.GraphBraille} {
		o := settings.Defaults().Options
		o.Graph = g
		if a := testing.AllocsPerRun(5, func() { draw(s, &f, &o, note{}) }); a != 0 {
			t.Errorf("the header with totals allocates %v times per frame (%v)", a, g)
		}
		for _, v := range []histView{viewDays, viewMonths} {
			if a := testing.AllocsPerRun(5, func() { drawHistory(s, &f, &o, v, note{}) }); a != 0 {
				t.Errorf("the history view allocates %v times per frame (%v, %v)", a, g, v)
			}
		}
	}
}

func TestAppendPercent(t *testing.T) {
	for _, tc := range []struct {
		share float64
		want  string
	}{{0, "0%"}, {0.899, "89%"}, {0.9, "90%"}, {1.234, "123%"}, {-1, "0%"}, {1e9, "99999%"}} {
		if got := string(appendPercent(nil, tc.share)); got != tc.want {
			t.Errorf("appendPercent(%v) = %q, want %q", tc.share, got, tc.want)
		}
	}
}

// usageModel is fakeModel with kept totals, or without when known is false.
type usageModel struct {
	fakeModel
	known bool
}

func (m *usageModel) Frame(f *frame.Frame) {
	m.fakeModel.Frame(f)
	if m.known {
		f.Usage = sampleUsage()
	}
}

func TestKeyHCyclesTheHistoryViews(t *testing.T) {
	s := newRecScreen(100, 30)
	m := &usageModel{fakeModel: fakeModel{n: 2}, known: true}
	done := startRun(t, context.Background(), s, m, time.Hour)
	for _, want := range []string{"Incoming per day", "Incoming per month", "Incoming (100% @"} {
		s.InjectKey(tcell.KeyRune, 'h', tcell.ModNone)
		waitFor(t, want, func() bool {
			_, text, _ := s.snapshot()
			return strings.Contains(text, want)
		})
	}
	s.InjectKey(tcell.KeyRune, 'q', tcell.ModNone)
	if err := waitRun(t, done); err != nil {
		t.Fatal(err)
	}
}

func TestKeyHWithoutHistoryStaysLive(t *testing.T) {
	s := newRecScreen(100, 30)
	m := &usageModel{fakeModel: fakeModel{n: 2}}
	done := startRun(t, context.Background(), s, m, time.Hour)
	s.InjectKey(tcell.KeyRune, 'h', tcell.ModNone)
	s.InjectKey(tcell.KeyRight, 0, tcell.ModNone)
	waitFor(t, "the next device", func() bool {
		_, text, _ := s.snapshot()
		return strings.HasPrefix(text, "Device dev1 ")
	})
	if _, text, _ := s.snapshot(); strings.Contains(text, "per day") || strings.Contains(text, "Today") {
		t.Errorf("a screen without history shows it:\n%s", text)
	}
	s.InjectKey(tcell.KeyRune, 'q', tcell.ModNone)
	if err := waitRun(t, done); err != nil {
		t.Fatal(err)
	}
}
