package lexicon

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Category groups the symbols as the lexicon does.
type Category uint8

// The categories, in the order of the legend sheet.
const (
	Track        Category = iota // track and line types, track descriptions
	Direction                    // directions, link words, CAP marks
	Abbreviation                 // qualifiers and other printed words
	Surface                      // the ground
	Relief                       // dunes, bumps, slopes, hills
	Vegetation                   // trees, bushes, grass
	Water                        // rivers, wadis, wells
	Landmark                     // man-made features, animals
	Org                          // waypoints, controls and the organisation's marks
	Speed                        // speed zones and limits
	Danger                       // danger marks and road signs
)

var categoryNames = [...]string{"track", "direction", "abbreviation", "surface", "relief", "vegetation", "water", "landmark", "org", "speed", "danger"}

var categoryTitles = [...]string{"Tracks", "Directions and CAP", "Abbreviations", "Surface", "Relief", "Vegetation", "Water", "Landmarks", "Waypoints and controls", "Speed", "Danger and road signs"}

// String returns the category's name: "track", "relief", "org"…
func (c Category) String() string {
	if int(c) < len(categoryNames) {
		return categoryNames[c]
	}
	return fmt.Sprintf("Category(%d)", c)
}

// Title returns the heading the legend sheet gives the category:
// "Tracks", "Waypoints and controls"…
func (c Category) Title() string {
	if int(c) < len(categoryTitles) {
		return categoryTitles[c]
	}
	return c.String()
}

// ParseCategory returns the category named s (case ignored).
func ParseCategory(s string) (Category, error) {
	for i, n := range categoryNames {
		if strings.EqualFold(s, n) {
			return Category(i), nil
		}
	}
	return 0, fmt.Errorf("lexicon: unknown category %q", s)
}

// Categories returns every category in legend order.
func Categories() []Category {
	cs := make([]Category, len(categoryNames))
	for i := range cs {
		cs[i] = Category(i)
	}
	return cs
}

// Height is the height of every symbol's box in symbol units.
const Height = 100

// Symbol is one entry of the lexicon: a code that notes write in braces, the
// abbreviation printed for it (if any), what it means, and its drawing.
type Symbol struct {
	// Code is the stable identifier: "village", "danger-2", "speed-limit-50".
	// A family's template has a code ending in "-N" ("speed-limit-N"):
	// Lookup gives its members.
	Code string
	// Abbr is the abbreviation a roadbook prints for it ("OUED", "DSS"),
	// "" for a pictogram that has none.
	Abbr string
	// Meaning is what it means, in English; French is the French term when
	// the lexicon gives one ("" when none).
	Meaning, French string
	// Category is the symbol's group.
	Category Category
	// Width is the width of the symbol's box in symbol units (its height
	// is Height): 100 for a square symbol, more for a long abbreviation.
	Width float64
	// N is the number of a family member (the 50 of "speed-limit-50"), 0
	// for other symbols.
	N int

	draw   func(c Canvas, s *Symbol)
	family *family
}

// Draw draws the symbol on c in the box [0, Width] × [0, Height].
func (s *Symbol) Draw(c Canvas) { s.draw(c, s) }

// Family reports whether s is a family's template ("speed-limit-N"), whose
// drawing shows an example member.
func (s *Symbol) Family() bool { return s.family != nil && strings.HasSuffix(s.Code, "-N") }

// MarshalJSON writes the symbol as "roadbook lexicon --json" lists it:
// {"code", "abbr", "meaning", "french", "category", "family"}, the
// abbreviation and the French term left out when there are none, family
// only for a family's template (true).
func (s *Symbol) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Code     string `json:"code"`
		Abbr     string `json:"abbr,omitempty"`
		Meaning  string `json:"meaning"`
		French   string `json:"french,omitempty"`
		Category string `json:"category"`
		Family   bool   `json:"family,omitempty"`
	}{s.Code, s.Abbr, s.Meaning, s.French, s.Category.String(), s.Family()})
}

// Word returns the symbol as a word for plain text (a KML name, a text
// report): its abbreviation when it has one of two letters or more ("OUED",
// "DSS", "!!", "50") or it is a direction or danger mark ("L", "!"), else
// its meaning up to the first bracket, slash or comma ("village").
func (s *Symbol) Word() string {
	if s.Abbr != "" && (len(s.Abbr) >= 2 || s.Category == Direction || s.Category == Danger) {
		return s.Abbr
	}
	m := s.Meaning
	if i := strings.IndexAny(m, "(/,;"); i > 0 {
		m = m[:i]
	}
	return strings.TrimSpace(m)
}

// family describes a numbered symbol family: "speed-limit-N" has members
// "speed-limit-5" … "speed-limit-300".
type family struct {
	prefix   string // "speed-limit-"
	min, max int
	example  int
	abbr     func(n int) string
	meaning  func(n int) string
}

var (
	symbols  []*Symbol          // the table, in legend order
	byCode   map[string]*Symbol // by lower-case code
	families []*family
)

// All returns every symbol in legend order (by category, then as the
// lexicon lists them); a family appears once, as its template. The slice is
// a copy; the symbols are shared and must not be modified.
func All() []*Symbol { return append([]*Symbol(nil), symbols...) }

// Lookup returns the symbol with the given code (case and surrounding
// spaces ignored), including the members of a family ("speed-limit-50",
// "distance-150"); ok is false for an unknown code.
func Lookup(code string) (s *Symbol, ok bool) {
	code = strings.ToLower(strings.TrimSpace(code))
	if s, ok := byCode[code]; ok {
		return s, true
	}
	for _, f := range families {
		rest, found := strings.CutPrefix(code, f.prefix)
		if !found || rest == "" || rest[0] == '0' || len(rest) > 4 {
			continue
		}
		n, err := strconv.Atoi(rest)
		if err != nil || n < f.min || n > f.max {
			continue
		}
		t := byCode[f.prefix+"n"]
		m := *t
		m.Code, m.N = f.prefix+rest, n
		m.Abbr, m.Meaning = f.abbr(n), f.meaning(n)
		return &m, true
	}
	return nil, false
}

// add registers symbols; called by the category files' init.
func add(list ...*Symbol) {
	for _, s := range list {
		key := strings.ToLower(s.Code)
		if byCode == nil {
			byCode = map[string]*Symbol{}
		}
		if _, dup := byCode[key]; dup {
			panic("lexicon: duplicate code " + s.Code)
		}
		if s.Width == 0 {
			s.Width = Height
		}
		byCode[key] = s
		symbols = append(symbols, s)
	}
	sort.SliceStable(symbols, func(i, j int) bool { return symbols[i].Category < symbols[j].Category })
}

// addFamily registers a family template: its code is prefix + "N", its
// drawing gets N = example.
func addFamily(f *family, t *Symbol) {
	t.Code = f.prefix + "N"
	t.N = f.example
	t.family = f
	families = append(families, f)
	add(t)
}
