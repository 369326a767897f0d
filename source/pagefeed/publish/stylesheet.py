"""``feed.xsl``: the XSLT 1.0 stylesheet that RSS and Atom files name in ``<?xml-stylesheet?>``.

A browser that applies XSLT (Firefox, Safari, Chromium while it still does) then shows a raw
feed as a page like ``<name>.html``: the feed's title, how to subscribe with its address, and
every entry with its title, date and content (the figure with caption and credit, then the
text). The entry HTML is already sanitised; it is copied with ``disable-output-escaping``, which
Chromium and Safari honour (Firefox shows it as text). No script.
"""

from __future__ import annotations

from pagefeed.publish.webpage import ABOUT_FEEDS, PAGE_STYLE

__all__ = ["STYLESHEET_NAME", "stylesheet"]

STYLESHEET_NAME = "feed.xsl"

_XSL = """<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    xmlns:content="http://purl.org/rss/1.0/modules/content/"
    xmlns:media="http://search.yahoo.com/mrss/"
    exclude-result-prefixes="atom content media">
  <xsl:output method="html" encoding="UTF-8" indent="yes"
      doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="title" select="rss/channel/title | atom:feed/atom:title"/>
    <html lang="en">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/></title>
        <style>@STYLE@</style>
      </head>
      <body>
        <main>
          <header>
            <h1><xsl:value-of select="$title"/></h1>
            <p><xsl:value-of select="rss/channel/description | atom:feed/atom:subtitle"/></p>
          </header>
          <section class="about">
            <h2>Subscribe</h2>
            <p>@ABOUT@</p>
            <dl>
              <dt>This feed</dt>
              <dd><code><xsl:value-of select="rss/channel/atom:link[@rel='self']/@href
                  | atom:feed/atom:link[@rel='self']/@href"/></code></dd>
            </dl>
          </section>
          <section>
            <h2>Latest stories</h2>
            <xsl:apply-templates select="rss/channel/item | atom:feed/atom:entry"/>
          </section>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <article>
      <h3><a href="{link}"><xsl:value-of select="title"/></a></h3>
      <p class="date"><xsl:value-of select="pubDate"/></p>
      <xsl:choose>
        <xsl:when test="content:encoded">
          <xsl:value-of select="content:encoded" disable-output-escaping="yes"/>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:value-of select="description" disable-output-escaping="yes"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </article>
  </xsl:template>

  <xsl:template match="atom:entry">
    <article>
      <h3><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h3>
      <p class="date"><xsl:value-of select="substring(atom:published, 1, 10)"/></p>
      <xsl:choose>
        <xsl:when test="atom:content">
          <xsl:value-of select="atom:content" disable-output-escaping="yes"/>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:value-of select="atom:summary"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </article>
  </xsl:template>
</xsl:stylesheet>
"""


def stylesheet() -> bytes:
    """The stylesheet's bytes (the same on every build)."""
    return _XSL.replace("@STYLE@", PAGE_STYLE).replace("@ABOUT@", ABOUT_FEEDS).encode("utf-8")
