# Generates stage.gpx and bad.gpx (python3 gen.py): synthetic tracks near Yanbu
# with OpenRally controls and no distances, so roadbook builds their boxes.
import math
NS = "http://www.openrally.org/xmlschemas/GpxExtensions/v1.0.3"
def route(legs, lat=24.0895, lon=38.0618, h=0.0, step=20.0):
    pts=[(lat,lon)]; R=6371000.0
    for turn, length in legs:
        h += turn
        n = int(round(length/step))
        for i in range(n):
            d = length/n
            lat += math.degrees(d*math.cos(math.radians(h))/R)
            lon += math.degrees(d*math.sin(math.radians(h))/(R*math.cos(math.radians(lat))))
            pts.append((lat,lon))
    return pts
def along(pts, i): return pts[i]
def gpx(name, pts, wpts):
    out=['<?xml version="1.0" encoding="UTF-8"?>',
         '<gpx version="1.1" creator="roadbook testdata" xmlns="http://www.topografix.com/GPX/1/1" xmlns:openrally="%s">'%NS,
         ' <metadata><name>%s</name></metadata>'%name]
    for (i, wname, ext, desc) in wpts:
        lat, lon = pts[i]
        out.append(' <wpt lat="%.7f" lon="%.7f">'%(lat,lon))
        out.append('  <name>%s</name>'%wname)
        if desc: out.append('  <desc>%s</desc>'%desc)
        out.append('  <extensions>%s</extensions>'%ext)
        out.append(' </wpt>')
    out.append(' <trk><name>%s</name><trkseg>'%name)
    for lat,lon in pts:
        out.append('  <trkpt lat="%.7f" lon="%.7f"/>'%(lat,lon))
    out.append(' </trkseg></trk>')
    out.append('</gpx>')
    return "\n".join(out)+"\n"
# 2 km north, right 90, 1.5 km, left 60, 2 km, right 150 (hairpin), 1 km
pts = route([(0,2000),(90,1500),(-60,2000),(150,1000)])
# index = metres / 20
good = [
  (25, "DSS", "<openrally:dss/>", ""),
  (60, "WPV 1", '<openrally:wpv name="WPV 1"/>', ""),
  (120, "DZ", "<openrally:dz/><openrally:speed>50</openrally:speed>", ""),
  (170, "FZ", "<openrally:fz/>", ""),
  (230, "Danger", "<openrally:danger>2</openrally:danger>", "CX stony, TJS piste"),
  (300, "WPM 2", '<openrally:wpm name="WPM 2" open="800" clear="200"/>', ""),
  (320, "ASS", "<openrally:ass/>", ""),
]
open("stage.gpx","w").write(gpx("Synthetic stage", pts, good))
bad = [
  (25, "DSS", "<openrally:dss/>", ""),
  (30, "WPV 1", '<openrally:wpv name="WPV 1"/>', ""),
  (120, "DZ", "<openrally:dz/>", ""),
  (300, "WPM 2", '<openrally:wpm name="WPM 2"/>', ""),
]
open("bad.gpx","w").write(gpx("Broken stage", pts, bad))
