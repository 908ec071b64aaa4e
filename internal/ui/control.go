package ui

import (
	"time"

	"github.com/winload/winload/internal/settings"
)

// move selects the next (delta 1) or previous (-1) device, or in the multi
// view the first device of the next or previous page, wrapping around.
func (r *runner) move(delta int) {
	if !r.set.Multi {
		r.m.Move(delta)
		return
	}
	n := r.m.Len()
	if n <= 0 {
		return
	}
	r.frame()
	per := r.perPage(n)
	cur := max(0, min(r.f.Index, n-1))
	pages := (n + per - 1) / per
	page := stepWrap(cur/per, pages, delta)
	r.m.Move(page*per - cur)
}

// jump selects the first (last false) or last device, or in the multi
// view the first device of the first or last page.
func (r *runner) jump(last bool) {
	n := r.m.Len()
	if n <= 0 {
		return
	}
	r.frame()
	cur := max(0, min(r.f.Index, n-1))
	target := 0
	if last {
		target = n - 1
		if r.set.Multi {
			per := r.perPage(n)
			target = (n - 1) / per * per
		}
	}
	r.m.Move(target - cur)
}

// perPage returns how many devices a page of the multi view holds at the
// screen's size (at least 1); r.f must be current.
func (r *runner) perPage(n int) int {
	w, h := r.s.Size()
	lay := newMultiLayout(w, h, r.f.Error != "" || r.note.text != "", &r.set.Options, n)
	return max(1, lay.perPage)
}

// apply makes s the settings in use, after ctl.Apply accepts them; it
// reports whether it did. The ticker follows a new interval.
func (r *runner) apply(s settings.Settings) bool {
	if s.Interval <= 0 {
		r.setNote("cannot apply settings: the interval must be positive", true)
		return false
	}
	if r.ctl != nil {
		if err := r.ctl.Apply(s); err != nil {
			r.setNote("cannot apply settings: "+err.Error(), true)
			return false
		}
	}
	if s.Interval != r.set.Interval {
		r.ticker.Reset(s.Interval)
	}
	r.set = s
	return true
}

// save writes s to the config file.
func (r *runner) save(s settings.Settings) {
	if r.ctl == nil {
		r.setNote("no config file", true)
		return
	}
	if err := r.ctl.Save(s); err != nil {
		r.setNote("cannot save settings: "+err.Error(), true)
		return
	}
	r.setNote("saved to "+r.ctl.Path(), false)
}

// load reloads the settings from the config file and applies them; an
// open options window starts over from them.
func (r *runner) load() {
	if r.ctl == nil {
		r.setNote("no config file", true)
		return
	}
	s, err := r.ctl.Load()
	if err != nil {
		r.setNote("cannot reload settings: "+err.Error(), true)
		return
	}
	if s != r.set && !r.apply(s) {
		return
	}
	sel := r.win.sel
	r.win = newOptionsWindow(r.set)
	r.win.sel = sel
	r.setNote("reloaded "+r.ctl.Path(), false)
}

// path returns the config file's path, "" without one.
func (r *runner) path() string {
	if r.ctl == nil {
		return ""
	}
	return r.ctl.Path()
}

func (r *runner) setNote(text string, isErr bool) {
	r.note = note{text: text, err: isErr}
	r.noteAt = time.Now()
}
