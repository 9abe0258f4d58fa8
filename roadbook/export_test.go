package roadbook

// AngleDiff is angleDiff, for the external tests.
var AngleDiff = angleDiff
