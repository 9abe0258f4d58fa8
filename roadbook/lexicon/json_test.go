package lexicon_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/roadbook/roadbook/roadbook/lexicon"
)

// TestSymbolJSON: every symbol's JSON reads back as its code, abbreviation,
// meaning, French term, category and family flag; empty ones left out.
func TestSymbolJSON(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(lexicon.All())
	if err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	all := lexicon.All()
	if len(got) != len(all) {
		t.Fatalf("%d symbols in JSON; want %d", len(got), len(all))
	}
	families := 0
	for i, s := range all {
		want := map[string]any{"code": s.Code, "meaning": s.Meaning, "category": s.Category.String()}
		if s.Abbr != "" {
			want["abbr"] = s.Abbr
		}
		if s.French != "" {
			want["french"] = s.French
		}
		if s.Family() {
			want["family"] = true
			families++
		}
		if fmt.Sprint(got[i]) != fmt.Sprint(want) {
			t.Errorf("%s as JSON = %v; want %v", s.Code, got[i], want)
		}
	}
	if families == 0 {
		t.Errorf("no family template among the symbols")
	}
}

func ExampleSymbol_MarshalJSON() {
	for _, code := range []string{"wadi", "speed-limit-N"} {
		s, _ := lexicon.Lookup(code)
		b, _ := json.Marshal(s)
		fmt.Println(string(b))
	}
	// Output:
	// {"code":"wadi","abbr":"OUED","meaning":"wadi / wash (dry river bed)","french":"oued","category":"water"}
	// {"code":"speed-limit-N","abbr":"N","meaning":"speed limit N km/h","french":"vitesse limitée","category":"speed","family":true}
}
