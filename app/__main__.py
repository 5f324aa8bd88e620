"""`python -m app`: the command line alone, on the Qt-free core."""

import sys

from app.cli import main

sys.exit(main(sys.argv[1:]))
