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
# Law table: ids, reference files and metadata
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LawInfo:
    file: str
    short_title: str
    kind: str
    issuer: str
    version: str
    version_date: str
    effective_date: str
    status: str = "现行有效"
    replaced_by: str | None = None


NPC_SC = "全国人民代表大会常务委员会"

LAWS: dict[str, LawInfo] = {
    "anquan-shengchan-fa": LawInfo(
        "中华人民共和国安全生产法.md", "安全生产法", "法律", NPC_SC,
        "2021年6月10日第三次修正", "2021-06-10", "2021-09-01"),
    "xiaofang-fa": LawInfo(
        "中华人民共和国消防法.md", "消防法", "法律", NPC_SC,
        "2021年4月29日第二次修正", "2021-04-29", "2021-04-29"),
    "tufa-shijian-yingdui-fa": LawInfo(
        "中华人民共和国突发事件应对法.md", "突发事件应对法", "法律", NPC_SC,
        "2024年6月28日修订", "2024-06-28", "2024-11-01"),
    "hunan-anquan-shengchan-tiaoli": LawInfo(
        "湖南省安全生产条例.md", "湖南省安全生产条例", "地方性法规", "湖南省人民代表大会常务委员会",
        "2022年7月28日湖南省第十三届人民代表大会常务委员会第三十二次会议通过",
        "2022-07-28", "2022-09-01"),
    "shengchan-anquan-shigu-yingji-tiaoli": LawInfo(
        "生产安全事故应急条例.md", "生产安全事故应急条例", "行政法规", "国务院",
        "2019年2月17日中华人民共和国国务院令第708号公布", "2019-02-17", "2019-04-01"),
    "fanghong-fa": LawInfo(
        "中华人民共和国防洪法.md", "防洪法", "法律", NPC_SC,
        "2016年7月2日第三次修正", "2016-07-02", "2016-07-02"),
    "dizhi-zaihai-fangzhi-tiaoli": LawInfo(
        "地质灾害防治条例.md", "地质灾害防治条例", "行政法规", "国务院",
        "2003年11月24日中华人民共和国国务院令第394号公布", "2003-11-24", "2004-03-01"),
    "senlin-caoyuan-fangmiehuo-tiaoli": LawInfo(
        "森林草原防灭火条例.md", "森林草原防灭火条例", "行政法规", "国务院",
        "2025年11月16日公布", "2025-11-16", "2026-01-01"),
    "senlin-fanghuo-tiaoli": LawInfo(
        "森林防火条例.md", "森林防火条例", "行政法规", "国务院",
        "2008年12月1日中华人民共和国国务院令第541号公布", "2008-12-01", "2009-01-01",
        status="已废止", replaced_by="senlin-caoyuan-fangmiehuo-tiaoli"),
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
    """Fallback metadata for a law that is not in the LAWS table."""
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
    """Metadata for a new law file: the LAWS table, else the front matter."""
    info = LAWS.get(law_id)
    if info:
        fields = {k: getattr(info, k) for k in ("short_title", "kind", "issuer", "version",
                                                 "version_date", "effective_date", "status",
                                                 "replaced_by")}
    else:
        fields = _front_matter_meta(parsed)
    return {"id": law_id, "title": parsed.title, **fields,
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
    if merge and out.exists():
        data = load_yaml(out) or {}
        if data.get("id") not in (None, law_id):
            raise ValueError(f"{out} 的 id 是 {data.get('id')}，与 --id {law_id} 不一致")
        meta.update({k: v for k, v in data.items() if k in META_KEYS})
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
                        help="合并到已有文件：保留已有条文的 summary/tags 和元数据")
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
        if law_id not in LAWS:
            print(f"未知的法律 id：{law_id}（被引用的{_labels(missing)}），已跳过", file=sys.stderr)
            continue
        parsed = read_law(refdir / LAWS[law_id].file)
        absent = [n for n in missing if parsed.article(n) is None]
        if absent:
            print(f"{LAWS[law_id].file}: 原文中没有被引用的{_labels(absent)}，已跳过", file=sys.stderr)
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
