package route_test

import (
	"testing"

	"github.com/roadbook/roadbook/route"
)

func TestExtensionCountString(t *testing.T) {
	t.Parallel()
	cases := []struct {
		c    route.ExtensionCount
		want string
	}{
		{route.ExtensionCount{Local: "note", Count: 1}, "note"},
		{route.ExtensionCount{Space: "urn:x", Local: "note", Count: 12}, "note (in urn:x) ×12"},
		{route.ExtensionCount{Space: "http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3", Local: "format", Count: 1},
			"format (in http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3)"},
		{route.ExtensionCount{Local: "x", Count: 2}, "x ×2"},
	}
	for _, c := range cases {
		if got := c.c.String(); got != c.want {
			t.Errorf("%#v.String() = %q; want %q", c.c, got, c.want)
		}
	}
}
