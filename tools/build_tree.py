#!/usr/bin/env python
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Copy the collection's working tree to DEST (…/ansible_collections/sinch/numbers).

ansible-test and antsibull-docs need the collection at a path ending in
``ansible_collections/<namespace>/<name>``; a fresh clone can live anywhere, so the test command
copies it there. The copy is of the working tree (uncommitted files included), made anew each
time so that a file deleted in the source does not linger in the copy.

``tests/output`` of the copy is a symlink to the source's ``tests/output``, so everything
ansible-test and the other stages write ends up in one place a developer knows. The copy gets an
empty git repository of its own (see ``make_git_root``).
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import shutil
import subprocess
import sys

# Relative to the collection root (.venv-2.16 and the like: the venvs of other ansible-core versions).
EXCLUDED_PATHS = frozenset(('.venv', '.build', '.git', 'tests/output'))
EXCLUDED_TOP_LEVEL = ('.venv-*',)
# Anywhere in the tree.
EXCLUDED_NAMES = ('__pycache__', '*.pyc', '.pytest_cache', '.mypy_cache', '.ruff_cache', '*.tar.gz')


def excluded(relative_path):
    """Return True if the file or folder at ``relative_path`` (POSIX style) is not copied."""
    if relative_path in EXCLUDED_PATHS:
        return True
    if '/' not in relative_path and any(fnmatch.fnmatch(relative_path, pattern) for pattern in EXCLUDED_TOP_LEVEL):
        return True
    name = relative_path.rsplit('/', 1)[-1]
    return any(fnmatch.fnmatch(name, pattern) for pattern in EXCLUDED_NAMES)


def copy_tree(source, dest):
    """Replace ``dest`` with a copy of ``source`` less the excluded paths; return the file count."""
    source = os.path.abspath(source)
    dest = os.path.abspath(dest)
    if dest == source or dest.startswith(source + os.sep) and not excluded(
            os.path.relpath(dest, source).replace(os.sep, '/').split('/', 1)[0]):
        raise ValueError('destination %s lies inside a copied part of %s' % (dest, source))
    if os.path.lexists(dest):
        shutil.rmtree(dest)
    count = 0
    for root, dirs, files in os.walk(source):
        relative_root = os.path.relpath(root, source)
        relative_root = '' if relative_root == '.' else relative_root.replace(os.sep, '/') + '/'
        dirs[:] = sorted(d for d in dirs if not excluded(relative_root + d))
        os.makedirs(os.path.join(dest, relative_root), exist_ok=True)
        for name in files:
            if excluded(relative_root + name):
                continue
            # Symlinks stay symlinks, as git would check them out.
            shutil.copy2(os.path.join(root, name), os.path.join(dest, relative_root, name), follow_symlinks=False)
            count += 1
    return count


def link_output(source, dest):
    """Make ``dest``/tests/output a symlink to ``source``/tests/output (created if missing)."""
    output = os.path.join(os.path.abspath(source), 'tests', 'output')
    os.makedirs(output, exist_ok=True)
    os.makedirs(os.path.join(dest, 'tests'), exist_ok=True)
    os.symlink(output, os.path.join(dest, 'tests', 'output'))


def make_git_root(dest):
    """Give the copy a git repository of its own (nothing committed).

    ansible-test (and ansible-lint) take the nearest enclosing ``.git`` as the content root and
    list files with ``git ls-files``; the repository's own ``.git`` would then hide the whole copy,
    which lies in the ignored ``.build``. In a repository of its own every file is "untracked, not
    ignored", which both tools include.
    """
    if shutil.which('git') is None:
        return False
    subprocess.run(['git', 'init', '--quiet', dest], check=True)
    # git does not take the tests/output symlink for the folder that .gitignore ignores.
    with open(os.path.join(dest, '.git', 'info', 'exclude'), 'a', encoding='utf-8') as exclude:
        exclude.write('/tests/output\n')
    return True


def main(argv=None):
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('source', help='the collection root (the repository)')
    parser.add_argument('dest', help='…/ansible_collections/sinch/numbers')
    args = parser.parse_args(argv)

    count = copy_tree(args.source, args.dest)
    link_output(args.source, args.dest)
    make_git_root(args.dest)
    print('copied %d files to %s' % (count, args.dest))
    return 0


if __name__ == '__main__':
    sys.exit(main())
