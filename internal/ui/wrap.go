package ui

import "github.com/rivo/uniseg"

// nextLine splits off the first line of text that fits in width columns:
// it breaks at the last space that fits, or inside a word longer than
// the width, so that wrapped lines lose nothing. Spaces at the break are
// dropped. It does not allocate.
func nextLine(text string, width int) (line, rest string) {
	for len(text) > 0 && text[0] == ' ' {
		text = text[1:]
	}
	width = max(width, 1)
	cols, space, state := 0, -1, -1
	for i := 0; i < len(text); {
		g, _, w, st := uniseg.FirstGraphemeClusterInString(text[i:], state)
		state = st
		if w == 0 {
			w = 1 // drawn as '?'
		}
		if g == " " {
			space = i
		}
		if cols+w > width {
			if g == " " {
				return text[:i], text[i+1:]
			}
			if space > 0 {
				return text[:space], text[space+1:]
			}
			if i == 0 { // a grapheme wider than the line
				i = len(g)
			}
			return text[:i], text[i:]
		}
		cols += w
		i += len(g)
	}
	return text, ""
}

// countLines returns how many lines nextLine splits text into.
func countLines(text string, width int) int {
	n := 0
	for text != "" {
		_, text = nextLine(text, width)
		n++
	}
	return n
}

// splitFit splits ASCII text b at its last space within width columns,
// or at width when it has none there; rest is empty when b fits.
func splitFit(b []byte, width int) (first, rest []byte) {
	if len(b) <= width || width < 1 {
		return b, nil
	}
	for i := width; i > 0; i-- {
		if b[i] == ' ' {
			return b[:i], b[i+1:]
		}
	}
	return b[:width], b[width:]
}

// middleCut returns the start and end of text to show around "…" so that
// the whole fits in width columns; when text fits, head is all of it and
// tail is "".
func middleCut(text string, width int) (head, tail string) {
	if uniseg.StringWidth(text) <= width {
		return text, ""
	}
	keep := max(width-1, 0)
	headW, tailW := keep-keep/2, keep/2
	cols, state := 0, -1
	i := 0
	for i < len(text) {
		g, _, w, st := uniseg.FirstGraphemeClusterInString(text[i:], state)
		state = st
		if cols+w > headW {
			break
		}
		cols += w
		i += len(g)
	}
	head = text[:i]
	// The tail starts at the first grapheme after which at most tailW
	// columns remain.
	total := uniseg.StringWidth(text)
	cols, state = 0, -1
	for j := 0; j < len(text); {
		if total-cols <= tailW {
			return head, text[j:]
		}
		g, _, w, st := uniseg.FirstGraphemeClusterInString(text[j:], state)
		state = st
		cols += w
		j += len(g)
	}
	return head, ""
}
