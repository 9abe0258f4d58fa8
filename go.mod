module github.com/roadbook/roadbook

go 1.26.8

require (
	codeberg.org/go-pdf/fpdf v0.11.1
	github.com/paulmach/orb v0.11.1
	github.com/tkrajina/gpxgo v1.4.0
	github.com/twpayne/go-kml/v3 v3.2.1
	golang.org/x/image v0.23.0
	golang.org/x/text v0.21.0
)

require (
	go.mongodb.org/mongo-driver v1.11.4 // indirect
	golang.org/x/net v0.33.0 // indirect
)
