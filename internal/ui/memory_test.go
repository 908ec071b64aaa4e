package ui

import (
	"testing"

	"github.com/gdamore/tcell/v2"
)

// The releaser acts once releaseAfter bytes were allocated, not before.
func TestReleaserActsOnAllocation(t *testing.T) {
	var keep [][]byte
	allocate := func() {
		for i := 0; i < 8; i++ {
			keep = append(keep, make([]byte, releaseAfter/4))
		}
	}
	r := newReleaser()
	allocate()
	r.check()
	first := r.mark
	if first == 0 {
		t.Fatal("did not release the garbage of the start")
	}
	r.check()
	if r.mark != first {
		t.Error("released again without allocating")
	}
	allocate()
	r.check()
	if r.mark == first {
		t.Errorf("did not release after %d bytes were allocated", 2*releaseAfter)
	}
	_ = keep
}

// tcell's screens offer their cell buffer, so a frame locks them once.
func TestScreensOfferTheirCells(t *testing.T) {
	s := tcell.NewSimulationScreen("UTF-8")
	if err := s.Init(); err != nil {
		t.Fatal(err)
	}
	defer s.Fini()
	l := lockCells(s)
	if l == nil {
		t.Fatal("the simulation screen does not offer its cells")
	}
	l.Unlock()
	if lockCells(&hintScreen{Screen: s}) != nil {
		t.Error("a wrapped screen offers cells it does not have")
	}
}
