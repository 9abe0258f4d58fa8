// Package xsd parses the XML Schema (XSD 1.0) lexical forms that GPX, OpenRally
// and KML use for their values: xsd:decimal, xsd:integer and xsd:dateTime,
// with the few variants real writers emit, for the format packages
// (route/gpx, route/kml). It is written for speed: no allocation, and a
// fast path for the common forms that returns exactly what strconv and
// time.Parse return.
//
// The lexical rules are the schema's, not Go's: "2_4", "0x1.8p4", "1e5",
// "Inf" and "NaN" are not decimals (strconv.ParseFloat takes them all).
// Surrounding XML white space is allowed, as the schema's whiteSpace
// "collapse" facet says.
package xsd

import (
	"errors"
	"strconv"
	"time"
)

// isSpace reports whether c is XML white space.
func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// TrimSpace returns b without its leading and trailing XML white space.
func TrimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// pow10 holds the powers of ten that a float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// Decimal parses an xsd:decimal, ([+-])?(digits(.digits?)?|.digits), with
// surrounding white space, and returns the nearest float64: exactly what
// strconv.ParseFloat returns for the same text. ok is false for anything
// else (an exponent, a hexadecimal or underscored number, NaN, infinity).
// A decimal beyond the range of a float64 gives an infinity, which every
// range check refuses as out of range.
//
// The fast path is Clinger's: a decimal of at most 15 digits has a mantissa
// below 10^15 < 2^53 and at most 15 digits after the point, so it is
// mantissa / 10^k with both exact in a float64, and one correctly rounded
// division gives the correctly rounded result. Longer decimals, checked
// first, go to strconv.
func Decimal(b []byte) (f float64, ok bool) {
	b = TrimSpace(b)
	i := 0
	neg := false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		i = 1
	}
	// At most 15 digits: the mantissa stays below 10^15 < 2^53.
	if len(b)-i > 16 {
		return decimalSlow(b)
	}
	var mant uint64
	start := i
	for i < len(b) && b[i]-'0' <= 9 {
		mant = mant*10 + uint64(b[i]-'0')
		i++
	}
	intDigits := i - start
	frac := 0
	if i < len(b) && b[i] == '.' {
		i++
		fs := i
		for i < len(b) && b[i]-'0' <= 9 {
			mant = mant*10 + uint64(b[i]-'0')
			i++
		}
		frac = i - fs
	}
	if i != len(b) || intDigits+frac == 0 {
		return 0, false // not a decimal
	}
	if intDigits+frac > 15 {
		return decimalSlow(b)
	}
	f = float64(mant)
	if frac > 0 {
		f /= pow10[frac]
	}
	if neg {
		f = -f
	}
	return f, true
}

// decimalSlow checks that b (trimmed) is a decimal and converts it with
// strconv.
func decimalSlow(b []byte) (float64, bool) {
	if !isDecimal(b) {
		return 0, false
	}
	// A decimal is a valid float: the only error is out of range (±Inf).
	f, _ := strconv.ParseFloat(string(b), 64)
	return f, true
}

// isDecimal reports whether b is an xsd:decimal, without white space.
func isDecimal(b []byte) bool {
	i := 0
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		i = 1
	}
	digits := 0
	for i < len(b) && b[i]-'0' <= 9 {
		i++
		digits++
	}
	if i < len(b) && b[i] == '.' {
		i++
		for i < len(b) && b[i]-'0' <= 9 {
			i++
			digits++
		}
	}
	return i == len(b) && digits > 0
}

// Integer parses an xsd:integer, ([+-])?digits, with surrounding white
// space. ok is false for anything else and for an integer that an int does
// not hold.
func Integer(b []byte) (n int, ok bool) {
	b = TrimSpace(b)
	i := 0
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		i = 1
	}
	if i == len(b) {
		return 0, false
	}
	for _, c := range b[i:] {
		if c-'0' > 9 {
			return 0, false
		}
	}
	n, err := strconv.Atoi(string(b))
	if err != nil {
		return 0, false
	}
	return n, true
}

// Errors of DateTime.
var (
	// ErrSyntax: the text is not a date and time.
	ErrSyntax = errors.New("not an RFC 3339 time")
	// ErrRange: a date and time, outside the years 0000 to 9999 in UTC.
	ErrRange = errors.New("outside the years 0000 to 9999")
)

// DateTime parses an xsd:dateTime as RFC 3339 writes it,
// 2026-01-11T06:30:00.25+03:00, with surrounding white space, and returns
// it in UTC, keeping the fraction to the nanosecond (further digits are
// dropped, as time.Parse drops them). Also read, because writers emit
// them: no zone (taken as UTC), an offset without its colon (+0300) and a
// space for the T. A leap second, 23:59:60Z (the 60th second of any
// minute 59, as offsets move it), is the first second of the next minute.
// The error is ErrSyntax or ErrRange.
func DateTime(b []byte) (time.Time, error) {
	b = TrimSpace(b)
	if len(b) < 19 || b[4] != '-' || b[7] != '-' || (b[10] != 'T' && b[10] != ' ') || b[13] != ':' || b[16] != ':' {
		return time.Time{}, ErrSyntax
	}
	y1, ok1 := digits2(b, 0)
	y2, ok2 := digits2(b, 2)
	mo, ok3 := digits2(b, 5)
	d, ok4 := digits2(b, 8)
	h, ok5 := digits2(b, 11)
	mi, ok6 := digits2(b, 14)
	sec, ok7 := digits2(b, 17)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) {
		return time.Time{}, ErrSyntax
	}
	y := y1*100 + y2
	if mo < 1 || mo > 12 || d < 1 || d > DaysIn(mo, y) || h > 23 || mi > 59 || sec > 60 || sec == 60 && mi != 59 {
		return time.Time{}, ErrSyntax
	}
	i := 19
	ns := 0
	if i < len(b) && b[i] == '.' {
		i++
		n := 0
		for i < len(b) && b[i]-'0' <= 9 {
			if n < 9 {
				ns = ns*10 + int(b[i]-'0')
			}
			n++
			i++
		}
		if n == 0 {
			return time.Time{}, ErrSyntax
		}
		for k := n; k < 9; k++ {
			ns *= 10
		}
	}
	off := 0
	if i < len(b) {
		switch b[i] {
		case 'Z':
			if i+1 != len(b) {
				return time.Time{}, ErrSyntax
			}
		case '+', '-':
			mm := i + 4 // "+01:00"
			if i+5 == len(b) {
				mm = i + 3 // "+0100"
			} else if i+6 != len(b) || b[i+3] != ':' {
				return time.Time{}, ErrSyntax
			}
			oh, ok1 := digits2(b, i+1)
			om, ok2 := digits2(b, mm)
			if !ok1 || !ok2 || oh > 23 || om > 59 {
				return time.Time{}, ErrSyntax
			}
			off = oh*3600 + om*60
			if b[i] == '-' {
				off = -off
			}
		default:
			return time.Time{}, ErrSyntax
		}
	}
	unix := DaysFromCivil(y, mo, d)*86400 + int64(h*3600+mi*60+sec-off)
	if unix < minUnix || unix >= maxUnix {
		return time.Time{}, ErrRange // outside the years 0–9999 once in UTC
	}
	return time.Unix(unix, int64(ns)).UTC(), nil
}

func digits2(b []byte, i int) (int, bool) {
	c, d := b[i]-'0', b[i+1]-'0'
	if c > 9 || d > 9 {
		return 0, false
	}
	return int(c)*10 + int(d), true
}

// DaysIn returns the number of days of month m (1–12) of year y of the
// proleptic Gregorian calendar.
func DaysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// The Unix times of 0000-01-01 and 10000-01-01, UTC.
var (
	minUnix = DaysFromCivil(0, 1, 1) * 86400
	maxUnix = DaysFromCivil(10000, 1, 1) * 86400
)

// DaysFromCivil returns the number of days from 1970-01-01 to the given
// date of the proleptic Gregorian calendar: years are counted from March,
// so that the leap day ends a year, in 400-year eras of 146,097 days.
func DaysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400 // [0, 399]
	mp := (m + 9) % 12 // March is 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}
