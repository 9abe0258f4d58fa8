package kml

import (
	"encoding/xml"
	"math"
	"strconv"
	"time"

	"github.com/paulmach/orb"
	gokml "github.com/twpayne/go-kml/v3"
)

// coordsElement is a <coordinates> element whose text is formatted once,
// directly into bytes. go-kml's coordinate elements format with the shortest
// representation (up to 17 digits) and build a string per element; writing
// our own keeps 7 decimals (1 cm) and one buffer per line.
type coordsElement []byte

// MarshalXML implements xml.Marshaler.
func (c coordsElement) MarshalXML(enc *xml.Encoder, _ xml.StartElement) error {
	start := xml.StartElement{Name: xml.Name{Local: "coordinates"}}
	if err := enc.EncodeToken(start); err != nil {
		return err
	}
	if err := enc.EncodeToken(xml.CharData(c)); err != nil {
		return err
	}
	return enc.EncodeToken(start.End())
}

// appendFloat appends v with at most prec decimals, trailing zeros removed
// and no negative zero.
func appendFloat(b []byte, v float64, prec int) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', prec, 64)
	if prec > 0 {
		for b[len(b)-1] == '0' {
			b = b[:len(b)-1]
		}
		if b[len(b)-1] == '.' {
			b = b[:len(b)-1]
		}
	}
	if string(b[start:]) == "-0" {
		b = append(b[:start], '0')
	}
	return b
}

// appendCoord appends "lon,lat" or "lon,lat,alt".
func appendCoord(b []byte, p orb.Point, alt float64, hasAlt bool) []byte {
	b = appendFloat(b, p[0], 7)
	b = append(b, ',')
	b = appendFloat(b, p[1], 7)
	if hasAlt {
		b = append(b, ',')
		b = appendFloat(b, alt, 2)
	}
	return b
}

// coords formats the points of ls at the given indexes (all when idx is
// nil), with altitudes when alt is not nil.
func coords(ls orb.LineString, alt []float64, idx []int) coordsElement {
	n := len(ls)
	if idx != nil {
		n = len(idx)
	}
	b := make([]byte, 0, n*26)
	for j := 0; j < n; j++ {
		i := j
		if idx != nil {
			i = idx[j]
		}
		if j > 0 {
			b = append(b, ' ')
		}
		a := 0.0
		if alt != nil {
			a = alt[i]
		}
		b = appendCoord(b, ls[i], a, alt != nil)
	}
	return b
}

// round7 rounds to 7 decimals, for values handed to go-kml (which writes
// the shortest representation).
func round7(v float64) float64 { return math.Round(v*1e7) / 1e7 }

// timeFormat is RFC 3339 in UTC with fractional seconds only when present.
const timeFormat = "2006-01-02T15:04:05.999999999Z07:00"

// trackElement is a gx:Track: a <when> and a <gx:coord> per point.
type trackElement struct {
	pts  orb.LineString
	alt  []float64 // nil: 0 written
	when []time.Time
	idx  []int // the points written
}

// MarshalXML implements xml.Marshaler.
func (t *trackElement) MarshalXML(enc *xml.Encoder, _ xml.StartElement) error {
	start := xml.StartElement{Name: xml.Name{Local: "gx:Track"}}
	if err := enc.EncodeToken(start); err != nil {
		return err
	}
	// A recorded ride is drawn on the ground: its GPS altitudes (kept in
	// the coordinates) are too rough to float it over the terrain.
	if err := gokml.AltitudeMode(gokml.AltitudeModeClampToGround).MarshalXML(enc, xml.StartElement{}); err != nil {
		return err
	}
	whenStart := xml.StartElement{Name: xml.Name{Local: "when"}}
	var b []byte
	for _, i := range t.idx {
		b = t.when[i].UTC().AppendFormat(b[:0], timeFormat)
		if err := encodeText(enc, whenStart, b); err != nil {
			return err
		}
	}
	coordStart := xml.StartElement{Name: xml.Name{Local: "gx:coord"}}
	for _, i := range t.idx {
		b = appendFloat(b[:0], t.pts[i][0], 7)
		b = append(b, ' ')
		b = appendFloat(b, t.pts[i][1], 7)
		b = append(b, ' ')
		a := 0.0
		if t.alt != nil {
			a = t.alt[i]
		}
		b = appendFloat(b, a, 2)
		if err := encodeText(enc, coordStart, b); err != nil {
			return err
		}
	}
	return enc.EncodeToken(start.End())
}

// encodeText writes <start>text</start>.
func encodeText(enc *xml.Encoder, start xml.StartElement, text []byte) error {
	if err := enc.EncodeToken(start); err != nil {
		return err
	}
	if err := enc.EncodeToken(xml.CharData(text)); err != nil {
		return err
	}
	return enc.EncodeToken(start.End())
}

// descElement is a <description> whose HTML is written as CDATA, readable
// in the file (go-kml's Description escapes every angle bracket).
type descElement string

// MarshalXML implements xml.Marshaler.
func (d descElement) MarshalXML(enc *xml.Encoder, _ xml.StartElement) error {
	v := struct {
		Text string `xml:",cdata"`
	}{string(d)}
	return enc.EncodeElement(v, xml.StartElement{Name: xml.Name{Local: "description"}})
}
