module github.com/roadbook/roadbook

go 1.26.8

require (
	codeberg.org/go-pdf/fpdf v0.11.1 // indirect
	github.com/paulmach/orb v0.11.1 // indirect
	github.com/tkrajina/gpxgo v1.4.0 // indirect
	github.com/twpayne/go-kml/v3 v3.2.1 // indirect
	golang.org/x/net v0.33.0 // indirect
	golang.org/x/text v0.21.0 // indirect
)
