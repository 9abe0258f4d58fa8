package kml

import (
	"bytes"
	"fmt"
	"io"

	"github.com/roadbook/roadbook/route"
)

// guard is the reader between a KML document and encoding/xml. encoding/xml
// holds each token whole (a text, a tag with its attributes, a comment, a
// CDATA section, a DOCTYPE) before it returns it, so a token of gigabytes
// costs gigabytes; guard follows the XML lexically as it passes and fails
// the read, with an error that names the line and the element, when a token
// grows past route.MaxToken, a tag has more than route.MaxAttributes
// attributes, or the document past route.MaxKML bytes. The parser counts
// depth and elements itself, from the tokens, so a document that guard
// would read otherwise than encoding/xml (it follows a DOCTYPE's internal
// subset loosely) still cannot nest deeper than route.MaxDepth.
type guard struct {
	r    io.Reader
	err  error // the limit gone past, returned from then on
	size int64 // bytes read

	line    int      // 1-based line of the next byte
	state   gstate   // what the next byte is in
	run     int      // bytes of the current token
	tokLine int      // the line where the current token began
	attrs   int      // attribute values of the current tag
	quote   byte     // the quote of the value being read in a tag, 0 outside
	match   int      // bytes of the end marker of a comment, CDATA, PI seen
	depth   int      // '<' nesting inside a DOCTYPE
	bang    []byte   // the bytes after "<!", to tell a comment from CDATA from a DOCTYPE
	name    []byte   // the name of the tag being read (at most 64 bytes)
	inName  bool     // the name is being read
	slash   bool     // the tag's last byte but white space was '/'
	endTag  bool     // the tag is an end tag
	open    [][]byte // names of the open elements, for messages (at most route.MaxDepth)
	nameBuf []byte
}

type gstate uint8

const (
	gText      gstate = iota
	gLt               // after '<'
	gBang             // after "<!"
	gTag              // in a start or end tag
	gComment          // in a comment, after "<!--"
	gCDATA            // in a CDATA section, after "<![CDATA["
	gPI               // in a processing instruction, after "<?"
	gDirective        // in a DOCTYPE or other "<!" declaration
)

func newGuard(r io.Reader) *guard { return &guard{r: r, line: 1, tokLine: 1} }

func (g *guard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	if g.size += int64(n); g.size > route.MaxKML {
		g.fail(g.line, g.top(), "file larger than "+sizes(route.MaxKML))
		return 0, g.err
	}
	if lerr := g.scan(p[:n]); lerr != nil {
		// The bytes before the one that went past the limit are left
		// out too: the error comes with the next read at the latest.
		return 0, lerr
	}
	return n, err
}

// fail records the limit error.
func (g *guard) fail(line int, elem, what string) {
	e := newError(line, elem, what)
	e.Err = route.ErrLimit
	g.err = e
}

// top returns the name of the innermost open element, "" when none.
func (g *guard) top() string {
	if len(g.open) == 0 {
		return ""
	}
	return string(g.open[len(g.open)-1])
}

// startToken notes that a token begins at the current line.
func (g *guard) startToken() {
	g.run = 0
	g.tokLine = g.line
}

// grow adds n bytes to the current token, failing past the limit.
func (g *guard) grow(n int, what string, elem string) error {
	if g.run += n; g.run > route.MaxToken {
		g.fail(g.tokLine, elem, what+" longer than "+sizes(route.MaxToken))
		return g.err
	}
	return nil
}

// scan follows b through the lexical states.
func (g *guard) scan(b []byte) error {
	for len(b) > 0 {
		switch g.state {
		case gText:
			i := bytes.IndexByte(b, '<')
			seg := b
			if i >= 0 {
				seg = b[:i]
			}
			g.line += bytes.Count(seg, nl)
			if err := g.grow(len(seg), "text", g.top()); err != nil {
				return err
			}
			if i < 0 {
				return nil
			}
			b = b[i+1:]
			g.state = gLt
			g.startToken()
			g.run = 1
		case gLt:
			c := b[0]
			switch c {
			case '!':
				g.state, g.bang = gBang, g.bang[:0]
				b = b[1:]
			case '?':
				g.state, g.match = gPI, 0
				b = b[1:]
			default:
				g.state = gTag
				g.attrs, g.quote, g.slash = 0, 0, false
				g.endTag = c == '/'
				if g.endTag {
					b = b[1:]
				}
				g.name, g.inName = g.nameBuf[:0], true
			}
			g.run++
		case gBang:
			// Up to "[CDATA[" (7 bytes) decide what it is.
			c := b[0]
			g.bang = append(g.bang, c)
			b = b[1:]
			g.run++
			switch {
			case bytes.Equal(g.bang, []byte("--")):
				g.state, g.match = gComment, 0
			case bytes.Equal(g.bang, []byte("[CDATA[")):
				g.state, g.match = gCDATA, 0
			case !bytes.HasPrefix([]byte("--"), g.bang) && !bytes.HasPrefix([]byte("[CDATA["), g.bang):
				// A DOCTYPE or another declaration: follow what was read.
				g.state, g.depth, g.quote = gDirective, 0, 0
				rest := g.bang
				g.run -= len(rest)
				if err := g.scan(rest); err != nil {
					return err
				}
			}
		case gComment, gCDATA, gPI:
			end, what := "-->", "comment"
			switch g.state {
			case gCDATA:
				end, what = "]]>", "CDATA section"
			case gPI:
				end, what = "?>", "processing instruction"
			}
			k := 0
			for k < len(b) {
				if g.match == 0 {
					// Jump to the next byte that can begin the end.
					j := bytes.IndexByte(b[k:], end[0])
					if j < 0 {
						k = len(b)
						break
					}
					k += j
				}
				c := b[k]
				k++
				switch {
				case c == end[g.match]:
					g.match++
				case c == end[0] && g.match == len(end)-1 && end[0] == end[1]:
					// "--->", "]]]>": still two before the '>'.
				case c == end[0]:
					g.match = 1
				default:
					g.match = 0
				}
				if g.match == len(end) {
					g.state = gText
					break
				}
			}
			g.line += bytes.Count(b[:k], nl)
			if err := g.grow(k, what, g.top()); err != nil {
				return err
			}
			if g.state == gText {
				g.startToken()
			}
			b = b[k:]
		case gDirective:
			k := 0
			for k < len(b) && g.state == gDirective {
				c := b[k]
				k++
				switch {
				case c == '\n':
					g.line++
				case g.quote != 0:
					if c == g.quote {
						g.quote = 0
					}
				case c == '"' || c == '\'':
					g.quote = c
				case c == '<':
					g.depth++
				case c == '>' && g.depth > 0:
					g.depth--
				case c == '>':
					g.state = gText
				}
			}
			if err := g.grow(k, "DOCTYPE", g.top()); err != nil {
				return err
			}
			if g.state == gText {
				g.startToken()
			}
			b = b[k:]
		case gTag:
			k := 0
			done := false
			for k < len(b) && !done {
				c := b[k]
				k++
				if g.quote != 0 {
					if c == g.quote {
						g.quote = 0
					} else if c == '\n' {
						g.line++
					}
					continue
				}
				switch c {
				case '>':
					done = true
				case '"', '\'':
					g.quote, g.inName, g.slash = c, false, false
					if g.attrs++; g.attrs > route.MaxAttributes {
						g.fail(g.tokLine, string(g.name), fmt.Sprintf("more than %s attributes", thousands(route.MaxAttributes)))
						return g.err
					}
				case ' ', '\t', '\r', '\n':
					if c == '\n' {
						g.line++
					}
					g.inName = false
				case '/':
					g.inName, g.slash = false, true
				default:
					g.slash = false
					if g.inName && len(g.name) < 64 {
						g.name = append(g.name, c)
					}
				}
			}
			if err := g.grow(k, "tag", string(g.name)); err != nil {
				return err
			}
			b = b[k:]
			if done {
				g.tagDone()
				g.state = gText
				g.startToken()
			}
		}
	}
	return nil
}

// tagDone notes the end of a tag: a start tag opens an element (unless it
// closes itself), an end tag closes one.
func (g *guard) tagDone() {
	switch {
	case g.endTag:
		if len(g.open) > 0 {
			g.nameBuf = g.open[len(g.open)-1][:0]
			g.open = g.open[:len(g.open)-1]
		}
	case g.slash:
	default:
		if len(g.open) < route.MaxDepth {
			g.open = append(g.open, append([]byte(nil), g.name...))
		}
	}
}

var nl = []byte{'\n'}

// sizes names a size in bytes for messages: "64 MiB", "1 GiB".
func sizes(n int) string {
	if n >= 1<<30 && n%(1<<30) == 0 {
		return fmt.Sprintf("%d GiB", n>>30)
	}
	return fmt.Sprintf("%d MiB", n>>20)
}

// thousands writes n with commas: "1,000".
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
