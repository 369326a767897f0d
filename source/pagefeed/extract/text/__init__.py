"""The plain-text page parser and the line vocabulary only it uses."""
