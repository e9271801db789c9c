# Copyright (c) 2026, sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The build tooling in tools/ is a set of scripts, not a package: load them by path."""

from __future__ import annotations

import importlib.util
import os

import pytest

COLLECTION_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
TOOLS = os.path.join(COLLECTION_ROOT, 'tools')


def load_tool(name):
    """Import tools/<name>.py as a module of its own."""
    spec = importlib.util.spec_from_file_location('sinch_numbers_tools_' + name, os.path.join(TOOLS, name + '.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def tool():
    """Return the loader, e.g. ``tool('build_tree')``."""
    return load_tool
