"""`python -m loaders …`: the registry's command line (export, import, users)."""

import sys

from loaders.cli import main

sys.exit(main())
