// Command roadbook reads rally stages (GPX, OpenRally), measures them on
// WGS84, and turns them into Google Earth documents, printed roadbooks and
// ride reports. Run "roadbook help" for the commands.
package main

import "os"

func main() { os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
