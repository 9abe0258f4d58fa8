package kml

import (
	"errors"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/route"
)

// This file holds the tests of hostile and odd input: empty files, limits,
// numbers, characters, encodings. The bombs are generated here, never kept
// as files.

// TestEmpty checks that a file with nothing in it is the one typed error
// route.ErrEmpty.
func TestEmpty(t *testing.T) {
	for _, in := range []string{"", " ", "\n\t\r\n", "\xEF\xBB\xBF", "\xEF\xBB\xBF \n"} {
		_, err := decodeBytes([]byte(in), false)
		if !errors.Is(err, route.ErrEmpty) || err.Error() != "kml: empty file" {
			t.Errorf("Decode(%q) error = %v; want kml: empty file (route.ErrEmpty)", in, err)
		}
	}
	for _, in := range []string{`<?xml version="1.0"?>`, `<!-- nothing -->`} {
		_, err := decodeBytes([]byte(in), false)
		if err == nil || errors.Is(err, route.ErrEmpty) {
			t.Errorf("Decode(%q) error = %v; want an error that is not route.ErrEmpty", in, err)
		}
	}
}

// TestLenientSummary checks that lenient decoding of many bad points keeps
// the first route.MaxSkipped problems and counts them all.
func TestLenientSummary(t *testing.T) {
	const n = 20_000
	var b strings.Builder
	b.WriteString(kml22 + "<Placemark><LineString><coordinates>\n")
	for range n {
		b.WriteString("0,91\n")
	}
	b.WriteString("1,2 1,3</coordinates></LineString></Placemark></kml>")
	f, err := decodeBytes([]byte(b.String()), true)
	if err != nil {
		t.Fatal(err)
	}
	if n2, _, _, _ := points(f); len(f.Skipped) != route.MaxSkipped || f.SkippedCount != n || n2 != 2 {
		t.Fatalf("lenient Decode of %d bad points: %d skipped kept, SkippedCount %d, %d points; want %d, %d, 2",
			n, len(f.Skipped), f.SkippedCount, n2, route.MaxSkipped, n)
	}
}
