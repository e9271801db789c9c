# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator's signature function against the documented vectors, and timestamp parsing."""

from datetime import datetime, timezone

import pytest

from sim_client import sign
from sinch_simulator.auth import compute_signature
from sinch_simulator.clock import parse_timestamp


def test_vector_with_body_and_leading_slash():
    body = b'{"message":"Hello world"}'
    signature = compute_signature("JViE5vDor0Sw3WllZka15Q==", "POST", body, "application/json", "2014-06-04T13:41:58Z", "/v1/sms/+46700000000")
    assert signature == "qDXMwzfaxCRS849c/2R0hg0nphgdHciTo7OdM6MsdnM="


def test_vector_of_the_number_administration_pages_signs_the_path_without_slash():
    args = ("GET", b"", "application/json", "2015-06-20T11:43:10.944Z")
    assert compute_signature("bRo76GRddEyetgJDTgkLHA==", *args, "v1/organisations") == "bb9i9SGuw8mPspPF6WHzIZxw4yQxdOwGaDliMi+IhCU="
    assert compute_signature("bRo76GRddEyetgJDTgkLHA==", *args, "/v1/organisations") != "bb9i9SGuw8mPspPF6WHzIZxw4yQxdOwGaDliMi+IhCU="


def test_test_helper_agrees_with_the_simulator():
    assert sign("JViE5vDor0Sw3WllZka15Q==", "PUT", b"{}", "", "2014-06-04T13:41:58Z", "/x") == compute_signature(
        "JViE5vDor0Sw3WllZka15Q==", "PUT", b"{}", "", "2014-06-04T13:41:58Z", "/x"
    )


@pytest.mark.parametrize(
    "text",
    ["2015-06-20T11:43:10.944Z", "2015-06-20T11:43:10Z", "2015-06-20T11:43:10.944+00:00", "2015-06-20T11:43:10.944123456Z", "2015-06-20T13:43:10.944+02:00"],
)
def test_accepted_timestamps(text):
    assert parse_timestamp(text).replace(microsecond=0) == datetime(2015, 6, 20, 11, 43, 10, tzinfo=timezone.utc)


@pytest.mark.parametrize("text", [None, "", "2015-06-20T11:43:10", "2015-06-20", "20150620T114310Z", "2015-13-20T11:43:10Z", "yesterday"])
def test_rejected_timestamps(text):
    assert parse_timestamp(text) is None
