#!/usr/bin/env python
# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Build the collection's docs site (module and plugin reference, user guide) with antsibull-docs, offline.

    build_docs.py COLLECTIONS_PATH DEST

COLLECTIONS_PATH holds ``ansible_collections/sinch/numbers`` (``make build`` installs the collection to
``.build/collections``); only that path is searched, so no other installed copy can be documented by mistake.
DEST (e.g. ``.build/docs``) receives ``src/`` (the Sphinx project from ``antsibull-docs sphinx-init``) and
``html/`` (the site; open ``html/index.html``).

Steps: ``antsibull-docs sphinx-init --use-current --fail-on-error --squash-hierarchy`` writes the Sphinx project,
then its generated ``build.sh`` renders the collection's docs (failing on any plugin whose documentation does
not parse) and runs ``sphinx-build -W --keep-going`` with ``nitpicky = True``, so every warning fails the build:
a broken reference, an unknown option in ``:ansopt:``, bad rst in the user guide.

Offline: the generated ``conf.py`` would fetch intersphinx inventories from docs.python.org, Jinja's and
Ansible's sites. Instead, the only inventory is a small local one naming the labels of the Ansible docs that
the generated pages and the guide refer to, and ansible-core's configuration variables, with their
docs.ansible.com addresses, so those links still work. A reference to an Ansible label missing from ``ANSIBLE_LABELS`` fails the build; add it there.
Finally the site is checked for a page per module and plugin and per user guide entry.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import zlib

import yaml

COLLECTION = 'sinch.numbers'
ANSIBLE_DOCS = 'https://docs.ansible.com/projects/ansible/devel/'
# label: (page and anchor under ANSIBLE_DOCS, title)
ANSIBLE_LABELS = {
    'ansible_configuration_settings': ('reference_appendices/config.html#ansible-configuration-settings',
                                       'Ansible Configuration Settings'),
    'common_return_values': ('reference_appendices/common_return_values.html#common-return-values', 'Return Values'),
    'collections_keyword': ('collections_guide/collections_using_playbooks.html#collections-keyword',
                            'Using collections in playbooks'),
    'action_plugins': ('plugins/action.html#action-plugins', 'Action plugins'),
    'inventory_plugins': ('plugins/inventory.html#inventory-plugins', 'Inventory plugins'),
    'module_defaults': ('playbook_guide/playbooks_module_defaults.html#module-defaults', 'Module defaults'),
    'check_mode_dry': ('playbook_guide/playbooks_checkmode.html#check-mode-dry',
                       'Validating tasks: check mode and diff mode'),
}
INVENTORY_NAME = 'ansible_devel.inv'
CONF_OVERRIDE = '''
# Added by tools/build_docs.py: build offline. The one intersphinx inventory is local (see that script).
intersphinx_mapping = {
    'ansible_devel': (%(docs)r, %(inventory)r),
}
# The theme's top bar links to the collection's own pages instead of Ansible's.
html_theme_options = dict(globals().get('html_theme_options') or {}, topbar_links=%(links)r)
'''


def core_environment_variables():
    """The environment variables of ansible-core's own configuration (documented on its configuration page).

    antsibull-docs links a plugin option's variable there when ansible-core defines it too, e.g. the
    ANSIBLE_CACHE_PLUGIN* variables of the inventory cache options.
    """
    import ansible.config

    with open(os.path.join(os.path.dirname(ansible.config.__file__), 'base.yml')) as handle:
        settings = yaml.safe_load(handle)
    return sorted({entry['name'] for setting in settings.values() if isinstance(setting, dict)
                   for entry in setting.get('env') or [] if isinstance(entry, dict) and entry.get('name')})


def write_inventory(path):
    """Write a Sphinx (v2) object inventory: ANSIBLE_LABELS as ``std:label``, core variables as ``std:envvar``."""
    header = ('# Sphinx inventory version 2\n# Project: Ansible\n# Version: devel\n'
              '# The remainder of this file is compressed using zlib.\n')
    lines = ''.join('%s std:label -1 %s %s\n' % (label, uri, title) for label, (uri, title) in sorted(ANSIBLE_LABELS.items()))
    lines += ''.join('%s std:envvar -1 reference_appendices/config.html#envvar-%s -\n' % (name, name)
                     for name in core_environment_variables())
    with open(path, 'wb') as handle:
        handle.write(header.encode('utf-8') + zlib.compress(lines.encode('utf-8')))


def topbar_links(collection_root):
    """Repository and issue tracker of the collection, from its MANIFEST.json (or galaxy.yml)."""
    manifest = os.path.join(collection_root, 'MANIFEST.json')
    if os.path.exists(manifest):
        with open(manifest) as handle:
            info = json.load(handle)['collection_info']
    else:
        with open(os.path.join(collection_root, 'galaxy.yml')) as handle:
            info = yaml.safe_load(handle)
    links = {'Repository': info.get('repository'), 'Issues': info.get('issues')}
    return {title: url for title, url in links.items() if url}


def expected_pages(collection_root):
    """Pages the site must have (relative to html/): one per module and plugin, one per user guide entry."""
    pages = ['index.html']
    plugins = os.path.join(collection_root, 'plugins')
    for plugin_type in sorted(os.listdir(plugins)) if os.path.isdir(plugins) else []:
        if plugin_type in ('module_utils', 'doc_fragments', 'plugin_utils') or not os.path.isdir(os.path.join(plugins, plugin_type)):
            continue
        suffix = 'module' if plugin_type == 'modules' else plugin_type
        for name in sorted(os.listdir(os.path.join(plugins, plugin_type))):
            if name.endswith('.py') and not name.startswith('_'):
                pages.append('%s_%s.html' % (name[:-3], suffix))
    extra_docs = os.path.join(collection_root, 'docs', 'docsite', 'extra-docs.yml')
    if os.path.exists(extra_docs):
        with open(extra_docs) as handle:
            for section in (yaml.safe_load(handle) or {}).get('sections') or []:
                pages.extend('docsite/%s.html' % entry for entry in section.get('toctree') or [])
    return pages


def run(command, cwd, env, log):
    """Run ``command``, its output to ``log`` and to ours; raise SystemExit with its status on failure."""
    print('docs: %s' % ' '.join(command), flush=True)
    with open(log, 'ab') as handle:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        for line in process.stdout:
            handle.write(line)
            sys.stdout.buffer.write(line)
        status = process.wait()
    sys.stdout.flush()
    if status:
        problems = [line for line in open(log, encoding='utf-8', errors='replace') if 'WARNING' in line or 'ERROR' in line]
        print('docs: failed (exit %d); log: %s' % (status, log), file=sys.stderr)
        sys.stderr.writelines(problems[:40])
        raise SystemExit(status)


def main(argv=None):
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('collections_path', help='folder holding ansible_collections/sinch/numbers')
    parser.add_argument('dest', help='output folder; gets src/ and html/')
    args = parser.parse_args(argv)

    start = time.monotonic()
    collections_path = os.path.abspath(args.collections_path)
    collection_root = os.path.join(collections_path, 'ansible_collections', *COLLECTION.split('.'))
    if not os.path.isfile(os.path.join(collection_root, 'MANIFEST.json')) and \
            not os.path.isfile(os.path.join(collection_root, 'galaxy.yml')):
        parser.error('%s is not installed in %s (run make build)' % (COLLECTION, collections_path))
    dest = os.path.abspath(args.dest)
    src = os.path.join(dest, 'src')
    html = os.path.join(dest, 'html')
    log = os.path.join(dest, 'build.log')
    shutil.rmtree(src, ignore_errors=True)
    shutil.rmtree(html, ignore_errors=True)
    os.makedirs(dest, exist_ok=True)
    # antsibull-docs only writes into a directory that only its owner can write to.
    os.makedirs(src, mode=0o700)
    os.chmod(src, 0o700)
    if os.path.exists(log):
        os.remove(log)

    env = dict(os.environ)
    env.update(ANSIBLE_COLLECTIONS_PATH=collections_path, ANSIBLE_COLLECTIONS_SCAN_SYS_PATH='false')
    # The tools next to this interpreter (the project's venv) first.
    env['PATH'] = os.path.dirname(sys.executable) + os.pathsep + env.get('PATH', '')

    run(['antsibull-docs', 'sphinx-init', '--use-current', '--fail-on-error', '--squash-hierarchy',
         '--dest-dir', src, '--project', COLLECTION, '--title', '%s collection' % COLLECTION,
         '--copyright', 'sinch.numbers contributors', COLLECTION], cwd=dest, env=env, log=log)
    with open(os.path.join(src, 'conf.py'), 'a') as handle:
        handle.write(CONF_OVERRIDE % dict(docs=ANSIBLE_DOCS, inventory='../' + INVENTORY_NAME,  # relative to src/rst
                                          links=topbar_links(collection_root)))
    write_inventory(os.path.join(src, INVENTORY_NAME))
    run(['bash', os.path.join(src, 'build.sh')], cwd=src, env=env, log=log)
    os.rename(os.path.join(src, 'build', 'html'), html)

    missing = [page for page in expected_pages(collection_root) if not os.path.isfile(os.path.join(html, page))]
    if missing:
        print('docs: the site lacks %s (log: %s)' % (', '.join(missing), log), file=sys.stderr)
        return 1
    print('docs: built %s/index.html in %.1f s' % (html, time.monotonic() - start))
    return 0


if __name__ == '__main__':
    sys.exit(main())
