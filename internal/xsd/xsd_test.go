package xsd

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// decimalRE is the lexical space of xsd:decimal (XML Schema Part 2,
// 3.2.3.1), the reference the parser is checked against.
var decimalRE = regexp.MustCompile(`^(\+|-)?([0-9]+(\.[0-9]*)?|\.[0-9]+)$`)

func TestDecimal(t *testing.T) {
	tests := []string{
		"0", "-0", "1", "+1", "24.0895", "-87.134700000", "38.0618000", "0.000005", "1.", ".5", "+.5", "-.5",
		"123456789012345678", "9007199254740993", "1234567890123456", "123456789012345", "0.123456789012345",
		"9.87654321098765", "18014398509481985", "-0.0000000000001", "0.1234567890123456789012",
		"179.99999999999999", "90.0000001", " 12.5\n", "\t-3.25 ", "0000000000000000000000024.5",
		strings.Repeat("9", 400), "-" + strings.Repeat("9", 400), "0." + strings.Repeat("0", 400) + "1",
		// Not decimals, though strconv.ParseFloat takes most of them.
		"1e5", "1E-3", "4.9406564584124654e-324", "1e400", "1e308", "0x1p-2", "0x1.8p4", "0x18",
		"2_4", "1_000", "24_0.5", "", ".", "-", "+", "-.", "x", "1.2.3", "1,5", "NaN", "Inf",
		"-Infinity", "infinity", "--1", "+-1", "12a", "٣", "1 2", "\x00", "1\x00",
	}
	for _, s := range tests {
		got, ok := Decimal([]byte(s))
		trimmed := strings.Trim(s, " \t\r\n")
		want, err := strconv.ParseFloat(trimmed, 64)
		wantOK := decimalRE.MatchString(trimmed) && (err == nil || math.IsInf(want, 0))
		if !wantOK {
			want = 0
		}
		if ok != wantOK || got != want || math.Signbit(got) != math.Signbit(want) {
			t.Errorf("Decimal(%q) = %v, %v; want %v, %v", s, got, ok, want, wantOK)
		}
	}
}

// TestDecimalMatchesStrconv checks the fast path against strconv on many
// generated decimals of every length the fast path takes.
func TestDecimalMatchesStrconv(t *testing.T) {
	x := uint64(88172645463325252)
	for n := 0; n < 200000; n++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		digits := strconv.FormatUint(x%1_000_000_000_000_000, 10)
		digits = digits[:1+int(x>>59)%len(digits)]
		dot := int(x>>40) % (len(digits) + 1)
		s := digits[:dot] + "." + digits[dot:]
		if x&1 == 1 {
			s = "-" + s
		}
		got, ok := Decimal([]byte(s))
		want, err := strconv.ParseFloat(s, 64)
		if !ok || err != nil || got != want {
			t.Fatalf("Decimal(%q) = %v, %v; strconv gives %v, %v", s, got, ok, want, err)
		}
	}
}

func TestInteger(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"0", 0, true}, {"+12", 12, true}, {"-3", -3, true}, {" 42\n", 42, true}, {"0007", 7, true},
		{"9223372036854775807", math.MaxInt64, true}, {"9223372036854775808", 0, false},
		{"", 0, false}, {"+", 0, false}, {"1.0", 0, false}, {"1e3", 0, false}, {"0x10", 0, false},
		{"1_000", 0, false}, {"12a", 0, false}, {"--1", 0, false},
	} {
		if got, ok := Integer([]byte(tt.in)); got != tt.want || ok != tt.ok {
			t.Errorf("Integer(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestDateTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		err  error
	}{
		{"2026-01-11T06:30:00Z", time.Date(2026, 1, 11, 6, 30, 0, 0, time.UTC), nil},
		{"2026-01-11T06:30:00.25+03:00", time.Date(2026, 1, 11, 3, 30, 0, 250e6, time.UTC), nil},
		{"1901-12-13T20:45:52.2073437Z", time.Date(1901, 12, 13, 20, 45, 52, 207343700, time.UTC), nil},
		{"1234-12-12T08:00:00.123Z", time.Date(1234, 12, 12, 8, 0, 0, 123e6, time.UTC), nil},
		{"2024-02-29T23:59:59.999999999-00:30", time.Date(2024, 3, 1, 0, 29, 59, 999999999, time.UTC), nil},
		{"2012-03-17T12:00:00+01:00", time.Date(2012, 3, 17, 11, 0, 0, 0, time.UTC), nil},
		{" 2026-01-11T06:30:00Z\n", time.Date(2026, 1, 11, 6, 30, 0, 0, time.UTC), nil},
		{"2026-01-11T06:30:00", time.Date(2026, 1, 11, 6, 30, 0, 0, time.UTC), nil},
		{"2026-01-11T06:30:00.5", time.Date(2026, 1, 11, 6, 30, 0, 5e8, time.UTC), nil},
		{"2026-01-11T06:30:00.5+0300", time.Date(2026, 1, 11, 3, 30, 0, 5e8, time.UTC), nil},
		{"2026-01-11 06:30:00Z", time.Date(2026, 1, 11, 6, 30, 0, 0, time.UTC), nil},
		{"2026-01-11T06:30:00.1234567891Z", time.Date(2026, 1, 11, 6, 30, 0, 123456789, time.UTC), nil},
		// Leap seconds: the 60th second of a minute 59.
		{"2016-12-31T23:59:60Z", time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC), nil},
		{"2016-12-31T23:59:60.5Z", time.Date(2017, 1, 1, 0, 0, 0, 5e8, time.UTC), nil},
		{"2017-01-01T02:59:60+03:00", time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC), nil},
		{"2016-12-31T23:59:60", time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC), nil},
		{"2026-01-01T00:00:60Z", time.Time{}, ErrSyntax},
		{"2026-01-01T23:59:61Z", time.Time{}, ErrSyntax},
		{"2026-01-11T06:30:00+030", time.Time{}, ErrSyntax},
		{"2026-01-11T06:30:00+03:0", time.Time{}, ErrSyntax},
		{"2026-01-11T06:30:00,5Z", time.Time{}, ErrSyntax},
		{"2023-02-29T00:00:00Z", time.Time{}, ErrSyntax},
		{"2026-13-01T00:00:00Z", time.Time{}, ErrSyntax},
		{"2026-01-01T24:00:00Z", time.Time{}, ErrSyntax},
		{"2026-01-01T00:00:00.Z", time.Time{}, ErrSyntax},
		{"2026-01-01T00:00:00+2400", time.Time{}, ErrSyntax},
		{"2026-01-01T00:00:00ZZ", time.Time{}, ErrSyntax},
		{"2026-1-11T06:30:00Z", time.Time{}, ErrSyntax},
		{"yesterday", time.Time{}, ErrSyntax},
		{"", time.Time{}, ErrSyntax},
		{"0000-01-01T00:30:00+01:00", time.Time{}, ErrRange},
		{"9999-12-31T23:30:00-01:00", time.Time{}, ErrRange},
	}
	for _, tt := range tests {
		got, err := DateTime([]byte(tt.in))
		if err != tt.err || !got.Equal(tt.want) || (err == nil && got.Location() != time.UTC) {
			t.Errorf("DateTime(%q) = %v, %v; want %v, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

// TestDateTimeMatchesStdlib checks DateTime against time.Parse on many
// generated RFC 3339 times.
func TestDateTimeMatchesStdlib(t *testing.T) {
	zones := []string{"Z", "+00:00", "-05:30", "+14:00", "-23:59"}
	fracs := []string{"", ".1", ".123", ".123456", ".123456789", ".000000001"}
	for y := 1; y < 9999; y += 397 {
		for m := 1; m <= 12; m += 5 {
			for _, d := range []int{1, 28, 29, 30, 31} {
				for i, z := range zones {
					s := fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d%s%s", y, m, d, (y+i)%24, (y*7)%60, (y*13)%60, fracs[(y+m+i)%len(fracs)], z)
					want, err := time.Parse(time.RFC3339Nano, s)
					got, err2 := DateTime([]byte(s))
					if err2 == nil && (err != nil || !got.Equal(want)) {
						t.Errorf("DateTime(%q) = %v; time.Parse gives %v, %v", s, got, want, err)
					}
					if err2 != nil && err == nil && want.UTC().Year() >= 0 && want.UTC().Year() <= 9999 {
						t.Errorf("DateTime(%q) failed (%v); time.Parse gives %v", s, err2, want)
					}
				}
			}
		}
	}
}

func TestDaysFromCivil(t *testing.T) {
	for y := 0; y <= 10000; y += 7 {
		for _, md := range [][2]int{{1, 1}, {2, 28}, {3, 1}, {12, 31}} {
			want := time.Date(y, time.Month(md[0]), md[1], 0, 0, 0, 0, time.UTC).Unix() / 86400 // exact: a midnight
			if got := DaysFromCivil(y, md[0], md[1]); got != want {
				t.Fatalf("DaysFromCivil(%d, %d, %d) = %d; want %d", y, md[0], md[1], got, want)
			}
		}
	}
}

func BenchmarkDecimal(b *testing.B) {
	in := [][]byte{[]byte("24.7136102"), []byte("-46.6753400"), []byte("612.4")}
	for b.Loop() {
		for _, s := range in {
			Decimal(s)
		}
	}
}

func BenchmarkDateTime(b *testing.B) {
	in := []byte("2026-01-11T06:30:00Z")
	for b.Loop() {
		DateTime(in)
	}
}
