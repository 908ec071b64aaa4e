// Package printable makes names from the system safe to print: an
// interface name may hold control characters (ESC[31m recolours a
// terminal), invalid UTF-8 or invisible format characters such as a
// right-to-left override.
package printable

import (
	"strconv"
	"unicode/utf8"
)

// String returns s with every character that is not printable written as
// a Go escape: \n, \t and the like, \x1b for other control bytes and for
// bytes that are not UTF-8, \u202e for invisible or format characters.
// Printable UTF-8 (accents, CJK, emoji) and spaces stay as they are, and
// so does a backslash; JSON output keeps the exact name. A string that
// needs no escape is returned without allocating.
func String(s string) string {
	if clean(s) {
		return s
	}
	return string(Append(make([]byte, 0, len(s)+8), s))
}

// Append appends s, escaped as String escapes it, to dst.
func Append(dst []byte, s string) []byte {
	if clean(s) {
		return append(dst, s...)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, `\x`...)
			dst = appendHex(dst, uint32(s[i]), 2)
		case r == ' ' || strconv.IsPrint(r):
			dst = append(dst, s[i:i+size]...)
		default:
			dst = appendEscape(dst, r)
		}
		i += size
	}
	return dst
}

// clean reports whether s is printable ASCII, the common case.
func clean(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

func appendEscape(dst []byte, r rune) []byte {
	switch r {
	case '\a':
		return append(dst, `\a`...)
	case '\b':
		return append(dst, `\b`...)
	case '\f':
		return append(dst, `\f`...)
	case '\n':
		return append(dst, `\n`...)
	case '\r':
		return append(dst, `\r`...)
	case '\t':
		return append(dst, `\t`...)
	case '\v':
		return append(dst, `\v`...)
	}
	switch {
	case r < utf8.RuneSelf:
		return appendHex(append(dst, `\x`...), uint32(r), 2)
	case r <= 0xffff:
		return appendHex(append(dst, `\u`...), uint32(r), 4)
	default:
		return appendHex(append(dst, `\U`...), uint32(r), 8)
	}
}

func appendHex(dst []byte, v uint32, digits int) []byte {
	const hex = "0123456789abcdef"
	for shift := 4 * (digits - 1); shift >= 0; shift -= 4 {
		dst = append(dst, hex[v>>uint(shift)&0xf])
	}
	return dst
}

// Join escapes each of names and joins them with sep, as for a list of
// devices in an error message.
func Join(names []string, sep string) string {
	var b []byte
	for i, n := range names {
		if i > 0 {
			b = append(b, sep...)
		}
		b = Append(b, n)
	}
	return string(b)
}
