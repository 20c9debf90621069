"""Chinese search: the jieba user dictionary, and a check that jieba really works.

Material's search plugin cuts Chinese text with jieba while it builds the index. Without
jieba the build still succeeds and every Chinese query finds nothing, so the build checks
jieba first and stops with a clear message. The user dictionary (glossary terms, aliases,
unit names) keeps 三管三必须, 双重预防, 一单四制 … whole, so they can be found as words.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..content.knowledge import Knowledge

USER_DICT = ".jieba-userdict.txt"  # in docs/ (a dotfile: not copied into the site)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,}")


class SearchUnavailable(Exception):
    """jieba is missing or does not segment; the message says what to do, in Chinese."""


def dictionary_words(knowledge: Knowledge) -> list[str]:
    """Every run of two or more Chinese characters in a term, alias or unit name.

    The search plugin only segments runs of Chinese characters, so `12350安全生产举报投诉电话`
    contributes `安全生产举报投诉电话` and `1+N+X` contributes nothing (it is no Chinese).
    """
    names: list[str] = []
    for term in knowledge.terms.values():
        names += [term.term, *term.aliases]
    for unit in knowledge.units.values():
        names += [unit.name, unit.full_name, *unit.aliases]
    names += _extra_names(knowledge)
    words = {run for name in names for run in _HAN.findall(name)}
    # Keep the short form only: with 应急管理局 in the dictionary, jieba cuts 县应急管理局 into
    # 县 + 应急管理局, so the page titled 县应急管理局 is found by 应急管理局 (search matches
    # word beginnings, and a whole 县应急管理局 would not begin with 应急管理局).
    return sorted(w for w in words if not any(w[i:] in words for i in range(1, len(w) - 1)))


def _extra_names(knowledge: Knowledge) -> list[str]:
    """Township and village names, once the content has them (一村一案 content issue)."""
    names: list[str] = []
    for attribute in ("townships", "villages"):
        for entity in (getattr(knowledge, attribute, None) or {}).values():
            name = getattr(entity, "name", None)
            if isinstance(name, str):
                names.append(name)
    return names


def user_dictionary(knowledge: Knowledge) -> str:
    """jieba's user dictionary format: one word per line (frequency left to jieba)."""
    return "".join(f"{word}\n" for word in dictionary_words(knowledge))


def import_jieba():
    """jieba, or SearchUnavailable with what to do about it."""
    try:
        import jieba
    except Exception as err:  # ImportError, or pkg_resources missing inside jieba
        raise SearchUnavailable(
            "中文搜索需要 jieba，但无法导入（"
            f"{type(err).__name__}: {err}）。没有它网站照样能生成，但所有中文搜索都会一无所获，"
            "所以停止生成。请运行 make setup（会安装 requirements.txt 中固定版本的 jieba 和 setuptools<81）。"
        ) from err
    jieba.setLogLevel(60)  # its start-up chatter is no news for county staff
    return jieba


# Material's query segmentation (search worker, function `segment`) tries every slice of a
# Chinese query against the index except those that reach its last character, so 应急管理局
# is searched as 应急* 管理* even when 应急管理局 is an indexed word. One character fixes it.
WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
_SEGMENT_BUG = "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e"
_SEGMENT_FIX = "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"


def patch_search_worker(site_dir: Path) -> list[Path]:
    """Let whole-word queries match whole indexed words; returns the files patched (none if
    Material changed its code: the browser search tests then tell whether it still works)."""
    patched = []
    for worker in sorted(site_dir.glob(WORKER_GLOB)):
        code = worker.read_text("utf-8")
        if code.count(_SEGMENT_BUG) == 1:
            worker.write_text(code.replace(_SEGMENT_BUG, _SEGMENT_FIX), "utf-8")
            patched.append(worker)
    return patched


def check_jieba() -> None:
    """Raise SearchUnavailable unless jieba imports and segments Chinese text."""
    jieba = import_jieba()
    try:
        words = list(jieba.cut("应急管理"))
    except Exception as err:  # noqa: BLE001 - any failure here means no Chinese search
        raise SearchUnavailable(f"jieba 已安装但无法分词（{type(err).__name__}: {err}），中文搜索将不可用。请运行 make setup 重新安装。") from err
    if not words:
        raise SearchUnavailable("jieba 已安装但分词结果为空，中文搜索将不可用。请运行 make setup 重新安装。")


def check_user_dict(user_dict: Path) -> None:
    """Raise SearchUnavailable unless the (already loaded) user dictionary keeps its words whole."""
    jieba = import_jieba()
    if not user_dict.is_file():
        raise SearchUnavailable(f"找不到 jieba 用户词典 {user_dict}：请先运行 yingji build 生成网站页面。")
    lines = [line.split()[0] for line in user_dict.read_text("utf-8").splitlines() if line.strip()]
    if not lines:
        return
    probe = max(lines, key=len)  # the longest word is the one most likely to be cut
    if probe not in jieba.lcut(f"关于{probe}的规定"):
        raise SearchUnavailable(f"jieba 用户词典 {user_dict} 没有生效（“{probe}”被切开了），中文术语将搜不到。")
