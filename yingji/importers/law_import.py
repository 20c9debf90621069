"""Import parsed law texts into content/laws/<id>.yml: the law table, the YAML writer,
the `yingji import-law` command and the "add every cited article" maintenance tool."""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..presentation.labels import article_label, chinese_number as int_to_chinese
from .law_text import FLK_URL, Article, ParsedLaw, parse_law_text

# --------------------------------------------------------------------------------------
# The laws content/laws holds: their metadata lives there, not in code
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LawSource:
    id: str
    title: str

    @property
    def file(self) -> str:
        """The official text's file name: the law's full title (中华人民共和国安全生产法.md)."""
        return f"{self.title}.md"


def known_laws(repo: Path) -> dict[str, LawSource]:
    """Every law of content/laws by id, with the file name of its official text."""
    return {
        path.stem: LawSource(path.stem, (load_yaml(path) or {}).get("title") or path.stem)
        for path in sorted((repo / "content" / "laws").glob("*.yml"))
    }


META_KEYS = ("id", "title", "short_title", "kind", "issuer", "version", "version_date",
             "effective_date", "status", "replaced_by", "source_url", "history")
ARTICLE_KEYS = ("number", "chapter", "section", "text", "summary", "tags")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ARTICLE_ID_RE = re.compile(r"(?<![a-z0-9-])([a-z0-9][a-z0-9-]*)#a(\d+)\b")


def reference_dir(repo: Path | None = None) -> Path:
    """Folder of the official texts: $YINGJI_REFERENCE_LAWS or <repo>/../shared/reference/laws."""
    env = os.environ.get("YINGJI_REFERENCE_LAWS")
    if env:
        return Path(env)
    repo = repo or Path(__file__).resolve().parents[2]
    return repo.parent / "shared" / "reference" / "laws"


def _source_url(parsed: ParsedLaw) -> str:
    url = parsed.metadata.get("url")
    return url if isinstance(url, str) and url.startswith(FLK_URL) else FLK_URL


def _front_matter_meta(parsed: ParsedLaw) -> dict:
    """Metadata of a law content/laws does not have yet, from the text's front matter."""
    fm = parsed.metadata
    title = parsed.title or ""
    status = {"有效": "现行有效", "失效": "已废止", "废止": "已废止"}.get(fm.get("status"))
    return {
        "short_title": title.removeprefix("中华人民共和国") or None,
        "kind": fm.get("type"), "issuer": fm.get("office"),
        "version": parsed.history[-1] if parsed.history else None,
        "version_date": str(fm["publish"])[:10] if fm.get("publish") else None,
        "effective_date": str(fm["effective_date"])[:10] if fm.get("effective_date") else None,
        "status": status, "replaced_by": None,
    }


def default_meta(law_id: str, parsed: ParsedLaw) -> dict:
    """Metadata for a new law file, from the text's front matter (an existing file's metadata
    is kept when the law is imported again: write_law_file)."""
    return {"id": law_id, "title": parsed.title, **_front_matter_meta(parsed),
            "source_url": _source_url(parsed), "history": list(parsed.history)}


# --------------------------------------------------------------------------------------
# YAML reading and writing
# --------------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """Safe loader that keeps dates as strings and only true/false as booleans."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers
          if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _ch in "tTfF":
    _Loader.yaml_implicit_resolvers.setdefault(_ch, []).append(
        ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")))


def load_yaml(path: Path):
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)


DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _scalar(value) -> str:
    """One YAML scalar on one line, quoted only where YAML needs it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and DATE_RE.match(value):
        return value
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10**6)
    return dumped.removesuffix("\n...\n").strip()


def _block(key: str, text: str, indent: str) -> list[str]:
    body = [f"{indent}  {line}" for line in text.split("\n")]
    return [f"{indent}{key}: |-", *body]


def _article_yaml(article: Article, notes: dict) -> list[str]:
    out = [f"  - number: {article.number}",
           f"    chapter: {_scalar(article.chapter)}",
           f"    section: {_scalar(article.section)}",
           *_block("text", article.text, "    ")]
    if notes.get("summary"):
        out.append(f"    summary: {_scalar(notes['summary'])}")
    if notes.get("tags"):
        out.append(f"    tags: [{', '.join(_scalar(t) for t in notes['tags'])}]")
    return out


def law_yaml(parsed: ParsedLaw, meta: dict, numbers=None, notes: dict | None = None) -> str:
    """Write a content/laws/<id>.yml text.

    meta: the law metadata (META_KEYS); numbers: article numbers to include (None = all);
    notes: {number: {"summary": ..., "tags": [...]}} kept from an existing file.
    """
    notes = notes or {}
    wanted = set(parsed.numbers() if numbers is None else numbers)
    out = [f"{key}: {_scalar(meta.get(key))}" for key in META_KEYS if key != "history"]
    history = meta.get("history") or []
    out += ["history:", *(f"  - {_scalar(h)}" for h in history)] if history else ["history: []"]
    articles = sorted((a for a in parsed.articles if a.number in wanted), key=lambda a: a.number)
    out.append("articles:" if articles else "articles: []")
    for article in articles:
        out += _article_yaml(article, notes.get(article.number, {}))
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------
# Import (command line and cited articles)
# --------------------------------------------------------------------------------------


def _labels(numbers) -> str:
    """[3, 21] → 第三条、第二十一条"""
    return "、".join(article_label(n) for n in numbers)


def parse_numbers(spec: str) -> list[int]:
    """'3,4,20-28' → [3, 4, 20, …, 28]."""
    numbers: list[int] = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        low, _, high = part.partition("-")
        if not low.isdigit() or (high and not high.isdigit()):
            raise ValueError(f"无法识别的条文范围：{part}")
        numbers += range(int(low), int(high or low) + 1)
    return sorted(set(numbers))


def read_law(path: Path) -> ParsedLaw:
    return parse_law_text(Path(path).read_text(encoding="utf-8"), Path(path).name)


def print_problems(parsed: ParsedLaw, shown_name: str, stream=None) -> None:
    stream = stream or sys.stderr
    for problem in parsed.problems:
        print(f"{shown_name}:{problem.line}: {problem.message}", file=stream)


def write_law_file(out: Path, law_id: str, parsed: ParsedLaw, numbers, merge: bool) -> list[int]:
    """Write (or merge into) a law file; return the article numbers that were new."""
    meta, notes, existing = default_meta(law_id, parsed), {}, []
    data = (load_yaml(out) or {}) if out.exists() else {}
    if data.get("id") not in (None, law_id):
        raise ValueError(f"{out} 的 id 是 {data.get('id')}，与 --id {law_id} 不一致")
    meta.update({k: v for k, v in data.items() if k in META_KEYS})  # content's metadata wins
    if merge:
        for item in data.get("articles") or []:
            existing.append(item["number"])
            notes[item["number"]] = {k: item.get(k) for k in ("summary", "tags")}
    wanted = sorted(set(existing) | set(parsed.numbers() if numbers is None else numbers))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(law_yaml(parsed, meta, wanted, notes), encoding="utf-8")
    return [n for n in wanted if n not in existing]


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The import-law arguments, shared by scripts/import_law.py and `yingji import-law`."""
    parser.add_argument("file", help="法律文本文件（.md）")
    parser.add_argument("--id", required=True, help="法律 id，例如 anquan-shengchan-fa")
    parser.add_argument("--articles", help="只导入这些条，例如 3,4,20-28（默认全部）")
    parser.add_argument("--out", help="输出文件（默认 content/laws/<id>.yml）")
    parser.add_argument("--merge", action="store_true",
                        help="合并到已有文件：保留已有条文及其 summary/tags（已有文件的元数据总会保留）")
    return parser


DESCRIPTION = "把官方法律文本（国家法律法规数据库格式）导入为 content/laws/<id>.yml"


def main(argv: list[str] | None = None) -> int:
    from ..cliparse import ChineseParser, localize

    parser = localize(add_arguments(ChineseParser(prog="import_law", description=DESCRIPTION)), {})
    return run(parser.parse_args(argv))


def run(args: argparse.Namespace) -> int:
    if not ID_RE.match(args.id):
        print(f"法律 id 不合规：{args.id}（只能用小写字母、数字和“-”）", file=sys.stderr)
        return 2
    try:
        parsed = read_law(Path(args.file))
    except (OSError, UnicodeDecodeError) as error:
        print(f"{args.file}: 无法读取文件：{error}", file=sys.stderr)
        return 1
    print_problems(parsed, args.file)
    if not parsed.articles:
        return 1
    try:
        numbers = parse_numbers(args.articles) if args.articles else None
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return 2
    missing = [n for n in numbers or [] if parsed.article(n) is None]
    if missing:
        print(f"{args.file}: 文本中没有{_labels(missing)}", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else getattr(args, "root", Path(".")) / "content" / "laws" / f"{args.id}.yml"
    try:
        added = write_law_file(out, args.id, parsed, numbers, args.merge)
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return 2
    print(f"已写入 {out}：新增 {len(added)} 条")
    return 0


def cited_articles(roots: list[Path]) -> dict[str, set[int]]:
    """Article ids (<law-id>#a<N>) cited in every *.yml below the given folders."""
    cited: dict[str, set[int]] = {}
    for root in roots:
        for path in sorted(Path(root).rglob("*.yml")):
            for law_id, number in ARTICLE_ID_RE.findall(path.read_text(encoding="utf-8")):
                cited.setdefault(law_id, set()).add(int(number))
    return cited


def _existing_numbers(path: Path) -> set[int]:
    if not path.exists():
        return set()
    return {a["number"] for a in (load_yaml(path) or {}).get("articles") or []}


def add_cited_articles(repo: Path, refdir: Path, stream=None) -> dict[str, list[int]]:
    """Import every cited article that content/laws does not hold yet; return what was added."""
    stream = stream or sys.stdout
    added: dict[str, list[int]] = {}
    for law_id, numbers in sorted(cited_articles([repo / "content", repo / "quizzes"]).items()):
        out = repo / "content" / "laws" / f"{law_id}.yml"
        missing = sorted(numbers - _existing_numbers(out))
        if not missing:
            continue
        law = known_laws(repo).get(law_id)
        if law is None:
            print(f"未知的法律 id：{law_id}（被引用的{_labels(missing)}；先用 yingji import-law 导入这部法律），已跳过", file=sys.stderr)
            continue
        parsed = read_law(refdir / law.file)
        absent = [n for n in missing if parsed.article(n) is None]
        if absent:
            print(f"{law.file}: 原文中没有被引用的{_labels(absent)}，已跳过", file=sys.stderr)
        present = [n for n in missing if n not in absent]
        if present:
            added[law_id] = write_law_file(out, law_id, parsed, present, merge=True)
            print(f"{law_id}：已添加{_labels(added[law_id])}", file=stream)
    return added


def add_cited_main(argv: list[str] | None = None) -> int:
    repo = Path(argv[0]) if argv else Path(__file__).resolve().parents[2]
    refdir = reference_dir(repo)
    if not refdir.is_dir():
        print(f"找不到法律原文目录：{refdir}（可用环境变量 YINGJI_REFERENCE_LAWS 指定）", file=sys.stderr)
        return 1
    if not add_cited_articles(repo, refdir):
        print("没有需要补充的条文")
    return 0
