package gpx

import (
	"bytes"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/route"
)

// TestKeepExtensions checks that elements no field holds are kept as
// written and self-contained: the prefixes they use that the file declared
// outside them are declared on them, those they declare themselves are not
// declared twice, and Encode writes them back so that they read the same.
func TestKeepExtensions(t *testing.T) {
	const in = `<?xml version="1.0"?>
<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1" creator="t"
 xmlns:o="http://www.openrally.org/xmlschemas/GpxExtensions/v0.2-DRAFT"
 xmlns:rn="urn:rn" xmlns:x="urn:x" xmlns:xlink="http://www.w3.org/1999/xlink">
 <metadata><extensions><o:format>cross_country</o:format><x:meta a="1"/></extensions></metadata>
 <wpt lat="1" lon="2">
  <extensions>
   <o:distance>1</o:distance>
   <o:newtag level="2"><o:inner>t &amp; u</o:inner></o:newtag>
   <rn:note xlink:href="#a"><x:b/><![CDATA[<raw>]]><!-- c --></rn:note>
   <rn:own xmlns:rn="urn:rn2"><rn:child/></rn:own>
  </extensions>
  <x:direct>in the wpt</x:direct>
 </wpt>
</gpx>`
	f, err := Decode(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []route.Extension{
		{Space: "http://www.openrally.org/xmlschemas/GpxExtensions/v0.2-DRAFT", Local: "newtag",
			XML: `<o:newtag xmlns:o="http://www.openrally.org/xmlschemas/GpxExtensions/v0.2-DRAFT" level="2"><o:inner>t &amp; u</o:inner></o:newtag>`},
		{Space: "urn:rn", Local: "note",
			XML: `<rn:note xmlns:rn="urn:rn" xmlns:x="urn:x" xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="#a"><x:b/><![CDATA[<raw>]]><!-- c --></rn:note>`},
		{Space: "urn:rn2", Local: "own", XML: `<rn:own xmlns:rn="urn:rn2"><rn:child/></rn:own>`},
		{Space: "urn:x", Local: "direct", XML: `<x:direct xmlns:x="urn:x">in the wpt</x:direct>`},
	}
	got := f.Waypoints[0].Extensions
	if len(got) != len(want) {
		t.Fatalf("Extensions = %+v; want %d", got, len(want))
	}
	for i := range want {
		if got[i].Space != want[i].Space || got[i].Local != want[i].Local || got[i].XML != want[i].XML {
			t.Errorf("Extensions[%d] = %+v\nwant %+v", i, got[i], want[i])
		}
	}
	if len(f.Extensions) != 2 || f.Extensions[0].Local != "format" || f.Extensions[1].XML != `<x:meta xmlns:x="urn:x" a="1"/>` {
		t.Errorf("File.Extensions = %+v; want format and x:meta", f.Extensions)
	}
	if f.Waypoints[0].Distance != 1 || f.Waypoints[0].HasPoint != true {
		t.Errorf("waypoint = %+v; want its distance read", f.Waypoints[0])
	}
	if c := f.ExtensionCounts(); len(c) != 6 || c[0].Local != "format" || c[0].Count != 1 {
		t.Errorf("ExtensionCounts() = %+v; want 6 elements, format first", c)
	}

	var buf bytes.Buffer
	if err := Encode(&buf, f); err != nil {
		t.Fatal(err)
	}
	back, err := Decode(&buf)
	if err != nil {
		t.Fatalf("Decode(Encode()) = %v\n%s", err, buf.String())
	}
	for i := range want {
		if g := back.Waypoints[0].Extensions[i]; g.XML != want[i].XML || g.Space != want[i].Space {
			t.Errorf("read back Extensions[%d] = %+v; want %+v", i, g, want[i])
		}
	}
	if len(back.Extensions) != 2 || back.Extensions[1].XML != f.Extensions[1].XML {
		t.Errorf("read back File.Extensions = %+v; want %+v", back.Extensions, f.Extensions)
	}
}

func TestEncodeBadExtension(t *testing.T) {
	for _, x := range []string{"", "text", "<a>", "<a/><b/>", "<a></b>", "<a/>tail"} {
		f := &route.File{Waypoints: []route.Waypoint{{HasPoint: true, Extensions: []route.Extension{{Local: "a", XML: x}}}}}
		if err := Encode(&bytes.Buffer{}, f); err == nil || !strings.Contains(err.Error(), "extension") {
			t.Errorf("Encode(extension %q) = %v; want an error naming the extension", x, err)
		}
	}
}
