<?xml version="1.0" encoding="UTF-8"?>
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
        <style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;line-height:1.5;color:#222;background:#fff}img{max-width:100%;height:auto}figure{margin:.5rem 0}figcaption{font-size:.9rem;color:#555}figcaption small{display:block;color:#777}code{user-select:all;word-break:break-all;background:#f3f3f3;padding:.1rem .3rem}article,section.feed{border-top:1px solid #ddd;padding:.5rem 0}h3{margin:.5rem 0 .2rem}.date{color:#666;font-size:.9rem;margin:0}.about{background:#f7f7f4;padding:.5rem 1rem}dt{font-weight:600}dd{margin:0 0 .5rem}</style>
      </head>
      <body>
        <main>
          <header>
            <h1><xsl:value-of select="$title"/></h1>
            <p><xsl:value-of select="rss/channel/description | atom:feed/atom:subtitle"/></p>
          </header>
          <section class="about">
            <h2>Subscribe</h2>
            <p>A web feed lists the newest stories of a site in a form feed readers check for you. To follow one, copy its address into a feed reader (an app or a web service). Pick one format per feed: they carry the same stories.</p>
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
