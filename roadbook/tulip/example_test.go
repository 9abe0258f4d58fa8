package tulip_test

import (
	"fmt"
	"os"

	"github.com/roadbook/roadbook/roadbook/tulip"
)

// A right turn: the crew arrives from the bottom and leaves to the right.
func Example() {
	in := []tulip.Vec{{X: 0, Y: -50}, {X: 0, Y: 0}} // metres, arriving moving up
	out := []tulip.Vec{{X: 0, Y: 0}, {X: 50, Y: 0}}
	d := tulip.Route(in, out, tulip.Options{})
	angle, _ := d.ExitAngle()
	fmt.Printf("exit %.0f° right of the entry\n", angle)
	if err := tulip.WriteSVG(os.Stdout, d, 40); err != nil {
		fmt.Println(err)
	}
	// Output:
	// exit 90° right of the entry
	// <svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40">
	// <rect width="40" height="40" fill="#fff"/>
	// <polyline points="20,36 20,20 33.3,20" fill="none" stroke="#000" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"/>
	// <polygon points="36,20 30.6,17.03 30.6,22.97" fill="#000"/>
	// <circle cx="20" cy="36" r="1.6" fill="#000"/>
	// </svg>
}
