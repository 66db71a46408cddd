from ninja import Schema

from .rules import Location, location_parse


class LocationIn(Schema):
    """The phone's position (WGS 84) if the person allowed it. Absent or
    malformed, the record is kept and flagged ``unknown``, never refused."""

    latitude: float | None = None
    longitude: float | None = None
    accuracy: float | None = None

    def location(self) -> Location | None:
        return location_parse(
            latitude=self.latitude, longitude=self.longitude, accuracy=self.accuracy
        )
