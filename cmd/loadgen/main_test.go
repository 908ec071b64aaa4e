package main

import (
	"context"
	"testing"
	"time"
)

func TestPacerKeepsTotalOnRate(t *testing.T) {
	p := pacer{rate: 10e6, burst: maxBurst(10e6)}
	// Ticks 10 ms apart hand out 100 kB each.
	for i := 1; i <= 100; i++ {
		n := p.due(time.Duration(i) * 10 * time.Millisecond)
		if n != 100_000 {
			t.Fatalf("tick %d: due %d, want 100000", i, n)
		}
		p.sent += n
	}
	if p.sent != 10_000_000 {
		t.Fatalf("after 1s sent %d, want 10000000", p.sent)
	}
}

func TestPacerCatchesUpLateTicks(t *testing.T) {
	p := pacer{rate: 1000, burst: maxBurst(1000)}
	if n := p.due(10 * time.Millisecond); n != 10 {
		t.Fatalf("first tick: %d, want 10", n)
	}
	p.sent = 10
	// A tick 30 ms late still brings the total to rate*elapsed.
	if n := p.due(50 * time.Millisecond); n != 40 {
		t.Fatalf("late tick: %d, want 40", n)
	}
	p.sent = 50
	// Nothing is due before the next whole byte.
	if n := p.due(50*time.Millisecond + 500*time.Microsecond); n != 0 {
		t.Fatalf("same instant: %d, want 0", n)
	}
}

func TestPacerPartialWriteIsOwed(t *testing.T) {
	p := pacer{rate: 1000}
	n := p.due(100 * time.Millisecond)
	p.sent += n / 2 // the writer managed half
	if got := p.due(100 * time.Millisecond); got != n-n/2 {
		t.Fatalf("owed %d, want %d", got, n-n/2)
	}
}

func TestPacerForgetsStalls(t *testing.T) {
	p := pacer{rate: 1000, burst: maxBurst(1000)} // burst 100 bytes
	// Five seconds late: one burst, and the backlog is dropped.
	if n := p.due(5 * time.Second); n != 100 {
		t.Fatalf("after stall: %d, want burst 100", n)
	}
	p.sent += 100
	if n := p.due(5*time.Second + 10*time.Millisecond); n != 10 {
		t.Fatalf("next tick: %d, want 10 (back on rate)", n)
	}
}

func TestPacerEdges(t *testing.T) {
	for _, tc := range []struct {
		name    string
		p       pacer
		elapsed time.Duration
	}{
		{"zero rate", pacer{rate: 0}, time.Second},
		{"negative rate", pacer{rate: -5}, time.Second},
		{"no time", pacer{rate: 1e6}, 0},
		{"ahead", pacer{rate: 1000, sent: 5000}, time.Second},
	} {
		if n := tc.p.due(tc.elapsed); n != 0 {
			t.Errorf("%s: due %d, want 0", tc.name, n)
		}
	}
	if b := maxBurst(3); b != 1 {
		t.Errorf("maxBurst(3) = %d, want 1", b)
	}
}

func TestGenerateSendsAtRate(t *testing.T) {
	const rate = 2e6
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	res, err := generate(ctx, rate, 10*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if res.received != res.sent {
		t.Errorf("received %d of %d bytes", res.received, res.sent)
	}
	want := rate * res.elapsed.Seconds()
	// The last tick may not have fired, and a loaded machine may stall the
	// sender past its burst; a quarter either way still catches a pacing bug.
	if slack := want / 4; float64(res.sent) < want-slack || float64(res.sent) > want+slack {
		t.Errorf("sent %d bytes in %v, want about %.0f", res.sent, res.elapsed, want)
	}
}
