package app

import (
	"context"
	"fmt"
	"time"

	"github.com/winload/winload/internal/report"
	"github.com/winload/winload/internal/settings"
	"github.com/winload/winload/internal/talkers"
)

// screenTalkers starts collecting talkers the first time the screen's
// panel asks for them, so that the plain screen pays nothing.
type screenTalkers struct {
	ctx  context.Context
	src  talkers.Source
	col  *talkers.Collector
	done chan struct{}
}

// Talkers implements ui.TalkersModel.
func (m *screenTalkers) Talkers(v talkers.View, every time.Duration) *talkers.Table {
	if m.col == nil {
		m.col = talkers.New(every, m.src)
		m.done = make(chan struct{})
		go func() {
			defer close(m.done)
			m.col.Run(m.ctx)
		}()
	}
	if m.col.View() != v {
		m.col.SetView(v)
	}
	m.col.SetInterval(every)
	return m.col.Latest()
}

// wait waits for the collector, if one was started, after its context
// ended.
func (m *screenTalkers) wait() {
	if m.done != nil {
		<-m.done
	}
}

// streamTalkers opens the talkers collector for a text or JSON stream,
// starts it and makes s show its table. The returned stop ends it.
func streamTalkers(ctx context.Context, s *report.Stream, interval time.Duration, src talkers.Source) (stop func(), err error) {
	col, err := talkers.Open(interval, src)
	if err != nil {
		return nil, fmt.Errorf("--talkers: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		col.Run(ctx)
	}()
	s.ShowTalkers(col.Latest)
	return func() { cancel(); <-done }, nil
}

// talkersSource is the source the settings ask for.
func talkersSource(s settings.Settings) talkers.Source {
	switch s.TalkersSource {
	case "capture":
		return talkers.Capture
	case "sockets":
		return talkers.Sockets
	}
	return talkers.Auto
}
