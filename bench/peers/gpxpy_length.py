"""The gpxpy peer of the benchmark: parse a GPX file and print its 2D length."""
import sys

import gpxpy

with open(sys.argv[1], encoding="utf-8") as f:
    g = gpxpy.parse(f)
print("%.1f m" % g.length_2d())
