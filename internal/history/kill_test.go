package history

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// helperEnv names the file the helper process writes to.
const helperEnv = "WINLOAD_HISTORY_FLUSH_HELPER"

func TestMain(m *testing.M) {
	if path := os.Getenv(helperEnv); path != "" {
		flushForever(path)
		return
	}
	os.Exit(m.Run())
}

// flushForever adds 1000 bytes per round and flushes, printing the
// number of every completed flush, until it is killed.
func flushForever(path string) {
	r, err := Open(Options{Path: path, Calendar: utc, Boot: "b"}, t0)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	now := t0
	for i := uint64(0); ; i++ {
		now = now.Add(time.Minute)
		if err := r.Write(now, reading("eth0", i*1000, i*1000)); err != nil {
			os.Exit(1)
		}
		if err := r.Flush(); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		fmt.Println("flushed", i)
	}
}

// TestKillDuringFlush kills a process that flushes without pause: the
// file it leaves is whole, with at least every flush it reported.
func TestKillDuringFlush(t *testing.T) {
	for round := range 3 {
		path := tempPath(t)
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), helperEnv+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		var done uint64
		for lines.Scan() {
			n, ok := strings.CutPrefix(lines.Text(), "flushed ")
			if !ok {
				t.Fatalf("helper: %s", lines.Text())
			}
			done, _ = strconv.ParseUint(n, 10, 64)
			if done >= uint64(5+round*7) {
				break
			}
		}
		if err := cmd.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		_ = cmd.Wait()
		r := open(t, path, "b", t0)
		if r.Note() != "" {
			t.Fatalf("round %d: note after kill -9: %q", round, r.Note())
		}
		got := total(t, r, "eth0")
		if got.In < done*1000 || got.In%1000 != 0 || got.In != got.Out {
			t.Fatalf("round %d: total after kill -9 = %v, want a whole flush of at least %d", round, got, done*1000)
		}
		closeRec(t, r)
	}
}
