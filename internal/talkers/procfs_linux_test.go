package talkers

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// fakeProc makes a /proc with one process per entry of socks: PID to its
// socket inodes.
func fakeProc(t *testing.T, socks map[string][]string) string {
	t.Helper()
	root := t.TempDir()
	for pid, inodes := range socks {
		fd := filepath.Join(root, pid, "fd")
		if err := os.MkdirAll(fd, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, pid, "comm"), []byte("proc"+pid+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, pid, "cgroup"), []byte("0::/system.slice/p"+pid+".service\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		for i, ino := range inodes {
			if err := os.Symlink("socket:["+ino+"]", filepath.Join(fd, string(rune('3'+i)))); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Symlink("/dev/null", filepath.Join(fd, "0")); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestProcOwners(t *testing.T) {
	root := fakeProc(t, map[string][]string{"100": {"55", "56"}, "200": {"77"}})
	p := newProcOwners(root)
	p.euid = 0
	socks := []tcpSocket{{Inode: 55}, {Inode: 77}, {Inode: 99}, {Inode: 0, UID: 0}}
	p.Begin(socks)
	for _, tt := range []struct {
		i    int
		pid  int
		name string
	}{{0, 100, "proc100"}, {1, 200, "proc200"}, {2, 0, ""}, {3, 0, ""}} {
		if o := p.ownerOf(&socks[tt.i]); o.PID != tt.pid || o.Process != tt.name || (tt.pid != 0 && o.Cgroup != "p"+strconv.Itoa(tt.pid)+".service") {
			t.Errorf("owner of inode %d = %+v, want PID %d %q", socks[tt.i].Inode, o, tt.pid, tt.name)
		}
	}
	if _, ok := p.byInode[56]; ok {
		t.Error("inode 56 is in no list but was recorded")
	}
	if _, ok := p.lost[99]; !ok {
		t.Error("inode 99 was not found but is not marked lost, so every tick would scan again")
	}
	// Process 200 ends and its /proc entry vanishes: its socket leaves the
	// list, and the names of the others stay.
	if err := os.RemoveAll(filepath.Join(root, "200")); err != nil {
		t.Fatal(err)
	}
	p.lastScan = p.lastScan.Add(-rescanGap)
	socks = []tcpSocket{{Inode: 55}, {Inode: 56}}
	p.Begin(socks)
	if o := p.ownerOf(&socks[1]); o.PID != 100 {
		t.Errorf("owner of the new inode 56 = %+v, want PID 100", o)
	}
	if _, ok := p.procs[200]; ok || len(p.byInode) != 2 || len(p.lost) != 0 {
		t.Errorf("after process 200 ended: procs %v, byInode %v, lost %v", p.procs, p.byInode, p.lost)
	}
}

func TestProcOwnersWithoutRootNamesOnlyOwnSockets(t *testing.T) {
	root := fakeProc(t, map[string][]string{"100": {"55"}})
	p := newProcOwners(root)
	p.euid = 1000
	socks := []tcpSocket{{Inode: 55, UID: 2000}}
	p.Begin(socks)
	if o := p.ownerOf(&socks[0]); o.PID != 0 || p.Note() == "" {
		t.Errorf("another user's socket got owner %+v (note %q), want none and a note", o, p.Note())
	}
}

func TestSocketInode(t *testing.T) {
	for _, tt := range []struct {
		link string
		ino  uint32
		ok   bool
	}{{"socket:[123]", 123, true}, {"pipe:[5]", 0, false}, {"socket:[x]", 0, false}, {"socket:[1", 0, false}, {"socket:[99999999999]", 0, false}} {
		if ino, ok := socketInode([]byte(tt.link)); ino != tt.ino || ok != tt.ok {
			t.Errorf("socketInode(%q) = %d, %v; want %d, %v", tt.link, ino, ok, tt.ino, tt.ok)
		}
	}
}

// Entries that vanish or are not what they seem are skipped: a /proc
// entry that is no number, a process without an fd folder (it ended
// between the listing and the lookup), an fd that is no link, and a
// process whose comm vanished keeps its PID with "?" for a name.
func TestProcOwnersSkipsVanishingEntries(t *testing.T) {
	root := fakeProc(t, map[string][]string{"100": {"55"}, "300": {"66"}})
	for _, dir := range []string{"self-ish", "200", filepath.Join("100", "fd", "9")} {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Remove(filepath.Join(root, "300", "comm")); err != nil {
		t.Fatal(err)
	}
	p := newProcOwners(root)
	p.euid = 0
	socks := []tcpSocket{{Inode: 55}, {Inode: 66}}
	p.Begin(socks)
	if o := p.ownerOf(&socks[0]); o.PID != 100 || o.Process != "proc100" {
		t.Errorf("owner of inode 55 = %+v, want PID 100 proc100", o)
	}
	if o := p.ownerOf(&socks[1]); o.PID != 300 || o.Process != "?" {
		t.Errorf("owner of inode 66 = %+v, want PID 300 named ?", o)
	}
	// The whole of /proc vanishes: nothing is found, nothing breaks.
	if err := os.RemoveAll(root); err != nil {
		t.Fatal(err)
	}
	p.lastScan = p.lastScan.Add(-rescanGap)
	socks = append(socks, tcpSocket{Inode: 77})
	p.Begin(socks)
	if o := p.ownerOf(&socks[2]); o.PID != 0 {
		t.Errorf("owner of inode 77 = %+v with /proc gone", o)
	}
}
