package gpx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/roadbook/roadbook/route"
)

// This file is a small streaming XML tokenizer, written for speed: it reads
// through a refillable buffer, hands out tokens as slices of that buffer
// (valid until the next call), never builds a tree, and counts lines only
// when one is asked for. It knows what GPX needs: elements with namespace
// prefixes resolved by URI, attributes, character data with the predefined
// and numeric entities, CDATA sections, comments, processing instructions
// and a DOCTYPE (skipped). It checks the well-formedness that matters to a
// reader: tags open and close in order, the file is not cut short, entities
// in the text and attributes that are read are valid.

type tokenKind uint8

const (
	tokEOF tokenKind = iota
	tokStart
	tokEnd
)

// nsClass is what the decoder makes of a namespace URI.
type nsClass uint8

const (
	nsOther   nsClass = iota
	nsGPX             // GPX 1.0, 1.1, or no namespace
	nsRally           // OpenRally, any version
	nsGarmin          // Garmin TrackPointExtension, any version
	nsGarminX         // Garmin GpxExtensions (gpxx:), any version
	nsUnbound         // a prefix with no declaration
)

const openRallyPrefix = "http://www.openrally.org/xmlschemas/"

func classify(uri string) nsClass {
	switch {
	case uri == "" || strings.Contains(uri, "topografix.com/GPX/"):
		return nsGPX
	case strings.HasPrefix(uri, openRallyPrefix):
		return nsRally
	case strings.Contains(uri, "garmin.com/xmlschemas/TrackPointExtension/"):
		return nsGarmin
	case strings.Contains(uri, "garmin.com/xmlschemas/GpxExtensions/"):
		return nsGarminX
	}
	return nsOther
}

type nsBinding struct {
	prefix string
	uri    string
	class  nsClass
}

type attr struct {
	prefix, local []byte
	value         []byte // raw: entities not yet replaced
}

type openElem struct {
	nameStart int     // into scanner.names
	nsMark    int     // len(scanner.ns) before the element's own declarations
	def       nsClass // the default namespace's class outside the element
}

// scanner is the tokenizer. Its zero value is not usable: see newScanner.
type scanner struct {
	r    io.Reader
	buf  []byte
	pos  int   // next byte to read
	end  int   // end of the data in buf
	base int64 // offset in the input of buf[0]
	eof  bool
	rerr error // the reader's error other than io.EOF

	lines   int   // newlines before linePos
	linePos int64 // offset in the input

	// The current token.
	kind          tokenKind
	prefix, local []byte
	attrs         []attr
	tokPos        int // index in buf of the token's '<'
	pendingEnd    bool

	names []byte
	stack []openElem
	ns    []nsBinding
	nsIdx map[string][]int // prefix → its declarations in ns, innermost last

	elements int // start tags read

	rootDone bool
	rootSeen bool
	markSeen bool    // markup (a declaration, a comment, a tag) was read
	defClass nsClass // the class of the default namespace

	capture int // index in buf to keep from on refills; -1 when none

	textBuf []byte
	attrBuf []byte
	attrSet map[string]bool // attribute names of a tag with many
}

// newScanner returns a scanner reading r with a buffer of size bytes at
// first (0 means 64 KiB).
func newScanner(r io.Reader, size int) (*scanner, error) {
	if size <= 0 {
		size = 64 << 10
	}
	s := &scanner{
		r:        r,
		buf:      make([]byte, size),
		capture:  -1,
		nsIdx:    map[string][]int{},
		attrs:    make([]attr, 0, 8),
		defClass: nsGPX,
	}
	s.bind("", "")
	s.bind("xml", "http://www.w3.org/XML/1998/namespace")
	if err := s.prolog(); err != nil {
		return nil, err
	}
	return s, nil
}

// errorf returns a *route.FormatError at the line of buf[pos].
func (s *scanner) errorf(pos int, elem, format string, args ...any) error {
	return newError(s.lineAt(pos), elem, fmt.Sprintf(format, args...))
}

// limitError returns the error of a limit gone past at buf[pos]: what went
// past it, of kind route.ErrLimit.
func (s *scanner) limitError(pos int, elem, what string) error {
	e := newError(s.lineAt(pos), elem, what)
	e.Err = route.ErrLimit
	return e
}

// sizes names a limit in bytes for messages: "64 MiB".
func sizes(n int) string {
	if n >= 1<<30 && n%(1<<30) == 0 {
		return fmt.Sprintf("%d GiB", n>>30)
	}
	return fmt.Sprintf("%d MiB", n>>20)
}

// lineAt returns the 1-based line of buf[pos]. Lines are counted lazily,
// from the last position asked for.
func (s *scanner) lineAt(pos int) int {
	abs := s.base + int64(pos)
	lp := int(s.linePos - s.base)
	if abs >= s.linePos {
		if lp < 0 { // cannot happen: fill counts before discarding
			lp = 0
		}
		s.lines += bytes.Count(s.buf[lp:pos], nl)
		s.linePos = abs
		return s.lines + 1
	}
	if lp <= s.end && pos >= 0 {
		return s.lines - bytes.Count(s.buf[pos:lp], nl) + 1
	}
	return s.lines + 1
}

var nl = []byte{'\n'}

// thousands writes n with commas: "1,000".
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// fill reads more input, first discarding buf[:keep] (and moving what is
// after). It returns how far the data moved, and false at the end of the
// input. An active capture limits what is discarded.
func (s *scanner) fill(keep int) (shift int, ok bool) {
	if s.eof {
		return 0, false
	}
	if s.capture >= 0 && s.capture < keep {
		keep = s.capture
	}
	if keep > 0 {
		s.lineAt(keep) // count the lines about to be discarded
		copy(s.buf, s.buf[keep:s.end])
		s.end -= keep
		s.pos -= keep
		s.tokPos -= keep
		if s.capture >= 0 {
			s.capture -= keep
		}
		s.base += int64(keep)
		shift = keep
	}
	if s.end == len(s.buf) {
		// What is kept fills the buffer: one token (a text, a tag, a
		// comment) that does not fit. Doubling the buffer keeps the work
		// linear; the limit keeps the memory bounded.
		if len(s.buf) >= route.MaxToken {
			s.eof = true
			s.rerr = s.limitError(0, s.openName(), "text, tag or comment longer than "+sizes(route.MaxToken))
			return shift, false
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	// Fill the buffer: a token that does not fit is parsed again after
	// each refill, so each must at least fill the buffer (which doubles
	// when full) for the work to stay linear whatever the reader returns.
	start := s.end
	for s.end < len(s.buf) {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if s.base+int64(s.end) > route.MaxGPX {
			s.eof = true
			s.rerr = s.limitError(s.end, s.openName(), "file larger than "+sizes(route.MaxGPX))
			break
		}
		if err != nil {
			s.eof = true
			if err != io.EOF {
				s.rerr = err
			}
			break
		}
	}
	return shift, s.end > start
}

// need makes sure n bytes from pos are in the buffer, keeping from pos.
func (s *scanner) need(n int) bool {
	for s.end-s.pos < n {
		if _, ok := s.fill(s.pos); !ok {
			return s.end-s.pos >= n
		}
	}
	return true
}

func (s *scanner) readErr() error {
	if e, ok := s.rerr.(*route.FormatError); ok {
		return e // a limit
	}
	if s.rerr != nil {
		return fmt.Errorf("gpx: %w", s.rerr)
	}
	return nil
}

// prolog reads a byte-order mark and the XML declaration, and switches to a
// decoding reader when the declared encoding is not UTF-8.
func (s *scanner) prolog() error {
	s.need(4)
	if err := s.readErr(); err != nil {
		return err
	}
	b := s.buf[s.pos:s.end]
	switch {
	case bytes.HasPrefix(b, []byte("PK\x03\x04")), bytes.HasPrefix(b, []byte("PK\x05\x06")):
		return newError(0, "", "not a GPX file: a zip archive (a KMZ?)")
	case len(b) >= 4 && (b[0] == '<' && b[1] == 0 && b[2] != 0 && b[3] == 0 || b[0] == 0 && b[1] == '<' && b[2] == 0 && b[3] != 0):
		return newError(1, "", "UTF-16 without a byte-order mark, which XML requires: save the file as UTF-8, or as UTF-16 with a byte-order mark")
	case bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")):
		s.pos += 3
	case bytes.HasPrefix(b, []byte("\xFE\xFF")), bytes.HasPrefix(b, []byte("\xFF\xFE")):
		s.recode(utf16Decoder(b[0] == 0xFE), 0)
		return s.declaration(true)
	}
	return s.declaration(false)
}

// recode makes the rest of the input, from buf[from:], go through dec.
func (s *scanner) recode(dec func(io.Reader) io.Reader, from int) {
	rest := make([]byte, s.end-from)
	copy(rest, s.buf[from:s.end])
	var src io.Reader = bytes.NewReader(rest)
	if !s.eof {
		src = io.MultiReader(src, s.r)
	}
	s.r = dec(src)
	s.lineAt(from)
	s.base += int64(from) // keeps line counting consistent
	s.linePos = s.base
	s.pos, s.end, s.eof = 0, 0, false
	s.need(1)
}

func (s *scanner) declaration(utf16 bool) error {
	if !s.need(6) || !bytes.HasPrefix(s.buf[s.pos:s.end], []byte("<?xml")) || !isSpace(s.buf[s.pos+5]) {
		return s.readErr()
	}
	// A declaration longer than maxDecl is not one: the rule depends on
	// where its end is, never on how much the buffer happens to hold.
	const maxDecl = 4096
	start := s.pos
	var end int
	for {
		if i := bytes.Index(s.buf[start:s.end], []byte("?>")); i >= 0 {
			if i > maxDecl {
				return s.errorf(start, "", "XML declaration not closed")
			}
			end = start + i
			break
		}
		if s.end-start > maxDecl+2 {
			return s.errorf(start, "", "XML declaration not closed")
		}
		sh, ok := s.fill(start)
		start -= sh
		if !ok {
			if err := s.readErr(); err != nil {
				return err
			}
			return s.errorf(start, "", "XML declaration not closed")
		}
	}
	s.markSeen = true
	decl := string(s.buf[start+5 : end])
	s.pos = end + 2
	enc := pseudoAttr(decl, "encoding")
	if utf16 {
		return nil
	}
	dec, err := charsetDecoder(enc)
	if err != nil {
		return s.errorf(start, "", "%v", err)
	}
	if dec != nil {
		s.recode(dec, s.pos)
	}
	return nil
}

// pseudoAttr returns the value of name="..." in an XML declaration.
func pseudoAttr(decl, name string) string {
	i := strings.Index(decl, name)
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(decl[i+len(name):], " \t\r\n")
	if !strings.HasPrefix(rest, "=") {
		return ""
	}
	rest = strings.TrimLeft(rest[1:], " \t\r\n")
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	q := rest[0]
	j := strings.IndexByte(rest[1:], q)
	if j < 0 {
		return ""
	}
	return rest[1 : 1+j]
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

func allSpace(b []byte) bool {
	for _, c := range b {
		if !isSpace(c) {
			return false
		}
	}
	return true
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// depth is the number of open elements.
func (s *scanner) depth() int { return len(s.stack) }

// name returns the current element's name as written, for messages.
func (s *scanner) name() string {
	if len(s.prefix) > 0 {
		return string(s.prefix) + ":" + string(s.local)
	}
	return string(s.local)
}

// space returns the namespace binding of prefix.
func (s *scanner) space(prefix []byte) *nsBinding {
	if idx := s.nsIdx[string(prefix)]; len(idx) > 0 {
		return &s.ns[idx[len(idx)-1]]
	}
	return nil
}

// bind declares a namespace prefix for the element being parsed.
func (s *scanner) bind(prefix, uri string) {
	s.ns = append(s.ns, nsBinding{prefix: prefix, uri: uri, class: classify(uri)})
	s.nsIdx[prefix] = append(s.nsIdx[prefix], len(s.ns)-1)
	if prefix == "" {
		s.defClass = s.ns[len(s.ns)-1].class
	}
}

// unbind removes the declarations after the first mark ones.
func (s *scanner) unbind(mark int) {
	for i := len(s.ns) - 1; i >= mark; i-- {
		p := s.ns[i].prefix
		s.nsIdx[p] = s.nsIdx[p][:len(s.nsIdx[p])-1]
	}
	s.ns = s.ns[:mark]
}

// setClass changes what a declared namespace counts as.
func (s *scanner) setClass(b *nsBinding, c nsClass) {
	b.class = c
	if d := s.space(nil); d == b {
		s.defClass = c
	}
}

// class returns the namespace class of prefix.
func (s *scanner) class(prefix []byte) nsClass {
	if len(prefix) == 0 {
		return s.defClass
	}
	if b := s.space(prefix); b != nil {
		return b.class
	}
	return nsUnbound
}

// next returns the next start or end tag, skipping character data,
// comments, processing instructions and the DOCTYPE. At the end of a
// well-formed document it returns tokEOF.
func (s *scanner) next() (tokenKind, error) {
	if s.pendingEnd {
		s.pendingEnd = false
		s.pop()
		s.kind = tokEnd
		return tokEnd, nil
	}
	run, line := 0, 0 // bytes of text skipped, the line where it began
	for {
		i := bytes.IndexByte(s.buf[s.pos:s.end], '<')
		if i < 0 {
			if len(s.stack) == 0 && !allSpace(s.buf[s.pos:s.end]) {
				return tokEOF, s.outsideText(s.pos)
			}
			if run == 0 {
				line = s.lineAt(s.pos)
			}
			if run += s.end - s.pos; run > route.MaxToken {
				e := newError(line, s.openName(), "text longer than "+sizes(route.MaxToken))
				e.Err = route.ErrLimit
				return tokEOF, e
			}
			s.pos = s.end
			if _, ok := s.fill(s.pos); !ok {
				return s.atEOF()
			}
			continue
		}
		if len(s.stack) == 0 && !allSpace(s.buf[s.pos:s.pos+i]) {
			return tokEOF, s.outsideText(s.pos)
		}
		s.pos += i
		k, err := s.markup()
		if err != nil || k != tokEOF {
			return k, err
		}
	}
}

func (s *scanner) outsideText(pos int) error {
	for pos < s.end && isSpace(s.buf[pos]) {
		pos++
	}
	if !s.rootSeen {
		return s.errorf(pos, "", "not XML: text before the root element")
	}
	return s.errorf(pos, "", "text after the root element")
}

func (s *scanner) atEOF() (tokenKind, error) {
	if err := s.readErr(); err != nil {
		return tokEOF, err
	}
	if len(s.stack) > 0 {
		top := s.stack[len(s.stack)-1]
		return tokEOF, s.errorf(s.end, string(s.names[top.nameStart:]), "unexpected end of file: element not closed")
	}
	if !s.rootSeen {
		if !s.markSeen {
			return tokEOF, &route.FormatError{Format: "gpx", Msg: "empty file", Err: route.ErrEmpty}
		}
		return tokEOF, s.errorf(s.end, "", "not XML: no root element")
	}
	s.kind = tokEOF
	return tokEOF, nil
}

// markup reads the markup at s.pos (a '<'). It returns tokEOF, nil for
// markup that is not a tag (comments, PIs, DOCTYPE).
func (s *scanner) markup() (tokenKind, error) {
	s.markSeen = true
	if !s.need(2) {
		return tokEOF, s.truncated(s.pos)
	}
	switch s.buf[s.pos+1] {
	case '/':
		return tokEnd, s.endTag()
	case '?':
		return tokEOF, s.skipUntil("?>", "processing instruction")
	case '!':
		s.need(9)
		b := s.buf[s.pos:s.end]
		switch {
		case bytes.HasPrefix(b, []byte("<!--")):
			return tokEOF, s.skipUntil("-->", "comment")
		case bytes.HasPrefix(b, []byte("<![CDATA[")):
			if len(s.stack) == 0 {
				return tokEOF, s.errorf(s.pos, "", "CDATA outside the root element")
			}
			return tokEOF, s.skipUntil("]]>", "CDATA section")
		case bytes.HasPrefix(b, []byte("<!DOCTYPE")):
			if s.rootSeen {
				return tokEOF, s.errorf(s.pos, "", "DOCTYPE after the root element")
			}
			return tokEOF, s.doctype()
		}
		return tokEOF, s.errorf(s.pos, "", "bad markup %q", limit(b, 9))
	}
	return tokStart, s.startTag()
}

func limit(b []byte, n int) string {
	if len(b) > n {
		b = b[:n]
	}
	return string(b)
}

func (s *scanner) truncated(pos int) error {
	if err := s.readErr(); err != nil {
		return err
	}
	elem := ""
	if len(s.stack) > 0 {
		elem = string(s.names[s.stack[len(s.stack)-1].nameStart:])
	}
	return s.errorf(pos, elem, "unexpected end of file")
}

// skipUntil skips from s.pos past the next occurrence of end, not keeping
// what it skips.
func (s *scanner) skipUntil(end, what string) error {
	line := s.lineAt(s.pos) // where it began, for an error
	from := s.pos + 2
	skipped := 0
	for {
		if i := bytes.Index(s.buf[from:s.end], []byte(end)); i >= 0 {
			s.pos = from + i + len(end)
			return nil
		}
		keep := max(s.end-len(end), from)
		if skipped += keep - from; skipped > route.MaxToken {
			e := newError(line, s.openName(), what+" longer than "+sizes(route.MaxToken))
			e.Err = route.ErrLimit
			return e
		}
		sh, ok := s.fill(keep)
		from = keep - sh
		if !ok {
			if err := s.readErr(); err != nil {
				return err
			}
			return newError(line, "", "unexpected end of file in "+what)
		}
	}
}

// doctype skips a DOCTYPE declaration with its internal subset.
func (s *scanner) doctype() error {
	depth := 0
	var quote byte
	j := s.pos + 9
	for {
		if j >= s.end {
			sh, ok := s.fill(s.pos)
			j -= sh
			if !ok {
				return s.truncated(s.pos)
			}
			continue
		}
		c := s.buf[j]
		j++
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '>' && depth <= 0:
			s.pos = j
			return nil
		}
	}
}

// tagEnd returns the index of the '>' closing the tag at s.pos, reading
// more input as needed (it may move the data: indexes are from after).
func (s *scanner) tagEnd() (int, error) {
	j := s.pos + 1
	for {
		if j >= s.end {
			sh, ok := s.fill(s.pos)
			j -= sh
			if !ok {
				return 0, s.truncated(s.pos)
			}
			continue
		}
		c := s.buf[j]
		switch c {
		case '>':
			return j, nil
		case '"', '\'':
			k := bytes.IndexByte(s.buf[j+1:s.end], c)
			if k < 0 {
				sh, ok := s.fill(s.pos)
				j -= sh
				if !ok {
					return 0, s.truncated(s.pos)
				}
				continue
			}
			j += k + 2
			continue
		case '<':
			return 0, s.errorf(j, "", "'<' inside a tag")
		}
		j++
	}
}

// notName marks the bytes that end a name.
var notName = [256]bool{' ': true, '\n': true, '\t': true, '\r': true, '/': true, '>': true, '=': true, '"': true, '\'': true, '<': true}

func isNameByte(c byte) bool { return !notName[c] }

func isNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || c >= 0x80
}

// nameChar marks the ASCII bytes an XML name may hold after its first
// (letters, digits, '-', '.', '_', ':'); bytes from 0x80 up are taken as
// parts of non-ASCII name characters.
var nameChar = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == ':' || c >= 0x80
	}
	return t
}()

// validQName reports whether b is a qualified name of Namespaces in XML:
// a name, or two joined by one colon, each starting with a letter, '_' or
// a non-ASCII character, holding only name characters. Go's encoding/xml,
// which re-reads an extension for export, refuses the others (`<cc:!/>`).
// A name with non-ASCII characters must be valid UTF-8 and be a name by
// encoding/xml's own tables (XML 1.0's letters and digits).
func validQName(b []byte) bool {
	start := 0
	colons := 0
	for i, c := range b {
		if !nameChar[c] {
			return false
		}
		if c >= 0x80 {
			return validUnicodeName(b)
		}
		if c == ':' {
			colons++
			if colons > 1 || i == start {
				return false
			}
			start = i + 1
			continue
		}
		if i == start && !isNameStart(c) {
			return false
		}
	}
	return start < len(b)
}

// validUnicodeName checks a name with non-ASCII characters (rare) the way
// encoding/xml reads it, so that what is read can be written back.
func validUnicodeName(b []byte) bool {
	if !utf8.Valid(b) || bytes.Count(b, []byte{':'}) > 1 || b[0] == ':' || b[len(b)-1] == ':' {
		return false
	}
	d := xml.NewDecoder(bytes.NewReader(append(append([]byte{'<'}, b...), '/', '>')))
	t, err := d.RawToken()
	if err != nil {
		return false
	}
	se, ok := t.(xml.StartElement)
	return ok && se.Name.Local != "" && !strings.Contains(se.Name.Local, ":")
}

// splitName splits a qualified name at its colon.
func splitName(b []byte) (prefix, local []byte) {
	for i, c := range b {
		if c == ':' {
			return b[:i], b[i+1:]
		}
	}
	return nil, b
}

func (s *scanner) startTag() error {
	if s.rootDone {
		return s.errorf(s.pos, "", "element after the root element")
	}
	nsMark := len(s.ns)
	def := s.defClass
	for {
		more, err := s.parseStart(nsMark, def)
		if !more {
			return err
		}
		s.unbind(nsMark)
		s.defClass = def
		if _, ok := s.fill(s.pos); !ok {
			return s.truncated(s.pos)
		}
	}
}

// parseStart parses the start tag at s.pos in one pass. more is true when
// the tag runs past the data in the buffer: read more and call again.
func (s *scanner) parseStart(nsMark int, def nsClass) (more bool, err error) {
	b := s.buf[:s.end]
	i := s.pos + 1
	for i < len(b) && isNameByte(b[i]) {
		i++
	}
	if i == len(b) {
		return true, nil
	}
	qname := b[s.pos+1 : i]
	if !validQName(qname) {
		return false, s.errorf(s.pos, "", "bad tag %q", limit(b[s.pos:i], 20))
	}
	s.attrs = s.attrs[:0]
	selfClose := false
	for {
		sp := i
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return true, nil
		}
		c := b[i]
		if c == '>' {
			i++
			break
		}
		if c == '/' {
			if i+1 == len(b) {
				return true, nil
			}
			if b[i+1] != '>' {
				return false, s.errorf(s.pos, string(qname), "bad tag end")
			}
			selfClose = true
			i += 2
			break
		}
		if i == sp || !isNameStart(c) {
			return false, s.errorf(s.pos, string(qname), "bad attribute syntax")
		}
		if len(s.attrs) == route.MaxAttributes {
			return false, s.limitError(s.pos, string(qname), fmt.Sprintf("more than %s attributes", thousands(route.MaxAttributes)))
		}
		an := i
		for i < len(b) && isNameByte(b[i]) {
			i++
		}
		aname := b[an:i]
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return true, nil
		}
		if !validQName(aname) {
			return false, s.errorf(s.pos, string(qname), "bad attribute name %q", limit(aname, 20))
		}
		if b[i] != '=' {
			return false, s.errorf(s.pos, string(qname), "attribute %s has no value", aname)
		}
		i++
		for i < len(b) && isSpace(b[i]) {
			i++
		}
		if i == len(b) {
			return true, nil
		}
		q := b[i]
		if q != '"' && q != '\'' {
			return false, s.errorf(s.pos, string(qname), "attribute %s value not quoted", aname)
		}
		j := i + 1
		for j < len(b) && b[j] != q && b[j] != '<' {
			j++
		}
		if j == len(b) {
			return true, nil
		}
		if b[j] == '<' {
			return false, s.errorf(s.pos, string(qname), "'<' in attribute %s", aname)
		}
		val := b[i+1 : j]
		i = j + 1
		a := attr{value: val}
		a.prefix, a.local = splitName(aname)
		if s.repeated(a) {
			return false, s.errorf(s.pos, string(qname), "attribute %s repeated", aname)
		}
		s.attrs = append(s.attrs, a)
		if a.prefix == nil && string(a.local) == "xmlns" || string(a.prefix) == "xmlns" {
			v, err := s.attrValue(val)
			if err != nil {
				return false, s.errorf(s.pos, string(qname), "attribute %s: %v", aname, err)
			}
			uri := string(v)
			pfx := ""
			if a.prefix != nil {
				pfx = string(a.local)
			}
			s.bind(pfx, uri)
		}
	}
	if len(s.stack) == route.MaxDepth {
		return false, s.limitError(s.pos, string(qname), fmt.Sprintf("nested deeper than %s levels", thousands(route.MaxDepth)))
	}
	if s.elements++; s.elements > route.MaxElements {
		return false, s.limitError(s.pos, string(qname), fmt.Sprintf("more than %s elements", thousands(route.MaxElements)))
	}
	s.tokPos = s.pos
	s.pos = i
	s.prefix, s.local = splitName(qname)
	if len(s.stack) == 0 {
		s.rootSeen = true
	}
	s.stack = append(s.stack, openElem{nameStart: len(s.names), nsMark: nsMark, def: def})
	s.names = append(s.names, qname...)
	s.kind = tokStart
	s.pendingEnd = selfClose
	return false, nil
}

// repeated reports whether the start tag being parsed already has an
// attribute named like a. Past a few attributes it keeps a set, so that a
// tag with very many attributes costs linear time.
func (s *scanner) repeated(a attr) bool {
	const few = 16
	if len(s.attrs) < few {
		for j := range s.attrs {
			if bytes.Equal(s.attrs[j].prefix, a.prefix) && bytes.Equal(s.attrs[j].local, a.local) {
				return true
			}
		}
		return false
	}
	if len(s.attrs) == few || s.attrSet == nil {
		s.attrSet = make(map[string]bool, 2*few)
		for _, b := range s.attrs {
			s.attrSet[string(b.prefix)+":"+string(b.local)] = true
		}
	}
	key := string(a.prefix) + ":" + string(a.local)
	if s.attrSet[key] {
		return true
	}
	s.attrSet[key] = true
	return false
}

func (s *scanner) endTag() error {
	if n := len(s.stack); n > 0 {
		open := s.names[s.stack[n-1].nameStart:]
		j := s.pos + 2 + len(open)
		if j < s.end && s.buf[j] == '>' && bytes.Equal(s.buf[s.pos+2:j], open) {
			s.tokPos = s.pos
			s.pos = j + 1
			s.pop()
			s.kind = tokEnd
			return nil
		}
	}
	gt, err := s.tagEnd()
	if err != nil {
		return err
	}
	s.tokPos = s.pos
	b := trimSpace(s.buf[s.pos+2 : gt])
	s.pos = gt + 1
	if len(s.stack) == 0 {
		return s.errorf(s.tokPos, string(b), "end tag without a start tag")
	}
	top := s.stack[len(s.stack)-1]
	open := s.names[top.nameStart:]
	if !bytes.Equal(b, open) {
		return s.errorf(s.tokPos, string(open), "element closed by </%s>", b)
	}
	s.prefix, s.local = splitName(b)
	s.pop()
	s.kind = tokEnd
	return nil
}

func (s *scanner) pop() {
	top := s.stack[len(s.stack)-1]
	s.stack = s.stack[:len(s.stack)-1]
	s.names = s.names[:top.nameStart]
	if len(s.ns) != top.nsMark {
		s.unbind(top.nsMark)
	}
	s.defClass = top.def
	if len(s.stack) == 0 {
		s.rootDone = true
	}
}

// attr returns the raw value of the current start tag's attribute with no
// prefix and the given local name.
func (s *scanner) attr(local string) ([]byte, bool) {
	for i := range s.attrs {
		if s.attrs[i].prefix == nil && string(s.attrs[i].local) == local {
			return s.attrs[i].value, true
		}
	}
	return nil, false
}

// attrValue replaces the entities in a raw attribute value and normalises
// its white space, as XML says; the result is valid until the next call.
func (s *scanner) attrValue(v []byte) ([]byte, error) {
	if bytes.IndexByte(v, '&') < 0 && !bytes.ContainsAny(v, "\t\n\r") {
		return v, nil
	}
	out := s.attrBuf[:0]
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch c {
		case '\t', '\n', '\r':
			out = append(out, ' ')
		case '&':
			var n int
			var err error
			out, n, err = appendEntity(out, v[i:])
			if err != nil {
				return nil, err
			}
			i += n - 1
		default:
			out = append(out, c)
		}
	}
	s.attrBuf = out
	return out, nil
}

// appendEntity decodes the entity reference at the start of b (b[0] is
// '&'), appends it to dst, and returns how many bytes it used.
func appendEntity(dst, b []byte) ([]byte, int, error) {
	semi := bytes.IndexByte(b, ';')
	if semi < 0 || semi > 12 {
		return dst, 0, fmt.Errorf("bad entity %q", limit(b, 10))
	}
	name := b[1:semi]
	switch string(name) {
	case "amp":
		return append(dst, '&'), semi + 1, nil
	case "lt":
		return append(dst, '<'), semi + 1, nil
	case "gt":
		return append(dst, '>'), semi + 1, nil
	case "quot":
		return append(dst, '"'), semi + 1, nil
	case "apos":
		return append(dst, '\''), semi + 1, nil
	}
	if len(name) < 2 || name[0] != '#' {
		return dst, 0, fmt.Errorf("unknown entity &%s;", name)
	}
	var r rune
	digits := name[1:]
	base := rune(10)
	if digits[0] == 'x' {
		base, digits = 16, digits[1:]
	}
	if len(digits) == 0 {
		return dst, 0, fmt.Errorf("bad character reference &%s;", name)
	}
	for _, c := range digits {
		var d rune
		switch {
		case c >= '0' && c <= '9':
			d = rune(c - '0')
		case base == 16 && c >= 'a' && c <= 'f':
			d = rune(c-'a') + 10
		case base == 16 && c >= 'A' && c <= 'F':
			d = rune(c-'A') + 10
		default:
			return dst, 0, fmt.Errorf("bad character reference &%s;", name)
		}
		r = r*base + d
		if r > utf8.MaxRune {
			return dst, 0, fmt.Errorf("bad character reference &%s;", name)
		}
	}
	if !isXMLChar(r) {
		return dst, 0, fmt.Errorf("character reference &%s; is not an XML character", name)
	}
	return utf8.AppendRune(dst, r), semi + 1, nil
}

func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// text reads the character content of the element whose start tag was just
// returned, up to and including its end tag: text, entities and CDATA
// sections, without comments and processing instructions; child elements
// are skipped with their content. The result is valid until the next call.
func (s *scanner) text() ([]byte, error) {
	if s.pendingEnd {
		_, err := s.next()
		return nil, err
	}
	depth := len(s.stack)
	// Fast path: plain text followed by the end tag, all in the buffer.
	start := s.pos
	for {
		i := bytes.IndexByte(s.buf[start:s.end], '<')
		if i < 0 {
			if s.end-start > 1<<20 {
				break // long text: take the general path
			}
			sh, ok := s.fill(start)
			start -= sh
			if !ok {
				break // the general path says what is wrong
			}
			continue
		}
		t := s.buf[start : start+i]
		lt := start + i
		if lt+1 >= s.end || s.buf[lt+1] != '/' || bytes.IndexByte(t, '&') >= 0 {
			break
		}
		open := s.names[s.stack[len(s.stack)-1].nameStart:]
		if j := lt + 2 + len(open); j < s.end && s.buf[j] == '>' && bytes.Equal(s.buf[lt+2:j], open) {
			s.tokPos = lt
			s.pos = j + 1
			s.pop()
			s.kind = tokEnd
			return t, nil
		}
		if bytes.IndexByte(s.buf[lt:s.end], '>') < 0 {
			sh, ok := s.fill(start)
			start -= sh
			if !ok {
				break // the general path says what is wrong
			}
			continue
		}
		s.pos = lt
		if err := s.endTag(); err != nil {
			return nil, err
		}
		return t, nil
	}
	// General path: gather into textBuf.
	out := s.textBuf[:0]
	s.pos = start
	line := s.lineAt(start) // where the text began, for a limit error
	tooLong := func() error {
		e := newError(line, s.openName(), "text longer than "+sizes(route.MaxToken))
		e.Err = route.ErrLimit
		return e
	}
	for {
		i := bytes.IndexByte(s.buf[s.pos:s.end], '<')
		seg := s.buf[s.pos:s.end]
		if i >= 0 {
			seg = seg[:i]
		}
		// An entity may be cut at the end of the buffer: keep it for later.
		if i < 0 {
			if amp := bytes.LastIndexByte(seg, '&'); amp >= 0 && bytes.IndexByte(seg[amp:], ';') < 0 {
				seg = seg[:amp]
			}
		}
		var err error
		out, err = s.appendText(out, seg)
		if err != nil {
			return nil, err
		}
		if len(out) > route.MaxToken {
			return nil, tooLong()
		}
		s.pos += len(seg)
		if i < 0 {
			if _, ok := s.fill(s.pos); !ok {
				return nil, s.truncated(s.end)
			}
			continue
		}
		if !s.need(9) && s.end-s.pos < 2 {
			return nil, s.truncated(s.pos)
		}
		b := s.buf[s.pos:s.end]
		switch {
		case bytes.HasPrefix(b, []byte("<![CDATA[")):
			from := s.pos + 9
			for {
				j := bytes.Index(s.buf[from:s.end], []byte("]]>"))
				if j >= 0 {
					out = append(out, s.buf[from:from+j]...)
					s.pos = from + j + 3
					break
				}
				keep := s.end - 2
				if keep < from {
					keep = from
				}
				out = append(out, s.buf[from:keep]...)
				if len(out) > route.MaxToken {
					return nil, tooLong()
				}
				sh, ok := s.fill(keep)
				from = keep - sh
				if !ok {
					return nil, s.truncated(s.end)
				}
			}
		case b[1] == '/':
			if err := s.endTag(); err != nil {
				return nil, err
			}
			if len(s.stack) < depth {
				s.textBuf = out
				return out, nil
			}
		default:
			k, err := s.markup()
			if err != nil {
				return nil, err
			}
			if k == tokStart {
				if err := s.skip(); err != nil {
					return nil, err
				}
			}
		}
	}
}

// appendText appends character data, replacing entities.
func (s *scanner) appendText(out, seg []byte) ([]byte, error) {
	for {
		amp := bytes.IndexByte(seg, '&')
		if amp < 0 {
			return append(out, seg...), nil
		}
		out = append(out, seg[:amp]...)
		var n int
		var err error
		out, n, err = appendEntity(out, seg[amp:])
		if err != nil {
			return nil, s.errorf(s.pos, s.openName(), "%v", err)
		}
		seg = seg[amp+n:]
	}
}

func (s *scanner) openName() string {
	if len(s.stack) == 0 {
		return ""
	}
	return string(s.names[s.stack[len(s.stack)-1].nameStart:])
}

// skip skips the rest of the element whose start tag was just returned.
func (s *scanner) skip() error {
	depth := len(s.stack)
	for len(s.stack) >= depth {
		k, err := s.next()
		if err != nil {
			return err
		}
		if k == tokEOF {
			return s.truncated(s.pos)
		}
	}
	return nil
}

// raw returns the markup inside the element whose start tag was just
// returned, as written, and consumes its end tag.
func (s *scanner) raw() ([]byte, error) {
	if s.pendingEnd {
		_, err := s.next()
		return nil, err
	}
	s.capture = s.pos
	defer func() { s.capture = -1 }()
	if err := s.skip(); err != nil {
		return nil, err
	}
	return s.buf[s.capture:s.tokPos], nil
}

// nextWithText is next, appending the character data it passes (entities
// replaced, CDATA sections unwrapped) to *out.
func (s *scanner) nextWithText(out *[]byte) (tokenKind, error) {
	if s.pendingEnd {
		return s.next()
	}
	for {
		i := bytes.IndexByte(s.buf[s.pos:s.end], '<')
		seg := s.buf[s.pos:s.end]
		if i >= 0 {
			seg = seg[:i]
		} else if amp := bytes.LastIndexByte(seg, '&'); amp >= 0 && bytes.IndexByte(seg[amp:], ';') < 0 {
			seg = seg[:amp] // an entity cut by the end of the buffer
		}
		var err error
		if *out, err = s.appendText(*out, seg); err != nil {
			return tokEOF, err
		}
		if len(*out) > route.MaxToken {
			return tokEOF, s.limitError(s.pos, s.openName(), "text longer than "+sizes(route.MaxToken))
		}
		s.pos += len(seg)
		if i < 0 {
			if _, ok := s.fill(s.pos); !ok {
				return tokEOF, s.truncated(s.end)
			}
			continue
		}
		s.need(9)
		if bytes.HasPrefix(s.buf[s.pos:s.end], []byte("<![CDATA[")) {
			from := s.pos + 9
			for {
				j := bytes.Index(s.buf[from:s.end], []byte("]]>"))
				if j >= 0 {
					*out = append(*out, s.buf[from:from+j]...)
					s.pos = from + j + 3
					break
				}
				keep := max(s.end-2, from)
				*out = append(*out, s.buf[from:keep]...)
				if len(*out) > route.MaxToken {
					return tokEOF, s.limitError(s.pos, s.openName(), "text longer than "+sizes(route.MaxToken))
				}
				sh, ok := s.fill(keep)
				from = keep - sh
				if !ok {
					return tokEOF, s.truncated(s.end)
				}
			}
			continue
		}
		k, err := s.markup()
		if err != nil || k != tokEOF {
			return k, err
		}
	}
}
