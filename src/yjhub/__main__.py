import sys

from yjhub.cli.main import main

sys.exit(main())
