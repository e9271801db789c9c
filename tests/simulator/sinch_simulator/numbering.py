# Copyright: sinch.numbers contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Deterministic phone number generation.

A number is ``calling code + area code without its trunk 0 + subscriber digits``, padded to
the country's national significant number length. Two disjoint subscriber ranges keep
generated numbers apart from each other (and from fixture numbers, which use neither range
unless they choose to):

* shop checkout: ``555`` + zero-padded sequence, lowest unused first
  (US 415 -> 14155550000, 14155550001, ...; GB 020 -> 442055500000; FR 01 -> 33155500000);
* bulk (``--numbers N``): ``2`` + zero-padded index (US 415 -> 14152000000, ...).
"""

# countryId -> (calling code, national significant number length)
COUNTRIES = {
    "US": ("1", 10),
    "CA": ("1", 10),
    "GB": ("44", 10),
    "FR": ("33", 9),
    "SE": ("46", 9),
}

SHOP_EXCHANGE = "555"
BULK_EXCHANGE = "2"


class NumberPlan:
    """Number layout of one country/area code pair."""

    def __init__(self, country_id, area_code):
        if country_id not in COUNTRIES:
            raise ValueError("no numbering plan for country %r (known: %s)" % (country_id, ", ".join(sorted(COUNTRIES))))
        calling_code, national_length = COUNTRIES[country_id]
        area = str(area_code).lstrip("0")
        self.prefix = calling_code + area
        self.subscriber_digits = national_length - len(area)
        if self.subscriber_digits <= len(SHOP_EXCHANGE):
            raise ValueError("area code %r is too long for %s numbers" % (area_code, country_id))

    def shop_numbers(self, count, in_use):
        """The ``count`` lowest shop-range numbers not in ``in_use`` (a container of ints)."""
        width = self.subscriber_digits - len(SHOP_EXCHANGE)
        found = []
        for sequence in range(10 ** width):
            candidate = int(self.prefix + SHOP_EXCHANGE + str(sequence).zfill(width))
            if candidate not in in_use:
                found.append(candidate)
                if len(found) == count:
                    return found
        raise ValueError("number range %s%s is exhausted" % (self.prefix, SHOP_EXCHANGE))

    def bulk_number(self, index):
        """The ``index``-th bulk number (digits only, as a string)."""
        width = self.subscriber_digits - len(BULK_EXCHANGE)
        if index >= 10 ** width:
            raise ValueError("bulk range %s%s holds only %d numbers" % (self.prefix, BULK_EXCHANGE, 10 ** width))
        return self.prefix + BULK_EXCHANGE + str(index).zfill(width)
