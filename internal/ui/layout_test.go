package ui

import (
	"testing"

	"github.com/winload/winload/internal/settings"
	"github.com/winload/winload/internal/units"
)

func TestLayout(t *testing.T) {
	tests := []struct {
		name          string
		w, h          int
		warn, noGraph bool
		want          layout
	}{
		{"too narrow", 39, 40, false, false, layout{w: 39, h: 40, small: true, warnRow: -1, spareRow: -1}},
		{"too short", 120, 9, false, false, layout{w: 120, h: 9, small: true, warnRow: -1, spareRow: -1}},
		{"minimum, odd rows", 40, 10, false, false, layout{
			w: 40, h: 10, warnRow: -1, panelTop: [2]int{2, 5}, graphRows: 2,
			graphW: 17, statX: 19, spareRow: 8, helpRow: 9}},
		{"minimum with warning", 40, 10, true, false, layout{
			w: 40, h: 10, warnRow: 2, panelTop: [2]int{3, 6}, graphRows: 2,
			graphW: 17, statX: 19, spareRow: -1, helpRow: 9}},
		{"60 wide: statistics limit the graph", 60, 12, false, false, layout{
			w: 60, h: 12, warnRow: -1, panelTop: [2]int{2, 6}, graphRows: 3,
			graphW: 37, statX: 39, spareRow: 10, helpRow: 11}},
		{"120x40", 120, 40, false, false, layout{
			w: 120, h: 40, warnRow: -1, panelTop: [2]int{2, 20}, graphRows: 17,
			graphW: 80, statX: 82, spareRow: 38, helpRow: 39}},
		{"no graph", 80, 24, false, true, layout{
			w: 80, h: 24, warnRow: -1, panelTop: [2]int{2, 12}, graphRows: 9,
			spareRow: 22, helpRow: 23}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := newLayout(tt.w, tt.h, tt.warn, tt.noGraph, 21); got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestGraphWidth(t *testing.T) {
	tests := []struct{ w, statsW, want int }{
		{120, 21, 80}, // two thirds
		{80, 21, 53},
		{60, 21, 37}, // the statistics need 23 columns
		{40, 21, 17},
		{20, 21, 1}, // never below 1
	}
	for _, tt := range tests {
		if got := graphWidth(tt.w, tt.statsW); got != tt.want {
			t.Errorf("graphWidth(%d, %d) = %d, want %d", tt.w, tt.statsW, got, tt.want)
		}
	}
}

func TestStatsWidth(t *testing.T) {
	tests := []struct {
		name        string
		rate, total units.Format
		want        int
	}{
		{"binary bits", units.Format{Bits: true}, units.Format{}, len("Curr: 1023.99 Mibit/s")},
		{"binary bytes", units.Format{}, units.Format{}, len("Curr: 1023.99 MiB/s")},
		{"SI bits", units.Format{Bits: true, SI: true}, units.Format{SI: true}, len("Curr: 1023.99 Mbit/s")},
		{"fixed bytes, total in bits", units.Format{Prefix: units.None}, units.Format{Bits: true}, len("Ttl: 1023.99 Mibit")},
		{"fixed bits", units.Format{Bits: true, Prefix: units.None}, units.Format{}, len("Curr: 1023.99 bit/s")},
	}
	for _, tt := range tests {
		o := settings.Options{Rate: tt.rate, Total: tt.total}
		if got := statsWidth(&o); got != tt.want {
			t.Errorf("%s: statsWidth = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestMultiLayout(t *testing.T) {
	o := settings.Defaults().Options
	tests := []struct {
		name       string
		w, h, n    int
		errLine    bool
		minPerPage int
		stacked    bool
	}{
		{"120x40 shows at least 4", 120, 40, 9, false, 4, false},
		{"120x40 with an error line", 120, 40, 9, true, 4, false},
		{"80x24 shows at least 2", 80, 24, 9, false, 2, false},
		{"80x24 with an error line", 80, 24, 9, true, 2, false},
		{"narrow screens stack", 60, 30, 9, false, 2, true},
		{"minimum", 40, 10, 9, true, 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newMultiLayout(tt.w, tt.h, tt.errLine, &o, tt.n)
			if l.perPage < tt.minPerPage {
				t.Errorf("%d devices per page, want at least %d", l.perPage, tt.minPerPage)
			}
			if stacked := l.strips[0].label != l.strips[1].label; stacked != tt.stacked {
				t.Errorf("stacked = %v, want %v", stacked, tt.stacked)
			}
			if end := l.top + l.perPage*l.block; end > l.helpRow {
				t.Errorf("blocks end at row %d, past the help row %d", end, l.helpRow)
			}
			for dir, st := range l.strips {
				if st.rows < 1 || st.top+st.rows > l.used || l.used > l.block {
					t.Errorf("strip %d rows %d..%d, block uses %d of %d", dir, st.top, st.top+st.rows, l.used, l.block)
				}
				if st.statX+statsWidth(&o) > st.end && tt.w >= 60 {
					t.Errorf("strip %d statistics cut: %d + %d > %d", dir, st.statX, statsWidth(&o), st.end)
				}
			}
		})
	}
}

func TestMultiLayoutGrowsBlocksForFewDevices(t *testing.T) {
	o := settings.Defaults().Options
	l := newMultiLayout(200, 60, false, &o, 6)
	if l.perPage != 6 || l.block != 9 || l.strips[0].rows != 7 {
		t.Errorf("200x60, 6 devices: %d per page, blocks of %d rows, strips of %d", l.perPage, l.block, l.strips[0].rows)
	}
	one := newMultiLayout(120, 40, false, &o, 1)
	if one.perPage != 1 || one.block != 37 {
		t.Errorf("one device: %d per page, blocks of %d rows", one.perPage, one.block)
	}
	none := newMultiLayout(120, 40, false, &o, 0)
	if none.perPage != 1 || none.pages(0) != 1 || none.pageOf(0, 0) != 0 {
		t.Errorf("no devices: %+v", none)
	}
}

func TestMultiPages(t *testing.T) {
	l := multiLayout{perPage: 3}
	for _, tt := range []struct{ i, n, page, pages int }{
		{0, 7, 0, 3}, {2, 7, 0, 3}, {3, 7, 1, 3}, {6, 7, 2, 3}, {9, 7, 2, 3}, {-1, 7, 0, 3}, {0, 3, 0, 1},
	} {
		if got := l.pageOf(tt.i, tt.n); got != tt.page {
			t.Errorf("pageOf(%d, %d) = %d, want %d", tt.i, tt.n, got, tt.page)
		}
		if got := l.pages(tt.n); got != tt.pages {
			t.Errorf("pages(%d) = %d, want %d", tt.n, got, tt.pages)
		}
	}
}
