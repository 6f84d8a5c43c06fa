"""`python -m geo build|info|fetch|assets`: the boundary layers from the command line."""

import sys

from geo.cli import main

sys.exit(main())
