"""Getting a page's bytes and text: HTTP (``fetch.http``), decompression caps, charset decoding.

Import submodules directly: ``fetch.decoding`` and ``fetch.validators`` stay free of the HTTP
client.
"""
