import sys

from cadomaestro.evaluation.compare import main

sys.exit(main())
