package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/roadbook/roadbook/roadbook/lexicon"
	"github.com/roadbook/roadbook/roadbook/pdf"
	"github.com/roadbook/roadbook/roadbook/text"
)

func lexiconCommand() *command {
	var opts struct {
		json  bool
		out   string
		paper string
	}
	return &command{
		name:    "lexicon",
		summary: "list the roadbook symbols notes can use, or print their legend sheet",
		usage:   "roadbook lexicon [--json] [-o LEGEND.pdf [--paper a5|a4|roll|roll-a4|roll-a3]]",
		help: `
Lexicon lists every roadbook symbol, one per line: its code, the
abbreviation a roadbook prints for it and its meaning (English, then
French), grouped by category. A note in any GPX or OpenRally file writes a
symbol as its code in braces, and roadbook draws it in the printed
roadbook, the OpenRally notes and Google Earth:

  {village} {danger-2} L into {wadi}, {speed-limit-50} until {fz}

"{{" and "}}" are literal braces. Codes ending in -N are families:
{speed-limit-50}, {speed-limit-end-50}, {distance-150}, {wp-number-12}.
See docs/lexicon.md.

With -o the legend sheet is written as a PDF instead: every symbol drawn
with its code and meaning. "roadbook print --legend" adds the same sheet to
a roadbook.
`,
		examples: `
roadbook lexicon                      # the list
roadbook lexicon --json | jq -r '.[] | select(.category == "water") | .code'
roadbook lexicon -o lexicon.pdf       # the legend sheet, A5
`,
		flags: func(fs *flag.FlagSet) {
			fs.BoolVar(&opts.json, "json", false, "print the list as one JSON document")
			fs.StringVar(&opts.out, "o", "", "write the legend sheet to this PDF (- for stdout)")
			fs.StringVar(&opts.paper, "paper", "a5", "the legend sheet's paper: a5, a4, roll, roll-a4 or roll-a3")
		},
		run: func(e *env, args []string) int {
			if len(args) > 0 {
				return e.usagef("no arguments expected, got %q", args[0])
			}
			paper, err := pdf.ParsePaper(opts.paper)
			if err != nil {
				return e.usagef("--paper: unknown paper %q (want a5, a4, roll, roll-a4 or roll-a3)", opts.paper)
			}
			if opts.out != "" {
				if opts.json {
					return e.usagef("--json lists the symbols, -o prints the sheet: give one")
				}
				if err := e.writeOutput(opts.out, func(w io.Writer) error {
					return pdf.EncodeLegend(w, pdf.Options{Paper: paper})
				}); err != nil {
					return e.errorf("%v", e.outputError(opts.out, err))
				}
				if opts.out != "-" {
					fmt.Fprintf(e.stdout, "%s: legend of %d symbols, %s\n", opts.out, len(lexicon.All()), paper)
				}
				return exitOK
			}
			if opts.json {
				return e.printJSON(lexicon.All())
			}
			if err := text.WriteLexicon(e.stdout, lexicon.All()); err != nil {
				return e.errorf("%v", e.outputError("-", err))
			}
			return exitOK
		},
	}
}
