"""The HTML page parser (BeautifulSoup with lxml), its tree helpers, JSON-LD and site profiles."""
