"""Regenerate README.md from nbs/index.ipynb without Quarto. This is the project's one README generator: nbdev-readme
needs Quarto and would render a different file, so pyproject.toml switches it off (readme_nb); CI checks the result."""
import json, re, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def cell_text(cell):
    src = ''.join(cell['source'])
    return '\n'.join(l for l in src.splitlines() if not l.startswith('#|'))

def convert(nb_path:Path)->str:
    nb = json.loads(nb_path.read_text())
    out = []
    for cell in nb['cells']:
        src = ''.join(cell['source'])
        if re.search(r'^#\|\s*hide\s*$', src, re.M): continue
        if cell['cell_type'] == 'markdown':
            text = cell_text(cell).strip()
            m = re.match(r'^# (.+?)\n+> (.+?)(\n|$)', text)
            if m and not out:   # the title cell: heading + subtitle quote (front matter lines dropped)
                text = f'# {m.group(1)}\n\n> {m.group(2)}'
            text = '\n'.join(l for l in text.splitlines() if not re.match(r'^- (order|skip_\w+): ', l)).strip()
            if text: out.append(text)
        elif cell['cell_type'] == 'code':
            echo = not re.search(r'^#\|\s*echo:\s*false', src, re.M)
            code = cell_text(cell).strip()
            if echo and code: out.append(f'```python\n{code}\n```')
            for o in cell.get('outputs', []):
                data = o.get('data', {})
                if 'text/markdown' in data: out.append(''.join(data['text/markdown']).strip())
                elif 'text/plain' in data: out.append('```\n' + ''.join(data['text/plain']).strip() + '\n```')
                elif o.get('output_type') == 'stream': out.append('```\n' + ''.join(o['text']).strip() + '\n```')
    return '\n\n'.join(out) + '\n'

if __name__ == '__main__':
    text = convert(root/'nbs'/'index.ipynb')
    (root/'README.md').write_text(text)
    print('wrote README.md', file=sys.stderr)
