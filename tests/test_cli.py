"The `lxbook` console script as a user runs it: real processes, real exit codes, pipes and Ctrl-C."
import json, signal, subprocess, sys
import pytest
import lxbook

CODE = 'import sys; from lxbook.cli import main; sys.exit(main())'   # what the `lxbook` console script runs

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

@pytest.fixture(scope='module')
def runs(tmp_path_factory):
    "The in-process command lines below, run once in one fresh interpreter."
    bad = tmp_path_factory.mktemp('results')
    (bad/'16_keynorm.json').write_text('{"notebook": ')
    (bad/'bench-cpu.json').write_text('{}')
    argvs = dict(version=['--version'], list=['list'], alibi=['run', 'alibi'], frob=['frobnicate'], report=['report'],
                 bad=['report', '--results', str(bad)], help=['--help'],
                 **{f'help_{c}': [c, '--help'] for c in ('list', 'run', 'report', 'bench', 'evidence')})
    return dict(zip(argvs, lx_many(*argvs.values())))

def test_version(runs):
    assert runs['version'][:2] == [0, f'lxbook {lxbook.__version__}\n']

def test_list_names_every_post_with_its_docs_page(runs):
    rc, out, err = runs['list']
    assert rc == 0, err
    for slug in ('hubness', 'position_robustness', 'tvd', 'rope_bias', 'global_extrapolation', 'emo', 'keynorm', 'attention_rnn'):
        assert slug in out and f'https://lxbook.github.io/lxbook/{slug}.html' in out
    assert 'benchmarks (lxbook bench NAME): ' in out and 'status from ' in out

def test_bad_input_exits_2_and_lists_valid_names(runs):
    (rc1, _, err1), (rc2, _, err2) = runs['alibi'], runs['frob']
    assert rc1 == 2 and "'alibi' is not a post" in err1 and 'runnable names' in err1
    assert rc2 == 2 and 'valid commands' in err2

def test_report_is_a_markdown_table_and_names_its_source(runs):
    rc, out, _ = runs['report']
    assert rc == 0 and out.startswith('| post | notebook | claim | verdict |')
    assert 'Source: ' in out and '(the source checkout)' in out

def test_every_help_names_the_locations_and_variables(runs):
    for rc, out, _ in [runs[k] for k in runs if k.startswith('help')]:
        assert rc == 0
        for var in ('LXBOOK_RESULTS', 'LXBOOK_CACHE', 'XDG_CACHE_HOME', 'LXBOOK_DEVICE', 'LXBOOK_FULL', 'quick results'):
            assert var in out, (var, out[:80])
        assert not out.rstrip().endswith(lxbook.__version__)        # no stray version line after every help
    bench = runs['help_bench'][1]
    assert 'benchmarks: all, ' in bench and 'harness' in bench and 'tvd' in bench

def test_report_survives_unreadable_files(runs):
    rc, out, err = runs['bad']
    assert rc == 1 and out.startswith('| post |') and 'Traceback' not in err
    assert err.splitlines() == [l for l in err.splitlines() if l.startswith('lxbook report: ')]
    assert '16_keynorm.json: not valid JSON' in err and 'bench-cpu.json: not a bench file' in err

def test_closed_pipe_ends_quietly():
    # the reader is gone before the first line is written, as with `lxbook list | head -1` after its line
    p = subprocess.Popen([sys.executable, '-c', CODE, 'list'], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    p.stdout.close()
    err = p.stderr.read(); rc = p.wait(timeout=300)
    assert err == '' and rc == 141, (rc, err)

def test_ctrl_c_ends_with_one_line_and_130():
    # as in a terminal: SIGINT at its default, even when the test runs under a shell that ignores it (nohup, cmd &)
    p = subprocess.Popen([sys.executable, '-c', CODE, 'run', 'tvd'], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    for line in p.stdout:                                        # wait until the run itself has started
        if 'run tvd (quick)' in line: break
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=300)
    assert p.returncode == 130 and len(err.strip().splitlines()) == 1 and err.startswith('lxbook run: interrupted'), err
