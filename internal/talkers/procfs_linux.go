package talkers

import (
	"os"
	"os/user"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// rescanGap is the least time between two scans of /proc.
const rescanGap = time.Second

// procOwners ties socket inodes to processes through the symbolic links
// in /proc/PID/fd. It remembers what it found and scans /proc again only
// when sockets it does not know appear, at most once per rescanGap; an
// inode a scan did not find is not looked for again.
type procOwners struct {
	root     string
	euid     uint32
	byInode  map[uint32]int      // socket inode -> PID
	lost     map[uint32]struct{} // inodes a scan did not find
	procs    map[int]procOwner   // PID -> names
	users    map[uint32]string   // UID -> user name
	want     map[uint32]struct{} // scratch: the inodes of the current list
	lastScan time.Time
	lists    int // lists seen by Begin
	link     []byte
}

func newProcOwners(root string) *procOwners {
	return &procOwners{
		root:    root,
		euid:    uint32(os.Geteuid()),
		byInode: map[uint32]int{},
		lost:    map[uint32]struct{}{},
		procs:   map[int]procOwner{},
		users:   map[uint32]string{},
		want:    map[uint32]struct{}{},
		link:    make([]byte, 64),
	}
}

// mayRead reports whether the fd links of a socket's owner are readable.
func (p *procOwners) mayRead(s *tcpSocket) bool {
	return s.Inode != 0 && (p.euid == 0 || s.UID == p.euid)
}

// pruneEvery is how many lists pass between two prunings of the inodes
// that closed.
const pruneEvery = 64

// Begin implements resolver. Per socket it costs one lookup; the wanted
// set is built only to scan or, every pruneEvery lists, to forget the
// inodes that closed.
func (p *procOwners) Begin(socks []tcpSocket) {
	p.lists++
	unknown := false
	for i := range socks {
		s := &socks[i]
		if !p.mayRead(s) {
			continue
		}
		if _, ok := p.byInode[s.Inode]; ok {
			continue
		}
		if _, ok := p.lost[s.Inode]; !ok {
			unknown = true
			break
		}
	}
	scan := unknown && time.Since(p.lastScan) >= rescanGap
	if !scan && p.lists%pruneEvery != 0 {
		return
	}
	clear(p.want)
	for i := range socks {
		if s := &socks[i]; p.mayRead(s) {
			p.want[s.Inode] = struct{}{}
		}
	}
	for ino := range p.byInode {
		if _, ok := p.want[ino]; !ok {
			delete(p.byInode, ino)
		}
	}
	for ino := range p.lost {
		if _, ok := p.want[ino]; !ok {
			delete(p.lost, ino)
		}
	}
	if scan {
		p.scan()
	}
}

// scan reads every readable /proc/PID/fd and records the processes of
// the wanted inodes. Processes that end meanwhile are skipped.
func (p *procOwners) scan() {
	p.lastScan = time.Now()
	dir, err := os.Open(p.root)
	if err != nil {
		return
	}
	names, _ := dir.Readdirnames(-1)
	dir.Close()
	live := map[int]bool{}
	for _, name := range names {
		pid, err := strconv.Atoi(name)
		if err != nil || pid <= 0 {
			continue
		}
		if p.scanProcess(pid) {
			live[pid] = true
		}
	}
	for ino := range p.want {
		if _, ok := p.byInode[ino]; !ok {
			p.lost[ino] = struct{}{}
		}
	}
	for pid := range p.procs {
		if !live[pid] {
			delete(p.procs, pid)
		}
	}
}

// scanProcess records the wanted socket inodes of one process and
// reports whether it holds any.
func (p *procOwners) scanProcess(pid int) bool {
	fdDir := p.root + "/" + strconv.Itoa(pid) + "/fd"
	d, err := os.Open(fdDir)
	if err != nil {
		return false
	}
	fds, _ := d.Readdirnames(-1)
	d.Close()
	found := false
	for _, fd := range fds {
		n, err := syscall.Readlink(fdDir+"/"+fd, p.link)
		if err != nil || n <= 0 {
			continue
		}
		ino, ok := socketInode(p.link[:n])
		if !ok {
			continue
		}
		if _, wanted := p.want[ino]; !wanted {
			continue
		}
		if _, known := p.byInode[ino]; !known {
			p.byInode[ino] = pid
		}
		found = true
	}
	if found {
		if _, ok := p.procs[pid]; !ok {
			p.procs[pid] = p.describe(pid)
		}
	}
	return found
}

// socketInode reads the inode of a link such as "socket:[12345]".
func socketInode(link []byte) (uint32, bool) {
	s, ok := strings.CutPrefix(string(link), "socket:[")
	if !ok {
		return 0, false
	}
	s, ok = strings.CutSuffix(s, "]")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil {
		return 0, false
	}
	return uint32(n), true
}

// describe reads a process's name and owner; a process that has ended
// keeps its PID and gets "?" for a name.
func (p *procOwners) describe(pid int) procOwner {
	o := procOwner{PID: pid, Process: "?"}
	base := p.root + "/" + strconv.Itoa(pid)
	if b, err := os.ReadFile(base + "/comm"); err == nil {
		o.Process = strings.TrimSpace(string(b))
	}
	if b, err := os.ReadFile(base + "/cgroup"); err == nil {
		o.Cgroup = cgroupName(string(b))
	}
	if fi, err := os.Stat(base); err == nil {
		if st, ok := fi.Sys().(*syscall.Stat_t); ok {
			o.User = p.userName(st.Uid)
		}
	}
	return o
}

// userName returns the name of uid, or the number when it has none.
func (p *procOwners) userName(uid uint32) string {
	if n, ok := p.users[uid]; ok {
		return n
	}
	id := strconv.FormatUint(uint64(uid), 10)
	n := id
	if u, err := user.LookupId(id); err == nil {
		n = u.Username
	}
	p.users[uid] = n
	return n
}

// ownerOf implements resolver.
func (p *procOwners) ownerOf(s *tcpSocket) procOwner {
	if pid, ok := p.byInode[s.Inode]; ok && s.Inode != 0 {
		if o, ok := p.procs[pid]; ok {
			return o
		}
	}
	if s.UID == noUID {
		return procOwner{} // a flow no socket holds
	}
	return procOwner{User: p.userName(s.UID)}
}

// Note implements resolver.
func (p *procOwners) Note() string {
	if p.euid != 0 {
		return "not root: only your own processes are named"
	}
	return ""
}
