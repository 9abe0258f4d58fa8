package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image"
	"image/jpeg"
	"io"
	"strings"
	"testing"

	"github.com/roadbook/roadbook/internal/bomb"
	"github.com/roadbook/roadbook/roadbook"
	"github.com/roadbook/roadbook/route"
	"github.com/roadbook/roadbook/route/gpx"
)

// bombPNG returns a valid PNG of w × h transparent pixels (RGBA), its
// rows of zeros streamed through zlib: a few hundred KB for tens of
// megapixels.
func bombPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	var idat bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	row := strings.Repeat("\x00", 1+4*w) // filter byte, then the pixels
	if _, err := io.Copy(zw, bomb.Reader("", row, int64(h), "")); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&out, binary.BigEndian, uint32(len(data)))
		out.WriteString(typ)
		out.Write(data)
		binary.Write(&out, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 6 // 8 bits, RGBA
	chunk("IHDR", ihdr)
	chunk("IDAT", idat.Bytes())
	chunk("IEND", nil)
	return out.Bytes()
}

// bombJPEG returns a small JPEG whose frame header says w × h: what a
// reader that trusts it would allocate.
func bombJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 8, 8)), nil); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	i := bytes.Index(b, []byte{0xFF, 0xC0}) // SOF0: length, precision, height, width
	if i < 0 {
		t.Fatal("no SOF0 in the JPEG")
	}
	binary.BigEndian.PutUint16(b[i+5:], uint16(h))
	binary.BigEndian.PutUint16(b[i+7:], uint16(w))
	return b
}

// TestImageBombs: a drawing whose pixels would take gigabytes to decode (a
// PNG tulip of 6,000 × 5,000 transparent pixels in 150 KB, a JPEG whose
// header says 60,000 × 60,000) is not decoded: the box is printed with the
// drawing reported as unreadable, naming the limit (issue 10: a 3.7 MB
// OpenRally file with a 20,000 × 20,000 PNG tulip killed roadbook print
// with "fatal error: out of memory" after 56 s).
func TestImageBombs(t *testing.T) {
	t.Parallel()
	png := bombPNG(t, 6000, 5000)
	jpg := bombJPEG(t, 60000, 60000)
	t.Logf("PNG of 6,000 × 5,000: %d bytes; JPEG of 60,000 × 60,000: %d bytes", len(png), len(jpg))
	url := func(typ string, b []byte) string {
		return "<![CDATA[data:image/" + typ + ";base64," + base64.StdEncoding.EncodeToString(b) + "]]>"
	}
	const or = "http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3"
	doc := fmt.Sprintf(`<gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1" xmlns:openrally="%s">
<wpt lat="24.0" lon="46.0"><extensions><openrally:distance>0</openrally:distance><openrally:tulip>%s</openrally:tulip></extensions></wpt>
<wpt lat="24.005" lon="46.005"><extensions><openrally:distance>0.74</openrally:distance><openrally:tulip>%s</openrally:tulip><openrally:notes>%s</openrally:notes></extensions></wpt>
<wpt lat="24.01" lon="46.01"><extensions><openrally:distance>1.48</openrally:distance><openrally:notes>%s</openrally:notes></extensions></wpt>
<trk><trkseg><trkpt lat="24.0" lon="46.0"/><trkpt lat="24.005" lon="46.005"/><trkpt lat="24.01" lon="46.01"/></trkseg></trk></gpx>`,
		or, url("png", png), url("jpeg", jpg), url("png", png), url("jpeg", jpg))
	f, err := gpx.Decode(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	book := roadbook.Build(route.NewStage(f, route.StageOptions{}), roadbook.Options{})
	var warnings []string
	var out bytes.Buffer
	if err := Encode(&out, []*roadbook.Book{book}, Options{Warn: func(m string) { warnings = append(warnings, m) }}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"box 1: the tulip drawing cannot be read: png: 6000 × 5000 pixels, more than the limit of 25 million",
		"box 2: the tulip drawing cannot be read: jpeg: 60000 × 60000 pixels, more than the limit of 25 million",
		"box 2: the notes drawing cannot be read: png: 6000 × 5000 pixels, more than the limit of 25 million",
		"box 3: the notes drawing cannot be read: jpeg: 60000 × 60000 pixels, more than the limit of 25 million",
	}
	for _, w := range want {
		found := false
		for _, got := range warnings {
			found = found || strings.HasSuffix(got, w)
		}
		if !found {
			t.Errorf("no warning %q; got %q", w, warnings)
		}
	}
	if out.Len() > 1<<20 {
		t.Errorf("the PDF is %d bytes: a drawing was printed", out.Len())
	}
}
