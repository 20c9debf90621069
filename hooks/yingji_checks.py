"""mkdocs hook (mkdocs.yml `hooks:`): stop the build when Chinese search would not work.

Material's search plugin quietly skips Chinese segmentation when jieba cannot be imported;
the site then builds fine and every Chinese query finds nothing. This hook turns that into a
build error with a Chinese message, also for a plain `mkdocs build`. It also resolves the
jieba user dictionary relative to mkdocs.yml (the plugin resolves it against the current
folder), and patches the search worker so a query matches whole indexed words (see
yingji/site/search.py). Zensical ignores hooks; its own search does no Chinese segmentation.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from yingji.site.search import SearchUnavailable, check_jieba, check_user_dict, patch_search_worker

log = logging.getLogger("mkdocs.hooks.yingji")


def _search_config(config):
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    return plugin.config if plugin is not None else None


@event_priority(100)  # before the search plugin reads its options
def on_config(config):
    try:
        check_jieba()
    except SearchUnavailable as err:
        raise PluginError(str(err)) from None
    search = _search_config(config)
    if search is not None and search.jieba_dict_user:
        path = Path(search.jieba_dict_user)
        if not path.is_absolute():
            search.jieba_dict_user = str(Path(config.config_file_path).parent / path)
    return config


def on_pre_build(config):
    search = _search_config(config)
    if search is None or not search.jieba_dict_user:
        return
    try:
        check_user_dict(Path(search.jieba_dict_user))
    except SearchUnavailable as err:
        raise PluginError(str(err)) from None


def on_post_build(config):
    if not patch_search_worker(Path(config.site_dir)):
        log.info("yingji: 搜索脚本与预期不同，未修补中文分词（请以浏览器搜索测试结果为准）")
