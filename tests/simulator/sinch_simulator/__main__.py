# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Command line: ``python -m sinch_simulator`` (or ``python tests/simulator/sinch_simulator``).

Prints exactly one line, ``SINCH_SIMULATOR_URL=http://HOST:PORT``, once the port is open, then
serves until SIGTERM or SIGINT.
"""

import argparse
import os
import signal
import sys
import threading

if not __package__:
    # Run as a directory: make the package importable by its name instead of exposing its
    # modules as top-level ones.
    sys.path[0] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

from sinch_simulator.fixture import FixtureError, default_fixture_path  # noqa: E402 (imported after the sys.path change above)
from sinch_simulator.server import start_simulator  # noqa: E402 (imported after the sys.path change above)


def _parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m sinch_simulator", description="Local simulator of the Sinch number APIs.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port to listen on; 0 picks a free one (default: 0)")
    parser.add_argument("--fixture", default=default_fixture_path(), help="YAML fixture (default: fixtures/default.yml)")
    parser.add_argument("--url-file", help="also write the URL to this file (removed again on exit)")
    parser.add_argument("--numbers", type=int, default=0, metavar="N", help="add N generated legacy and N active numbers")
    return parser.parse_args(argv)


def _write_atomically(path, text):
    """Readers polling for the file never see it half written."""
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, path)


def main(argv=None):
    args = _parse_args(argv)
    try:
        handle = start_simulator(args.fixture, args.numbers, args.host, args.port)
    except (FixtureError, OSError) as error:
        print("sinch_simulator: %s" % error, file=sys.stderr)
        return 2
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    try:
        if args.url_file:
            _write_atomically(args.url_file, handle.url)
        print("SINCH_SIMULATOR_URL=%s" % handle.url, flush=True)
        while not stop.wait(0.5):
            pass
    finally:
        handle.stop()
        if args.url_file and os.path.exists(args.url_file):
            os.remove(args.url_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
