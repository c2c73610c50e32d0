import sys

from cadomaestro.perf.bench import main

sys.exit(main())
