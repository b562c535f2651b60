"""`python -m omniready` runs the CLI."""

from omniready.cli import main

main()
