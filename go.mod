module github.com/roadbook/roadbook

go 1.26.8

require (
	codeberg.org/go-pdf/fpdf v0.11.1
	github.com/chromedp/cdproto v0.160.1
	github.com/chromedp/chromedp v0.23.1
	github.com/paulmach/orb v0.11.1
	github.com/tkrajina/gpxgo v1.4.0
	github.com/twpayne/go-kml/v3 v3.2.1
	golang.org/x/image v0.23.0
	golang.org/x/sys v0.28.0
	golang.org/x/text v0.21.0
)

require (
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	go.mongodb.org/mongo-driver v1.11.4 // indirect
	golang.org/x/net v0.33.0 // indirect
)
