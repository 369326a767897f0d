"""pagefeed: publish RSS 2.0 and Atom 1.0 feeds from raw news pages."""

__version__ = "0.1.0"
