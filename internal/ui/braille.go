package ui

// brailleGlyphs holds the 256 Braille patterns U+2800 to U+28FF in order,
// three bytes each in UTF-8; a slice of it is a string tcell can keep
// without an allocation.
const brailleGlyphs = "" +
	"⠀⠁⠂⠃⠄⠅⠆⠇⠈⠉⠊⠋⠌⠍⠎⠏⠐⠑⠒⠓⠔⠕⠖⠗⠘⠙⠚⠛⠜⠝⠞⠟" +
	"⠠⠡⠢⠣⠤⠥⠦⠧⠨⠩⠪⠫⠬⠭⠮⠯⠰⠱⠲⠳⠴⠵⠶⠷⠸⠹⠺⠻⠼⠽⠾⠿" +
	"⡀⡁⡂⡃⡄⡅⡆⡇⡈⡉⡊⡋⡌⡍⡎⡏⡐⡑⡒⡓⡔⡕⡖⡗⡘⡙⡚⡛⡜⡝⡞⡟" +
	"⡠⡡⡢⡣⡤⡥⡦⡧⡨⡩⡪⡫⡬⡭⡮⡯⡰⡱⡲⡳⡴⡵⡶⡷⡸⡹⡺⡻⡼⡽⡾⡿" +
	"⢀⢁⢂⢃⢄⢅⢆⢇⢈⢉⢊⢋⢌⢍⢎⢏⢐⢑⢒⢓⢔⢕⢖⢗⢘⢙⢚⢛⢜⢝⢞⢟" +
	"⢠⢡⢢⢣⢤⢥⢦⢧⢨⢩⢪⢫⢬⢭⢮⢯⢰⢱⢲⢳⢴⢵⢶⢷⢸⢹⢺⢻⢼⢽⢾⢿" +
	"⣀⣁⣂⣃⣄⣅⣆⣇⣈⣉⣊⣋⣌⣍⣎⣏⣐⣑⣒⣓⣔⣕⣖⣗⣘⣙⣚⣛⣜⣝⣞⣟" +
	"⣠⣡⣢⣣⣤⣥⣦⣧⣨⣩⣪⣫⣬⣭⣮⣯⣰⣱⣲⣳⣴⣵⣶⣷⣸⣹⣺⣻⣼⣽⣾⣿"

// brailleDots are the pattern bits of a cell's dots, by dot row (0 = top)
// and dot column (0 = left).
var brailleDots = [4][2]uint8{
	{0x01, 0x08},
	{0x02, 0x10},
	{0x04, 0x20},
	{0x40, 0x80},
}

// brailleCell returns the dot pattern of row l (0 = top) of a graph h rows
// high whose cell shows the values left and right against the scale max.
// The graph has 4h dot rows; the dots of a value fill its column from the
// bottom up to the dot row the value reaches.
func brailleCell(left, right, max float64, h, l int) uint8 {
	var bits uint8
	n := 4 * h
	for r := range 4 {
		k := 4*(h-1-l) + 3 - r // dot row counted from the bottom
		if reaches(left, max, k, n) {
			bits |= brailleDots[r][0]
		}
		if reaches(right, max, k, n) {
			bits |= brailleDots[r][1]
		}
	}
	return bits
}

// brailleGlyph returns the character of a dot pattern; the empty pattern
// is a space.
func brailleGlyph(bits uint8) string {
	if bits == 0 {
		return " "
	}
	i := 3 * int(bits)
	return brailleGlyphs[i : i+3]
}

// brailleLevel returns the colouring level of a dot pattern: full when
// every dot is set, empty when none is.
func brailleLevel(bits uint8) level {
	switch bits {
	case 0:
		return levelEmpty
	case 0xff:
		return levelFull
	default:
		return levelMid
	}
}
