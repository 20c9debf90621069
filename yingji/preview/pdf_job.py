"""`python -m yingji.preview.pdf_job --root R --profile P`: the preview's PDFs, in their own process.

The print stage of a real build (render what the cache lacks, place into docs/downloads/), run
apart from the preview (pdfs.py starts it at low priority) so that laying out a handbook never
slows the rebuild of a page. Prints one JSON line: documents, rendered, placed, seconds; or error (exit 1) when the content
has errors (the preview shows them) or a PDF cannot be made.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="yingji.preview.pdf_job")
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--profile", choices=["public", "internal"], default="public")
    args = parser.parse_args(argv)

    from ..build import plan_outputs
    from ..content import load_knowledge
    from ..diagnostics import ContentError
    from ..print.engine import PrintError
    from ..print.stage import build_documents
    from ..workspace import Workspace

    started = time.perf_counter()
    workspace = Workspace(args.root, args.profile)
    try:
        knowledge, _ = load_knowledge(args.root)
        routes = plan_outputs(args.root, knowledge, args.profile, workspace.docs)
        report = build_documents(
            args.root, knowledge, args.profile, routes, progress=False,
            docs_dir=workspace.docs, cache_dir=workspace.pdf_cache,
        )
    except ContentError:
        return _answer({"error": CONTENT_ERRORS})
    except (PrintError, FileExistsError) as err:
        return _answer({"error": str(err)})
    return _answer({"documents": report.documents, "rendered": report.rendered, "placed": report.placed,
                    "seconds": round(time.perf_counter() - started, 1)})


CONTENT_ERRORS = "内容有错误，PDF 暂不更新"


def _answer(result: dict) -> int:
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 1 if "error" in result else 0


if __name__ == "__main__":
    sys.exit(main())
