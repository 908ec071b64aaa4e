package ui

// blockCell returns the character and colouring level of row l (0 = top)
// of a half-block graph h rows high showing v against the scale max. The
// graph has 2h sub-rows; a value fills its column from the bottom up to
// the sub-row it reaches.
func blockCell(v, max float64, h, l int) (string, level) {
	n := 2 * h
	lower := 2 * (h - 1 - l) // sub-row counted from the bottom
	return blockGlyph(reaches(v, max, lower+1, n), reaches(v, max, lower, n))
}

// blockGlyph returns the character and level of a cell whose upper and
// lower halves are set as given.
func blockGlyph(upper, lower bool) (string, level) {
	switch {
	case upper && lower:
		return "█", levelFull
	case lower:
		return "▄", levelMid
	case upper:
		return "▀", levelMid
	default:
		return " ", levelEmpty
	}
}
