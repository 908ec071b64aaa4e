package talkers

import "strings"

// cgroupName reads the contents of /proc/PID/cgroup and returns the last
// part of the process's cgroup path: the systemd unit ("ssh.service",
// "session-3.scope") or the container's scope, with a 64-digit container
// ID cut to 12 digits as docker shows it ("docker-0123456789ab.scope").
// It prefers the unified (v2) hierarchy, then systemd's; "/" for the root
// cgroup, "" when nothing can be read.
func cgroupName(text string) string {
	var path, systemd, first string
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\n")
		id, rest, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		ctrl, p, ok := strings.Cut(rest, ":")
		if !ok || p == "" {
			continue
		}
		switch {
		case id == "0" && ctrl == "":
			path = p
		case ctrl == "name=systemd":
			systemd = p
		case first == "":
			first = p
		}
	}
	for _, p := range []string{path, systemd, first} {
		if p != "" {
			return shortCgroup(p)
		}
	}
	return ""
}

// shortCgroup returns the last element of a cgroup path with a container
// ID shortened.
func shortCgroup(p string) string {
	p = strings.TrimRight(p, "/")
	if p == "" {
		return "/"
	}
	last := p[strings.LastIndexByte(p, '/')+1:]
	if last == "" {
		return "/"
	}
	// A docker or containerd ID is 64 hex digits.
	run := 0
	for i := 0; i < len(last); i++ {
		if isHex(last[i]) {
			run++
			if run == 64 && (i+1 == len(last) || !isHex(last[i+1])) {
				start := i + 1 - 64
				return last[:start+12] + last[i+1:]
			}
			continue
		}
		run = 0
	}
	return last
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f'
}
