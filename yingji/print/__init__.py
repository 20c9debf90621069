"""Stage 3b: Knowledge → print HTML + print CSS → WeasyPrint → the PDFs of site/downloads/.

One call from yingji/build.py, `stage.build_documents(root, knowledge, profile, routes)`, does it all:

- Which PDFs exist (培训手册, 应知应会手册, 责任分工表, sample papers, one 明白卡 per village and
  one bundle per township) and where they go under downloads/ is the route table's
  (presentation/documents.py, presentation/routes.py); the site's downloads page and "打印版"
  links read the same table. catalog.py says how each kind is printed (template, stylesheets, view).
- Each document becomes self-contained print HTML (Jinja2, yingji/templates/print/) whose
  SHA-256, with its stylesheets, names its PDF in the cache (.cache/pdf/, git-ignored): an
  unchanged document is never laid out again, in this build or any later one.
- Missing PDFs are rendered by long-lived WeasyPrint workers, one per core, each with one
  FontConfiguration, parsed stylesheets and image cache (engine.py, pool.py); bundles are
  assembled from the cached cards (bundle.py).

Where the PDFs go, and why there: `mkdocs build --strict` checks every link of every page,
so a link to downloads/handbook.pdf is only valid if that file is part of docs/. After all
documents rendered, cache.place() hard-links (or copies) them into docs/downloads/ —
git-ignored, and listed in docs/.generated-pdf so PDFs of removed villages disappear and a
hand-made file is never overwritten — *before* mkdocs runs. mkdocs then checks the links,
copies the PDFs into its staging folder, and build.py swaps that folder into site/ in one
step: pages and PDFs change together or not at all. A failed render leaves docs/downloads/
and site/ as they were. Zensical builds the same docs/ and finds the same files.

Fonts: Noto Serif CJK SC Regular for text, Noto Sans CJK SC Bold for headings (two faces, two
weights), cut once per machine to GB 2312 (fonts.py) and embedded as subsets; WeasyPrint's
fallback to fontTools subsetting (no libharfbuzz-subset0) is a build error, as is any other
WeasyPrint warning. Print HTML loads nothing from outside (engine.OfflineFetcher).

QR codes on the cards point at the village's page: the site address comes from the
environment variable YINGJI_SITE_URL, else from `site_url` in content/county.yml; with neither,
cards are printed without a QR code and the build warns (presentation/__init__.py).
"""
