package gpxgo

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/tkrajina/gpxgo/gpx"

	"github.com/roadbook/roadbook/route"
	rgpx "github.com/roadbook/roadbook/route/gpx"
)

// The OpenRally mapping has one home, package route/gpx: rather than a
// second copy of it, the conversions write the waypoints' rally fields and
// kept extensions with gpx.Encode and read them back with encoding/xml into
// gpxgo's extension nodes (as gpxgo reads a file), and, the other way, write
// gpxgo's nodes as XML and read them with gpx.Decode.

// extensionNodes returns the extension nodes of f's metadata (its OpenRally
// units and total, and its kept Extensions) and of each of its waypoints
// (their rally fields and kept Extensions), as gpxgo reads them from the
// file gpx.Encode writes for f.
func extensionNodes(f *route.File) (meta gpx.Extension, wpts []gpx.Extension, err error) {
	sk := &route.File{Units: f.Units, TotalKm: f.TotalKm, HasTotal: f.HasTotal, Extensions: f.Extensions,
		Waypoints: make([]route.Waypoint, len(f.Waypoints))}
	for i, w := range f.Waypoints {
		// Only the rally fields: the others cross directly.
		w.Point, w.HasPoint, w.Ele, w.HasEle, w.Time = orb.Point{}, false, 0, false, time.Time{}
		w.Name, w.Desc, w.Cmt, w.Type, w.Sym, w.Src, w.Links = "", "", "", "", "", "", nil
		sk.Waypoints[i] = w
	}
	var b bytes.Buffer
	if err := rgpx.Encode(&b, sk); err != nil {
		return meta, nil, errors.New("gpxgo: " + strings.TrimPrefix(err.Error(), "gpx: "))
	}
	wpts = make([]gpx.Extension, len(f.Waypoints))
	d := xml.NewDecoder(&b)
	var path []string
	wpt := -1
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return meta, nil, fmt.Errorf("gpxgo: reading the extensions back: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(path) == 1 && t.Name.Local == "wpt" {
				wpt++
			}
			if len(path) == 2 && t.Name.Local == "extensions" {
				var ext gpx.Extension
				if err := d.DecodeElement(&ext, &t); err != nil {
					return meta, nil, fmt.Errorf("gpxgo: reading the extensions back: %v", err)
				}
				if path[1] == "metadata" {
					meta = ext
				} else if path[1] == "wpt" && wpt < len(wpts) {
					wpts[wpt] = ext
				}
				continue
			}
			path = append(path, t.Name.Local)
		case xml.EndElement:
			path = path[:len(path)-1]
		}
	}
	if wpt != len(wpts)-1 {
		return meta, nil, fmt.Errorf("gpxgo: %d waypoints written for %d", wpt+1, len(wpts))
	}
	return meta, wpts, nil
}

// decodeWaypoints fills f's waypoints, its OpenRally namespace, units and
// total, and its kept extensions from g's waypoints and metadata and root
// extension nodes: it writes them as a GPX document and reads it with
// gpx.Decode, which gives each waypoint its roles from the OpenRally
// elements of any version or, without them, from the naming conventions,
// and keeps the elements it maps to no field.
func decodeWaypoints(f *route.File, g *gpx.GPX) error {
	if len(g.Waypoints) == 0 && len(g.MetadataExtensions.Nodes) == 0 && len(g.Extensions.Nodes) == 0 {
		return nil
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<gpx version="1.1" xmlns="` + rgpx.NamespaceGPX11 + `">` + "\n")
	if len(g.MetadataExtensions.Nodes) > 0 {
		b.WriteString("<metadata><extensions>")
		for i := range g.MetadataExtensions.Nodes {
			writeNode(&b, &g.MetadataExtensions.Nodes[i], rgpx.NamespaceGPX11, true)
		}
		b.WriteString("</extensions></metadata>\n")
	}
	line := 1 + bytes.Count(b.Bytes(), []byte("\n"))
	// starts[i] is the line the i-th <wpt> starts on.
	starts := make([]int, len(g.Waypoints))
	for i := range g.Waypoints {
		starts[i] = line
		p := &g.Waypoints[i]
		n0 := b.Len()
		b.WriteString(`<wpt lat="` + strconv.FormatFloat(p.Latitude, 'f', -1, 64) +
			`" lon="` + strconv.FormatFloat(p.Longitude, 'f', -1, 64) + `">`)
		if p.Elevation.NotNull() {
			b.WriteString("<ele>" + strconv.FormatFloat(p.Elevation.Value(), 'f', -1, 64) + "</ele>")
		}
		if !p.Timestamp.IsZero() {
			b.WriteString("<time>" + p.Timestamp.UTC().Format(time.RFC3339Nano) + "</time>")
		}
		for _, e := range [...]struct{ tag, v string }{
			{"name", p.Name}, {"cmt", p.Comment}, {"desc", p.Description}, {"src", p.Source},
			{"sym", p.Symbol}, {"type", p.Type},
		} {
			if e.v != "" {
				b.WriteString("<" + e.tag + ">")
				escape(&b, e.v, false)
				b.WriteString("</" + e.tag + ">")
			}
		}
		if len(p.Extensions.Nodes) > 0 {
			b.WriteString("<extensions>")
			for j := range p.Extensions.Nodes {
				writeNode(&b, &p.Extensions.Nodes[j], rgpx.NamespaceGPX11, true)
			}
			b.WriteString("</extensions>")
		}
		b.WriteString("</wpt>\n")
		line += bytes.Count(b.Bytes()[n0:], []byte("\n"))
	}
	rootExt := line
	if len(g.Extensions.Nodes) > 0 {
		b.WriteString("<extensions>")
		for i := range g.Extensions.Nodes {
			writeNode(&b, &g.Extensions.Nodes[i], rgpx.NamespaceGPX11, true)
		}
		b.WriteString("</extensions>\n")
	}
	b.WriteString("</gpx>\n")
	rf, err := rgpx.Decode(&b)
	if err != nil {
		var fe *route.FormatError
		if !errors.As(err, &fe) {
			return fmt.Errorf("gpxgo: %v", err)
		}
		where := "metadata extensions"
		for i, s := range starts {
			if fe.Line >= s {
				where = "wpt " + strconv.Itoa(i+1)
			}
		}
		if fe.Line >= rootExt {
			where = "extensions"
		}
		if fe.Elem != "" && fe.Elem != "wpt" {
			where += ": " + fe.Elem
		}
		return &route.FormatError{Format: "gpxgo", Elem: where, Msg: fe.Msg, Err: fe.Err}
	}
	if len(rf.Waypoints) != len(g.Waypoints) {
		return fmt.Errorf("gpxgo: %d waypoints read back for %d", len(rf.Waypoints), len(g.Waypoints))
	}
	// Lines of the document written here mean nothing to the caller.
	for i := range rf.Waypoints {
		w := &rf.Waypoints[i]
		w.Line = 0
		for j := range w.Extensions {
			w.Extensions[j].Line = 0
		}
	}
	for j := range rf.Extensions {
		rf.Extensions[j].Line = 0
	}
	f.Waypoints = rf.Waypoints
	f.OpenRally, f.Units, f.TotalKm, f.HasTotal = rf.OpenRally, rf.Units, rf.TotalKm, rf.HasTotal
	f.Extensions = rf.Extensions
	return nil
}

// writeNode writes an extension node as XML. Where its namespace is not the
// default one in scope (def), a node directly under <extensions> (top) takes
// a prefix (openrally, gpxtpx, else ext), so that its content keeps the default namespace it had in
// the file (an inline <svg> in an OpenRally tulip is in the GPX namespace),
// and a deeper node declares its own as the default one. Its attributes in
// the node's own namespace (as gpxgo's SetAttr makes them) are written
// unqualified, as OpenRally writes them, those in another namespace with a
// prefix declared for it; then come its text and its children.
func writeNode(b *bytes.Buffer, n *gpx.ExtensionNode, def string, top bool) {
	if n.XMLName.Local == "" {
		return
	}
	name, decl := n.XMLName.Local, ""
	switch {
	case n.XMLName.Space == def:
	case top:
		p := prefix(n.XMLName.Space)
		name, decl = p+":"+name, "xmlns:"+p
	default:
		def, decl = n.XMLName.Space, "xmlns"
	}
	b.WriteString("<" + name)
	if decl != "" {
		b.WriteString(" " + decl + `="`)
		escape(b, n.XMLName.Space, true)
		b.WriteString(`"`)
	}
	seen := map[xml.Name]bool{}
	prefixes := 0
	for _, a := range n.Attrs {
		if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") || a.Name.Local == "" {
			continue // declarations: written where needed
		}
		an := a.Name
		if an.Space == n.XMLName.Space {
			an.Space = ""
		}
		if seen[an] {
			continue
		}
		seen[an] = true
		b.WriteByte(' ')
		switch an.Space {
		case "":
		case xmlNamespace:
			b.WriteString("xml:")
		default:
			prefixes++
			p := "a" + strconv.Itoa(prefixes)
			b.WriteString("xmlns:" + p + `="`)
			escape(b, an.Space, true)
			b.WriteString(`" ` + p + ":")
		}
		b.WriteString(an.Local + `="`)
		escape(b, a.Value, true)
		b.WriteString(`"`)
	}
	b.WriteString(">")
	escape(b, n.Data, false)
	for i := range n.Nodes {
		writeNode(b, &n.Nodes[i], def, false)
	}
	b.WriteString("</" + name + ">")
}

// xmlNamespace is the namespace encoding/xml gives the xml: prefix.
const xmlNamespace = "http://www.w3.org/XML/1998/namespace"

// escape writes s as XML character data, or as an attribute value when
// attr: markup characters as entities, carriage returns (and in attributes
// tabs and newlines) as character references so that a reader gets them
// back, characters XML cannot hold as U+FFFD. Other white space stays as it
// is, so that markup read back as written (an inline SVG tulip) keeps it.
func escape(b *bytes.Buffer, s string, attr bool) {
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"' && attr:
			b.WriteString("&quot;")
		case r == '\r':
			b.WriteString("&#xD;")
		case (r == '\n' || r == '\t') && attr:
			b.WriteString("&#x" + strconv.FormatInt(int64(r), 16) + ";")
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF):
			b.WriteRune(0xFFFD)
		default:
			b.WriteRune(r)
		}
	}
}

// registerNamespaces registers on g, for gpxgo's writer, a prefix for the
// namespace of every extension node of its metadata and waypoints: openrally
// and gpxtpx for OpenRally's and Garmin's, ns1, ns2… for others, in the order
// they first appear.
func registerNamespaces(g *gpx.GPX, hasGarmin bool) {
	seen := map[string]bool{"": true, rgpx.NamespaceGPX11: true}
	n := 0
	var walk func(nodes []gpx.ExtensionNode)
	walk = func(nodes []gpx.ExtensionNode) {
		for i := range nodes {
			if sp := nodes[i].XMLName.Space; !seen[sp] {
				seen[sp] = true
				prefix := "openrally"
				if sp == NamespaceGarminX {
					prefix = "gpxx"
				} else if sp != rgpx.NamespaceOpenRally {
					n++
					prefix = "ns" + strconv.Itoa(n)
				}
				g.RegisterNamespace(prefix, sp)
			}
			walk(nodes[i].Nodes)
		}
	}
	walk(g.MetadataExtensions.Nodes)
	for i := range g.Waypoints {
		walk(g.Waypoints[i].Extensions.Nodes)
	}
	for i := range g.Routes {
		for j := range g.Routes[i].Points {
			walk(g.Routes[i].Points[j].Extensions.Nodes)
		}
	}
	if hasGarmin && !seen[NamespaceGarmin] {
		g.RegisterNamespace("gpxtpx", NamespaceGarmin)
	}
}

// prefix returns the prefix writeNode gives a namespace: the one route/gpx
// writes OpenRally with (so that messages name elements as files do), the
// usual one of Garmin's TrackPointExtension, else "ext".
func prefix(space string) string {
	switch {
	case strings.HasPrefix(space, "http://www.openrally.org/xmlschemas/"):
		return "openrally"
	case strings.Contains(space, "garmin.com/xmlschemas/TrackPointExtension/"):
		return "gpxtpx"
	}
	return "ext"
}
