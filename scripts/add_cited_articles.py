"""Add every article cited in content/ and quizzes/ that content/laws does not hold yet.

Reference texts: $YINGJI_REFERENCE_LAWS, default <repo>/../shared/reference/laws.
Usage: python scripts/add_cited_articles.py [REPO]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from yingji.importers.law_import import add_cited_main  # noqa: E402

if __name__ == "__main__":
    sys.exit(add_cited_main(sys.argv[1:]))
