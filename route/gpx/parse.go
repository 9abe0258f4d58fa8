package gpx

import (
	"math"
	"strconv"
	"time"
)

// pow10 holds the powers of ten that a float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseFloat parses a decimal number, surrounding XML white space allowed,
// and returns exactly what strconv.ParseFloat returns. ok is false for
// anything strconv rejects and for NaN and infinities.
//
// The fast path is Clinger's: a decimal of at most 15 digits has a mantissa
// below 10^15 < 2^53 and at most 15 digits after the point, so it is
// mantissa / 10^k with both exact in a float64, and one correctly rounded
// division gives the correctly rounded result. Anything else (more digits,
// an exponent, "NaN") goes to strconv.
func parseFloat(b []byte) (float64, bool) {
	b = trimSpace(b)
	i := 0
	neg := false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg = b[0] == '-'
		i = 1
	}
	// At most 15 digits: the mantissa stays below 10^15 < 2^53.
	if len(b)-i > 16 {
		return parseFloatSlow(b)
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
	if i != len(b) || intDigits+frac == 0 || intDigits+frac > 15 {
		return parseFloatSlow(b)
	}
	f := float64(mant)
	if frac > 0 {
		f /= pow10[frac]
	}
	if neg {
		f = -f
	}
	return f, true
}

func parseFloatSlow(b []byte) (float64, bool) {
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// parseInt parses a decimal integer with optional surrounding white space.
func parseInt(b []byte) (int, bool) {
	n, err := strconv.Atoi(string(trimSpace(b)))
	return n, err == nil
}

// parseTime parses an RFC 3339 time ("2026-01-11T06:30:00.25+03:00"),
// keeping every digit of the fraction, and returns it in UTC. The fast path
// gives what time.Parse(time.RFC3339Nano, s) gives for the common forms;
// others go to time.Parse. Three variants some writers emit are read too: a
// time without a zone ("2026-01-11T06:30:00", taken as UTC), an offset
// without a colon ("+0300") and a space for the "T". A time whose UTC year is not in
// 0–9999 (which GPX cannot write) is rejected.
func parseTime(b []byte) (time.Time, bool) {
	b = trimSpace(b)
	if t, ok := parseTimeFast(b); ok {
		return t, true
	}
	s := string(b)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		// A time GPX can hold: years 0 to 9999 in UTC.
		if t = t.UTC(); t.Year() >= 0 && t.Year() <= 9999 {
			return t, true
		}
		return time.Time{}, false
	}
	if t, err := time.Parse("2006-01-02T15:04:05.999999999", s); err == nil {
		return t, true
	}
	return time.Time{}, false
}

func digits2(b []byte, i int) (int, bool) {
	c, d := b[i]-'0', b[i+1]-'0'
	if c > 9 || d > 9 {
		return 0, false
	}
	return int(c)*10 + int(d), true
}

func parseTimeFast(b []byte) (time.Time, bool) {
	if len(b) < 20 || b[4] != '-' || b[7] != '-' || (b[10] != 'T' && b[10] != ' ') || b[13] != ':' || b[16] != ':' {
		return time.Time{}, false
	}
	y1, ok1 := digits2(b, 0)
	y2, ok2 := digits2(b, 2)
	mo, ok3 := digits2(b, 5)
	d, ok4 := digits2(b, 8)
	h, ok5 := digits2(b, 11)
	mi, ok6 := digits2(b, 14)
	sec, ok7 := digits2(b, 17)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) {
		return time.Time{}, false
	}
	y := y1*100 + y2
	if mo < 1 || mo > 12 || d < 1 || d > daysIn(mo, y) || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	i := 19
	ns := 0
	if b[i] == '.' {
		i++
		n := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			if n == 9 {
				return time.Time{}, false
			}
			ns = ns*10 + int(b[i]-'0')
			n++
			i++
		}
		if n == 0 {
			return time.Time{}, false
		}
		for k := n; k < 9; k++ {
			ns *= 10
		}
	}
	if i >= len(b) {
		return time.Time{}, false
	}
	off := 0
	switch b[i] {
	case 'Z':
		if i+1 != len(b) {
			return time.Time{}, false
		}
	case '+', '-':
		mm := i + 4 // "+01:00"
		if i+5 == len(b) {
			mm = i + 3 // "+0100"
		} else if i+6 != len(b) || b[i+3] != ':' {
			return time.Time{}, false
		}
		oh, ok1 := digits2(b, i+1)
		om, ok2 := digits2(b, mm)
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return time.Time{}, false
		}
		off = oh*3600 + om*60
		if b[i] == '-' {
			off = -off
		}
	default:
		return time.Time{}, false
	}
	unix := daysFromCivil(y, mo, d)*86400 + int64(h*3600+mi*60+sec-off)
	if off != 0 && (unix < minUnix || unix >= maxUnix) {
		return time.Time{}, false // outside the years 0–9999 once in UTC
	}
	return time.Unix(unix, int64(ns)).UTC(), true
}

func daysIn(m, y int) int {
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
	minUnix = daysFromCivil(0, 1, 1) * 86400
	maxUnix = daysFromCivil(10000, 1, 1) * 86400
)

// daysFromCivil returns the number of days from 1970-01-01 to the given
// date of the proleptic Gregorian calendar: years are counted from March,
// so that the leap day ends a year, in 400-year eras of 146,097 days.
func daysFromCivil(y, m, d int) int64 {
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
