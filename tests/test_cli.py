"The `lxbook` console script as a user runs it: real processes, real exit codes."
import subprocess, sys
import lxbook

def lx(*args):
    # the same function the `lxbook` console script calls, in a fresh interpreter
    code = 'import sys; from lxbook.cli import main; sys.exit(main())'
    return subprocess.run([sys.executable, '-c', code, *args], capture_output=True, text=True, timeout=300)

def test_version():
    r = lx('--version')
    assert r.returncode == 0 and r.stdout.strip() == f'lxbook {lxbook.__version__}'

def test_list_names_every_post():
    r = lx('list')
    assert r.returncode == 0, r.stderr
    for slug in ('hubness', 'position_robustness', 'tvd', 'rope_bias', 'global_extrapolation', 'emo', 'keynorm', 'attention_rnn'):
        assert slug in r.stdout

def test_unknown_name_exits_2_and_lists_valid_names():
    r = lx('run', 'alibi')
    assert r.returncode == 2
    assert "'alibi' is not a post" in r.stderr and 'runnable names' in r.stderr

def test_unknown_command_exits_2():
    r = lx('frobnicate')
    assert r.returncode == 2 and 'valid commands' in r.stderr

def test_report_is_a_markdown_table():
    r = lx('report')
    assert r.returncode == 0 and r.stdout.startswith('| post | notebook | claim | verdict |')
