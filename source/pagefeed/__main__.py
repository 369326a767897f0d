"""``python -m pagefeed``."""

from pagefeed.cli import main

main()
