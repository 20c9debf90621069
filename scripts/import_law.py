"""Import an official law text into content/laws/<id>.yml (see yingji.importers.law_import.main)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from yingji.importers.law_import import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
