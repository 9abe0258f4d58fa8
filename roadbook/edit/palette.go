package edit

// Symbol is one entry of the notes palette: a lexicon symbol the author
// inserts into the notes in the notes notation ("{village}").
type Symbol struct {
	// Code is the symbol's code in the notation, Abbr what a roadbook prints
	// for it, Meaning the words.
	Code    string `json:"code"`
	Abbr    string `json:"abbr,omitempty"`
	Meaning string `json:"meaning"`
	// SVG is the symbol's drawing, "" until the lexicon draws it.
	SVG string `json:"svg,omitempty"`
	// Key is the keyboard shortcut that inserts it (Alt+Key), "" for none.
	Key string `json:"key,omitempty"`
}

// Palette returns the notes palette.
//
// This is the editor's seam for the lexicon package (the FIA symbol set and
// the notes notation): until it lands, the palette is this short list of
// the commonest notes, in the notation, without drawings; then it becomes
// the lexicon's symbol table with its drawings.
func Palette() []Symbol {
	return []Symbol{
		{Code: "track-main", Abbr: "PP", Meaning: "main track", Key: "1"},
		{Code: "follow-main-track", Abbr: "FPP", Meaning: "follow main track", Key: "2"},
		{Code: "keep-left", Abbr: "kpL", Meaning: "keep left", Key: "3"},
		{Code: "keep-right", Abbr: "kpR", Meaning: "keep right", Key: "4"},
		{Code: "sandy", Abbr: "SA", Meaning: "sandy", Key: "5"},
		{Code: "stones", Abbr: "CX", Meaning: "stony", Key: "6"},
		{Code: "dunes-many", Abbr: "DNX", Meaning: "many dunes", Key: "7"},
		{Code: "village", Abbr: "V", Meaning: "village", Key: "8"},
		{Code: "wadi", Abbr: "OUED", Meaning: "wadi", Key: "9"},
		{Code: "hole", Meaning: "hole"},
		{Code: "bump", Meaning: "bump"},
		{Code: "fence-gate", Meaning: "gate in a fence"},
		{Code: "well", Meaning: "well"},
		{Code: "tree", Meaning: "tree"},
		{Code: "petrol-station", Meaning: "petrol station"},
		{Code: "off-track", Abbr: "HP", Meaning: "off track"},
	}
}
