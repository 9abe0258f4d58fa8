package lexicon_test

import (
	"fmt"
	"os"

	"github.com/roadbook/roadbook/roadbook/lexicon"
)

func ExampleParse() {
	for _, s := range lexicon.Parse("{village} {danger-2} L into {wadi}") {
		if s.Symbol != nil {
			fmt.Printf("symbol %s (%s): %s\n", s.Symbol.Code, s.Symbol.Category, s.Symbol.Meaning)
		} else {
			fmt.Printf("text %q\n", s.Text)
		}
	}
	// Output:
	// symbol village (landmark): village
	// text " "
	// symbol danger-2 (danger): danger level 2
	// text " L into "
	// symbol wadi (water): wadi / wash (dry river bed)
}

func ExamplePlain() {
	fmt.Println(lexicon.Plain("{village} {danger-2} L into {wadi}, {speed-limit-50}"))
	// Output: village !! L into OUED, 50
}

func ExampleLookup() {
	s, ok := lexicon.Lookup("speed-limit-end-90")
	fmt.Println(ok, s.Code, s.Abbr, s.Meaning, s.Category)
	// Output: true speed-limit-end-90 90 end of the 90 km/h limit speed
}

func ExampleWriteSVG() {
	s, _ := lexicon.Lookup("hole")
	if err := lexicon.WriteSVG(os.Stdout, s, 40); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">
	// <circle cx="20" cy="20" r="16" fill="none" stroke="#000000" stroke-width="3.2" stroke-linejoin="round" stroke-linecap="round"/>
	// <path d="M12 12L28 28" fill="none" stroke="#000000" stroke-width="3.2" stroke-linejoin="round" stroke-linecap="round"/>
	// <path d="M28 12L12 28" fill="none" stroke="#000000" stroke-width="3.2" stroke-linejoin="round" stroke-linecap="round"/>
	// </svg>
}
