package gpx

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
// route.ErrEmpty, whatever white space or byte-order mark it holds.
func TestEmpty(t *testing.T) {
	for _, in := range []string{"", " ", "\n\t\r\n", "\xEF\xBB\xBF", "\xEF\xBB\xBF  \n", "\xFF\xFE", "\xFE\xFF\x00 "} {
		_, err := decodeString(in, false)
		if !errors.Is(err, route.ErrEmpty) || err.Error() != "gpx: empty file" {
			t.Errorf("Decode(%q) error = %v; want gpx: empty file (route.ErrEmpty)", in, err)
		}
	}
	for _, in := range []string{`<?xml version="1.0"?>`, `<!-- nothing -->`} {
		_, err := decodeString(in, false)
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
	b.WriteString(gpx11 + "<trk><trkseg>\n")
	for range n {
		b.WriteString(`<trkpt lat="91" lon="0"/>` + "\n")
	}
	b.WriteString(`<trkpt lat="1" lon="0"/></trkseg></trk></gpx>`)
	f, err := decodeString(b.String(), true)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Skipped) != route.MaxSkipped || f.SkippedCount != n || f.Counts().TrackPts != 1 {
		t.Fatalf("lenient Decode of %d bad points: %d skipped kept, SkippedCount %d, %d points; want %d, %d, 1",
			n, len(f.Skipped), f.SkippedCount, f.Counts().TrackPts, route.MaxSkipped, n)
	}
	if got, want := f.Skipped[0].Error(), "gpx: line 2: trkpt: latitude 91 out of range"; got != want {
		t.Errorf("first skipped = %q; want %q", got, want)
	}
}
