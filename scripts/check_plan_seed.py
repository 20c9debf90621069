#!/usr/bin/env python3
"""Self-check: content/plan.yml + content/units.yml against the seed plan document.

Usage: python scripts/check_plan_seed.py [SEED_TXT] [-v]

Checks
  (a) both files load; exact key sets; id formats; enumerations; dates
  (b) 21 tasks numbered 1-21 with ids t01-t21; sections s1-s5 (重点任务) + s6 (保障措施)
  (c) every name in every units_text resolves to exactly one unit (name/alias),
      and the task's `units` list matches the units_text (same units, same order, roles)
  (d) coverage: every seed sentence (split on 。；) occurs in the YAML text after
      normalising punctuation and whitespace; each task paragraph round-trips exactly
Exit status 0 when clean, 1 otherwise.
"""
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = ROOT.parent / 'shared' / 'seed' / '000_be6b4edaa92b7a9f.txt'

ID_RE = re.compile(r'^[a-z0-9][a-z0-9-]*$')
DATE_RE = re.compile(r'^\d{4}-\d{2}-\d{2}$')
COMPARATORS = {'>', '>=', '=', '<', '<=', None}
ROLES = {'牵头', '负责', '参与'}
KINDS = {'人民政府', '党委部门', '政府部门', '议事协调机构', '人大', '纪检监察', '事业单位', '垂直管理', '乡镇', '园区', '统称'}

PLAN_KEYS = {'id', 'title', 'doc_number', 'document_header', 'issuers', 'year', 'issued_date',
             'notice_title', 'recipients', 'notice_text', 'preamble', 'guiding_ideology', 'goals', 'sections'}
GOALS_KEYS = {'target_year', 'text', 'indicators'}
IND_KEYS = {'id', 'name', 'comparator', 'value', 'unit', 'target', 'deadline', 'tasks'}
SEC_KEYS = {'id', 'part', 'number', 'title', 'tasks'}
TASK_KEYS = {'id', 'number', 'title', 'text', 'units_text', 'units', 'deadline_text', 'deadline', 'targets', 'status'}
TARGET_KEYS = {'id', 'text', 'comparator', 'value', 'unit', 'deadline'}
UNIT_KEYS = {'id', 'name', 'full_name', 'aliases', 'kind', 'note'}
DEADLINES = {'长期坚持': (None, True), '2023年年底': ('2023-12-31', False),
             '2024年年底': ('2024-12-31', False), '2023年年底并长期坚持': ('2023-12-31', True)}

errors = []


def err(msg):
    errors.append(msg)


class StrDateLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings (as the project loader does)."""


StrDateLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != 'tag:yaml.org,2002:timestamp']
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def load(path):
    with open(path, encoding='utf-8') as f:
        return yaml.load(f, Loader=StrDateLoader)


def norm(s):
    """Normalise extract artefacts: half-width punctuation, <街道>/〈街道〉, whitespace."""
    s = s.replace('<街道>', '（街道）').replace('〈街道〉', '（街道）')
    s = s.replace('<', '（').replace('>', '）').replace('〈', '（').replace('〉', '）')
    s = s.replace('(', '（').replace(')', '）').replace(',', '，').replace(':', '：').replace(';', '；')
    return re.sub(r'\s+', '', s)


def keys(obj, expected, where, optional=frozenset()):
    if not isinstance(obj, dict):
        err(f'{where}: not a mapping')
        return False
    got = set(obj) - (set(obj) & optional)
    if got != expected:
        missing, extra = expected - got, got - expected
        err(f'{where}: keys missing {sorted(missing)} extra {sorted(extra)}')
    return True


def check_basis(task, where):
    """basis (the laws a task applies) only where the seed's task text names the law."""
    for ref in task.get('basis') or []:
        law_id = ref.split('#')[0]
        path = ROOT / 'content' / 'laws' / f'{law_id}.yml'
        short = load(path).get('short_title') if path.exists() else None
        if not short or f'《{short}》' not in (task.get('text') or '') + ''.join(
                g.get('text', '') for g in task.get('targets') or []):
            if '#' not in ref:  # an article may rest on the text's words rather than the law's name
                err(f'{where}: basis {ref} is not named in the task text')


def check_date(v, where, nullable=True):
    if v is None and nullable:
        return
    if not (isinstance(v, str) and DATE_RE.match(v)):
        err(f'{where}: bad date {v!r}')


# ---------------------------------------------------------------- seed
def seed_paragraphs(raw, joins=None):
    """Paragraphs of the seed with page breaks joined (a paragraph that has a 。 but does not
    end with 。 or ） continues on the next page)."""
    paras = [p for p in re.split(r'\n\s*\n', raw) if p.strip()]
    paras = [''.join(line.strip() for line in p.split('\n')) for p in paras]
    out = []
    for p in paras:
        if out and '。' in out[-1] and not re.search(r'[。）]$', norm(out[-1])):
            if joins is not None:
                joins.append((norm(out[-1])[-8:], norm(p)[:8]))
            out[-1] = out[-1] + p
        else:
            out.append(p)
    return [norm(p) for p in out]


ENUM_RE = re.compile(r'^(?:\d+\.|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)')


def fragments(paragraph):
    for frag in re.split(r'[。；]', paragraph):
        frag = ENUM_RE.sub('', frag).rstrip('：')
        # drop an unbalanced bracket left over from splitting （责任单位：…。完成时间：…）
        if frag.count('（') > frag.count('）') and frag.startswith('（'):
            frag = frag[1:]
        if frag.count('）') > frag.count('（') and frag.endswith('）'):
            frag = frag[:-1]
        if re.sub(r'[\W_]', '', frag):
            yield frag


def strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from strings(v)


# ---------------------------------------------------------------- main
def main():
    args = [a for a in sys.argv[1:] if not a.startswith('-')]
    verbose = '-v' in sys.argv
    seed_path = Path(args[0]) if args else DEFAULT_SEED
    plan = load(ROOT / 'content' / 'plan.yml')
    units_doc = load(ROOT / 'content' / 'units.yml')

    # (a) plan structure
    keys(plan, PLAN_KEYS, 'plan')
    if not ID_RE.match(str(plan.get('id', ''))):
        err('plan.id bad')
    check_date(plan.get('issued_date'), 'plan.issued_date')
    goals = plan.get('goals') or {}
    keys(goals, GOALS_KEYS, 'goals')
    all_ids = [plan.get('id')]
    task_ids = {f't{n:02d}' for n in range(1, 22)}
    for i, ind in enumerate(goals.get('indicators') or []):
        w = f"indicator {ind.get('id', i)}"
        keys(ind, IND_KEYS, w)
        all_ids.append(ind.get('id'))
        if ind.get('comparator') not in COMPARATORS:
            err(f'{w}: comparator {ind.get("comparator")!r}')
        if ind.get('value') is not None and not isinstance(ind.get('value'), (int, float)):
            err(f'{w}: value not a number')
        check_date(ind.get('deadline'), w)
        for t in ind.get('tasks') or []:
            if t not in task_ids:
                err(f'{w}: unknown task {t}')
        if not ind.get('target') or norm(ind['target']) not in norm(goals.get('text', '')):
            err(f'{w}: target wording not found in goals.text')

    # units
    units = units_doc.get('units') if isinstance(units_doc, dict) else None
    if not isinstance(units_doc, dict) or set(units_doc) != {'units'} or not isinstance(units, list):
        err('units.yml: top level must be {units: [...]}')
        units = units or []
    by_name = {}
    unit_ids = set()
    for u in units:
        w = f"unit {u.get('id')}"
        keys(u, UNIT_KEYS, w)
        if not ID_RE.match(str(u.get('id', ''))):
            err(f'{w}: bad id')
        if u.get('id') in unit_ids:
            err(f'{w}: duplicate id')
        unit_ids.add(u.get('id'))
        all_ids.append(u.get('id'))
        if u.get('kind') not in KINDS:
            err(f'{w}: kind {u.get("kind")!r}')
        if (u.get('full_name') == u.get('name') and u.get('kind') != '统称' and not u.get('note')
                and not str(u.get('name')).startswith(('平江县', '岳阳市', '中共'))):
            err(f'{w}: full_name equals name but no note')
        for n in {u.get('name')} | set(u.get('aliases') or []):
            by_name.setdefault(n, set()).add(u.get('id'))
    for n, ids in by_name.items():
        if len(ids) > 1:
            err(f'unit name/alias {n!r} is ambiguous: {sorted(ids)}')

    # (b) sections and tasks
    sections = plan.get('sections') or []
    if [s.get('id') for s in sections] != ['s1', 's2', 's3', 's4', 's5', 's6']:
        err(f'section ids {[s.get("id") for s in sections]}')
    if [s.get('part') for s in sections] != ['重点任务'] * 5 + ['保障措施']:
        err('section parts must be 5 x 重点任务 + 1 x 保障措施')
    if [s.get('number') for s in sections] != ['一', '二', '三', '四', '五', None]:
        err('section numbers must be 一…五, null')
    tasks = []
    for s in sections:
        keys(s, SEC_KEYS, f"section {s.get('id')}")
        all_ids.append(s.get('id'))
        tasks.extend(s.get('tasks') or [])
    if [t.get('number') for t in tasks] != list(range(1, 22)):
        err(f'task numbers {[t.get("number") for t in tasks]}')
    if [t.get('id') for t in tasks] != [f't{n:02d}' for n in range(1, 22)]:
        err('task ids must be t01…t21 in order')

    # (c) units_text resolution
    unresolved = []
    for t in tasks:
        w = f"task {t.get('id')}"
        keys(t, TASK_KEYS, w, optional=frozenset({'basis'}))
        check_basis(t, w)
        all_ids.append(t.get('id'))
        expected = []
        for name in re.split(r'[，、及]', t.get('units_text') or ''):
            role = '负责'
            if name.endswith('牵头'):
                name, role = name[:-2], '牵头'
            elif name.endswith('负责'):
                name = name[:-2]
            ids = by_name.get(name, set())
            if len(ids) != 1:
                unresolved.append(f'{t.get("id")}: {name!r} -> {sorted(ids)}')
                continue
            expected.append({'unit': next(iter(ids)), 'role': role})
        got = t.get('units') or []
        for u in got:
            if u.get('role') not in ROLES or u.get('unit') not in unit_ids:
                err(f'{w}: bad unit entry {u}')
        if got != expected:
            err(f'{w}: units {got} != units_text {expected}')
        dl = t.get('deadline') or {}
        if DEADLINES.get(t.get('deadline_text')) != (dl.get('date'), dl.get('ongoing')):
            err(f'{w}: deadline {dl} does not match deadline_text {t.get("deadline_text")!r}')
        if '责任单位' in (t.get('text') or '') or '完成时间' in (t.get('text') or ''):
            err(f'{w}: text still contains the 责任单位 parenthetical')
        if t.get('status') != []:
            err(f'{w}: status must be []')
        for g in t.get('targets') or []:
            keys(g, TARGET_KEYS, f'{w} target {g.get("id")}')
            all_ids.append(g.get('id'))
            if not str(g.get('id', '')).startswith(f'{t.get("id")}-'):
                err(f'{w}: target id {g.get("id")}')
            if g.get('comparator') not in COMPARATORS:
                err(f'{w}: target comparator {g.get("comparator")!r}')
            check_date(g.get('deadline'), f'{w} target')
            if norm(g.get('text', '')) not in norm(t.get('title', '') + '。' + t.get('text', '')):
                err(f'{w}: target text not verbatim from the task: {g.get("text")}')
    for u in unresolved:
        err(f'unresolved unit name: {u}')

    ids = [i for i in all_ids if i is not None]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        err(f'duplicate ids: {sorted(dup)}')
    for i in ids:
        if not ID_RE.match(str(i)):
            err(f'bad id {i!r}')

    # half-width punctuation left in Chinese text fields
    for s in strings(plan):
        if re.search(r'[(),:;<>〈〉]', s) and not re.fullmatch(r'[<>=]+', s):
            err(f'half-width punctuation in text: {s[:40]}…')

    # (d) coverage
    raw = seed_path.read_text(encoding='utf-8')
    joins = []
    paras = seed_paragraphs(raw, joins)
    corpus_parts = list(strings(plan))
    if plan.get('guiding_ideology'):
        corpus_parts.append('指导思想')
    if goals.get('text'):
        corpus_parts.append('总体目标')
    for t in tasks:
        corpus_parts.append('责任单位：' + (t.get('units_text') or ''))
        corpus_parts.append('完成时间：' + (t.get('deadline_text') or ''))
    corpus = '\n'.join(norm(p) for p in corpus_parts)
    missing = [f for p in paras for f in fragments(p) if f not in corpus]
    for f in missing:
        err(f'seed sentence not in YAML: {f}')
    n_frag = sum(1 for p in paras for f in fragments(p))

    # exact round trip of every task paragraph (checks the page-break joins)
    seed_tasks = {int(m.group(1)): p for p in paras for m in [re.match(r'^(\d+)\.', p)] if m}
    for t in tasks:
        rebuilt = norm(f"{t.get('number')}.{t.get('title')}。{t.get('text')}"
                       f"（责任单位：{t.get('units_text')}。完成时间：{t.get('deadline_text')}）")
        original = seed_tasks.get(t.get('number'), '').replace('。）', '）')
        if rebuilt != original:
            k = next((i for i, (a, b) in enumerate(zip(rebuilt, original)) if a != b),
                     min(len(rebuilt), len(original)))
            err(f"task {t.get('id')} does not round-trip at {k}: "
                f"yaml …{rebuilt[max(0, k - 10):k + 10]}… seed …{original[max(0, k - 10):k + 10]}…")
    for field, idx_label in (('goals.text', '二、总体目标'), ('guiding_ideology', '一、指导思想')):
        i = paras.index(idx_label) if idx_label in paras else None
        val = goals.get('text') if field == 'goals.text' else plan.get('guiding_ideology')
        if i is None or norm(val or '') != paras[i + 1]:
            err(f'{field} does not round-trip with the seed paragraph after {idx_label}')

    if verbose:
        print('page-break joins:')
        for a, b in joins:
            print(f'  …{a} | {b}…')
    print(f'tasks: {len(tasks)}  sections: {len(sections)}  units: {len(units)}  '
          f'indicators: {len(goals.get("indicators") or [])}  seed sentences checked: {n_frag}  '
          f'page-break joins: {len(joins)}')
    if errors:
        print(f'{len(errors)} problem(s):')
        for e in errors:
            print('  - ' + e)
        return 1
    print('OK')
    return 0


if __name__ == '__main__':
    sys.exit(main())
