// Package lexicon is the roadbook symbol set: the pictograms, control discs
// and printed abbreviations of the cross-country (rally-raid) lexicon, each
// with a stable code, drawn as vectors of our own, and the notation that
// puts them in notes.
//
// A Symbol has a Code ("village", "wadi", "danger-2", "speed-limit-50"), the
// abbreviation a roadbook prints (Abbr: "V", "OUED", "!!", "50"; "" for a
// pure pictogram), its Meaning in English (and French where the lexicon
// gives one), a Category, and a drawing. All lists the set in legend order,
// Lookup finds a code, including the numbered families ("speed-limit-N",
// "speed-limit-end-N", "distance-N", "wp-number-N").
//
// Drawing: Symbol.Draw paints onto a Canvas (paths of lines and cubic
// curves, circles, text; fills and strokes) in symbol units: the box
// [0, Width] × [0, 100], y down. The SVG type writes SVG elements
// (WriteSVG a standalone document), roadbook/pdf draws on PDF pages and
// roadbook/lexicon/raster on images (PNG for Google Earth balloons), so a
// symbol looks the same everywhere. Text is DejaVu Sans, as roadbook/pdf
// prints it; TextWidth measures it from the font's own advance widths.
//
// Notes: Parse splits a note into text and symbol spans. A code in braces
// is a symbol, "{{" and "}}" are literal braces:
//
//	{village} {danger-2} L into {wadi}, {speed-limit-50} until {fz}
//
// Anything else is text, including an unknown code, which prints as
// written. Plain gives the note as text for places that cannot draw (each
// symbol as its Word), Codes the symbols a note uses.
//
// Goals: every symbol a navigator reads in a cross-country roadbook,
// recognisable at 10 mm on paper and at 40 pixels on a screen, drawn by
// us; stable codes that files can carry. Non-goals: reproducing any
// organiser's artwork; national road-sign sets; right-to-left notes.
//
// Colours follow the usual roadbook conventions: red for danger and the
// red control discs, cyan visible/masked/eclipse waypoints, yellow WPC and
// CAP, orange speed zones, green their end.
package lexicon
