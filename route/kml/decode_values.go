package kml

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/paulmach/orb"
	"github.com/roadbook/roadbook/internal/xsd"
	"github.com/roadbook/roadbook/route"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// utf8Reader returns r decoded to UTF-8 when it starts with a UTF-16
// byte-order mark (encoding/xml reads UTF-8 and ASCII-compatible
// encodings only), without a UTF-8 byte-order mark, and fails clearly on
// UTF-16 without its mark, which XML requires.
func utf8Reader(r io.Reader) (io.Reader, error) {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReader(r)
	}
	head, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		br.Discard(3)
	case bytes.HasPrefix(head, []byte("\xFF\xFE")), bytes.HasPrefix(head, []byte("\xFE\xFF")):
		e := unicode.LittleEndian
		if head[0] == 0xFE {
			e = unicode.BigEndian
		}
		return transform.NewReader(br, unicode.UTF16(e, unicode.ExpectBOM).NewDecoder()), nil
	case len(head) == 4 && (head[0] == '<' && head[1] == 0 && head[2] != 0 && head[3] == 0 || head[0] == 0 && head[1] == '<' && head[2] == 0 && head[3] != 0):
		return nil, newError(1, "", "UTF-16 without a byte-order mark, which XML requires: save the file as UTF-8, or as UTF-16 with a byte-order mark")
	}
	return br, nil
}

// kmlPoint is a position read from coordinates.
type kmlPoint struct {
	p   orb.Point
	ele float64 // NaN when none
}

// eachTuple calls fn for each tuple of a <coordinates> text: white space
// separates tuples, commas (with white space around them or not) the
// values of one, so "1.5, 2.5" is one tuple. fn returns false to stop.
func eachTuple(b []byte, fn func(t []byte) bool) {
	i := 0
	for {
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return
		}
		start := i
		for {
			for i < len(b) && !isSpace(b[i]) {
				i++
			}
			// Join the next field when this one ends with a comma or the
			// next begins with one.
			j := i
			for j < len(b) && isSpace(b[j]) {
				j++
			}
			if j < len(b) && (b[i-1] == ',' || b[j] == ',') {
				i = j
				continue
			}
			break
		}
		if !fn(b[start:i]) {
			return
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// parseTuple parses "lon,lat[,alt]" (sep ',') or "lon lat [alt]" (sep
// ' '), each value an xsd:decimal; msg says what is wrong, "" when nothing
// is.
func parseTuple(t []byte, sep byte) (kmlPoint, string) {
	var parts [3][]byte
	n := 0
	if sep == ' ' {
		for f := range bytes.FieldsSeq(t) {
			if n == 3 {
				n++
				break
			}
			parts[n] = f
			n++
		}
	} else {
		for f := range bytes.SplitSeq(t, []byte{','}) {
			if n == 3 {
				n++
				break
			}
			parts[n] = f
			n++
		}
	}
	if n < 2 || n > 3 {
		return kmlPoint{}, fmt.Sprintf("coordinate %q is not lon,lat[,alt]", limit(string(t)))
	}
	lon, ok := xsd.Decimal(parts[0])
	if !ok {
		return kmlPoint{}, fmt.Sprintf("longitude %q is not a number", limit(string(xsd.TrimSpace(parts[0]))))
	}
	lat, ok := xsd.Decimal(parts[1])
	if !ok {
		return kmlPoint{}, fmt.Sprintf("latitude %q is not a number", limit(string(xsd.TrimSpace(parts[1]))))
	}
	if lat < -90 || lat > 90 {
		return kmlPoint{}, fmt.Sprintf("latitude %s out of range", limit(string(xsd.TrimSpace(parts[1]))))
	}
	if lon < -180 || lon > 180 {
		return kmlPoint{}, fmt.Sprintf("longitude %s out of range", limit(string(xsd.TrimSpace(parts[0]))))
	}
	pt := kmlPoint{p: orb.Point{lon, lat}, ele: math.NaN()}
	if n == 3 {
		e, ok := xsd.Decimal(parts[2])
		if !ok {
			return kmlPoint{}, fmt.Sprintf("altitude %q is not a number", limit(string(xsd.TrimSpace(parts[2]))))
		}
		if e < route.MinEle || e > route.MaxEle {
			return kmlPoint{}, fmt.Sprintf("altitude %s out of range (%d to %d)", limit(string(xsd.TrimSpace(parts[2]))), route.MinEle, route.MaxEle)
		}
		pt.ele = e
	}
	return pt, ""
}

// parseWhen parses a KML time: an xsd:dateTime (RFC 3339, fraction and
// offset optional, a leap second read as the next minute's first second),
// or a date, a year and month or a year (xsd:date, gYearMonth, gYear: the
// start of it, UTC). msg says what is wrong, "" when nothing is: not a
// time, or a year outside route.MinYear to route.MaxYear.
func parseWhen(b []byte) (time.Time, string) {
	b = xsd.TrimSpace(b)
	t, err := xsd.DateTime(b)
	if err == xsd.ErrSyntax {
		t, err = date(b)
	}
	if err != nil {
		if err == xsd.ErrSyntax {
			return time.Time{}, "is not an RFC 3339 time or date"
		}
		return time.Time{}, fmt.Sprintf("is outside the years %d to %d", route.MinYear, route.MaxYear)
	}
	if y := t.Year(); y < route.MinYear || y > route.MaxYear {
		return time.Time{}, fmt.Sprintf("is outside the years %d to %d", route.MinYear, route.MaxYear)
	}
	return t, ""
}

// date parses YYYY-MM-DD, YYYY-MM or YYYY as the start of that day, month
// or year, UTC.
func date(b []byte) (time.Time, error) {
	num := func(s []byte) (int, bool) {
		n := 0
		for _, c := range s {
			if c-'0' > 9 {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, len(s) > 0
	}
	if len(b) != 4 && len(b) != 7 && len(b) != 10 {
		return time.Time{}, xsd.ErrSyntax
	}
	y, ok := num(b[:4])
	m, d := 1, 1
	if ok && len(b) >= 7 {
		if b[4] != '-' {
			return time.Time{}, xsd.ErrSyntax
		}
		m, ok = num(b[5:7])
		ok = ok && m >= 1 && m <= 12
	}
	if ok && len(b) == 10 {
		if b[7] != '-' {
			return time.Time{}, xsd.ErrSyntax
		}
		d, ok = num(b[8:10])
		ok = ok && d >= 1 && d <= xsd.DaysIn(m, y)
	}
	if !ok {
		return time.Time{}, xsd.ErrSyntax
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
}
