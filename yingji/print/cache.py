"""The content-hash cache of rendered PDFs, and placing them into docs/downloads/.

A PDF is named by the hash of everything that decides its bytes: the print HTML (which holds
the content and the metadata date), the CSS, the WeasyPrint version and the fonts — the cut
faces by their contents, not by where they lie: the key is the same under another HOME or
cache folder. An unchanged document is therefore never laid out again, in any later build.

The PDFs are copied (hard-linked where possible) into docs/downloads/ before mkdocs runs, so
mkdocs sees them as ordinary files of the site: the links on downloads/index.md and the other
pages are checked by `mkdocs build --strict` like any link, mkdocs copies the files into the
staging site that is swapped in atomically, and Zensical builds the same docs/ unchanged.
docs/.generated-pdf lists the files placed there, so PDFs of removed villages disappear and a
hand-made file is never overwritten.

YINGJI_PDF_CACHE names another cache folder, e.g. one shared by several checkouts (the tests
share one, so the same content is rendered once per test session).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from functools import lru_cache
from pathlib import Path

from ..owned_files import PDF_MANIFEST as MANIFEST, sync_owned_files

CACHE_DIR = Path(".cache") / "pdf"
FONT_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
)
FORMAT_VERSION = "2"  # bump when the engine's output changes for the same HTML


@lru_cache(maxsize=None)
def engine_fingerprint() -> str:
    from importlib.metadata import version

    from .fonts import cut_faces_identity

    fonts = [f"{path}:{os.stat(path).st_size}:{int(os.stat(path).st_mtime)}" for path in FONT_FILES if os.path.exists(path)]
    return "|".join([FORMAT_VERSION, version("weasyprint"), version("pikepdf"), *fonts, cut_faces_identity()])


def content_key(html: str) -> str:
    digest = hashlib.sha256(engine_fingerprint().encode())
    digest.update(html.encode("utf-8"))
    return digest.hexdigest()[:32]


def bundle_key(title: str, part_keys: list[str]) -> str:
    return content_key("bundle\n" + title + "\n" + "\n".join(part_keys))


class Cache:
    def __init__(self, root: Path, folder: Path | None = None):
        """The project's cache, or `folder` (the internal build keeps its own, never shared)."""
        shared = os.environ.get("YINGJI_PDF_CACHE")
        self.folder = folder or (Path(shared) if shared else root / CACHE_DIR)
        self.folder.mkdir(parents=True, exist_ok=True)
        # One listing per project and profile: projects sharing a cache never evict each other.
        self.listing = f"last-{hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:12]}"

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.pdf"

    def has(self, key: str) -> bool:
        return self.path(key).exists()

    def keep_only(self, profile: str, keys: set[str]) -> None:
        """Forget entries no recent build of any profile uses (the cache stays bounded)."""
        (self.folder / f"{self.listing}-{profile}.txt").write_text("\n".join(sorted(keys)) + "\n", "utf-8")
        wanted: set[str] = set()
        for listing in self.folder.glob("last-*.txt"):
            wanted |= set(listing.read_text("utf-8").split())
        for entry in self.folder.glob("*.pdf"):
            if entry.stem not in wanted:
                entry.unlink(missing_ok=True)


class Memo:
    """What each document's cache key was, by the inputs it is made from (catalog.memo_input):
    after one village changed, the other villages' keys are looked up here instead of being
    computed from their HTML. The memo lives in the cache folder, one file per profile."""

    def __init__(self, cache: Cache, profile: str):
        self.path = cache.folder / f"memo-{profile}.json"
        try:
            self.known: dict[str, str] = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            self.known = {}
        self.used: dict[str, str] = {}

    @staticmethod
    def digest(inputs: str) -> str:
        return hashlib.sha256((engine_fingerprint() + "\n" + inputs).encode("utf-8")).hexdigest()[:32]

    def get(self, inputs: str) -> str | None:
        key = self.known.get(self.digest(inputs))
        if key:
            self.used[self.digest(inputs)] = key
        return key

    def put(self, inputs: str, key: str) -> None:
        self.used[self.digest(inputs)] = key

    def save(self) -> None:
        """Keep what this build used (the memo stays as big as the county)."""
        if self.used != self.known:
            temporary = self.path.with_name(self.path.name + f".tmp-{os.getpid()}")
            temporary.write_text(json.dumps(self.used, sort_keys=True), "utf-8")
            os.replace(temporary, self.path)


def place(docs_dir: Path, files: dict[str, Path]) -> int:
    """Put {docs-relative path: cached file} into docs/; remove placed files no longer wanted.

    Returns how many files changed. Refuses to overwrite a file it did not place itself.
    """

    def put(relative: str, target: Path) -> bool:
        source = files[relative]
        if target.exists() and _same(source, target):
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        temporary.unlink(missing_ok=True)
        try:
            os.link(source, temporary)
        except OSError:  # another file system: copy instead
            shutil.copyfile(source, temporary)
        os.replace(temporary, target)
        return True

    return sync_owned_files(docs_dir, MANIFEST, files, put)


def _same(source: Path, target: Path) -> bool:
    try:
        if os.path.samefile(source, target):
            return True
    except OSError:
        return False
    return source.stat().st_size == target.stat().st_size and source.read_bytes() == target.read_bytes()

