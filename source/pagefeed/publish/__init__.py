"""Publishing: read -> parse -> merge -> render -> write (``publish.build``), the feed writer
(``publish.feed``), the archive and its pure merge core, the catalog, atomic files and the lock.
"""
