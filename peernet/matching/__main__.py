"""python -m peernet.matching: the same as the peernet-match command."""

import sys

from .cli import main

sys.exit(main())
