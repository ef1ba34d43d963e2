"""Check the links of the docs pages that `nbdev-proc-nbs` wrote to `_proc/`, and of README.md, without Quarto.

- A relative link or `#anchor` must resolve: the page (`X.ipynb`, or its output file `X.html`) exists and has the
  heading, `{#id}` or `#| label:` the anchor names (ids follow pandoc's auto-identifier rule).
- Links to this project's own docs site (`site-url` in nbs/nbdev.yml) are checked as local pages and anchors, and
  links to files of this repository on GitHub (`Repository` URL, `/blob/<branch>/<path>#Ln`) against the checkout.
- Other http(s) links are never fetched (CI has no network): they only have to be well-formed.
- No page or README may point outside the repository: a `../` path that leaves it, or a `NAME.md` file name that
  the repository does not have.
- Every entry of nbs/sidebar.yml must match a page (an empty glob breaks or blanks a Quarto section), and every
  page must appear in the sidebar.

Usage: `python tools/linkcheck.py` after `nbdev-proc-nbs`; exit status 1 and one line per problem if any."""
import json, re, subprocess, sys, tomllib
from fnmatch import fnmatch
from pathlib import Path
from urllib.parse import urlsplit, unquote

import yaml

root = Path(__file__).resolve().parent.parent
nbs, proc = root/'nbs', root/'_proc'

# ---- text of a page ---------------------------------------------------------------------------------------------
_fence = re.compile(r'^(```|~~~).*?^\1[^\n]*$', re.M | re.S)

def page_parts(nb:dict)->dict:
    "Markdown (cells and Markdown outputs), HTML outputs, code sources and plain outputs of a processed notebook."
    parts = dict(md=[], html=[], code=[], plain=[], labels=[])
    for c in nb['cells']:
        src = ''.join(c['source'])
        if c['cell_type'] == 'markdown': parts['md'].append(src)
        if c['cell_type'] != 'code': continue
        parts['code'].append(src)
        parts['labels'] += re.findall(r'^#\|\s*label:\s*(\S+)', src, re.M)
        for o in c.get('outputs', []):
            d = o.get('data', {})
            if 'text/markdown' in d: parts['md'].append(''.join(d['text/markdown']))
            if 'text/html' in d: parts['html'].append(''.join(d['text/html']))
            if 'text/plain' in d: parts['plain'].append(''.join(d['text/plain']))
            if o.get('output_type') == 'stream': parts['plain'].append(''.join(o['text']))
    return parts

def front_matter(nb:dict)->dict:
    "The YAML front matter nbdev puts in the first raw cell of a processed notebook."
    c = nb['cells'][0] if nb['cells'] else None
    if c and c['cell_type'] == 'raw':
        m = re.match(r'^---\n(.*?)\n---', ''.join(c['source']), re.S)
        if m: return yaml.safe_load(m.group(1)) or {}
    return {}

# ---- anchors ----------------------------------------------------------------------------------------------------
def pandoc_id(text:str)->str:
    "Pandoc's auto identifier of a heading: formatting removed, keep alphanumerics and `_-.`, spaces to '-', lowercase."
    text = re.sub(r'!\[[^\]]*\]\([^)]*\)', '', text)                 # images
    text = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', text)              # links keep their text
    text = re.sub(r'\{[^}]*\}\s*$', '', text).replace('`', '')
    text = re.sub(r'(\*+)(.+?)\1', r'\2', text)                       # emphasis
    text = ''.join(ch for ch in text if ch.isalnum() or ch in '_-. \t\n')
    text = '-'.join(text.split()).lower()
    return re.sub(r'^[^a-z\u00c0-\uffff]+', '', text) or 'section'     # identifiers start with a letter

def gfm_id(text:str)->str:
    "GitHub's heading anchor (README on GitHub): lowercase, punctuation other than '-' and '_' dropped, spaces to '-'."
    text = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', text).replace('`', '').strip().lower()
    return ''.join(ch for ch in text if ch.isalnum() or ch in '-_ ').replace(' ', '-')

def anchors(md:list, html:list, labels:list, idfn=pandoc_id)->set:
    "Every id a page defines: headings (with pandoc's -1, -2 for repeats), `{#id}` attributes, HTML ids, cell labels."
    ids, seen = set(labels), {}
    for text in md:
        text = _fence.sub('', text)
        for h in re.findall(r'^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$', text, re.M):
            explicit = re.search(r'\{[^}]*#([\w:.-]+)[^}]*\}\s*$', h)
            if explicit: ids.add(explicit.group(1)); continue
            i = idfn(h); n = seen.get(i, 0); seen[i] = n + 1
            ids.add(i if n == 0 else f'{i}-{n}')
        ids.update(re.findall(r'\{[^}\n]*#([\w:.-]+)[^}\n]*\}', text))
    for text in md + html: ids.update(re.findall(r'\b(?:id|name)="([^"]+)"', text))
    return ids

# ---- links ------------------------------------------------------------------------------------------------------
def links(md:list, html:list)->list:
    "Link and image targets in Markdown (fenced code skipped) and href/src targets in HTML."
    out = []
    for text in md:
        text = _fence.sub('', text)
        out += re.findall(r'\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)', text)     # [text](target), ![alt](target)
        out += re.findall(r'^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)', text, re.M)  # [ref]: target
        out += re.findall(r'<(https?://[^>\s]+)>', text)                          # <https://...>
    for text in md + html: out += re.findall(r'\b(?:href|src)="([^"]+)"', text)
    return out

# ---- the project ------------------------------------------------------------------------------------------------
def repo_files()->set:
    "Paths tracked by git (plus untracked, not ignored), relative to the root; a plain walk outside git."
    try:
        r = subprocess.run(['git', 'ls-files', '-co', '--exclude-standard'], cwd=root, capture_output=True, text=True, check=True)
        return set(r.stdout.splitlines())
    except (OSError, subprocess.CalledProcessError):
        return {str(p.relative_to(root)) for p in root.rglob('*') if p.is_file() and '.git' not in p.parts}

def site_urls()->tuple:
    "(docs site URL, repository URL, branch) from nbs/nbdev.yml and pyproject.toml, each with a trailing '/'."
    site = yaml.safe_load((nbs/'nbdev.yml').read_text())['website']
    py = tomllib.loads((root/'pyproject.toml').read_text())
    repo = py['project'].get('urls', {}).get('Repository', site.get('repo-url', ''))
    return site['site-url'].rstrip('/') + '/', repo.rstrip('/') + '/', py.get('tool', {}).get('nbdev', {}).get('branch', 'main')

class Checker:
    def __init__(self):
        self.files, self.problems, self.counts = repo_files(), [], dict(internal=0, site=0, repo=0, external=0)
        self.site, self.repo, self.branch = site_urls()
        self.md_names = {Path(f).name for f in self.files if f.endswith('.md')}
        self.pages = {}      # _proc-relative notebook path -> dict(out=output file, parts, ids)
        for p in sorted(proc.rglob('*.ipynb')):
            nb = json.loads(p.read_text())
            rel, parts = p.relative_to(proc).as_posix(), page_parts(nb)
            out = front_matter(nb).get('output-file') or re.sub(r'^\d+[a-zA-Z0-9]*_', '', p.stem.lower()) + '.html'
            out = (Path(rel).parent/out).as_posix()
            self.pages[rel] = dict(out=out, parts=parts, ids=anchors(parts['md'], parts['html'], parts['labels']))
        self.by_out = {v['out']: k for k, v in self.pages.items()}

    def bad(self, where:str, msg:str): self.problems.append(f'{where}: {msg}')

    def check_anchor(self, where, page, anchor, target):
        if anchor and anchor not in self.pages[page]['ids']: self.bad(where, f'{target}: no anchor #{anchor} in {page}')

    def check_page_link(self, where:str, base:Path, target:str):
        "A link from a page in folder `base` (relative to nbs/) or the README (base None)."
        url = urlsplit(target)
        if url.scheme in ('mailto', 'attachment', 'data', 'javascript'): return
        if url.scheme in ('http', 'https'):
            if target.startswith(self.site): return self.check_site(where, target)
            if target.startswith(self.repo): return self.check_repo(where, target)
            self.counts['external'] += 1
            if not url.netloc or ' ' in target: self.bad(where, f'{target}: malformed URL')
            return
        if url.scheme: return self.bad(where, f'{target}: unknown link scheme {url.scheme!r}')
        self.counts['internal'] += 1
        path, anchor = unquote(url.path), url.fragment
        if base is None: return self.check_readme_link(where, path, anchor, target)
        if not path: return self.check_anchor(where, self.current, anchor, target)
        dest = (nbs/base/path).resolve()
        if not dest.is_relative_to(root): return self.bad(where, f'{target}: points outside the repository')
        if not dest.is_relative_to(nbs): return self.bad(where, f'{target}: points outside the docs (nbs/), not served by the site')
        rel = dest.relative_to(nbs).as_posix()
        page = rel if rel in self.pages else self.by_out.get(rel)
        if page: return self.check_anchor(where, page, anchor, target)
        if rel.endswith(('.ipynb', '.html', '.qmd')): return self.bad(where, f'{target}: no such page')
        if not dest.exists(): self.bad(where, f'{target}: no such file')

    def check_site(self, where, target):
        self.counts['site'] += 1
        url = urlsplit(target)
        rel = unquote(url.path)[len(urlsplit(self.site).path):] or 'index.html'
        if rel.endswith('/'): rel += 'index.html'
        rel = rel.removesuffix('.md') if rel.endswith('.html.md') else rel   # nbdev's Markdown copies of the pages
        page = self.by_out.get(rel)
        if page is None: return self.bad(where, f'{target}: no page {rel} on the docs site')
        self.check_anchor(where, page, url.fragment, target)

    def check_repo(self, where, target):
        self.counts['repo'] += 1
        url = urlsplit(target)
        m = re.match(r'(blob|tree|raw)/([^/]+)/(.*)$', unquote(url.path)[len(urlsplit(self.repo).path):])
        if not m: return                                          # issues, pulls, actions: GitHub's own pages
        kind, branch, path = m.groups(); path = path.rstrip('/')
        if branch != self.branch: return self.bad(where, f'{target}: links branch {branch!r}, the docs branch is {self.branch!r}')
        if kind == 'tree':
            if path and not any(f.startswith(path + '/') for f in self.files): self.bad(where, f'{target}: no folder {path} in the repository')
            return
        if path not in self.files: return self.bad(where, f'{target}: no file {path} in the repository')
        line = re.fullmatch(r'L(\d+)(?:-L\d+)?', url.fragment)
        if line and int(line.group(1)) > len((root/path).read_text(errors='replace').splitlines()):
            self.bad(where, f'{target}: {path} has fewer than {line.group(1)} lines')

    def check_readme_link(self, where, path, anchor, target):
        if not path:
            if anchor not in self.readme_ids: self.bad(where, f'{target}: no heading #{anchor} in README.md')
            return
        dest = (root/path).resolve()
        if not dest.is_relative_to(root): return self.bad(where, f'{target}: points outside the repository')
        rel = dest.relative_to(root).as_posix()
        if rel not in self.files and not any(f.startswith(rel + '/') for f in self.files):
            self.bad(where, f'{target}: no such file in the repository')

    def check_references(self, where:str, base:Path, texts:list):
        "No `../` path that leaves the repository and no `NAME.md` the repository does not have, in any text."
        for text in texts:
            text = re.sub(r'https?://\S+', '', text)
            for ref in set(re.findall(r'(?<![\w./-])((?:\.\./)+[\w.-][\w./-]*)', text)):
                dest = (root/base/ref.rstrip('./')).resolve()
                rel = dest.relative_to(root).as_posix() if dest.is_relative_to(root) else None
                if rel is None or not (rel in self.files or any(f.startswith(rel + '/') for f in self.files)):
                    self.bad(where, f'{ref}: refers to a path outside the repository')
            for name in set(re.findall(r'(?<![\w.-])([\w-]+(?:\.[\w-]+)*\.md)\b', text)):
                if name not in self.md_names: self.bad(where, f'{name}: refers to a file the repository does not have')

    def check_pages(self):
        for page, info in self.pages.items():
            self.current, parts = page, info['parts']
            base = Path(page).parent
            for t in links(parts['md'], parts['html']): self.check_page_link(f'_proc/{page}', base, t)
            self.check_references(f'_proc/{page}', Path('nbs')/base, parts['md'] + parts['html'] + parts['code'] + parts['plain'])

    def check_readme(self):
        text = (root/'README.md').read_text()
        self.readme_ids = anchors([text], [], [], idfn=gfm_id)
        for t in links([text], []): self.check_page_link('README.md', None, t)
        self.check_references('README.md', Path('.'), [text])

    def check_sidebar(self):
        "Every sidebar entry names a page or a glob matching at least one; every page is in the sidebar."
        side = yaml.safe_load((nbs/'sidebar.yml').read_text())['website']['sidebar']['contents']
        listed = set()
        def walk(entries, where):
            for e in ([entries] if isinstance(entries, (str, dict)) else entries):
                if isinstance(e, dict):
                    if 'contents' in e: walk(e['contents'], f"{where} > {e.get('section', '?')}")
                    if 'href' in e and not urlsplit(e['href']).scheme: walk([e['href']], where)
                    continue
                hits = {p for p in self.pages if fnmatch(p, e) or self.pages[p]['out'] == e}
                if not hits: self.bad('nbs/sidebar.yml', f'{where}: {e!r} matches no page (an empty section breaks or blanks the Quarto sidebar)')
                listed.update(hits)
        walk(side, 'sidebar')
        for p in sorted(set(self.pages) - listed): self.bad('nbs/sidebar.yml', f'page {p} is in no sidebar entry')

def main()->int:
    if not proc.is_dir() or not any(proc.rglob('*.ipynb')):
        print(f'linkcheck: no processed pages in {proc}; run nbdev-proc-nbs first', file=sys.stderr); return 1
    c = Checker()
    c.check_pages(); c.check_readme(); c.check_sidebar()
    for p in c.problems: print(p)
    n = c.counts
    print(f"linkcheck: {len(c.pages)} pages + README; links: {n['internal']} relative, {n['site']} to the docs site, "
          f"{n['repo']} to the repository, {n['external']} external (not fetched); {len(c.problems)} problems")
    return 1 if c.problems else 0

if __name__ == '__main__': sys.exit(main())
