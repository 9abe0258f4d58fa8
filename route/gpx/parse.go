package gpx

import (
	"fmt"
	"time"

	"github.com/roadbook/roadbook/internal/xsd"
	"github.com/roadbook/roadbook/route"
)

// Values are read by the XML Schema's lexical rules (package xsd): decimals
// without exponents, integers, RFC 3339 times.

// parseFloat parses an xsd:decimal with surrounding white space: "2_4",
// "0x1.8p4", "1e5", "NaN" are not numbers.
func parseFloat(b []byte) (float64, bool) { return xsd.Decimal(b) }

// parseInt parses an xsd:integer with surrounding white space.
func parseInt(b []byte) (int, bool) { return xsd.Integer(b) }

// parseTime parses an RFC 3339 time ("2026-01-11T06:30:00.25+03:00"), with
// the variants xsd.DateTime reads and a leap second, and returns it in UTC.
// A time whose UTC year is outside route.MinYear to route.MaxYear is
// refused; timeProblem says why a time was.
func parseTime(b []byte) (time.Time, bool) {
	t, err := xsd.DateTime(b)
	if err != nil {
		return time.Time{}, false
	}
	if y := t.Year(); y < route.MinYear || y > route.MaxYear {
		return time.Time{}, false
	}
	return t, true
}

// timeProblem says what is wrong with a time parseTime refused.
func timeProblem(b []byte) string {
	if _, err := xsd.DateTime(b); err == xsd.ErrSyntax {
		return "is not an RFC 3339 time"
	}
	return fmt.Sprintf("is outside the years %d to %d", route.MinYear, route.MaxYear)
}
