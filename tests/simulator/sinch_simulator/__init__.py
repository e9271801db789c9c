# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A local, stateful simulator of the Sinch legacy Number Administration API and Numbers API v1.

Run it with ``PYTHONPATH=tests/simulator python -m sinch_simulator --port 0`` or, from pytest,
``start_simulator()``. See ``tests/simulator/README.md``.
"""

from .fixture import FixtureError, default_fixture_path
from .server import SimulatorHandle, start_simulator

__all__ = ["FixtureError", "SimulatorHandle", "default_fixture_path", "start_simulator"]
