"""Pure parsers: a page's text or HTML in, a ``Page`` model out (no I/O, no clock, no globals).

``pagefeed.extract.parse`` detects the format and dispatches; the text path (``extract.text``)
never imports bs4, so a plain-text build starts fast. Import submodules directly.
"""
