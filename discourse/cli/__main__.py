"""``python -m discourse.cli``: the ``discourse`` command."""

import sys

from discourse.cli import main

sys.exit(main())
