"""``python -m simfin`` runs the command line."""

import sys

from simfin.cli import main

sys.exit(main())
