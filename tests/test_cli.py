"The `lxbook` console script as a user runs it: real processes, real exit codes, pipes and Ctrl-C."
import json, signal, subprocess, sys
import lxbook

CODE = 'import sys; from lxbook.cli import main; sys.exit(main())'   # what the `lxbook` console script runs

def lx(*args, **kw):
    "Run `lxbook ARGS` in a fresh interpreter."
    return subprocess.run([sys.executable, '-c', CODE, *args], capture_output=True, text=True, timeout=300, **kw)

def lx_many(*argvs):
    "Several `lxbook` command lines in one interpreter (torch is imported once): [(exit status, stdout, stderr)]."
    code = ('import contextlib, io, json, sys; from lxbook.cli import main\nres = []\n'
            f'for argv in {list(map(list, argvs))!r}:\n'
            '    o, e = io.StringIO(), io.StringIO()\n'
            '    with contextlib.redirect_stdout(o), contextlib.redirect_stderr(e): rc = main(argv)\n'
            '    res.append((rc, o.getvalue(), e.getvalue()))\n'
            'print(json.dumps(res))')
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.splitlines()[-1])

def test_version():
    r = lx('--version')
    assert r.returncode == 0 and r.stdout.strip() == f'lxbook {lxbook.__version__}'

def test_list_names_every_post_with_its_docs_page():
    r = lx('list')
    assert r.returncode == 0, r.stderr
    for slug, page in [('hubness', 'hubness'), ('position_robustness', 'position_robustness'), ('tvd', 'tvd'),
                       ('rope_bias', 'rope_bias'), ('global_extrapolation', 'global_extrapolation'), ('emo', 'emo'),
                       ('keynorm', 'keynorm'), ('attention_rnn', 'attention_rnn')]:
        assert slug in r.stdout and f'https://lxbook.github.io/lxbook/{page}.html' in r.stdout
    assert 'benchmarks (lxbook bench NAME): ' in r.stdout and 'status from ' in r.stdout

def test_bad_input_exits_2_and_lists_valid_names():
    (rc1, _, err1), (rc2, _, err2) = lx_many(['run', 'alibi'], ['frobnicate'])
    assert rc1 == 2 and "'alibi' is not a post" in err1 and 'runnable names' in err1
    assert rc2 == 2 and 'valid commands' in err2

def test_report_is_a_markdown_table_and_names_its_source():
    r = lx('report')
    assert r.returncode == 0 and r.stdout.startswith('| post | notebook | claim | verdict |')
    assert 'Source: ' in r.stdout and '(the source checkout)' in r.stdout

def test_every_help_names_the_locations_and_variables():
    res = lx_many(['--help'], *[[cmd, '--help'] for cmd in ('list', 'run', 'report', 'bench', 'evidence')])
    for rc, out, _ in res:
        assert rc == 0
        for var in ('LXBOOK_RESULTS', 'LXBOOK_CACHE', 'XDG_CACHE_HOME', 'LXBOOK_DEVICE', 'LXBOOK_FULL', 'quick results'):
            assert var in out, (var, out[:80])
        assert not out.rstrip().endswith(lxbook.__version__)        # no stray version line after every help
    bench = res[4][1]
    assert 'benchmarks: all, ' in bench and 'harness' in bench and 'tvd' in bench

def test_report_survives_unreadable_files(tmp_path):
    (tmp_path/'16_keynorm.json').write_text('{"notebook": ')
    (tmp_path/'bench-cpu.json').write_text('{}')
    r = lx('report', '--results', str(tmp_path))
    assert r.returncode == 1 and r.stdout.startswith('| post |') and 'Traceback' not in r.stderr
    assert r.stderr.splitlines() == [l for l in r.stderr.splitlines() if l.startswith('lxbook report: ')]
    assert '16_keynorm.json: not valid JSON' in r.stderr and 'bench-cpu.json: not a bench file' in r.stderr

def test_closed_pipe_ends_quietly():
    # the reader is gone before the first line is written, as with `lxbook list | head -1` after its line
    p = subprocess.Popen([sys.executable, '-c', CODE, 'list'], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    p.stdout.close()
    err = p.stderr.read(); rc = p.wait(timeout=300)
    assert err == '' and rc == 141, (rc, err)

def test_ctrl_c_ends_with_one_line_and_130():
    p = subprocess.Popen([sys.executable, '-c', CODE, 'run', 'tvd'], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in p.stdout:                                        # wait until the run itself has started
        if 'run tvd (quick)' in line: break
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=300)
    assert p.returncode == 130 and len(err.strip().splitlines()) == 1 and err.startswith('lxbook run: interrupted'), err
