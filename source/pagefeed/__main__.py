"""``python -m pagefeed``."""

from pagefeed.cli_process import main

main()
