package ui

import "testing"

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
			graphW: 26, statX: 28, spareRow: 8, helpRow: 9}},
		{"minimum with warning", 40, 10, true, false, layout{
			w: 40, h: 10, warnRow: 2, panelTop: [2]int{3, 6}, graphRows: 2,
			graphW: 26, statX: 28, spareRow: -1, helpRow: 9}},
		{"120x40", 120, 40, false, false, layout{
			w: 120, h: 40, warnRow: -1, panelTop: [2]int{2, 20}, graphRows: 17,
			graphW: 80, statX: 82, spareRow: 38, helpRow: 39}},
		{"no graph", 80, 24, false, true, layout{
			w: 80, h: 24, warnRow: -1, panelTop: [2]int{2, 12}, graphRows: 9,
			spareRow: 22, helpRow: 23}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := newLayout(tt.w, tt.h, tt.warn, tt.noGraph); got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
