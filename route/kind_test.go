package route

import (
	"encoding/json"
	"testing"
)

func TestKindStringAndParse(t *testing.T) {
	for k := Kind(1); int(k) < NumKinds; k++ {
		s := k.String()
		got, err := ParseKind(s)
		if err != nil || got != k {
			t.Errorf("ParseKind(%q) = %v, %v; want %v", s, got, err, k)
		}
	}
	cases := []struct {
		in   string
		want Kind
		ok   bool
	}{
		{"DSS", DSS, true}, {"wpm", WPM, true}, {"Fuel", Fuel, true}, {"STOP", Stop, true},
		{"", 0, false}, {"WP", 0, false}, {"Kind(3)", 0, false}, {"DSS ", 0, false},
	}
	for _, c := range cases {
		got, err := ParseKind(c.in)
		if got != c.want || (err == nil) != c.ok {
			t.Errorf("ParseKind(%q) = %v, %v; want %v, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
	if got := Kind(0).String(); got != "Kind(0)" {
		t.Errorf("Kind(0).String() = %q; want %q", got, "Kind(0)")
	}
	if got := Kind(200).String(); got != "Kind(200)" {
		t.Errorf("Kind(200).String() = %q; want %q", got, "Kind(200)")
	}
}

func TestKindIsWaypoint(t *testing.T) {
	want := map[Kind]bool{WPV: true, WPM: true, WPE: true, WPS: true, WPC: true, WPN: true, WPP: true}
	for k := Kind(0); int(k) <= NumKinds; k++ {
		if got := k.IsWaypoint(); got != want[k] {
			t.Errorf("%v.IsWaypoint() = %v; want %v", k, got, want[k])
		}
	}
}

func TestKindJSON(t *testing.T) {
	in := []Kind{DSS, WPM, Fuel}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `["DSS","WPM","fuel"]`; got != want {
		t.Errorf("json.Marshal(%v) = %s; want %s", in, got, want)
	}
	var out []Kind
	if err := json.Unmarshal([]byte(`["dss","WpM","FUEL"]`), &out); err != nil || len(out) != 3 || out[0] != DSS || out[1] != WPM || out[2] != Fuel {
		t.Errorf("json.Unmarshal = %v, %v; want [DSS WPM fuel]", out, err)
	}
	if err := json.Unmarshal([]byte(`["nope"]`), &out); err == nil {
		t.Errorf("json.Unmarshal([\"nope\"]) succeeded; want an error")
	}
}

func TestSectionKindString(t *testing.T) {
	cases := map[SectionKind]string{Liaison: "liaison", Special: "special", Neutralisation: "neutralisation", 0: "SectionKind(?)", 9: "SectionKind(?)"}
	for k, want := range cases {
		if got := k.String(); got != want {
			t.Errorf("SectionKind(%d).String() = %q; want %q", k, got, want)
		}
	}
}
